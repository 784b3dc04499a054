-- Schema version 11: a processing entity's recipe, one row per input material: the output one
-- unit of that material makes (yield, in the entity's output unit per unit of the material).
-- With a recipe, the mass balance reconciles each material on its own.
CREATE TABLE recipe_rows (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    material TEXT NOT NULL CHECK (trim(material) <> ''),
    yield REAL NOT NULL CHECK (yield > 0),
    unit TEXT NOT NULL CHECK (trim(unit) <> ''),
    PRIMARY KEY (entity_id, position)
);
