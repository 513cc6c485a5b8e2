-- Inquiries from companies (issue 15) and the durable mail outbox.
--
-- A company asks one or more researchers for help without an account. The inquiry is stored
-- before any mail is attempted. Personal data (company contact, messages) is blanked by the retention job
-- once the inquiry is older than the retention period (`anonymised_at`).
CREATE TABLE inquiry (
    inquiry_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    company        TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    email          TEXT    NOT NULL,
    phone          TEXT    NOT NULL DEFAULT '',
    kind           TEXT    NOT NULL,
    preferred_time TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL DEFAULT 'received'
        CONSTRAINT inquiry_status_check
        CHECK (status IN ('received', 'forwarded', 'answered', 'negotiating', 'closed')),
    outcome        TEXT,
    outcome_note   TEXT    NOT NULL DEFAULT '',
    client         TEXT    NOT NULL DEFAULT '',
    consent_at     INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    first_answer_at INTEGER,
    anonymised_at  INTEGER
);

CREATE INDEX inquiry_created_idx ON inquiry (created_at);
CREATE INDEX inquiry_email_idx ON inquiry (email, created_at);
CREATE INDEX inquiry_client_idx ON inquiry (client, created_at);

-- The company's private tracking links: random tokens of which only the SHA-256 is kept.
-- Each mail to the company carries a fresh one (the stored hash cannot be mailed again);
-- staff revoke them all at once.
CREATE TABLE inquiry_token (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    inquiry_id INTEGER NOT NULL REFERENCES inquiry (inquiry_id),
    expires_at INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX inquiry_token_inquiry_idx ON inquiry_token (inquiry_id);

-- The researchers an inquiry asks, and who answers for each: the card's account when it has
-- one. The card's division is kept as it was when the inquiry came, for the reports.
CREATE TABLE inquiry_card (
    inquiry_id INTEGER NOT NULL REFERENCES inquiry (inquiry_id),
    card_id    INTEGER NOT NULL REFERENCES card (card_id),
    division   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (inquiry_id, card_id)
);

CREATE INDEX inquiry_card_card_idx ON inquiry_card (card_id);

-- The conversation: the company's first message and everything after it. `internal` notes
-- are the staff's own and never reach the company.
CREATE TABLE inquiry_message (
    inquiry_message_id INTEGER PRIMARY KEY AUTOINCREMENT,
    inquiry_id INTEGER NOT NULL REFERENCES inquiry (inquiry_id),
    sender     TEXT    NOT NULL
        CONSTRAINT inquiry_message_sender_check CHECK (sender IN ('company', 'researcher', 'staff')),
    account_id INTEGER REFERENCES account (account_id),
    body       TEXT    NOT NULL,
    internal   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE INDEX inquiry_message_inquiry_idx ON inquiry_message (inquiry_id, created_at);

-- Mail waiting to go, and mail that went. Delivery is at least once: a message is marked
-- sent only after the SMTP server took it; failures are retried with backoff and stay
-- visible (`last_error`) to staff.
CREATE TABLE mail_outbox (
    mail_id         INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    inquiry_id      INTEGER REFERENCES inquiry (inquiry_id),
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER,
    last_error      TEXT    NOT NULL DEFAULT '',
    saved_as        TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX mail_outbox_due_idx ON mail_outbox (sent_at, next_attempt_at);
