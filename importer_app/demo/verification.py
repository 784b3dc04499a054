"""How the importer checked the chain: where each facility is, what it saw there, what the
suppliers declared, and how the audit's findings were closed.

The facility location record (with a sketch map), Harborline's visit reports for the three
Vietnamese mills, the US gin's and farm's declarations of their role, and the auditor's
closure of the corrective actions raised at the garment factory.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import mm

from importer_app.demo.layout import Break, Fields, Items, Signatures, Text, Title
from importer_app.demo.paperwork import PEOPLE, Paper, en, num, sheet, signer, us
from importer_app.demo.scenario import ORGS, Scenario
from importer_app.demo.sketchmap import Panel, Place, distance_to_xuar_km, sketch_map

# Where each facility stands (latitude, longitude), as read at its gate.
SITES: dict[str, tuple[float, float]] = {
    "grower": (32.5437, -101.7052),
    "gin": (32.7021, -101.9135),
    "spinner": (10.8862, 106.4127),
    "knitter": (10.7388, 106.9104),
    "garment": (10.9125, 106.7683),
    "importer": (33.7750, -118.2160),
}
# Ports of the chain: (name, what happened there, address, latitude, longitude).
_PORTS = (("Port of Houston, Barbours Cut", "Lint exported, B/L {lint_bl}", "La Porte, TX, US", 29.6800, -95.0000),
          ("Cat Lai terminal", "Lint landed; shirts loaded, B/L {shirt_bl}", "Ho Chi Minh City, VN", 10.7600, 106.7900),
          ("Port of Los Angeles", "Port of entry 2704, where the goods are detained", "San Pedro, CA, US", 33.7400,
           -118.2650))
_MARKS = {"grower": "1", "gin": "2", "spinner": "3", "knitter": "4", "garment": "5"}
# Harborline's visits: (days before importation, report number, document number); each visit
# took place while the order's lot was in production there.
_VISITS = {"spinner": (115, "031", 53), "knitter": (101, "034", 54), "garment": (68, "041", 55)}


def _coordinates(lat: float, lon: float) -> str:
    return f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.4f}° {'E' if lon >= 0 else 'W'}"


def _facility_locations(s: Scenario) -> Paper:
    t, r = s.dates, s.refs
    number = f"HLA-LOC-{t.before(21).year}-0417"
    names = {e.id: e.name for e in s.entities}
    process = {"grower": "Farm: grows seed cotton", "gin": "Gin: lint bales", "spinner": "Spinning: yarn Ne 30/1",
               "knitter": "Knitting and dyeing", "garment": "Cutting, sewing, packing"}
    how = {"grower": "Producer's declaration; FSA farm no. 4417", "gin": "Gin's declaration; USDA gin code 88-412",
           **{k: f"Harborline site visit {us(t.before(v[0]))}, GPS at the gate" for k, v in _VISITS.items()}}
    rows = tuple(
        (_MARKS[key], names[key], process[key], ", ".join(ORGS[key].address[:-1]), _coordinates(*SITES[key]), how[key],
         f"{num(round(distance_to_xuar_km(SITES[key][1], SITES[key][0]), -2))} km")
        for key in ("grower", "gin", "spinner", "knitter", "garment")
    )
    ports = tuple(("-", name, role.format(lint_bl=r.lint_bl, shirt_bl=r.shirt_bl), address, _coordinates(lat, lon),
                   "Terminal on the bill of lading", f"{num(round(distance_to_xuar_km(lon, lat), -2))} km")
                  for name, role, address, lat, lon in _PORTS)

    def place(key: str, label: str) -> Place:
        return Place(label, SITES[key][1], SITES[key][0], _MARKS[key])

    panels = (
        Panel("A  Dawson County, Texas (US)", -101.82, 32.63, 0.27, (
            place("gin", "Gin"), place("grower", "Farm"),
            Place("Lamesa", -101.9510, 32.7376), Place("Ackerly", -101.7163, 32.5271, left=True)), 0.1, 10),
        Panel("B  Around Ho Chi Minh City (VN)", 106.66, 10.82, 0.39, (
            place("spinner", "Spinner"), place("knitter", "Knitter"), place("garment", "Garment"),
            Place("Cat Lai port", 106.79, 10.76), Place("HCMC centre", 106.7009, 10.7769, left=True)), 0.2, 10),
        Panel("C  Vietnamese sites and the XUAR", 96.0, 27.0, 29.0, (
            Place("Sites 3-5", 106.70, 10.85, "VN"), Place("Hanoi", 105.85, 21.03), Place("Bangkok", 100.50, 13.75, left=True),
            Place("Beijing", 116.40, 39.90), Place("Urumqi", 87.62, 43.83)), 10, 1000),
    )
    width = LETTER[0] - 32 * mm
    return Paper(
        "docs/40-facility-locations.pdf", "facility_location", "Facility locations with coordinates and sketch map",
        t.before(21),
        sheet("importer", number,
              Title("FACILITY LOCATIONS", f"Every production site of order {r.shirt_po}, with coordinates"),
              Fields((("Document no.", number), ("Date", us(t.before(21))), ("Prepared by", "Harborline Sourcing & Compliance"),
                      ("Datum", "WGS 84, decimal degrees"))),
              Items(("No.", "Facility", "Process", "Address", "Coordinates", "How verified", "To the XUAR"),
                    rows + ports, (0.45, 1.4, 1.05, 1.8, 1.2, 1.45, 0.85), "CLLLLLR"),
              Text("", ("Distances are great-circle distances to the nearest point of the Xinjiang Uyghur Autonomous "
                        "Region, rounded to 100 km. The farm's fields (tracts 2291, 2293 and 2298) lie within 6 km of the "
                        "farmstead. No facility of this supply chain is in China.",)),
              Break(),
              Text("Sketch map", ("Numbers as in the table. Drawn to the scale bar of each panel from the coordinates "
                                  "above; coastlines and borders are not shown.",)),
              sketch_map(panels, width),
              Signatures((signer("importer", 0, "Prepared by"),)),
              ),
        entities=tuple(e.id for e in s.entities), references=(number,),
    )


def _visit_report(s: Scenario, key: str, seen: tuple[tuple[str, str], ...], role: str, documents: str,
                  follow_up: str, host: int) -> Paper:
    t = s.dates
    days, serial, doc = _VISITS[key]
    day = t.before(days)
    number = f"HLA-VR-{day.year}-{serial}"
    org = ORGS[key]
    host_name, host_title = PEOPLE[key][host]
    return Paper(
        f"docs/{doc}-visit-report-{key}.pdf", "facility_visit_record", f"Facility visit report, {org.name}",
        t.before(days - 2),
        sheet("importer", number,
              Title("FACILITY VISIT REPORT", org.name),
              Fields((("Report no.", number), ("Visit date", us(day)), ("Facility", org.one_line_address),
                      ("GPS at the gate", _coordinates(*SITES[key])), ("Visitors", "Dana R. Whitfield; Nguyễn Hoàng Vy"),
                      ("Hosted by", f"{host_name}, {host_title}"), ("Notice given", "Two working days"),
                      ("Photographs", f"{number}-P01 to -P24, on file"))),
              Items(("Area", "What we saw"), seen, (1.3, 4.7), "LL"),
              Text("Role of the facility", (role,)),
              Text("Documents sighted", (documents,)),
              Text("Follow-up", (follow_up,)),
              Signatures((signer("importer", 0, "Visit lead"), signer("importer", 2, "Visitor"),
                          signer(key, host, "Facility acknowledgement", sealed=True))),
              ),
        entities=(key,), references=(number,),
    )


def _visit_reports(s: Scenario) -> list[Paper]:
    t, r = s.dates, s.refs
    spinner = _visit_report(s, "spinner", (
        ("Bale store B2", "44 bales with PBI tags 88412 031457 to 031500 stacked as one lot under a lot card "
                          "\"PCF-4417 / USA\"; 38 bales still wrapped. Six tags checked against the bale list. "
                          "Brazilian and Australian lots are kept in stores B1 and B3, with their own lot cards."),
        ("Blowroom and cards, line B", "Laydown of lot PCF-4417 only; 3 cards running for line B."),
        ("Ring frames RF-11 to RF-16", "Running Ne 30/1 carded; bobbin trolleys tagged KDS-Y30-118."),
        ("Winding and packing", "Cones of 1.875 kg, cartons labelled KDS-Y30-118 / LTK order."),
        ("Workforce", "About 45 workers on the shift, in company uniform with ID badges; canteen on site, no "
                      "dormitory; gate open at shift change."),
        ("Samples", "Lint drawn from bales 031466, 031479 and 031493, sealed in bag HLA-S1 for origin testing."),
    ), "Kestrel Delta buys cotton lint and spins it into yarn at this site. It does not subcontract spinning and "
       "does not trade yarn spun by others.",
        f"Goods received note KDS-GRN-{t.before(138).year}-0227, bale list, spinning production log for lot KDS-Y30-118, "
        "bale store stock card.",
        f"None. The mill will send the production report of lot KDS-Y30-118 and the invoice for order {r.yarn_po}.", 2)
    knitter = _visit_report(s, "knitter", (
        ("Yarn store A, rack 4", "25 cartons of lot KDS-Y30-118 (about 1,100 kg) left of the 67 received; carton "
                                 "labels match the spinner's invoice."),
        ("Yarn store A, racks 1-3 and 5", "Other cotton yarn held as stock from earlier orders, with the mill's "
                                          "own lot cards (e.g. TK lots); supplier not shown on the cards."),
        ("Knitting hall", "MD-04 knitting white single jersey from lot KDS-Y30-118; MD-03 cleaned after its white "
                          "run; MD-07 being set up for forest green."),
        ("Dye house", "Navy greige rolls (about 1,300 kg) waiting for jet JT-2."),
        ("Workforce", "About 30 workers on the shift; time clock at the gate; no dormitory."),
        ("Samples", "One cone of lot KDS-Y30-118 sealed in bag HLA-S2 for origin testing."),
    ), "Lam Thuy knits greige fabric from purchased yarn and dyes and finishes it on site. It does not spin.",
        f"Goods received note LTK-NK-{t.before(107).year}-0093, purchase order {r.yarn_po}, knitting plan.",
        f"The yarn on racks 1-3 and 5 has no supplier on its lot cards. We asked the mill to use only lot "
        f"KDS-Y30-118 for order {r.fabric_po} and to report every yarn lot it issues to the order.", 1)
    garment = _visit_report(s, "garment", (
        ("Fabric store F1", f"Rolls R001 to R126 from Lam Thuy, tagged with order {r.shirt_po}; navy mostly "
                            "issued, white and forest green on the racks."),
        ("Cutting room", "White HB-PS220 being spread and cut; fire exits clear and marked (audit finding 2)."),
        ("Sewing lines 4-6", "96 operators on HB-PS220 navy and white; line output boards match the order."),
        ("Finishing and packing", "Cartons marked HARBORLINE / LONG BEACH; needle detector in use."),
        ("Workforce", "Overtime approval forms posted by line (audit finding 1); workers' ID cards kept by the "
                      "workers; canteen and first-aid room."),
    ), "Saigon Crestline cuts, sews and packs the shirts at this site. It does not subcontract any operation.",
        "Fabric receiving report, cutting tickets, line output records, overtime approvals.",
        "None. Pre-shipment samples of each colour to be drawn at the final inspection for origin testing.", 3)
    return [spinner, knitter, garment]


def _declaration(s: Scenario, key: str, number: str, statements: tuple[str, ...], date_days: int, doc: int) -> Paper:
    t = s.dates
    name, title = PEOPLE[key][0]
    org = ORGS[key]
    place = org.address[-2].split(",")[0]
    day = t.before(date_days)
    return Paper(
        f"docs/{doc}-declaration-of-role-{key}.pdf", "affidavit",
        f"Declaration of supply chain role, {org.name}", day,
        sheet(key, number,
              Title("DECLARATION OF SUPPLY CHAIN ROLE", "Unsworn declaration under 28 U.S.C. § 1746"),
              Text("", (f"I, {name}, {title} of {org.name}, {org.one_line_address}, declare:",)),
              *(Text("", (f"{i + 1}. {p}",)) for i, p in enumerate(statements)),
              Text("", ("I declare under penalty of perjury under the laws of the United States of America that the "
                        f"foregoing is true and correct. Executed on {us(day)} at {place}, Texas.",)),
              Signatures((signer(key, 0, "Declarant"),)),
              ),
        entities=(key,), references=(number,),
    )


def _declarations(s: Scenario) -> list[Paper]:
    t, r = s.dates, s.refs
    gin = _declaration(s, "gin", f"MDG-DEC-{t.before(33).year}-07", (
        f"I have managed this gin since its {t.before(215).year - 11} season and know its records and operations "
        "first-hand.",
        f"The gin received 12 round modules of seed cotton (26,400 kg net) from Pettibone Creek Farms LLC, FSA farm no. "
        f"4417, under agreement {r.farm_agreement}, ginned them on its own stands 1-3 between {us(t.before(214))} and "
        f"{us(t.before(212))}, and pressed 44 bales of lint, PBI tags 88412 031457 to 031500, producer lot PCF-4417.",
        f"The gin sold those 44 bales to Kestrel Delta Spinning JSC, Vietnam, under contract {r.lint_contract} and "
        f"invoice {r.lint_invoice}, and shipped them from Houston under bill of lading {r.lint_bl}.",
        "No cotton from any other producer or source went into these bales. The gin gins only seed cotton grown by its "
        "members in Dawson County and neighbouring counties of Texas, and has no suppliers, affiliates or operations "
        "in China.",
        "The gin crew are the gin's own employees, paid by the hour by direct deposit; no forced, convict or "
        "indentured labor is used.",
    ), 33, 56)
    grower = _declaration(s, "grower", f"PCF-DEC-{t.before(32).year}-01", (
        f"I own and run the farm, FSA farm no. 4417 in Dawson County, Texas, and grew the {t.before(215).year} upland "
        "cotton crop on its fields, tracts 2291, 2293 and 2298.",
        f"The farm stripped that cotton with its own machines and crew and delivered 12 round modules, PCF-M-241 to "
        f"PCF-M-252, to Mesquite Draw Cooperative Gin under agreement {r.farm_agreement} (haul log {r.haul_log}, "
        f"invoice {r.farm_invoice}).",
        "The farm bought no seed cotton from anyone: every module came from its own fields.",
        "The harvest crew are the farm's own employees, paid by the hour at or above the minimum wage; no forced, "
        "convict or indentured labor is used.",
    ), 32, 57)
    return [gin, grower]


def _corrective_actions(s: Scenario) -> Paper:
    t = s.dates
    audit = f"NB-VN-{t.before(150).year}-0588"
    number = f"{audit}-FU1"
    checked = t.before(118)
    rows = (
        ("1", "Working hours: 2 of 40 sampled workers exceeded 40 h monthly overtime in a peak week",
         "Overtime approved line by line on a signed form; HR runs a monthly cap report with an alert at 36 h; "
         f"supervisors trained on {en(t.before(131))}",
         "Overtime reports for the 2 months after the audit (all 412 workers): highest 38 h; training attendance "
         "list (27 supervisors)", "Closed", en(checked)),
        ("2", "Health and safety: one fire exit partly blocked by fabric rolls in the cutting room",
         "Cleared during the audit; yellow floor marking; weekly EHS walk with checklist",
         "Photographs; 8 weekly checklists; on-site check: all exits clear", "Closed", en(checked)),
    )
    return Paper(
        "docs/58-corrective-action-closure.pdf", "remediation_plan",
        f"Corrective action plan and closure verification, audit {audit}", checked,
        sheet("auditor", number,
              Title("CORRECTIVE ACTION PLAN: CLOSURE VERIFICATION", f"Follow-up to audit report {audit}"),
              Fields((("Report no.", number), ("Verified on", en(checked)),
                      ("Facility", "Saigon Crestline Garment Co., Ltd."),
                      ("Original audit", f"{en(t.before(153))} - {en(t.before(152))}"),
                      ("Method", "Desk review and half-day on-site check"), ("Commissioned by", "Harborline Apparel Inc."))),
              Items(("No.", "Finding", "Action taken", "Evidence reviewed", "Status", "Closed on"), rows,
                    (0.35, 1.6, 1.8, 1.8, 0.6, 0.85), "CLLLCL"),
              Text("Conclusion", ("Both findings of the audit are closed. No new issue was observed during the on-site "
                                  "check. The next unannounced audit is due within 12 months of the original audit.",)),
              Signatures((signer("auditor", 0, "Lead auditor", sealed=True, center=("VERIFIED", en(checked))),
                          signer("garment", 0, "Factory acknowledgement"))),
              ),
        entities=("garment",), references=(number, audit),
    )


def papers(s: Scenario) -> list[Paper]:
    """Facility locations, visit reports, the US suppliers' declarations and the corrective-action closure."""
    return [_facility_locations(s), *_visit_reports(s), *_declarations(s), _corrective_actions(s)]
