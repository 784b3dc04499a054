"""Write the demo case: a case description ``case.toml`` and its documents under ``docs/``.

53 documents trace the shirts to the cotton farm and back up every item the catalog checks;
the WRO variant adds 20 labor records (employee lists, timecards, payroll, recruitment) at
the five producers, which a Section 307 answer needs and an applicability review does not.

The case is complete except for three deliberate gaps, so that the completeness check has
something to show, and nothing else: no warning, no note but the deadlines.

1. Missing proof of payment, link ``gin-spinner``: the spinner's payment for the 44 US
   cotton bales (contract ``MDG-EX-...-0091``) is not in the case.
2. Missing logistics record, link ``spinner-knitter``: no packing list, bill of lading or
   transport document for the 67 cartons of yarn; only the order, invoice, goods received
   note and payment.
3. Quantity that does not reconcile, link ``knitter-garment``: the mill shipped 3,150 kg of
   fabric from 3,015 kg of yarn received at a 0.95 yield, about 10% more than the input
   allows. Its production report (``docs/17``, Vietnamese, and the ``docs/18`` translation)
   shows why: 315 kg of stock yarn of unknown origin went into the forest-green fabric. The
   mill's yarn stock card (``docs/50``), Harborline's visit report (``docs/54``) and the
   isotope test (``docs/52``, forest green inconclusive) tell the same story.

Everything else is there. For every link: an order or contract, a commercial invoice, a
proof of payment and a logistics record, and an export declaration where it crosses a border
(``docs/46`` US EEI for the lint, ``docs/48`` Vietnamese declaration for the shirts). For
every processor and the manufacturer: production records and an equipment list (``docs/36``
to ``39``). A raw-material receipt for the gin, which buys from the grower; stock cards
showing lot segregation (``docs/49`` to ``51``); facility locations with coordinates and a
sketch map (``docs/40``); a certificate of origin for the US lint (``docs/47``); facility
visit reports for the three Vietnamese mills and declarations of role from the gin and the
farm (``docs/53`` to ``57``); the social audit and the closure of its two minor findings
(``docs/32``, ``docs/58``); a screening record. Dates are in order and none is after the
date of importation.

Under the UFLPA one item is set aside with its reason (``[[not_applicable]]``): REG-05,
answers to CBP requests for information, since CBP has sent none beyond the notice of
detention (the WRO rules have no such condition, so the WRO demo sets nothing aside). Not in the
case on purpose, because the app drafts them on its Forms page: the 19 CFR 12.43
certificates of origin and the statement of the ultimate consignee that a WRO answer needs
(REG-01, REG-02 at the US gin, REG-03), which the WRO demo reports as missing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from importer_app.core.description import CaseSpec, DocumentSpec
from importer_app.core.description_writer import render_description
from importer_app.core.model import GapExplanation, GapRequest, NotApplicable
from importer_app.demo import REGIMES, downstream, general, labor, midstream, origin, plant, upstream, verification
from importer_app.demo.layout import render
from importer_app.demo.paperwork import Paper
from importer_app.demo.scenario import Scenario, build_scenario

_HEADER = (
    "# Demo case written by importer_app: every company, person and number in it is fictional.\n"
    "# Deliberate gaps: no proof of payment on gin-spinner, no logistics record on spinner-knitter,\n"
    "# and knitter-garment ships more fabric than its yarn input allows.\n"
)
_SET_ASIDE = "# REG-05 is set aside below: CBP has sent no request for information beyond the notice of detention.\n"


def write_demo(folder: Path, *, regime: str = "uflpa-applicability", today: dt.date) -> Path:
    """Write a fictional case description ``case.toml`` and its documents (PDFs under docs/) into folder.

    The output depends only on ``regime`` and ``today``: two runs give identical bytes.

    Args:
        folder: where to write; created when missing. Existing files of the same names are
            replaced.
        regime: ``uflpa-applicability`` or ``wro``.
        today: the date the case is made; the goods were imported 20 days before it.

    Returns:
        The path of ``case.toml``.

    Raises:
        ValueError: for a regime the demo does not cover.
    """
    if regime not in REGIMES:
        raise ValueError(f"the demo covers the regimes {', '.join(REGIMES)}, not {regime!r}")
    scenario = build_scenario(regime, today)
    papers = all_papers(scenario)
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    for paper in papers:
        render(paper.sheet, folder / paper.path, title=paper.title, date=paper.date)
    path = folder / "case.toml"
    header = _HEADER + (_SET_ASIDE if not_applicable(scenario) else "") + "\n"
    path.write_bytes((header + render_description(description(scenario, papers))).encode("utf-8"))
    return path


def all_papers(scenario: Scenario) -> list[Paper]:
    """Every document of the demo, from the cotton farm to the importer, and the labor records for a WRO."""
    papers = [*upstream.papers(scenario), *midstream.papers(scenario), *downstream.papers(scenario),
              *general.papers(scenario), *plant.papers(scenario), *verification.papers(scenario),
              *origin.papers(scenario)]
    if scenario.shipment.regime == "wro":
        papers += labor.papers(scenario)
    return sorted(papers, key=lambda p: p.path)


def not_applicable(scenario: Scenario) -> tuple[NotApplicable, ...]:
    """The items the importer sets aside, each with the reason CBP will read."""
    if scenario.shipment.regime not in ("uflpa-applicability", "uflpa-exception"):
        return ()
    notice = scenario.shipment.date_of_notice
    return (
        NotApplicable("REG-05", "case", (
            f"CBP has sent no request for information on this entry: its only communication is the notice of "
            f"detention of {notice:%B} {notice.day}, {notice.year}, which this submission answers. No CBP Form 28 or other request has been "
            "received; any request that comes will be answered in full and added to the case."
        )),
    )


def gap_explanations(scenario: Scenario) -> tuple[GapExplanation, ...]:
    """The importer's explanation of each deliberate gap, with the requests it made for it."""
    notice = scenario.shipment.date_of_notice
    sent, reply_by = notice + dt.timedelta(days=1), notice + dt.timedelta(days=15)
    supplement = notice + dt.timedelta(days=21)
    gaps = [
        GapExplanation("SCT-06", "link:gin-spinner", (
            "Kestrel Delta Spinning JSC paid Mesquite Draw Cooperative Gin by letter of credit; the bank's payment "
            "advice is held by the spinner's bank and has been requested."),
            supplement, (GapRequest("Kestrel Delta Spinning JSC, finance department", sent, reply_by,
                                    sent + dt.timedelta(days=3),
                                    "the advice was requested from its bank and will be forwarded on receipt"),)),
        GapExplanation("SCT-09", "link:spinner-knitter", (
            "The yarn was delivered by the spinner's own trucks; the delivery notes are kept at the spinning mill "
            "and have been requested."),
            supplement, (GapRequest("Kestrel Delta Spinning JSC, logistics department", sent, reply_by),)),
    ]
    if scenario.shipment.regime == "wro":
        forms = ("The form prefilled from the case records is enclosed with the forms under 19 CFR 12.43 and "
                 "has been sent for signature.")
        gaps += [
            GapExplanation("REG-01", "case", f"The signed original is not yet returned. {forms}", supplement,
                           (GapRequest("Saigon Crestline Garment Co., Ltd.", sent, reply_by),)),
            GapExplanation("REG-02", "entity:gin", f"The signed original is not yet returned. {forms}", supplement,
                           (GapRequest("Mesquite Draw Cooperative Gin", sent, reply_by),)),
            GapExplanation("REG-03", "case", f"The signed original is not yet complete. {forms}", supplement),
        ]
    return tuple(gaps)


def description(scenario: Scenario, papers: list[Paper]) -> CaseSpec:
    """The case description of the demo, ready to be written as TOML."""
    documents = tuple(
        DocumentSpec(path=p.path, type=p.type, title=p.title, date=p.date, entities=p.entities, links=p.links,
                     references=p.references, language=p.language, translation_of=p.translation_of)
        for p in papers
    )
    return CaseSpec(scenario.shipment, tuple(scenario.entities), tuple(scenario.links), documents,
                    not_applicable(scenario), gap_explanations=gap_explanations(scenario))
