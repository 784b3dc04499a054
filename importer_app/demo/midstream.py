"""Documents of the yarn: spinner to knitting mill (step 3) and the mill's production report.

Step 3 deliberately has no packing list or transport document, and the mill's report (in
Vietnamese, with its English translation) shows where the fabric surplus of the
knitter -> garment link came from: 315 kg of stock yarn with no supplier documents.
"""

from __future__ import annotations

from importer_app.demo.layout import Boxes, Fields, Items, Signatures, Signer, Text, Title
from importer_app.demo.paperwork import Paper, debit_advice, en, num, num_vi, party, seal, sheet, signer, vi
from importer_app.demo.scenario import Scenario

YARN_PRICE_VND = 78_500  # per kg
VAT = 0.08

# Knitting: (days before importation, machine, colour key, yarn lot key, yarn kg, greige kg).
KNITTING = (
    (104, "MD-03", "navy", "kds", 666, 656),
    (103, "MD-04", "navy", "kds", 666, 656),
    (102, "MD-03", "white", "kds", 555, 547),
    (101, "MD-04", "white", "kds", 555, 546),
    (100, "MD-07", "green", "kds", 573, 564),
    (99, "MD-07", "green", "stock", 315, 311),
)
# Dyeing and finishing: (days before importation, colour key, greige kg in, finished kg out).
_DYEING = ((98, "navy", 1312, 1260), (97, "white", 1093, 1050), (96, "green", 875, 840))
_COLOURS = {"navy": ("Xanh đen", "Navy"), "white": ("Trắng", "White"), "green": ("Xanh rêu", "Forest green")}


def _spinner_to_knitter(s: Scenario) -> list[Paper]:
    t, r = s.dates, s.refs
    link = ("spinner-knitter",)
    kg = 3015
    net = kg * YARN_PRICE_VND
    vat = round(net * VAT)
    line = ("1", "100% cotton carded ring-spun yarn Ne 30/1, for knitting, on 1.875 kg cones; 67 cartons x 45 kg",
            num(kg, 2), num(YARN_PRICE_VND), num(net))
    totals = (("", "Total before VAT", num(kg, 2), "", num(net)), ("", "VAT 8%", "", "", num(vat)),
              ("", "Total payable (VND)", "", "", num(net + vat)))
    order = Paper(
        "docs/13-yarn-purchase-order.pdf", "purchase_order", f"Purchase order {r.yarn_po}", t.before(118),
        sheet("knitter", r.yarn_po,
              Title("PURCHASE ORDER", "Đơn đặt hàng"),
              Fields((("PO no.", r.yarn_po), ("Date", en(t.before(118))), ("Delivery", f"By {en(t.before(106))}, "
                      "buyer's yarn store, Nhon Trach"), ("Payment", "Bank transfer, 30 days after delivery"))),
              Boxes((party("Supplier", "spinner"), party("Buyer", "knitter"))),
              Items(("No.", "Description", "Qty kg", "VND / kg", "Amount VND"), (line,), (0.55, 4.05, 1, 1, 1.4), "CLRRR",
                    totals),
              Text("Conditions", (
                  "Yarn to be spun from US cotton only, one lint lot per yarn lot. The supplier gives the lint lot, "
                  "the gin and the bale list of the cotton used, and keeps its production records for five years.",
                  f"For customer order {r.fabric_po} (Saigon Crestline Garment). No yarn of Xinjiang or unknown origin.",
              )),
              Signatures((signer("knitter", 0, "For the buyer", sealed=True), signer("spinner", 0, "Accepted by the supplier"))),
              ),
        links=link, references=(r.yarn_po,),
    )
    yy = t.before(108).strftime("%y")
    invoice = Paper(
        "docs/14-yarn-commercial-invoice.pdf", "commercial_invoice", f"Commercial invoice {r.yarn_invoice}", t.before(108),
        sheet("spinner", r.yarn_invoice,
              Title("COMMERCIAL INVOICE", "Hóa đơn giá trị gia tăng (bản thể hiện)"),
              Fields((("Invoice no.", r.yarn_invoice), ("Date", en(t.before(108))),
                      ("E-invoice", f"Symbol 1C{yy}TKD, no. 00001042"), ("Your PO", r.yarn_po),
                      ("Yarn lot", "KDS-Y30-118 (US cotton, gin lot PCF-4417)"), ("Payment", "30 days, bank transfer"))),
              Boxes((party("Seller", "spinner"), party("Buyer", "knitter"))),
              Items(("No.", "Description", "Qty kg", "VND / kg", "Amount VND"), (line,), (0.55, 4.05, 1, 1, 1.4), "CLRRR",
                    totals),
              Text("", ("Amount in words: two hundred fifty-five million, six hundred eleven thousand, seven hundred dong.",)),
              Signatures((signer("spinner", 0, "Seller", sealed=True),)),
              ),
        links=link, references=(r.yarn_invoice, r.yarn_po),
    )
    grn_no = f"LTK-NK-{t.before(107).year}-0093"
    received = Paper(
        "docs/15-yarn-goods-received-note.pdf", "raw_material_receipt", "Goods received note, cotton yarn", t.before(107),
        sheet("knitter", grn_no,
              Title("GOODS RECEIVED NOTE", "Phiếu nhập kho"),
              Fields((("GRN no.", grn_no), ("Date", en(t.before(107))), ("Supplier", "Kestrel Delta Spinning JSC"),
                      ("PO / invoice", f"{r.yarn_po} / {r.yarn_invoice}"))),
              Items(("No.", "Material", "Lot", "Cartons", "Qty kg", "Location"),
                    (("1", "Cotton yarn Ne 30/1 carded, 100% cotton", "KDS-Y30-118", "67", num(kg, 2), "Yarn store A, rack 4"),),
                    (0.4, 3, 1.2, 0.8, 1, 1.4), "CLLRRL", (("", "Total", "", "67", num(kg, 2), ""),)),
              Text("", ("Cartons counted and weighed on receipt; lot labels match the invoice. Tested: count Ne 29.8, "
                        "CV 1.6%, within specification.",)),
              Signatures((signer("knitter", 3, "Warehouse keeper"), signer("knitter", 2, "Checked by"))),
              ),
        entities=("knitter",), links=link, references=(r.yarn_po, r.yarn_invoice),
    )
    paid = t.before(78)
    payment = debit_advice(
        "docs/16-yarn-payment-debit-advice.pdf", "Bank debit advice, payment for yarn", paid, 7730, net + vat,
        debited="Lam Thuy Knitting Co., Ltd.\nAccount 0361 0044 7120 (VND)",
        beneficiary="Kestrel Delta Spinning JSC\nAccount 0722 0018 3305 (VND)\nSaigon Riverside CJSB, Tay Ninh branch",
        details=f"TT HD {r.yarn_invoice} PO {r.yarn_po}", links=link,
        references=(r.yarn_invoice, r.yarn_po),
    )
    return [order, invoice, received, payment]


def _production_report(s: Scenario, english: bool) -> Paper:
    """The mill's knitting and dyeing report, in Vietnamese or in English translation."""
    t, r = s.dates, s.refs
    number = f"LTK-SX-{t.before(95).year}-0142"
    stock_lot = f"TK-{t.before(99).year}-07"
    lot = {"kds": "KDS-Y30-118", "stock": stock_lot}
    colour = {k: v[english] for k, v in _COLOURS.items()}
    n = num if english else num_vi
    day = en if english else vi
    knit_rows = tuple((day(t.before(d)), m, colour[c], lot[y], n(yarn), n(greige)) for d, m, c, y, yarn, greige in KNITTING)
    dye_rows = tuple((day(t.before(d)), "JT-2", colour[c], n(g), n(f), f"{n(100 * (g - f) / g, 1)}%")
                     for d, c, g, f in _DYEING)
    yarn_total = sum(row[4] for row in KNITTING)
    greige_total = sum(row[5] for row in KNITTING)
    finished = sum(row[3] for row in _DYEING)
    if english:
        labels = ("KNITTING AND DYEING PRODUCTION REPORT",
                  f"English translation of report {number}; the original is in Vietnamese",
                  ("Report no.", "Period", "Customer order", "Yarn"), "I. Knitting",
                  ("Date", "Machine", "Colour", "Yarn lot", "Yarn issued kg", "Greige fabric kg"), "Total",
                  "II. Dyeing and finishing", ("Date", "Dyeing machine", "Colour", "Greige in kg", "Finished kg", "Loss"),
                  "Notes")
        notes = (f"Forest green ran short of yarn lot KDS-Y30-118; 315 kg of stock yarn lot {stock_lot} (received "
                 f"before this period) was added. Total yarn used {num(yarn_total)} kg; finished fabric "
                 f"{num(finished)} kg in 126 rolls, delivered to the customer under order {r.fabric_po}.",)
    else:
        labels = ("BÁO CÁO SẢN XUẤT DỆT – NHUỘM", "Vải single jersey 100% cotton 180 g/m²",
                  ("Số báo cáo", "Kỳ báo cáo", "Đơn hàng khách", "Sợi"), "I. Công đoạn dệt",
                  ("Ngày", "Máy", "Màu", "Lô sợi", "Sợi xuất (kg)", "Vải mộc (kg)"), "Cộng",
                  "II. Công đoạn nhuộm – hoàn tất", ("Ngày", "Máy nhuộm", "Màu", "Vải mộc vào (kg)",
                                                     "Thành phẩm (kg)", "Hao hụt"), "Ghi chú")
        notes = (f"Màu xanh rêu thiếu sợi lô KDS-Y30-118; bổ sung 315 kg sợi tồn kho lô {stock_lot} (nhập kho trước "
                 f"kỳ). Tổng sợi sử dụng {num_vi(yarn_total)} kg; vải thành phẩm {num_vi(finished)} kg, đóng 126 cây, "
                 f"giao khách theo đơn {r.fabric_po}.",)
    title, subtitle, field_labels, knit_head, knit_cols, total, dye_head, dye_cols, notes_head = labels
    yarn_desc = ("Cotton carded Ne 30/1, Kestrel Delta Spinning, lot KDS-Y30-118" if english
                 else "Sợi cotton chải thô Ne 30/1, Kestrel Delta Spinning, lô KDS-Y30-118")
    blocks = [
        Title(title, subtitle),
        Fields(tuple(zip(field_labels, (number, f"{day(t.before(104))} – {day(t.before(96))}", r.fabric_po, yarn_desc)))),
        Text(knit_head, ()),
        Items(knit_cols, knit_rows, (1, 0.8, 1, 1.2, 1, 1), "LCLLRR", ((total, "", "", "", n(yarn_total), n(greige_total)),)),
        Text(dye_head, ()),
        Items(dye_cols, dye_rows, (1, 0.9, 1, 1, 1, 0.7), "LCLRRR", ((total, "", "", n(greige_total), n(finished), ""),)),
        Text(notes_head, notes),
    ]
    people = (("Người lập", "Prepared by", "Huỳnh Thị Lan", "Nhân viên kế hoạch", "Planning clerk"),
              ("Quản đốc xưởng", "Workshop manager", "Võ Thanh Sơn", "Xưởng dệt", "Knitting workshop"),
              ("Giám đốc", "Director", "Nguyễn Thị Thu Hà", "Giám đốc", "Director [company seal]"))
    if english:
        # A translation shows where the original is signed and sealed; it does not imitate the ink.
        blocks.append(Signatures(tuple(Signer(f"{caption} [signed]", name, title, signed=False)
                                       for _, caption, name, _, title in people)))
        blocks.append(Text("Translator's statement", (
            "I certify that this is a complete and accurate English translation of the attached Vietnamese original "
            f"report no. {number}. Translated on {en(t.before(22))}.",)))
        blocks.append(Signatures((Signer("Translator", "Vũ Ngọc Anh", "Translator, Lam Thuy Knitting Co., Ltd."),)))
    else:
        blocks.append(Signatures(tuple(Signer(caption, name, title, seal("knitter") if i == 2 else None)
                                       for i, (caption, _, name, title, _) in enumerate(people))))
    original = "docs/17-knitting-production-report-vi.pdf"
    return Paper(
        "docs/18-knitting-production-report-en.pdf" if english else original, "production_record",
        f"Knitting and dyeing production report {number}" + (" (English translation)" if english else " (Vietnamese)"),
        t.before(95), sheet("knitter", number, *blocks, language="en" if english else "vi"),
        entities=("knitter",), references=(number,), language="en" if english else "vi",
        translation_of=original if english else "",
    )


def papers(s: Scenario) -> list[Paper]:
    """The documents of step 3 and of the knitting mill's production."""
    return [*_spinner_to_knitter(s), _production_report(s, english=False), _production_report(s, english=True)]
