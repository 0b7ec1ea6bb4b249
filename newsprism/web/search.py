"""Finding articles for the pages and the API: words (full text) and filters by source, date, actor, speaker
and technique. The queries and the full-text index belong to the store (`newsprism.store.queries`, schema
revision 0006); this module names them as the web uses them."""

from __future__ import annotations

from newsprism.store.queries import MAX_WORDS, ArticlePage, ArticleQuery, search_articles, search_choices

Query = ArticleQuery  # words and filters, as the search form and `GET /api/articles` take them
Page = ArticlePage  # one page of matches and their total
search = search_articles  # (store, Query) -> Page: best matches first with words, else newest first
choices = search_choices  # (store) -> {"sources": [...], "techniques": [...]}, for the filter menus

__all__ = ["MAX_WORDS", "Page", "Query", "choices", "search"]
