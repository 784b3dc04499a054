"""Border and origin papers: the two export declarations, the certificate of origin of the US
lint, and the stable-isotope test of fibre samples.

The lint left the US under an EEI filed in AES (the gin's record copy); the shirts left
Vietnam under a VNACCS export declaration (the exporter's certified copy, with English
labels). The isotope test finds the lint, the yarn and the navy and white shirts consistent
with US cotton; the forest-green shirt, whose fabric took in 315 kg of stock yarn of unknown
origin (the deliberate quantity gap), comes out inconclusive.
"""

from __future__ import annotations

from importer_app.demo.downstream import SHIRTS, shipment_weights
from importer_app.demo.layout import Boxes, Fields, Items, Signatures, Text, Title
from importer_app.demo.paperwork import Paper, en, num, party, sheet, signer, us, vi
from importer_app.demo.scenario import Scenario
from importer_app.demo.upstream import LINT_PRICE, bale_weights

_OCEAN_FREIGHT_USD = 2350.0  # Houston to Cat Lai, one 40' container: CFR less this is the FAS value
_USD_VND = 25_430  # customs exchange rate of the week the shirts were declared


def _eei(s: Scenario) -> Paper:
    t, r = s.dates, s.refs
    filed, exported = t.before(178), t.before(175)
    itn = f"X{filed:%Y%m%d}418527"
    lint_kg = sum(bale_weights())
    fas = lint_kg * LINT_PRICE - _OCEAN_FREIGHT_USD
    return Paper(
        "docs/46-eei-aes-filing-summary.pdf", "export_declaration", f"Electronic Export Information, AES {itn}", filed,
        sheet("gin", f"AES {itn}",
              Title("ELECTRONIC EXPORT INFORMATION (EEI)", "AES filing summary, USPPI's record copy (15 CFR part 30)"),
              Fields((("ITN", itn), ("Filed", f"{us(filed)} 10:42 CT, ACE AESDirect"),
                      ("AES response", "Accepted, shipment added; no fatal errors"),
                      ("Filing option", "2, predeparture"), ("Shipment reference", r.lint_invoice),
                      ("Date of export", us(exported)))),
              Boxes((party("USPPI", "gin"), party("Ultimate consignee (type D, direct consumer)", "spinner"),
                     ("USPPI ID", "EIN 75-2914468"), ("Intermediate consignee / forwarder", "None; filed by the USPPI"),
                     ("Mode of transport", "11, vessel, containerized"), ("Carrier", "PMLX, MERIDIAN TRADER 114W"),
                     ("Port of export", "5301, Houston, TX"), ("Foreign port of unlading", "Cat Lai, Ho Chi Minh City"),
                     ("Country of ultimate destination", "VN, Vietnam"), ("State of origin", "TX"),
                     ("Related parties", "No"), ("Routed export / hazmat / in-bond", "No / No / 70, not in bond"),
                     ("Equipment no.", "PMLU 441206 3, seal PM-0884127"), ("Bill of lading", r.lint_bl))),
              Items(("Line", "D/F", "Schedule B / HTS", "Commodity description", "Quantity", "Weight kg", "Value USD",
                     "EIC / licence / ECCN"),
                    (("1", "D", "5201.00.3800", "Raw cotton, not carded or combed, staple 28.575 to 34.925 mm; US upland, "
                      "44 bales, producer lot PCF-4417", f"{num(lint_kg)} KG", num(lint_kg + 44 * 1.6),
                      num(fas, 2), "OS / C33 (NLR) / EAR99"),),
                    (0.55, 0.45, 1.35, 2.35, 0.9, 0.8, 0.9, 1.2), "CCLLRRRL"),
              Text("", (f"Value is FAS Houston: the CFR Cat Lai contract price of USD {num(lint_kg * LINT_PRICE, 2)} less "
                        f"ocean freight of USD {num(_OCEAN_FREIGHT_USD, 2)}. The ITN was given to the carrier before the "
                        "container was loaded.",)),
              Signatures((signer("gin", 1, "Filed by, for the USPPI"),)),
              ),
        entities=("gin",), links=("gin-spinner",), references=(r.lint_invoice, r.lint_bl),
    )


def _vnaccs(s: Scenario) -> Paper:
    t, r = s.dates, s.refs
    number = "305841291760"
    day, loaded = t.before(27), t.before(26)
    cartons, _, gross = shipment_weights()
    total = sum(q * price for *_, q, price in SHIRTS)
    sleeve = {"HB-PS220": ("ngắn tay", "short sleeve"), "HB-PL221": ("dài tay", "long sleeve")}
    lines = tuple(
        (str(i + 1), "61051000", f"Áo polo nam dệt kim cotton {sleeve[style][0]} / men's cotton knit polo, "
         f"{sleeve[style][1]}; {style}, {colour}", "VN", f"{num(q)} PCE", f"{price:.2f}", num(q * price, 2),
         "0")
        for i, (style, _, colour, q, price) in enumerate(SHIRTS)
    )
    return Paper(
        "docs/48-vn-export-declaration.pdf", "export_declaration", f"Vietnamese export customs declaration {number}", day,
        sheet("garment", f"TK {number}",
              Title("TỜ KHAI HÀNG HÓA XUẤT KHẨU (THÔNG QUAN)",
                    "Export goods declaration (cleared) · printed from VNACCS, with English labels"),
              Boxes((("Số tờ khai / Declaration no.", number), ("Mã loại hình / Type", "B11, xuất kinh doanh / export"),
                     ("Phân luồng / Channel", "1, luồng xanh / green"),
                     ("Cơ quan Hải quan / Customs office", "02CI, HQ cửa khẩu cảng Sài Gòn KV I"),
                     ("Ngày đăng ký / Registered", f"{vi(day)} 09:18"), ("Thông quan / Cleared", f"{vi(day)} 09:19")),
                    columns=3),
              Boxes((party("Người xuất khẩu / Exporter", "garment"), party("Người nhập khẩu / Importer", "importer"))),
              Boxes((("Số vận đơn / B/L no.", r.shirt_bl), ("Số lượng kiện / Packages", f"{cartons} CT"),
                     ("Tổng trọng lượng / Gross weight", f"{num(gross, 1)} KGM"),
                     ("Địa điểm lưu kho / Place of storage", "02CIS01, cảng Cát Lái"),
                     ("Địa điểm xếp hàng / Port of loading", "VNCLI, Cát Lái (Hồ Chí Minh)"),
                     ("Địa điểm nhận hàng cuối cùng / Destination", "USLAX, Los Angeles, CA"),
                     ("Phương tiện vận chuyển / Vessel", "MERIDIAN ORCHID 032E"),
                     ("Ngày hàng đi dự kiến / Departure", vi(loaded)),
                     ("Hóa đơn thương mại / Invoice", f"{r.shirt_invoice}, {vi(day)}"),
                     ("Phương thức thanh toán / Payment", "TTR"),
                     ("Điều kiện giá / Incoterms", "FOB"), ("Tổng trị giá hóa đơn / Invoice value", f"USD {num(total, 2)}"),
                     ("Tỷ giá tính thuế / Exchange rate", f"{num(_USD_VND)} VND/USD"),
                     ("Container / seal", "PMLU 418207 9 / PM-2217093")), columns=3),
              Items(("STT / No.", "Mã HS / HS code", "Mô tả hàng hóa / Description", "Xuất xứ / Origin", "Lượng / Qty",
                     "Đơn giá / Unit USD", "Trị giá / Value USD", "Thuế XK / Duty"), lines,
                    (0.5, 0.95, 2.75, 0.6, 0.85, 0.65, 0.9, 0.55), "CLLCRRRR",
                    (("", "", "Tổng cộng / Total", "", f"{num(sum(x[3] for x in SHIRTS))} PCE", "", num(total, 2), "0"),)),
              Text("", (f"Hàng đã qua khu vực giám sát ngày {vi(loaded)} / Passed the customs control area on "
                        f"{en(loaded)}. Không chịu thuế xuất khẩu / No export duty.",)),
              Signatures((signer("garment", 1, "Sao y bản chính / Certified true copy", sealed=True),)),
              ),
        entities=("garment",), links=("garment-importer",), references=(r.shirt_invoice, r.shirt_bl),
    )


def _certificate_of_origin(s: Scenario) -> Paper:
    t, r = s.dates, s.refs
    day = t.before(175)
    number = f"CPC-CO-{day.year}-06113"
    lint_kg = sum(bale_weights())
    return Paper(
        "docs/47-cotton-certificate-of-origin.pdf", "origin_certificate", f"Certificate of origin {number}, US cotton lint",
        day,
        sheet("chamber", number,
              Title("CERTIFICATE OF ORIGIN", f"No. {number}"),
              Boxes((party("1. Exporter", "gin"), party("2. Consignee", "spinner"),
                     ("3. Transport and route", f"MERIDIAN TRADER 114W, Houston TX to Cat Lai, Ho Chi Minh City\n"
                                                f"Bill of lading {r.lint_bl}"),
                     ("4. Country of origin", "United States of America"),
                     ("5. Commercial invoice", f"{r.lint_invoice} of {us(day)}"), ("6. Remarks", f"Contract {r.lint_contract}"))),
              Items(("Marks and numbers", "Packages and description of goods", "Gross kg", "Net kg", "Origin"),
                    (("KDS / CAT LAI\nPBI 88412 031457 to 031500", "44 bales raw cotton, not carded or combed, US upland, "
                      "grown in Dawson County, Texas, ginned by Mesquite Draw Cooperative Gin, Lamesa, Texas; producer "
                      "lot PCF-4417", num(lint_kg + 44 * 1.6, 1), num(lint_kg, 1), "USA"),),
                    (1.5, 3.2, 0.8, 0.8, 0.6), "LLRRC"),
              Text("Declaration of the exporter", ("The undersigned certifies that the goods described above originated "
                                                   "in the United States of America: the cotton was grown in Dawson "
                                                   "County, Texas, and ginned at Lamesa, Texas.",)),
              Text("Certification", ("The Caprock Plains Chamber of Commerce has examined the exporter's invoice and "
                                     "declaration and, to the best of its knowledge and belief, finds that the goods "
                                     "named above originated in the United States of America.",)),
              Signatures((signer("gin", 0, "For the exporter"),
                          signer("chamber", 0, "For the chamber", sealed=True, center=("CERTIFIED", us(day))))),
              ),
        entities=("gin",), links=("gin-spinner",), references=(r.lint_invoice, r.lint_contract, r.lint_bl),
    )


def _isotope_test(s: Scenario) -> Paper:
    t, r = s.dates, s.refs
    day = t.before(23)
    number = f"CIL-{day.year}-2291"
    drawn = {"spinner": f"Kestrel Delta, {us(t.before(115))}", "knitter": f"Lam Thuy, {us(t.before(101))}",
             "garment": f"Saigon Crestline, {us(t.before(40))}"}
    us_result = "US: consistent. XUAR: not consistent"
    samples = (
        ("S1", "Lint, 3 bales of lot PCF-4417", drawn["spinner"], "-25.1", "33.2", "-41", us_result),
        ("S2", "Yarn, 1 cone of lot KDS-Y30-118", drawn["knitter"], "-25.0", "33.0", "-42", us_result),
        ("S3", "Shirt HB-PS220, navy", drawn["garment"], "-25.2", "32.9", "-43", us_result),
        ("S4", "Shirt HB-PS220, white", drawn["garment"], "-25.1", "33.1", "-42", us_result),
        ("S5", "Shirt HB-PL221, forest green", drawn["garment"], "-25.4", "32.1", "-46", "Inconclusive, see conclusion"),
    )
    references = (("US Southern High Plains (Texas)", "212", "32.0 to 34.4", "-48 to -36"),
                  ("Xinjiang (XUAR), China", "186", "27.6 to 30.9", "-78 to -58"),
                  ("Mato Grosso, Brazil", "143", "29.4 to 31.8", "-40 to -26"))
    return Paper(
        "docs/52-isotope-origin-test-report.pdf", "lab_test_report", f"Stable isotope origin test report {number}", day,
        sheet("lab", number,
              Title("STABLE ISOTOPE ORIGIN TEST REPORT", "Cotton fibre, isotope ratio mass spectrometry (IRMS)"),
              Fields((("Report no.", number), ("Client", "Harborline Apparel Inc., order " + r.shirt_po),
                      ("Samples received", us(t.before(36))), ("Report date", us(day)),
                      ("Method", "SOP CIL-14: δ13C, δ18O, δ2H by IRMS; 3 sub-samples each"),
                      ("Reference set", "1,140 authenticated samples, 14 regions"))),
              Items(("ID", "Sample", "Drawn by Harborline at", "δ13C ‰", "δ18O ‰", "δ2H ‰", "Result"), samples, (0.35, 1.75, 1.45, 0.6, 0.6, 0.55, 2.0), "CLLRRRL"),
              Text("Reference ranges (5th to 95th percentile)", ()),
              Items(("Region", "Samples", "δ18O ‰ VSMOW", "δ2H ‰ VSMOW"), references, (2.6, 0.8, 1.3, 1.3), "LRCC"),
              Text("Conclusion", (
                  "Samples S1 to S4 are consistent with cotton grown in the US Southern High Plains and not consistent "
                  "with the XUAR reference set. S5 is inconclusive: its three sub-samples gave δ18O of 33.0, 32.9 and "
                  "30.4 ‰; the third lies outside the US range and inside those of other regions, so the fabric may hold "
                  "cotton of more than one origin, which the test can neither name nor clear of the XUAR. Isotope ratios "
                  "show where cotton grew, not who grew or handled it: they support, and do not replace, the supply "
                  "chain records.",)),
              Signatures((signer("lab", 1, "Analyst"),
                          signer("lab", 0, "Laboratory director", sealed=True, center=("REPORTED", us(day))))),
              ),
        entities=("spinner", "knitter", "garment"), references=(number,),
    )


def papers(s: Scenario) -> list[Paper]:
    """The EEI and the Vietnamese export declaration, the lint's certificate of origin, the isotope test."""
    return [_eei(s), _certificate_of_origin(s), _vnaccs(s), _isotope_test(s)]
