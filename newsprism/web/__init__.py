"""The web pages and REST API of newsprism (`newsprism serve`): FastAPI over a store."""

from newsprism.web.app import create_app

__all__ = ["create_app"]
