-- Schema version 6: the importer's explanation of each item CBP asks for that the submission
-- cannot supply: why the document does not exist or is unavailable, the requests made to
-- obtain it (JSON list of {to, sent, reply_by, replied, reply}) and, where the importer commits
-- to one, the date by which it will supplement the submission.
CREATE TABLE gap_explanations (
    requirement TEXT NOT NULL,
    scope TEXT NOT NULL,
    explanation TEXT NOT NULL CHECK (trim(explanation) <> ''),
    supplement_by TEXT,
    requests TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (requirement, scope)
);
