"""What the window tests share beyond fixtures."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 11, 28)
"""The day the window tests run on: the demo case is written for it."""
