"""Figures in text: "almost 1,500", "more than a dozen", "dozens", "18", each with value, qualifier and span,
and what they count in their sentence: fatalities, injured, arrested, crowd or force size, or unspecified
victims; a sum of money or a rate ("25 a week") counts none of them.

A qualifier says how the figure bounds the truth: "exact", "about", "at least", "at most", "about, at most".
"more than N" is at least N+1 ("more than a dozen": at least 13); "dozens" is at least 24 (two dozen),
"hundreds" at least 200. Loaded verbs count as plain ones: "martyring 18" is 18 killed. The number words and
word lists are data: newsprism/lexicons/event_counts.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsprism import lexicons

# Number words, qualifiers and what a figure counts: newsprism/lexicons/event_counts.json.
UNITS: dict[str, int] = lexicons.table("event_counts", "units")
SCALES: dict[str, int] = lexicons.table("event_counts", "scales")
# Plural round words: at least two of the unit ("dozens" is at least 24).
VAGUE: dict[str, int | None] = lexicons.table("event_counts", "vague")
# Qualifier words before a figure -> (qualifier, offset added to the value).
QUALIFIERS: list[tuple[str, str, int]] = [tuple(q) for q in lexicons.load("event_counts")["qualifiers"]]

# The largest figure kept: beyond it a "figure" is noise (a run of digits, "a billion billion billion"), and it
# would not fit a database's 64-bit integer column; such a figure is dropped, the rest of the article analysed.
MAX_FIGURE = 10**15

_WORD = "|".join(sorted(list(UNITS) + list(SCALES), key=len, reverse=True))
_NUM = rf"\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s(?:{'|'.join(SCALES)}))?|(?:(?:{_WORD})(?:[\s-](?:and\s)?(?=\w)(?:{_WORD}))*)"
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
_QUAL = "|".join(q for q, _, _ in QUALIFIERS)
FIGURE = re.compile(rf"\b(?:(?P<qual>{_QUAL})\s+)?(?:(?P<vague>{_VAGUE})|(?P<num>{_NUM}))\b", re.IGNORECASE)


@dataclass
class Figure:
    """A figure found in text: value (None where the text gives none), qualifier and char span."""

    value: int | None
    qualifier: str
    text: str
    start: int
    end: int
    vague: bool = False  # a vague quantifier ("many", "dozens", "several"), never set against a number


def words_value(text: str) -> int | None:
    """The value of a number written in digits or words: "1,500", "1.5 million", "twenty-one", "a dozen";
    `None` when it is not a number or is over `MAX_FIGURE`."""
    value = _words_value(text)
    return value if value is None or value <= MAX_FIGURE else None


def _words_value(text: str) -> int | None:
    """`words_value` without the bound."""
    t = text.lower().replace(",", "").strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\w+))?", t)
    if m:
        scale = SCALES.get(m.group(2) or "", 1)
        if m.group(2) and m.group(2) not in SCALES or len(m.group(1).partition(".")[0]) > 16:
            return None  # an unknown scale word, or more digits than any figure has (float() would overflow)
        return int(round(float(m.group(1)) * scale))
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", t):
        if w == "and":
            continue
        if w in UNITS:
            current = current * UNITS[w] if w in ("dozen", "score") and current else current + UNITS[w]
            seen = True
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_figure(text: str) -> Figure | None:
    """The first figure in `text` with its qualifier: "almost 1,500" -> 1500, "about, at most"."""
    for f in find_figures(text):
        return f
    return None


def find_figures(text: str, offset: int = 0) -> list[Figure]:
    """Every figure in `text`, spans shifted by `offset`; lone "a"/"an"/"one" and years are not figures."""
    out = []
    for m in FIGURE.finditer(text):
        qual_text = (m.group("qual") or "").lower()
        if m.group("vague"):
            key = m.group("vague").lower()
            value, qualifier = VAGUE[key], "at least" if VAGUE[key] else "unspecified"
        else:
            raw = m.group("num")
            follower = text[m.end():m.end() + 4].lower()
            if raw.lower() in ("a", "an", "score") or raw.lower() == "one" and follower.startswith((" of", " an")) or re.fullmatch(r"(1[89]|20)\d\d", raw):
                continue
            value, qualifier = words_value(raw), "exact"
            if value is None:
                continue
        for pattern, q, shift in QUALIFIERS:
            if qual_text and re.fullmatch(pattern, qual_text):
                qualifier = q
                value = value + shift if value is not None and shift and not m.group("vague") else value
                break
        out.append(Figure(value, qualifier, m.group(0), offset + m.start(), offset + m.end(), bool(m.group("vague"))))
    return out


def is_vague(text: str) -> bool:
    """True where the figure written `text` ("many", "dozens", "more than a few") is a vague quantifier."""
    found = find_figures(text)
    return bool(found) and found[0].vague


KILLED = lexicons.words("event_counts", "killed")
INJURED = lexicons.words("event_counts", "injured")
VICTIM = lexicons.words("event_counts", "victim")
SIZE = lexicons.words("event_counts", "size")
MOVE = lexicons.words("event_counts", "move")
ARRESTED = lexicons.words("event_counts", "arrested")
MONEY = lexicons.words("event_counts", "money")
RATE = lexicons.words("event_counts", "rate")
PER = {"a", "an", "per", "every", "each"}


def is_money(sent: Span, toks: list[Token]) -> bool:
    """True where the figure of `toks` is a sum of money: a currency sign or word right before it, or a
    currency word (after "million"/"billion") right after it, or spaCy's MONEY entity on it."""
    doc = sent.doc
    first, last = toks[0], toks[-1]
    if any(t.ent_type_ == "MONEY" for t in toks) or any(ch in MONEY for ch in first.text[:1]):
        return True
    before = doc[first.i - 1] if first.i > sent.start else None
    if before is not None and (before.lower_ in MONEY or before.text[-1:] in MONEY):
        return True
    for t in doc[last.i + 1: min(sent.end, last.i + 3)]:
        if t.lower_ in SCALES:
            continue
        return t.lower_ in MONEY or t.lemma_.lower() in MONEY
    return False


def is_rate(sent: Span, toks: list[Token]) -> bool:
    """True where the figure is a rate ("25 a week", "three people per day"): not the count of one event."""
    doc = sent.doc
    after = doc[toks[-1].i + 1: min(sent.end, toks[-1].i + 5)]
    return any(a.lower_ in PER and b.lemma_.lower() in RATE for a, b in zip(after, after[1:]))


def figure_tokens(sent: Span, fig: Figure) -> list[Token]:
    """Tokens of `sent` inside the figure's span."""
    return [t for t in sent if t.idx >= fig.start and t.idx + len(t) <= fig.end]


def _lemmas(toks) -> set[str]:
    return {t.lemma_.lower() for t in toks} | {t.lower_ for t in toks}


def counted_noun(sent: Span, fig: Figure) -> str | None:
    """The lemma of the noun a figure counts: "100 snipers" -> "sniper", "thousands of students" -> "student"."""
    toks = figure_tokens(sent, fig)
    if not toks:
        return None
    last = toks[-1]
    if last.dep_ in ("nummod", "quantmod") and last.head.i > last.i and last.head.pos_ in ("NOUN", "PROPN"):
        return last.head.lemma_.lower()
    nxt = sent.doc[last.i + 1] if last.i + 1 < sent.end else None
    if nxt is not None and nxt.lower_ == "of":
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        return obj.lemma_.lower() if obj is not None else None
    return None


def count_kind(sent: Span, fig: Figure) -> str | None:
    """What a figure counts in its sentence: 'fatalities', 'injured', 'arrested', 'size', 'victims' or None
    (None also for a sum of money or a rate: "$25 million", "25 a week").

    The word the figure hangs from decides first ("martyring 18", "24 people were killed"), then the words
    right after it ("18 dead"), then the counted noun ("100 snipers"); a figure after "including" is a part
    of another figure and is left out.
    """
    toks = figure_tokens(sent, fig)
    if _counts_nothing(sent, toks):
        return None
    noun, gov, prep = _governed(sent, toks[-1])
    kind = _harm_by_governor(noun, gov) or _harm_by_words(sent, toks, noun)
    if kind is None and (prep == "against" or _lemmas([gov]) & VICTIM and noun.dep_ in ("dobj", "pobj")):
        kind = "victims"
    if kind is None and (_lemmas([noun]) & SIZE or noun.dep_ == "nsubj" and _lemmas([gov]) & MOVE):
        kind = "size"
    first = toks[0]
    prev = sent.doc[first.i - 1] if first.i > sent.start else None
    if kind in ("fatalities", "injured", "arrested", "victims") and prev is not None and prev.lower_ in ("including", "among"):
        return None
    return kind


def _counts_nothing(sent: Span, toks: list[Token]) -> bool:
    """True where the figure counts no people: no tokens, a date, time, sum, share, rank or measure, money
    or a rate."""
    if not toks or any(t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY") for t in toks):
        return True
    return is_money(sent, toks) or is_rate(sent, toks)


def _governed(sent: Span, last: Token) -> tuple[Token, Token, str]:
    """(the noun the figure counts, the word that noun hangs from, the preposition between them or ""): the
    figure's head noun when it modifies one, the object of a following "of" ("thousands of students")."""
    doc = sent.doc
    noun = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod") and last.head.i > last.i else last
    nxt = doc[last.i + 1] if last.i + 1 < sent.end else None
    if nxt is not None and nxt.lower_ == "of":
        noun = next((c for c in nxt.children if c.dep_ == "pobj"), noun)
    gov, prep = noun.head, ""
    if gov.dep_ == "prep" and gov.i != noun.i:
        prep, gov = gov.lower_, gov.head
    return noun, gov, prep


def _harm(lemmas: set[str]) -> str | None:
    """'fatalities', 'injured' or 'arrested' where the words say so (in that order), else None."""
    return ("fatalities" if lemmas & KILLED else "injured" if lemmas & INJURED else
            "arrested" if lemmas & ARRESTED else None)


def _harm_by_governor(noun: Token, gov: Token) -> str | None:
    """The harm the verb or noun the counted noun hangs from names ("martyring 18", "24 people were killed")."""
    if gov.i != noun.i and noun.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "pobj", "conj", "appos"):
        return _harm(_lemmas([gov]))
    return None


def _harm_by_words(sent: Span, toks: list[Token], noun: Token) -> str | None:
    """The harm the words right after the figure (up to punctuation or a conjunction) or the counted noun
    name ("18 dead"); else fatalities after "toll" just before it."""
    doc = sent.doc
    first, last = toks[0], toks[-1]
    after = []
    for t in doc[last.i + 1: min(sent.end, last.i + 4)]:
        if t.is_punct or t.pos_ == "CCONJ":
            break
        after.append(t)
    before = doc[max(sent.start, first.i - 5): first.i]
    return _harm(_lemmas(after) | _lemmas([noun])) or ("fatalities" if "toll" in _lemmas(before) else None)


@dataclass
class SentenceCount:
    """A figure with what it counts."""

    kind: str
    figure: Figure
    noun: str | None = None  # the counted noun's lemma ("sniper"), where one is named


def sentence_counts(sent: Span) -> list[SentenceCount]:
    """The figures of `sent` that count people killed, injured, harmed, arrested or present, in text order."""
    out = []
    for fig in find_figures(sent.text, sent.start_char):
        kind = count_kind(sent, fig)
        if kind:
            out.append(SentenceCount(kind, fig, counted_noun(sent, fig)))
    return out
