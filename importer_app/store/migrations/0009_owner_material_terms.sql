-- Schema version 9: the company or group that owns each entity (material moving between two
-- entities of one owner is an internal transfer, proved by transfer records rather than sale
-- papers), and on each transfer the class of its material (a single-ingredient raw commodity,
-- or an auxiliary input such as packaging that the quantity reconciliation leaves out) and the
-- payment terms that decide when a payment record is due.
ALTER TABLE entities ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE links ADD COLUMN material_class TEXT NOT NULL DEFAULT '';
ALTER TABLE links ADD COLUMN payment_terms TEXT NOT NULL DEFAULT '';
