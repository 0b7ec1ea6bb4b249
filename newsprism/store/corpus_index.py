"""The corpus view kept current in the database as articles are stored, inside the same transaction.

For a batch of new analyses `link` does three things, reading from the database only what it needs:
1. actors: every entity's keys (`corpus.actors`) are looked up in `actor_keys` (one indexed query per
   500 keys); a state or place joins the actor its key names, else a new one is made; a person or an
   organisation re-resolves its group (the stored entities of the actors its keys name, transitively) from
   all their evidence at once, so that merges, surname joins and countries do not depend on the order the
   articles came in; `entities.actor_id` points to the result;
2. stories: each event (with a date) is compared with the events already stored within the story window
   whose types are compatible (one indexed range query on `story_events.date` per event) and joins the
   story of the best match (`corpus.stories.match`), with the reasons stored; else it opens a story;
3. quotes: the quotes of the article joined to its events (`corpus.quotes`).

Cost per new article with E entities, V events and Q quotes: O(E) key look-ups plus the stored entities of
the people and organisations it names (a much-named person costs as many rows as it has mentions in
articles; states and places cost nothing more), O(V * (log N + W)) for the
stories, where N is the number of stored events and W those of compatible type within the window, and
O(V * Q) for quotes. Nothing already stored is recomputed and no other analysis is loaded, so ingesting
one more article does not redo the corpus and memory holds one batch, whatever the size of the database.
The writer lock the store takes makes the new ids (max + 1) safe.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, or_, select, update

from newsprism.corpus.actors import ActorKeys, actor_keys, describe, resolve, takes_name
from newsprism.corpus.quotes import event_quotes
from newsprism.corpus.stories import DEFAULT_STORY_DAYS, EntityActors, Signature, compatible_types, match, shift, signature
from newsprism.schema import Analysis, Entity, Event, Span
from newsprism.store.tables import actor_keys as keys_table
from newsprism.store.tables import actors, articles, entities, event_quotes as quotes_table, stories, story_events

_CHUNK = 500  # values per IN (...) query
_LINK_BATCH = 100  # stored articles linked at a time by `link_stored`

def link(conn: Connection, analyses: list[Analysis], story_days: int = DEFAULT_STORY_DAYS) -> None:
    """Give the entities of these newly stored analyses their actors, their events stories, their quotes
    events (see the module docstring for the order and the cost)."""
    if not analyses:
        return
    found = assign_actors(conn, analyses)
    grouper = StoryGrouper(conn, story_days)
    links = []
    for analysis in analyses:
        for i, event in enumerate(analysis.events):
            grouper.add(analysis, i, event, found)
        aid = analysis.article.id
        links += [{"article_id": aid, "event_idx": e, "quote_idx": q, "reason": why}
                  for e, q, why in event_quotes(analysis)]
    grouper.flush()
    if links:
        conn.execute(insert(quotes_table), links)


def _known_keys(conn: Connection, keys: Iterable[str]) -> dict[str, set[int]]:
    """The actors each of these keys names already."""
    wanted = sorted(set(keys))
    known: dict[str, set[int]] = {}
    for i in range(0, len(wanted), _CHUNK):
        query = select(keys_table.c.key, keys_table.c.actor_id).where(keys_table.c.key.in_(wanted[i : i + _CHUNK]))
        for key, actor in conn.execute(query):
            known.setdefault(key, set()).add(actor)
    return known


def assign_actors(conn: Connection, analyses: list[Analysis]) -> EntityActors:
    """Find or make the actor of every entity of the batch and set `entities.actor_id`; returns the actor of
    each (article, entity) of the batch. A state or place joins the actor its key names (its name and
    country follow from the key, whatever the order). A person or organisation re-resolves its group:
    the stored entities of every actor its keys name, and theirs in turn, are partitioned again with the
    new ones from all their evidence (`corpus.actors.resolve`, `describe`), so merges ('U.N.' and 'United
    Nations (UN)'), surname joins and an actor's country are the same whatever the order of ingest."""
    wanted: dict[tuple[str, str], ActorKeys] = {}
    for analysis in analyses:
        for entity in analysis.entities:
            keys = actor_keys(entity, analysis.article.text)
            if keys is not None:
                wanted.setdefault((analysis.article.id, entity.id), keys)
    found: EntityActors = {}
    fixed = {node: keys for node, keys in wanted.items() if keys.fixed}
    if fixed:
        found.update(_assign_fixed(conn, fixed))
    group, old = _group(conn, {node: keys for node, keys in wanted.items() if not keys.fixed})
    if group:
        found.update({node: actor for node, actor in _resolve_group(conn, group, old).items() if node in wanted})
    per_article = Counter(actor for _aid, actor in {(aid, actor) for (aid, _), actor in found.items()})
    fixed_ids = {found[node] for node in fixed}
    grown = [{"a_id": a, "a_n": n} for a, n in per_article.items() if a in fixed_ids]
    if grown:
        conn.execute(
            update(actors).where(actors.c.id == bindparam("a_id")).values(articles=actors.c.articles + bindparam("a_n")),
            grown,
        )
    _point(conn, {node: found[node] for node in fixed})
    return found


def _point(conn: Connection, found: EntityActors) -> None:
    """Sets `entities.actor_id` of these entities."""
    if found:
        conn.execute(
            update(entities)
            .where(entities.c.article_id == bindparam("e_article"), entities.c.entity_id == bindparam("e_entity"))
            .values(actor_id=bindparam("e_actor")),
            [{"e_article": aid, "e_entity": eid, "e_actor": actor} for (aid, eid), actor in found.items()],
        )


def _next_id(conn: Connection) -> int:
    return (conn.scalar(select(func.max(actors.c.id))) or 0) + 1


def _assign_fixed(conn: Connection, wanted: dict[tuple[str, str], ActorKeys]) -> EntityActors:
    """States and places: the actor holding the key, else a new one; its name as `corpus.actors.takes_name`
    chooses it."""
    known = _known_keys(conn, (keys.key for keys in wanted.values()))
    names = {a: n for a, n in conn.execute(select(actors.c.id, actors.c.name).where(
        actors.c.id.in_({a for ids in known.values() for a in ids})))} if known else {}
    next_id = _next_id(conn)
    new_actors: dict[int, dict] = {}
    new_keys: list[dict] = []
    renamed: dict[int, str] = {}
    found: EntityActors = {}
    for node, keys in wanted.items():
        if known.get(keys.key):
            actor = min(known[keys.key])
        else:
            actor, next_id = next_id, next_id + 1
            known[keys.key] = {actor}
            new_actors[actor] = {"id": actor, "name": keys.name, "type": keys.type, "country": keys.country, "articles": 0}
            new_keys.append({"key": keys.key, "actor_id": actor})
        current = new_actors[actor]["name"] if actor in new_actors else renamed.get(actor, names.get(actor, keys.name))
        if takes_name(keys, current):
            if actor in new_actors:
                new_actors[actor]["name"] = keys.name
            else:
                renamed[actor] = keys.name
        found[node] = actor
    if new_actors:
        conn.execute(insert(actors), list(new_actors.values()))
    if new_keys:
        conn.execute(insert(keys_table), new_keys)
    if renamed:
        conn.execute(update(actors).where(actors.c.id == bindparam("r_id")).values(name=bindparam("r_name")),
                     [{"r_id": a, "r_name": name} for a, name in renamed.items()])
    return found


def _group(conn: Connection, wanted: dict[tuple[str, str], ActorKeys]
           ) -> tuple[dict[tuple[str, str], ActorKeys], dict[tuple[str, str], int]]:
    """The new entities with every stored entity connected to them through a key (transitively), each with
    its keys; and the actor each stored one has now."""
    group = dict(wanted)
    old: dict[tuple[str, str], int] = {}
    asked: set[str] = set()
    seen: set[int] = set()
    pending = {k for keys in wanted.values() for k in _all_keys(keys)}
    while pending:
        asked |= pending
        known = _known_keys(conn, pending)
        fresh = {a for ids in known.values() for a in ids} - seen
        seen |= fresh
        pending = set()
        for aid, eid, name, type_, country, source, mentions, actor, text in _stored_entities(conn, fresh):
            keys = actor_keys(Entity(id=eid, name=name, type=type_, country=country, country_source=source,
                                     mentions=[Span(**m) for m in mentions or []]), text)
            if keys is None or keys.fixed:
                continue
            group.setdefault((aid, eid), keys)
            old[(aid, eid)] = actor
            pending |= set(_all_keys(keys)) - asked
    return group, old


def _all_keys(keys: ActorKeys) -> tuple[str, ...]:
    return (keys.key, *keys.aliases, *keys.asks, *keys.shares, *keys.adopts)


def _stored_entities(conn: Connection, actor_ids: set[int]) -> Iterator[tuple]:
    """(article id, entity id, name, type, country, country source, mentions, actor id, article text) of
    the stored entities of these actors."""
    wanted = sorted(actor_ids)
    for i in range(0, len(wanted), _CHUNK):
        query = (select(entities.c.article_id, entities.c.entity_id, entities.c.name, entities.c.type,
                        entities.c.country, entities.c.country_source, entities.c.mentions, entities.c.actor_id,
                        articles.c.text)
                 .join(articles, articles.c.id == entities.c.article_id)
                 .where(entities.c.actor_id.in_(wanted[i : i + _CHUNK])))
        yield from conn.execute(query)


def _resolve_group(conn: Connection, group: dict[tuple[str, str], ActorKeys],
                   old: dict[tuple[str, str], int]) -> EntityActors:
    """Partitions the group into actors (`resolve`), keeps each part the smallest old actor id it holds
    that no earlier part took (else a new id), rewrites those actors, their keys and article counts, points
    the entities at them and the stories at the actors that replaced merged ones."""
    before = set(old.values())
    next_id = _next_id(conn)
    found: EntityActors = {}
    rows: list[dict] = []
    keys_rows: list[dict] = []
    for part in resolve(group):
        ids = sorted({old[n] for n in part if n in old} - {r["id"] for r in rows})
        actor = ids[0] if ids else next_id
        next_id += not ids
        name, type_, country = describe([group[n] for n in part])
        rows.append({"id": actor, "name": name, "type": type_, "country": country,
                     "articles": len({aid for aid, _ in part})})
        for key in sorted({k for n in part for k in (group[n].key, *group[n].aliases, *group[n].shares)}):
            keys_rows.append({"key": key, "actor_id": actor})
        found.update({n: actor for n in part})
    made = [r for r in rows if r["id"] not in before]
    if made:
        conn.execute(insert(actors), made)
    if before:
        conn.execute(delete(keys_table).where(keys_table.c.actor_id.in_(before)))
        conn.execute(update(entities).where(entities.c.actor_id.in_(before)).values(actor_id=None))
    _point(conn, found)
    gone = before - {r["id"] for r in rows}
    if gone:
        _repoint_stories(conn, {a: found[n] for n, a in old.items() if a in gone})
        conn.execute(delete(actors).where(actors.c.id.in_(gone)))
    kept = [r for r in rows if r["id"] in before]
    if kept:
        conn.execute(update(actors).where(actors.c.id == bindparam("k_id")).values(
            name=bindparam("k_name"), type=bindparam("k_type"), country=bindparam("k_country"),
            articles=bindparam("k_articles")),
            [{f"k_{k}": v for k, v in r.items()} for r in kept])
    conn.execute(insert(keys_table), keys_rows)
    return found


def _repoint_stories(conn: Connection, moved: dict[int, int]) -> None:
    """The stored events of stories that named an actor now merged into another name the one it joined."""
    se = story_events
    query = select(se.c.story_id, se.c.article_id, se.c.idx, se.c.source_actor_id, se.c.target_actor_id,
                   se.c.actor_ids).where(or_(se.c.source_actor_id.in_(moved), se.c.target_actor_id.in_(moved)))
    for r in list(conn.execute(query)):
        conn.execute(update(se).where(se.c.article_id == r.article_id, se.c.idx == r.idx).values(
            source_actor_id=moved.get(r.source_actor_id, r.source_actor_id),
            target_actor_id=moved.get(r.target_actor_id, r.target_actor_id),
            actor_ids=sorted({moved.get(a, a) for a in r.actor_ids or []})))


def _stored_signature(r: Mapping[str, Any]) -> tuple[int, str, int, Signature]:
    """(story id, article id, event index, signature) of a `story_events` row, stored or of this batch."""
    return r["story_id"], r["article_id"], r["idx"], Signature(
        type=r["type"], date=r["date"], place=r["place"], country=r["country"], actors=set(r["actor_ids"] or []),
        article=r["article_id"],
        principals={a for a in (r["source_actor_id"], r["target_actor_id"]) if a})


class StoryGrouper:
    """Groups the events of one batch into stories: each event is matched against the stored events of its
    window (one indexed query, compiled once) and against the batch's own events held here; the batch's
    rows and story changes are written by `flush` in three statements."""

    def __init__(self, conn: Connection, window: int) -> None:
        self.conn = conn
        self.window = window
        self.next_story = (conn.scalar(select(func.max(stories.c.id))) or 0) + 1
        self.rows: list[dict[str, Any]] = []  # this batch's story_events rows
        self.bounds: dict[int, list[str]] = {}  # story id -> [first date, last date], for stories the batch touched
        self.stored_articles: dict[int, int] = {}  # stored story id -> its articles before this batch
        self.members: set[tuple[int, str]] = set()  # (story id, article id) of this batch
        se = story_events
        self.query = (
            select(se.c.article_id, se.c.idx, se.c.story_id, se.c.date, se.c.type, se.c.place, se.c.country,
                   se.c.actor_ids, se.c.source_actor_id, se.c.target_actor_id, stories.c.first_date,
                   stories.c.last_date, stories.c.articles)
            .join(stories, stories.c.id == se.c.story_id)
            .where(se.c.date.between(bindparam("lo"), bindparam("hi")),
                   se.c.type.in_(bindparam("types", expanding=True)),
                   stories.c.first_date >= bindparam("lo"), stories.c.last_date <= bindparam("hi"))
            .order_by(se.c.story_id, se.c.article_id, se.c.idx)
        )

    def add(self, analysis: Analysis, idx: int, event: Event, found: EntityActors) -> None:
        """Place one event: in the story of its best match, else in a story of its own (undated: in none)."""
        aid = analysis.article.id
        sig = signature(analysis, event, found)
        actor_of = lambda a: found.get((aid, a.entity)) if a is not None and a.entity else None  # noqa: E731
        row = {
            "article_id": aid, "idx": idx, "story_id": None, "date": None, "type": event.type, "place": None,
            "country": None, "source_actor_id": actor_of(event.source), "target_actor_id": actor_of(event.target),
            "actor_ids": [], "reason": None,
        }
        if sig is not None:
            row.update(date=sig.date, place=sig.place, country=sig.country, actor_ids=sorted(sig.actors))
            best = self.best_match(sig)
            if best is None:
                story = self.next_story
                self.next_story += 1
                self.bounds[story] = [sig.date, sig.date]
            else:
                story, joined, reasons = best
                row["reason"] = {"joined": {"article_id": joined[0], "idx": joined[1]}, "because": reasons}
                first, last = self.bounds[story]
                self.bounds[story] = [min(first, sig.date), max(last, sig.date)]
            row["story_id"] = story
            self.members.add((story, aid))
        self.rows.append(row)

    def candidates(self, sig: Signature) -> Iterator[tuple[int, str, int, Signature]]:
        """(story id, article id, event index, signature) of the stored and batch events `sig` may join:
        compatible type, within the window, in a story that would not outgrow twice the window."""
        lo, hi = shift(sig.date, -self.window), shift(sig.date, self.window)
        types = compatible_types(sig.type)
        params = {"lo": lo, "hi": hi, "types": sorted(types)}
        for r in self.conn.execute(self.query, params):
            self.bounds.setdefault(r.story_id, [r.first_date, r.last_date])
            self.stored_articles.setdefault(r.story_id, r.articles)
            yield _stored_signature(r._mapping)
        for r in self.rows:
            if r["story_id"] is not None and r["type"] in types and lo <= r["date"] <= hi:
                yield _stored_signature(r)

    def best_match(self, sig: Signature) -> tuple[int, tuple[str, int], list[str]] | None:
        """The story, event and reasons of the candidate with most in common with `sig`, or None."""
        lo, hi = shift(sig.date, -self.window), shift(sig.date, self.window)
        best = None
        for story, aid, idx, old in self.candidates(sig):
            first, last = self.bounds[story]
            if first < lo or last > hi:
                continue
            result = match(sig, old, self.window)
            if result is None:
                continue
            score = result[0] + ((story, sig.article) in self.members)  # where the article's other events went
            if best is None or score > best[0]:
                best = (score, story, (aid, idx), result[1])
        return None if best is None else best[1:]

    def flush(self) -> None:
        """Write the batch's stories and story events."""
        added = Counter(story for story, _aid in self.members)
        fresh = [{"id": story, "first_date": first, "last_date": last, "articles": added[story]}
                 for story, (first, last) in self.bounds.items() if story not in self.stored_articles]
        grown = [{"s_id": story, "s_first": first, "s_last": last,
                  "s_articles": self.stored_articles[story] + added[story]}
                 for story, (first, last) in self.bounds.items() if story in self.stored_articles and added[story]]
        if fresh:
            self.conn.execute(insert(stories), fresh)
        if grown:
            self.conn.execute(
                update(stories).where(stories.c.id == bindparam("s_id")).values(
                    first_date=bindparam("s_first"), last_date=bindparam("s_last"), articles=bindparam("s_articles")),
                grown,
            )
        if self.rows:
            self.conn.execute(insert(story_events), self.rows)


def _stored_batches(conn: Connection) -> Iterator[list[Analysis]]:
    """Every stored analysis, oldest ingest first, `_LINK_BATCH` at a time (ids first, then one batch loaded)."""
    ids = list(conn.scalars(select(articles.c.id).order_by(articles.c.ingested_at, articles.c.id)))
    for start in range(0, len(ids), _LINK_BATCH):
        chunk = ids[start : start + _LINK_BATCH]
        stored = dict(conn.execute(select(articles.c.id, articles.c.analysis).where(articles.c.id.in_(chunk))).all())
        yield [Analysis.model_validate_json(stored[i]) for i in chunk]


def regroup(conn: Connection, story_days: int) -> None:
    """Group every stored event into stories again with a window of `story_days` days, in ingest order as
    ingest would have; actors and quotes stay as they are. O(N (log N + W)) for N events, one batch of
    analyses in memory at a time."""
    conn.execute(delete(story_events))
    conn.execute(delete(stories))
    for batch in _stored_batches(conn):
        found: EntityActors = {}
        query = select(entities.c.article_id, entities.c.entity_id, entities.c.actor_id).where(
            entities.c.article_id.in_([a.article.id for a in batch]), entities.c.actor_id.is_not(None))
        for aid, eid, actor in conn.execute(query):
            found[(aid, eid)] = actor
        grouper = StoryGrouper(conn, story_days)
        for analysis in batch:
            for i, event in enumerate(analysis.events):
                grouper.add(analysis, i, event, found)
        grouper.flush()


def link_stored(conn: Connection, story_days: int = DEFAULT_STORY_DAYS) -> int:
    """Link every stored article, oldest ingest first, a batch at a time, as ingest would have (for a
    database made before the corpus view, when it is migrated); returns how many were linked."""
    linked = 0
    for batch in _stored_batches(conn):
        link(conn, batch, story_days)
        linked += len(batch)
    return linked
