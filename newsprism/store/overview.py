"""What a database holds, for a newcomer: the most quoted speakers, the most frequent actors and the labels
used for them, events by type, framing techniques and conflicting figures (`newsprism summary`)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import JSON, cast, func, select

from newsprism.store.db import Store
from newsprism.store.tables import actors, articles, entities, events, figure_conflicts, framing, quotes

LABELS_READ = 500  # label lists read per actor, enough for its most used labels


def overview(store: Store, top: int = 5) -> dict[str, Any]:
    """Counts per table and the `top` of each list; every query is an aggregate but for the actors' labels.
    Actors are the corpus's (`newsprism actors`, the Actors page): "US" and "United States" are one actor,
    named as the corpus names it, its articles and mentions summed over every name it went by."""
    n = func.count()
    speaker = func.coalesce(quotes.c.speaker_name, quotes.c.speaker)
    with store.engine.connect() as conn:
        speakers = conn.execute(
            select(speaker, n).where(speaker.is_not(None)).group_by(speaker).order_by(n.desc(), speaker).limit(top)
        ).all()
        articles_per_actor = func.count(func.distinct(entities.c.article_id))
        mentions = func.sum(_array_length(store, entities.c.mentions))
        top_actors = conn.execute(
            select(actors.c.id, actors.c.name, actors.c.type, articles_per_actor, mentions)
            .select_from(entities.join(actors, actors.c.id == entities.c.actor_id))
            .group_by(actors.c.id, actors.c.name, actors.c.type)
            .order_by(articles_per_actor.desc(), mentions.desc(), actors.c.name, actors.c.id)
            .limit(top)
        ).all()
        labels = {
            ident: _top_labels(conn.execute(
                select(entities.c.labels).where(entities.c.actor_id == ident).limit(LABELS_READ)
            ).scalars())
            for ident, _, _, _, _ in top_actors
        }
        event_types = conn.execute(
            select(events.c.type, n).group_by(events.c.type).order_by(n.desc(), events.c.type)
        ).all()
        techniques = conn.execute(
            select(framing.c.technique, n).group_by(framing.c.technique).order_by(n.desc(), framing.c.technique).limit(top)
        ).all()
        conflicts = conn.execute(
            select(articles.c.title, articles.c.id, figure_conflicts.c.about, figure_conflicts.c.figures)
            .join(articles, articles.c.id == figure_conflicts.c.article_id)
            .order_by(figure_conflicts.c.article_id, figure_conflicts.c.idx)
            .limit(top)
        ).all()
    return {
        "counts": {name: store.count(name) for name in ("articles", "quotes", "entities", "events", "framing")},
        "speakers": [(name, k) for name, k in speakers],
        "actors": [(name, kind, k, int(m or 0), labels[ident]) for ident, name, kind, k, m in top_actors],
        "events": [(kind, k) for kind, k in event_types],
        "framing": [(technique, k) for technique, k in techniques],
        "conflicts": [
            (title or ident, about, [f.get("text", "") for f in _json(figures)]) for title, ident, about, figures in conflicts
        ],
    }


def _array_length(store: Store, column: Any) -> Any:
    """The length of a JSON list kept as text, in SQL, for SQLite and PostgreSQL alike."""
    if store.engine.dialect.name == "postgresql":
        return func.json_array_length(cast(column, JSON))
    return func.json_array_length(column)


def _json(value: Any) -> list:
    """A JSON column's value as a list, whether the driver decoded it or not."""
    return json.loads(value) if isinstance(value, str) else (value or [])


def _top_labels(lists: Any, most: int = 3) -> list[str]:
    """The labels used most often across an actor's rows (each a JSON list of spans)."""
    counts: Counter[str] = Counter()
    for spans in lists:
        counts.update(span["text"] for span in _json(spans) if span.get("text"))
    return [text for text, _ in counts.most_common(most)]
