-- PostgreSQL translation of migrations/sqlite/20261210000009_card_merge_account.sql.
-- What a merge moved, so that undoing it can move it back: the researcher account that went
-- from the duplicate to the kept card, and the kept card's version that took the merge (a
-- revert of the kept card to an earlier version undoes the merge there).
ALTER TABLE card ADD COLUMN merged_account_id BIGINT REFERENCES account (account_id) ON DELETE SET NULL;
ALTER TABLE card ADD COLUMN merged_at_version BIGINT;
