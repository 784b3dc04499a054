"""What every demo document shares: its case-description entry, people, seals, number formats."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from importer_app.demo.layout import Block, Boxes, Fields, Sheet, Signatures, Signer, Stamp, Title
from importer_app.demo.scenario import ORGS


@dataclass(frozen=True)
class Paper:
    """One generated document: its ``[[documents]]`` entry and the sheet to print.

    Attributes:
        path: relative to the case description, ``docs/...pdf``.
        type: a document type id from ``vocab.DOCUMENT_TYPES``.
    """

    path: str
    type: str
    title: str
    date: dt.date
    sheet: Sheet
    entities: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    language: str = "en"
    translation_of: str = ""


# Who signs for each org: (name, title). Vietnamese names keep their diacritics, as the
# companies print them.
PEOPLE: dict[str, tuple[tuple[str, str], ...]] = {
    "importer": (("Dana R. Whitfield", "Director, Sourcing & Compliance"), ("Marcus Lee", "Controller"),
                 ("Nguyễn Hoàng Vy", "Sourcing Manager, Vietnam office")),
    "garment": (("Trần Quốc Bảo", "General Director"), ("Phạm Thị Mai", "Export Manager"),
                ("Lê Văn Hùng", "Warehouse Supervisor"), ("Đỗ Minh Tâm", "Production Manager")),
    "knitter": (("Nguyễn Thị Thu Hà", "Director"), ("Võ Thanh Sơn", "Workshop Manager"),
                ("Huỳnh Thị Lan", "Planning Clerk"), ("Bùi Văn Lộc", "Warehouse Keeper")),
    "spinner": (("Hoàng Đức Anh", "Deputy General Director"), ("Ngô Thị Hồng", "Production Planning"),
                ("Đặng Văn Phúc", "Raw Material Store Keeper")),
    "gin": (("Wade T. Kessler", "Gin Manager"), ("Loretta Vance", "Office Manager")),
    "grower": (("Curtis Pettibone", "Owner / Operator"),),
    "bank_us_farm": (("Janice Holloway", "Operations Officer"),),
    "bank_us": (("Kevin Oyelaran", "Wire Transfer Operations"),),
    "bank_vn": (("Trịnh Thị Bích Ngọc", "Teller Supervisor"),),
    "carrier": (("Lâm Gia Huy", "As agent: Pacific Meridian Agencies (Vietnam)"),
                ("Derek Fontaine", "As agent: Pacific Meridian Agencies (USA), Houston")),
    "trucker": (("Lý Văn Tài", "Driver, licence B2-44170"), ("Mai Thị Hạnh", "Dispatcher")),
    "auditor": (("Phan Minh Khoa", "Lead Auditor"), ("Emily Sato", "Co-auditor")),
    "chamber": (("Rosalind Ybarra", "Certifying Officer"),),
    "lab": (("Dr. Helen M. Sorensen", "Laboratory Director"), ("Arjun Mehta", "Analyst, isotope ratio mass spectrometry")),
}

_US = {"importer", "gin", "grower", "bank_us_farm", "bank_us", "chamber", "lab"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def sheet(org_key: str, number: str, *blocks: Block, language: str = "en") -> Sheet:
    """A sheet on the org's letterhead, on US Letter paper when the org is American."""
    return Sheet(ORGS[org_key], number, blocks, letter=org_key in _US, language=language)


def signer(org_key: str, person: int, caption: str, *, sealed: bool = False, center: tuple[str, ...] = ()) -> Signer:
    """The ``person``-th signatory of an org; ``sealed`` adds the org's round seal."""
    name, title = PEOPLE[org_key][person]
    return Signer(caption, name, title, seal(org_key, center) if sealed else None)


def seal(org_key: str, center: tuple[str, ...] = ()) -> Stamp:
    """The org's seal: red company chops in Vietnam and Singapore, blue-ink rubber stamps in the US."""
    org = ORGS[org_key]
    if org_key in _US:
        city = org.address[-2].split(",")[0]
        return Stamp(f"{org.name} · {city}", center or ("RECEIVED",), "#2547a0")
    ring = org.seal or f"{org.name} · {org.address[-1]}"
    default = (org.registration.replace("Tax code ", "MST: "),) if "Tax code" in org.registration else ("★",)
    return Stamp(ring, center or default)


def party(label: str, org_key: str) -> tuple[str, str]:
    """A boxed party field: name, address and registration."""
    org = ORGS[org_key]
    return label, "\n".join((org.name, *org.address, org.registration))


def en(date: dt.date) -> str:
    """08 Nov 2026: the month spelled out, so no reader mistakes day for month."""
    return f"{date.day:02d} {_MONTHS[date.month - 1]} {date.year}"


def us(date: dt.date) -> str:
    """11/08/2026, as US farm and bank paper prints dates."""
    return f"{date.month:02d}/{date.day:02d}/{date.year}"


def vi(date: dt.date) -> str:
    """08/11/2026, the Vietnamese day/month/year order."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def num(value: float, decimals: int = 0) -> str:
    """1,234.5 with thousands separators (English style)."""
    return f"{value:,.{decimals}f}"


def num_vi(value: float, decimals: int = 0) -> str:
    """1.234,5: Vietnamese paper swaps the separators."""
    return num(value, decimals).replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def jitter(key: str, index: int) -> float:
    """A number in [0, 1) fixed by ``key`` and ``index``: natural-looking variation, never random."""
    return int.from_bytes(hashlib.sha256(f"{key}:{index}".encode()).digest()[:4], "big") / 2**32


def debit_advice(path: str, title: str, paid: dt.date, number: int, amount_vnd: float, *, debited: str,
                 beneficiary: str, details: str, links: tuple[str, ...], references: tuple[str, ...]) -> Paper:
    """A Vietnamese bank's debit advice: one domestic payment between two companies."""
    return Paper(
        path, "proof_of_payment", title, paid,
        sheet("bank_vn", f"SRB-DN-{paid:%y%m%d}-{number}",
              Title("DEBIT ADVICE", "Giấy báo nợ"),
              Fields((("Transaction ref.", f"FT{paid:%y%m%d}{number}"), ("Value date", en(paid)),
                      ("Amount", f"VND {num(amount_vnd)}"), ("Charges", "VND 22,000 (remitter)"))),
              Boxes((("Debited account", debited), ("Beneficiary", beneficiary),
                     ("Payment details", details), ("Channel", "Internal transfer"))),
              Signatures((signer("bank_vn", 0, "Bank officer", sealed=True, center=("ĐÃ CHI", en(paid))),)),
              ),
        links=links, references=references,
    )
