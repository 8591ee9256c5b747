-- What trackers keep about an application: where the job is, the pay, how much the
-- job seeker wants it, their tags, the job description, and a wishlist stage before
-- applying. The status check allows 'wishlist', and SQLite changes a CHECK only by
-- rebuilding the table: the new table is filled from the old one, which is then
-- dropped and replaced. The rebuild runs with foreign keys off (or dropping the old
-- table would delete every interview, touchpoint and link with it) and is checked
-- with `PRAGMA foreign_key_check` before it commits (see store/db.py).
--
-- Tags are one text: the tags in the user's order, joined by commas, each trimmed
-- and none twice (in any case); NULL when there are none. Search reads it as it is.

CREATE TABLE application_new (
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
                   CHECK (status IN ('wishlist', 'active', 'offer', 'rejected', 'withdrawn', 'closed_no_response')),
    applied_on     TEXT,
    closed_at      TEXT,
    notes          TEXT,
    location       TEXT,
    salary         TEXT,
    excitement     INTEGER CHECK (excitement BETWEEN 1 AND 5),
    tags           TEXT,
    description    TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

INSERT INTO application_new (
    id, owner_id, company, role, job_url, source, recruiter_id, company_style, status,
    applied_on, closed_at, notes, created_at, updated_at
)
SELECT
    id, owner_id, company, role, job_url, source, recruiter_id, company_style, status,
    applied_on, closed_at, notes, created_at, updated_at
FROM application;

DROP TABLE application;
ALTER TABLE application_new RENAME TO application;

CREATE INDEX application_owner_status ON application(owner_id, status);
CREATE INDEX application_owner_created ON application(owner_id, created_at);
CREATE INDEX application_owner_closed ON application(owner_id, closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX application_recruiter ON application(recruiter_id);

-- The column mapping the user chose in the import preview, per set of headers, so
-- that the next file with the same headers is read the same way. `mapping` is JSON.
CREATE TABLE import_mapping (
    owner_id    INTEGER NOT NULL REFERENCES owner(id),
    header_key  TEXT NOT NULL,
    mapping     TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (owner_id, header_key)
) WITHOUT ROWID;
