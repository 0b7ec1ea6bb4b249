"""Cue words of each PLOVER event type, written from the PLOVER manual and the CAMEO-to-PLOVER mapping.

A cue is a lemma ("threaten") or a lemma pair joined by a space ("hunger strike", "open fire"). Which cue
governs a sentence is decided by its place in the parse: the cue nearest the root is the main event, a cue
under "will", "would", "vow" or "offer" is an intention (AGREE for cooperation, THREATEN for conflict).
`cue_features` turns that into sparse features for the classifiers in `classifier.py`. The word lists
themselves are data: newsprism/lexicons/event_cues.json.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsprism import lexicons

PLOVER_TYPES = list(lexicons.load("event_cues")["plover_types"])

# Cue words of each PLOVER type: newsprism/lexicons/event_cues.json ("plover").
CUES: dict[str, frozenset[str]] = lexicons.word_sets("event_cues", "plover")

# Cue words of the CASE 2021 / ACLED-style types, matched on lemmas anywhere in a snippet.
ACLED_CUES: dict[str, frozenset[str]] = lexicons.word_sets("event_cues", "acled")

# Verbs that pass their event to their object: "imposed sanctions" is SANCTION, "staged a protest" PROTEST.
LIGHT_VERBS = lexicons.words("event_cues", "light_verbs")

# Cues that turn a conflict cue into a stated intention, and the types that count as cooperation.
INTENT_WORDS = lexicons.words("event_cues", "intent_words")
COOPERATIVE = lexicons.words("event_cues", "cooperative")
CONFLICTUAL = lexicons.words("event_cues", "conflictual")

_SINGLE: dict[str, set[str]] = {}
_PAIRS: dict[tuple[str, str], set[str]] = {}
for _type, _words in CUES.items():
    for _w in _words:
        _parts = _w.split()
        if len(_parts) == 1:
            _SINGLE.setdefault(_w, set()).add(_type)
        else:
            _PAIRS.setdefault((_parts[0], _parts[1]), set()).add(_type)


def word_types(word: str) -> set[str]:
    """PLOVER types a single word names, plural "s" allowed: "demonstrations" -> {'PROTEST'}."""
    word = word.lower()
    return set(_SINGLE.get(word, ())) | set(_SINGLE.get(word[:-1], ()) if word.endswith("s") else ())


def depth(tok: Token) -> int:
    """Number of arcs from `tok` up to its sentence's root."""
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def is_negated(tok: Token) -> bool:
    """True where the cue word is negated ("did not accept")."""
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "neg" for c in tok.head.children
                                                               if tok.dep_ in ("xcomp", "acomp"))


def has_intent(tok: Token) -> bool:
    """True where `tok` is stated as an intention: "will boycott", "vowed to fight", "ready to meet"."""
    if any(c.lower_ in INTENT_WORDS for c in tok.children if c.dep_ in ("aux", "auxpass")):
        return True
    return tok.dep_ in ("xcomp", "acomp") and tok.head.lemma_.lower() in INTENT_WORDS


def token_cues(tok: Token) -> set[str]:
    """The PLOVER types that `tok` is a cue of, alone or with its next word or a child ("open fire")."""
    lemma = tok.lemma_.lower()
    types = set(_SINGLE.get(lemma, ()))
    partners = [c.lemma_.lower() for c in tok.children]
    if tok.i + 1 < len(tok.doc):
        partners.append(tok.doc[tok.i + 1].lemma_.lower())
    for p in partners:
        types |= _PAIRS.get((lemma, p), set())
    return types


def sentence_cues(sent: Span) -> list[tuple[Token, str, int, bool]]:
    """Every (token, type, depth, intention) cue in `sent`, nearest the root first."""
    out = []
    for tok in sent:
        if tok.is_stop and tok.lemma_.lower() not in _SINGLE or tok.pos_ in ("PROPN", "NUM", "PUNCT"):
            continue
        for t in token_cues(tok):
            out.append((tok, t, depth(tok), has_intent(tok)))
    out.sort(key=lambda c: (c[2], c[0].i))
    if out and out[0][0].lemma_.lower() in LIGHT_VERBS:
        light = out[0][0]
        carried = [(tok, t, out[0][2], intent or has_intent(light)) for tok, t, d, intent in out
                   if tok.dep_ == "dobj" and tok.head.i == light.i]
        if carried:
            out = carried + [c for c in out if c[0].i != light.i and c not in carried]
    return out


def resolve(cue_type: str, intent: bool, negated: bool) -> str:
    """The type a cue stands for once intention and negation are read: "will boycott" is THREATEN."""
    if negated and cue_type in ("AGREE", "CONCEDE", "SUPPORT", "COOPERATE", "AID"):
        return "REJECT"
    if intent and cue_type in CONFLICTUAL - {"REJECT"}:
        return "THREATEN"
    if intent and cue_type in COOPERATIVE - {"AGREE", "CONSULT"}:
        return "AGREE"
    return cue_type


def acled_features(lemmas: list[str]) -> dict[str, float]:
    """Sparse features for a snippet: how many cue words of each ACLED-style type its lemmas hold."""
    feats: dict[str, float] = {}
    for lemma in set(lemmas):
        for t, words in ACLED_CUES.items():
            if lemma in words:
                feats[f"acled={t}"] = feats.get(f"acled={t}", 0.0) + 1.0
    return feats


def cue_features(sent: Span) -> dict[str, float]:
    """Sparse features for a sentence: each cue type, weighted by nearness to the root, and the top cue."""
    feats: dict[str, float] = {}
    cues = sentence_cues(sent)
    for tok, t, d, intent in cues:
        r = resolve(t, intent, is_negated(tok))
        key = f"cue={r}"
        feats[key] = max(feats.get(key, 0.0), 1.0 / (1 + d))
        if tok.pos_ == "VERB":
            feats[f"vcue={r}"] = max(feats.get(f"vcue={r}", 0.0), 1.0 / (1 + d))
    if cues:
        dmin = cues[0][2]
        for tok, t, d, intent in cues:
            if d == dmin:
                feats[f"top={resolve(t, intent, is_negated(tok))}"] = 1.0
    return feats


# PLOVER modes named by a cue word (the GSR's mode names), for the types that have modes.
MODES = lexicons.table("event_cues", "modes")
