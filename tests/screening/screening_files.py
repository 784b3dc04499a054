"""List files in the official formats, written by the tests (no real list data is kept).

The names are fictional, or the issue's own examples, laid out the way CBP and DHS print
theirs (domain.md F.1, F.2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from importer_app.demo.listfiles import (
    UFLPA_SECTIONS,
    WRO_HEADER,
    uflpa_page,
    uflpa_table,
    wro_csv,
    wro_row,
)
from importer_app.screening.model import ListedEntity, Snapshot

__all__ = ["REALISTIC_UFLPA", "REALISTIC_WRO", "UFLPA_SECTIONS", "WRO_HEADER", "listed", "snapshot",
           "uflpa_page", "uflpa_table", "wro_csv", "wro_row"]

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
