-- PostgreSQL translation of migrations/sqlite/20261212000011_login_failure_client.sql.
-- Failed sign-ins also record the client address they came from, so guessing across many
-- accounts from one client is throttled too, on every node (the table is shared).
ALTER TABLE login_failure ADD COLUMN client TEXT;

CREATE INDEX login_failure_client_idx ON login_failure (client, at);
