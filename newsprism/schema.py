"""The `Analysis` model: the one definition behind JSON output, the database rows, the API and the JSON Schema.

Every extracted field carries character offsets into `article.text`, so a reader can check it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Span(BaseModel):
    """A stretch of the article: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


class Count(BaseModel):
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


class Entity(BaseModel):
    """One actor per article: a person, group or place, with every mention and the labels the text used for it."""

    id: str
    name: str
    type: str
    country: str | None = None
    # where `country` came from: "name" (the name is a country, place or people), "text" (what the article
    # says of it: nationality, title, the place it belongs to), "article" (the article's own country, a default)
    country_source: Literal["name", "text", "article"] | None = None
    mentions: list[Span] = Field(default_factory=list)
    labels: list[Span] = Field(default_factory=list)


class Quote(BaseModel):
    """Who said what: the content, the cue (verb or phrase) and the speaker, resolved to an entity where possible."""

    kind: Literal["direct", "indirect", "mixed"]
    content: Span
    cue: Span | None = None
    speaker: Span | None = None
    speaker_entity: str | None = None
    speaker_name: str | None = None


class Actor(BaseModel):
    entity: str | None = None
    name: str | None = None
    country: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Location(BaseModel):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Event(BaseModel):
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


class Voice(BaseModel):
    """Whose words: the author's own, or a quote's, with the quote's speaker (resolved entity and name)."""

    kind: Literal["author", "quote"] = "author"
    speaker_entity: str | None = None
    speaker_name: str | None = None


class FramingSpan(BaseModel):
    technique: str
    start: int
    end: int
    text: str
    score: float
    voice: Voice = Field(default_factory=Voice)


class Tone(BaseModel):
    """The sentiment a sentence expresses towards one mention of an actor: -1 negative, 0 neutral,
    1 positive, with the classifier's probability, in whose voice the sentence (or mention) lies."""

    entity: str
    mention: Span
    polarity: Literal[-1, 0, 1]
    score: float
    voice: Voice = Field(default_factory=Voice)


class ActorTone(BaseModel):
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


class FigureConflict(BaseModel):
    about: str
    figures: list[Count]
    sentences: list[Span] = Field(default_factory=list)


class Analysis(BaseModel):
    """Everything newsprism found in one article."""

    article: ArticleMeta
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    framing: list[FramingSpan] = Field(default_factory=list)
    tone: list[Tone] = Field(default_factory=list)
    actor_tone: list[ActorTone] = Field(default_factory=list)
    figure_conflicts: list[FigureConflict] = Field(default_factory=list)
