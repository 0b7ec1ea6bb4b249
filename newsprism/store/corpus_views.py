"""The corpus view as users read it: a story with every article's version side by side and the figures
that disagree; an actor with the names and labels each outlet used, its quotes and its events. One model
each (pydantic) serves the command line's JSON, the REST API and the pages.

A version's figures and words come from its article's stored analysis (a story has a handful of articles,
so a handful are loaded); everything else comes from `store.queries`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field

from newsprism.corpus.actors import naming
from newsprism.events.conflicts import EVENT_FIGURES, disagree
from newsprism.schema import Actor, Analysis, Count, Span
from newsprism.store import queries
from newsprism.store.db import Store



class Named(BaseModel):
    """An actor as one article named it: the corpus actor (when resolved) and the words used."""

    actor_id: int | None = None
    actor: str | None = None
    words: str


class StoryQuote(BaseModel):
    """A quote joined to an event, and why; `in_sentence` when its words are part of the event's sentence
    (shown once, as the sentence, with the speaker named)."""

    kind: str
    content: Span
    speaker: str | None = None
    reason: str
    in_sentence: bool = False


class Version(BaseModel):
    """One event as one article tells it."""

    article_id: str
    source: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    idx: int
    type: str
    date: str | None = None
    place: str | None = None
    sentence: Span
    who: Named | None = None
    whom: Named | None = None
    actors: list[Named] = Field(default_factory=list)
    figures: dict[str, Count] = Field(default_factory=dict)
    quotes: list[StoryQuote] = Field(default_factory=list)
    joined_to: dict[str, Any] | None = None
    because: list[str] = Field(default_factory=list)


class FigureClaim(BaseModel):
    """One version's figure: its outlet and article, the figure with its qualifier, and its sentence."""

    article_id: str
    source: str | None = None
    value: int | None
    qualifier: str
    text: str
    sentence: Span


class Disagreement(BaseModel):
    """Figures of one kind that the versions of a story state differently ("12 killed" against "at least 15")."""

    kind: str
    about: str
    figures: list[FigureClaim]


class Story(BaseModel):
    """Events of several articles about one happening, every version side by side."""

    id: int
    first_date: str
    last_date: str
    articles: int
    outlets: list[str]
    types: list[str]
    versions: list[Version]
    conflicts: list[Disagreement] = Field(default_factory=list)


class ActorSummary(BaseModel):
    """An actor across the corpus and the names articles gave it, most used first."""

    id: int
    name: str
    type: str | None = None
    country: str | None = None
    articles: int
    names: list[str] = Field(default_factory=list)
    labels_by_outlet: dict[str, dict[str, int]] = Field(default_factory=dict)


class ActorArticle(BaseModel):
    article_id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None


class ActorQuote(ActorArticle):
    kind: str
    content: str
    cue: str | None = None
    speaker: str | None = None


class ActorEvent(ActorArticle):
    idx: int
    story_id: int | None = None
    role: str
    type: str
    date: str | None = None
    place: str | None = None
    evidence: str


class ActorDetail(ActorSummary):
    """One actor: the keys that find it, the names and labels each outlet used, its articles, quotes and events."""

    keys: list[str] = Field(default_factory=list)
    names_by_outlet: dict[str, dict[str, int]] = Field(default_factory=dict)
    article_list: list[ActorArticle] = Field(default_factory=list)
    quotes: list[ActorQuote] = Field(default_factory=list)
    events: list[ActorEvent] = Field(default_factory=list)


UNKNOWN = "(no source)"


def _named(actor: Actor | None, actor_id: int | None, names: dict[int, str]) -> Named | None:
    """An event's source or target as the article named it."""
    if actor is None or not (actor.text or actor.name):
        return None
    return Named(actor_id=actor_id, actor=names.get(actor_id) if actor_id else None, words=actor.text or actor.name)


def _version(row: dict[str, Any], analysis: Analysis | None, names: dict[int, str], entity_actors: dict[str, int],
             quote_rows: list[dict[str, Any]]) -> Version:
    """One story event as its article tells it."""
    sentence = Span(start=row["evidence_start"] or 0, end=row["evidence_end"] or 0, text=row["evidence"] or "")
    version = Version(
        article_id=row["article_id"], source=row["source"], title=row["title"], published=row["published"],
        url=row["url"], idx=row["idx"], type=row["type"], date=row["date"], place=row["place"], sentence=sentence,
        quotes=[StoryQuote(kind=q["kind"], speaker=q["speaker_name"] or q["speaker"], reason=q["reason"],
                           content=Span(start=q["content_start"], end=q["content_end"], text=q["content"]),
                           in_sentence=sentence.start <= q["content_start"] and q["content_end"] <= sentence.end)
                for q in quote_rows],
    )
    reason = row["reason"] or {}
    version.joined_to, version.because = reason.get("joined"), reason.get("because", [])
    if analysis is None or row["idx"] >= len(analysis.events):
        return version
    event = analysis.events[row["idx"]]
    version.who = _named(event.source, row["source_actor_id"], names)
    version.whom = _named(event.target, row["target_actor_id"], names)
    version.figures = {k: getattr(event, k) for k in EVENT_FIGURES if getattr(event, k) is not None}
    for entity in analysis.entities:
        inside = [m.text for m in entity.mentions + entity.labels
                  if sentence.start <= m.start and m.end <= sentence.end and naming(m.text)]
        if inside:
            actor_id = entity_actors.get(entity.id)
            version.actors.append(Named(actor_id=actor_id, actor=names.get(actor_id), words="; ".join(dict.fromkeys(inside))))
    return version


def _quotes_once(versions: list[Version]) -> None:
    """Each quote in one version only: a quote joined to two events of one article stays with the first."""
    seen: set[tuple[str, int, int]] = set()
    for v in versions:
        keys = [(v.article_id, q.content.start, q.content.end) for q in v.quotes]
        v.quotes = [q for q, key in zip(v.quotes, keys) if key not in seen]
        seen.update(keys)


def by_article(versions: list[Version]) -> list[list[Version]]:
    """The versions of a story gathered per article, articles in the story's order: one column each."""
    columns: dict[str, list[Version]] = {}
    for v in versions:
        columns.setdefault(v.article_id, []).append(v)
    return list(columns.values())


def disagreements(versions: list[Version]) -> list[Disagreement]:
    """Per kind of figure, the versions' figures when they disagree (`events.conflicts.disagree`)."""
    out = []
    for kind, about in EVENT_FIGURES.items():
        claims = [FigureClaim(article_id=v.article_id, source=v.source, value=v.figures[kind].value,
                              qualifier=v.figures[kind].qualifier, text=v.figures[kind].text, sentence=v.sentence)
                  for v in versions if kind in v.figures]
        if disagree(v.figures[kind] for v in versions if kind in v.figures):
            out.append(Disagreement(kind=kind, about=about, figures=claims))
    return out


def build_stories(store: Store, story_rows: list[dict[str, Any]]) -> list[Story]:
    """Stories with their versions and disagreements, from their rows (one query for all their events)."""
    events = queries.story_event_rows(store, [s["id"] for s in story_rows])
    quote_rows = queries.event_quote_rows(store, [(e["article_id"], e["idx"]) for e in events])
    quotes_of: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for q in quote_rows:
        quotes_of.setdefault((q["article_id"], q["event_idx"]), []).append(q)
    actor_ids = [a for e in events for a in (e["actor_ids"] or [])]
    actor_ids += [e[k] for e in events for k in ("source_actor_id", "target_actor_id") if e[k]]
    names = {i: r["name"] for i, r in queries.actor_rows(store, actor_ids).items()}
    analyses = {aid: store.load(aid) for aid in dict.fromkeys(e["article_id"] for e in events)}
    entity_actors = {aid: queries.entity_actors(store, aid) for aid in analyses}
    out = []
    for s in story_rows:
        mine = [e for e in events if e["story_id"] == s["id"]]
        versions = [_version(e, analyses[e["article_id"]], names, entity_actors[e["article_id"]],
                             quotes_of.get((e["article_id"], e["idx"]), [])) for e in mine]
        _quotes_once(versions)
        out.append(Story(
            id=s["id"], first_date=s["first_date"], last_date=s["last_date"], articles=s["articles"],
            outlets=list(dict.fromkeys(v.source or UNKNOWN for v in versions)),
            types=list(dict.fromkeys(v.type for v in versions)), versions=versions,
            conflicts=disagreements(versions),
        ))
    return out


def story(store: Store, story_id: int) -> Story | None:
    """One story, or None when there is none of that id."""
    row = queries.story(store, story_id)
    return build_stories(store, [row])[0] if row else None


def stories(store: Store, min_articles: int = 2, limit: int = 50, offset: int = 0) -> list[Story]:
    """A page of stories told by at least `min_articles` articles, newest first."""
    return build_stories(store, queries.story_page(store, min_articles, limit, offset))


def all_stories(store: Store, min_articles: int = 2, page: int = 100) -> Iterator[Story]:
    """Every story told by at least `min_articles` articles, a page at a time."""
    offset = 0
    while batch := stories(store, min_articles, page, offset):
        yield from batch
        offset += page


def actor_summaries(store: Store, limit: int = 100, offset: int = 0) -> list[ActorSummary]:
    """A page of actors, most articles first, each with the names articles gave it."""
    rows = queries.actor_page(store, limit, offset)
    ids = [r["id"] for r in rows]
    used: dict[int, list[str]] = {}
    for actor_id, name, _n in queries.actor_names(store, ids):  # most used first
        used.setdefault(actor_id, []).append(name)
    labels: dict[int, dict[str, Counter[str]]] = {}
    for actor_id, outlet, labelled in queries.actor_labels(store, ids):
        _count_labels(labels.setdefault(actor_id, {}), outlet, labelled)
    return [ActorSummary(**r, names=used.get(r["id"], []), labels_by_outlet=_by_outlet(labels.get(r["id"], {})))
            for r in rows]


def _count_labels(labels: dict[str, Counter[str]], outlet: str | None, spans: list[dict] | None) -> None:
    """Count each label of one article once, under its outlet."""
    for label in dict.fromkeys(" ".join(m["text"].split()) for m in spans or []):
        labels.setdefault(outlet or UNKNOWN, Counter())[label] += 1


def _by_outlet(counts: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    """Counts per outlet as plain dicts, outlets in order, most used first."""
    return {o: dict(c.most_common()) for o, c in sorted(counts.items())}


def all_actors(store: Store, page: int = 500) -> Iterator[ActorSummary]:
    """Every actor, most articles first, a page at a time."""
    offset = 0
    while batch := actor_summaries(store, page, offset):
        yield from batch
        offset += page


def actor_detail(store: Store, actor_id: int) -> ActorDetail | None:
    """One actor with the names and labels each outlet used, its articles, quotes and events; None if unknown."""
    row = queries.actor(store, actor_id)
    if row is None:
        return None
    names: dict[str, Counter[str]] = {}
    labels: dict[str, Counter[str]] = {}
    arts = []
    for e in queries.actor_entities(store, actor_id):
        outlet = e["source"] or UNKNOWN
        words = [e["name"]] + [m["text"] for m in e["mentions"] or [] if naming(m["text"])]
        for w in dict.fromkeys(" ".join(w.split()) for w in words):
            names.setdefault(outlet, Counter())[w] += 1
        _count_labels(labels, outlet, e["labels"])
        arts.append(ActorArticle(**{k: e[k] for k in ("article_id", "title", "source", "published", "url")}))
    used = Counter(n for per in names.values() for n in per.elements())
    events = [
        ActorEvent(**{k: v for k, v in ev.items() if k not in ("source_actor_id", "target_actor_id")},
                   role="source" if ev["source_actor_id"] == actor_id else "target")
        for ev in queries.actor_events(store, actor_id)
    ]
    return ActorDetail(
        **{k: row[k] for k in ("id", "name", "type", "country", "articles", "keys")},
        names=[n for n, _ in used.most_common()],
        names_by_outlet=_by_outlet(names),
        labels_by_outlet=_by_outlet(labels),
        article_list=arts,
        quotes=[ActorQuote(**q) for q in queries.actor_quotes(store, actor_id)],
        events=events,
    )
