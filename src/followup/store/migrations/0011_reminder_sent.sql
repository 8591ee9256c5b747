-- What followup has reminded the user of, so that no reminder goes out twice: not after a
-- restart, and not when two schedulers run at once. A reminder about a follow-up is keyed by
-- the action and the due time it was sent for (snoozed to a new time, it may remind again);
-- the morning digest by 'digest' and the day it was for. The key is what makes a second
-- sender's INSERT ... ON CONFLICT DO NOTHING change nothing, inside the transaction that sends.

CREATE TABLE reminder_sent (
    owner_id INTEGER NOT NULL REFERENCES owner(id),
    about    TEXT NOT NULL,
    due      TEXT NOT NULL,
    sent_at  TEXT NOT NULL,
    PRIMARY KEY (owner_id, about, due)
) WITHOUT ROWID;
