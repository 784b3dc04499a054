"""``python -m importer_app`` runs the command line, like ``importer-app``."""

import sys

from importer_app.cli.main import main

sys.exit(main())
