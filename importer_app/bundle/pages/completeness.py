"""The completeness report: the engine's verdict on the case, printed for the reviewer.

Honest by construction: what is missing comes first, then warnings and notes, then what is
satisfied and by which exhibits, what the submission itself provides, what the importer set
aside and why, and the deadlines. The catalog version and its as-of date head the report. The
screening record (``screening_record.py``) follows on pages of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Paragraph

from importer_app.bundle.pages import facts, fonts, styles
from importer_app.bundle.pages.facts import CaseFacts, long_date
from importer_app.bundle.pages.screening_record import screening_record
from importer_app.bundle.pages.section import MARGIN, GeneratedSection, Story, page_size
from importer_app.bundle.pages.templates import Template, load_template
from importer_app.bundle.plan import BundleOptions, BundlePlan
from importer_app.core.caseindex import CaseIndex
from importer_app.core.catalog import Catalog
from importer_app.core.model import Case
from importer_app.core.report import SEVERITY_ORDER, ItemStatus, Report
from importer_app.screening.in_case import CaseScreening


def completeness_report(
    case: Case, report: Report, catalog: Catalog, plan: BundlePlan, options: BundleOptions, *,
    screening: CaseScreening | None = None,
) -> GeneratedSection:
    """The completeness report section, the screening record at its end.

    Args:
        case: the case the report was made from.
        report: the engine's report (``evaluate(case, catalog, day, screening.state)``).
        catalog: the requirement catalog.
        plan: the bundle's exhibits (satisfied items cite exhibit ids, not file names).
        options: paper size and document date.
        screening: the case's list screening the report was made with; its record follows
            the report on pages of its own (``screening_record``). None leaves it out.
    """
    fonts.register()
    words = load_template("completeness_report")
    info = CaseFacts.of(case, plan, catalog)
    index = CaseIndex(case)
    width = page_size(options)[0] - 2 * MARGIN
    statuses = report.statuses
    by_state = {state: [s for s in statuses if s.state == state]
                for state in ("satisfied", "provided", "not_applicable")}
    values = {
        "catalog_version": report.catalog_version,
        "catalog_as_of": long_date(report.catalog_as_of),
        "today": long_date(report.today),
        **{severity: str(count) for severity, count in report.counts.items()},
        **{state: str(len(rows)) for state, rows in by_state.items()},
    }
    title = facts.section_title("completeness_report")
    story = Story()
    verdict = words.para("text", "complete" if report.complete else "incomplete", values=values)
    story.add(styles.plain(title, styles.TITLE))
    story.add(styles.para(words.para("text", "checked", values=values), styles.SUBTITLE))
    story.add(styles.para(f"<b>{verdict}</b>"))

    # Deadline notes repeat the deadline table; only deadlines that need attention stay findings.
    shown = [f for f in report.findings if f.kind != "deadline" or f.severity != "info"]
    for severity in SEVERITY_ORDER:
        findings = [f for f in shown if f.severity == severity]
        if severity != "missing" and not findings:
            continue
        _heading(story, words, severity)
        rows = [[index.scope_label(f.scope), f.message, f.citation] for f in findings]
        _table_or_none(story, words, words.raw("columns", "findings"), rows, width, (0.22, 0.48, 0.30))

    _heading(story, words, "satisfied")
    rows = [[_item(report, s), index.scope_label(s.scope), info.exhibits_of(s.documents)]
            for s in by_state["satisfied"]]
    _table_or_none(story, words, words.raw("columns", "satisfied"), rows, width, (0.38, 0.42, 0.20))

    if by_state["provided"]:
        _heading(story, words, "provided")
        rows = [[_item(report, s), s.note] for s in by_state["provided"]]
        _table_or_none(story, words, words.raw("columns", "provided"), rows, width, (0.55, 0.45))

    _heading(story, words, "not_applicable")
    rows = [[_item(report, s), index.scope_label(s.scope), s.note] for s in by_state["not_applicable"]]
    _table_or_none(story, words, words.raw("columns", "not_applicable"), rows, width, (0.32, 0.30, 0.38))

    _heading(story, words, "deadlines")
    rows = [[long_date(d.date), d.rule, words.text("words", d.acts), _days_left(words, d.days_left),
             f"{d.meaning} ({d.citation})"] for d in report.deadlines]
    _table_or_none(story, words, words.raw("columns", "deadlines"), rows, width, (0.16, 0.08, 0.10, 0.14, 0.52))
    if screening is not None:
        screening_record(story, case, report, catalog, screening, options)
    return story.render(title, f"{facts.footer(case)} · {title}", options)


def _days_left(words: Template, days: int) -> str:
    return str(days) if days >= 0 else words.text("words", "passed", values={"days": str(-days)})


def _item(report: Report, status: ItemStatus) -> str:
    return f"{status.requirement} {report.titles.get(status.requirement, '')}".strip()


def _heading(story: Story, words: Template, key: str) -> None:
    story.heading(words.text("headings", key), styles.HEADING)


def _table_or_none(story: Story, words: Template, header: Sequence[str], rows: Sequence[Sequence[str | Paragraph]],
                   width: float, shares: Sequence[float]) -> None:
    if rows:
        story.add(styles.table(header, rows, [share * width for share in shares]))
    else:
        story.add(styles.para(words.para("text", "none")))
