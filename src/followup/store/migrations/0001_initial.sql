-- The first schema. Every row has an owner so that one database can later
-- serve many job seekers; the local app has exactly one owner (id 1).
-- Instants are ISO 8601 UTC text ('2026-11-22T09:00:00Z'), which sorts correctly.

CREATE TABLE owner (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE contact (
    id                INTEGER PRIMARY KEY,
    owner_id          INTEGER NOT NULL REFERENCES owner(id),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role              TEXT NOT NULL CHECK (role IN ('interviewer', 'hiring_manager', 'recruiter', 'reference')),
    title             TEXT,
    email             TEXT,
    phone             TEXT,
    postal_address    TEXT,
    preferred_channel TEXT NOT NULL DEFAULT 'unknown'
                      CHECK (preferred_channel IN ('email', 'phone', 'letter', 'unknown')),
    organisation      TEXT,
    notes             TEXT,
    created_at        TEXT NOT NULL
);
CREATE INDEX contact_owner_name ON contact(owner_id, name);
CREATE INDEX contact_owner_email ON contact(owner_id, email);

CREATE TABLE application (
    id             INTEGER PRIMARY KEY,
    owner_id       INTEGER NOT NULL REFERENCES owner(id),
    company        TEXT NOT NULL CHECK (length(trim(company)) > 0),
    role           TEXT NOT NULL CHECK (length(trim(role)) > 0),
    job_url        TEXT,
    source         TEXT NOT NULL DEFAULT 'direct' CHECK (source IN ('direct', 'recruiter')),
    recruiter_id   INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    company_style  TEXT NOT NULL DEFAULT 'unknown'
                   CHECK (company_style IN ('traditional', 'modern', 'unknown')),
    status         TEXT NOT NULL DEFAULT 'active'
                   CHECK (status IN ('active', 'offer', 'rejected', 'withdrawn', 'closed_no_response')),
    applied_on     TEXT,
    closed_at      TEXT,
    notes          TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX application_owner_status ON application(owner_id, status);
CREATE INDEX application_owner_created ON application(owner_id, created_at);
CREATE INDEX application_owner_closed ON application(owner_id, closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX application_recruiter ON application(recruiter_id);

-- Which contacts belong to which application (a recruiter can span several).
CREATE TABLE application_contact (
    application_id INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    contact_id     INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX application_contact_contact ON application_contact(contact_id);

CREATE TABLE interview (
    id                INTEGER PRIMARY KEY,
    owner_id          INTEGER NOT NULL REFERENCES owner(id),
    application_id    INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    round             INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
    starts_at         TEXT NOT NULL,
    timezone          TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL DEFAULT 60 CHECK (duration_minutes > 0),
    kind              TEXT NOT NULL DEFAULT 'other'
                      CHECK (kind IN ('phone', 'video', 'onsite', 'panel', 'technical', 'other')),
    next_steps        TEXT,
    timeline_text     TEXT,
    decision_date     TEXT,
    main_points       TEXT,
    forgot_to_mention TEXT,
    to_clarify        TEXT,
    recorded_at       TEXT NOT NULL
);
CREATE INDEX interview_application ON interview(application_id, starts_at);

CREATE TABLE interview_participant (
    interview_id INTEGER NOT NULL REFERENCES interview(id) ON DELETE CASCADE,
    contact_id   INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    PRIMARY KEY (interview_id, contact_id)
) WITHOUT ROWID;

CREATE TABLE reference_named (
    application_id INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    contact_id     INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    interview_id   INTEGER REFERENCES interview(id) ON DELETE SET NULL,
    named_at       TEXT NOT NULL,
    PRIMARY KEY (application_id, contact_id)
) WITHOUT ROWID;

CREATE TABLE touchpoint (
    id             INTEGER PRIMARY KEY,
    owner_id       INTEGER NOT NULL REFERENCES owner(id),
    application_id INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    contact_id     INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    direction      TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    channel        TEXT NOT NULL
                   CHECK (channel IN ('email', 'letter', 'fax', 'phone', 'voicemail', 'in_person', 'other')),
    kind           TEXT NOT NULL DEFAULT 'other',
    outcome        TEXT,
    occurred_at    TEXT NOT NULL,
    subject        TEXT,
    message_id     TEXT,
    promised_date  TEXT,
    notes          TEXT,
    action_id      TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX touchpoint_application ON touchpoint(application_id, occurred_at);
CREATE INDEX touchpoint_message_id ON touchpoint(owner_id, message_id) WHERE message_id IS NOT NULL;

-- What the user said about an action: done, skipped, or snoozed.
CREATE TABLE action_decision (
    owner_id       INTEGER NOT NULL REFERENCES owner(id),
    action_id      TEXT NOT NULL,
    application_id INTEGER REFERENCES application(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('done', 'skipped', 'snoozed')),
    at             TEXT NOT NULL,
    until          TEXT,
    note           TEXT,
    PRIMARY KEY (owner_id, action_id)
) WITHOUT ROWID;
CREATE INDEX action_decision_application ON action_decision(application_id);
CREATE INDEX action_decision_kind ON action_decision(owner_id, kind, at);

-- The playbook's output, kept up to date on every write, so that the agenda
-- is one indexed range query instead of running the rules over every
-- application. Rebuilt when the settings that move dates change.
CREATE TABLE pending_action (
    owner_id       INTEGER NOT NULL REFERENCES owner(id),
    id             TEXT NOT NULL,
    application_id INTEGER REFERENCES application(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    contact_id     INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    channel        TEXT,
    due            TEXT NOT NULL,
    deadline       TEXT,
    expires        TEXT,
    reason         TEXT NOT NULL,
    interview_id   INTEGER,
    PRIMARY KEY (owner_id, id)
) WITHOUT ROWID;
CREATE INDEX pending_action_due ON pending_action(owner_id, due);
CREATE INDEX pending_action_application ON pending_action(application_id);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
