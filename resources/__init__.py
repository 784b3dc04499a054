"""Fonts, icons and public list data: installed as the package ``importer_app.resources``."""
