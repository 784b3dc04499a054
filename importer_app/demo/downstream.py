"""Documents of the fabric and the shirts: knitting mill to garment factory (step 4), the
factory's production, and garment factory to importer (step 5)."""

from __future__ import annotations

from importer_app.demo.layout import Boxes, Fields, Items, Signatures, Text, Title
from importer_app.demo.paperwork import Paper, debit_advice, en, num, party, sheet, signer, us
from importer_app.demo.scenario import Scenario

FABRIC_PRICE_VND = 142_000  # per kg
VAT = 0.08
# Fabric by colour: (colour, rolls, kg), and shirts: (style, description, colour, pcs, USD each).
FABRIC = (("Navy", 50, 1260), ("White", 42, 1050), ("Forest green", 34, 840))
SHIRTS = (
    ("HB-PS220", "Men's short-sleeve knit polo shirt", "Navy", 4800, 6.85),
    ("HB-PS220", "Men's short-sleeve knit polo shirt", "White", 4000, 6.85),
    ("HB-PL221", "Men's long-sleeve knit polo shirt", "Forest green", 3200, 7.60),
)
PCS_PER_CARTON = 20
_SHIRT_KG = {"HB-PS220": 0.245, "HB-PL221": 0.29}  # net kg per shirt, folded and bagged
_CARTON_TARE = 0.9
# Garment production by week: (week ending, days before importation; fabric kg issued; pcs cut, sewn, packed).
WEEKS: tuple[tuple[int, int, int, int, int], ...] = (
    (79, 1040, 4160, 1900, 0), (72, 1020, 4080, 3120, 1800), (65, 1000, 4000, 3240, 3100),
    (58, 0, 0, 2880, 3000), (51, 0, 0, 1040, 2900), (44, 0, 0, 0, 1200),
)


def shipment_weights() -> tuple[int, float, float]:
    """Cartons, net kg and gross kg of the shirts shipped to the importer."""
    cartons = sum(x[3] for x in SHIRTS) // PCS_PER_CARTON
    net_kg = sum(q * _SHIRT_KG[style] for style, _, _, q, _ in SHIRTS)
    return cartons, net_kg, net_kg + cartons * _CARTON_TARE


def _knitter_to_garment(s: Scenario) -> list[Paper]:
    t, r = s.dates, s.refs
    link = ("knitter-garment",)
    kg = sum(c[2] for c in FABRIC)
    net = kg * FABRIC_PRICE_VND
    vat = round(net * VAT)
    lines = tuple((str(i + 1), f"100% cotton single jersey 180 g/m², 180 cm open width, with matching flat-knit "
                               f"collars and cuffs, colour {colour}", num(c_kg, 2), num(FABRIC_PRICE_VND), num(c_kg * FABRIC_PRICE_VND))
                  for i, (colour, _, c_kg) in enumerate(FABRIC))
    totals = (("", "Total before VAT", num(kg, 2), "", num(net)), ("", "VAT 8%", "", "", num(vat)),
              ("", "Total payable (VND)", "", "", num(net + vat)))
    cols = ("No.", "Description", "Qty kg", "VND / kg", "Amount VND")
    order = Paper(
        "docs/19-fabric-purchase-order.pdf", "purchase_order", f"Purchase order {r.fabric_po}", t.before(122),
        sheet("garment", r.fabric_po,
              Title("PURCHASE ORDER"),
              Fields((("PO no.", r.fabric_po), ("Date", en(t.before(122))), ("For customer order", r.shirt_po),
                      ("Delivery", f"By {en(t.before(90))}, buyer's fabric store"), ("Payment", "30 days after delivery"))),
              Boxes((party("Supplier", "knitter"), party("Buyer", "garment"))),
              Items(cols, lines, (0.55, 4.05, 1, 1, 1.4), "CLRRR", totals),
              Text("Conditions", ("Fabric to be knitted from US-cotton yarn spun in Vietnam, with yarn lot and spinner named on "
                                  "the invoice. The supplier keeps knitting and dyeing records and gives them on request.",)),
              Signatures((signer("garment", 0, "For the buyer", sealed=True), signer("knitter", 0, "Accepted by the supplier"))),
              ),
        links=link, references=(r.fabric_po,),
    )
    yy = t.before(92).strftime("%y")
    invoice = Paper(
        "docs/20-fabric-commercial-invoice.pdf", "commercial_invoice", f"Commercial invoice {r.fabric_invoice}", t.before(92),
        sheet("knitter", r.fabric_invoice,
              Title("COMMERCIAL INVOICE", "Hóa đơn giá trị gia tăng (bản thể hiện)"),
              Fields((("Invoice no.", r.fabric_invoice), ("Date", en(t.before(92))),
                      ("E-invoice", f"Symbol 1C{yy}TLT, no. 00000566"), ("Your PO", r.fabric_po),
                      ("Waybill", r.fabric_waybill), ("Yarn", "Kestrel Delta Spinning, lot KDS-Y30-118"))),
              Boxes((party("Seller", "knitter"), party("Buyer", "garment"))),
              Items(cols, lines, (0.55, 4.05, 1, 1, 1.4), "CLRRR", totals),
              Signatures((signer("knitter", 0, "Seller", sealed=True),)),
              ),
        links=link, references=(r.fabric_invoice, r.fabric_po, r.fabric_waybill),
    )
    first = 1
    roll_rows = []
    for colour, rolls, c_kg in FABRIC:
        roll_rows.append((colour, f"R{first:03d}-R{first + rolls - 1:03d}", str(rolls), num(c_kg, 1),
                          num(c_kg + rolls * 0.5, 1), f"{c_kg / rolls:.1f}"))
        first += rolls
    rolls_total = sum(c[1] for c in FABRIC)
    packing = Paper(
        "docs/21-fabric-packing-list.pdf", "packing_list", "Fabric roll packing list", t.before(92),
        sheet("knitter", f"PL-{r.fabric_invoice}",
              Title("PACKING LIST"),
              Fields((("Invoice", r.fabric_invoice), ("PO", r.fabric_po), ("Date", en(t.before(92))),
                      ("Packing", "Rolls on paper cores, poly-bagged"))),
              Items(("Colour", "Roll numbers", "Rolls", "Net kg", "Gross kg", "Avg kg / roll"), tuple(roll_rows),
                    (1.3, 1.4, 0.7, 1, 1, 1), "LLRRRR",
                    (("Total", "", str(rolls_total), num(kg, 1), num(kg + rolls_total * 0.5, 1), ""),)),
              Signatures((signer("knitter", 3, "Packed by"), signer("knitter", 2, "Checked by"))),
              ),
        links=link, references=(r.fabric_invoice, r.fabric_po),
    )
    waybill = Paper(
        "docs/22-fabric-trucking-waybill.pdf", "transport_document", f"Trucking waybill {r.fabric_waybill}", t.before(92),
        sheet("trucker", r.fabric_waybill,
              Title("ROAD WAYBILL / DELIVERY RECEIPT", "Phiếu vận chuyển hàng hóa"),
              Boxes((party("Consignor", "knitter"), party("Consignee", "garment"),
                     ("Vehicle", "Truck 60C-417.28, 8-tonne box"), ("Driver", "Lý Văn Tài, licence B2-44170"),
                     ("Picked up", f"{en(t.before(92))} 07:30"), ("Delivered", f"{en(t.before(92))} 10:45"),
                     ("Shipper's documents", f"Invoice {r.fabric_invoice}, PO {r.fabric_po}"), ("Freight", "Paid by consignor"))),
              Items(("Goods", "Packages", "Gross kg", "Remarks"),
                    (("Knitted cotton fabric, 3 colours", f"{rolls_total} rolls", num(kg + rolls_total * 0.5, 1),
                      "Received in good order, no damage"),),
                    (2.4, 1, 1, 2.4), "LRRL"),
              Signatures((signer("trucker", 0, "Driver"), signer("knitter", 3, "Released by consignor"),
                          signer("garment", 2, "Received by consignee", sealed=True))),
              ),
        links=link, references=(r.fabric_waybill, r.fabric_invoice, r.fabric_po),
    )
    grn_no = f"SCG-GRN-{t.before(91).year}-0311"
    received = Paper(
        "docs/23-fabric-receiving-inspection.pdf", "raw_material_receipt", "Fabric receiving and inspection report",
        t.before(91),
        sheet("garment", grn_no,
              Title("FABRIC RECEIVING AND INSPECTION REPORT"),
              Fields((("GRN no.", grn_no), ("Date", en(t.before(91))), ("Supplier", "Lam Thuy Knitting Co., Ltd."),
                      ("PO / invoice", f"{r.fabric_po} / {r.fabric_invoice}"))),
              Items(("Colour", "Rolls", "Invoice kg", "Weighed kg", "Rolls inspected", "Points / 100 yd²", "Result"),
                    tuple((c, str(n), num(k, 1), num(k - 0.4 * n / 10, 1), str(max(n // 10, 1) + 1), f"{11 + i * 3}", "Accepted")
                          for i, (c, n, k) in enumerate(FABRIC)),
                    (1.2, 0.6, 0.9, 0.9, 0.9, 1, 0.9), "LRRRRRL"),
              Text("", ("4-point inspection on 10% of rolls; shade, width and weight within tolerance. Fabric placed in "
                        f"store F1, reserved for order {r.shirt_po}.",)),
              Signatures((signer("garment", 2, "Warehouse"), signer("garment", 3, "Quality / production"))),
              ),
        entities=("garment",), links=link, references=(r.fabric_po, r.fabric_invoice),
    )
    paid = t.before(62)
    payment = debit_advice(
        "docs/24-fabric-payment-debit-advice.pdf", "Bank debit advice, payment for fabric", paid, 4182, net + vat,
        debited="Saigon Crestline Garment Co., Ltd.\nAccount 0311 0027 5518 (VND)",
        beneficiary="Lam Thuy Knitting Co., Ltd.\nAccount 0361 0044 7120 (VND)\nSaigon Riverside CJSB, Dong Nai branch",
        details=f"TT HD {r.fabric_invoice} PO {r.fabric_po}", links=link,
        references=(r.fabric_invoice, r.fabric_po),
    )
    return [order, invoice, packing, waybill, received, payment]


def _garment_production(s: Scenario) -> Paper:
    t, r = s.dates, s.refs
    weeks = WEEKS
    rows = tuple((en(t.before(d)), num(f), num(c), num(sw), num(p)) for d, f, c, sw, p in weeks)
    totals = tuple(sum(w[i] for w in weeks) for i in range(1, 5))
    number = f"SCG-PR-{t.before(42).year}-0417"
    return Paper(
        "docs/25-garment-production-report.pdf", "production_record", f"Garment production report, order {r.shirt_po}",
        t.before(42),
        sheet("garment", number,
              Title("PRODUCTION REPORT", f"Customer order {r.shirt_po} · styles HB-PS220 / HB-PL221"),
              Fields((("Report no.", number), ("Lines", "Sewing lines 4, 5 and 6 (96 operators)"),
                      ("Period", f"{en(t.before(85))} - {en(t.before(44))}"), ("Fabric", f"GRN SCG-GRN-{t.before(91).year}-0311"))),
              Items(("Week ending", "Fabric issued kg", "Cut pcs", "Sewn pcs", "Packed pcs"), rows, (1.4, 1, 1, 1, 1), "LRRRR",
                    (("Total", *(num(v) for v in totals)),)),
              Items(("Style", "Colour", "Cut", "Passed QC", "Packed", "Cartons"),
                    tuple((style, colour, num(round(pcs * 1.02)), num(pcs + 5), num(pcs), num(pcs // PCS_PER_CARTON))
                          for style, _, colour, pcs, _ in SHIRTS),
                    (1, 1.2, 1, 1, 1, 1), "LLRRRR"),
              Text("Fabric balance", (f"Received 3,150 kg; issued {num(totals[0])} kg at 0.25 kg per piece cut; remnants "
                                      f"{num(3150 - totals[0])} kg returned to store F1. Rejects and samples "
                                      f"{num(totals[2] - totals[3])} pcs, held in B-grade store.",)),
              Signatures((signer("garment", 3, "Production manager"), signer("garment", 0, "Approved", sealed=True))),
              ),
        entities=("garment",), references=(number,),
    )


def _garment_to_importer(s: Scenario) -> list[Paper]:
    t, r = s.dates, s.refs
    link = ("garment-importer",)
    pcs = sum(x[3] for x in SHIRTS)
    total = sum(x[3] * x[4] for x in SHIRTS)
    lines = tuple((style, f"{desc}, 100% cotton knit, S-XXL", colour, num(q), f"{price:.2f}", num(q * price, 2))
                  for style, desc, colour, q, price in SHIRTS)
    order = Paper(
        "docs/26-shirt-purchase-order.pdf", "purchase_order", f"Purchase order {r.shirt_po}", t.before(135),
        sheet("importer", r.shirt_po,
              Title("PURCHASE ORDER"),
              Fields((("PO no.", r.shirt_po), ("Date", us(t.before(135))), ("Terms", "FOB Cat Lai, Incoterms 2020"),
                      ("Ship by", us(t.before(25))), ("Payment", "T/T within 10 days of B/L date"), ("Ship to", "Long Beach DC"))),
              Boxes((party("Vendor", "garment"), party("Buyer", "importer"))),
              Items(("Style", "Description", "Colour", "Pcs", "FOB USD", "Amount USD"), lines, (1, 3, 1, 0.8, 0.8, 1.1),
                    "LLLRRR", (("", "Total", "", num(pcs), "", num(total, 2)),)),
              Text("Compliance conditions", (
                  "The vendor accepts the Harborline Supplier Code of Conduct. No forced, prison, indentured or child "
                  "labor at any stage. No cotton, yarn or fabric from the Xinjiang Uyghur Autonomous Region or from any "
                  "entity on the UFLPA Entity List. The vendor gives, before shipment, tracing documents for every tier "
                  "to the cotton bale: contracts, invoices, payments, transport and production records.",
              )),
              Signatures((signer("importer", 0, "For the buyer"), signer("garment", 1, "Accepted by the vendor", sealed=True))),
              ),
        links=link, references=(r.shirt_po,),
    )
    cartons, net_kg, gross_kg = shipment_weights()
    invoice = Paper(
        "docs/27-shirt-commercial-invoice.pdf", "commercial_invoice", f"Commercial invoice {r.shirt_invoice}", t.before(27),
        sheet("garment", r.shirt_invoice,
              Title("COMMERCIAL INVOICE"),
              Fields((("Invoice no.", r.shirt_invoice), ("Date", en(t.before(27))), ("PO", r.shirt_po),
                      ("Terms", "FOB Cat Lai, T/T 10 days after B/L"), ("Vessel", "MERIDIAN ORCHID V.032E"),
                      ("B/L", r.shirt_bl), ("Country of origin", "Vietnam"), ("HTS (US)", "6105.10.0010"))),
              Boxes((party("Seller / manufacturer", "garment"), party("Buyer / importer of record", "importer"))),
              Items(("Style", "Description", "Colour", "Pcs", "FOB USD", "Amount USD"), lines, (1, 3, 1, 0.8, 0.8, 1.1),
                    "LLLRRR", (("", "Total FOB Cat Lai", "", num(pcs), "", num(total, 2)),)),
              Text("", (f"{cartons} cartons. Net weight {num(net_kg, 1)} kg, gross weight {num(gross_kg, 1)} kg. Fabric: "
                        "Lam Thuy Knitting Co., Ltd., Vietnam; yarn: Kestrel Delta Spinning JSC, Vietnam; cotton: "
                        "United States (Mesquite Draw Cooperative Gin, Texas).",)),
              Signatures((signer("garment", 1, "For the seller", sealed=True),)),
              ),
        links=link, references=(r.shirt_invoice, r.shirt_po, r.shirt_bl),
    )
    first = 1
    pl_rows = []
    for style, _, colour, q, _ in SHIRTS:
        n = q // PCS_PER_CARTON
        pl_rows.append((f"{first}-{first + n - 1}", style, colour, str(PCS_PER_CARTON), str(n), num(q),
                        num(q * _SHIRT_KG[style], 1), num(q * _SHIRT_KG[style] + n * _CARTON_TARE, 1)))
        first += n
    packing = Paper(
        "docs/28-shirt-packing-list.pdf", "packing_list", f"Packing list for invoice {r.shirt_invoice}", t.before(27),
        sheet("garment", f"PL-{r.shirt_invoice}",
              Title("PACKING LIST"),
              Fields((("Invoice", r.shirt_invoice), ("PO", r.shirt_po), ("Container", "PMLU 418207 9 (40' HC), seal PM-2217093"),
                      ("Marks", "HARBORLINE / LONG BEACH / PO / C/NO. 1-600"))),
              Items(("Carton no.", "Style", "Colour", "Pcs / ctn", "Cartons", "Pcs", "Net kg", "Gross kg"), tuple(pl_rows),
                    (1, 1, 1.1, 0.8, 0.8, 0.8, 0.9, 0.9), "LLLRRRRR",
                    (("Total", "", "", "", str(cartons), num(pcs), num(net_kg, 1), num(gross_kg, 1)),)),
              Text("", (f"Measurement: {cartons} cartons x 60 x 40 x 30 cm = {cartons * 0.072:.1f} m³. Size ratio per "
                        "carton: S 2 / M 5 / L 6 / XL 5 / XXL 2.",)),
              Signatures((signer("garment", 2, "Packed and checked by"),)),
              ),
        links=link, references=(r.shirt_invoice, r.shirt_po),
    )
    shipped = t.before(26)
    lading = Paper(
        "docs/29-bill-of-lading-shirts.pdf", "bill_of_lading", f"Bill of lading {r.shirt_bl}", shipped,
        sheet("carrier", r.shirt_bl,
              Title("BILL OF LADING", "Port to port or combined transport · Original"),
              Boxes((party("Shipper", "garment"), ("B/L no.", f"{r.shirt_bl}\nInvoice {r.shirt_invoice}\nPO {r.shirt_po}"),
                     party("Consignee", "importer"), ("Notify party", "Same as consignee"),
                     ("Vessel / voyage", "MERIDIAN ORCHID / 032E"), ("Place of receipt", "Cat Lai, Ho Chi Minh City (CY)"),
                     ("Port of loading", "Cat Lai, Ho Chi Minh City, Vietnam"), ("Port of discharge", "Los Angeles, CA, United States"),
                     ("Freight", "Collect"), ("Shipped on board", en(shipped)))),
              Items(("Container / seal", "Packages", "Description of goods", "Gross kg", "CBM"),
                    (("PMLU 418207 9 / PM-2217093", f"{cartons} cartons", "MEN'S 100% COTTON KNIT POLO SHIRTS, "
                      "HTS 6105.10, SHIPPER'S LOAD, STOW AND COUNT", num(gross_kg, 1), f"{cartons * 0.072:.1f}"),),
                    (1.8, 0.9, 3, 1, 0.6), "LRLRR"),
              Text("", ("SHIPPED on board in apparent good order and condition, unless otherwise stated. Three (3) "
                        "originals issued, one of which being accomplished the others to stand void.",)),
              Signatures((signer("carrier", 0, "For the carrier Pacific Meridian Lines Ltd.", sealed=True,
                                 center=("ON BOARD", en(shipped))),)),
              ),
        links=link, references=(r.shirt_bl, r.shirt_invoice, r.shirt_po),
    )
    paid = t.before(21)
    payment = Paper(
        "docs/30-wire-transfer-confirmation.pdf", "proof_of_payment", "Outgoing wire transfer confirmation", paid,
        sheet("bank_us", f"WPCB-FT-{paid:%y%m%d}-0917",
              Title("OUTGOING WIRE TRANSFER CONFIRMATION"),
              Fields((("Reference", f"WPCB-FT-{paid:%y%m%d}-0917"), ("Value date", us(paid)),
                      ("Amount", f"USD {num(total, 2)}"), ("Message type", "SWIFT MT103, charges OUR"))),
              Boxes((("Ordering customer", "Harborline Apparel Inc.\nAccount ****6620"),
                     ("Beneficiary", "Saigon Crestline Garment Co., Ltd.\nAccount 0311 0027 5520 (USD)"),
                     ("Beneficiary bank", "Saigon Riverside Commercial Joint Stock Bank\nBIC SRCBVNVXDMO"),
                     ("Remittance information", f"INV {r.shirt_invoice} PO {r.shirt_po}"))),
              Text("", ("The transfer was released and acknowledged by the beneficiary bank. Keep this confirmation "
                        "for your records.",)),
              Signatures((signer("bank_us", 0, "Wire operations", sealed=True, center=("RELEASED", us(paid))),)),
              ),
        links=link, references=(r.shirt_invoice, r.shirt_po),
    )
    return [order, invoice, packing, lading, payment]


def papers(s: Scenario) -> list[Paper]:
    """The documents of steps 4 and 5 and of the garment factory's production."""
    return [*_knitter_to_garment(s), _garment_production(s), *_garment_to_importer(s)]
