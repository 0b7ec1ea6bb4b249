"""The `Analysis` model: the one definition behind JSON output, the database rows, the API and the JSON Schema.

Every extracted field carries character offsets into `article.text`, so a reader can check it.

The records (`Span`, `Entity`, `Quote`, `Event`, `FramingSpan`, `Tone`, ...) are plain keyword-only
dataclasses: the spaCy components build them and leave them on the `Doc` (`doc._.entities`, ...) without
pydantic, and `pipeline.to_analysis` gathers them into the pydantic `Analysis`, which validates them (each
record checked and copied: `revalidate_instances`) and gives the JSON and its JSON Schema. Copy a record with
`dataclasses.replace`, turn it into a dict with `dataclasses.asdict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


@dataclass(kw_only=True)
class Span:
    """A stretch of the article: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(kw_only=True)
class Count:
    """A figure as the article states it: 'almost 1,500' is value 1500, qualifier 'about, at most'."""

    value: int | None
    qualifier: str = "exact"
    text: str
    start: int
    end: int


class ArticleMeta(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    text: str


@dataclass(kw_only=True)
class Entity:
    """One actor per article: a person, group or place, with every mention and the labels the text used for it."""

    id: str
    name: str
    type: str
    country: str | None = None
    # where `country` came from: "name" (the name is a country, place or people), "text" (what the article
    # says of it: nationality, title, the place it belongs to), "known" (a well-known actor of the project's
    # lexicon, newsprism/lexicons/known_actors.json), "article" (the article's own country, a default)
    country_source: Literal["name", "text", "known", "article"] | None = None
    mentions: list[Span] = field(default_factory=list)
    labels: list[Span] = field(default_factory=list)


@dataclass(kw_only=True)
class Quote:
    """Who said what: the content, the cue (verb or phrase) and the speaker, resolved to an entity where possible."""

    kind: Literal["direct", "indirect", "mixed"]
    content: Span
    cue: Span | None = None
    speaker: Span | None = None
    speaker_entity: str | None = None
    speaker_name: str | None = None


@dataclass(kw_only=True)
class Actor:
    entity: str | None = None
    name: str | None = None
    country: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(kw_only=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(kw_only=True)
class Event:
    type: str
    mode: str | None = None
    acled_type: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    location: Location | None = None
    date: str | None = None
    date_text: str | None = None
    fatalities: Count | None = None
    injured: Count | None = None
    size: Count | None = None
    evidence: Span
    score: float | None = None  # the detector's confidence that the sentence reports this event, 0..1


@dataclass(kw_only=True)
class Voice:
    """Whose words: the author's own, or a quote's, with the quote's speaker (resolved entity and name)."""

    kind: Literal["author", "quote"] = "author"
    speaker_entity: str | None = None
    speaker_name: str | None = None


@dataclass(kw_only=True)
class FramingSpan:
    technique: str
    start: int
    end: int
    text: str
    score: float
    voice: Voice = field(default_factory=Voice)


@dataclass(kw_only=True)
class Tone:
    """The sentiment a sentence expresses towards one mention of an actor: -1 negative, 0 neutral,
    1 positive, with the classifier's probability, in whose voice the sentence (or mention) lies."""

    entity: str
    mention: Span
    polarity: Literal[-1, 0, 1]
    score: float
    voice: Voice = field(default_factory=Voice)


@dataclass(kw_only=True)
class ActorTone:
    """An actor's tone over the article: mentions judged, how many of each polarity, their mean, and the
    same counted in the author's voice only."""

    entity: str
    name: str
    mentions: int
    negative: int
    neutral: int
    positive: int
    mean: float
    author_mean: float | None = None


@dataclass(kw_only=True)
class FigureConflict:
    about: str
    figures: list[Count]
    sentences: list[Span] = field(default_factory=list)


class Analysis(BaseModel):
    """Everything newsprism found in one article."""

    # the records come from the components as dataclasses built without checks: validate each one here
    model_config = ConfigDict(revalidate_instances="always")

    article: ArticleMeta
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    framing: list[FramingSpan] = Field(default_factory=list)
    tone: list[Tone] = Field(default_factory=list)
    actor_tone: list[ActorTone] = Field(default_factory=list)
    figure_conflicts: list[FigureConflict] = Field(default_factory=list)
