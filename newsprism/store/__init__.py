"""The database: analyses stored in SQLite (a file path, the default) or PostgreSQL (a URL), and exported as tables."""

from newsprism.store.db import Store, StoreError
from newsprism.store.export import FORMATS, TABLES as EXPORT_TABLES, export
from newsprism.store.tables import DATA_TABLES, SCHEMA_VERSION

TABLES = tuple(DATA_TABLES)

__all__ = ["EXPORT_TABLES", "FORMATS", "SCHEMA_VERSION", "TABLES", "Store", "StoreError", "export"]
