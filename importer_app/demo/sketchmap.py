"""A sketch map of the demo's facilities, drawn with reportlab graphics.

Three panels side by side: the Texas farm and gin, the three Vietnamese mills around Ho Chi
Minh City, and an overview that sets the Vietnamese sites against an approximate outline of
the Xinjiang Uyghur Autonomous Region. Positions are plotted from latitude and longitude
(equirectangular, scaled for the panel's latitude), so distances on a panel are true to its
scale bar. There are no coastlines or borders: it is a sketch, and says so.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from importer_app.demo.layout import FONT, FONT_BOLD, register_fonts

_KM_PER_DEG_LAT = 110.57
_KM_PER_DEG_LON = 111.32  # at the equator
_INK = colors.HexColor("#1f4e79")
_GRID = colors.HexColor("#d5d9de")
_GREY = colors.HexColor("#5f6368")
_WATER = colors.HexColor("#f3f7fb")

# An approximate outline of the XUAR (longitude, latitude), enough to show the distance.
XUAR_OUTLINE: tuple[tuple[float, float], ...] = (
    (73.5, 39.5), (75.6, 40.6), (78.5, 41.6), (80.3, 42.9), (80.8, 45.0), (82.5, 45.3), (83.0, 47.2),
    (85.5, 47.1), (87.3, 49.1), (88.0, 48.5), (90.2, 47.8), (91.0, 46.0), (93.0, 45.0), (95.4, 44.3),
    (96.4, 42.7), (94.6, 41.5), (93.5, 40.2), (91.0, 38.3), (90.5, 36.3), (86.0, 36.0), (80.3, 35.5),
    (79.5, 34.4), (77.8, 35.6), (75.5, 36.8), (74.5, 37.4),
)


@dataclass(frozen=True)
class Place:
    """A point on the map: a numbered facility (``mark``) or a town for orientation.

    Attributes:
        left: put the label on the left of the point, away from a neighbour's.
    """

    label: str
    lon: float
    lat: float
    mark: str = ""
    left: bool = False


@dataclass(frozen=True)
class Panel:
    """One map panel: what it shows and around which point, at how many km per point."""

    title: str
    lon: float
    lat: float
    km_per_pt: float
    places: tuple[Place, ...]
    step: float  # graticule spacing in degrees
    scale_km: int


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (longitude, latitude) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def distance_to_xuar_km(lon: float, lat: float) -> float:
    """Distance from a point to the nearest point of the approximate XUAR outline."""
    best = math.inf
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(XUAR_OUTLINE + XUAR_OUTLINE[:1]):
        for k in range(24):
            f = k / 24
            best = min(best, distance_km((lon, lat), (lon1 + (lon2 - lon1) * f, lat1 + (lat2 - lat1) * f)))
    return best


class _Projection:
    def __init__(self, panel: Panel, x0: float, y0: float, width: float, height: float) -> None:
        self.panel, self.cx, self.cy = panel, x0 + width / 2, y0 + height / 2
        self.km_per_deg_lon = _KM_PER_DEG_LON * math.cos(math.radians(panel.lat))
        self.box = (x0, y0, width, height)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        p = self.panel
        return (self.cx + (lon - p.lon) * self.km_per_deg_lon / p.km_per_pt,
                self.cy + (lat - p.lat) * _KM_PER_DEG_LAT / p.km_per_pt)

    def lon_at(self, x: float) -> float:
        return self.panel.lon + (x - self.cx) * self.panel.km_per_pt / self.km_per_deg_lon

    def lat_at(self, y: float) -> float:
        return self.panel.lat + (y - self.cy) * self.panel.km_per_pt / _KM_PER_DEG_LAT


def _text(x: float, y: float, text: str, size: float = 5.6, color: colors.Color = _GREY, *, bold: bool = False,
          anchor: str = "start") -> String:
    return String(x, y, text, fontName=FONT_BOLD if bold else FONT, fontSize=size, fillColor=color, textAnchor=anchor)


def _degrees(value: float, positive: str, negative: str) -> str:
    return f"{abs(value):g}°{positive if value >= 0 else negative}"


def _graticule(group: Group, proj: _Projection) -> None:
    x0, y0, w, h = proj.box
    step = proj.panel.step
    # Labels only where they fit: not over the panel's edge, not in the corner where both meet.
    lon = math.ceil(proj.lon_at(x0) / step) * step
    while lon < proj.lon_at(x0 + w):
        x = proj(lon, 0)[0]
        group.add(Line(x, y0, x, y0 + h, strokeColor=_GRID, strokeWidth=0.4))
        label = _degrees(round(lon, 2), "E", "W")
        if x0 + 16 < x and x + 2 + stringWidth(label, FONT, 4.6) < x0 + w:
            group.add(_text(x + 1.5, y0 + 2, label, 4.6))
        lon += step
    lat = math.ceil(proj.lat_at(y0) / step) * step
    while lat < proj.lat_at(y0 + h):
        y = proj(0, lat)[1]
        group.add(Line(x0, y, x0 + w, y, strokeColor=_GRID, strokeWidth=0.4))
        if y0 + 9 < y < y0 + h - 8:
            group.add(_text(x0 + 2, y + 1.5, _degrees(round(lat, 2), "N", "S"), 4.6))
        lat += step


def _frame_extras(group: Group, proj: _Projection) -> None:
    """North arrow at the top right, scale bar at the bottom right."""
    x0, y0, w, h = proj.box
    nx, ny = x0 + w - 10, y0 + h - 22
    group.add(Polygon([nx, ny + 14, nx - 3.5, ny + 4, nx + 3.5, ny + 4], fillColor=_GREY, strokeColor=None))
    group.add(_text(nx, ny - 3, "N", 6, bold=True, anchor="middle"))
    km = proj.panel.scale_km
    length = km / proj.panel.km_per_pt
    sx, sy = x0 + w - 8 - length, y0 + 10
    group.add(Rect(sx - 3, sy - 4, length + 6, 14, fillColor=colors.white, strokeColor=None, fillOpacity=0.85))
    group.add(Line(sx, sy, sx + length, sy, strokeColor=colors.black, strokeWidth=1.2))
    for x in (sx, sx + length):
        group.add(Line(x, sy - 2, x, sy + 2, strokeColor=colors.black, strokeWidth=0.8))
    group.add(_text(sx + length / 2, sy + 3, f"{km:,} km", 5, colors.black, anchor="middle"))


def _place(group: Group, proj: _Projection, place: Place) -> None:
    """A numbered disc for a facility, a small ring for a town; the label on the side with room."""
    x, y = proj(place.lon, place.lat)
    x0, _, width, _ = proj.box
    size, font = (5.8, FONT_BOLD) if place.mark else (5.4, FONT)
    gap = 7.0 if place.mark else 3.5
    left = place.left or x + gap + stringWidth(place.label, font, size) > x0 + width - 2
    lx, anchor = (x - gap, "end") if left else (x + gap, "start")
    if place.mark:
        group.add(Circle(x, y, 5.2, fillColor=_INK, strokeColor=colors.white, strokeWidth=0.8))
        group.add(_text(x, y - 2.1, place.mark, 6 if len(place.mark) == 1 else 4.6, colors.white, bold=True,
                        anchor="middle"))
        group.add(_text(lx, y - 2, place.label, size, colors.black, bold=True, anchor=anchor))
    else:
        group.add(Circle(x, y, 1.8, fillColor=colors.white, strokeColor=_GREY, strokeWidth=0.7))
        group.add(_text(lx, y + 2, place.label, size, anchor=anchor))


def _panel(panel: Panel, x0: float, y0: float, width: float, height: float, *, xuar: bool = False) -> Group:
    group = Group()
    group.add(Rect(x0, y0, width, height, fillColor=_WATER if xuar else colors.white, strokeColor=None))
    proj = _Projection(panel, x0, y0, width, height)
    _graticule(group, proj)
    if xuar:
        outline = [c for lon, lat in XUAR_OUTLINE for c in proj(lon, lat)]
        group.add(Polygon(outline, fillColor=colors.HexColor("#f4dcdc"), strokeColor=colors.HexColor("#b03a3a"),
                          strokeWidth=0.8, strokeDashArray=(3, 1.5)))
        cx, cy = proj(84.5, 41.2)
        group.add(_text(cx, cy, "XUAR", 7, colors.HexColor("#8a2a2a"), bold=True, anchor="middle"))
        group.add(_text(cx, cy - 7, "(approximate outline)", 4.8, colors.HexColor("#8a2a2a"), anchor="middle"))
        mills = [p for p in panel.places if p.mark]
        lon = sum(p.lon for p in mills) / len(mills)
        lat = sum(p.lat for p in mills) / len(mills)
        near = min(XUAR_OUTLINE, key=lambda v: distance_km((lon, lat), v))
        (ax, ay), (bx, by) = proj(lon, lat), proj(*near)
        group.add(Line(ax, ay, bx, by, strokeColor=colors.black, strokeWidth=0.6, strokeDashArray=(2, 2)))
        label = f"about {round(distance_to_xuar_km(lon, lat), -2):,.0f} km"
        group.add(_text((ax + bx) / 2 - 4, (ay + by) / 2, label, 5.8, colors.black, bold=True, anchor="end"))
    for place in panel.places:
        _place(group, proj, place)
    _frame_extras(group, proj)
    group.add(Rect(x0, y0, width, height, fillColor=None, strokeColor=colors.black, strokeWidth=0.7))
    group.add(_text(x0, y0 + height + 4, panel.title, 7, colors.black, bold=True))
    return group


def sketch_map(panels: tuple[Panel, Panel, Panel], width: float, height: float = 215) -> Drawing:
    """The three panels side by side; the last one is the overview with the XUAR outline."""
    register_fonts()  # labels are measured to keep them inside their panel
    gap = 9.0
    panel_w = (width - 2 * gap) / 3
    panel_h = height - 14
    drawing = Drawing(width, height)
    for i, panel in enumerate(panels):
        drawing.add(_panel(panel, i * (panel_w + gap), 0, panel_w, panel_h, xuar=i == 2))
    return drawing
