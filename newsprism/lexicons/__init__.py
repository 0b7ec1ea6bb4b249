"""Word lists and tables in one place: the JSON files beside this module, one per lexicon family.

- `quote_marks`: the quotation-mark table (opening -> closing mark) and the subsets trained models use;
- `reporting_verbs`: cue words of speech, statement and held views (quotes, event detector, attribution scoring);
- `roles`: titles, roles, gendered words, labels for states, organisation nouns (actors, quotes);
- `event_cues`: PLOVER and ACLED-style cue words per type, and which types are opposites;
- `event_counts`: number words, qualifiers, and what a figure counts;
- `furniture`: regular-expression phrases of page furniture (readers, actors);
- `known_actors`: well-known people and organisations and their countries (actors).

Each file holds its lists under plain keys, a one-line reason for each under `_why`, and a note under `_about`.
`load(name)` reads a file once per process; `words` gives a list as a frozenset, `word_sets` a table of them.
tests/test_lexicons.py checks every file loads, no list repeats a word, no word sits in two opposite lists
and the quotation-mark pairs are consistent.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

NAMES = ("quote_marks", "reporting_verbs", "roles", "event_cues", "event_counts", "furniture", "known_actors")


def _frozen(value: Any) -> Any:
    """Read-only copies: a dict becomes a mapping proxy, a list a tuple, all the way down."""
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


@lru_cache(maxsize=None)
def load(name: str) -> MappingProxyType:
    """The lexicon file `name` (without '.json'), its notes ('_' keys) left out, read-only."""
    data = json.loads((files(__name__) / f"{name}.json").read_text(encoding="utf-8"))
    return _frozen({k: v for k, v in data.items() if not k.startswith("_")})


def raw(name: str) -> dict:
    """The lexicon file `name` as written, notes included (for the tests)."""
    return json.loads((files(__name__) / f"{name}.json").read_text(encoding="utf-8"))


def words(name: str, key: str) -> frozenset[str]:
    """One word list of lexicon `name` as a frozenset."""
    return frozenset(load(name)[key])


def word_sets(name: str, key: str) -> dict[str, frozenset[str]]:
    """A table of word lists (type -> words) of lexicon `name`, each list a frozenset, in the file's order."""
    return {k: frozenset(v) for k, v in load(name)[key].items()}


def table(name: str, key: str) -> dict:
    """A table (word -> value) of lexicon `name`, as a fresh dict in the file's order."""
    return dict(load(name)[key])


# The quotation-mark table, for every module that needs one.
QUOTE_PAIRS: dict[str, str] = table("quote_marks", "pairs")  # opening mark -> closing mark
QUOTE_MARKS: str = "".join(dict.fromkeys("".join(QUOTE_PAIRS) + "".join(QUOTE_PAIRS.values())))  # every mark
