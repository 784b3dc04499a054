"""List files in the official formats, written by the tests (no real list data is kept).

The names are fictional, or the issue's own examples, laid out the way CBP and DHS print
theirs (domain.md F.1, F.2).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from importer_app.screening.model import ListedEntity, Snapshot

WRO_HEADER = ("Effective Date", "Calendar Year", "Country Code", "Country", "Merchandise", "WRO/Finding",
              "Industry", "Status", "Modified Date", "Entity", "Remarks", "Press Release")


def wro_row(entity: str, *, date: str = "06/24/2021", country: str = "China", merchandise: str = "Silica-based products",
            kind: str = "WRO", status: str = "Active", remarks: str = "") -> dict[str, str]:
    return {"Effective Date": date, "Calendar Year": date[-4:], "Country Code": "CN", "Country": country,
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


UFLPA_SECTIONS = {
    "i": "Entities in Xinjiang that mine, produce, or manufacture wholly or in part any goods, wares, articles "
         "and merchandise with forced labor",
    "ii": "Entities working with the government of the Xinjiang Uyghur Autonomous Region to recruit, transport, "
          "transfer, harbor or receive forced labor",
    "iv": "Entities that exported products made by entities in (i) and (ii) from the PRC into the United States",
    "v": "Facilities and entities that source material from Xinjiang or from persons working with the "
         "government of Xinjiang for purposes of the poverty alleviation program",
}


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


def uflpa_page(*tables: str) -> bytes:
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
  <p>The Forced Labor Enforcement Task Force (FLETF) publishes the list below.</p>
{body}
  </main>
</body>
</html>
""".encode()


def snapshot(list_id: str, entities: Sequence[ListedEntity], *, confirmed: dt.datetime | None = None,
             sha256: str = "") -> Snapshot:
    """A snapshot built in memory, for matching tests that need no file."""
    when = confirmed or dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC)
    return Snapshot(id=f"{list_id}-test", list_id=list_id, source_kind="test", file_name=f"{list_id}.test",
                    sha256=sha256 or list_id * 8, imported_at=when, confirmed_at=when, entities=tuple(entities))


def listed(list_id: str, *names: str) -> list[ListedEntity]:
    """One listed entity per name; ``"Main | Alias | Alias"`` gives aliases."""
    entities = []
    for name in names:
        main, *aliases = (part.strip() for part in name.split("|"))
        entities.append(ListedEntity(list_id=list_id, name=main, aliases=tuple(aliases)))
    return entities


# Realistic lists (fictional names but for the Hoshine example): Xinjiang place
# names, brand words, and the generic sector words (garment, knitting, spinning, cotton,
# farms, apparel) that the demo case's companies use too.
REALISTIC_UFLPA = listed(
    "uflpa",
    "Xinjiang Hoshine Silicon Industry (Shanshan) Co., Ltd",
    "Xinjiang Tianmian Textile Co., Ltd.",
    "Aksu Jinhua Textiles Co. | Akesu Jinhua | Aksu Jinhua Dyed Melange Yarn",
    "Hetian Fengda Apparel Co., Ltd.",
    "Xinjiang Zhong Rui Chemical Co., Ltd. | Zhongrui Group",
    "Xinjiang Northwest Reclamation Corps | XNRC",
    "Xinjiang Qianshan Cotton and Linen Co., Ltd.",
    "Yili Haoyuan Garment Manufacturing Co., Ltd.",
    "Baoding HXQR Trade and Business Co., Ltd.",
    "Lop County Meiyun Hair Products Co., Ltd.",
    "Hefei Lantu Information Technology Co., Ltd.",
    "Changji Yuxiang Textile Co. Ltd. | Changji Yuxiang Spinning",
    "Turpan Jinpin Knitting Co., Ltd.",
    "Kashgar Delta Cotton Spinning Co., Ltd.",
    "Silver Creek Farms (Aksu) Co., Ltd.",
    "Saigon Garment Co., Ltd.",
    "Harbor Apparel Group",
    "Xinjiang Lam Textile Co., Ltd.",
    "Korla Mesquite Agricultural Development Co., Ltd.",
    "Urumqi Kestrel Logistics Co., Ltd.",
    "Xinjiang Dongfang Nonferrous Metals Co. Ltd. | Xinjiang Dongfang | Dongfang Group Xinjiang",
    "Xinjiang Tianguang New Energy Co., Ltd.",
    "Xinjiang Hengyang New Energy Material Technology Co., Ltd.",
    "Xinjiang Lianchuang Cotton Gin Co., Ltd.",
    "Shihezi Cooperative Cotton Co., Ltd.",
    "Hotan Pettiwell Textile Co., Ltd.",
    "Xinjiang Crestwood Garment Co., Ltd.",
    "Xinjiang Draw Knitting Co., Ltd.",
    "Ninepeak Corporation",
    "Zhuhai Pantu Electronics Co., Ltd.",
)
REALISTIC_WRO = listed(
    "wro",
    "Hoshine Silicon Industry Co. Ltd.",
    "Hebei Malleable Fittings Factory | Hebei Tongxin Fittings Company | Hebei No. 5 Prison",
    "Moyu County Wig Industrial Park",
    "Grand Vast Group",
    "Rajan Rug Pvt.",
    "PKN Holdings Berhad",
    "Glovewell Holdings Sdn Bhd",
    "Central Azucar Corporation Limited",
    "Zhoushan Deepsea Fishing Co. Ltd.",
    "Sinan Salt Farm",
    "Titan Cycle Manufacturing Co., Ltd.",
)
