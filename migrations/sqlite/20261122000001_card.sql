-- Researcher cards. The full card lives in `record` (the JSON interchange format); the
-- columns beside it are the keys and facts that queries and constraints need.
CREATE TABLE card (
    card_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id TEXT,
    slug        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    status      TEXT    NOT NULL CONSTRAINT card_status_check CHECK (status IN ('draft', 'published', 'archived')),
    record      TEXT    NOT NULL CONSTRAINT card_record_check CHECK (json_valid(record)),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CONSTRAINT card_external_id_key UNIQUE (external_id),
    CONSTRAINT card_slug_key UNIQUE (slug)
);

CREATE INDEX card_updated_at_idx ON card (updated_at);

-- The controlled list of technology fields; staff will edit it.
CREATE TABLE tech_field (
    tech_field_id INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL,
    position      INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT tech_field_name_key UNIQUE (name)
);

INSERT INTO tech_field (name, position) VALUES
    ('시스템반도체', 1), ('인공지능', 2), ('스마트제조', 3), ('바이오헬스', 4), ('에너지', 5),
    ('이차전지', 6), ('자율주행', 7), ('통신·네트워크', 8), ('디스플레이', 9), ('센서', 10),
    ('로봇', 11), ('보안', 12), ('소재·부품', 13), ('디지털트윈', 14), ('사물인터넷', 15);

-- One counter bumped by every write transaction; the search index records the value it
-- reflects, so a node can tell whether its index is in step with the database.
CREATE TABLE change_seq (
    singleton INTEGER PRIMARY KEY CONSTRAINT change_seq_singleton_check CHECK (singleton = 1),
    seq       INTEGER NOT NULL
);

INSERT INTO change_seq (singleton, seq) VALUES (1, 0);
