"""The demo case's facts: dates, companies, the detained shipment and the chain of transfers.

Every company, person, address, bank, vessel and number here is invented. US phone numbers
use the 555-01xx block reserved for fiction and e-mail addresses the ``.example`` domain, so
the demo points at no real party.

The chain (tier: entity, what it makes):

    5  grower   Pettibone Creek Farms LLC, Texas        seed cotton
    4  gin      Mesquite Draw Cooperative Gin, Texas     lint, 44 bales
    3  spinner  Kestrel Delta Spinning JSC, Vietnam      carded yarn Ne 30/1
    2  knitter  Lam Thuy Knitting Co., Ltd., Vietnam     dyed single jersey
    1  garment  Saigon Crestline Garment Co., Ltd.       men's knit polo shirts
    0  importer Harborline Apparel Inc., Long Beach      (detained at Los Angeles)

Quantities reconcile link by link (output shipped <= input x yield) except on
knitter -> garment, one of the deliberate gaps listed in ``importer_app.demo.case``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from importer_app.core.model import Entity, Link, Shipment


@dataclass(frozen=True)
class Timeline:
    """Dates counted back from the date of importation, so the demo never looks stale."""

    importation: dt.date

    def before(self, days: int) -> dt.date:
        """The date ``days`` days before importation."""
        return self.importation - dt.timedelta(days=days)

    def after(self, days: int) -> dt.date:
        """The date ``days`` days after importation."""
        return self.importation + dt.timedelta(days=days)


@dataclass(frozen=True)
class Org:
    """A company as it prints itself on its letterhead.

    Attributes:
        short: a two- or three-letter mark drawn as the logo.
        color: the house colour of the letterhead, a hex string.
        registration: tax or registry number line.
        name_local: the name in its own script, printed under the English one.
        seal: the text around the rim of the company's seal; Vietnamese seals carry the
            Vietnamese legal name and the province.
    """

    name: str
    address: tuple[str, ...]
    contact: str
    registration: str
    short: str
    color: str
    name_local: str = ""
    seal: str = ""

    @property
    def one_line_address(self) -> str:
        """The address on one line, as the case description stores it."""
        return ", ".join(self.address)


ORGS: dict[str, Org] = {
    "importer": Org(
        "Harborline Apparel Inc.",
        ("2210 Pelican Wharf Road, Suite 410", "Long Beach, CA 90813", "United States"),
        "Tel +1 562 555 0148 · compliance@harborline-apparel.example",
        "IRS No. 95-4417021",
        "HA",
        "#1f4e79",
    ),
    "garment": Org(
        "Saigon Crestline Garment Co., Ltd.",
        ("Lot C12, Road D3, Tan Phuoc Industrial Zone", "Di An Ward, Ho Chi Minh City", "Vietnam"),
        "Tel +84 274 3755 812 · export@crestline-garment.example",
        "Tax code 3702418556",
        "SC",
        "#7b2d26",
        seal="Công ty TNHH May Crestline Sài Gòn · TP. Hồ Chí Minh",
    ),
    "knitter": Org(
        "Lam Thuy Knitting Co., Ltd.",
        ("Lot 18, Road 5, Long Phuoc Tay Industrial Cluster", "Nhon Trach Commune, Dong Nai Province", "Vietnam"),
        "Tel +84 251 3855 127 · sales@lamthuy-knit.example",
        "Tax code 3603551207",
        "LT",
        "#2e6b3a",
        name_local="Công ty TNHH Dệt Kim Lam Thủy",
        seal="Công ty TNHH Dệt Kim Lam Thủy · T. Đồng Nai",
    ),
    "spinner": Org(
        "Kestrel Delta Spinning JSC",
        ("Lot H3, Road 7, Duc Hoa Textile Cluster", "Duc Hoa Commune, Tay Ninh Province", "Vietnam"),
        "Tel +84 272 3655 190 · yarn@kestreldelta.example",
        "Tax code 1101862409",
        "KD",
        "#3b4a8c",
        seal="Công ty Cổ phần Sợi Kestrel Delta · T. Tây Ninh",
    ),
    "gin": Org(
        "Mesquite Draw Cooperative Gin",
        ("4180 County Road 17", "Lamesa, TX 79331", "United States"),
        "Tel +1 806 555 0173 · office@mesquitedrawgin.example",
        "USDA gin code 88-412",
        "MD",
        "#8a5a14",
    ),
    "grower": Org(
        "Pettibone Creek Farms LLC",
        ("9275 County Road 240", "Ackerly, TX 79713", "United States"),
        "Tel +1 432 555 0116 · pettibonecreek@farmmail.example",
        "FSA farm no. 4417",
        "PC",
        "#55702b",
    ),
    "bank_us_farm": Org(
        "Llano Plains State Bank",
        ("501 North Dallas Avenue", "Lamesa, TX 79331", "United States"),
        "Tel +1 806 555 0102",
        "Member FDIC (fictional)",
        "LP",
        "#0f5257",
    ),
    "bank_us": Org(
        "Western Pacific Commerce Bank, N.A.",
        ("800 Ocean Gate Plaza", "Long Beach, CA 90802", "United States"),
        "Tel +1 562 555 0190 · BIC WPCBUS6LDMO",
        "Member FDIC (fictional)",
        "WP",
        "#173f5f",
    ),
    "bank_vn": Org(
        "Saigon Riverside Commercial Joint Stock Bank",
        ("Head office, 118 Ton Duc Thang Street", "Sai Gon Ward, Ho Chi Minh City", "Vietnam"),
        "Tel +84 28 3855 0177 · BIC SRCBVNVXDMO",
        "Business reg. 0301555913",
        "SR",
        "#9c1d2a",
        seal="Ngân hàng TMCP Saigon Riverside · TP. Hồ Chí Minh",
    ),
    "carrier": Org(
        "Pacific Meridian Lines Ltd.",
        ("12/F Harbour Crest Tower, 88 Quay Road", "Singapore 098765", "Singapore"),
        "Tel +65 6555 0141 · docs@pacificmeridian.example",
        "Carrier code PMLX",
        "PM",
        "#12355b",
    ),
    "trucker": Org(
        "Lotus Road Transport Co., Ltd.",
        ("Lot 7, Road 2, Nhon Trach Logistics Park", "Nhon Trach Commune, Dong Nai Province", "Vietnam"),
        "Tel +84 251 3855 166 · dispatch@lotusroad.example",
        "Tax code 3603559911",
        "LR",
        "#5c3c92",
        seal="Công ty TNHH Vận tải Lotus Road · T. Đồng Nai",
    ),
    "chamber": Org(
        "Caprock Plains Chamber of Commerce",
        ("1520 Cotton Exchange Row, Suite 300", "Lubbock, TX 79401", "United States"),
        "Tel +1 806 555 0127 · certificates@caprockchamber.example",
        "Certifying chamber for export documents",
        "CC",
        "#6b4f1d",
    ),
    "lab": Org(
        "Cordillera Isotope Laboratories, Inc.",
        ("2150 Orchard Technology Way", "Boise, ID 83705", "United States"),
        "Tel +1 208 555 0166 · reports@cordillera-isotope.example",
        "ISO/IEC 17025 accreditation no. 4471.02",
        "CI",
        "#2b5d6b",
    ),
    "auditor": Org(
        "Northbridge Social Compliance Services",
        ("Unit 1105, 27 Nguyen Van Linh Boulevard", "Tan Hung Ward, Ho Chi Minh City", "Vietnam"),
        "Tel +84 28 3855 0133 · reports@northbridge-sc.example",
        "Audit firm reg. NB-VN-0219",
        "NB",
        "#444444",
        seal="Northbridge Social Compliance Services · TP. Hồ Chí Minh",
    ),
}

# Roles and tiers of the orgs that are supply-chain entities, in tier order.
_ENTITY_ROLES: tuple[tuple[str, str, str, int], ...] = (
    ("importer", "importer", "US", 0),
    ("garment", "manufacturer", "VN", 1),
    ("knitter", "processor", "VN", 2),
    ("spinner", "processor", "VN", 3),
    ("gin", "processor", "US", 4),
    ("grower", "raw_material_producer", "US", 5),
)


@dataclass(frozen=True)
class Refs:
    """The reference numbers of every transfer, shared by the links and their documents."""

    farm_agreement: str
    haul_log: str
    farm_invoice: str
    lint_contract: str
    lint_invoice: str
    lint_bl: str
    yarn_po: str
    yarn_invoice: str
    fabric_po: str
    fabric_invoice: str
    fabric_waybill: str
    shirt_po: str
    shirt_invoice: str
    shirt_bl: str


@dataclass(frozen=True)
class Scenario:
    """Everything the documents and the case description are built from."""

    dates: Timeline
    refs: Refs
    shipment: Shipment
    entities: tuple[Entity, ...]
    links: tuple[Link, ...]


def _refs(t: Timeline) -> Refs:
    def year(days: int) -> int:
        return t.before(days).year

    return Refs(
        farm_agreement=f"MDG-SPA-{year(260)}-0233",
        haul_log=f"MDG-HL-{year(215)}-0612",
        farm_invoice=f"PCF-INV-{year(205)}-014",
        lint_contract=f"MDG-EX-{year(240)}-0091",
        lint_invoice=f"MDG-INV-{year(175)}-0412",
        lint_bl="PMLX-HOU-4417206",
        yarn_po=f"LTK-PO-{year(118)}-0318",
        yarn_invoice=f"KDS-INV-{year(108)}-1042",
        fabric_po=f"SCG-PO-{year(122)}-0775",
        fabric_invoice=f"LTK-INV-{year(92)}-0566",
        fabric_waybill=f"LRT-WB-{year(92)}-30418",
        shirt_po=f"HLA-PO-{year(135)}-0417",
        shirt_invoice=f"SCG-INV-{year(27)}-0913",
        shirt_bl="PMLX-SGN-5520913",
    )


def _links(t: Timeline, r: Refs) -> tuple[Link, ...]:
    return (
        Link("grower-gin", "grower", "gin", "seed cotton, US upland (12 round modules)", 26400.0, "kg",
             0.38, t.before(215), (r.farm_agreement, r.haul_log, r.farm_invoice)),
        Link("gin-spinner", "gin", "spinner", "raw cotton lint, US upland, 44 bales", 9600.0, "kg",
             0.85, t.before(175), (r.lint_contract, r.lint_invoice, r.lint_bl)),
        Link("spinner-knitter", "spinner", "knitter", "100% cotton carded ring-spun yarn Ne 30/1", 3015.0, "kg",
             0.95, t.before(108), (r.yarn_po, r.yarn_invoice)),
        # Deliberate gap: 3,150 kg of fabric from 3,015 kg of yarn is ~10% more than the
        # 0.95 knitting yield allows.
        Link("knitter-garment", "knitter", "garment", "dyed 100% cotton single jersey, 180 g/m2", 3150.0, "kg",
             4.0, t.before(92), (r.fabric_po, r.fabric_invoice, r.fabric_waybill)),
        Link("garment-importer", "garment", "importer", "men's 100% cotton knit polo shirts", 12000.0, "pcs",
             None, t.before(26), (r.shirt_po, r.shirt_invoice, r.shirt_bl)),
    )


def build_scenario(regime: str, today: dt.date) -> Scenario:
    """The demo's facts for a regime, dated so that the case is 20 days old on ``today``.

    Args:
        regime: ``uflpa-applicability`` or ``wro``; a WRO case also names the order and
            the class of labor it covers.
        today: the date the demo is made; every other date is counted from it.
    """
    t = Timeline(today - dt.timedelta(days=20))
    refs = _refs(t)
    importer = ORGS["importer"]
    wro = regime == "wro"
    shipment = Shipment(
        regime=regime,
        entry_number="HB7-0428815-3",
        importer_of_record=importer.name,
        merchandise="Men's 100% cotton knit polo shirts, styles HB-PS220 and HB-PL221",
        quantity=12000,
        unit="pcs",
        country_of_origin="VN",
        date_of_importation=t.importation,
        title="Harborline Apparel - entry HB7-0428815-3 (demo)",
        entry_lines=(1, 2),
        detention_number=f"{t.after(6).year}-2704-000417",
        port_code="2704",
        port_name="Los Angeles",
        importer_address=importer.one_line_address,
        ultimate_consignee=importer.name,
        hts=("6105.10.0010",),
        value_usd=84600.0,
        country_of_exportation="VN",
        order_reference=f"WRO {t.before(400).year}-07 (fictional)" if wro else "",
        class_of_labor="forced" if wro else "",
        date_presented=t.after(2),
        date_of_detention=t.after(6),
        date_of_notice=t.after(9),
    )
    entities = tuple(
        Entity(key, ORGS[key].name, role, country, ORGS[key].one_line_address, ORGS[key].name_local, tier)
        for key, role, country, tier in _ENTITY_ROLES
    )
    return Scenario(t, refs, shipment, entities, _links(t, refs))
