-- A hosted installation's people (`followup server init`, issue #16). Each account is an
-- owner: every row of theirs carries its id, as the local app's rows carry owner 1. The local
-- app has no account: `followup serve` signs its one user in with a token of its own.
--
-- Secrets are kept as hashes (passwords with argon2, tokens with SHA-256): a copy of the
-- database lets nobody sign in. E-mail addresses are stored folded to lower case.

CREATE TABLE account (
    owner_id        INTEGER PRIMARY KEY REFERENCES owner(id),
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL CHECK (role IN ('seeker', 'coach', 'admin')),
    password_hash   TEXT NOT NULL,
    password_set_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    disabled_at     TEXT
);

-- A signed-in browser. Ends at `expires_at`, on sign-out, and for every browser of the
-- account when its password changes.
CREATE TABLE account_session (
    token_hash TEXT PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES owner(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    seen_at    TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX account_session_owner ON account_session(owner_id);

-- Sign-up is by invitation only: an administrator invites an address with a role.
CREATE TABLE invitation (
    token_hash  TEXT PRIMARY KEY,
    email       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('seeker', 'coach', 'admin')),
    invited_by  INTEGER NOT NULL REFERENCES owner(id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    accepted_at TEXT
);

CREATE TABLE password_reset (
    token_hash TEXT PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES owner(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX password_reset_owner ON password_reset(owner_id);

-- Failed sign-ins, per address and per client, so that throttling holds across web processes.
CREATE TABLE sign_in_failure (
    about TEXT NOT NULL,
    at    TEXT NOT NULL
);
CREATE INDEX sign_in_failure_about ON sign_in_failure(about, at);

-- A coach sees the pipeline and agenda of the job seekers who invited them, never their mail
-- or drafts; a note of theirs is kept on the seeker's side.
CREATE TABLE coach_link (
    owner_id   INTEGER NOT NULL REFERENCES owner(id) ON DELETE CASCADE,
    coach_id   INTEGER NOT NULL REFERENCES owner(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (owner_id, coach_id)
);
CREATE INDEX coach_link_coach ON coach_link(coach_id);

CREATE TABLE coach_note (
    id             INTEGER PRIMARY KEY,
    owner_id       INTEGER NOT NULL REFERENCES owner(id) ON DELETE CASCADE,
    coach_id       INTEGER NOT NULL REFERENCES owner(id) ON DELETE CASCADE,
    application_id INTEGER REFERENCES application(id) ON DELETE CASCADE,
    body           TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX coach_note_owner ON coach_note(owner_id, created_at);

-- A hosted account's settings: the same TOML document the local app keeps in its settings
-- file, so that one reader and one writer serve both.
CREATE TABLE owner_settings (
    owner_id   INTEGER PRIMARY KEY REFERENCES owner(id) ON DELETE CASCADE,
    document   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A hosted account's secrets (mail passwords, OAuth tokens, a push address), where the local
-- app uses the OS keyring: encrypted with the server's key, never stored in clear.
CREATE TABLE owner_secret (
    owner_id   INTEGER NOT NULL REFERENCES owner(id) ON DELETE CASCADE,
    service    TEXT NOT NULL,
    name       TEXT NOT NULL,
    ciphertext TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (owner_id, service, name)
);
