"""The demo case: a realistic fictional detention with generated documents.

``write_demo`` writes a case description (design.md, Appendix A) and 35 PDF documents (54
for a WRO) for a detained entry of men's cotton knit shirts traced from a Texas cotton farm through Vietnam
to a US importer. The case has three deliberate gaps, listed in ``importer_app.demo.case``.
"""

from importer_app.demo.case import write_demo

__all__ = ["write_demo"]
