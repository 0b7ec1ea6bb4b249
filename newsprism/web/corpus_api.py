"""The corpus view in the REST API: stories across outlets, actors across articles and the events stored
(filtered by score), read-only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel

from newsprism.store import corpus_views as views
from newsprism.store import queries
from newsprism.store.tone import By, VoiceFilter, tone_summary

router = APIRouter(prefix="/api", tags=["corpus"])


class StoryList(BaseModel):
    """One page of stories (newest first) and how many there are in all."""

    total: int
    limit: int
    offset: int
    items: list[views.Story]


class ActorList(BaseModel):
    """One page of actors (most articles first) and how many there are in all."""

    total: int
    limit: int
    offset: int
    items: list[views.ActorSummary]


@router.get("/stories", response_model=StoryList, summary="List stories across outlets")
def list_stories(
    request: Request,
    min_articles: Annotated[int, Query(ge=1, le=1000, description="Stories told by at least this many articles.")] = 2,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=queries.MAX_INT)] = 0,
) -> StoryList:
    """Stories (events of several articles about one happening), each with every article's version, the
    figures that disagree and why its events were joined."""
    store = request.app.state.store
    return StoryList(total=queries.count_stories(store, min_articles), limit=limit, offset=offset,
                     items=views.stories(store, min_articles, limit, offset))


@router.get("/stories/{story_id}", response_model=views.Story, summary="Get one story")
def get_story(request: Request, story_id: Annotated[int, Path(ge=1, le=queries.MAX_INT)]) -> views.Story:
    """One story with every article's version side by side and the figures that disagree."""
    found = views.story(request.app.state.store, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    return found


class ToneRow(BaseModel):
    """Tone towards one actor (per outlet or month when asked): mentions judged, each polarity, the mean."""

    actor_id: int | None
    actor: str
    source: str | None = None
    month: str | None = None
    mentions: int
    negative: int
    neutral: int
    positive: int
    mean: float


@router.get("/tone", response_model=list[ToneRow], summary="Tone towards actors")
def list_tone(
    request: Request,
    by: Annotated[By, Query(description="actor, or actor and source (outlet), or actor and month")] = "actor",
    voice: Annotated[VoiceFilter, Query(description="author: the outlet's own words; quote: inside quotes; all")] = "author",
    actor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=2000)] = 500,
) -> list[ToneRow]:
    """Tone towards actors across articles (-1 negative .. 1 positive), most mentioned first."""
    return [ToneRow(**r) for r in tone_summary(request.app.state.store, by, voice, actor, limit)]


@router.get("/actors", response_model=ActorList, summary="List actors across articles")
def list_actors(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=queries.MAX_INT)] = 0,
) -> ActorList:
    """Actors across articles, most articles first, with the names and labels each outlet used."""
    store = request.app.state.store
    return ActorList(total=queries.count_actors(store), limit=limit, offset=offset,
                     items=views.actor_summaries(store, limit, offset))


@router.get("/actors/{actor_id}", response_model=views.ActorDetail, summary="Get one actor")
def get_actor(request: Request, actor_id: Annotated[int, Path(ge=1, le=queries.MAX_INT)]) -> views.ActorDetail:
    """One actor: its articles, the names and labels each outlet used, its quotes and its events."""
    found = views.actor_detail(request.app.state.store, actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id}")
    return found


@router.get("/events", response_model=list[dict[str, Any]], summary="List events, filtered by score")
def list_events(
    request: Request,
    min_score: Annotated[float, Query(ge=0.0, le=1.0, description="Events the detector scored at least this "
                                      "(a calibrated probability that the sentence reports an event).")] = 0.0,
    limit: Annotated[int, Query(ge=1, le=2000)] = 500,
) -> list[dict[str, Any]]:
    """The stored events scored at least `min_score`, oldest first, each with its article's title and source
    (events stored without a score always pass)."""
    return queries.event_list(request.app.state.store, limit, min_score)
