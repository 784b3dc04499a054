"""The demo case: a realistic fictional detention with generated documents.

``write_demo`` writes a case description (design.md, Appendix A) and 53 PDF documents (72
for a WRO) for a detained entry of men's cotton knit shirts traced from a Texas cotton farm through Vietnam
to a US importer. The case has three deliberate gaps and nothing else to report, as
``importer_app.demo.case`` explains. ``create_demo_case`` imports it into a case file and
screens it against fictional versions of the official lists (``listfiles``).
"""

from importer_app.demo.case import write_demo
from importer_app.demo.create import create_demo_case

__all__ = ["create_demo_case", "write_demo"]
