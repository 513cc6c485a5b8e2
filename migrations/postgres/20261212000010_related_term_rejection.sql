-- PostgreSQL translation of migrations/sqlite/20261212000010_related_term_rejection.sql.
-- Pairs of mined related terms staff rejected as synonym suggestions: never suggested again
-- and never used to widen a search. Terms are stored as their search keys (lowercase,
-- particles stripped), the smaller first.
-- The key and the check are unnamed in SQLite: here they carry PostgreSQL's default names.
-- "Smaller" is byte order (SQLite's BINARY collation, Rust's str order) whatever the
-- database's collation is.
CREATE TABLE related_term_rejection (
    term_a TEXT NOT NULL,
    term_b TEXT NOT NULL,
    rejected_by BIGINT REFERENCES account (account_id) ON DELETE SET NULL,
    rejected_at BIGINT NOT NULL,
    CONSTRAINT related_term_rejection_pkey PRIMARY KEY (term_a, term_b),
    CONSTRAINT related_term_rejection_check CHECK (term_a < term_b COLLATE "C")
);
