-- Pairs of mined related terms staff rejected as synonym suggestions: never suggested again
-- and never used to widen a search. Terms are stored as their search keys (lowercase,
-- particles stripped), the smaller first.
CREATE TABLE related_term_rejection (
    term_a TEXT NOT NULL,
    term_b TEXT NOT NULL,
    rejected_by INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    rejected_at INTEGER NOT NULL,
    PRIMARY KEY (term_a, term_b),
    CHECK (term_a < term_b)
);
