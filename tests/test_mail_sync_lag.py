"""The sync lag the operator sees counts from the last successful sync, news or not (real Dovecot)."""

from __future__ import annotations

from followup.app import operations
from followup.app.mail_sync import sync
from followup.mail.accounts import MailAccount
from mail_servers import PASSWORD


def test_a_sync_without_news_still_counts_as_read(env, imap_server, monkeypatch, clock):
    monkeypatch.setenv("FOLLOWUP_TEST_LAG_PASSWORD", PASSWORD)
    user = imap_server.new_user()
    account = MailAccount(
        name="work",
        email=f"{user}@example.test",
        imap_host=imap_server.host,
        imap_port=imap_server.port,
        imap_security="none",
        imap_user=user,
        password_env="FOLLOWUP_TEST_LAG_PASSWORD",
    )
    assert operations.figures(env).mailboxes == 0
    sync(env, account)
    clock.advance(minutes=30)
    assert operations.figures(env).oldest_read_age == 30 * 60

    sync(env, account)  # nothing new in the mailbox
    clock.advance(minutes=5)
    figures = operations.figures(env)
    assert (figures.mailboxes, figures.mailboxes_never_read, figures.oldest_read_age) == (1, 0, 5 * 60)
