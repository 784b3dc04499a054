-- Schema version 10: what each request for information from CBP contends about where the
-- goods came from (ids of forms/catalog/contentions.toml, e.g. ["commingled"]), as a JSON
-- list; '[]' when it contends nothing. Items such as lot segregation weigh more while one does.
ALTER TABLE inquiries ADD COLUMN contends TEXT NOT NULL DEFAULT '[]';
