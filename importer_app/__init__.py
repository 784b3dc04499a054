"""importer_app: answer a CBP forced-labor detention with one complete, signed bundle."""

__version__ = "0.1.0"
