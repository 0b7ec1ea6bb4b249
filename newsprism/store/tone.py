"""Tone towards actors across the stored articles: counts and mean polarity per actor, and per outlet or
month of publication, in the author's voice, in quotes, or both (the `tone` rows joined to their actor)."""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import and_, case, func, select

from newsprism.store.db import Store
from newsprism.store.tables import actors, articles, entities, tone

UNKNOWN_SOURCE = "(no source)"
By = Literal["actor", "source", "month"]
VoiceFilter = Literal["author", "quote", "all"]


def tone_summary(store: Store, by: By = "actor", voice: VoiceFilter = "author", actor: str | None = None,
                 limit: int = 500) -> list[dict[str, Any]]:
    """Rows {actor_id, actor, [source | month], mentions, negative, neutral, positive, mean}: per actor
    (`by="actor"`), per actor and outlet (`"source"`) or per actor and month (`"month"`); mentions in
    `voice` only; most mentions first. An actor not linked across articles goes by its name in the article."""
    name = func.coalesce(actors.c.name, entities.c.name)
    keys = [entities.c.actor_id.label("actor_id"), name.label("actor")]
    if by == "source":
        keys.append(func.coalesce(articles.c.source, UNKNOWN_SOURCE).label("source"))
    elif by == "month":
        keys.append(func.substr(articles.c.published, 1, 7).label("month"))
    n = func.count().label("mentions")
    query = (
        select(*keys, n,
               func.sum(case((tone.c.polarity == -1, 1), else_=0)).label("negative"),
               func.sum(case((tone.c.polarity == 0, 1), else_=0)).label("neutral"),
               func.sum(case((tone.c.polarity == 1, 1), else_=0)).label("positive"),
               func.avg(tone.c.polarity).label("mean"))
        .select_from(
            tone.join(articles, articles.c.id == tone.c.article_id)
            .join(entities, and_(entities.c.article_id == tone.c.article_id, entities.c.entity_id == tone.c.entity_id))
            .outerjoin(actors, actors.c.id == entities.c.actor_id))
        .group_by(*keys)
        .order_by(n.desc(), name)
        .limit(limit)
    )
    if voice != "all":
        query = query.where(tone.c.voice == voice)
    if actor:
        query = query.where(name == actor)
    if by == "month":
        query = query.where(articles.c.published.is_not(None))
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for r in rows:
        r["mean"] = round(float(r["mean"]), 3)
        for k in ("negative", "neutral", "positive"):
            r[k] = int(r[k])
    return rows
