-- The text of a draft as the user edited it, one per action: what the draft page, the CLI,
-- the .eml, the PDF letter and the outbox use instead of the template's text. `kind` is the
-- draft that was edited (an action can offer two, e.g. the thank-you email and the letter),
-- so the edit of one never replaces the other. Removed with its application.

CREATE TABLE draft_edit (
    owner_id       INTEGER NOT NULL REFERENCES owner(id),
    action_id      TEXT NOT NULL,
    application_id INTEGER REFERENCES application(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    edited_at      TEXT NOT NULL,
    PRIMARY KEY (owner_id, action_id)
) WITHOUT ROWID;
CREATE INDEX draft_edit_application ON draft_edit(application_id);
