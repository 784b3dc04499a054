"""Documents of the cotton: farm to gin (step 1), gin to spinner (step 2), and spinning.

Step 2 deliberately has no proof of payment (see ``importer_app.demo.case``).
"""

from __future__ import annotations

from importer_app.demo.layout import Boxes, Fields, Items, Signatures, Text, Title
from importer_app.demo.paperwork import Paper, en, jitter, num, party, sheet, signer, us
from importer_app.demo.scenario import Scenario

# Net kg of the twelve round modules the grower delivered, four ginned per day.
MODULES: tuple[int, ...] = (2218, 2176, 2240, 2195, 2204, 2187, 2231, 2162, 2209, 2193, 2226, 2159)
SEED_PRICE = 0.66  # USD per kg of seed cotton
LINT_PRICE = 1.92  # USD per kg net lint, CFR Cat Lai
LB_PER_KG = 2.20462
# Spinning of yarn lot KDS-Y30-118, one day a row: lint issued from bale store B2 and yarn spun, kg.
LINT_ISSUED: tuple[int, ...] = (592, 590, 591, 592, 590, 593)
YARN_SPUN: tuple[int, ...] = (503, 501, 502, 503, 502, 504)


def bale_weights() -> tuple[float, ...]:
    """Net kg of the 44 lint bales: 213 to 223 kg each, 9,600.0 kg in all."""
    raw = [213.5 + 9.0 * jitter("bale", i) for i in range(44)]
    weights = [round(w * 9600.0 / sum(raw), 1) for w in raw[:-1]]
    weights.append(round(9600.0 - sum(weights), 1))
    return tuple(weights)


def _bale_tag(i: int) -> str:
    return f"88412 0{31457 + i}"


def _farm_to_gin(s: Scenario) -> list[Paper]:
    t, r = s.dates, s.refs
    link = ("grower-gin",)
    seed_kg = sum(MODULES)
    amount = seed_kg * SEED_PRICE
    fields = ("Field 7 North (tract 2291)", "Field 9 Draw (tract 2293)", "Field 12 East (tract 2298)")
    haul_days = (t.before(217), t.before(216), t.before(215))
    agreement = Paper(
        "docs/01-seed-cotton-purchase-agreement.pdf", "sales_contract",
        f"Seed cotton purchase agreement {r.farm_agreement}", t.before(260),
        sheet("gin", r.farm_agreement,
              Title("SEED COTTON PURCHASE AGREEMENT", f"Agreement no. {r.farm_agreement}"),
              Fields((("Agreement no.", r.farm_agreement), ("Date", us(t.before(260))),
                      ("Crop year", str(t.before(215).year)), ("Delivery", "Gin yard, Lamesa TX"))),
              Boxes((party("Buyer (gin)", "gin"), party("Seller (producer)", "grower"))),
              Items(("Item", "Description", "Estimated quantity", "Price"),
                    (("1", "Seed cotton, US upland, machine stripped, grown on the seller's farm, "
                           "FSA farm no. 4417, Dawson County, Texas", "26,000 kg (+/- 10%)",
                      f"USD {SEED_PRICE:.2f} per kg net seed cotton"),),
                    (0.6, 4.4, 1.8, 1.8), "CLRR"),
              Text("Terms", (
                  "1. The seller delivers in round modules tagged with the seller's name, farm number and field. "
                  "The buyer weighs each module on the certified gin scale; the scale ticket is the quantity of record.",
                  "2. Payment by ACH to the seller's account within 15 days of the seller's invoice.",
                  "3. The seller warrants that the cotton was grown and harvested on the farm named above, by the seller's "
                  "own employees paid at or above the applicable minimum wage, and that no forced, convict or indentured "
                  "labor was used. The seller keeps payroll and harvest records for five years.",
              )),
              Signatures((signer("gin", 0, "For the buyer"), signer("grower", 0, "For the seller"))),
              ),
        links=link, references=(r.farm_agreement,),
    )
    haul_rows = tuple(
        (us(haul_days[i // 4]), f"PCF-M-{241 + i}", fields[i // 4], "Truck 3 / R. Ochoa" if i % 2 else "Truck 5 / J. Dyer",
         num(kg))
        for i, kg in enumerate(MODULES)
    )
    haul = Paper(
        "docs/02-module-haul-log.pdf", "transport_document", f"Module haul log {r.haul_log}", t.before(215),
        sheet("gin", r.haul_log,
              Title("MODULE HAUL LOG", "Seed cotton moved from producer's fields to the gin yard"),
              Fields((("Log no.", r.haul_log), ("Agreement", r.farm_agreement),
                      ("Producer", "Pettibone Creek Farms LLC"), ("Hauled", f"{us(haul_days[0])} - {us(haul_days[2])}"))),
              Items(("Date", "Module tag", "Picked up at", "Truck / driver", "Net kg (gin scale)"), haul_rows,
                    (1.2, 1.2, 2.4, 1.8, 1.4), "LCLLR", (("", "12 modules", "", "", num(seed_kg)),)),
              Signatures((signer("gin", 1, "Compiled by"), signer("grower", 0, "Producer's acknowledgement"))),
              ),
        links=link, references=(r.farm_agreement, r.haul_log),
    )
    receipt = Paper(
        "docs/03-seed-cotton-receiving-record.pdf", "raw_material_receipt",
        "Seed cotton receiving record (module scale tickets)", t.before(215),
        sheet("gin", f"MDG-RR-{t.before(215).year}-0598",
              Title("SEED COTTON RECEIVING RECORD", "Module scale tickets, producer Pettibone Creek Farms LLC"),
              Fields((("Record no.", f"MDG-RR-{t.before(215).year}-0598"), ("Agreement", r.farm_agreement),
                      ("Haul log", r.haul_log), ("Producer", "Pettibone Creek Farms LLC, FSA farm 4417"))),
              Items(("Ticket", "Module tag", "Field of origin", "Gross kg", "Tare kg", "Net kg", "Moisture"),
                    tuple((f"T-{5180 + i}", f"PCF-M-{241 + i}", fields[i // 4], num(kg + 5140), "5,140", num(kg),
                           f"{6.2 + 2 * jitter('moisture', i):.1f}%") for i, kg in enumerate(MODULES)),
                    (0.9, 1.1, 2.3, 1, 0.9, 1, 0.9), "LLLRRRR",
                    (("", "Total", "", "", "", num(seed_kg), ""),)),
              Text("", ("All modules arrived tagged and wrapped; tags match the producer's field records. "
                        "Seed cotton is held in the yard under the producer's lot until ginned.",)),
              Signatures((signer("gin", 1, "Scale operator"), signer("gin", 0, "Received for the gin", sealed=True))),
              ),
        entities=("gin",), links=link, references=(r.farm_agreement, r.haul_log),
    )
    invoice = Paper(
        "docs/05-grower-invoice.pdf", "commercial_invoice", f"Producer invoice {r.farm_invoice}", t.before(205),
        sheet("grower", r.farm_invoice,
              Title("INVOICE"),
              Fields((("Invoice no.", r.farm_invoice), ("Date", us(t.before(205))),
                      ("Agreement", r.farm_agreement), ("Due", us(t.before(190))))),
              Boxes((party("Bill to", "gin"), party("Remit to", "grower"))),
              Items(("Description", "Haul log", "Net kg", "USD / kg", "Amount USD"),
                    (("Seed cotton, US upland, 12 round modules PCF-M-241 to PCF-M-252", r.haul_log,
                      num(seed_kg), f"{SEED_PRICE:.2f}", num(amount, 2)),),
                    (4, 1.6, 1, 0.9, 1.2), "LLRRR", (("Total due", "", num(seed_kg), "", num(amount, 2)),)),
              Text("", ("Please pay by ACH to Llano Plains State Bank, account ending 4471, within 15 days.",)),
              Signatures((signer("grower", 0, "Producer"),)),
              ),
        links=link, references=(r.farm_invoice, r.farm_agreement),
    )
    paid = t.before(196)
    payment = Paper(
        "docs/06-ach-credit-advice-grower.pdf", "proof_of_payment", "ACH credit advice, payment to the producer", paid,
        sheet("bank_us_farm", f"ACH-{paid:%y%m%d}-00418",
              Title("ACH CREDIT ADVICE"),
              Fields((("Trace no.", f"0884{paid:%y%m%d}00418"), ("Effective date", us(paid)),
                      ("Account credited", "Pettibone Creek Farms LLC, ****4471"), ("Amount", f"USD {num(amount, 2)}"))),
              Boxes((("Originator", "Mesquite Draw Cooperative Gin\nOperating account ****0923"),
                     ("Receiver", "Pettibone Creek Farms LLC\nFarm operating account ****4471"),
                     ("Entry description", "COTTON PMT"),
                     ("Addenda", f"INV {r.farm_invoice} AGMT {r.farm_agreement}"))),
              Text("", ("This advice confirms the credit to your account. Please review it against your statement.",)),
              Signatures((signer("bank_us_farm", 0, "Issued by", sealed=True, center=("PAID", us(paid))),)),
              ),
        links=link, references=(r.farm_invoice, r.farm_agreement),
    )
    return [agreement, haul, receipt, _ginning(s), invoice, payment]


def _ginning(s: Scenario) -> Paper:
    t = s.dates
    bales = bale_weights()
    rows = []
    for day in range(3):
        seed = sum(MODULES[4 * day: 4 * day + 4])
        first, count = (0, 15) if day == 0 else (15, 15) if day == 1 else (30, 14)
        lint = sum(bales[first: first + count])
        rows.append((us(t.before(214 - day)), f"PCF-M-{241 + 4 * day} to {244 + 4 * day}", num(seed), num(lint, 1),
                     f"{_bale_tag(first)[-6:]}-{_bale_tag(first + count - 1)[-6:]}", str(count), f"{100 * lint / seed:.1f}%"))
    number = f"MDG-GR-{t.before(212).year}-0114"
    return Paper(
        "docs/04-ginning-production-report.pdf", "production_record", "Ginning production report, producer lot PCF-4417",
        t.before(212),
        sheet("gin", number,
              Title("GINNING PRODUCTION REPORT", "Producer lot PCF-4417 (Pettibone Creek Farms LLC)"),
              Fields((("Report no.", number), ("Gin", "Mesquite Draw Cooperative Gin, stands 1-3"),
                      ("Period", f"{us(t.before(214))} - {us(t.before(212))}"), ("Bale tags", "PBI 88412 031457-031500"))),
              Items(("Date", "Modules ginned", "Seed cotton kg", "Lint kg", "Bale tags", "Bales", "Turnout"), tuple(rows),
                    (1, 1.7, 1.1, 1, 1.4, 0.6, 0.8), "LLRRLRR",
                    (("Total", "12", num(sum(MODULES)), num(sum(bales), 1), "", "44",
                      f"{100 * sum(bales) / sum(MODULES):.1f}%"),)),
              Text("Mass balance", (
                  f"Seed cotton {num(sum(MODULES))} kg = lint {num(sum(bales), 1)} kg + cottonseed 13,990 kg + gin trash "
                  "(burs, sticks, motes) 2,810 kg. Bales pressed to universal density, sampled for USDA HVI classing, "
                  "and kept on the yard under the producer's lot until sold.",
              )),
              Signatures((signer("gin", 0, "Gin manager", sealed=True, center=("GINNED",)),)),
              ),
        entities=("gin",), references=(number,),
    )


def _gin_to_spinner(s: Scenario) -> list[Paper]:
    t, r = s.dates, s.refs
    link = ("gin-spinner",)
    bales = bale_weights()
    lint_kg = sum(bales)
    amount = lint_kg * LINT_PRICE
    lb = lint_kg * LB_PER_KG
    shipped = t.before(175)
    contract = Paper(
        "docs/07-cotton-sales-contract.pdf", "sales_contract", f"Cotton sales contract {r.lint_contract}", t.before(240),
        sheet("gin", r.lint_contract,
              Title("COTTON SALES CONTRACT", f"Contract no. {r.lint_contract}"),
              Fields((("Contract no.", r.lint_contract), ("Date", us(t.before(240))),
                      ("Incoterms", "CFR Cat Lai, Ho Chi Minh City (Incoterms 2020)"),
                      ("Shipment", f"{en(t.before(185))[3:]} - {en(t.before(170))[3:]}"))),
              Boxes((party("Seller", "gin"), party("Buyer", "spinner"))),
              Items(("Quality", "Quantity", "Price", "Payment"),
                    (("US upland cotton, crop of the seller's members, SLM 31-3, staple 36, micronaire 3.8-4.9, "
                      "strength 29 g/tex min.", "44 bales, about 9,600 kg net (+/- 3%)",
                      f"USD {LINT_PRICE:.2f} per kg net (US cents {100 * LINT_PRICE / LB_PER_KG:.2f}/lb)",
                      "Cash against documents, at sight"),),
                    (2.6, 1.6, 1.8, 1.4), "LLLL"),
              Text("Origin and traceability", (
                  "The seller ships only cotton ginned at its Lamesa gin from its members' farms in Dawson County, Texas, "
                  "and gives with the documents a bale list with permanent bale identification (PBI) tags, the producer "
                  "lot and USDA classing data.",
                  "Arbitration: International Cotton Association rules. Weights: net invoiced weight, re-weighing at "
                  "destination at the buyer's cost; franchise 0.5%.",
              )),
              Signatures((signer("gin", 0, "For the seller"), signer("spinner", 0, "For the buyer", sealed=True))),
              ),
        links=link, references=(r.lint_contract,),
    )
    bale_rows = tuple(
        (str(i + 1), _bale_tag(i), ("31-3", "31-4", "41-3", "31-3", "21-3")[int(5 * jitter("grade", i))],
         str(35 + int(3 * jitter("staple", i))), f"{3.9 + 0.9 * jitter('mic', i):.1f}", num(kg, 1), num(kg * LB_PER_KG, 1))
        for i, kg in enumerate(bales)
    )
    packing = Paper(
        "docs/08-bale-packing-list.pdf", "packing_list", "Bale packing list, 44 bales", t.before(176),
        sheet("gin", f"PL-{r.lint_invoice}",
              Title("PACKING LIST / BALE LIST"),
              Fields((("Invoice", r.lint_invoice), ("Contract", r.lint_contract),
                      ("Container", "PMLU 441206 3 (40' dry), seal PM-0884127"), ("Producer lot", "PCF-4417"))),
              Items(("No.", "PBI tag", "Color-leaf", "Staple", "Mic", "Net kg", "Net lb"), bale_rows,
                    (0.5, 1.4, 1, 0.8, 0.7, 1, 1), "RLCCCRR",
                    (("", "44 bales", "", "", "", num(lint_kg, 1), num(lb, 1)),)),
              Signatures((signer("gin", 1, "Prepared by"),)),
              ),
        links=link, references=(r.lint_invoice, r.lint_contract),
    )
    invoice = Paper(
        "docs/09-cotton-commercial-invoice.pdf", "commercial_invoice", f"Commercial invoice {r.lint_invoice}", shipped,
        sheet("gin", r.lint_invoice,
              Title("COMMERCIAL INVOICE"),
              Fields((("Invoice no.", r.lint_invoice), ("Date", us(shipped)), ("Contract", r.lint_contract),
                      ("Bill of lading", r.lint_bl), ("Terms", "CFR Cat Lai, cash against documents"),
                      ("Country of origin", "United States"))),
              Boxes((party("Seller / exporter", "gin"), party("Buyer / consignee", "spinner"))),
              Items(("Marks", "Description", "Bales", "Net kg", "USD / kg", "Amount USD"),
                    (("KDS / CAT LAI", "Raw cotton, not carded or combed (HS 5201.00), US upland, producer lot PCF-4417, "
                      "PBI 88412 031457-031500", "44", num(lint_kg, 1), f"{LINT_PRICE:.2f}", num(amount, 2)),),
                    (1.2, 3.4, 0.6, 1, 0.8, 1.2), "LLRRRR",
                    (("", "Total CFR Cat Lai", "44", num(lint_kg, 1), "", num(amount, 2)),)),
              Text("", (f"Gross weight {num(lint_kg + 44 * 1.6, 1)} kg. Net weight {num(lint_kg, 1)} kg "
                        f"({num(lb, 1)} lb). We certify this invoice true and correct.",)),
              Signatures((signer("gin", 0, "For the seller"),)),
              ),
        links=link, references=(r.lint_invoice, r.lint_contract, r.lint_bl),
    )
    lading = Paper(
        "docs/10-bill-of-lading-cotton.pdf", "bill_of_lading", f"Bill of lading {r.lint_bl}", shipped,
        sheet("carrier", r.lint_bl,
              Title("BILL OF LADING", "Port to port or combined transport · Original"),
              Boxes((party("Shipper", "gin"), ("B/L no.", f"{r.lint_bl}\nInvoice {r.lint_invoice}\nContract {r.lint_contract}"),
                     party("Consignee", "spinner"), ("Notify party", "Same as consignee"),
                     ("Vessel / voyage", "MERIDIAN TRADER / 114W"), ("Place of receipt", "Lamesa, TX (shipper's yard)"),
                     ("Port of loading", "Houston, TX, United States"), ("Port of discharge", "Cat Lai, Ho Chi Minh City, Vietnam"),
                     ("Freight", "Prepaid"), ("Shipped on board", us(shipped)))),
              Items(("Container / seal", "Packages", "Description of goods", "Gross kg", "CBM"),
                    (("PMLU 441206 3 / PM-0884127", "44 bales", "RAW COTTON, US UPLAND, HS 5201.00, "
                      "SHIPPER'S LOAD AND COUNT", num(lint_kg + 44 * 1.6, 1), "52.8"),),
                    (1.8, 0.9, 3, 1, 0.6), "LRLRR"),
              Text("", ("SHIPPED on board in apparent good order and condition, unless otherwise stated. Three (3) "
                        "originals issued, one of which being accomplished the others to stand void.",)),
              Signatures((signer("carrier", 1, "For the carrier Pacific Meridian Lines Ltd.", sealed=True,
                                 center=("ON BOARD", us(shipped))),)),
              ),
        links=link, references=(r.lint_bl, r.lint_invoice, r.lint_contract),
    )
    return [contract, packing, invoice, lading, *_spinner_records(s)]


def _spinner_records(s: Scenario) -> list[Paper]:
    t, r = s.dates, s.refs
    bales = bale_weights()
    grn_no = f"KDS-GRN-{t.before(138).year}-0227"
    received = Paper(
        "docs/11-spinner-goods-received-note.pdf", "raw_material_receipt", "Goods received note, raw cotton lint",
        t.before(138),
        sheet("spinner", grn_no,
              Title("GOODS RECEIVED NOTE", "Raw material: cotton lint"),
              Fields((("GRN no.", grn_no), ("Date received", en(t.before(138))),
                      ("Supplier", "Mesquite Draw Cooperative Gin, USA"), ("Contract", r.lint_contract),
                      ("Invoice", r.lint_invoice), ("B/L", r.lint_bl))),
              Items(("Item", "Description", "Bales", "Invoice kg", "Landed kg", "Store"),
                    (("1", "US upland cotton lint, producer lot PCF-4417, PBI 88412 031457-031500, container PMLU 441206 3",
                      "44", num(sum(bales), 1), num(sum(bales) - 2.6, 1), "Bale store B2"),),
                    (0.5, 3.6, 0.6, 1, 1, 1), "CLRRRL"),
              Text("", ("Seal PM-0884127 intact on arrival. Landed weight variance -0.03%, within the 0.5% franchise. "
                        "Bales kept as one lot for tracing; no mixing with other origins.",)),
              Signatures((signer("spinner", 2, "Received by"), signer("spinner", 1, "Checked by", sealed=True))),
              ),
        entities=("spinner",), links=("gin-spinner",), references=(r.lint_contract, r.lint_invoice, r.lint_bl),
    )
    lint, yarn = LINT_ISSUED, YARN_SPUN
    number = f"KDS-SP-{t.before(110).year}-0341"
    production = Paper(
        "docs/12-spinning-production-report.pdf", "production_record", "Spinning production report, yarn lot KDS-Y30-118",
        t.before(110),
        sheet("spinner", number,
              Title("SPINNING PRODUCTION REPORT", "Yarn lot KDS-Y30-118 · 100% cotton carded ring-spun Ne 30/1"),
              Fields((("Report no.", number), ("Lint source", f"GRN {grn_no}, US lot PCF-4417"),
                      ("Period", f"{en(t.before(117))} - {en(t.before(112))}"), ("Line", "Ring frames RF-11 to RF-16"))),
              Items(("Date", "Lint issued kg", "Card sliver kg", "Yarn Ne 30/1 kg", "Waste kg", "Yield"),
                    tuple((en(t.before(117 - i)), num(li), num(round(li * 0.93)), num(yi), num(li - yi), f"{100 * yi / li:.1f}%")
                          for i, (li, yi) in enumerate(zip(lint, yarn))),
                    (1.2, 1, 1, 1.1, 0.9, 0.8), "LRRRRR",
                    (("Total", num(sum(lint)), num(sum(round(li * 0.93) for li in lint)), num(sum(yarn)),
                      num(sum(lint) - sum(yarn)), f"{100 * sum(yarn) / sum(lint):.1f}%"),)),
              Text("", ("Output packed on 1.875 kg cones, 24 cones per carton: 67 cartons, 3,015 kg, reserved for "
                        f"Lam Thuy Knitting order {r.yarn_po}. Balance of the lint lot stays in bale store B2.",)),
              Signatures((signer("spinner", 1, "Prepared by"), signer("spinner", 0, "Approved", sealed=True))),
              ),
        entities=("spinner",), references=(number,),
    )
    return [received, production]


def papers(s: Scenario) -> list[Paper]:
    """The documents of steps 1 and 2 and of the spinner."""
    return [*_farm_to_gin(s), *_gin_to_spinner(s)]
