"""The encoder's pass kept on a spaCy `Doc` (`doc._.encoding`), so every head of the article reads one pass."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc

from newsprism.doctext import text_of
from newsprism.encoder.run import Encoding, SharedEncoder, token_states

for _name in ("encoding", "token_states"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def encoding_of(doc: Doc, encoder: SharedEncoder) -> Encoding:
    """The doc's encoding, made by `encoder` on first use and kept on the doc."""
    if doc._.encoding is None:
        doc._.encoding = encoder.encode(text_of(doc))
    return doc._.encoding


def token_states_of(doc: Doc, encoder: SharedEncoder) -> np.ndarray:
    """(len(doc), 384) float32: each token's mean wordpiece state (`newsprism.encoder.run.token_states`) from
    the doc's one pass, made on first use and kept on the doc, as the framing span head and the attribution
    tagger both read them (a whitespace token has no wordpiece: zeros)."""
    if doc._.token_states is None:
        starts = np.fromiter((t.idx for t in doc), dtype=np.int64, count=len(doc))
        ends = np.fromiter((t.idx + len(t.text) for t in doc), dtype=np.int64, count=len(doc))
        doc._.token_states = token_states(encoding_of(doc, encoder), starts, ends)
    return doc._.token_states
