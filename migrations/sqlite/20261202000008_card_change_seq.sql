-- Each card remembers the change (the `change_seq` value) that last touched it, so a search
-- index that missed changes (a full disk, a crash between the database commit and the index
-- commit) can catch up on exactly those cards instead of being rebuilt or silently left behind.
-- Every write transaction takes the write lock first (BEGIN IMMEDIATE) and bumps `change_seq`
-- once at its end, so "the current value + 1" is the number of the change being written.
ALTER TABLE card ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;

UPDATE card SET change_seq = (SELECT seq FROM change_seq WHERE singleton = 1);

CREATE INDEX card_change_seq_idx ON card (change_seq);

CREATE TRIGGER card_change_seq_on_insert AFTER INSERT ON card
BEGIN
    UPDATE card SET change_seq = (SELECT seq + 1 FROM change_seq WHERE singleton = 1)
    WHERE card_id = NEW.card_id;
END;

CREATE TRIGGER card_change_seq_on_update AFTER UPDATE OF record, status, slug, version, updated_at ON card
BEGIN
    UPDATE card SET change_seq = (SELECT seq + 1 FROM change_seq WHERE singleton = 1)
    WHERE card_id = NEW.card_id;
END;
