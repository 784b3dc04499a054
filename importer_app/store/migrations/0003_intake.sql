-- Schema version 3: what document intake learns about each file, and full-text search.
ALTER TABLE documents ADD COLUMN original_name TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN rendition_sha256 TEXT REFERENCES blobs(sha256);
ALTER TABLE documents ADD COLUMN rendition_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN needs_rendition INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN pages TEXT NOT NULL DEFAULT '[]';
ALTER TABLE documents ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE documents ADD COLUMN restrictions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE documents ADD COLUMN hostile TEXT NOT NULL DEFAULT '[]';
ALTER TABLE documents ADD COLUMN suggested_type TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN suggested_confidence REAL NOT NULL DEFAULT 0;
CREATE INDEX documents_rendition ON documents(rendition_sha256);
CREATE TABLE document_text (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL
);
CREATE VIRTUAL TABLE document_text_fts USING fts5(text, content='document_text', content_rowid='document_id');
CREATE TRIGGER document_text_ai AFTER INSERT ON document_text BEGIN
    INSERT INTO document_text_fts (rowid, text) VALUES (new.document_id, new.text);
END;
CREATE TRIGGER document_text_ad AFTER DELETE ON document_text BEGIN
    INSERT INTO document_text_fts (document_text_fts, rowid, text) VALUES ('delete', old.document_id, old.text);
END;
