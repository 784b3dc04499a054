-- The order the goods are held under (a WRO or a Finding: kind, dates, status, scope, the
-- forced-labor indicators and the producers it names, as JSON lists), and the importer's
-- requests for more time on a task CBP set; the day the goods were deemed excluded, when
-- CBP or the importer recorded it.
ALTER TABLE shipment ADD COLUMN date_deemed_excluded TEXT;
CREATE TABLE detention_order (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kind TEXT NOT NULL CHECK (kind IN ('wro', 'finding')),
    issued TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'modified', 'revoked', 'inactive')),
    status_changed TEXT,
    goods_outside INTEGER NOT NULL DEFAULT 0,
    finding_published TEXT,
    scope TEXT NOT NULL DEFAULT '',
    indicators TEXT NOT NULL DEFAULT '[]',
    producers TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE extension_requests (
    position INTEGER PRIMARY KEY,
    task TEXT NOT NULL CHECK (trim(task) <> ''),
    requested TEXT NOT NULL,
    due TEXT,
    granted_on TEXT,
    until TEXT
);
