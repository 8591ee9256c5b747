"""The test servers themselves work: a delivered message can be read back over IMAP."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from imapclient import IMAPClient

from mail_servers import PASSWORD


def test_dovecot_delivers_and_lists_special_folders(imap_server):
    user = imap_server.new_user()
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "hr@acme.example", f"{user}@example.test", "Hello"
    message.set_content("Thanks for coming in.\n")
    imap_server.deliver(user, message.as_bytes())
    with IMAPClient(imap_server.host, port=imap_server.port, ssl=False, timeout=10) as client:
        client.login(user, PASSWORD)
        uses = {name: flags for flags, _sep, name in client.list_folders()}
        assert b"\\Sent" in uses["Sent"]
        assert b"\\Junk" in uses["Junk"]
        client.select_folder("INBOX")
        assert len(client.search()) == 1


def test_aiosmtpd_accepts_authenticated_mail(smtp_server):
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=10) as smtp:
        smtp.login("me", PASSWORD)
        smtp.sendmail("me@example.test", ["ann@acme.example"], b"Subject: hi\r\n\r\nhello\r\n")
    assert smtp_server.messages[0].rcpt_tos == ["ann@acme.example"]
