"""Make the events map's offline basemap and the gazetteer's country points from Natural Earth, once.

Natural Earth's 1:110m Admin 0 countries (public domain, naturalearthdata.com) as the npm package `world-atlas`
2.0.2 redistributes them (TopoJSON, ISC licence, Michael Bostock): fetch it with npm's own client, then run

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/make-basemap.py package/countries-110m.json

It writes, both committed (nothing is fetched when newsprism runs):
- newsprism/web/static/world-110m.svg: every country as an SVG path in the map's projection (equirectangular,
  x = longitude + 180, y = 90 - latitude, in degrees), drawn under the events map (`web.charts.world_map`);
- newsprism/data/country_points.json: a point inside each country (the centroid of its largest polygon, or a
  point inside that polygon on the centroid's latitude where the centroid falls outside), by ISO alpha-3 code,
  where the map puts an event that names a country and no finer place (`gazetteer.country_point`).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "newsprism" / "web" / "static" / "world-110m.svg"
POINTS = ROOT / "newsprism" / "data" / "country_points.json"
SOURCE = ("Natural Earth 1:110m Admin 0 countries v4.1.0 (public domain, naturalearthdata.com), as redistributed "
          "in the npm package world-atlas 2.0.2 (countries-110m.json, ISC licence)")
# Countries world-atlas gives no ISO numeric id.
NO_NUMERIC = {"Kosovo": "XKX", "N. Cyprus": None, "Somaliland": None}

Ring = list[tuple[float, float]]


def decode_arcs(topology: dict) -> list[Ring]:
    """The topology's arcs as lists of (longitude, latitude): quantized and delta-encoded in the file."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[Ring], indices: list[int]) -> Ring:
    """One ring stitched from its arcs (a negative index ~i is arc i reversed), each shared point once."""
    out: Ring = []
    for i in indices:
        points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(points if not out else points[1:])
    return out


def polygons(geometry: dict, arcs: list[Ring]) -> list[list[Ring]]:
    """A country's polygons, each a list of rings (the outer ring first, then its holes)."""
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    return []


def area_centroid(points: Ring) -> tuple[float, float, float]:
    """The signed area and centroid (longitude, latitude) of a ring, in degrees (shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a /= 2
    if a == 0:
        return 0.0, points[0][0], points[0][1]
    return a, cx / (6 * a), cy / (6 * a)


def inside(x: float, y: float, points: Ring) -> bool:
    """Whether (x, y) lies inside the ring (even-odd rule)."""
    hit = False
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def point_inside(outer: Ring) -> tuple[float, float]:
    """The ring's centroid when it lies inside, else the middle of the widest stretch inside on its latitude."""
    _, x, y = area_centroid(outer)
    if inside(x, y, outer):
        return x, y
    crossings = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                       for (x0, y0), (x1, y1) in zip(outer, outer[1:] + outer[:1]) if (y0 > y) != (y1 > y))
    pairs = list(zip(crossings[::2], crossings[1::2]))
    a, b = max(pairs, key=lambda p: p[1] - p[0])
    return (a + b) / 2, y


def path(rings: list[Ring]) -> str:
    """SVG path data for rings in the map's projection, to a tenth of a degree."""
    parts = []
    for points in rings:
        xy = []
        for lon, lat in points:
            p = f"{lon + 180:.1f} {90 - lat:.1f}"
            if not xy or xy[-1] != p:
                xy.append(p)
        if len(xy) >= 3:
            parts.append("M" + "L".join(xy) + "Z")
    return "".join(parts)


def alpha3(geometry: dict) -> str | None:
    """A country's ISO alpha-3 code from its ISO numeric id (Kosovo's by name)."""
    name = geometry["properties"]["name"]
    if "id" not in geometry:
        return NO_NUMERIC.get(name)
    country = pycountry.countries.get(numeric=str(geometry["id"]).zfill(3))
    return country.alpha_3 if country else None


def main(source: Path) -> None:
    """Write the basemap and the country points from world-atlas's countries-110m.json at `source`."""
    raw = source.read_bytes()
    topology = json.loads(raw)
    arcs = decode_arcs(topology)
    shapes, points = [], {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polys = polygons(geometry, arcs)
        if not polys:
            continue
        name = geometry["properties"]["name"]
        shapes.append(f'<path d="{path([r for p in polys for r in p])}"><title>{name}</title></path>')
        code = alpha3(geometry)
        if code:
            largest = max((p[0] for p in polys), key=lambda r: abs(area_centroid(r)[0]))
            lon, lat = point_inside(largest)
            points[code] = [round(lat, 2), round(lon, 2)]
    digest = hashlib.sha256(raw).hexdigest()
    SVG.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" width="720" height="360">\n'
        f"<!-- {SOURCE}; sha256 of countries-110m.json {digest}; made by scripts/make-basemap.py. "
        "Equirectangular: x = longitude + 180, y = 90 - latitude. -->\n"
        '<rect width="360" height="180" fill="#eef3f8"/>\n'
        '<g fill="#dfe3d6" stroke="#9aa39a" stroke-width="0.15" stroke-linejoin="round">\n'
        + "\n".join(shapes) + "\n</g>\n</svg>\n",
        encoding="utf-8",
    )
    POINTS.parent.mkdir(exist_ok=True)
    head = {"_source": f"{SOURCE}; sha256 {digest}; made by scripts/make-basemap.py",
            "_what": "a point inside each country, [latitude, longitude], by ISO alpha-3"}
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    lines += ['  "points": {'] + [f'    "{code}": {json.dumps(p)},' for code, p in sorted(points.items())]
    lines[-1] = lines[-1].rstrip(",")
    POINTS.write_text("{\n" + "\n".join(lines) + "\n  }\n}\n", encoding="utf-8")
    print(f"{SVG.relative_to(ROOT)}: {len(shapes)} countries, {SVG.stat().st_size:,} bytes; "
          f"{POINTS.relative_to(ROOT)}: {len(points)} points")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]))
