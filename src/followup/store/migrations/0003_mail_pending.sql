-- Matched messages a sync has read but not yet noted. A sync stores each one here in
-- the same transaction that moves its folder's UIDNEXT past it; noting it (classifying,
-- its touchpoint, the suggestion) takes it out again. Reading a mailbox thus costs
-- about what fetching its headers does, and an interruption between the two steps
-- loses nothing: the next sync notes what is left. Its Message-ID is kept so that a
-- reply read before it is noted still threads onto it.
CREATE TABLE mail_pending (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES owner(id),
    account         TEXT NOT NULL,
    folder          TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('inbox', 'junk', 'sent')),
    uidvalidity     INTEGER NOT NULL,
    uid             INTEGER NOT NULL,
    application_id  INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    contact_id      INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    match_reason    TEXT NOT NULL,
    message_id      TEXT,
    raw             BLOB NOT NULL,
    arrived_at      TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (owner_id, account, folder, uidvalidity, uid)
);

