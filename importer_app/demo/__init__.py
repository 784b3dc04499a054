"""The demo case: a realistic fictional detention with generated documents.

``write_demo`` writes a case description (design.md, Appendix A) and 53 PDF documents (72
for a WRO) for a detained entry of men's cotton knit shirts traced from a Texas cotton farm through Vietnam
to a US importer. The case has three deliberate gaps and nothing else to report, as
``importer_app.demo.case`` explains. ``create_demo_case`` imports it into a case file and
screens it against fictional versions of the official lists (``listfiles``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importer_app.demo.case import write_demo
    from importer_app.demo.create import create_demo_case

__all__ = ["REGIMES", "create_demo_case", "write_demo"]

REGIMES = ("uflpa-applicability", "wro")
"""The regimes the demo can be written for (the ``--regime`` choices of ``importer-app demo``)."""


def __getattr__(name: str) -> Any:
    # Loaded on first use: the command line builds its parser from REGIMES at every start, and
    # the generators behind the demo take a good part of a second to import.
    if name == "write_demo":
        from importer_app.demo.case import write_demo

        return write_demo
    if name == "create_demo_case":
        from importer_app.demo.create import create_demo_case

        return create_demo_case
    raise AttributeError(name)
