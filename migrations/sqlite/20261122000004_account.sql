-- Accounts, sessions, one-time tokens, card history and review.

-- A person who signs in. A researcher account owns exactly one card; staff and admins curate all.
-- `password_hash` is an argon2id PHC string, NULL until the person sets a password.
CREATE TABLE account (
    account_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL,
    role          TEXT    NOT NULL CONSTRAINT account_role_check CHECK (role IN ('researcher', 'staff', 'admin')),
    card_id       INTEGER REFERENCES card (card_id),
    password_hash TEXT,
    created_at    INTEGER NOT NULL,
    CONSTRAINT account_email_key UNIQUE (email),
    CONSTRAINT account_card_key UNIQUE (card_id),
    CONSTRAINT account_card_check CHECK (role <> 'researcher' OR card_id IS NOT NULL)
);

-- A signed-in browser or API client. Only the SHA-256 of the cookie value is stored, so a copy
-- of the database does not let anyone sign in.
CREATE TABLE session (
    session_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash  TEXT    NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    csrf_token  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    CONSTRAINT session_token_hash_key UNIQUE (token_hash)
);

CREATE INDEX session_account_idx ON session (account_id);

-- One-time links: an invitation to set a first password, or a password reset.
CREATE TABLE account_token (
    account_token_id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash       TEXT    NOT NULL,
    account_id       INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    purpose          TEXT    NOT NULL CONSTRAINT account_token_purpose_check CHECK (purpose IN ('invite', 'reset')),
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    used_at          INTEGER,
    CONSTRAINT account_token_hash_key UNIQUE (token_hash)
);

-- Failed sign-ins, for rate limiting across every app node.
CREATE TABLE login_failure (
    login_failure_id INTEGER PRIMARY KEY AUTOINCREMENT,
    email            TEXT    NOT NULL,
    at               INTEGER NOT NULL
);

CREATE INDEX login_failure_email_idx ON login_failure (email, at);

-- Who made the card's current version, and how; the history trigger copies these.
ALTER TABLE card ADD COLUMN changed_by INTEGER REFERENCES account (account_id) ON DELETE SET NULL;
ALTER TABLE card ADD COLUMN change_source TEXT NOT NULL DEFAULT 'import';
ALTER TABLE card ADD COLUMN change_note TEXT NOT NULL DEFAULT '';

-- Every version of every card. Triggers write it, so no write path can skip the history.
CREATE TABLE card_revision (
    card_revision_id INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id          INTEGER NOT NULL REFERENCES card (card_id) ON DELETE CASCADE,
    version          INTEGER NOT NULL,
    slug             TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    record           TEXT    NOT NULL,
    account_id       INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    source           TEXT    NOT NULL,
    note             TEXT    NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    CONSTRAINT card_revision_version_key UNIQUE (card_id, version)
);

-- Cards that existed before history was kept start it at their current version.
INSERT INTO card_revision (card_id, version, slug, status, record, account_id, source, created_at)
SELECT card_id, version, slug, status, record, NULL, 'import', updated_at FROM card;

CREATE TRIGGER card_revision_on_insert AFTER INSERT ON card
BEGIN
    INSERT INTO card_revision (card_id, version, slug, status, record, account_id, source, note, created_at)
    VALUES (NEW.card_id, NEW.version, NEW.slug, NEW.status, NEW.record, NEW.changed_by, NEW.change_source, NEW.change_note, NEW.updated_at);
END;

CREATE TRIGGER card_revision_on_update AFTER UPDATE OF version ON card
WHEN NEW.version <> OLD.version
BEGIN
    INSERT INTO card_revision (card_id, version, slug, status, record, account_id, source, note, created_at)
    VALUES (NEW.card_id, NEW.version, NEW.slug, NEW.status, NEW.record, NEW.changed_by, NEW.change_source, NEW.change_note, NEW.updated_at);
END;

-- A researcher's edit waiting for staff review (when the `review_edits` setting is on).
CREATE TABLE card_edit (
    card_edit_id INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id      INTEGER NOT NULL REFERENCES card (card_id) ON DELETE CASCADE,
    account_id   INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    base_version INTEGER NOT NULL,
    record       TEXT    NOT NULL,
    state        TEXT    NOT NULL DEFAULT 'pending' CONSTRAINT card_edit_state_check CHECK (state IN ('pending', 'approved', 'rejected')),
    comment      TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    decided_at   INTEGER,
    decided_by   INTEGER REFERENCES account (account_id) ON DELETE SET NULL
);

CREATE INDEX card_edit_state_idx ON card_edit (state, created_at);

-- Settings staff and admins change at run time.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO setting (key, value) VALUES ('review_edits', 'false');

-- What companies searched for, for the staff dashboard (no user or address is kept).
CREATE TABLE search_log (
    search_log_id INTEGER PRIMARY KEY AUTOINCREMENT,
    query         TEXT    NOT NULL,
    total         INTEGER NOT NULL,
    at            INTEGER NOT NULL
);

CREATE INDEX search_log_at_idx ON search_log (at);
