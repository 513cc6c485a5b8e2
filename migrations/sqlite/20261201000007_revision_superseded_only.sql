-- The current version of a card is its row in `card`; `card_revision` keeps only the versions
-- it superseded, written when a change replaces them. Storing every current version twice
-- doubled the database and the time of large imports.
DROP TRIGGER card_revision_on_insert;
DROP TRIGGER card_revision_on_update;

CREATE TRIGGER card_revision_on_update AFTER UPDATE OF version ON card
WHEN NEW.version <> OLD.version
BEGIN
    INSERT OR IGNORE INTO card_revision (card_id, version, slug, status, record, account_id, source, note, created_at)
    VALUES (OLD.card_id, OLD.version, OLD.slug, OLD.status, OLD.record, OLD.changed_by, OLD.change_source, OLD.change_note, OLD.updated_at);
END;

DELETE FROM card_revision
WHERE EXISTS (SELECT 1 FROM card c WHERE c.card_id = card_revision.card_id AND c.version = card_revision.version);
