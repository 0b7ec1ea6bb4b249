"""`text_of(doc)`: a Doc's text, joined once per Doc and kept while the Doc lives.

spaCy's `Doc.text` joins every token's text anew on each call (a walk over the whole doc), and the
components ask for it per entity, per quote and per framing span; this keeps the one string per Doc.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.tokens import Doc

_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once for this Doc (a Doc's text never changes: retokenizing keeps it)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text
