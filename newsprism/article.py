"""The `Article` that every reader yields and the pipeline consumes: text plus its metadata."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from newsprism.codepoints import clean, describe


MAX_ID = 500  # characters; a longer id (a feed's long link, say) is stored as its hash: every database can index it


def text_id(text: str) -> str:
    """A stable id for an article without one: the first 16 hex digits of the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One news article as read from its source; `text` is exactly what offsets point into."""

    text: str
    id: str = ""
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    origin: str = ""  # where it was read from, PATH or PATH:LINE, for messages
    notes: list[str] = field(default_factory=list, compare=False)  # what was repaired on the way in, for messages

    def __post_init__(self) -> None:
        """Replace characters no output can hold (see `newsprism.codepoints`), noting it; give an id when none."""
        for name in ("text", "id", "title", "source", "url", "published"):
            value = getattr(self, name)
            if isinstance(value, str):
                value, count = clean(value)
                if count:
                    setattr(self, name, value)
                    self.notes.append(describe(count, name))
        if not self.id:
            self.id = text_id(self.text)
        self.id = str(self.id)
        if len(self.id) > MAX_ID:
            self.notes.append(f"id of {len(self.id):,} characters (the most is {MAX_ID}) replaced by its hash")
            self.id = text_id(self.id)


@dataclass
class Refusal:
    """An input that could not be read as an article, named with the reason, so a batch can go on."""

    origin: str
    reason: str
