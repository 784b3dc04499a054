"""The demo case: a realistic fictional detention with generated documents.

``write_demo`` writes a case description (design.md, Appendix A) and 53 PDF documents (72
for a WRO) for a detained entry of men's cotton knit shirts traced from a Texas cotton farm through Vietnam
to a US importer. The case has three deliberate gaps and nothing else to report, as
``importer_app.demo.case`` explains.
"""

from importer_app.demo.case import write_demo

__all__ = ["write_demo"]
