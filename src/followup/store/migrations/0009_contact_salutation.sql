-- How drafts greet a contact. `honorific` is the title the user addresses them by ("Dr",
-- "Frau", "Sra."), as entered and never guessed (`title` is their job title); `salutation`
-- is the form: first name, title and surname, full name, or 'default' (from the company's
-- style); `language` the language of the greeting, NULL for the draft's own. Every contact
-- from before keeps being greeted as the company's style has it.

ALTER TABLE contact ADD COLUMN honorific TEXT;
ALTER TABLE contact ADD COLUMN salutation TEXT NOT NULL DEFAULT 'default'
    CHECK (salutation IN ('default', 'first', 'title', 'full'));
ALTER TABLE contact ADD COLUMN language TEXT CHECK (language IN ('en', 'de', 'fr', 'es'));
