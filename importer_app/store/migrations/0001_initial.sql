-- Schema version 1: the case, its evidence, and the audit log.
PRAGMA application_id = 1413693779;  -- "TCAS": marks the file as a case file
CREATE TABLE shipment (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    regime TEXT NOT NULL,
    entry_number TEXT NOT NULL,
    importer_of_record TEXT NOT NULL,
    merchandise TEXT NOT NULL,
    quantity REAL NOT NULL,
    unit TEXT NOT NULL,
    country_of_origin TEXT NOT NULL,
    date_of_importation TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    entry_lines TEXT NOT NULL DEFAULT '[]',
    detention_number TEXT NOT NULL DEFAULT '',
    port_code TEXT NOT NULL DEFAULT '',
    port_name TEXT NOT NULL DEFAULT '',
    importer_address TEXT NOT NULL DEFAULT '',
    ultimate_consignee TEXT NOT NULL DEFAULT '',
    hts TEXT NOT NULL DEFAULT '[]',
    value_usd REAL,
    country_of_exportation TEXT NOT NULL DEFAULT '',
    order_reference TEXT NOT NULL DEFAULT '',
    class_of_labor TEXT NOT NULL DEFAULT '',
    date_presented TEXT,
    date_of_detention TEXT,
    date_of_notice TEXT,
    date_of_exclusion_notice TEXT
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    country TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    name_local TEXT NOT NULL DEFAULT '',
    tier INTEGER
);
CREATE TABLE links (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    source TEXT NOT NULL REFERENCES entities(id),
    target TEXT NOT NULL REFERENCES entities(id),
    material TEXT NOT NULL,
    quantity REAL NOT NULL,
    unit TEXT NOT NULL,
    yield REAL,
    shipped TEXT,
    refs TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    type TEXT NOT NULL,
    size INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    date TEXT,
    refs TEXT NOT NULL DEFAULT '[]',
    language TEXT NOT NULL DEFAULT 'en',
    translation_of TEXT NOT NULL DEFAULT '',
    page_count INTEGER,
    media_type TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE document_entities (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (document_id, entity_id)
);
CREATE TABLE document_links (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    link_id TEXT NOT NULL REFERENCES links(id) ON DELETE CASCADE,
    PRIMARY KEY (document_id, link_id)
);
CREATE TABLE not_applicable (
    requirement TEXT NOT NULL,
    scope TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (requirement, scope)
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
);
