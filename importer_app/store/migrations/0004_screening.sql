-- Schema version 4 (issue 9): the list versions this case was screened against, so the case
-- checks the same on a colleague's computer, the user's decisions on candidate hits, and the
-- other names of each entity (a JSON list), which screening compares too.
ALTER TABLE entities ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
CREATE TABLE screening_lists (
    list_id TEXT PRIMARY KEY,
    snapshot_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    confirmed_at TEXT NOT NULL,
    snapshot TEXT NOT NULL
);
CREATE TABLE screening_decisions (
    key TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
    reason TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    CHECK (decision = 'confirmed' OR trim(reason) <> '')
);
