"""The demo case: a realistic fictional detention with generated documents."""
