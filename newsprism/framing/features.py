"""Features of the framing model, shared by training and the component so that both see the same thing.

Span identification tags tokens B/I/O with a linear-chain CRF, one sequence per sentence; its token
features are spaCy's annotations, a small window, quotation state, and a lexicon of how often each word
(and word pair) lies inside a propaganda span in the training articles, also averaged over the sentence
and the article (learnt from train; cross-fitted while training).
Technique labelling describes a span by its words, shape, context, how often it recurs in the article, and
the sentiment strength of its words (VADER's lexicon).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files

import numpy as np
from spacy.tokens import Doc, Span

from newsprism import lexicons
from newsprism.doctext import text_of

# The quotation marks the CRF's features were trained with (newsprism/lexicons/quote_marks.json, "framing_crf"):
# double marks, and single marks that may also be apostrophes (only counted around a span).
QUOTE_CHARS = set(lexicons.load("quote_marks")["framing_crf"]["double"])
SINGLE_QUOTE_CHARS = "".join(lexicons.load("quote_marks")["framing_crf"]["single"])
_WS = re.compile(r"\s+")


def _bin(x: float, edges: tuple[float, ...]) -> int:
    """Index of the first edge above x (len(edges) when none); edges ascend."""
    return bisect_right(edges, x)


# Bins of the features (the models were trained with them: changing one needs retraining).
LEX_EDGES = (0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8)  # a word's in-span rate; the prior is about 0.13
DOC_LEX_EDGES = (0.8, 0.9, 1.0, 1.1, 1.2, 1.35, 1.5)  # the article's mean rate over the prior: 1 is usual
SENT_LEN_EDGES = (6, 12, 20, 30, 45)  # sentence length in tokens, fragments to long sentences
REPEAT_EDGES = (2, 4, 8)  # how often a token's lemma occurs in the article
SPAN_LEN_EDGES = (2, 3, 4, 6, 9, 14, 20, 30)  # span length in tokens, a word to a sentence
LEMMA_REPEAT_EDGES = (2, 3, 5, 8)  # how often a span's content lemmas occur in the article
TEMPLATE_CAP = 4  # spans of the same text in the article, counted up to this
REPEAT_CAP = 6  # occurrences of a span's text in the article, counted up to this
MIN_REPEAT_CHARS = 3  # a span text shorter than this is not counted in the article (it would match inside words)
SHORT_SPAN_TOKENS = 4  # a repeated span this short is a slogan or label ('rep.short')
VALENCE_MAX = 4.0  # VADER's valences run from -4 to 4


@lru_cache(maxsize=1)
def valences() -> dict[str, float]:
    """VADER's word -> sentiment valence (-4..4), the lexicon file shipped in the vaderSentiment package:
    strong words the training articles never used still count as emotionally loaded."""
    out = {}
    for line in (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                out[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return out


def valence(tok) -> float:
    """The VADER valence of a token's word or lemma (0 when it has none)."""
    lex = valences()
    return lex.get(tok.lower_, lex.get(tok.lemma_.lower(), 0.0))


def sentences(doc: Doc) -> Iterator[Span]:
    """The doc's sentences (parser or sentencizer; the whole doc when it has neither), cut again at line
    breaks, without space-only pieces."""
    for sent in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if any(not t.is_space for t in doc[start : tok.i]):
                    yield doc[start : tok.i]
                start = tok.i + 1
        if any(not t.is_space for t in doc[start : sent.end]):
            yield doc[start : sent.end]


def word_key(tok) -> str:
    """The lexicon key of a token: its lower-cased text."""
    return tok.lower_


def lexicon_value(lexicon: dict[str, float], key: str, prior: float) -> float:
    """The lexicon's in-span rate of a word, or the prior for an unseen one."""
    return lexicon.get(key, prior)


def in_quotes(sent: Span) -> list[bool]:
    """Per token of the sentence: whether it lies between an odd number of quotation marks."""
    out, inside = [], False
    for tok in sent:
        if tok.text in QUOTE_CHARS:
            inside = not inside
            out.append(False)
        else:
            out.append(inside)
    return out


def lexicon_keys(toks: list) -> list[str]:
    """The lexicon keys of a token sequence: each token's word, then each adjacent pair's 'a b'."""
    return [word_key(t) for t in toks] + [f"{word_key(a)} {word_key(b)}" for a, b in zip(toks, toks[1:])]


def doc_level(doc: Doc, lexicon: dict[str, float], prior: float) -> float:
    """The article's mean lexicon value over its content words: how propaganda-dense its wording is."""
    vals = [lexicon_value(lexicon, word_key(t), prior) for t in doc if t.is_alpha and not t.is_stop]
    return sum(vals) / max(1, len(vals))


def sentence_features(doc: Doc, lexicon: dict[str, float], prior: float, counts: Counter) -> list[tuple[list, list[dict]]]:
    """(tokens, CRF features per token) for each sentence (see `sentences`), space tokens left out.

    Each token's features are written straight in python-crfsuite's form (`crf_items` of the feature dict,
    key for key in the same order), from its attributes read once, since its neighbours read them too
    (`_Sentence`)."""
    doc_bin = _bin(doc_level(doc, lexicon, prior) / max(prior, 1e-6), DOC_LEX_EDGES)
    seqs = []
    for sent in sentences(doc):
        toks = [t for t in sent if not t.is_space]
        sentence = _Sentence(doc, sent, toks, lexicon, prior, counts, doc_bin)
        seqs.append((toks, [sentence.token(i) for i in range(len(toks))]))
    return seqs


class _Sentence:
    """One sentence's tokens with what their features read, each read once: lower case, part of speech,
    lexicon value and bin, the lexicon value of each adjacent pair, whether in quotation marks, and the
    features every token of the sentence shares (`common`)."""

    def __init__(self, doc: Doc, sent, toks: list, lexicon: dict[str, float], prior: float, counts: Counter,
                 doc_bin: int) -> None:
        self.toks, self.counts, self.n = toks, counts, len(toks)
        self.quoted = dict(zip([t.i for t in sent], in_quotes(sent)))
        self.lex = [lexicon_value(lexicon, word_key(t), prior) for t in toks]
        self.pair = [lexicon_value(lexicon, k, -1.0) for k in lexicon_keys(toks)[len(toks):]]
        self.lower = [t.lower_ for t in toks]
        self.pos = [t.pos_ for t in toks]
        self.lex_bin = [_bin(v, LEX_EDGES) for v in self.lex]
        self.common = self.shared(doc, sent, lexicon, prior, doc_bin)

    def shared(self, doc: Doc, sent, lexicon: dict[str, float], prior: float, doc_bin: int) -> dict[str, float]:
        """The sentence's own features (length, lexicon mean and max, marks, first sentence) and the article's."""
        words = [t for t in self.toks if t.is_alpha]
        mean_lex = sum(lexicon_value(lexicon, word_key(t), prior) for t in words) / max(1, len(words))
        max_lex = max((lexicon_value(lexicon, word_key(t), prior) for t in words if not t.is_stop), default=0.0)
        sent_text = sent.text
        return crf_items({
            "s.len": _bin(self.n, SENT_LEN_EDGES),
            "s.mean": _bin(mean_lex, LEX_EDGES),
            "s.max": _bin(max_lex, LEX_EDGES),
            "s.excl": "!" in sent_text,
            "s.ques": "?" in sent_text,
            "s.quote": any(c in QUOTE_CHARS for c in sent_text),
            "s.first": sent.start == 0 or all(t.is_space for t in doc[: sent.start]),
            "d.lex": doc_bin,
        })

    def token(self, i: int) -> dict[str, float]:
        """Token i's features: its own, the sentence's, then its neighbours'."""
        out = self.own(i)
        out.update(self.common)
        self.neighbours(out, i)
        return out

    def own(self, i: int) -> dict[str, float]:
        """What the token itself is: word, lemma, tags, shape, case, entity, quotation marks, lexicon value,
        repeats in the article, its head, and whether it opens or closes the sentence."""
        tok, lower = self.toks[i], self.lower
        lemma = tok.lemma_.lower()
        head = tok.head
        out = {
            "bias": 1.0,
            "w=" + lower[i]: 1.0,
            "lemma=" + lemma: 1.0,
            "pos=" + self.pos[i]: 1.0,
            "tag=" + tok.tag_: 1.0,
            "dep=" + tok.dep_: 1.0,
            "shape=" + tok.shape_[:4]: 1.0,
            "suf3=" + lower[i][-3:]: 1.0,
        }
        if tok.is_title:
            out["title"] = 1.0
        if tok.is_upper and len(tok) > 1:
            out["upper"] = 1.0
        if tok.is_punct:
            out["punct"] = 1.0
        is_stop = tok.is_stop
        if is_stop:
            out["stop"] = 1.0
        out["ent=" + (tok.ent_type_ or "-")] = 1.0
        if self.quoted.get(tok.i, False):
            out["quoted"] = 1.0
        out[f"lex={self.lex_bin[i]}"] = 1.0
        _put(out, "lexv", self.lex[i])
        out[f"rep={_bin(self.counts[lemma], REPEAT_EDGES) if tok.is_alpha and not is_stop else 0}"] = 1.0
        out["head.pos=" + head.pos_] = 1.0
        out[f"dep.head={tok.dep_}>{head.lemma_.lower()}"] = 1.0
        if i == 0:
            out["first"] = 1.0
        if i == self.n - 1:
            out["last"] = 1.0
        return out

    def neighbours(self, out: dict[str, float], i: int) -> None:
        """The words, tags and lexicon bins two tokens either side, and the word pairs with the next and
        previous token (with the pair's lexicon bin where the lexicon knows the pair)."""
        lower, n, pair = self.lower, self.n, self.pair
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                out[f"{d}.w={lower[j]}"] = 1.0
                out[f"{d}.pos={self.pos[j]}"] = 1.0
                out[f"{d}.lex={self.lex_bin[j]}"] = 1.0
            else:
                out[f"{d}.w=<pad>"] = 1.0
        if i > 0:
            out[f"-1.w|w={lower[i - 1]}|{lower[i]}"] = 1.0
            if pair[i - 1] >= 0:
                out[f"-1.pair={_bin(pair[i - 1], LEX_EDGES)}"] = 1.0
        if i + 1 < n:
            out[f"w|+1.w={lower[i]}|{lower[i + 1]}"] = 1.0
            if pair[i] >= 0:
                out[f"+1.pair={_bin(pair[i], LEX_EDGES)}"] = 1.0


def _put(out: dict[str, float], k: str, v: object) -> None:
    """One feature in python-crfsuite's form, as `crf_items` writes it."""
    if isinstance(v, bool):
        if v:
            out[k] = 1.0
    elif isinstance(v, float):
        out[k] = v
    else:
        out[f"{k}={v}"] = 1.0


def crf_items(f: dict) -> dict[str, float]:
    """A feature dict in python-crfsuite's form: categorical values folded into the name, numbers kept."""
    out: dict[str, float] = {}
    for k, v in f.items():
        _put(out, k, v)
    return out


def lemma_counts(doc: Doc) -> Counter:
    """How often each lower-cased lemma occurs in the doc."""
    return Counter(t.lemma_.lower() for t in doc if not t.is_space)


def norm_text(s: str) -> str:
    """Lower-cased text with runs of white space as one space, for counting repeats."""
    return _WS.sub(" ", s.lower()).strip(" \"“”'‘’.,")


def span_features(doc: Doc, spans: list[tuple[int, int]]) -> list[dict[str, float]]:
    """Features of each character span [start, end) of `doc` for technique labelling; the list as a whole
    is the task's input, so how often a span's text recurs in it, and nesting, are features too."""
    text = text_of(doc)
    norm_doc = _WS.sub(" ", text.lower())
    keys = [norm_text(text[s:e]) for s, e in spans]
    key_counts = Counter(keys)
    counts = lemma_counts(doc)
    out = []
    for (s, e), key in zip(spans, keys):
        f = _one_span(doc, s, e, key, norm_doc, counts)
        f[f"tmpl={min(key_counts[key], TEMPLATE_CAP)}"] = 1.0
        if any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in spans):
            f["nested"] = 1.0
        if any(s <= s2 and e2 <= e and (s2, e2) != (s, e) for s2, e2 in spans):
            f["contains"] = 1.0
        out.append(f)
    return out


def _one_span(doc: Doc, start: int, end: int, key: str, norm_doc: str, counts: Counter) -> dict[str, float]:
    """Features of one span from its words, shape, sentence and repeats in the article (in this order)."""
    text = text_of(doc)
    span = doc.char_span(start, end, alignment_mode="expand")
    toks = [t for t in span if not t.is_space] if span is not None else []
    f: dict[str, float] = {"bias": 1.0}
    _span_repeats(f, toks, key, norm_doc, counts)
    _span_valence(f, [t for t in toks if t.is_alpha])
    _span_words(f, toks, span)
    _span_marks(f, toks, text, start, end)
    if toks:
        _span_sentence(f, doc, toks, text, start)
    f["pos.doc"] = start / max(1, len(text))
    return f


def _span_repeats(f: dict[str, float], toks: list, key: str, norm_doc: str, counts: Counter) -> None:
    """Length, how often the span's text recurs in the article, and how often its content lemmas do."""
    n = len(toks)
    f[f"len={_bin(n, SPAN_LEN_EDGES)}"] = 1.0
    f["loglen"] = min(4.0, (1 + n) ** 0.5 / 2)
    reps = norm_doc.count(key) if len(key) >= MIN_REPEAT_CHARS else 1
    f[f"rep={min(reps, REPEAT_CAP)}"] = 1.0
    if reps > 1:
        f["rep>1"] = 1.0
        f["rep.short"] = 1.0 if n <= SHORT_SPAN_TOKENS else 0.0
    content = [counts[t.lemma_.lower()] for t in toks if t.is_alpha and not t.is_stop]
    if content:
        f[f"lrep.max={_bin(max(content), LEMMA_REPEAT_EDGES)}"] = 1.0
        f[f"lrep.min={_bin(min(content), LEMMA_REPEAT_EDGES)}"] = 1.0


def _span_valence(f: dict[str, float], words: list) -> None:
    """The strongest valence of the span's words and the shares of negative and positive ones."""
    vals = [valence(t) for t in words]
    if vals:
        f["val.max"] = max(abs(v) for v in vals) / VALENCE_MAX
        f["val.neg"] = sum(v < 0 for v in vals) / len(vals)
        f["val.pos"] = sum(v > 0 for v in vals) / len(vals)


def _span_words(f: dict[str, float], toks: list, span) -> None:
    """The span's words, lemmas, parts of speech, telling tags, entities and word pairs, its first and last
    word, and its syntactic root."""
    n = len(toks)
    for t in toks:
        f[f"w={t.lower_}"] = f.get(f"w={t.lower_}", 0.0) + 1.0
        f[f"l={t.lemma_.lower()}"] = 1.0
        f[f"p={t.pos_}"] = f.get(f"p={t.pos_}", 0.0) + 1.0 / max(1, n)
        if t.tag_ in ("JJS", "RBS", "JJR", "RBR", "CD", "MD", "WP", "WRB"):
            f[f"tag={t.tag_}"] = 1.0
        if t.ent_type_:
            f[f"ent={t.ent_type_}"] = 1.0
    for a, b in zip(toks, toks[1:]):
        f[f"bi={a.lower_}|{b.lower_}"] = 1.0
    if toks:
        f[f"first={toks[0].lower_}"] = 1.0
        f[f"last={toks[-1].lower_}"] = 1.0
        f[f"fpos={toks[0].pos_}"] = 1.0
        f[f"lpos={toks[-1].pos_}"] = 1.0
        f[f"rootdep={span.root.dep_}"] = 1.0
        f[f"rootpos={span.root.pos_}"] = 1.0
        f[f"rootpos|len={span.root.pos_}|{min(n, 4)}"] = 1.0


def _span_marks(f: dict[str, float], toks: list, text: str, start: int, end: int) -> None:
    """Capitals, exclamation and question marks, and quotation marks around or inside the span."""
    words = [t for t in toks if t.is_alpha]
    raw = text[start:end]
    if words and all(t.is_upper for t in words):
        f["allcaps"] = 1.0
    if words and all(t.is_title for t in words):
        f["alltitle"] = 1.0
    for ch, name in (("!", "excl"), ("?", "ques")):
        if ch in raw:
            f[name] = 1.0
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    if (any(c in QUOTE_CHARS or c in SINGLE_QUOTE_CHARS for c in before)
            and any(c in QUOTE_CHARS or c in SINGLE_QUOTE_CHARS for c in after)):
        f["quoted"] = 1.0
    if any(c in QUOTE_CHARS for c in raw):
        f["has.quote"] = 1.0


def _span_sentence(f: dict[str, float], doc: Doc, toks: list, text: str, start: int) -> None:
    """How much of its sentence the span covers, whether it is in the title, the sentence's other content
    lemmas, and the words two tokens either side."""
    n = len(toks)
    sent = toks[0].sent
    sent_toks = [t for t in sent if not t.is_space]
    ratio = n / max(1, len(sent_toks))
    f[f"cover={_bin(ratio, (0.2, 0.4, 0.7, 0.95))}"] = 1.0
    if "\n" not in text[:start]:
        f["title"] = 1.0
    inside = {t.i for t in toks}
    for t in sent_toks:
        if t.i not in inside and t.is_alpha and not t.is_stop:
            f[f"c={t.lemma_.lower()}"] = 1.0
    for d in (1, 2):
        j = toks[0].i - d
        if j >= 0:
            f[f"b{d}={doc[j].lower_}"] = 1.0
        j = toks[-1].i + d
        if j < len(doc):
            f[f"a{d}={doc[j].lower_}"] = 1.0


ENCODER_DIM = 384


def encoder_span_vectors(text: str, encoding, spans: list[tuple[int, int]]) -> np.ndarray:
    """The shared encoder's view of each character span [start, end) of `text` for technique labelling, from
    the pass already made over the article (`newsprism.encoder.run.Encoding`): the mean and the maximum of
    the last layer's states over the span's wordpieces, their mean over its line (PTC: one sentence a line),
    and two length features; (spans, 3 x 384 + 2)."""
    out = np.zeros((len(spans), 3 * ENCODER_DIM + 2), dtype=np.float32)
    offsets = encoding.offsets
    for k, (s, e) in enumerate(spans):
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line_end = len(text) if line_end < 0 else line_end
        sel = (offsets[:, 0] < e) & (offsets[:, 1] > s)
        if sel.any():
            h = encoding.hidden[sel].astype(np.float32)
            out[k, :ENCODER_DIM], out[k, ENCODER_DIM : 2 * ENCODER_DIM] = h.mean(0), h.max(0)
        sel = (offsets[:, 0] < line_end) & (offsets[:, 1] > line_start)
        if sel.any():
            out[k, 2 * ENCODER_DIM : 3 * ENCODER_DIM] = encoding.hidden[sel].astype(np.float32).mean(0)
        out[k, -2:] = np.log1p(e - s) / 5, text[s:e].count(" ") / 10
    return out
