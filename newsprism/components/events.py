"""The `newsprism_events` component: what happened to whom, when, where and how many, per sentence.

Order of work, each step reading the previous ones:
1. triggers: a sentence outside quotation marks with a PLOVER cue word (`events/cues.py`) holds an event;
   its type comes from the PLOVER classifier, its ACLED-style type from the CASE 2021 one;
2. actors: the trigger's subject (or passive agent) is the source, its object or "against" phrase the
   target, linked by character overlap to `doc._.entities` (spaCy's `doc.ents` without the actors);
3. place: a place named after a locative preposition, looked up offline; else the last place named;
4. date: a date in the sentence resolved against `doc._.published`, or "the first day of the protest"
   resolved against an earlier event; else, for a report without a date, the article's date;
5. counts: fatalities, injured, size of each event; every figure, events or not, feeds figure conflicts.
It writes `doc._.events` (list of `Event`) and `doc._.figure_conflicts` (list of `FigureConflict`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism.events import classifier, cues, dates, places
from newsprism.events.conflicts import Claim, find_conflicts
from newsprism.events.counts import SentenceCount, sentence_counts
from newsprism.schema import Actor, Count, Event, Location, Span as OutSpan

for _name in ("events", "figure_conflicts", "entities", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

LOCATIVE = {"in", "at", "near", "to", "into", "across", "outside", "inside", "around", "through", "on",
            "along", "throughout", "within", "from", "toward", "towards"}
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
CARRY_SENTENCES = 3
# PLOVER types whose events ACLED-style types describe; verbal events get none.
ACLED_LIKE = {"PROTEST", "ASSAULT", "FIGHT", "COERCE", "AGREE", "CONSULT", "RETREAT", "SANCTION"}  # how many sentences a place named earlier still holds for


@dataclass
class Mention:
    """A char span naming an actor, with the actor's id, name and country."""

    start: int
    end: int
    entity: str | None
    name: str
    country: str | None


def actor_mentions(doc: Doc) -> list[Mention]:
    """Every span of `doc._.entities` (mentions and labels), or spaCy's entities when the actors are absent."""
    if doc._.entities is None:
        return [Mention(e.start_char, e.end_char, None, e.text, None) for e in doc.ents
                if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")]
    out = []
    for ent in doc._.entities:
        for sp in list(ent.mentions) + list(ent.labels):
            out.append(Mention(sp.start, sp.end, ent.id, ent.name, ent.country))
    return out


def link_actor(phrase: Span | None, mentions: list[Mention]) -> Actor | None:
    """The actor named by `phrase`, linked to the mention it overlaps most; the text is the phrase used."""
    if phrase is None:
        return None
    best, best_overlap = None, 0
    for m in mentions:
        overlap = min(m.end, phrase.end_char) - max(m.start, phrase.start_char)
        if overlap > best_overlap:
            best, best_overlap = m, overlap
    return Actor(entity=best.entity if best else None, name=best.name if best else phrase.text,
                 country=best.country if best else None, text=phrase.text, start=phrase.start_char,
                 end=phrase.end_char)


def noun_phrase(head: Token) -> Span:
    """The noun phrase headed by `head`: its left modifiers and "of"/possessive parts, no clauses."""
    if head.dep_ == "poss":
        return head.doc[head.left_edge.i: head.i + 1]
    left = head.left_edge
    right = head
    for c in head.rights:
        if c.dep_ in ("prep",) and c.lower_ == "of" or c.dep_ in ("compound", "amod", "nummod", "appos"):
            right = c.right_edge
        else:
            break
    return head.doc[left.i: right.i + 1]


def subject_of(trigger: Token) -> Token | None:
    """The trigger's actor: a noun's possessor ("Iran's support"), the subject or passive agent of its verb,
    climbing through clauses that share it ("martyring 18"), else the noun right before the verb."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        poss = next((c for c in trigger.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        if trigger.head.i != trigger.i:
            trigger = trigger.head
    tok = trigger
    for _ in range(4):
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        if tok.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "dobj", "pobj") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    before = trigger.doc[trigger.i - 1] if trigger.i > trigger.sent.start else None
    return before if before is not None and before.pos_ in ("PROPN", "NOUN") else None


def object_of(trigger: Token) -> Token | None:
    """The trigger's target: an "against" phrase, else a non-numeric direct object, else an "on"/"with"/"for"
    phrase, looked for on the trigger and then on the verb it hangs from."""
    def pobj(tok: Token, preps: tuple[str, ...]) -> Token | None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                    return obj
        return None

    chain = [trigger, trigger.head] if trigger.head.i != trigger.i else [trigger]
    objects = [c for t in chain for c in t.children if c.dep_ == "dobj"]
    for tok in chain + objects:
        if (hit := pobj(tok, ("against",))) is not None:
            return hit
    for tok in chain:
        for c in tok.children:
            if tok.pos_ == "VERB" and c.dep_ in ("dobj", "nsubjpass") and c.pos_ != "NUM" and not c.like_num \
                    and not cues.token_cues(c):  # "faces criticism": the object is the event, not its target
                return c
        if (hit := pobj(tok, ("on", "with", "for", "at", "to"))) is not None:
            return hit
    return None


def sentence_place(sent: Span, skip: list[tuple[int, int]]) -> tuple[places.Place, Span] | None:
    """The first place named in `sent` after a locative preposition (also "to Gaza's border")."""
    for ent in sent.ents:
        if ent.label_ not in PLACE_LABELS or any(s < ent.end_char and ent.start_char < e for s, e in skip):
            continue
        head = ent.root
        if head.dep_ == "poss":
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE or head.dep_ in ("npadvmod",):
            place = places.lookup(ent.text)
            if place:
                return place, ent
    return None


def to_count(c: SentenceCount) -> Count:
    """A sentence's figure as a schema `Count`."""
    return Count(value=c.figure.value, qualifier=c.figure.qualifier, text=c.figure.text,
                 start=c.figure.start, end=c.figure.end)


def out_span(sent: Span) -> OutSpan:
    """The sentence as a schema `Span`, surrounding whitespace left out."""
    text = sent.text
    lead = len(text) - len(text.lstrip())
    return OutSpan(start=sent.start_char + lead, end=sent.start_char + len(text.rstrip()), text=text.strip())


class EventExtractor:
    """Runs the steps of the module docstring over one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mentions = actor_mentions(doc)
        self.quoted = [(m.start(), m.end()) for m in QUOTED.finditer(doc.text)]
        self.anchors: dict[str, str] = {}  # PLOVER type -> date of its first dated event

    def in_quote(self, tok: Token) -> bool:
        """True where `tok` lies between quotation marks: reported speech, not a reported event."""
        return any(s <= tok.idx < e for s, e in self.quoted)

    def triggers(self) -> list[tuple[Span, list]]:
        """(sentence, cues outside quotes) for each sentence that holds an event."""
        out = []
        for sent in self.doc.sents:
            found = [c for c in cues.sentence_cues(sent) if not self.in_quote(c[0])]
            found = [c for c in found if c[0].pos_ == "VERB" or c[2] <= 1 or c[0].dep_ == "dobj"
                     and c[0].head.lemma_.lower() in cues.LIGHT_VERBS]
            if found:
                out.append((sent, found))
        return out

    def event_date(self, sent: Span, trigger: Token, etype: str) -> tuple[str | None, str | None]:
        """(date, date_text) of the event in `sent`."""
        published = self.doc._.published
        future = any(c.lower_ in ("will", "'ll", "shall") for c in trigger.children)
        for ent in sent.ents:
            if ent.label_ == "DATE":
                d = dates.resolve_date(ent.text, published, future)
                if d:
                    return d.isoformat(), ent.text
        hit = dates.day_of(sent.text)
        if hit:
            n, noun = hit
            for kind in sorted(cues.word_types(noun)):
                if kind in self.anchors:
                    start = dates.to_date(self.anchors[kind])
                    m = dates.DAY_OF.search(sent.text)
                    return dates.resolve_day_of(n, start).isoformat(), m.group(0) if m else None
        if re.search(r"\b(prior to|before the)\b", sent.text, re.I) or any(
                c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children):
            return None, None
        return (published[:10] if published and dates.to_date(published) else None), None

    def run(self) -> tuple[list[Event], list]:
        doc = self.doc
        found = self.triggers()
        sents = [s for s, _ in found]
        try:
            types = classifier.load("plover").predict(sents)
        except classifier.ModelMissing:  # no trained model: the main cue word alone decides
            types = [min(classifier.top_cue_types(s) or {cs[0][1]}) for s, cs in found]
        try:
            acled = classifier.load("case2021").predict(sents)
        except classifier.ModelMissing:
            acled = [None] * len(sents)
        events, claims = [], []
        sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        named = {}  # sentence index -> (place, entity) named there
        for i, sent in enumerate(doc.sents):
            hit = sentence_place(sent, [])
            if hit:
                named[i] = hit
        event_at = {}
        for (sent, cs), etype, atype in zip(found, types, acled):
            trigger = next((tok for tok, t, d, intent in cs
                            if cues.resolve(t, intent, cues.is_negated(tok)) == etype), cs[0][0])
            noun = next((c for c in trigger.children if c.dep_ == "dobj" and etype in cues.token_cues(c)), None)
            trigger = noun if noun is not None else trigger  # "reaffirmed support": the noun carries it
            subj, obj = subject_of(trigger), object_of(trigger)
            source = link_actor(noun_phrase(subj), self.mentions) if subj is not None else None
            target = link_actor(noun_phrase(obj), self.mentions) if obj is not None else None
            skip = [(a.start, a.end) for a in (source, target) if a is not None and a.start is not None]
            idx = sent_index.get(sent.start, 0)
            hit = sentence_place(sent, skip) or next(
                (named[i] for i in range(idx - 1, idx - 1 - CARRY_SENTENCES, -1) if i in named), None)
            location = None
            if hit:
                place, ent = hit
                location = Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                                    text=ent.text, start=ent.start_char, end=ent.end_char)
            date, date_text = self.event_date(sent, trigger, etype)
            if date and date_text and etype not in self.anchors:
                self.anchors[etype] = date
            counts = {}
            for c in sentence_counts(sent):
                counts.setdefault(c.kind, to_count(c))
            events.append(Event(
                type=etype, mode=cues.MODES.get(trigger.lemma_.lower()),
                acled_type=atype if etype in ACLED_LIKE else None,
                source=source, target=target, location=location, date=date, date_text=date_text,
                fatalities=counts.get("fatalities"), injured=counts.get("injured"), size=counts.get("size"),
                evidence=out_span(sent)))
            event_at[sent.start] = events[-1]
        for sent in doc.sents:
            ev = event_at.get(sent.start)
            idx = sent_index[sent.start]
            for c in sentence_counts(sent):
                place = ev.location.name if ev and ev.location else None
                if place is None:
                    hit = sentence_place(sent, [])
                    place = hit[0].name if hit else None
                claims.append(Claim(c.kind, to_count(c), out_span(sent), ev.date if ev and ev.date_text else None,
                                    place, index=idx, noun=c.noun))
        return events, find_conflicts(claims)


@Language.factory("newsprism_events")
def make_events(nlp: Language, name: str) -> "Events":
    return Events()


class Events:
    """spaCy component wrapper around `EventExtractor`."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.events, doc._.figure_conflicts = EventExtractor(doc).run()
        return doc
