-- Schema version 8: the sector profile of the detained goods (an id of forms/catalog/sectors.toml, e.g.
-- polysilicon), which adds the sector's evidence items to the check; '' for none.
ALTER TABLE shipment ADD COLUMN commodity TEXT NOT NULL DEFAULT '';
