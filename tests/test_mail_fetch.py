"""`fetch_section`, the fast reader of a UID FETCH of one body section per message.

Against a real Dovecot over plain imaplib: the contents equal what imaplib's own
`uid("FETCH")` reads, byte-exact even for bodies that look like IMAP protocol, UID ranges
with gaps and above every UID, a failing command, and the connection staying usable.
Against a scripted loopback server (a real imaplib.IMAP4 on a real socket): response
shapes Dovecot does not send on demand (other item orders, inline and NIL sections,
several literals, interleaved untagged responses, a NO reply, a connection closed
mid-response, shapes not read here), and a property test over random literal contents.
"""

from __future__ import annotations

import contextlib
import imaplib
import itertools
import re
import socketserver
import threading
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.mail import fetch
from followup.mail.fetch import fetch_section
from mail_servers import PASSWORD, ImapServer

BODY = rb"BODY\[\]"
HEADERS = rb"BODY\[HEADER\.FIELDS \([^)]*\)\]"
HEADER_ITEMS = "(BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])"
BODY_ITEMS = "(BODY.PEEK[] INTERNALDATE)"


# -- against Dovecot ---------------------------------------------------------------------------


def message(n: int, body: bytes | None = None) -> bytes:
    head = b"From: Ann <ann@acme.example>\r\nSubject: message %d\r\nMessage-ID: <m%d@test>\r\n\r\n" % (n, n)
    return head + (b"Hello %d\r\n" % n if body is None else body)


class Mailbox:
    """A fresh Dovecot user; every connection opened here is closed after the test."""

    def __init__(self, server: ImapServer) -> None:
        self.server, self.user = server, server.new_user()
        self.connections: list[imaplib.IMAP4] = []

    def deliver(self, *raws: bytes) -> None:
        for raw in raws:
            self.server.deliver(self.user, raw)

    def connect(self, readonly: bool = True) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(self.server.host, self.server.port, timeout=10)
        self.connections.append(imap)
        imap.login(self.user, PASSWORD)
        imap.select("INBOX", readonly=readonly)
        return imap


@pytest.fixture
def mailbox(imap_server) -> Iterator[Mailbox]:
    box = Mailbox(imap_server)
    yield box
    for imap in box.connections:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            imap.logout()


def by_imaplib(imap: imaplib.IMAP4, uid_set: str, items: str) -> dict[int, tuple[bytes, bytes]]:
    """What imaplib reads for the same command: by UID, (content, the response line before it)."""
    typ, data = imap.uid("FETCH", uid_set, items)
    assert typ == "OK"
    found = {}
    for part in data:
        if isinstance(part, tuple):
            uid = re.search(rb"UID (\d+)", part[0])
            assert uid is not None
            found[int(uid[1])] = (part[1], part[0])
    return found


def contents(found: dict[int, tuple[bytes, bytes]] | None) -> dict[int, bytes]:
    assert found is not None
    return {uid: content for uid, (content, _) in found.items()}


def test_contents_equal_imaplibs_and_the_connection_stays_usable(mailbox):
    mailbox.deliver(*(message(n) for n in range(1, 5)))
    imap = mailbox.connect()

    headers = fetch_section(imap, "1:*", HEADER_ITEMS, HEADERS)
    bodies = fetch_section(imap, "1:*", BODY_ITEMS, BODY)

    assert contents(headers) == {
        n: b"From: Ann <ann@acme.example>\r\nSubject: message %d\r\n\r\n" % n for n in (1, 2, 3, 4)
    }
    assert contents(bodies) == {n: message(n) for n in (1, 2, 3, 4)}
    assert imap.noop()[0] == "OK"
    assert contents(headers) == {uid: c for uid, (c, _) in by_imaplib(imap, "1:*", HEADER_ITEMS).items()}
    reference = by_imaplib(imap, "1:*", BODY_ITEMS)
    assert contents(bodies) == {uid: c for uid, (c, _) in reference.items()}
    assert bodies is not None
    for uid, (_, text) in bodies.items():  # the caller reads the arrival time from the text
        internaldate = re.search(rb'INTERNALDATE "[^"]+"', reference[uid][1])
        assert internaldate is not None
        assert internaldate[0] in text
    assert contents(fetch_section(imap, "2", HEADER_ITEMS, HEADERS)) == {2: contents(headers)[2]}


def test_bodies_that_look_like_protocol_come_back_byte_exact(mailbox, monkeypatch):
    monkeypatch.setattr(fetch, "_tags", itertools.count(1))  # so that the command's tag is Z1
    tricky = {
        1: b"Z1 OK done\r\nZ1 NO [ALERT] failed\r\n* 1 FETCH (UID 1 BODY[] {12}\r\n)\r\n",
        2: b"ends with a literal marker {12}\r\n\r\n\r\n{0}\r\n",
        3: "Grüße, Ærø — 日本語\r\n".encode() * 3,
        4: b"no final line break {3}",
        5: b"",
    }
    mailbox.deliver(*(message(n, body) for n, body in tricky.items()))
    eight_bit = b"From: \xc3\x86 <ae@x.test>\r\nSubject: \xe2\x82\xac {5}\r\n\r\nZ1 OK\r\n"
    mailbox.deliver(eight_bit)
    imap = mailbox.connect()

    bodies = fetch_section(imap, "1:*", BODY_ITEMS, BODY)
    headers = fetch_section(imap, "1:*", HEADER_ITEMS, HEADERS)

    assert contents(bodies) == {**{n: message(n, body) for n, body in tricky.items()}, 6: eight_bit}
    assert contents(headers)[6] == b"From: \xc3\x86 <ae@x.test>\r\nSubject: \xe2\x82\xac {5}\r\n\r\n"
    assert contents(bodies) == {uid: c for uid, (c, _) in by_imaplib(imap, "1:*", BODY_ITEMS).items()}
    assert contents(headers) == {uid: c for uid, (c, _) in by_imaplib(imap, "1:*", HEADER_ITEMS).items()}


def test_expunged_uids_are_left_out(mailbox):
    mailbox.deliver(*(message(n) for n in range(1, 6)))
    writer = mailbox.connect(readonly=False)
    assert writer.uid("STORE", "2,4", "+FLAGS", r"(\Deleted)")[0] == "OK"
    assert writer.expunge()[0] == "OK"
    imap = mailbox.connect()

    assert contents(fetch_section(imap, "1:5", BODY_ITEMS, BODY)) == {1: message(1), 3: message(3), 5: message(5)}
    assert fetch_section(imap, "2,4", BODY_ITEMS, BODY) == {}
    assert contents(fetch_section(imap, "1:5", HEADER_ITEMS, HEADERS)).keys() == {1, 3, 5}


def test_mail_arriving_during_the_session_is_skipped_until_reported(mailbox):
    mailbox.deliver(message(1))
    imap = mailbox.connect()
    mailbox.deliver(message(2))  # Dovecot answers the next FETCH, then sends * 2 EXISTS, * 2 RECENT

    assert contents(fetch_section(imap, "1:*", BODY_ITEMS, BODY)) == {1: message(1)}
    assert contents(fetch_section(imap, "1:*", BODY_ITEMS, BODY)) == {1: message(1), 2: message(2)}


def test_a_range_above_every_uid_gives_the_highest_message(mailbox):
    mailbox.deliver(*(message(n) for n in range(1, 4)))
    imap = mailbox.connect()

    # 100:* means *:100, which holds the highest message: the caller drops UIDs below 100.
    assert contents(fetch_section(imap, "100:*", BODY_ITEMS, BODY)) == {3: message(3)}


def test_a_rejected_command_raises_and_leaves_the_connection_usable(mailbox):
    mailbox.deliver(message(1))
    imap = mailbox.connect()

    with pytest.raises(imaplib.IMAP4.error, match="BAD"):
        fetch_section(imap, "1:*", "(NOSUCHITEM)", BODY)

    assert imap.noop()[0] == "OK"
    assert contents(fetch_section(imap, "1:*", BODY_ITEMS, BODY)) == {1: message(1)}
    assert by_imaplib(imap, "1", BODY_ITEMS)[1][0] == message(1)


def test_the_imaplib_connection_under_imapclient_is_still_reachable(mailbox):
    # IMAPClient keeps its imaplib connection in a private attribute: if a new version
    # drops or renames it, the fast FETCH reader and LIST-STATUS would silently go unused.
    from imapclient import IMAPClient

    from followup.mail.imap import imaplib_connection

    mailbox.deliver(message(1))
    client = IMAPClient(mailbox.server.host, port=mailbox.server.port, ssl=False, timeout=10)
    try:
        client.login(mailbox.user, PASSWORD)
        client.select_folder("INBOX", readonly=True)
        underneath = imaplib_connection(client)
        assert isinstance(underneath, imaplib.IMAP4)
        assert client.use_uid
        assert contents(fetch_section(underneath, "1:*", BODY_ITEMS, BODY)) == {1: message(1)}
        assert client.fetch([1], ["BODY.PEEK[]"])[1][b"BODY[]"] == message(1)  # IMAPClient still in step
    finally:
        client.logout()
    assert imaplib_connection(object()) is None


def test_list_status_goes_through_imaplibs_public_extension_command(mailbox):
    # `xatom` sends the command and `response` takes the untagged answers out of imaplib's store.
    imap = mailbox.connect()
    typ, _data = imap.xatom("LIST", "()", '""', '("INBOX")', "RETURN", "(STATUS (MESSAGES))")
    assert typ == "OK"
    assert imap.response("LIST")[1] != [None]
    assert b"MESSAGES" in imap.response("STATUS")[1][0]
    assert imap.response("STATUS")[1] == [None]  # taken out: no later command sees it


# -- against a scripted server -----------------------------------------------------------------

TAG = b"\0TAG\0"  # in a generated literal: stands for the tag of the command being answered
DATE = b'INTERNALDATE "17-Nov-2026 09:30:00 +0100"'
FAKE = b"* 2 FETCH (UID 8 BODY[] {1}\r\n"  # 29 bytes of literal that look like another response


Reply = tuple[bytes | Callable[[bytes], bytes], bytes | None]


class ScriptedImap(socketserver.ThreadingTCPServer):
    """Just enough IMAP for imaplib to log in and select; each UID FETCH is answered with the
    next of `replies`: a transcript (or a function of the command's tag giving it), then the
    tagged status (None: close the connection instead)."""

    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Conversation)
        self.replies: list[Reply] = []
        self.fetches: list[bytes] = []  # the UID FETCH commands received


class _Conversation(socketserver.StreamRequestHandler):
    timeout = 5  # nothing hangs: a silent client ends the conversation
    server: ScriptedImap

    def handle(self) -> None:
        with contextlib.suppress(OSError):
            self.converse()

    def converse(self) -> None:
        write = self.wfile.write
        write(b"* OK ready\r\n")
        while line := self.rfile.readline():
            tag, _, command = line.rstrip(b"\r\n").partition(b" ")
            verb = command.split(b" ", 1)[0].upper()
            if verb == b"UID" and self.server.replies:
                self.server.fetches.append(line)
                transcript, status = self.server.replies.pop(0)
                answer = transcript if isinstance(transcript, bytes) else transcript(tag)
                if status is None:
                    write(answer)
                    return
                write(answer + tag + b" " + status + b"\r\n")  # one write: no Nagle delay
            elif verb == b"CAPABILITY":
                write(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
            elif verb == b"SELECT":
                write(b"* 3 EXISTS\r\n* 0 RECENT\r\n" + tag + b" OK [READ-WRITE] selected\r\n")
            elif verb == b"NOOP":
                write(b"* 4 EXISTS\r\n" + tag + b" OK NOOP done\r\n")
            elif verb == b"LOGOUT":
                write(b"* BYE bye\r\n" + tag + b" OK bye\r\n")
                return
            else:
                write(tag + (b" OK done\r\n" if verb == b"LOGIN" else b" BAD not scripted\r\n"))


@pytest.fixture(scope="module")
def scripted() -> Iterator[ScriptedImap]:
    server = ScriptedImap()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


@contextlib.contextmanager
def serving(server: ScriptedImap, *replies: Reply) -> Iterator[imaplib.IMAP4]:
    """A logged-in imaplib connection to `server`, which answers UID FETCH with `replies`."""
    server.replies = list(replies)
    imap = imaplib.IMAP4("127.0.0.1", server.server_address[1], timeout=5)
    try:
        imap.login("me", "secret")
        imap.select("INBOX")
        yield imap
    finally:
        with contextlib.suppress(OSError):
            imap.shutdown()


def in_sync(imap: imaplib.IMAP4) -> bool:
    """The next command gets its own answer: nothing of the FETCH was left unread."""
    return imap.noop() == ("OK", [b"NOOP done"])


SHAPES = {  # what follows "* 1 FETCH (": the response to UID FETCH 7
    "uid-last": (b"BODY[] {5}\r\nhello UID 7)\r\n", BODY, {7: b"hello"}),
    "internaldate-first": (b"UID 7 " + DATE + b" BODY[] {5}\r\nhello)\r\n", BODY, {7: b"hello"}),
    "uid-after-flags": (DATE + b" BODY[] {5}\r\nhello FLAGS (\\Seen) UID 7)\r\n", BODY, {7: b"hello"}),
    "lower-case": (b"uid 7 body[] {5}\r\nhello)\r\n", BODY, {7: b"hello"}),
    "empty-literal": (b"UID 7 BODY[] {0}\r\n)\r\n", BODY, {7: b""}),
    "quoted": (b'UID 7 BODY[] "say \\"hi\\" \\\\ bye")\r\n', BODY, {7: b'say "hi" \\ bye'}),
    "nil": (b"UID 7 BODY[] NIL)\r\n", BODY, {7: b""}),
    "other-literal-first": (b"UID 7 BODY[HEADER] {3}\r\nabc BODY[] {5}\r\nhello)\r\n", BODY, {7: b"hello"}),
    "other-literal-after": (b"UID 7 BODY[] {5}\r\nhello BODY[HEADER] {29}\r\n" + FAKE + b")\r\n", BODY, {7: b"hello"}),
    "header-fields": (b"UID 7 BODY[HEADER.FIELDS (FROM)] {9}\r\nFrom: a\r\n)\r\n", HEADERS, {7: b"From: a\r\n"}),
    "header-fields-quoted": (b'UID 7 BODY[HEADER.FIELDS (FROM)] "From: a")\r\n', HEADERS, {7: b"From: a"}),
}


@pytest.mark.parametrize(("transcript", "section", "expected"), SHAPES.values(), ids=SHAPES.keys())
def test_other_response_shapes_are_read(scripted, transcript, section, expected):
    with serving(scripted, (b"* 1 FETCH (" + transcript, b"OK done")) as imap:
        found = fetch_section(imap, "7", "(BODY.PEEK[])", section)

        assert contents(found) == expected
        assert in_sync(imap)


def test_the_response_text_around_the_section_is_returned(scripted):
    transcript = b"* 1 FETCH (UID 7 " + DATE + b" BODY[] {5}\r\nhello FLAGS (\\Seen))\r\n"
    with serving(scripted, (transcript, b"OK done")) as imap:
        found = fetch_section(imap, "7", BODY_ITEMS, BODY)

    assert found is not None
    assert DATE in found[7][1]
    assert b"FLAGS (\\Seen)" in found[7][1]
    assert re.fullmatch(rb"Z\d+ UID FETCH 7 \(BODY\.PEEK\[\] INTERNALDATE\)\r\n", scripted.fetches[-1])


def test_untagged_responses_in_between_are_skipped(scripted):
    transcript = (
        b"* 3 EXISTS\r\n"
        b"* 1 FETCH (UID 7 BODY[] {5}\r\nhello)\r\n"
        b"* 2 EXPUNGE\r\n"
        b"* 2 FETCH (FLAGS (\\Seen) UID 9)\r\n"
        b"* OK [ALERT] mind the gap\r\n"
        b"* 1 RECENT\r\n"
        b"* 2 FETCH (UID 8 BODY[] {6}\r\nworld!)\r\n"
        b"* 5 EXISTS\r\n"
    )
    with serving(scripted, (transcript, b"OK done")) as imap:
        assert contents(fetch_section(imap, "7:9", "(BODY.PEEK[])", BODY)) == {7: b"hello", 8: b"world!"}
        assert in_sync(imap)


@pytest.mark.parametrize("status", [b"NO [SERVERBUG] could not read", b"BAD command unknown"])
def test_a_failed_command_raises_imaplib_error_and_stays_in_sync(scripted, status):
    transcript = b"* 1 FETCH (UID 7 BODY[] {5}\r\nhello)\r\n"
    with serving(scripted, (transcript, status)) as imap:
        with pytest.raises(imaplib.IMAP4.error, match=status.split(b" ")[0].decode()) as raised:
            fetch_section(imap, "7", "(BODY.PEEK[])", BODY)

        assert not isinstance(raised.value, imaplib.IMAP4.abort)
        assert in_sync(imap)


@pytest.mark.parametrize(
    "transcript",
    [
        b"",
        b"* 1 FETCH (UID 7 BODY[] {50}\r\nonly part of it",
        b"* 1 FETCH (UID 7 BODY[] {5}\r\nhello",
        b"* 1 FETCH (UID 7 BODY[HEADER] {3}\r\nabc BODY[] {50}\r\nonly part",
        b"* 1 FETCH (UID 7 BODY[] {5}\r\nhello)\r\n",
    ],
    ids=["before-anything", "mid-literal", "after-literal", "mid-second-literal", "before-tagged-line"],
)
def test_a_connection_closed_mid_response_raises_abort(scripted, transcript):
    with serving(scripted, (transcript, None)) as imap, pytest.raises(imaplib.IMAP4.abort):
        fetch_section(imap, "7", "(BODY.PEEK[])", BODY)


@pytest.mark.parametrize(
    "unreadable",
    [b"* 2 FETCH (UID 8 BODY[] ~{6}\r\nworld!)\r\n", b"* 2 FETCH (UID 8 BODY[]<0> {6}\r\nworld!)\r\n"],
    ids=["literal8", "partial"],
)
def test_a_shape_not_read_here_gives_none_after_the_whole_response(scripted, unreadable):
    transcript = b"* 1 FETCH (UID 7 BODY[] {5}\r\nhello)\r\n" + unreadable + b"* 3 FETCH (UID 9 BODY[] {2}\r\nhi)\r\n"
    with serving(scripted, (transcript, b"OK done"), (b"* 1 FETCH (UID 7 BODY[] {2}\r\nok)\r\n", b"OK done")) as imap:
        assert fetch_section(imap, "7:9", "(BODY.PEEK[])", BODY) is None
        assert in_sync(imap)
        assert contents(fetch_section(imap, "7", "(BODY.PEEK[])", BODY)) == {7: b"ok"}


# Literal contents that look like IMAP; untagged responses that carry no section.
_TRICKY = [b"\r\n", b"{5}\r\n", b"{0}", b")\r\n", b'"', b"\\", b"~{2}\r\n", b"* 1 FETCH (UID 3 BODY[] {3}\r\n"]
_TRICKY += [TAG + b" OK done\r\n", TAG + b" ", b"Z1 NO\r\n", b"UID 4 ", "é€".encode()]
_UNSOLICITED = [b"* 9 EXISTS\r\n", b"* 1 EXPUNGE\r\n", b"* 2 FETCH (FLAGS (\\Seen) UID 99)\r\n", b"* 0 RECENT\r\n"]
_SHAPES = [
    b"(UID %(uid)d BODY[] %(literal)s)",
    b"(BODY[] %(literal)s UID %(uid)d)",
    b"(UID %(uid)d " + DATE + b" BODY[] %(literal)s FLAGS (\\Seen))",
    b"(UID %(uid)d BODY[HEADER] {4}\r\n{1}\r BODY[] %(literal)s)",
    b"(UID %(uid)d BODY[] %(literal)s BODY[HEADER] %(literal)s)",
]


Piece = bytes | tuple[int, bytes, bytes]  # an unsolicited response, or (UID, content, shape)


@st.composite
def responses(draw: st.DrawFn) -> list[Piece]:
    """The untagged responses of a FETCH: messages' contents in various shapes, others between."""
    content = st.lists(st.sampled_from(_TRICKY) | st.binary(max_size=12), max_size=6).map(b"".join)
    pieces: list[Piece] = []
    for uid, body in draw(st.dictionaries(st.integers(1, 98), content, max_size=5)).items():
        pieces += draw(st.lists(st.sampled_from(_UNSOLICITED), max_size=2))
        pieces.append((uid, body, draw(st.sampled_from(_SHAPES))))
    return pieces + draw(st.lists(st.sampled_from(_UNSOLICITED), max_size=2))


def render(pieces: list[Piece], tag: bytes) -> bytes:
    out, n = [], 0
    for piece in pieces:
        if isinstance(piece, bytes):
            out.append(piece)
            continue
        uid, body, shape = piece
        body, n = body.replace(TAG, tag), n + 1
        literal = b"{%d}\r\n%s" % (len(body), body)
        out.append(b"* %d FETCH %s\r\n" % (n, shape % {b"uid": uid, b"literal": literal}))
    return b"".join(out)


@settings(max_examples=50, deadline=None)
@given(responses())
def test_any_literal_content_comes_back_exactly(scripted, pieces):
    with serving(scripted, (lambda tag: render(pieces, tag), b"OK done")) as imap:
        found = fetch_section(imap, "1:*", "(BODY.PEEK[])", BODY)
        tag = scripted.fetches[-1].split(b" ")[0]

        assert contents(found) == {p[0]: p[1].replace(TAG, tag) for p in pieces if isinstance(p, tuple)}
        assert in_sync(imap)


def test_a_quoted_section_mentioning_uid_keeps_the_real_uid(scripted):
    with serving(scripted, (b'* 1 FETCH (BODY[] "see UID 3" UID 7)\r\n', b"OK done")) as imap:
        assert contents(fetch_section(imap, "7", "(BODY.PEEK[])", BODY)) == {7: b"see UID 3"}


def test_a_tagged_ok_without_text_is_success(scripted):
    with serving(scripted, (b"* 1 FETCH (UID 7 BODY[] {5}\r\nhello)\r\n", b"OK")) as imap:
        assert contents(fetch_section(imap, "7", "(BODY.PEEK[])", BODY)) == {7: b"hello"}
