"""The official forced-labor lists' file formats, written with fictional entries.

The demo case is screened against these, and the tests build their list files with the same
writers: no real list data is kept in the repository. Layouts follow domain.md F.1 (the CBP
"Withhold Release Orders and Findings" CSV) and F.2 (the DHS "UFLPA Entity List" page).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

WRO_HEADER = ("Effective Date", "Calendar Year", "Country Code", "Country", "Merchandise", "WRO/Finding",
              "Industry", "Status", "Modified Date", "Entity", "Remarks", "Press Release")

UFLPA_SECTIONS = {
    "i": "Entities in Xinjiang that mine, produce, or manufacture wholly or in part any goods, wares, articles "
         "and merchandise with forced labor",
    "ii": "Entities working with the government of the Xinjiang Uyghur Autonomous Region to recruit, transport, "
          "transfer, harbor or receive forced labor",
    "iv": "Entities that exported products made by entities in (i) and (ii) from the PRC into the United States",
    "v": "Facilities and entities that source material from Xinjiang or from persons working with the "
         "government of Xinjiang for purposes of the poverty alleviation program",
}

UFLPA_FILE = "demo-uflpa-entity-list.html"
WRO_FILE = "demo-wro-findings.csv"


def wro_row(entity: str, *, date: str = "06/24/2021", country: str = "China", country_code: str = "CN",
            merchandise: str = "Silica-based products", kind: str = "WRO", status: str = "Active",
            remarks: str = "") -> dict[str, str]:
    return {"Effective Date": date, "Calendar Year": date[-4:], "Country Code": country_code, "Country": country,
            "Merchandise": merchandise, "WRO/Finding": kind, "Industry": "Manufacturing", "Status": status,
            "Modified Date": "", "Entity": entity, "Remarks": remarks, "Press Release": "https://example.invalid/pr"}


def wro_csv(rows: Sequence[dict[str, str]], *, header: Sequence[str] = WRO_HEADER,
            encoding: str = "cp1252") -> bytes:
    """A CSV like CBP's: every field quoted, CRLF line ends, Windows-1252 by default."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return out.getvalue().encode(encoding)


def uflpa_table(section: str, rows: Sequence[tuple[str, str]], *, name_header: str = "Name of Entity") -> str:
    """One statutory list as the DHS page prints it: a description, a section link, a table."""
    cells = "\n".join(
        f"      <tr>\n        <td>{name}</td>\n        <td>{date}</td>\n      </tr>" for name, date in rows
    )
    return f"""
  <div class="usa-prose">
    <p><strong>{UFLPA_SECTIONS.get(section, "Entities")}</strong></p>
    <p><a href="https://www.congress.gov/bill/117th-congress/house-bill/6256">UFLPA Section 2(d)(2)(B)({section})</a></p>
  </div>
  <table class="usa-table">
    <thead>
      <tr><th scope="col">{name_header}</th><th scope="col">Effective Date</th></tr>
    </thead>
    <tbody>
{cells}
    </tbody>
  </table>
"""


def uflpa_page(*tables: str, notice: str = "") -> bytes:
    body = "\n".join(tables)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>UFLPA Entity List | Homeland Security</title>
  <script>window.dataLayer = [{{"table": "<table>"}}];</script>
</head>
<body>
  <header><nav><ul><li><a href="/">Home</a></li></ul></nav></header>
  <main>
  <h1>UFLPA Entity List</h1>
  <p>The Forced Labor Enforcement Task Force (FLETF) publishes the list below.</p>{notice}
{body}
  </main>
</body>
</html>
""".encode()


_FICTIONAL = "\n  <p><strong>Fictional demo data: every entity on this page is made up.</strong></p>"


def write_demo_lists(folder: Path) -> tuple[Path, Path]:
    """Write fictional versions of both lists into ``folder``: the UFLPA page and the WRO CSV.

    No demo company is on either list, but one WRO entry shares the knitting mill's trading
    name, so the demo shows a candidate hit the importer dismissed with its reason.
    """
    folder.mkdir(parents=True, exist_ok=True)
    uflpa = folder / UFLPA_FILE
    uflpa.write_bytes(uflpa_page(
        uflpa_table("i", [("Tarim Northwind Cotton Co., Ltd.", "June 9, 2023"),
                          ("Aral Silverleaf Textile Co., Ltd. (also known as Silverleaf Textile)", "June 9, 2023"),
                          ("Kumul Brightstone Silicon Co., Ltd.", "December 5, 2023")]),
        uflpa_table("iv", [("Yarkand Eastgate Garment Co., Ltd.", "August 1, 2024"),
                           ("Bortala Jadeline Spinning Co., Ltd.", "March 14, 2025")]),
        notice=_FICTIONAL,
    ))
    wro = folder / WRO_FILE
    wro.write_bytes(wro_csv([
        wro_row("Lam Thuy Knitting Factory", date="02/11/2025", country="Cambodia", country_code="KH",
                merchandise="Knit fabric", remarks="Fictional demo entry."),
        wro_row("Bluewater Deepsea Fishing Co.", date="09/30/2024", country="Fiji", country_code="FJ",
                merchandise="Seafood", remarks="Fictional demo entry."),
        wro_row("Redcliff Brickworks Ltd.", date="04/22/2024", country="Nepal", country_code="NP",
                merchandise="Bricks", remarks="Fictional demo entry."),
    ]))
    return uflpa, wro
