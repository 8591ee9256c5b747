-- The edit of a draft is kept per action and per draft: an action can offer two (the call
-- script and the voicemail, the thank-you email and the letter when the contact's preferred
-- channel changes), and saving one must never replace the other. Schema 8 keyed the edit by
-- the action alone; every edit kept so far stays, under the draft it was written for.

CREATE TABLE draft_edit_new (
    owner_id       INTEGER NOT NULL REFERENCES owner(id),
    action_id      TEXT NOT NULL,
    application_id INTEGER REFERENCES application(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    edited_at      TEXT NOT NULL,
    PRIMARY KEY (owner_id, action_id, kind)
) WITHOUT ROWID;
INSERT INTO draft_edit_new (owner_id, action_id, application_id, kind, subject, body, edited_at)
    SELECT owner_id, action_id, application_id, kind, subject, body, edited_at FROM draft_edit;
DROP TABLE draft_edit;
ALTER TABLE draft_edit_new RENAME TO draft_edit;
CREATE INDEX draft_edit_application ON draft_edit(application_id);
