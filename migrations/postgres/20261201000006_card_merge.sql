-- PostgreSQL translation of migrations/sqlite/20261201000006_card_merge.sql.
-- A duplicate card merged into another is archived and points at the card that absorbed it,
-- so old links lead to the right researcher.
ALTER TABLE card ADD COLUMN merged_into BIGINT REFERENCES card (card_id) ON DELETE SET NULL;
