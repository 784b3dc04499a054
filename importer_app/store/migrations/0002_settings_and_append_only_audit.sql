-- Schema version 2: per-case settings, and an audit log that cannot be rewritten.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE INDEX documents_sha256 ON documents(sha256);
CREATE INDEX document_links_link ON document_links(link_id);
CREATE INDEX document_entities_entity ON document_entities(entity_id);
