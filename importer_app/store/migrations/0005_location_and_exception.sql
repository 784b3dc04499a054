-- Schema version 5: each entity's first-level subdivision (ISO 3166-2, e.g. CN-XJ), the
-- requests for information CBP sent and the importer's answers, and the importer's signed
-- statement that its evidence is clear and convincing (UFLPA s.3(b)).
ALTER TABLE entities ADD COLUMN subdivision TEXT NOT NULL DEFAULT '';
CREATE TABLE inquiries (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    date TEXT NOT NULL,
    asked TEXT NOT NULL,
    response_date TEXT,
    response_exhibits TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE evidence_statement (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    summary TEXT NOT NULL CHECK (trim(summary) <> ''),
    signed_by TEXT NOT NULL CHECK (trim(signed_by) <> ''),
    signed_on TEXT NOT NULL
);
