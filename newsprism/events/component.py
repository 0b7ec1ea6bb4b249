"""The `newsprism_events` component: what happened to whom, when, where and how many, per sentence.

Order of work, each step reading the previous ones:
1. detection: each sentence is scored by the learned event detector the model record names as default
   (`events/detector.py`, linear, or `events/encoded.py`, heads over the shared encoder: does it report
   that an identifiable actor did one of the PLOVER actions?), its score a probability calibrated on the
   tuning part; a sentence scoring at least the minimum (the `min_score` setting, else the threshold
   chosen on the tuning part) holds an event, typed by the detector's typer; its ACLED-style type comes
   from the CASE 2021 classifier, only for the PLOVER types ACLED codes and only among the ACLED types that
   fit it, by the rules of `events/harm.py` (harmful subtypes only on explicit words, the coarse type in
   doubt); a sentence whose event predicate enters, ends or suspends a run for office ("ended his bid for
   the Senate", "ended his re-election bid": `campaign_step`, the guide's rule 3), and an accident typed
   FIGHT or ASSAULT (a crash with no word of deliberate violence, the guide's rule 10), are no event, for
   detection (score 0) as for type (`no_event`);
2. actors: the trigger's subject (or passive agent) is the source, its object or "against" phrase the
   target, linked by character overlap to `doc._.entities` (spaCy's `doc.ents` without the actors); a
   relative pronoun stands for the noun it refers to, and an expletive "it", a determiner or other non-noun
   is no actor (the source then stays empty, as PLOVER codes "Two men were killed");
3. place: a place named after a locative preposition in the sentence, else (for a material event) any
   known place the sentence names outside its actors, else one named in its paragraph, else in one of the
   three sentences before where that one reports an event of the same kind (material or verbal), else
   the article's dateline ("GAZA CITY (Reuters) -"); each resolved to coordinates where the gazetteer
   knows the town;
4. date: a date in the sentence resolved against `doc._.published`, or "the first day of the protest"
   resolved against an earlier event; else, for a report without a date, the article's date;
5. counts: fatalities, injured, size of each event; every figure, events or not, feeds figure conflicts.
It writes `doc._.events` (list of `Event`) and `doc._.figure_conflicts` (list of `FigureConflict`), both
`newsprism.schema` dataclasses, and the events in spaCy's terms, `doc.spans["newsprism_events"]`: each
event's evidence sentence labelled with its PLOVER type (what `nlp.evaluate` scores, `events_score`).

Settings (`pipeline.load(config={"newsprism_events": {...}})`): `min_score` (0..1, `newsprism analyze
--min-event-score`; None: the detector's threshold), `detector` ("linear" or "encoder"; None: the one the
model record names as default; `--fast` takes the linear one, which needs no encoder pass) and `model_dir`
(another folder of the detectors and the PLOVER and CASE 2021 classifiers than `newsprism/models`); the
models load once, in the factory.
"""

from __future__ import annotations

import re
from pathlib import Path
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import registry

from newsprism import lexicons, native
from newsprism.actors.component import ROLE_ENDINGS
from newsprism.doctext import text_of
from newsprism.errors import EventsModelMissing, UnknownChoice
from newsprism.events import DETECTORS, classifier, cues, dates, detector, harm, places, sentence_model
from newsprism.events.conflicts import Claim, find_conflicts
from newsprism.events.counts import SentenceCount, sentence_counts
from newsprism.events.detector import MODEL_DIR
from newsprism.schema import Actor, Count, Event, Location, Span as OutSpan

for _name in ("events", "figure_conflicts", "entities", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

LOCATIVE = lexicons.words("event_cues", "locative")  # prepositions that put an event at a place
PLACE_LABELS = {"GPE", "LOC", "FAC"}
SUBJECT_HOPS = 4  # clauses climbed from a trigger to the subject it shares ('martyring 18' under 'killed')
CARRY_SENTENCES = 3  # how many sentences a place named earlier still holds for, across paragraphs
# The ACLED-style (CASE 2021) types that fit each PLOVER type ACLED codes (political violence, protests,
# strategic developments); other PLOVER types get no ACLED type.
ACLED_FOR: dict[str, frozenset[str]] = lexicons.word_sets("event_cues", "acled_for_plover")
ONE_SIDED = {"ATTACK", "SUIC_BOMB", "SEX_VIOL", "ABDUCT_DISSAP", "MOB_VIOL", "FORCE_AGAINST_PROTEST", "CHEM_WEAP"}
TWO_SIDED = {"ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"}
CLOSING_QUOTES = {"”", '"', "''"}  # a quotation closing before a subject is none of its phrase
NOT_ACTOR_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}  # "on Wednesday" acts not
VERBAL = {"AGREE", "CONSULT", "SUPPORT", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN"}
RELATIVE = {"who", "whom", "whose", "which", "that", "what"}
PERSONAL = {"he", "she", "they", "we", "i"}  # pronouns allowed as actors (the guide's rule 5)
SCOPE_WORDS: dict[str, str] = lexicons.table("event_cues", "scope_words")  # a scope instead of a named place


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


def overlapping_mention(phrase: Span, mentions: list[Mention]) -> Mention | None:
    """The actor mention `phrase` overlaps most, else None."""
    best, best_overlap = None, 0
    for m in mentions:
        overlap = min(m.end, phrase.end_char) - max(m.start, phrase.start_char)
        if overlap > best_overlap:
            best, best_overlap = m, overlap
    return best


def link_actor(phrase: Span | None, mentions: list[Mention], best: Mention | None = None) -> Actor | None:
    """The actor named by `phrase`, linked to the mention it overlaps most (`best`, where already found); the
    text is the phrase used."""
    if phrase is None:
        return None
    best = best or overlapping_mention(phrase, mentions)
    return Actor(entity=best.entity if best else None, name=best.name if best else phrase.text,
                 country=best.country if best else None, text=phrase.text, start=phrase.start_char,
                 end=phrase.end_char)


def actor_head(tok: Token | None) -> Token | None:
    """The token that can head an actor phrase for `tok`: a relative pronoun stands for the noun its clause
    modifies ("the men who attacked"); an expletive or demonstrative pronoun, a determiner, a number, a
    noun naming a happening ("the incident") or any other non-noun heads none."""
    if tok is None:
        return None
    if tok.lower_ in RELATIVE or tok.tag_ in ("WDT", "WP", "WP$"):
        verb = tok.head
        while verb.dep_ not in ("relcl", "acl") and verb.head.i != verb.i and verb.pos_ in ("VERB", "AUX"):
            verb = verb.head
        noun = verb.head if verb.dep_ in ("relcl", "acl") else None
        return noun if noun is not None and noun.pos_ in ("NOUN", "PROPN") else None
    if tok.dep_ == "expl" or tok.pos_ not in ("NOUN", "PROPN", "PRON") or tok.ent_type_ in NOT_ACTOR_ENTITIES:
        return None
    if tok.pos_ == "PRON" and tok.lower_ not in PERSONAL:
        return None
    if tok.pos_ == "NOUN" and harm.names_no_actor(tok.lemma_):  # "the incident" did nothing
        return None
    return tok


BODY_NOUNS = frozenset(w for key in ("state_nouns", "org_nouns", "collective_nouns") for w in lexicons.words("roles", key))
PEOPLE_NOUNS = BODY_NOUNS | frozenset(w for key in ("group_nouns", "expertise_nouns", "titles", "back_pointing", "tribal")
                                      for w in lexicons.words("roles", key)) | frozenset(lexicons.words("event_cues", "people_nouns"))
NOT_PEOPLE = frozenset(lexicons.words("roles", "statement_nouns")) | frozenset(lexicons.words("event_cues", "non_actor_nouns"))


def named_instead(pronoun: Token | None) -> Token | None:
    """For a personal pronoun that is the subject of a clause a speech verb reports, the speech verb's own
    subject where the sentence names it and the two agree in number ("Police said they arrested two men": the
    police; the guide's rule 5 prefers the name), else the token as it is."""
    if pronoun is None or pronoun.pos_ != "PRON" or pronoun.dep_ != "nsubj":
        return pronoun
    clause = pronoun.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in detector.SPEECH:
        return pronoun
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return pronoun
    plural = speaker.tag_ in ("NNS", "NNPS") or speaker.lemma_.lower() in BODY_NOUNS  # "the army said they"
    agrees = plural if pronoun.lower_ in ("they", "we") else speaker.tag_ in ("NN", "NNP") \
        if pronoun.lower_ in ("he", "she") else False
    return speaker if agrees else pronoun


def names_people(noun: Token) -> bool:
    """True for a common noun that names people or a body that can act: a capitalised word inside the sentence (a
    name the tagger took for a noun), a state, organisation or group noun of the roles lexicon, a people noun
    ("civilians", "gunmen"), or a word of a role's ending ("protesters", "residents"), never a statement or a
    happening ("letter", "incident")."""
    lemma, word = noun.lemma_.lower(), noun.lower_
    if noun.text[:1].isupper() and noun.i > noun.sent.start:  # a name the tagger took for a noun ("Trump")
        return True
    if lemma in NOT_PEOPLE or word in NOT_PEOPLE:
        return False
    return lemma in PEOPLE_NOUNS or word in PEOPLE_NOUNS or lemma.endswith(ROLE_ENDINGS)


def noun_phrase(head: Token) -> Span:
    """The noun phrase headed by `head`: its left modifiers and "of"/possessive parts, a name set off after it
    ("The commander of Iran's Army, Major General Ataollah Salehi"), no clauses, and never across a line break
    (a headline or caption run into the sentence) or a closing quotation mark before it."""
    doc = head.doc
    if head.dep_ == "poss":
        left, right = head.left_edge, head
    else:
        left, right = head.left_edge, head
        rights = list(head.rights)
        for k, c in enumerate(rights):
            if c.dep_ in ("prep",) and c.lower_ == "of" or c.dep_ in ("compound", "amod", "nummod", "appos"):
                right = c.right_edge
            elif not (c.text == "," and k + 1 < len(rights) and rights[k + 1].dep_ == "appos"
                      and rights[k + 1].pos_ == "PROPN"):
                break
    start, end = left.i, right.i + 1
    for i in range(head.i - 1, start - 1, -1):
        if doc[i].is_space or "\n" in doc[i].whitespace_ or "\n" in doc[i].text or doc[i].text in CLOSING_QUOTES:
            start = i + 1
            break
    for i in range(head.i, end):
        if doc[i].is_space or "\n" in doc[i].text or ("\n" in doc[i].whitespace_ and i < end - 1):
            end = i + 1 if not doc[i].is_space else i
            break
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


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
    for _ in range(SUBJECT_HOPS):
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
    """The trigger's target: an "against" phrase, else a non-numeric indirect or direct object, else an
    "on"/"with"/"for" phrase, looked for on the trigger, the clause it governs ("refused to give me") and the
    verb it hangs from; whom a speech verb addresses ("told reporters") is its audience, no target."""
    def pobj(tok: Token, preps: tuple[str, ...]) -> Token | None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                    return obj
        return None

    chain = [trigger] + [c for c in trigger.children if c.dep_ == "xcomp"]  # "refused to give me": its object
    chain += [trigger.head] if trigger.head.i != trigger.i else []
    objects = [c for t in chain for c in t.children if c.dep_ == "dobj"]
    for tok in chain + objects:
        if (hit := pobj(tok, ("against",))) is not None:
            return hit
    for tok in chain:
        if tok.lemma_.lower() in detector.SPEECH and not any(c.dep_ == "xcomp" for c in tok.children):
            continue  # "told reporters": whom a speaker told is the audience ("told them to leave": the target)
        for c in tok.children:
            if tok.pos_ == "VERB" and c.dep_ in ("dative", "dobj", "nsubjpass") and c.pos_ != "NUM" and not c.like_num \
                    and not cues.token_cues(c):  # "faces criticism": the object is the event, not its target
                return c
        if (hit := pobj(tok, ("on", "with", "for", "at", "to"))) is not None:
            return hit
    return None


def sentence_place(ents: list[Span], skip: list[tuple[int, int]]) -> tuple[places.Place, Span] | None:
    """The first place of a sentence's named entities `ents` named after a locative preposition (also "to
    Gaza's border")."""
    for ent in ents:
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


def any_place(ents: list[Span], skip: list[tuple[int, int]]) -> tuple[places.Place, Span] | None:
    """The first known place of a sentence's named entities `ents` outside the spans of `skip` (its actors)."""
    for ent in ents:
        if ent.label_ in PLACE_LABELS and not any(s < ent.end_char and ent.start_char < e for s, e in skip):
            place = places.lookup(ent.text)
            if place:
                return place, ent
    return None


def figure_place(sent: Span, ents: list[Span]) -> str | None:
    """Where a figure of `sent` (its named entities `ents`) counts, for comparing figures: a place after a
    locative preposition, else any place named, else a scope word ("worldwide", "nationwide", "the state");
    None where none is said."""
    hit = sentence_place(ents, [])
    if hit:
        return hit[0].name
    for ent in ents:
        if ent.label_ in ("GPE", "LOC") and (place := places.lookup(ent.text)):
            return place.name
    return next((SCOPE_WORDS[t.lower_] for t in sent if t.lower_ in SCOPE_WORDS), None)


def to_count(c: SentenceCount) -> Count:
    """A sentence's figure as a schema `Count`."""
    return Count(value=c.figure.value, qualifier=c.figure.qualifier, text=c.figure.text,
                 start=c.figure.start, end=c.figure.end)


def out_span(sent: Span) -> OutSpan:
    """The sentence as a schema `Span`, surrounding whitespace left out."""
    text = sent.text
    lead = len(text) - len(text.lstrip())
    return OutSpan(start=sent.start_char + lead, end=sent.start_char + len(text.rstrip()), text=text.strip())


def min_event_score(given: float | None, model: detector.EventDetector) -> float:
    """The minimum score of an event: the component's setting (`newsprism analyze --min-event-score`), else
    the detector's threshold chosen for precision."""
    return given if given is not None else model.threshold


def paragraphs(doc: Doc, sents: list[Span]) -> list[int]:
    """The paragraph number of each of `sents`, the sentences of `doc`: the line breaks before its first
    visible character."""
    out, text = [], text_of(doc)
    for sent in sents:
        lead = len(sent.text) - len(sent.text.lstrip())
        out.append(text.count("\n", 0, sent.start_char + lead))
    return out


def trigger_of(sent: Span, etype: str, quoted: list[tuple[int, int]]) -> Token:
    """The word that carries the event: the cue outside quotes that stands for `etype` (its object when a
    light verb passes the event on: "reaffirmed support"), else the sentence's main verb; where that is plain
    speech relaying a material event, the relayed event's word, quoted or not, else the reported verb."""
    every = cues.sentence_cues(sent)
    found = [c for c in every if not any(s <= c[0].idx < e for s, e in quoted)]
    trigger = next((tok for tok, t, d, intent in found if cues.resolve(t, intent, cues.is_negated(tok)) == etype),
                   sent.root)
    if etype not in VERBAL and trigger.lemma_.lower() in detector.SPEECH and not cues.word_types(trigger.lemma_):
        # the guide's rule 4: plain speech that relays a material event is no event of its own; the relayed
        # event's word carries it, quoted or not ("'Our forces got rid of six militants,' he said": the forces
        # acted), else the reported clause's verb. A speech act's type stays the speaker's: on tune, moving it
        # too to the relayed words lost more sources than it gained
        relayed = [c for c in trigger.children if c.dep_ in ("ccomp", "xcomp")]
        trigger = next((tok for tok, t, d, intent in every if tok.i != trigger.i
                        and cues.resolve(t, intent, cues.is_negated(tok)) == etype), relayed[0] if relayed else trigger)
    noun = next((c for c in trigger.children if c.dep_ == "dobj" and etype in cues.token_cues(c)), None)
    return noun if noun is not None else trigger


def acled_types(found: list[tuple[Span, str]], fits: dict[str, set[str]] = ACLED_FOR,
                model_dir: Path = detector.MODEL_DIR, guarded: bool = True) -> list[str | None]:
    """The ACLED-style type of each (sentence, PLOVER type): the CASE 2021 classifier's best among the
    types that fit the PLOVER type (`fits`); none for a PLOVER type ACLED does not code. `guarded`: by the
    rules of `harm.choose_acled` (harmful subtypes only on explicit words, the coarse type with doubt)."""
    asked = [i for i, (_, etype) in enumerate(found) if etype in fits]
    out: list[str | None] = [None] * len(found)
    if not asked:
        return out
    try:
        model = classifier.load("case2021", model_dir)
    except EventsModelMissing:
        return out
    rows = model.svm.decision_function(model._matrix([found[i][0] for i in asked], fit=False))
    for i, row in zip(asked, rows):
        ranked = sorted(((float(v), str(label)) for v, label in zip(row, model.svm.classes_)), reverse=True)
        sent, etype = found[i]
        if guarded:
            out[i] = harm.choose_acled(etype, ranked, sent.text, fits)
        else:
            out[i] = next((label for _, label in ranked if label in fits[etype]), None)
    return out


def violence_types(found: list[tuple[Span, str]], model_dir: Path = detector.MODEL_DIR) -> list[str]:
    """The PLOVER type of each (sentence, type) with FIGHT and ASSAULT told apart as ACLED tells battles from
    violence against civilians: the CASE 2021 classifier's best of their ACLED types decides where it is
    one-sided (ASSAULT) or between armed groups (FIGHT); other types stay."""
    both = ACLED_FOR["FIGHT"] | ACLED_FOR["ASSAULT"]
    asked = [(sent, "VIOLENCE") for sent, etype in found if etype in ("FIGHT", "ASSAULT")]
    picked = iter(acled_types(asked, {"VIOLENCE": both}, model_dir, guarded=False))
    out = []
    for _, etype in found:
        if etype in ("FIGHT", "ASSAULT"):
            kind = next(picked)
            etype = "ASSAULT" if kind in ONE_SIDED else "FIGHT" if kind in TWO_SIDED else etype
        out.append(etype)
    return out


def relayed_type(sent: Span) -> str | None:
    """The material event a sentence relays by a plain reporting verb ("X was detained by the Rangers,
    officials said": COERCE), where the reported clause's verb names exactly one PLOVER type and that one is
    no speech act and is not negated; else None. The guide's rule 4: "said" is no event of its own, so the
    relayed event is coded, and a typer drawn to DISAPPROVE by "officials said" is corrected."""
    root = sent.root
    if root.lemma_.lower() not in detector.SPEECH or cues.word_types(root.lemma_):
        return None
    verb = detector.predicate(sent)
    if verb is root or cues.is_negated(verb):
        return None
    kinds = cues.word_types(verb.lemma_)
    return next(iter(kinds)) if len(kinds) == 1 and not kinds & VERBAL else None


CAMPAIGN = lexicons.load("event_cues")["campaign_steps"]  # the words of `campaign_step` (the guide's rule 3)


def _electoral(noun: Token) -> bool:
    """Whether a campaign, bid or run is one for office: an electoral word among its modifiers ('presidential
    campaign', 're-election bid'), a 'for' naming an office or a proper name ('bid for the Senate', 'run for
    president'), or its holder's 'his' or 'her' ('suspended her campaign'); never with another modifier ('his
    bombing campaign', 'its takeover bid for Chelsea')."""
    if not _only_electoral(noun):
        return False
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod") and _is(c, CAMPAIGN["electoral"]):
            return True
        if c.dep_ == "poss" and c.lower_ in ("his", "her"):
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(
                g.dep_ == "pobj" and (_is(g, CAMPAIGN["offices"]) or g.pos_ == "PROPN") for g in c.children):
            return True
    return False


def _a_race(noun: Token) -> bool:
    """Whether a noun is a race for office: 'race', 'primary' or 'running' ('the running'), its modifiers
    only electoral words, names or figures ('the 2016 GOP presidential race'; not 'the arms race')."""
    return _is(noun, CAMPAIGN["races"]) and _only_electoral(noun)


def _only_electoral(noun: Token) -> bool:
    """Whether every modifier of a noun is an electoral word, a name or a figure."""
    return all(_is(c, CAMPAIGN["electoral"]) or c.pos_ in ("PROPN", "NUM")
               for c in noun.children if c.dep_ in ("amod", "compound", "nmod"))


def hyphenated(tok: Token) -> str | None:
    """The word `tok` is part of where hyphens join it to its neighbours with no space between (lower case,
    its last part lemmatised: 're-election' for any of 're', '-', 'election', as spaCy's tokenizer splits it);
    None for a token no hyphen joins."""
    doc = tok.doc

    def joined(i: int) -> bool:  # doc[i] is a hyphen between two words, touching both
        return (0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_
                and not doc[i].whitespace_ and doc[i - 1].text != "-" and doc[i + 1].text != "-")

    start = end = tok.i - 1 if joined(tok.i) else tok.i
    while joined(start - 1):
        start -= 2
    while joined(end + 1):
        end += 2
    if start == end:
        return None
    return "".join(t.lower_ for t in doc[start:end]) + doc[end].lemma_.lower()


def _is(tok: Token, words) -> bool:
    """Whether the hyphenated word `tok` is part of (`hyphenated`: 're-election', never its 'election' alone,
    so that 'anti-election' is not 'election'), else `tok`'s lemma, is one of `words`."""
    word = hyphenated(tok)
    return (word if word is not None else tok.lemma_.lower()) in words


def campaign_step(sent: Span) -> bool:
    """Whether the sentence's event predicate (`detector.predicate`) enters, ends or suspends a run for office
    ("ended his bid for the Senate", "suspended her presidential campaign", "announced her candidacy", "dropped
    out of the race"): campaigning, NONE by the annotation guide's rule 3 whatever a detector scores. Not where
    that clause hangs by a subordinating word other than 'that' ("after he suspended his campaign, X said ...":
    the parser can take it for the reported clause), and never for a military or other campaign that no
    electoral word marks."""
    verb = detector.predicate(sent)
    if verb.lemma_.lower() not in CAMPAIGN["verbs"]:
        return False
    if any(c.dep_ == "mark" and c.lower_ not in ("that", "whether") for c in verb.children):
        return False
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            if _is(c, CAMPAIGN["candidacies"]) or _a_race(c) or (_is(c, CAMPAIGN["runs"]) and _electoral(c)):
                return True
        if c.dep_ in ("prep", "prt") and c.lower_ in CAMPAIGN["paths"]:
            steps = [c, *(g for g in c.children if g.dep_ == "prep" and g.lower_ in CAMPAIGN["paths"])]
            if any(g.dep_ == "pobj" and _a_race(g) for s in steps for g in s.children):
                return True
    return False


NO_EVENT: tuple[float, None] = (0.0, None)  # a sentence a rule makes NONE: scored 0, below any threshold, untyped


def no_event(sent: Span, etype: str | None) -> bool:
    """Whether a rule makes the sentence NONE whatever a detector scores: a step of a run for office
    (`campaign_step`, the guide's rule 3), or an accident the typer took for violence (FIGHT or ASSAULT with
    accident words and none of deliberate violence, `harm.accident_as_violence`: the guide's rule 10, a crash
    is NONE even when people die)."""
    return campaign_step(sent) or harm.accident_as_violence(etype, sent.text)


def decide(doc: Doc, sents: list[Span], floor: float, model: detector.EventDetector,
           model_dir: Path = detector.MODEL_DIR) -> list[tuple[float, str | None]]:
    """(score, PLOVER type) of each of `sents`: the detector's score, and where it reaches `floor` the
    typer's type (a speech act typed where the sentence only relays a material event: that event,
    `relayed_type`) with FIGHT and ASSAULT told apart by `violence_types` (None below `floor`); a sentence
    that a rule makes NONE (`no_event`) is no event, NO_EVENT, for either detector, in detection as in type."""
    decided = list(model.decide(doc, sents, floor, model_dir))
    typed = [i for i, (_, etype) in enumerate(decided) if etype is not None]
    for i in typed:
        decided[i] = (decided[i][0], relayed_type(sents[i]) or decided[i][1]) if decided[i][1] in VERBAL else decided[i]
    kinds = violence_types([(sents[i], decided[i][1]) for i in typed], model_dir)
    for i, kind in zip(typed, kinds):
        decided[i] = (decided[i][0], kind)
    return [NO_EVENT if no_event(sent, etype) else (score, etype) for sent, (score, etype) in zip(sents, decided)]


class EventExtractor:
    """Runs the steps of the module docstring over one Doc."""

    def __init__(self, doc: Doc, min_score: float | None = None, model_dir: Path = detector.MODEL_DIR,
                 kind: str | None = None) -> None:
        self.doc = doc
        self.model_dir = model_dir
        self.kind = kind  # the detector ('linear' or 'encoder'; None: the record's default)
        self.mentions = actor_mentions(doc)
        self.quoted = detector.quoted_ranges(text_of(doc))
        self.anchors: dict[str, str] = {}  # PLOVER type -> date of its first dated event
        self.ents: dict[int, list[Span]] = {}  # sentence start -> its named entities (`run`: one pass, as
        # `Span.ents` walks all of the Doc's entities at each call)
        self.min_score = min_score
        self.dateline = places.dateline(text_of(doc))  # (place, start, end, stop) of the article's dateline
        self.dateline_text = text_of(doc)[self.dateline[1]:self.dateline[2]] if self.dateline else ""

    def detected(self, sents: list[Span]) -> list[tuple[int, Span, float, str]]:
        """(sentence index, sentence, score, PLOVER type) of each of `sents`, the Doc's sentences, that the
        detector finds an event in."""
        model = detector.load(self.model_dir, self.kind)
        if model is None:
            raise EventsModelMissing(f"no event detector at {detector.model_path(self.model_dir, self.kind or 'linear')}; run `newsprism "
                                     "train events` to make it")
        floor = min_event_score(self.min_score, model)
        decided = decide(self.doc, sents, floor, model, self.model_dir)
        return [(i, sents[i], score, etype) for i, (score, etype) in enumerate(decided) if etype is not None]

    def event_date(self, sent: Span, trigger: Token, etype: str) -> tuple[str | None, str | None]:
        """(date, date_text) of the event in `sent`."""
        published = self.doc._.published
        future = any(c.lower_ in ("will", "'ll", "shall") for c in trigger.children)
        for ent in self.ents[sent.start]:
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
                    day = dates.resolve_day_of(n, start) if start else None
                    if day is None:
                        continue
                    m = dates.DAY_OF.search(sent.text)
                    return day.isoformat(), m.group(0) if m else None
        if re.search(r"\b(prior to|before the)\b", sent.text, re.I) or any(
                c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children):
            return None, None
        return (published[:10] if published and dates.to_date(published) else None), None

    def run(self) -> tuple[list[Event], list]:
        """The Doc's events, and the conflicts among the figures its sentences give."""
        sents = list(self.doc.sents)
        self.ents = dict(zip([s.start for s in sents], detector.ents_by_sentence(self.doc, sents)))
        found = self.detected(sents)
        para = paragraphs(self.doc, sents)
        named = self.named_places(sents)
        kind_at = {idx: etype in VERBAL for idx, _, _, etype in found}
        events, event_at = [], {}
        acled = acled_types([(sent, etype) for _, sent, _, etype in found], ACLED_FOR, self.model_dir)
        for (idx, sent, score, etype), atype in zip(found, acled):
            nearby = place_nearby(idx, etype, named, para, kind_at)
            events.append(self.event(sent, score, etype, atype, nearby))
            event_at[sent.start] = events[-1]
        return events, find_conflicts(self.claims(sents, named, para, event_at))

    def named_places(self, sents: list[Span]) -> dict[int, tuple]:
        """Sentence index -> (place, entity) of the place named there, for the sentences naming one."""
        named = {}
        for i, sent in enumerate(sents):
            ents = self.ents[sent.start]
            hit = any(e.label_ in PLACE_LABELS for e in ents) and sentence_place(ents, [])
            if hit:
                named[i] = hit
        return named

    def event(self, sent: Span, score: float, etype: str, atype: str | None, nearby: tuple | None) -> Event:
        """The event of PLOVER type `etype` in `sent`: its trigger's actors, its place, date and figures."""
        trigger = trigger_of(sent, etype, self.quoted)
        source, target = self.actors(trigger)
        location = self.location(sent, etype, (source, target), nearby)
        date, date_text = self.event_date(sent, trigger, etype)
        if date and date_text and etype not in self.anchors:
            self.anchors[etype] = date
        counts = {}
        for c in sentence_counts(sent):
            counts.setdefault(c.kind, to_count(c))
        return Event(
            type=etype, mode=cues.MODES.get(trigger.lemma_.lower()), acled_type=atype,
            source=source, target=target, location=location, date=date, date_text=date_text,
            fatalities=counts.get("fatalities"), injured=counts.get("injured"), size=counts.get("size"),
            evidence=out_span(sent), score=round(score, 3))

    def actors(self, trigger: Token) -> tuple[Actor | None, Actor | None]:
        """(source, target): the trigger's subject and object, linked to the article's actor mentions; a common
        noun that no actor mention covers is one only where it names people or a body (`names_people`): "the
        lawsuit", "warnings", "an Executive Order" did not act."""
        out = []
        for head in (named_instead(actor_head(subject_of(trigger))), actor_head(object_of(trigger))):
            phrase = noun_phrase(head) if head is not None else None
            best = overlapping_mention(phrase, self.mentions) if phrase is not None else None
            if best is None and phrase is not None and head.pos_ == "NOUN" and not names_people(head):
                phrase = None
            out.append(link_actor(phrase, self.mentions, best))
        return out[0], out[1]

    def location(self, sent: Span, etype: str, actors: tuple[Actor | None, Actor | None],
                 nearby: tuple | None) -> Location | None:
        """Where the event in `sent` happened: a place the sentence names (not an actor's words), else `nearby`
        (`place_nearby`), else the dateline's place (the article's, taken last: "KINGSTON, Jamaica (CMC) -")."""
        skip = [(a.start, a.end) for a in actors if a is not None and a.start is not None]
        if self.dateline:
            skip.append((self.dateline[1], self.dateline[3]))
        ents = self.ents[sent.start]
        hit = sentence_place(ents, skip) or (etype not in VERBAL and any_place(ents, skip)) or nearby
        if hit:
            place, ent = hit
            return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                            text=ent.text, start=ent.start_char, end=ent.end_char)
        if self.dateline:
            place, start, end, _ = self.dateline
            return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                            text=self.dateline_text, start=start, end=end)
        return None

    def claims(self, sents: list[Span], named: dict[int, tuple], para: list[int], event_at: dict) -> list[Claim]:
        """Every figure the sentences give, with its sentence's event's place and date where it has one, else
        the place the sentence names or the nearest one named in its paragraph."""
        claims = []
        sent_index = {s.start: i for i, s in enumerate(sents)}
        for sent in sents:
            ev = event_at.get(sent.start)
            idx = sent_index[sent.start]
            paragraph = next((named[i][0].name for i in sorted(named, key=lambda i: abs(i - idx))
                              if para[i] == para[idx]), None)
            for c in sentence_counts(sent):
                place = ev.location.name if ev and ev.location else figure_place(sent, self.ents[sent.start]) or paragraph
                claims.append(Claim(c.kind, to_count(c), out_span(sent), ev.date if ev and ev.date_text else None,
                                    place, index=idx, noun=c.noun))
        return claims


def place_nearby(idx: int, etype: str, named: dict[int, tuple], para: list[int],
                 kind_at: dict[int, bool]) -> tuple | None:
    """The (place, entity) named nearest sentence `idx` in its paragraph (before it first), else in the
    CARRY_SENTENCES sentences before it that hold an event of its kind (verbal or material), else None."""
    same_paragraph = sorted((i for i in named if para[i] == para[idx] and i != idx),
                            key=lambda i: (i > idx, abs(i - idx)))
    carried = [i for i in range(idx - 1, idx - 1 - CARRY_SENTENCES, -1)
               if i in named and kind_at.get(i) == (etype in VERBAL)]
    return next((named[i] for i in same_paragraph + carried), None)


SPANS_KEY = "newsprism_events"  # doc.spans[SPANS_KEY]: each event's evidence, labelled with its PLOVER type


@registry.scorers("newsprism.events_scorer.v1")
def make_events_scorer():
    """The events' scorer (`Events.score`): `events_score`."""
    return events_score


def events_score(examples, **kwargs) -> dict:
    """The events' evidence sentences in `doc.spans["newsprism_events"]` against the gold `Doc`s', each with
    its PLOVER type (`spans_newsprism_events_p/r/f`, per type in `spans_newsprism_events_per_type`)."""
    return native.span_scores(examples, SPANS_KEY, labeled=True, **kwargs)


@Language.factory(
    "newsprism_events",
    assigns=["doc._.events", "doc._.figure_conflicts", "doc.spans"],
    requires=["doc._.entities", "doc._.actor_spans", "doc.ents", "doc.sents", "token.dep"],
    default_config={"min_score": None, "model_dir": None, "detector": None,
                    "scorer": {"@scorers": "newsprism.events_scorer.v1"}},
    default_score_weights={"spans_newsprism_events_f": 1.0, "spans_newsprism_events_p": 0.0,
                           "spans_newsprism_events_r": 0.0},
)
def make_events(nlp: Language, name: str, min_score: float | None, model_dir: str | None,
                detector: str | None = None, scorer=events_score) -> "Events":
    """The events component, its detector and classifiers loaded here, once (a missing detector is reported
    for each article, as a refusal naming the command that trains it; a missing CASE 2021 classifier leaves
    ACLED types out)."""
    if detector is not None and detector not in DETECTORS:  # None: the one the model record names
        raise UnknownChoice(f"events detector {detector!r} is not one of: {', '.join(DETECTORS)}")
    folder = Path(model_dir) if model_dir else MODEL_DIR
    load_models(folder, detector)
    return Events(min_score, folder, scorer, detector)


def load_models(folder: Path, kind: str | None = None) -> None:
    """Loads the detector of `kind` (None: the record's default) and the classifiers of `folder` into their
    caches (those that are there)."""
    detector.load(folder, kind)
    for scheme in classifier.SCHEMES:
        try:
            classifier.load(scheme, folder)
        except EventsModelMissing:
            pass


class Events:
    """spaCy component wrapper around `EventExtractor`; `min_score` the minimum event score (None: see
    `min_event_score`), `model_dir` the folder of the models. `score` scores `doc.spans["newsprism_events"]`
    for `nlp.evaluate`; `to_disk`/`from_disk` carry the detector and classifiers."""

    def __init__(self, min_score: float | None = None, model_dir: Path = detector.MODEL_DIR,
                 scorer=events_score, kind: str | None = None) -> None:
        self.min_score = min_score
        self.model_dir = model_dir
        self.scorer = scorer
        self.kind = kind

    def __call__(self, doc: Doc) -> Doc:
        doc._.events, doc._.figure_conflicts = EventExtractor(doc, self.min_score, self.model_dir, self.kind).run()
        spans = [doc.char_span(e.evidence.start, e.evidence.end, label=e.type, alignment_mode="expand")
                 for e in doc._.events]
        doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
        return doc

    def score(self, examples, **kwargs) -> dict:
        """The events' figures for `nlp.evaluate` (`events_score`)."""
        return self.scorer(examples, **kwargs)

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Copies the detectors, their record, the sentence model and the classifiers of `model_dir` (those
        there) into `path`."""
        files = ([detector.model_path(self.model_dir, k) for k in DETECTORS]
                 + [detector.record_path(self.model_dir), sentence_model.model_path(self.model_dir)]
                 + [classifier.model_path(s, self.model_dir) for s in classifier.SCHEMES])
        native.save_files(path, [f for f in files if f.is_file()])

    def from_disk(self, path, *, exclude=tuple()) -> "Events":
        """Reads the models `to_disk` saved in `path`, in place of the factory's folder."""
        self.model_dir = Path(path)
        load_models(self.model_dir, self.kind)
        return self
