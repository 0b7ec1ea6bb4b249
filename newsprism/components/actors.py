"""The `newsprism_actors` component: one entity per actor per article, with its mentions and labels.

Order of work, each step reading the previous ones:
1. named mentions from spaCy's NER, titles and honorifics stripped ("Imam Khamenei" -> "Khamenei");
2. clustering: a person by surname, a state by its country code, other names by normalised form
   ("Gaza" joins "Gaza Strip", "UN" joins "United Nations");
3. nominal mentions: "the Imam" joins the person introduced with that title;
4. labels: noun phrases naming a state-like actor through a people's adjective ("the Zionist entity",
   "Israeli forces") or through a loaded noun that points back to the last labelled actor ("the enemy");
5. pronouns: he/she (him, his, her) join the nearest person before them, preferring a subject.
It writes `doc._.entities` (list of `Entity`) and `doc._.actor_spans` (char start, end, entity id),
which `resolve_span` reads to resolve a speaker or an event's actor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism import gazetteer
from newsprism.schema import Entity, Span as OutSpan

if not Doc.has_extension("actor_spans"):
    Doc.set_extension("actor_spans", default=None)

ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}

# Words that name a role, not a person: stripped from names, and used to resolve "the Imam".
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "reverend",
    "imam", "ayatollah", "sheikh", "sheik", "rabbi", "pope", "cardinal", "bishop", "father", "king", "queen",
    "prince", "princess", "emir", "sultan", "president", "vice", "prime", "minister", "premier", "chancellor",
    "secretary", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov", "governor",
    "mayor", "judge", "justice", "general", "gen", "lt", "col", "colonel", "capt", "captain", "major", "maj",
    "sgt", "sergeant", "admiral", "adm", "commander", "officer", "chief", "chairman", "chairwoman", "chair",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "leader", "foreign", "defense",
    "defence", "interior", "finance", "deputy", "former", "mp", "mep", "speaker", "attorney", "supreme",
    "sen.", "rep.", "gov.", "gen.", "dr.", "mr.", "mrs.", "ms.", "prof.", "lt.", "col.", "capt.", "sgt.",
}

# Heads of noun phrases that can name a state or its organs ("the Zionist regime", "Russian troops").
STATE_NOUNS = {
    "regime", "entity", "government", "state", "forces", "force", "military", "army", "troops", "soldiers",
    "authorities", "administration", "occupation", "occupier", "occupiers", "enemy", "police", "navy",
    "officials", "leadership", "ministry", "junta", "aggressor", "aggressors", "invaders", "invader", "jets",
    "warplanes", "forces", "militia", "militias",
}
# Heads that, without a people's adjective, point back to the last labelled actor ("the enemy").
BACK_POINTING = {"enemy", "occupier", "occupiers", "occupation", "aggressor", "aggressors", "invaders", "invader"}

PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}


@dataclass
class Cluster:
    """One actor being built: its names, type votes, mentions and labels as char spans."""

    key: str
    names: list[str] = field(default_factory=list)
    types: Counter = field(default_factory=Counter)
    country: str | None = None
    titles: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)  # nouns of apposition: 'Geir Pedersen, the U.N. envoy
    mentions: list[tuple[int, int]] = field(default_factory=list)
    labels: list[tuple[int, int]] = field(default_factory=list)

    type: str = ""  # the most common of `types`, kept current by `vote`

    def vote(self, type_: str) -> None:
        """Counts one mention's entity type; the cluster's type is the type most of its mentions have."""
        self.types[type_] += 1
        if not self.type or self.types[type_] > self.types[self.type]:
            self.type = type_


def is_title(tok: Token) -> bool:
    return tok.lower_.rstrip(".") in TITLES or tok.lower_ in TITLES


def name_tokens(ent: Span) -> list[Token]:
    """The tokens of a named mention without determiners, titles, possessive endings or punctuation."""
    toks = [t for t in ent if not t.is_punct and t.lower_ not in {"the", "'s", "’s", "'", "’"}]
    while toks and is_title(toks[0]) and len(toks) > 1:
        toks = toks[1:]
    if len(toks) == 1 and is_title(toks[0]):
        return []
    return toks


def modifier_country(ent: Span) -> str | None:
    """The country a person or group belongs to as its noun phrase says ("Palestinian Hamas", "Iraqi PM X")."""
    head = ent.root
    while head.dep_ in {"compound", "amod"} and head.head.i != head.i and head.head.pos_ in {"NOUN", "PROPN"}:
        head = head.head
    for tok in head.subtree:
        if tok.i >= head.i:
            break
        if tok.ent_type_ in {"NORP", "GPE"} and not (ent.start <= tok.i < ent.end):
            code = gazetteer.demonym_country(tok.text) or gazetteer.country_code(tok.text)
            if code:
                return code
    return None


def apposition_roles(ent: Span) -> set[str]:
    """The role nouns set beside a name: 'X, a senior analyst' and 'the envoy, X' give 'analyst', 'envoy'."""
    root = ent.root
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    return {n.lemma_.lower() for n in nouns}


def noun_phrase(head: Token) -> Span:
    """The head noun with everything to its left that modifies it (determiner, adjectives, possessor)."""
    doc = head.doc
    start = min([child.left_edge.i for child in head.lefts] + [head.i])
    while start < head.i and doc[start].is_punct and doc[start].text not in "“\"[‘":
        start += 1
    return doc[start : head.i + 1]


class ActorResolver:
    """Builds the entities of one `Doc`; `run` does the steps of the module docstring in order."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.clusters: dict[str, Cluster] = {}
        self.spans: list[tuple[int, int, str]] = []  # char start, end, cluster key
        self.covered: set[int] = set()  # token indices already part of a mention or label

    def cluster(self, key: str, name: str, type_: str, country: str | None) -> Cluster:
        c = self.clusters.get(key)
        if c is None:
            c = self.clusters[key] = Cluster(key=key)
        c.names.append(name)
        c.vote(type_)
        c.country = c.country or country
        return c

    def add(self, c: Cluster, span: Span | Token, as_label: bool = False) -> None:
        if isinstance(span, Token):
            span = self.doc[span.i : span.i + 1]
        where = (span.start_char, span.end_char)
        (c.labels if as_label else c.mentions).append(where)
        self.spans.append((*where, c.key))
        self.covered.update(range(span.start, span.end))

    def key_for(self, label: str, words: list[str], country: str | None) -> str:
        """Cluster key: a surname for people, a country code for states, else the name (merged by prefix)."""
        name = " ".join(words)
        if label == "PERSON":
            return self.person_key(words)
        if label in {"GPE", "NORP"} and country and gazetteer.country_code(name) == country:
            return "STATE:" + country
        if label == "NORP" and country:
            return "STATE:" + country
        low = name.lower()
        for key, c in self.clusters.items():
            other = key.split(":", 1)[1]
            if key.startswith("STATE:") or c.type == "PERSON":
                continue
            if other.startswith(low + " ") or low.startswith(other + " ") or acronym(other) == low or acronym(low) == other:
                return key
        return "NAME:" + low

    def person_key(self, words: list[str]) -> str:
        """'Trump' joins the person with that surname mentioned last; 'Melania Trump' and 'Donald Trump' stay
        two people, and a full name joins a surname-only person ('Biden' then 'Joe Biden')."""
        surname, first = words[-1].lower(), words[0].lower()
        best, best_at = None, -1
        for key, c in self.clusters.items():
            if c.type != "PERSON" or not any(n.split()[-1].lower() == surname for n in c.names):
                continue
            firsts = {n.split()[0].lower() for n in c.names if len(n.split()) > 1}
            if len(words) > 1 and firsts and first not in firsts:
                continue
            last = max(s for s, _ in c.mentions) if c.mentions else -1
            if last > best_at:
                best, best_at = key, last
        return best or "PERSON:" + " ".join(words).lower()

    def named_mentions(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ not in ENTITY_TYPES:
                continue
            words = [t.text for t in name_tokens(ent)]
            if not words or not any(w[:1].isupper() for w in words):
                continue
            name = " ".join(words)
            if ent.label_ == "NORP":
                country = gazetteer.demonym_country(name)
            elif ent.label_ in {"GPE", "LOC"}:
                country = gazetteer.place_country(name)
            else:
                country = modifier_country(ent) or gazetteer.demonym_country(name)
            key = self.key_for(ent.label_, words, country)
            if key.startswith("STATE:"):
                display = name if gazetteer.country_code(name) == country else gazetteer.country_name(country)
                c = self.cluster(key, display, "GPE", country)
            else:
                c = self.cluster(key, name, ent.label_, country)
            if ent.label_ == "PERSON":
                c.titles.update(t.lower_.rstrip(".") for t in ent if is_title(t))
                prev = self.doc[ent.start - 1] if ent.start > 0 else None
                if prev is not None and is_title(prev):
                    c.titles.add(prev.lower_.rstrip("."))
                c.roles.update(apposition_roles(ent))
            self.add(c, ent)

    def nominal_mentions(self) -> None:
        """'the Imam', 'the president': a title alone joins the last person introduced with it; so does
        'the envoy' for a person introduced as 'Geir Pedersen, the U.N. special envoy'."""
        for tok in self.doc:
            if tok.i in self.covered or tok.pos_ not in {"PROPN", "NOUN"}:
                continue
            if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].ent_type_ == "PERSON":
                continue
            title, role = tok.lower_.rstrip("."), tok.lemma_.lower()
            if is_title(tok):
                owner = self.last_person_before(tok.idx, lambda c: title in c.titles or role in c.roles)
                if owner is not None:
                    det = tok.i - 1 if tok.i > 0 and self.doc[tok.i - 1].lower_ == "the" else tok.i
                    self.add(owner, self.doc[det : tok.i + 1])
            elif tok.tag_ in {"NN", "NNP"} and any(c.lower_ == "the" for c in tok.lefts):
                owner = self.last_person_before(tok.idx, lambda c: role in c.roles)
                if owner is not None:
                    self.add(owner, noun_phrase(tok))

    def labels(self) -> None:
        """Noun phrases that name a state by a people's adjective, or point back with a loaded noun."""
        last_labelled: Cluster | None = None
        for tok in self.doc:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.lower_ not in STATE_NOUNS or tok.i in self.covered:
                continue
            if tok.dep_ in {"compound", "poss"} and tok.head.lower_ in STATE_NOUNS:
                continue
            np = noun_phrase(tok)
            country = None
            for t in np:
                if t.ent_type_ in {"NORP", "GPE"} or t.pos_ in {"ADJ", "PROPN", "X"}:
                    country = gazetteer.demonym_country(t.text) or (
                        gazetteer.country_code(t.text) if t.ent_type_ == "GPE" else None
                    )
                    if country:
                        break
            if country:
                c = self.clusters.get("STATE:" + country) or self.cluster(
                    "STATE:" + country, gazetteer.country_name(country), "GPE", country
                )
                self.add(c, np, as_label=True)
                last_labelled = c
            elif last_labelled is not None and any(t.lower_ in BACK_POINTING for t in np) and np[0].lower_ == "the":
                self.add(last_labelled, np, as_label=True)

    def pronouns(self) -> None:
        for sent in self.doc.sents:
            for tok in sent:
                if tok.lower_ not in PERSONAL_PRONOUNS or tok.pos_ != "PRON":
                    continue
                owner = self.preferred_subject(sent) or self.last_person_before(tok.idx, lambda c: True)
                if owner is not None and tok.i not in self.covered:
                    self.add(owner, tok)

    def preferred_subject(self, sent: Span) -> Cluster | None:
        """The person who is the subject in the sentence before `sent`, the usual antecedent of 'he'/'she'."""
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        for tok in prev:
            if tok.dep_ in {"nsubj", "nsubjpass"}:
                c = self.cluster_at(tok)
                if c is not None and c.type == "PERSON":
                    return c
        return None

    def cluster_at(self, tok: Token) -> Cluster | None:
        for start, end, key in self.spans:
            if start <= tok.idx < end:
                return self.clusters[key]
        return None

    def last_person_before(self, char: int, accept) -> Cluster | None:
        best, best_at = None, -1
        for start, _end, key in self.spans:
            c = self.clusters[key]
            if start < char and start > best_at and c.type == "PERSON" and accept(c):
                best, best_at = c, start
        return best

    def run(self) -> list[Entity]:
        self.named_mentions()
        self.nominal_mentions()
        self.labels()
        self.pronouns()
        return self.entities()

    def entities(self) -> list[Entity]:
        text = self.doc.text
        ordered = sorted(self.clusters.values(), key=lambda c: min(s for s, _ in c.mentions + c.labels))
        ids = {c.key: f"E{i + 1}" for i, c in enumerate(ordered)}
        self.doc._.actor_spans = sorted((s, e, ids[k]) for s, e, k in self.spans)
        out = []
        for c in ordered:
            out.append(
                Entity(
                    id=ids[c.key],
                    name=canonical_name(c),
                    type=c.type,
                    country=c.country,
                    mentions=[OutSpan(start=s, end=e, text=text[s:e]) for s, e in sorted(c.mentions)],
                    labels=[OutSpan(start=s, end=e, text=text[s:e]) for s, e in sorted(c.labels)],
                )
            )
        return out


def acronym(name: str) -> str:
    words = [w for w in name.split() if w not in {"of", "the", "and", "for"}]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def canonical_name(c: Cluster) -> str:
    """The fullest name the article used: for a person the longest form; else the most common, longest first."""
    if c.key.startswith("STATE:") and c.country:
        named = [n for n in c.names if gazetteer.country_code(n) == c.country]
        return Counter(named).most_common(1)[0][0] if named else gazetteer.country_name(c.country)
    if c.type == "PERSON":
        return max(c.names, key=len)
    return max(c.names, key=lambda n: (len(n.split()), c.names.count(n)))


def resolve_span(doc: Doc, start: int, end: int) -> str | None:
    """The id of the entity that a char span [start, end) mentions or labels, the longest overlap winning."""
    best, best_overlap = None, 0
    for s, e, ident in doc._.actor_spans or []:
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap:
            best, best_overlap = ident, overlap
    return best


@Language.factory("newsprism_actors")
def make_actors(nlp: Language, name: str) -> "Actors":
    return Actors()


class Actors:
    """spaCy component wrapper around `ActorResolver`."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = ActorResolver(doc).run()
        return doc
