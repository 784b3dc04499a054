"""What the producers own and hold: equipment lists of the four processors and stock cards.

Each producer lists the machines it made its step with, machine numbers as its production
reports use them (gin stands 1-3, ring frames RF-11 to RF-16, knitting machines MD-03/04/07,
jet JT-2, sewing lines 4-6). The stock cards show how each lot was kept apart: the spinner's
bale store, the knitting mill's yarn store (where the stock yarn of the deliberate quantity
gap shows up again) and the garment factory's fabric store.
"""

from __future__ import annotations

import datetime as dt

from importer_app.demo.downstream import FABRIC, WEEKS
from importer_app.demo.layout import Fields, Items, Signatures, Text, Title
from importer_app.demo.midstream import KNITTING
from importer_app.demo.paperwork import Paper, en, num, sheet, signer, us
from importer_app.demo.scenario import ORGS, Scenario
from importer_app.demo.upstream import LINT_ISSUED, bale_weights

_Row = tuple[str, str, str, str, str, str, str]

_GIN: tuple[_Row, ...] = (
    ("MDG-101", "Module trucks nos. 1-5", "Caprock Haulers RMH-8", "5", "2019-22", "4 round modules a load", "Owned"),
    ("MDG-110", "Module feeder and disperser", "Plainsman MF-12", "1", "2016", "16 round modules an hour", "Owned"),
    ("MDG-120", "Seed cotton tower driers", "Llano Thermal TD-24", "2", "2016", "Gas-fired, two stages", "Owned"),
    ("MDG-130", "Inclined cylinder cleaners", "Plainsman IC-6", "2", "2011", "6 cylinders, 72 in", "Owned"),
    ("MDG-140", "Stick and green-leaf machine", "Plainsman SGL-96", "1", "2011", "96 in", "Owned"),
    ("MDG-150", "Extractor-feeders", "Plainsman XF-170", "3", "2016", "One per gin stand", "Owned"),
    ("MDG-160", "Saw gin stands 1-3", "Plainsman SG-170", "3", "2016", "170 saws; 15 bales an hour each", "Owned"),
    ("MDG-170", "Saw-type lint cleaners", "Plainsman LC-86", "6", "2016", "Two stages per stand", "Owned"),
    ("MDG-180", "Battery condenser, lint slide", "Brazos Hydraulics BC-70", "1", "2016", "70 in", "Owned"),
    ("MDG-190", "Up-packing bale press", "Brazos Hydraulics UD-500", "1", "2016", "Universal density, 45 bales/h",
     "Owned"),
    ("MDG-200", "Bale sampler, PBI tag printer", "Southplains ABS-2", "1", "2018", "USDA classing samples", "Owned"),
    ("MDG-210", "Bale bagging and strapping", "Brazos Hydraulics BW-45", "1", "2018", "Cotton bags, 6 straps", "Owned"),
    ("MDG-220", "Truck scale, state certified", "Westfield Scale WTS-80", "1", "2012", "80 ft, 120 t", "Owned"),
    ("MDG-230", "Bale forklifts", "Yardmaster BF-60", "2", "2021", "Bale yard; rented for the season", "Leased"),
)
_SPINNER: tuple[_Row, ...] = (
    ("KD-BR-A", "Blowroom line A", "Keller-Brandt BO-2300", "1", "2014", "Plucker, cleaners, mixer; 1,000 kg/h",
     "Owned"),
    ("KD-BR-B", "Blowroom line B (single-origin lots)", "Keller-Brandt BO-1200", "1", "2009", "300 kg/h", "Owned"),
    ("KD-CD", "Carding machines C-01 to C-21", "Keller-Brandt KC-60", "21", "2009-18", "C-19 to C-21 on line B",
     "Owned"),
    ("KD-DF", "Draw frames, breaker and finisher", "Nordhaven DF-8 / 8A", "10", "2014", "Autoleveller; 2 on line B",
     "Owned"),
    ("KD-SX", "Roving (simplex) frames", "Kurata FL-160", "7", "2014", "160 spindles; 1 on line B", "Owned"),
    ("KD-RF-A", "Ring frames RF-01 to RF-10", "Kurata RX-1200", "10", "2014", "1,200 spindles each", "Owned"),
    ("KD-RF-B", "Ring frames RF-11 to RF-16", "Kurata RX-480", "6", "2009", "480 spindles each; line B", "Owned"),
    ("KD-AW", "Automatic cone winders", "Kurata AW-60", "6", "2014-19", "60 drums, electronic clearers", "Owned"),
    ("KD-YC", "Yarn conditioning autoclave", "Thermotex YC-3", "1", "2014", "3 trolleys a cycle", "Owned"),
    ("KD-LAB", "HVI line and evenness tester", "Helix HV-9 / UT-5", "2", "2017", "Every lint lot classed", "Owned"),
    ("KD-HP", "Humidification plants", "Aerofrost HP-400", "2", "2014", "Spinning hall at 55% RH", "Owned"),
    ("KD-AC", "Screw air compressors", "Oberland SK-160", "3", "2020", "160 kW; 5-year service lease", "Leased"),
    ("KD-GN", "Standby diesel generator", "Marwick DG-1000", "1", "2014", "1,000 kVA", "Owned"),
)
_KNITTER: tuple[_Row, ...] = (
    ("LT-MD", "Circular knitting, MD-01 to MD-10", "Hoshino SJ-3624", "10", "2017-21",
     "Single jersey, 36 in, 24 G, 108 feeders", "Owned"),
    ("LT-FK", "Flat knitting, FK-01 to FK-04", "Hoshino FK-14C", "4", "2019", "Collars and cuffs, 14 G", "Owned"),
    ("LT-JT-1", "Jet dyeing machine JT-1", "Taehan Dyetech HT-250", "1", "2016", "250 kg a batch, 1 tube", "Owned"),
    ("LT-JT-2", "Jet dyeing machine JT-2", "Taehan Dyetech HT-500", "1", "2016", "500 kg a batch, 2 tubes", "Owned"),
    ("LT-JT-3", "Jet dyeing machine JT-3", "Taehan Dyetech HT-1000", "1", "2020", "1,000 kg a batch, 4 tubes", "Owned"),
    ("LT-SQ", "Tubular squeezer and slitter", "Corvetti TS-2", "1", "2016", "Opens tubes to 180 cm", "Owned"),
    ("LT-RD", "Relax dryer", "Corvetti RD-3", "1", "2016", "", "Owned"),
    ("LT-ST", "Stenter, 8 chambers", "Corvetti ST-8", "1", "2020", "Gas-fired, 220 cm", "Finance lease"),
    ("LT-CP", "Open-width compactor", "Corvetti CP-220", "1", "2020", "", "Owned"),
    ("LT-IN", "Fabric inspection machines", "Nam Viet IM-2", "3", "2016", "4-point system", "Owned"),
    ("LT-LAB", "Spectrophotometer, sample dyeing", "Chromalux CS-600", "1", "2018", "Shade approval", "Owned"),
    ("LT-BL", "Steam boiler, biomass-fired", "Dong Nai Boiler DB-6", "1", "2016", "6 t of steam an hour", "Owned"),
)
_GARMENT: tuple[_Row, ...] = (
    ("SC-C01", "Automatic fabric spreaders", "Tessa AS-190", "2", "2019", "Knit fabric up to 190 cm", "Owned"),
    ("SC-C02", "CAD marker system, plotter", "Patternline PL-180", "1", "2019", "", "Owned"),
    ("SC-C03", "Straight-knife cutting machines", "Ranger SK-8", "6", "2015-19", "8 in blade", "Owned"),
    ("SC-C04", "Band knives", "Ranger BK-900", "2", "2015", "", "Owned"),
    ("SC-C05", "Continuous fusing press", "Heatwell FP-600", "1", "2018", "Placket and collar interlining", "Owned"),
    ("SC-S01", "Lockstitch, single needle", "Hayashi HL-9800", "130", "2016-22", "Direct drive", "Owned"),
    ("SC-S02", "Lockstitch, single needle", "Hayashi HL-9800", "20", "2022", "Peak season, Minh An Rental", "Leased"),
    ("SC-S03", "Overlock, 4 threads", "Hayashi HO-7400", "72", "2016-22", "", "Owned"),
    ("SC-S04", "Flatlock (cover stitch)", "Hayashi HF-3600", "32", "2017", "3 needles", "Owned"),
    ("SC-S05", "Automatic placket sewers", "Marchetti AP-20", "4", "2020", "Polo plackets", "Owned"),
    ("SC-S06", "Buttonhole and button sewing", "Hayashi HB-1790 / HK-1900", "16", "2018", "8 of each", "Owned"),
    ("SC-S07", "Bartack machines", "Hayashi HT-1850", "4", "2018", "", "Owned"),
    ("SC-F01", "Steam irons, vacuum tables", "Vaporex VT-2", "24", "2016", "", "Owned"),
    ("SC-F02", "Conveyor needle detectors", "Detexa ND-600", "2", "2019", "Every piece before packing", "Owned"),
    ("SC-F03", "Thread-trimming suction units", "Vaporex TS-1", "2", "2019", "", "Owned"),
)
# Equipment lists: (entity, days before importation, document number, rows, note, signatory).
_EQUIPMENT = (
    ("gin", 38, 36, "MDG-EQ", _GIN, "Rated capacity 45 bales an hour; ginning season October to January. All equipment "
     "stands at the gin, 4180 County Road 17, Lamesa, and serves no other gin.", 0),
    ("spinner", 37, 37, "KDS-TB", _SPINNER, "26,112 spindles in all. Line B (blowroom B, cards C-19 to C-21, 2 draw frames, "
     "1 simplex, ring frames RF-11 to RF-16, 2,880 spindles) is kept for single-origin lots and runs one shift, about "
     "500 kg of Ne 30/1 a day; it spun yarn lot KDS-Y30-118.", 0),
    ("knitter", 37, 38, "LTK-TB", _KNITTER, "Machine numbers are painted on each machine and used in the production "
     "reports. Waste water goes to the industrial cluster's central treatment plant.", 0),
    ("garment", 36, 39, "SCG-TB", _GARMENT, "8 sewing lines of 32 operators; order HB-PS220 / HB-PL221 ran on lines 4-6. "
     "No machine is placed with a subcontractor.", 3),
)


def _equipment_list(s: Scenario, key: str, days: int, doc: int, prefix: str, rows: tuple[_Row, ...], note: str,
                    person: int) -> Paper:
    day = s.dates.before(days)
    number = f"{prefix}-{day.year}-01"
    date = us(day) if key == "gin" else en(day)
    subtitle = "Danh sách máy móc thiết bị" if key != "gin" else "Manufacturing equipment at the gin"
    return Paper(
        f"docs/{doc}-equipment-list-{key}.pdf", "equipment_list", f"Equipment list, {ORGS[key].name}", day,
        sheet(key, number,
              Title("EQUIPMENT LIST", subtitle),
              Fields((("List no.", number), ("As of", date), ("Site", ", ".join(ORGS[key].address[:-1])),
                      ("Prepared for", "Harborline Apparel Inc."))),
              Items(("Asset no.", "Equipment", "Make / model", "Qty", "Year", "Capacity / specification", "Tenure"),
                    rows, (0.85, 2.0, 1.55, 0.55, 0.8, 1.95, 0.9), "LLLRCLL"),
              Text("", (f"{note} Makes and models as on the nameplates; purchase invoices and the fixed asset register "
                        "are available for inspection.",)),
              Signatures((signer(key, person, "Certified correct", sealed=True, center=("CERTIFIED",) if key == "gin"
                                 else ()),)),
              ),
        entities=(key,), references=(number,),
    )


# Column widths and alignment of a stock card, by its number of columns (with or without a lot column).
_STOCK_COLUMNS = {6: ((1.05, 1.55, 2.55, 0.75, 0.75, 0.85), "LLLRRR"),
                  7: ((1.05, 1.45, 1.15, 2.1, 0.6, 0.65, 0.75), "LLLLRRR")}


def _stock_card(key: str, doc: int, number: str, day: dt.date, title: str, subtitle: str, fields: tuple[tuple[str, str], ...],
                header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], note: str, people: tuple[int, int]) -> Paper:
    return Paper(
        f"docs/{doc}-stock-card-{key}.pdf", "inventory_record", f"{title.capitalize()}, {ORGS[key].name}", day,
        sheet(key, number,
              Title(title.upper(), subtitle),
              Fields((("Card no.", number), *fields)),
              Items(header, rows, *_STOCK_COLUMNS[len(header)]),
              Text("", (note,)),
              Signatures((signer(key, people[0], "Store keeper"), signer(key, people[1], "Checked by"))),
              ),
        entities=(key,), references=(number,),
    )


def _stock_cards(s: Scenario) -> list[Paper]:
    t, r = s.dates, s.refs
    landed = round(sum(bale_weights()) - 2.6, 1)
    balance = landed
    rows = [(en(t.before(138)), f"GRN KDS-GRN-{t.before(138).year}-0227", "Received, 44 bales, container PMLU 441206 3",
             num(landed, 1), "", num(landed, 1))]
    for i, kg in enumerate(LINT_ISSUED):
        balance -= kg
        rows.append((en(t.before(117 - i)), f"Issue slip KDS-XK-{t.before(117 - i).year}-{411 + i}",
                     "To laydown, line B, yarn lot KDS-Y30-118", "", num(kg), num(balance, 1)))
    spinner = _stock_card(
        "spinner", 49, f"KDS-TK-B2-{t.before(110).year}-017", t.before(110), "stock card, bale store B2",
        "Thẻ kho bông xơ · lint lot PCF-4417", (("Lot", "PCF-4417, US upland, PBI 88412 031457-031500"),
                                               ("Supplier", "Mesquite Draw Cooperative Gin, USA"),
                                               ("Printed", en(t.before(110)))),
        ("Date", "Document", "Movement", "In kg", "Out kg", "Balance kg"), tuple(rows),
        f"The balance, {num(balance, 1)} kg in 28 bales (one opened), stays in store B2 under lot PCF-4417. Store B2 holds "
        "this lot only; lots of other origins are kept in stores B1 and B3 with their own cards.", (2, 1))
    stock_lot = f"TK-{t.before(99).year}-07"
    yarn_rows = [(en(t.before(107)), f"GRN LTK-NK-{t.before(107).year}-0093", "KDS-Y30-118",
                  "Received from Kestrel Delta Spinning, 67 cartons", "3,015", "", "3,015")]
    left = 3015
    colours = {"navy": "navy", "white": "white", "green": "forest green"}
    for i, (days, machine, colour, _lot, kg, _) in enumerate(k for k in KNITTING if k[3] == "kds"):
        left -= kg
        yarn_rows.append((en(t.before(days)), f"Issue slip LTK-XK-{t.before(days).year}-{208 + i}", "KDS-Y30-118",
                          f"To {machine}, {colours[colour]}, order {r.fabric_po}", "", num(kg), num(left)))
    yarn_rows += [("", "Brought forward", stock_lot, "Opening balance; received before this card, no supplier recorded",
                   "", "", "540"),
                  (en(t.before(99)), f"Issue slip LTK-XK-{t.before(99).year}-213", stock_lot,
                   f"To MD-07, forest green, order {r.fabric_po}", "", "315", "225")]
    knitter = _stock_card(
        "knitter", 50, f"LTK-TK-A-{t.before(95).year}-031", t.before(95), "stock card, yarn store A",
        "Thẻ kho sợi · cotton yarn Ne 30/1", (("Store", "Yarn store A: lot KDS-Y30-118 on rack 4, stock lots on racks "
                                                         "1-3 and 5"), ("Printed", en(t.before(95)))),
        ("Date", "Document", "Lot", "Movement", "In kg", "Out kg", "Balance kg"), tuple(yarn_rows),
        f"Lot KDS-Y30-118 fully issued to order {r.fabric_po}. Stock lot {stock_lot} (225 kg left) stays on rack 2.",
        (3, 2))
    fabric_rows = [(en(t.before(91)), f"GRN SCG-GRN-{t.before(91).year}-0311", f"{colour}, {rolls} rolls",
                    num(kg), "", "") for colour, rolls, kg in FABRIC]
    # Cut at 0.25 kg a piece, colour by colour: navy, then white, then forest green.
    issues = ((WEEKS[0][0], (("Navy", WEEKS[0][1]),)), (WEEKS[1][0], (("Navy", 184), ("White", WEEKS[1][1] - 184))),
              (WEEKS[2][0], (("White", 184), ("Forest green", WEEKS[2][1] - 184))))
    held = sum(kg for _, _, kg in FABRIC)
    fabric_rows[-1] = (*fabric_rows[-1][:5], num(held))
    for days, cuts in issues:
        for colour, kg in cuts:
            held -= kg
            fabric_rows.append((en(t.before(days)), f"Cutting ticket CT-{t.before(days):%y%m%d}", f"{colour}, to cutting",
                                "", num(kg), num(held)))
    garment = _stock_card(
        "garment", 51, f"SCG-TK-F1-{t.before(44).year}-0417", t.before(44), "stock card, fabric store F1",
        f"Fabric reserved for order {r.shirt_po}", (("Supplier", "Lam Thuy Knitting Co., Ltd., invoice "
                                                    f"{r.fabric_invoice}"), ("Printed", en(t.before(44)))),
        ("Date", "Document", "Colour / movement", "In kg", "Out kg", "Balance kg"), tuple(fabric_rows),
        f"Remnants of {num(held)} kg are kept under the order in store F1. No other fabric was issued to order "
        f"{r.shirt_po}; fabric for other customers is stored in F2.", (2, 3))
    return [spinner, knitter, garment]


def papers(s: Scenario) -> list[Paper]:
    """The equipment lists of the gin, the spinner, the knitting mill and the garment factory, and three stock cards."""
    return [*(_equipment_list(s, *spec) for spec in _EQUIPMENT), *_stock_cards(s)]
