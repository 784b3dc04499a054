"""Rule data (not code): installed as the package ``importer_app.forms``."""
