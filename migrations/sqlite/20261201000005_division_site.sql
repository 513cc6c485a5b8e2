-- The controlled lists of divisions and regional sites that staff keep. A division names the
-- site it sits at and a contact (a shared mailbox or phone) that archived cards and cards
-- without public contacts point companies to.
CREATE TABLE division (
    division_id INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    site        TEXT    NOT NULL DEFAULT '',
    contact     TEXT    NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT division_name_key UNIQUE (name)
);

CREATE TABLE site (
    site_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT    NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT site_name_key UNIQUE (name)
);

-- start from what the stored cards already say
INSERT OR IGNORE INTO site (name)
    SELECT DISTINCT json_extract(record, '$.site') FROM card
    WHERE COALESCE(json_extract(record, '$.site'), '') <> '';
INSERT OR IGNORE INTO division (name, site)
    SELECT json_extract(record, '$.division'), MIN(COALESCE(json_extract(record, '$.site'), ''))
    FROM card
    WHERE COALESCE(json_extract(record, '$.division'), '') <> ''
    GROUP BY json_extract(record, '$.division');
