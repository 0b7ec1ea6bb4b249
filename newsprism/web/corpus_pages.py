"""The corpus view's pages: stories (every outlet's version in a column, disagreeing figures highlighted)
and actors (the names and labels each outlet used, their quotes and events)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from newsprism.events.conflicts import EVENT_FIGURES
from newsprism.store import corpus_views as views
from newsprism.store import queries
from newsprism.web.pages import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
ACTOR_PAGE_SIZE = 100


def _pages(page: int, total: int, size: int) -> dict[str, object]:
    """The page numbers around `page` for the previous and next links."""
    last = max(1, -(-total // size))
    return {"page": page, "last": last, "prev": page - 1 if page > 1 else None, "next": page + 1 if page < last else None}


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    """Stories told by several articles, newest first, a page at a time."""
    store = request.app.state.store
    total = queries.count_stories(store)
    found = views.stories(store, 2, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render(request, "stories.html", stories=found, total=total, **_pages(page, total, PAGE_SIZE))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: Annotated[int, Path(ge=1, le=queries.MAX_INT)]) -> HTMLResponse:
    """One story: each version in a column, the figures that disagree highlighted, why events were joined."""
    story = views.story(request.app.state.store, story_id)
    if story is None:
        raise HTTPException(404, f"No story {story_id} is stored.")
    conflicting = {(c.kind, f.article_id, f.text) for c in story.conflicts for f in c.figures}
    return render(request, "story.html", story=story, columns=views.by_article(story.versions),
                  conflicting=conflicting, figures=EVENT_FIGURES)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    """Actors across articles, most articles first, with the names and labels each outlet used."""
    store = request.app.state.store
    total = queries.count_actors(store)
    found = views.actor_summaries(store, ACTOR_PAGE_SIZE, (page - 1) * ACTOR_PAGE_SIZE)
    return render(request, "actors.html", actors=found, total=total, **_pages(page, total, ACTOR_PAGE_SIZE))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: Annotated[int, Path(ge=1, le=queries.MAX_INT)]) -> HTMLResponse:
    """One actor: names and labels by outlet, articles, quotes and events."""
    actor = views.actor_detail(request.app.state.store, actor_id)
    if actor is None:
        raise HTTPException(404, f"No actor {actor_id} is stored.")
    return render(request, "actor.html", actor=actor)
