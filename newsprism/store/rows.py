"""Flattening an `Analysis` into table rows: the columns that event, quote and framing datasets use."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from newsprism.schema import Actor, Analysis, Count, Entity, Event, FigureConflict, FramingSpan, Quote, Span, Tone, Voice

Row = dict[str, Any]


def _voice(voice: Voice) -> Row:
    """`voice` (author or quote), `speaker_entity` and `speaker_name` columns."""
    return {"voice": voice.kind, "speaker_entity": voice.speaker_entity, "speaker_name": voice.speaker_name}


def _span(prefix: str, span: Span | None) -> Row:
    """`prefix`, `prefix_start`, `prefix_end` columns for an optional span."""
    return {
        prefix: span.text if span else None,
        f"{prefix}_start": span.start if span else None,
        f"{prefix}_end": span.end if span else None,
    }


def _count(prefix: str, count: Count | None) -> Row:
    """`prefix` (the value) and `prefix_qualifier` columns for an optional figure."""
    return {prefix: count.value if count else None, f"{prefix}_qualifier": count.qualifier if count else None}


def _actor(prefix: str, actor: Actor | None) -> Row:
    """`prefix_actor` (its name, else the words used) and `prefix_country` columns."""
    return {
        f"{prefix}_actor": (actor.name or actor.text) if actor else None,
        f"{prefix}_country": actor.country if actor else None,
    }


def _unique_entities(entities: list[Entity]) -> list[Entity]:
    """The first entity of each id: a repeated id would break the table's key and with it the whole batch."""
    seen: dict[str, Entity] = {}
    for e in entities:
        seen.setdefault(e.id, e)
    return list(seen.values())


def article_row(analysis: Analysis, ingested_at: str) -> Row:
    """The `articles` row: the article's metadata and text, with the full analysis JSON riding along."""
    art = analysis.article
    return {
        "id": art.id,
        "title": art.title,
        "published": art.published,
        "source": art.source,
        "url": art.url,
        "language": art.language,
        "text": art.text,
        "analysis": analysis.model_dump_json(),
        "ingested_at": ingested_at,
    }


def entity_row(aid: str, e: Entity) -> Row:
    """An `entities` row: the entity with its mentions and labels as lists of spans."""
    return {
        "article_id": aid,
        "entity_id": e.id,
        "name": e.name,
        "type": e.type,
        "country": e.country,
        "country_source": e.country_source,
        "mentions": [asdict(m) for m in e.mentions],
        "labels": [asdict(lab) for lab in e.labels],
    }


def quote_row(aid: str, i: int, q: Quote) -> Row:
    """A `quotes` row: content, cue and speaker spans, and the speaker's entity and name."""
    return {
        "article_id": aid,
        "idx": i,
        "kind": q.kind,
        **_span("content", q.content),
        **_span("cue", q.cue),
        **_span("speaker", q.speaker),
        "speaker_entity": q.speaker_entity,
        "speaker_name": q.speaker_name,
    }


def event_row(aid: str, i: int, ev: Event) -> Row:
    """An `events` row: type, date, who did it to whom, where, the figures and the evidence sentence."""
    return {
        "article_id": aid,
        "idx": i,
        "date": ev.date,
        "date_text": ev.date_text,
        "type": ev.type,
        "mode": ev.mode,
        "acled_type": ev.acled_type,
        **_actor("source", ev.source),
        **_actor("target", ev.target),
        "place": ev.location.name if ev.location else None,
        "country": ev.location.country if ev.location else None,
        "lat": ev.location.lat if ev.location else None,
        "lon": ev.location.lon if ev.location else None,
        **_count("fatalities", ev.fatalities),
        **_count("injured", ev.injured),
        "size": ev.size.value if ev.size else None,
        **_span("evidence", ev.evidence),
        "score": ev.score,
    }


def framing_row(aid: str, i: int, f: FramingSpan) -> Row:
    """A `framing` row: the technique, its span and score, and whose voice the span is in."""
    return {"article_id": aid, "idx": i, "technique": f.technique, "start": f.start,
            "end": f.end, "text": f.text, "score": f.score,
            **_voice(f.voice)}


def tone_row(aid: str, i: int, t: Tone) -> Row:
    """A `tone` row: the mention judged, its polarity and score, and whose voice the sentence is in."""
    return {"article_id": aid, "idx": i, "entity_id": t.entity, "mention_start": t.mention.start,
            "mention_end": t.mention.end, "mention_text": t.mention.text, "polarity": t.polarity, "score": t.score,
            **_voice(t.voice)}


def conflict_row(aid: str, i: int, c: FigureConflict) -> Row:
    """A `figure_conflicts` row: what the figures are about and the figures themselves."""
    return {"article_id": aid, "idx": i, "about": c.about, "figures": [asdict(f) for f in c.figures]}


def analysis_rows(analysis: Analysis, ingested_at: str) -> dict[str, list[Row]]:
    """Every row one analysis adds, by table name; the full analysis JSON rides along in `articles`."""
    aid = analysis.article.id
    return {
        "articles": [article_row(analysis, ingested_at)],
        "entities": [entity_row(aid, e) for e in _unique_entities(analysis.entities)],
        "quotes": [quote_row(aid, i, q) for i, q in enumerate(analysis.quotes)],
        "events": [event_row(aid, i, ev) for i, ev in enumerate(analysis.events)],
        "framing": [framing_row(aid, i, f) for i, f in enumerate(analysis.framing)],
        "tone": [tone_row(aid, i, t) for i, t in enumerate(analysis.tone)],
        "figure_conflicts": [conflict_row(aid, i, c) for i, c in enumerate(analysis.figure_conflicts)],
    }
