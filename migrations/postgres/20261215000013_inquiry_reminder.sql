-- PostgreSQL translation of migrations/sqlite/20261215000013_inquiry_reminder.sql.
-- An unanswered inquiry is reminded to its researchers after N working days, then escalated
-- to the division's liaison (`RCARD_INQUIRY_REMIND_DAYS`); each happens once.
ALTER TABLE inquiry ADD COLUMN reminded_at BIGINT;
ALTER TABLE inquiry ADD COLUMN escalated_at BIGINT;
