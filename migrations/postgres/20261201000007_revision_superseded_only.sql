-- PostgreSQL translation of migrations/sqlite/20261201000007_revision_superseded_only.sql.
-- The current version of a card is its row in `card`; `card_revision` keeps only the versions
-- it superseded, written when a change replaces them. Storing every current version twice
-- doubled the database and the time of large imports.
DROP TRIGGER card_revision_on_insert ON card;
DROP TRIGGER card_revision_on_update ON card;
DROP FUNCTION card_revision_on_insert();

-- INSERT OR IGNORE is ON CONFLICT DO NOTHING (the OLD values cannot break a NOT NULL or a
-- foreign key, so only a unique conflict is left to ignore, as in SQLite).
CREATE OR REPLACE FUNCTION card_revision_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO card_revision (card_id, version, slug, status, record, account_id, source, note, created_at)
    VALUES (OLD.card_id, OLD.version, OLD.slug, OLD.status, OLD.record, OLD.changed_by, OLD.change_source, OLD.change_note, OLD.updated_at)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE TRIGGER card_revision_on_update AFTER UPDATE OF version ON card
FOR EACH ROW WHEN (NEW.version <> OLD.version)
EXECUTE FUNCTION card_revision_on_update();

DELETE FROM card_revision
WHERE EXISTS (SELECT 1 FROM card c WHERE c.card_id = card_revision.card_id AND c.version = card_revision.version);
