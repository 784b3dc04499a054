-- Schema version 4: the list versions this case was screened against, so the case checks the
-- same on a colleague's computer, the user's decisions on candidate hits, the other names of
-- each entity (a JSON list), which screening compares too, and three more shipment dates.
ALTER TABLE entities ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
-- The start dates of the deadlines DL-08 (protest), DL-09 (seizure) and DL-10 (exception).
ALTER TABLE shipment ADD COLUMN date_of_protest TEXT;
ALTER TABLE shipment ADD COLUMN date_of_seizure_notice TEXT;
ALTER TABLE shipment ADD COLUMN date_exception_granted TEXT;
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
