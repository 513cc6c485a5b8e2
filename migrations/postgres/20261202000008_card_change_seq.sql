-- PostgreSQL translation of migrations/sqlite/20261202000008_card_change_seq.sql.
-- Each card remembers the change (the `change_seq` value) that last touched it, so a search
-- index that missed changes (a full disk, a crash between the database commit and the index
-- commit) can catch up on exactly those cards instead of being rebuilt or silently left behind.
-- Every write transaction takes the write lock first and bumps `change_seq` once at its end,
-- so "the current value + 1" is the number of the change being written.
ALTER TABLE card ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;

UPDATE card SET change_seq = (SELECT seq FROM change_seq WHERE singleton = 1);

CREATE INDEX card_change_seq_idx ON card (change_seq);

-- Both triggers run this function. As in SQLite they are AFTER triggers that update the row
-- again: the value a RETURNING clause of the card write shows is the one before it. The inner
-- UPDATE sets only `change_seq`, which no `UPDATE OF` trigger names, so nothing recurses.
CREATE FUNCTION card_change_seq_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE card SET change_seq = (SELECT seq + 1 FROM change_seq WHERE singleton = 1)
    WHERE card_id = NEW.card_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER card_change_seq_on_insert AFTER INSERT ON card
FOR EACH ROW EXECUTE FUNCTION card_change_seq_bump();

CREATE TRIGGER card_change_seq_on_update AFTER UPDATE OF record, status, slug, version, updated_at ON card
FOR EACH ROW EXECUTE FUNCTION card_change_seq_bump();
