"""Documents about the whole chain: bill of materials, social audit, supply chain description,
screening record and the importer's supplier code of conduct."""

from __future__ import annotations

from importer_app.demo.layout import Break, Fields, Items, Signatures, Text, Title
from importer_app.demo.paperwork import Paper, en, num, sheet, signer, us
from importer_app.demo.scenario import Scenario


def _bill_of_materials(s: Scenario) -> Paper:
    t, r = s.dates, s.refs
    number = "SCG-BOM-HB-PS220/PL221"
    rows = (
        ("Body fabric", "100% cotton single jersey 180 g/m², Navy / White / Forest green", "Lam Thuy Knitting Co., Ltd.",
         "VN", "0.235 kg", "Cotton: US (Texas)"),
        ("Collar and cuffs", "100% cotton flat-knit, matching colour, same yarn lot", "Lam Thuy Knitting Co., Ltd.",
         "VN", "0.015 kg", "Cotton: US (Texas)"),
        ("Sewing thread", "100% spun polyester 40/2, colour matched", "Pho Hien Thread Co., Ltd.", "VN", "165 m",
         "No cotton"),
        ("Buttons", "Polyester 4-hole 18L, 3 per shirt", "Minh Phat Trims Co., Ltd.", "VN", "3 pcs", "No cotton"),
        ("Labels", "Woven main label and printed care label, polyester", "Minh Phat Trims Co., Ltd.", "VN", "2 pcs",
         "No cotton"),
        ("Packaging", "LDPE polybag, hang tag (paper), export carton 5-ply", "Minh Phat Trims Co., Ltd.", "VN", "1 set",
         "No cotton"),
    )
    return Paper(
        "docs/31-bill-of-materials.pdf", "bill_of_materials", "Bill of materials, styles HB-PS220 and HB-PL221",
        t.before(133),
        sheet("garment", number,
              Title("BILL OF MATERIALS", f"Styles HB-PS220 (short sleeve) and HB-PL221 (long sleeve) · order {r.shirt_po}"),
              Fields((("BOM no.", number), ("Date", en(t.before(133))), ("Sizes", "S, M, L, XL, XXL"),
                      ("Cutting yield", "4.0 pcs per kg of fabric, incl. 6% cutting loss"))),
              Items(("Component", "Description", "Supplier", "Made in", "Per piece", "Fibre origin"), rows,
                    (1.1, 2.5, 1.6, 0.75, 0.8, 1.1), "LLLCRL"),
              Text("", ("Every cotton component comes from one source: yarn lot KDS-Y30-118 (Kestrel Delta Spinning) spun "
                        "from US upland cotton ginned by Mesquite Draw Cooperative Gin, Texas. Trims contain no cotton.",)),
              Signatures((signer("garment", 3, "Prepared by"), signer("garment", 0, "Approved", sealed=True))),
              ),
        entities=("garment",), references=(number,),
    )


def _audit_report(s: Scenario) -> Paper:
    t = s.dates
    number = f"NB-VN-{t.before(150).year}-0588"
    ilo = (
        ("Abuse of vulnerability", "Not found. 14% of workers are internal migrants; housing is not tied to the job."),
        ("Deception", "Not found. Contracts in Vietnamese match the terms stated at hiring."),
        ("Restriction of movement", "Not found. Gates open at shift end; dormitory curfew not enforced."),
        ("Isolation", "Not found. Site is in an industrial zone with public transport."),
        ("Physical and sexual violence", "Not found. Grievance box and hotline in place; 0 cases in 12 months."),
        ("Intimidation and threats", "Not found in 38 private interviews."),
        ("Retention of identity documents", "Not found. Workers hold their ID cards; HR keeps copies only."),
        ("Withholding of wages", "Not found. Wages paid by bank transfer on the 5th; 3 months sampled."),
        ("Debt bondage", "Not found. No recruitment fees; no loans or advances outstanding."),
        ("Abusive working and living conditions", "Not found. Fire drills, PPE and canteen meet local law."),
        ("Excessive overtime", "Minor: 2 of 40 sampled workers worked 44 h overtime in one month (legal limit 40 h)."),
    )
    return Paper(
        "docs/32-social-compliance-audit.pdf", "audit_report", f"Social compliance audit report {number}", t.before(150),
        sheet("auditor", number,
              Title("SOCIAL COMPLIANCE AUDIT REPORT", "Unannounced audit · forced-labour indicators and working conditions"),
              Fields((("Report no.", number), ("Audit dates", f"{en(t.before(153))} - {en(t.before(152))}"),
                      ("Facility", "Saigon Crestline Garment Co., Ltd., Lot C12, Tan Phuoc Industrial Zone"),
                      ("Commissioned by", "Harborline Apparel Inc."), ("Workforce", "412 workers (71% women)"),
                      ("Audit type", "Unannounced, 2 auditor-days"))),
              Text("Scope and method", (
                  "Site tour of cutting, sewing, finishing, warehouse and dormitory; review of 40 personnel files, "
                  "12 months of time records and 3 months of payroll; 38 private worker interviews held off the "
                  "production floor in Vietnamese; interviews with the general director, HR and the trade union chair. "
                  "Findings are rated against Vietnamese labour law and the 11 ILO indicators of forced labour.",
              )),
              Items(("ILO indicator", "Finding"), ilo, (1.6, 4.4), "LL"),
              Break(),
              Text("Workforce profile", ()),
              Items(("Department", "Workers", "Women", "Internal migrants", "Avg. monthly wage VND", "Avg. hours / week"),
                    (("Cutting", "38", "9", "6", "8,150,000", "48.5"), ("Sewing", "264", "221", "37", "8,420,000", "49.0"),
                     ("Finishing and packing", "71", "52", "9", "7,960,000", "48.0"),
                     ("Warehouse, maintenance, office", "39", "11", "6", "9,310,000", "46.5")),
                    (2, 0.8, 0.8, 1, 1.4, 1.1), "LRRRRR",
                    (("Total", "412", "293", "58", "8,400,000", "48.5"),)),
              Text("Records reviewed", (
                  "Labour contracts and ID copies (40 files); time cards from the electronic attendance system for 12 "
                  "months; payroll and bank transfer lists for 3 months; overtime consent forms; social insurance "
                  "payment records; dormitory rules; grievance log; recruitment procedure and hiring advertisements "
                  "(no agencies used, no fees charged); collective bargaining agreement.",
              )),
              Text("Findings and corrective actions", ()),
              Items(("No.", "Area", "Finding", "Rating", "Corrective action", "Due"),
                    (("1", "Working hours", "2 workers exceeded 40 h monthly overtime during a peak week", "Minor",
                      "Overtime approval by line and monthly cap check by HR", en(t.before(120))),
                     ("2", "Health and safety", "One fire exit partly blocked by fabric rolls in the cutting room",
                      "Minor", "Cleared during the audit; floor marking added", en(t.before(152))),),
                    (0.4, 1.1, 2.2, 0.7, 2, 0.9), "CLLCLL"),
              Text("Conclusion", (
                  "No indicator of forced labour was found. Two minor findings were raised and one was closed during the "
                  "audit. The facility does not subcontract sewing; all production for the client's orders is done on site.",
              )),
              Signatures((signer("auditor", 0, "Lead auditor", sealed=True, center=("AUDITED", en(t.before(152)))),
                          signer("auditor", 1, "Co-auditor"), signer("garment", 0, "Factory acknowledgement"))),
              ),
        entities=("garment",), references=(number,),
    )


def _process_description(s: Scenario) -> Paper:
    t, r = s.dates, s.refs
    number = f"HLA-TR-{t.before(21).year}-0417"
    names = {e.id: e.name for e in s.entities}
    places = {"grower": "Ackerly, TX, US", "gin": "Lamesa, TX, US", "spinner": "Tay Ninh, VN", "knitter": "Dong Nai, VN",
              "garment": "Ho Chi Minh City, VN"}
    process = {"grower": "Grows and strips seed cotton", "gin": "Gins seed cotton into lint bales",
               "spinner": "Spins carded yarn Ne 30/1", "knitter": "Knits and dyes single jersey",
               "garment": "Cuts, sews and packs polo shirts"}
    rows = tuple(
        (str(i + 1), names[link.source], places[link.source], process[link.source],
         f"{link.material}: {num(link.quantity)} {link.unit}", ", ".join(link.references))
        for i, link in enumerate(s.links)
    )
    return Paper(
        "docs/33-supply-chain-description.pdf", "process_description", "Supply chain and production process description",
        t.before(21),
        sheet("importer", number,
              Title("SUPPLY CHAIN TRACING SUMMARY", f"Purchase order {r.shirt_po} · men's cotton knit polo shirts"),
              Fields((("Document no.", number), ("Date", us(t.before(21))), ("Prepared by", "Harborline Sourcing & Compliance"),
                      ("Merchandise", "12,000 pcs, styles HB-PS220 / HB-PL221"))),
              Text("Summary", (
                  "The shirts were cut, sewn and packed by Saigon Crestline Garment in Ho Chi Minh City from single jersey "
                  "knitted and dyed by Lam Thuy Knitting in Dong Nai. The yarn was spun by Kestrel Delta Spinning in Tay "
                  "Ninh from 44 bales of US upland cotton ginned by Mesquite Draw Cooperative Gin, Lamesa, Texas, from "
                  "seed cotton grown by Pettibone Creek Farms, Ackerly, Texas. No step takes place in China.",
              )),
              Items(("No.", "Supplier", "Location", "Process", "Material shipped to next tier", "Records"), rows,
                    (0.45, 1.6, 1.1, 1.5, 1.9, 1.8), "CLLLLL"),
              Text("How the chain was traced", (
                  "Each tier named its supplier and lot on its own invoice or production report; Harborline collected "
                  "contracts, invoices, payments, transport and production records for every step and matched their "
                  "order numbers, quantities and dates. Harborline commissioned an unannounced social audit of the "
                  "garment factory and screened all suppliers against the UFLPA Entity List.",
              )),
              Signatures((signer("importer", 0, "Prepared by"),)),
              ),
        entities=tuple(e.id for e in s.entities), references=(number,),
    )


def _screening_record(s: Scenario) -> Paper:
    t = s.dates
    day = t.before(30)
    number = f"HLA-SCR-{day:%Y%m%d}"
    parties = [(e.name, e.name_local or "-", e.country) for e in s.entities if e.role != "importer"]
    parties += [("Pacific Meridian Lines Ltd.", "-", "SG"), ("Lotus Road Transport Co., Ltd.",
                                                             "Công ty TNHH Vận tải Lotus Road", "VN")]
    rows = tuple((name, other, country, "No match", "No match") for name, other, country in parties)
    return Paper(
        "docs/34-screening-record.pdf", "screening_record", "Screening of supply chain parties against the UFLPA "
        "Entity List and the WRO/Findings list", day,
        sheet("importer", number,
              Title("RESTRICTED PARTY SCREENING RECORD", "UFLPA Entity List and CBP Withhold Release Orders and Findings"),
              Fields((("Record no.", number), ("Screened on", us(day)), ("Order", s.refs.shirt_po),
                      ("Method", "Exact and fuzzy name match, local-script names included"))),
              Items(("Party", "Other names", "Country", "UFLPA Entity List", "WRO / Findings list"), rows,
                    (2.2, 2.2, 0.7, 1.1, 1.1), "LLCCC"),
              Text("", (f"Lists as published by DHS and CBP and downloaded on {us(day)}. Addresses checked against the "
                        "listed entities' addresses; no party is located in the Xinjiang Uyghur Autonomous Region.",)),
              Signatures((signer("importer", 0, "Screened and reviewed by"),)),
              ),
        entities=tuple(e.id for e in s.entities), references=(number,),
    )


def _code_of_conduct(s: Scenario) -> Paper:
    t = s.dates
    clauses = (
        ("1. Freely chosen employment", "No forced, prison, bonded, indentured or trafficked labor, and no state-imposed "
                                        "labor transfer programs, at the supplier or anywhere in its supply chain."),
        ("2. Recruitment", "Workers pay no recruitment fees or deposits; contracts are written in a language the worker "
                           "understands and signed before work starts."),
        ("3. Identity documents and movement", "Workers keep their identity papers and are free to leave the premises "
                                               "after their shift and to resign with legal notice."),
        ("4. Wages and hours", "At least the legal minimum wage, paid on time to the worker's own account; overtime "
                               "voluntary, within legal limits and paid at the legal premium."),
        ("5. Raw material origin", "No cotton, yarn, fabric or other input from the Xinjiang Uyghur Autonomous Region or "
                                   "from any entity on the UFLPA Entity List."),
        ("6. Traceability", "The supplier keeps and hands over, per order, the contracts, invoices, payments, transport "
                            "and production records of every tier back to the raw material."),
        ("7. Verification and remediation", "Harborline may audit, announced or not; findings are remediated under a "
                                            "written plan. A breach of clauses 1, 2 or 5 ends the business relationship."),
    )
    return Paper(
        "docs/35-supplier-code-of-conduct.pdf", "code_of_conduct", "Harborline supplier code of conduct, signed by the "
        "garment factory", t.before(140),
        sheet("importer", "HLA-COC-V3",
              Title("SUPPLIER CODE OF CONDUCT", "Forced labor and responsible sourcing · version 3"),
              *(Text(heading, (body,)) for heading, body in clauses),
              Text("Supplier acknowledgement", (f"Signed for Saigon Crestline Garment Co., Ltd. on {en(t.before(140))}; "
                                                "the supplier passes these terms on to its own suppliers.",)),
              Signatures((signer("importer", 0, "Issued by"), signer("garment", 0, "Acknowledged by the supplier",
                                                                     sealed=True))),
              ),
        entities=("importer", "garment"), references=("HLA-COC-V3",),
    )


def papers(s: Scenario) -> list[Paper]:
    """The documents that speak for the whole chain."""
    return [_bill_of_materials(s), _audit_report(s), _process_description(s), _screening_record(s), _code_of_conduct(s)]
