"""When two events of the corpus report one happening, and why: the rules that group events into stories.

Two events are joined when all of these hold, and each that holds is written down as a reason:
- their PLOVER types are the same or a pair that reports one happening from two sides (`COMPATIBLE`:
  a protest that turned deadly is PROTEST to one outlet and ASSAULT to another);
- their dates are at most the story window apart (`--story-days`, 3 by default; an event without its own
  date takes its article's publication date);
- their places do not disagree (two different cities of the gazetteer, or two countries, part them);
- they share an actor (by corpus-wide actor id) that is the source or target of one of them (an actor
  merely named in both sentences is not enough), or name the same town or city and are both physical
  conflict or protest (`ON_THE_GROUND`: two outlets on one deadly protest often name no actor alike,
  "police" against "security forces", but a statement and a march in one city are not one happening),
  or come from the same article (an article that tells a search on Sunday and a search on Monday in one
  country tells one story; its events must not scatter into stories that each hold a piece of it).
Of the events that qualify, the one with the most in common wins (shared actors and the same place count
most, then an event of the same article, then a story the article's other events are already in); a story
never spans more than twice the window, so a chain of days does not grow without end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from newsprism import gazetteer
from newsprism.corpus.actors import place_key
from newsprism.schema import Analysis, Event

DEFAULT_STORY_DAYS = 3

EntityActors = dict[tuple[str, str], int]  # (article id, entity id) -> corpus actor id

_PAIRS = [
    ("ASSAULT", "FIGHT"), ("ASSAULT", "PROTEST"), ("ASSAULT", "COERCE"), ("COERCE", "PROTEST"),
    ("COERCE", "INVESTIGATE"), ("COERCE", "SANCTION"), ("FIGHT", "MOBILIZE"), ("ASSAULT", "MOBILIZE"),
    ("PROTEST", "DEMAND"), ("PROTEST", "DISAPPROVE"), ("DISAPPROVE", "REJECT"), ("DISAPPROVE", "THREATEN"),
    ("DISAPPROVE", "DEMAND"), ("DEMAND", "THREATEN"), ("AGREE", "CONSULT"), ("AGREE", "COOPERATE"),
    ("CONSULT", "COOPERATE"), ("SUPPORT", "AID"), ("SUPPORT", "AGREE"), ("CONCEDE", "RETREAT"),
    ("CONCEDE", "AGREE"), ("SANCTION", "THREATEN"),
]
ON_THE_GROUND = {"ASSAULT", "FIGHT", "PROTEST", "COERCE", "MOBILIZE"}
COMPATIBLE: dict[str, set[str]] = {}
for _a, _b in _PAIRS:
    COMPATIBLE.setdefault(_a, {_a}).add(_b)
    COMPATIBLE.setdefault(_b, {_b}).add(_a)


def compatible_types(kind: str) -> set[str]:
    """The types an event of type `kind` may share a story with, itself included."""
    return COMPATIBLE.get(kind, {kind})


@dataclass
class Signature:
    """What grouping compares of an event: type, date, place and the corpus ids of its actors.

    `place` is a key as `actors.place_key` makes it ("place:gn293397") or "state:ISR" for a country;
    `actors` are the corpus ids of the actors in the event's sentence, `principals` those of its source and
    target; `actor_names` gives a readable name per actor id for the reasons."""

    type: str
    date: str
    place: str | None = None
    place_name: str | None = None
    country: str | None = None
    actors: set[int] = field(default_factory=set)
    principals: set[int] = field(default_factory=set)  # the source's and target's actors
    actor_names: dict[int, str] = field(default_factory=dict)
    article: str | None = None  # the id of the article that tells it


def day(value: str | None) -> str | None:
    """A YYYY-MM-DD date, or None for anything else."""
    try:
        return date.fromisoformat(value).isoformat() if value and len(value) == 10 else None
    except ValueError:
        return None


def signature(analysis: Analysis, event: Event, found: EntityActors) -> Signature | None:
    """What grouping compares of one event, or None without a date (its own, else its article's)."""
    when = day(event.date) or day(analysis.article.published)
    if when is None:
        return None
    aid = analysis.article.id
    sig = Signature(type=event.type, date=when, article=analysis.article.id)
    names = {e.id: e.name for e in analysis.entities}
    involved = {a.entity for a in (event.source, event.target) if a is not None and a.entity}
    sig.principals = {found[(aid, eid)] for eid in involved if (aid, eid) in found}
    ev = event.evidence
    for entity in analysis.entities:
        if any(ev.start <= m.start and m.end <= ev.end for m in entity.mentions + entity.labels):
            involved.add(entity.id)
    for eid in involved:
        if (aid, eid) in found:
            sig.actors.add(found[(aid, eid)])
            sig.actor_names[found[(aid, eid)]] = names.get(eid, eid)
    if event.location is not None and event.location.name:
        loc = event.location
        code = gazetteer.country_code(loc.name)
        if code:
            sig.place, sig.country = f"state:{code}", code
        else:
            sig.place, sig.country = place_key(loc.name, loc.country)
        sig.place_name = loc.name + (f" ({sig.country})" if sig.country else "")
    return sig


def days_apart(a: str, b: str) -> int:
    """Whole days between two YYYY-MM-DD dates."""
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def shift(day: str, days: int) -> str:
    """A YYYY-MM-DD date moved by `days`."""
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def gazetteer_id(sig: Signature) -> bool:
    """True when the event's place is a city the gazetteer knows (its key is a GeoNames id)."""
    return bool(sig.place) and sig.place.startswith("place:gn")


def town(sig: Signature) -> bool:
    """True when the event's place is finer than a country."""
    return bool(sig.place) and not sig.place.startswith("state:")


def match(new: Signature, old: Signature, window: int) -> tuple[int, list[str]] | None:
    """How much two events have in common and why they are one happening, or None when a rule parts them."""
    if old.type not in compatible_types(new.type):
        return None
    apart = days_apart(new.date, old.date)
    if apart > window:
        return None
    if new.country and old.country and new.country != old.country:
        return None
    same_town = town(new) and town(old) and new.place == old.place
    if town(new) and town(old) and not same_town and gazetteer_id(new) and gazetteer_id(old):
        return None  # two different cities of the gazetteer; names it does not know part nothing
    shared = new.actors & old.actors
    if not shared & (new.principals | old.principals):
        shared = set()
    same_article = new.article is not None and new.article == old.article
    if not shared and not same_article and not (same_town and {new.type, old.type} <= ON_THE_GROUND):
        return None
    kinds = new.type if new.type == old.type else f"{old.type} and {new.type} (compatible types)"
    when = "same date" if apart == 0 else f"{apart} day{'s' if apart > 1 else ''} apart"
    reasons = [f"type: {kinds}", f"date: {when} ({old.date}, {new.date})"]
    if same_town:
        reasons.append(f"same place: {new.place_name or old.place_name}")
    elif new.place and new.place == old.place:
        reasons.append(f"same country: {new.place_name or old.place_name}")
    if shared:
        names = sorted(new.actor_names.get(a) or old.actor_names.get(a) or str(a) for a in shared)
        reasons.append("shared actors: " + ", ".join(names))
    if same_article:
        reasons.append("same article")
    score = 2 * len(shared) + 3 * same_town + same_article + (new.type == old.type) + (apart == 0)
    return score, reasons
