"""Charts drawn on the server as inline SVG: bars, a stacked timeline on a time scale, a heat map and a map of
points over an offline basemap.

No JavaScript and no file from the internet: each function returns SVG markup with every label escaped
(labels come from articles, which are untrusted), using presentation attributes only so that the page's
Content-Security-Policy needs no inline styles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

from markupsafe import Markup, escape

PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _svg(width: int, height: int, title: str, body: Iterable[str]) -> Markup:
    """An SVG element of this size whose accessible name is `title`."""
    label = escape(title)
    head = (
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{label}" {FONT}>'
    )
    return Markup(head + f"<title>{label}</title>" + "".join(body) + "</svg>")


def _short(label: str, size: int = 28) -> str:
    """A label cut to `size` characters with an ellipsis."""
    return label if len(label) <= size else label[: size - 1] + "…"


def _label(x: float, y: float, label: str, size: int = 28, anchor: str = "start", attrs: str = "") -> str:
    """A text label cut to `size` characters, its full wording shown on hover."""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{attrs}>'
        f"{escape(_short(label, size))}<title>{escape(label)}</title></text>"
    )


def colour(i: int) -> str:
    """The i-th colour of the palette, cycling."""
    return PALETTE[i % len(PALETTE)]


def bars(items: list[tuple[str, int]], title: str) -> Markup:
    """Horizontal bars, one per (label, value), longest value filling the width."""
    if not items:
        return Markup("")
    top = max(v for _, v in items) or 1
    row, left, width = 22, 190, 360
    body = []
    for i, (label, value) in enumerate(items):
        y = i * row + 4
        w = max(1.0, width * value / top)
        body.append(_label(left - 6, y + 13, label, anchor="end"))
        body.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{row - 6}" fill="{colour(0)}"></rect>')
        body.append(f'<text x="{left + w + 4:.1f}" y="{y + 13}">{value}</text>')
    return _svg(left + width + 50, len(items) * row + 8, title, body)


def _period(key: str) -> tuple[date, date] | None:
    """The first and last day a timeline key covers: a day (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY);
    None for anything else."""
    try:
        if len(key) == 10:
            day = date.fromisoformat(key)
            return day, day
        if len(key) == 7:
            first = date(int(key[:4]), int(key[5:7]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if len(key) == 4:
            return date(int(key), 1, 1), date(int(key), 12, 31)
    except ValueError:
        return None
    return None


def _ticks(first: date, last: date, most: int = 8) -> list[tuple[date, str]]:
    """At most `most` round dates between `first` and `last` with their labels: days, month starts or years,
    whichever the span suits."""
    days = (last - first).days + 1
    if days <= 62:
        step = max(1, math.ceil(days / most))
        return [(first + timedelta(days=d), (first + timedelta(days=d)).isoformat()) for d in range(0, days, step)]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= 12 * most:
        step = next(s for s in (1, 2, 3, 4, 6, 12, 24) if months / s <= most or s == 24)
        out, m = [], first.year * 12 + first.month - 1
        m += (-m) % step  # the first month on a multiple of the step (January, April, July ... for 3)
        while m <= last.year * 12 + last.month - 1:
            tick = date(m // 12, m % 12 + 1, 1)
            if tick >= first:
                out.append((tick, tick.isoformat()[:7]))
            m += step
        return out
    step = max(1, math.ceil((last.year - first.year + 1) / most))
    return [(date(y, 1, 1), str(y)) for y in range(first.year + (-first.year) % step, last.year + 1, step)
            if date(y, 1, 1) >= first]


def timeline(series: dict[str, dict[str, int]], title: str) -> Markup:
    """Stacked columns on a time scale: each key (a day, month or year) is drawn over the stretch of time it
    covers, so seven days and four months apart look it; one colour per series, with a legend. Keys that are
    no date are left out."""
    periods = {k: p for counts in series.values() for k in counts if (p := _period(k))}
    if not periods:
        return Markup("")
    keys = sorted(periods, key=lambda k: periods[k])
    names = sorted(series, key=lambda s: -sum(series[s].values()))
    totals = [sum(series[s].get(k, 0) for s in names) for k in keys]
    top = max(totals) or 1
    left, plot_w, plot_h, legend_h = 40, 640, 180, 18 * math.ceil(len(names) / 4)
    first = min(p[0] for p in periods.values())
    last = max(p[1] for p in periods.values())
    span = (last - first).days + 1
    pad = max(1, round(span * 0.02))  # a margin of time either side, so the first and last columns show whole
    origin, days = first - timedelta(days=pad), span + 2 * pad

    def x_of(day: date) -> float:
        return left + plot_w * (day - origin).days / days

    body = [
        f'<line x1="{left}" y1="{plot_h + 10}" x2="{left + plot_w}" y2="{plot_h + 10}" stroke="#888"></line>',
        f'<text x="{left - 6}" y="16" text-anchor="end">{top}</text>',
        f'<text x="{left - 6}" y="{plot_h + 10}" text-anchor="end">0</text>',
    ]
    for tick, label in _ticks(first, last):
        x = x_of(tick)
        body.append(f'<line x1="{x:.1f}" y1="{plot_h + 10}" x2="{x:.1f}" y2="{plot_h + 15}" stroke="#888"></line>')
        body.append(f'<text x="{x:.1f}" y="{plot_h + 28}" text-anchor="middle" font-size="11">{label}</text>')
    for key in keys:
        start, end = periods[key]
        body += _stacked_column(key, x_of(start), x_of(end + timedelta(days=1)), series, names, plot_h, top)
    body += _legend(names, left, plot_h + 46, per_row=4, step=170, label_chars=24)
    return _svg(left + plot_w + 10, plot_h + 42 + legend_h + 10, title, body)


def _stacked_column(key: str, x0: float, x1: float, series: dict[str, dict[str, int]], names: list[str],
                    plot_h: int, top: int) -> list[str]:
    """One key's column between x0 and x1 (four fifths of it wide), a block per series stacked from the axis."""
    width = max(2.0, (x1 - x0) * 0.8)
    x = (x0 + x1) / 2 - width / 2
    y = plot_h + 10
    out = []
    for j, name in enumerate(names):
        n = series[name].get(key, 0)
        if not n:
            continue
        h = plot_h * n / top
        y -= h
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}" data-key="{escape(key)}" '
            f'fill="{colour(j)}"><title>{escape(key)}: {escape(name)} {n}</title></rect>'
        )
    return out


def _legend(names: list[str], left: int, top: int, per_row: int, step: int, label_chars: int) -> list[str]:
    """A swatch of each series' colour with its name, `per_row` to a row, `step` apart, rows 18 apart."""
    out = []
    for j, name in enumerate(names):
        x, y = left + (j % per_row) * step, top + (j // per_row) * 18
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour(j)}"></rect>'
                   + _label(x + 16, y, name, label_chars))
    return out


def heatmap(rows: list[str], columns: list[str], cells: dict[tuple[str, str], int], title: str) -> Markup:
    """A grid of rows by columns, each cell shaded by its count and labelled with it."""
    if not rows or not columns:
        return Markup("")
    top = max(cells.values()) or 1
    left, top_h, cell_w, cell_h = 230, 110, 70, 22
    body = []
    for c, column in enumerate(columns):
        x = left + c * cell_w + cell_w / 2
        body.append(_label(x, top_h - 6, column, 20, attrs=f' transform="rotate(-35 {x:.1f} {top_h - 6})"'))
    for r, row in enumerate(rows):
        y = top_h + r * cell_h
        body.append(_label(left - 6, y + 15, row, 34, anchor="end"))
        for c, column in enumerate(columns):
            n = cells.get((row, column), 0)
            shade = 0.08 + 0.92 * n / top if n else 0
            body.append(
                f'<rect x="{left + c * cell_w}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{colour(0)}" '
                f'fill-opacity="{shade:.2f}" stroke="#ddd"><title>{escape(row)} / {escape(column)}: {n}</title></rect>'
            )
            if n:
                x = left + c * cell_w + cell_w / 2 - 1
                body.append(f'<text x="{x}" y="{y + 15}" text-anchor="middle">{n}</text>')
    return _svg(left + len(columns) * cell_w + 90, top_h + len(rows) * cell_h + 10, title, body)


BASEMAP = "/static/world-110m.svg"  # Natural Earth 1:110m countries, made once by scripts/make-basemap.py


def _graticule(xy, pad: int, scale: float, height: float) -> list[str]:
    """Meridians and parallels every 30 degrees, with their degrees."""
    out = []
    for lon in range(-180, 181, 30):
        x, _ = xy(0, lon)
        out.append(f'<line x1="{x}" y1="{pad}" x2="{x}" y2="{pad + 180 * scale}" stroke="#ccd" stroke-opacity="0.6"></line>')
        out.append(f'<text x="{x}" y="{height - 4}" text-anchor="middle" font-size="10">{lon}°</text>')
    for lat in range(-90, 91, 30):
        _, y = xy(lat, 0)
        out.append(f'<line x1="{pad}" y1="{y}" x2="{pad + 360 * scale}" y2="{y}" stroke="#ccd" stroke-opacity="0.6"></line>')
        out.append(f'<text x="{pad - 2}" y="{y + 3}" text-anchor="end" font-size="10">{lat}°</text>')
    return out


def _map_point(p: dict, x: float, y: float, r: float, fill: str) -> str:
    """One place and type as a circle of radius r (a dashed ring where only the country is known), named on
    hover."""
    if p.get("where") == "country":
        name = f'{p["place"] or p["country"] or "?"} (somewhere in the country): {p["type"]} × {p["n"]}'
        shape = (f'fill="{fill}" fill-opacity="0.25" stroke="{fill}" stroke-width="2" stroke-dasharray="3 2" '
                 'data-where="country"')
    else:
        name = f'{p["place"] or "?"} ({p["country"] or "?"}): {p["type"]} × {p["n"]}'
        shape = f'fill="{fill}" fill-opacity="0.75" stroke="#333" data-where="place"'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {shape}><title>{escape(name)}</title></circle>'


def world_map(points: list[dict], title: str) -> Markup:
    """Events on a world map (equirectangular) drawn over Natural Earth's countries (`BASEMAP`, served by this
    package: no tile server), one circle per place and type, its area growing with the count. A point whose
    `where` is "country" (an event that names a country and no finer place) is a dashed ring at a point inside
    the country; hovering any point names the place, the type and the count."""
    if not points:
        return Markup("")
    scale, pad = 2.0, 20
    width, height = 360 * scale + 2 * pad, 180 * scale + 2 * pad
    types = sorted({str(p["type"]) for p in points})
    top = max(int(p["n"]) for p in points) or 1

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return pad + (lon + 180) * scale, pad + (90 - lat) * scale

    body = [
        f'<rect x="{pad}" y="{pad}" width="{360 * scale}" height="{180 * scale}" fill="#eef3f8" stroke="#aab"></rect>',
        f'<image class="basemap" href="{BASEMAP}" x="{pad}" y="{pad}" width="{360 * scale}" height="{180 * scale}" '
        'preserveAspectRatio="none"></image>',
    ]
    body += _graticule(xy, pad, scale, height)
    for p in sorted(points, key=lambda p: -int(p["n"])):
        lat, lon = float(p["lat"]), float(p["lon"])
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            body.append(_map_point(p, *xy(lat, lon), 3 + 9 * math.sqrt(int(p["n"]) / top),
                                   colour(types.index(str(p["type"])))))
    for j, kind in enumerate(types):
        x = pad + (j % 6) * 120
        y = height + 14 + (j // 6) * 16
        body.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour(j)}"></rect>'
            f'<text x="{x + 16}" y="{y}">{escape(kind)}</text>'
        )
    return _svg(int(width), int(height + 20 + 16 * math.ceil(len(types) / 6)), title, body)
