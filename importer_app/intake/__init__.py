"""intake layer."""
