-- A second counter beside `seq`, bumped by every change to the lists that nodes keep in
-- memory (synonyms, rejected related terms, fields, divisions, sites): a node that sees it
-- move reloads them, so an edit made on one node holds on every node.
ALTER TABLE change_seq ADD COLUMN lists_seq INTEGER NOT NULL DEFAULT 0;
