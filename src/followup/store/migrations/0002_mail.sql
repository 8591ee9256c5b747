-- The mailbox: what was synced from where, the messages that matched an
-- application, and the outbox that makes sending exactly-once.

-- Per account and folder: where the last sync stopped (RFC 3501 / 7162 state).
CREATE TABLE mail_folder (
    owner_id       INTEGER NOT NULL REFERENCES owner(id),
    account        TEXT NOT NULL,
    folder         TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('inbox', 'junk', 'sent', 'drafts', 'other')),
    uidvalidity    INTEGER,
    uidnext        INTEGER,
    highestmodseq  INTEGER,
    synced_at      TEXT,
    PRIMARY KEY (owner_id, account, folder)
) WITHOUT ROWID;

-- Every message seen, and nothing more unless it matched: the privacy rule.
CREATE TABLE mail_seen (
    owner_id     INTEGER NOT NULL REFERENCES owner(id),
    account      TEXT NOT NULL,
    folder       TEXT NOT NULL,
    uidvalidity  INTEGER NOT NULL,
    uid          INTEGER NOT NULL,
    matched      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_id, account, folder, uidvalidity, uid)
) WITHOUT ROWID;

-- A message that belongs to an application: why it matched, what it means.
CREATE TABLE mail_message (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES owner(id),
    account         TEXT,
    folder          TEXT,
    uidvalidity     INTEGER,
    uid             INTEGER,
    message_id      TEXT,
    in_reply_to     TEXT,
    refs            TEXT,
    from_name       TEXT,
    from_addr       TEXT,
    to_addrs        TEXT,
    subject         TEXT,
    sent_at         TEXT,
    body            TEXT,
    direction       TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    application_id  INTEGER REFERENCES application(id) ON DELETE SET NULL,
    contact_id      INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    match_reason    TEXT,
    label           TEXT,
    promised_by     TEXT,
    confidence      REAL,
    evidence        TEXT,
    touchpoint_id   INTEGER REFERENCES touchpoint(id) ON DELETE SET NULL,
    suggestion      TEXT,
    suggestion_state TEXT CHECK (suggestion_state IN ('pending', 'applied', 'dismissed')),
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX mail_message_location ON mail_message(owner_id, account, folder, uidvalidity, uid)
    WHERE uid IS NOT NULL;
CREATE INDEX mail_message_message_id ON mail_message(owner_id, message_id);
CREATE INDEX mail_message_application ON mail_message(application_id);

-- Follow-ups on their way out. A row is written (state 'prepared', with its
-- deterministic Message-ID) before anything is sent, so a crash at any point
-- can be resumed without sending twice.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES owner(id),
    action_id       TEXT NOT NULL,
    application_id  INTEGER REFERENCES application(id) ON DELETE SET NULL,
    account         TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    mode            TEXT NOT NULL CHECK (mode IN ('draft', 'send')),
    state           TEXT NOT NULL CHECK (state IN ('prepared', 'sending', 'sent', 'drafted', 'failed')),
    raw             BLOB NOT NULL,
    error           TEXT,
    touchpoint_id   INTEGER REFERENCES touchpoint(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX outbox_message_id ON outbox(owner_id, message_id);
CREATE INDEX outbox_action ON outbox(owner_id, action_id);
