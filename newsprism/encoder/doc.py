"""The encoder's pass kept on a spaCy `Doc` (`doc._.encoding`), so every head of the article reads one pass."""

from __future__ import annotations

from spacy.tokens import Doc

from newsprism.doctext import text_of
from newsprism.encoder.run import Encoding, SharedEncoder

if not Doc.has_extension("encoding"):
    Doc.set_extension("encoding", default=None)


def encoding_of(doc: Doc, encoder: SharedEncoder) -> Encoding:
    """The doc's encoding, made by `encoder` on first use and kept on the doc."""
    if doc._.encoding is None:
        doc._.encoding = encoder.encode(text_of(doc))
    return doc._.encoding
