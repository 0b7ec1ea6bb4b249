"""The `newsprism_actors` component: one entity per actor per article, with its mentions and labels.

Order of work, each step reading the previous ones:
1. named mentions from spaCy's NER, titles and honorifics stripped ("Imam Khamenei" -> "Khamenei"), dates
   glued to a name cut off ("Jane Doe May 4"); none from page furniture (bylines, e-mail and web addresses,
   "Subscribe" lines, look-alike Unicode letters) nor virus variants;
2. clustering: a person by surname (written with or without its accents, 'Müller', 'Muller', 'Mueller'),
   whatever label NER gave each mention ("Okafor" tagged ORG after "Grace
   Okafor" joins her), a state by its country code, other names by normalised form ("Gaza" joins "Gaza
   Strip", "UN" joins "United Nations"); a surname NER missed joins its person too;
3. nominal mentions: "the Imam" joins the person introduced with that title;
4. labels: noun phrases naming a state-like actor through a people's adjective ("the Zionist entity",
   "Israeli forces") or through a loaded noun that points back to the last labelled actor ("the enemy");
5. pronouns: he/she (him, his, her) join the nearest person before them of that gender, preferring a subject;
6. countries: a place's from the gazetteer; a person's or group's from a people's adjective or place that
   modifies it or stands in apposition, from a country or place in its own name ("the Jamaica Constabulary
   Force"), from a country's own institution ("the FBI", "the BBC") or a title of one country's office
   ("Pope Francis"), from the place it is "of"/"in"/"from", from the country whose stance it states ("X reaffirmed
   Iran's support"), else the article's own country where the article establishes one (dateline, else the
   country most of its place names are in), marked "article"; a US state named as one ("Washington State",
   "Seattle, Washington") is a place of its own in the United States, not the United States; a person of no
   country tied to an organisation of known country ("Taliban spokesman X", "WeWork's founder, X") takes
   the organisation's, before the article's; so does a member of the US Congress by title ('Sen.',
   'congresswoman') in an article that names the United States; a player takes the country of the side
   whose match they won or lost as the sentence reports it ('Argentina got past Chile, with Pella beating
   Jarry'); a well-known actor the text gives no country has the one of the project's lexicon ('Donald Trump' in
   a story datelined Beijing, `known_country`), before the article's; the place names that vote for the
   article's country must set the story there (`setting`).
It writes `doc._.entities` (list of `Entity`), `doc._.actor_genders` (entity id -> "m"/"f" where known)
and `doc._.actor_spans` (char start, end, entity id),
which `resolve_span` reads to resolve a speaker or an event's actor.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism import gazetteer, lexicons
from newsprism.doctext import text_of
from newsprism.schema import Entity, Span as OutSpan

for _name in ("entities", "actor_spans", "actor_genders"):  # what the component writes
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}

# The word lists: newsprism/lexicons/roles.json (a one-line reason for each there).
# Words that name a role, not a person: stripped from names, and used to resolve "the Imam".
TITLES = lexicons.words("roles", "titles")
TITLE_ABBREVIATIONS = lexicons.words("roles", "title_abbreviations")  # 'Det. Ana Ruiz': a title, kept one token

# Heads of noun phrases that can name a state or its organs ("the Zionist regime", "Russian troops").
STATE_NOUNS = lexicons.words("roles", "state_nouns")
# Heads that, without a people's adjective, point back to the last labelled actor ("the enemy").
BACK_POINTING = lexicons.words("roles", "back_pointing")

PERSONAL_PRONOUNS = lexicons.words("roles", "personal_pronouns")
PRONOUN_GENDER: dict[str, str] = lexicons.table("roles", "pronoun_gender")
# Titles and role nouns that say a person's gender.
GENDERED: dict[str, str] = lexicons.table("roles", "gendered")
MONTHS = lexicons.words("roles", "date_words")  # month and weekday names
# A line that is page furniture, not article text: its names are no actors.
FURNITURE_LINE = re.compile("|".join(lexicons.load("furniture")["actor_line"]), re.I)  # lexicons/furniture.json
# A line longer than this is running text (a paragraph, or a whole story given as one line, as VOA's are): a word of
# furniture in it ('received advertisement contracts', 'wants to sign up for') does not make it furniture; a mark
# of one (an e-mail or a handle's '@', a web address, '©') still does.
PROSE_LINE_CHARS = 400
FURNITURE_MARK = re.compile(r"@|https?://|www\.|©")
BYLINE = re.compile(r"^\s*(?:by|written by|reporting by|editing by)\s+\S", re.I)
BYLINE_MAX_WORDS = 12  # a byline is short ('By Jane Doe and John Roe, Reuters'); a longer 'By ...' line is text
# A wire service's credit line in brackets, whatever its length: '(Reporting by Andy Bruce in London and Ankur
# Banerjee in Bengaluru; Editing by Joyjeet Das)'.
CREDIT_LINE = re.compile(r"^\s*\(\s*(?:additional )?(?:reporting|writing|editing|compiled) by\b[^()]*\)\s*$", re.I)
# A reporter's signature line: a name and a journalist's role ('Caroline Hawley, BBC diplomatic correspondent').
SIGNATURE_LINE = re.compile(r"^\s*[A-Z][\w.'’ -]{2,40},\s+(?:[\w.'’-]+\s+){0,4}"
                            r"(?:correspondent|reporter|editor|writer|columnist|journalist)\s*$")
NAME_DATE_MAX_WORDS = 4  # a name's line with at most this many date words besides is a byline without its 'By'
NAME_DATE_MAX_CHARS = 200  # such a line is short; longer lines are not split into words for every name on them
QUOTE_SIDE = re.compile('["“”]')  # a double quotation mark between a name and a pronoun: one is quoted, one not
TRIBAL_WINDOW = 2  # 'Indian' names a people when a tribal word stands within this many tokens of it
DATELINE_CHARS = 120  # the dateline ('KINGSTON, Jamaica —') lies within the article's first characters
# Words after a name that make it a pathogen's variant, not a person ("Delta variant", "Omicron strain").
VARIANT_NOUNS = lexicons.words("roles", "variant_nouns")
PRODUCT_NOUNS = lexicons.words("roles", "product_nouns")  # 'the ZBVI Radio app': a product, no actor
ROAD_WORDS = lexicons.words("roles", "road_words")  # 'Waterfront Drive': a place, never a person
SITE_NAME = re.compile(r"\b[\w-]+\.(?:com|net|org|co|news|tv|info|gov|io)\b", re.I)  # 'BVINEWS.COM Statement'
HOME_MIN_MENTIONS = 2  # the article's own country must be named at least this often ...
HOME_MIN_SHARE = 0.5  # ... and take at least this share of the place names whose country is known or not
# Nouns that make a people's adjective part of a group's own name ("Seminole Indian Tribe"), not a nationality.
TRIBAL = lexicons.words("roles", "tribal")
ORG_WORDS = lexicons.words("roles", "org_nouns")
ORG_NAME_ENDINGS = lexicons.words("roles", "org_name_endings")  # 'Dick Clark Productions' is no person
STATE_INSTITUTIONS = lexicons.words("roles", "state_institutions")  # 'A Kenyan court ruled': set in Kenya
US_CONGRESS = lexicons.words("roles", "us_congress_titles")  # 'Sen. John McCain', 'congresswoman X': American
PLACE_TYPES = {"GPE", "LOC", "FAC"}
SPEAKING = frozenset({"say", "tell", "add", "ask", "explain", "recall", "insist"})  # a person who says so
GOVERNMENT_SEATS = lexicons.load("roles")["government_seats"]  # 'the White House' is the United States' government
NATIONAL_BODIES = lexicons.load("roles")["national_bodies"]  # 'the FBI', 'the BBC': an organisation of its country
NAME_PARTICLES = lexicons.words("roles", "name_particles")  # 'Ursula von der Leyen'
PUBLICATION_HEADS = lexicons.words("roles", "publication_heads")  # 'the Sioux Falls Argus Leader'
TITLE_COUNTRIES = lexicons.load("roles")["title_countries"]  # 'Pope Francis': the Holy See's
MULTINATIONAL_WORDS = lexicons.words("roles", "multinational_words")  # 'Amnesty International': no one country
ALIAS_VERBS = {"known", "nicknamed", "dubbed"}  # 'X, known (also) as Y': Y is X's other name
# Posts held for another country ('the U.N. special envoy for Syria', 'the special rapporteur for Afghanistan').
POST_NOUNS = {"envoy", "ambassador", "rapporteur", "mediator", "coordinator"}
ROLE_ENDINGS = tuple(lexicons.words("roles", "role_endings"))
ROLE_SYNONYMS = lexicons.words("roles", "role_synonyms")
EXPERTISE_NOUNS = lexicons.words("roles", "expertise_nouns")  # 'a Ukraine specialist' is no Ukrainian
WIN_VERBS = lexicons.words("roles", "win_verbs")  # 'Pella beating Jarry': who beat and who was beaten
LOSS_VERBS = lexicons.words("roles", "loss_verbs")  # 'The United States lost to Canada'
COMPASS_WORDS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}  # 'Minister of Finance Office' stays an organisation


SAID_VERBS = frozenset({"say", "tell", "add", "write", "insist", "explain", "note", "argue", "claim"})  # 'X said
# she ...': her own words of herself (`speaker_said_vote`)


@dataclass
class Cluster:
    """One actor being built: its names, type votes, mentions and labels as char spans."""

    key: str
    names: list[str] = field(default_factory=list)
    types: Counter = field(default_factory=Counter)
    country: str | None = None
    country_source: str | None = None  # "name", "text", "known" or "article", as in `Entity`
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
    return tok.lower_.rstrip(".") in TITLES or tok.lower_ in TITLES or tok.text in TITLE_ABBREVIATIONS


def own_description(noun: Token) -> bool:
    """A role noun that describes someone of its own rather than pointing back: indefinite ('a GE spokesman',
    'an aide') or owned by a name or a noun ("Morrison's lawyer", "the company's president"; not 'his
    lawyer', which points back with its pronoun)."""
    return any((c.dep_ == "det" and c.lower_ in {"a", "an", "another"})
               or (c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}) for c in noun.lefts)


def name_tokens(ent: Span) -> list[Token]:
    """The tokens of a named mention without determiners, titles, possessive endings or punctuation; a person's
    mention that runs on from its owner ("Broad's Zhang", "Harvard's Steven Pinker") is the person's name alone:
    the owner is another actor."""
    owner_end = max((t.i + 1 for t in ent[:-1] if t.tag_ == "POS"), default=ent.start)
    if ent.label_ == "PERSON" and owner_end > ent.start:
        ent = ent.doc[owner_end : ent.end]
    toks = [t for t in ent if not t.is_punct and t.lower_ not in {"the", "'s", "’s", "'", "’"}]
    if ent.label_ != "PERSON" and toks and toks[-1].lower_.rstrip(".") in ORG_NAME_ENDINGS | ORG_WORDS:
        return toks  # 'General Motors', 'Supreme Court': the title word is the organisation's name
    while toks and (is_title(toks[0]) or toks[0].tag_ == "VBG") and len(toks) > 1:
        toks = toks[1:]  # 'President', 'CEO'; 'Hosting' of 'Hosting Cook at Dreamforce' opening a sentence
    while len(toks) > 1 and (toks[-1].lower_.rstrip(".") in MONTHS or toks[-1].like_num):
        toks = toks[:-1]  # a date glued to a name: "Jane Doe May 4"
    if len(toks) == 1 and is_title(toks[0]):
        return []
    return toks


def state_named(ent: Span, word: str) -> bool:
    """A US state whose name is also its country's or capital's ('Washington') named as the state: 'the
    state of Washington', 'Washington state', 'Seattle, Washington'."""
    if gazetteer.norm(word) not in gazetteer.us_states() or not gazetteer.country_code(word):
        return False
    doc = ent.doc
    before = [t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]]
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    city_before = ent.start >= 2 and doc[ent.start - 1].text == "," and doc[ent.start - 2].ent_type_ == "GPE"
    return after == "state" or before[-2:] == ["state", "of"] or city_before


def titled(ent: Span) -> bool:
    """A name with a person's title before it or at its start ('Premier Andrew Fahie', 'Gov. Jane Doe')."""
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
    return (is_title(ent[0]) and len(ent) > 1) or (prev is not None and is_title(prev) and (
        prev.text[:1].isupper() or (prev.dep_ == "compound" and prev.head.i in range(ent.start, ent.end))))


def named_organisation(ent: Span, words: list[str]) -> bool:
    """A name the text gives an organisation: of two words or more ending in an organisation's word
    ('Dick Clark Productions', 'Acme Holdings Inc'), or set beside an organisation's noun in apposition ('The
    company that runs the AMAs, Dick Clark Productions')."""
    if len(words) > 1 and words[-1].lower().rstrip(".") in ORG_NAME_ENDINGS | ORG_WORDS:
        return True
    root = ent.root
    nouns = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    return any(n.pos_ == "NOUN" and n.lemma_.lower() in ORG_WORDS and not (ent.start <= n.i < ent.end)
               and any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in n.children)
               for n in nouns)  # not 'Taylor Swift, her former record label and ...': a list, not an apposition


def titled_person(ent: Span, words: list[str]) -> bool:
    """An ORG of two or three words after a person's title, the first a first name ('Premier Andrew Fahie',
    'executive chair Marcelo Claure'), or a GPE of two or three words after one that names no place the
    gazetteer knows ('Solo Mayor Hadi Rudyatmo'): a person, whatever the tagger said."""
    if not (titled(ent) and 2 <= len(words) <= 3) or (ORG_WORDS | ORG_NAME_ENDINGS) & {w.lower() for w in words}:
        return False
    if ent.label_ == "GPE":
        name = " ".join(words)
        return gazetteer.place_country(name) is None and gazetteer.demonym_country(name) is None and all(
            gazetteer.place_country(w) is None for w in words)
    return ent.label_ == "ORG" and bool(name_gender(words[0]))


def ruled_country(ent: Span) -> str | None:
    """The country a person is named as ruling or leading: 'the United States under President Joe Biden',
    'Russia under Putin' (the person the object of 'under' after the country's name)."""
    root = name_root(ent)
    under = root.head
    if root.dep_ != "pobj" or under.lower_ != "under" or under.i == 0:
        return None
    state = under.doc[under.i - 1]  # the country's name just before 'under', wherever the parse hung 'under'
    return gazetteer.country_code(entity_words(state)) if state.ent_type_ == "GPE" else None


def national_body(name: str) -> str | None:
    """The country of a country's own institution by its name (`NATIONAL_BODIES`), its organisation's words
    after it left out ('Xinhua News Agency' is Xinhua's, 'the US State Department' the State Department's: a
    country's name before it says the same)."""
    words = name.lower().replace("’", "'").split()
    if words[:1] == ["the"]:
        words = words[1:]
    while words and words[-1] in ORG_WORDS | {"news", "agency"} and " ".join(words) not in NATIONAL_BODIES:
        words = words[:-1]
    if len(words) > 1 and gazetteer.place_country(words[0]) and " ".join(words) not in NATIONAL_BODIES:
        words = words[1:]
    return NATIONAL_BODIES.get(" ".join(words))


def role_beside(ent: Span, words: list[str]) -> bool:
    """An ORG or a place of two or three words, the first a known first name, set beside a person's role in
    apposition ('Morgan Kehr, a senior firefighter from Edmonton'), or beside an age ('Lydia Rosasi, 29,'), or
    joined by 'and' to a person's name ('Prince Harry and Meghan Markle' with 'Meghan Markle' tagged ORG): a
    person, whatever the tagger said. So is
    a one-word ORG or place after a capitalised name word the tagger left out ('Siyoka Simasiku, director at
    the conservation coalition, says' with 'Simasiku' alone tagged ORG: `cut_name`)."""
    if ent.label_ not in {"ORG", "GPE", "LOC"}:
        return False
    if not (2 <= len(words) <= 3 and first_name(words[0])) and not (len(words) == 1 and cut_name(ent)):
        return False
    if ORG_WORDS & {w.lower() for w in words} or gazetteer.place_country(" ".join(words)):
        return False
    if len(words) > 1 and any(c.ent_type_ == "PERSON" for c in name_root(ent).conjuncts):
        return True
    if len(words) > 1 and any(c.dep_ == "appos" and c.like_num and c.text.isdigit() and 0 < int(c.text) < 120
                              for c in name_root(ent).children):
        return True  # 'Lydia Rosasi, 29, works at ...': an age says a person
    return any(r.endswith(ROLE_ENDINGS) or r in ROLE_SYNONYMS or r in TITLES for r in apposition_roles(ent)
               if r not in ORG_WORDS)


def cut_name(ent: Span) -> Token | None:
    """The capitalised word just before a one-word entity that the parse makes part of its name but the tagger
    left out ('Siyoka' of 'Siyoka Simasiku' with 'Simasiku' tagged alone), else None."""
    if len(ent) != 1 or ent.start == 0:
        return None
    prev = ent.doc[ent.start - 1]
    if (prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.head.i == ent.root.i and not prev.ent_type_
            and prev.is_alpha and prev.text[:1].isupper() and not prev.is_upper and not is_title(prev)):
        return prev
    return None


def surname_after(ent: Span) -> Token | None:
    """The capitalised word just after a one-word entity that the parse makes the head of its name but the tagger
    left out ('Tajaroensuk' of 'Chalida Tajaroensuk' with 'Chalida' alone tagged a place), else None."""
    if len(ent) != 1 or ent.end >= len(ent.doc):
        return None
    nxt = ent.doc[ent.end]
    if (nxt.pos_ == "PROPN" and not nxt.ent_type_ and ent.root.dep_ == "compound" and ent.root.head.i == nxt.i
            and nxt.is_alpha and nxt.text[:1].isupper() and not nxt.is_upper and not is_title(nxt)):
        return nxt
    return None


def introduced_by_who(ent: Span, words: list[str]) -> bool:
    """A place or organisation of at most three words, none an organisation's word nor a place the gazetteer
    knows, that a relative clause with 'who' describes ('Chalida Tajaroensuk, who heads ...' with 'Chalida'
    tagged a place; 'A Qiang, who used to work ...'): 'who' says a person, whatever the tagger said."""
    if ent.label_ not in {"ORG", "GPE", "LOC"} or len(words) > 3:
        return False
    name = " ".join(words)
    if ORG_WORDS & {w.lower() for w in words} or gazetteer.place_country(name) or gazetteer.demonym_country(name):
        return False
    return bool(who_clauses(surname_after(ent) or name_root(ent)))


def who_clauses(head: Token) -> list[Token]:
    """The verbs of the relative clauses on a name whose subject is 'who' ('Chalida Tajaroensuk, who heads ...',
    'Andy Paul Chen, who is from Singapore')."""
    return [c for c in head.children if c.dep_ == "relcl"
            and any(k.lower_ == "who" and k.dep_ in {"nsubj", "nsubjpass"} for k in c.children)]


def called_his_or_hers(ent: Span, words: list[str]) -> bool:
    """An ORG of at most three words, no organisation's word among them, that is a verb's subject whose object
    the text gives 'his' or 'her' ('Chandor asked his leading man to pick a time'): an organisation's object is
    'its', so the text says a person, whatever the tagger said."""
    root = ent.root
    if ent.label_ != "ORG" or root.dep_ != "nsubj" or len(words) > 3:
        return False
    low = {w.lower().rstrip(".") for w in words}
    name = " ".join(words)
    if low & (ORG_WORDS | ORG_NAME_ENDINGS) or multinational(name) or gazetteer.place_country(name):
        return False
    objects = [c for c in root.head.children if c.dep_ in {"dobj", "dative"} and c.i > root.i]
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" and c.lower_ in {"his", "her"} for o in objects for c in o.children)


def widened(ent: Span) -> Span:
    """A person's name with the given names NER left out ("Ana" of "Ana Diaz" tagged "Diaz"), and run on through
    the name's particles to the surname NER left out or tagged apart ('Ursula von der' a person and 'Leyen' a
    place: 'Ursula von der Leyen'); a paper's name
    of two words or more with the last word NER left out where that word is a role noun too ("the Sioux Falls
    Argus" of "the Sioux Falls Argus Leader", "The Hollywood" of "The Hollywood Reporter"): the word heads the
    name, so it is no title before a person's name ('Hezbollah Leader Hassan Nasrallah')."""
    start, end = ent.start, ent.end
    while (ent.label_ == "PERSON" and start > 0 and ent.doc[start - 1].pos_ == "PROPN" and not ent.doc[start - 1].ent_type_
           and ent.doc[start - 1].text[:1].isupper() and ent.doc[start - 1].is_alpha and not is_title(ent.doc[start - 1])):
        start -= 1
    past = end
    while past < len(ent.doc) and ent.doc[past].text in NAME_PARTICLES:
        past += 1
    if (ent.label_ == "PERSON" and (past > end or ent.doc[end - 1].text in NAME_PARTICLES) and past < len(ent.doc)
            and name_word(ent.doc[past])):
        end = past + 1
    if (ent.label_ == "PERSON" and end < len(ent.doc) and ent.doc[end].ent_iob_ == "B"
            and ent.doc[end].ent_type_ == "PERSON" and ent.doc[end - 1].whitespace_ == " " and ent.doc[end].text[:1].isupper()
            and not any(is_title(t) for t in ent.doc[start:end])):  # ('Charlotte Mayor' 'Jennifer Roberts': two)
        end = next((t.i for t in ent.doc[end + 1 :] if t.ent_iob_ != "I"), len(ent.doc))  # 'Amy Berman' 'Jackson': NER
        # cut one name in two people
    joint = end + 1 + (end + 2 < len(ent.doc) and ent.doc[end + 1].lower_ == "the" and ent.doc[end + 1].ent_iob_ != "B")
    if (ent.label_ == "ORG" and joint < len(ent.doc) and ent.doc[end].lower_ in {"for", "of"}
            and ent.doc[joint].ent_iob_ == "B" and ent.doc[joint].ent_type_ == "ORG"):
        end = next((t.i for t in ent.doc[joint + 1 :] if t.ent_iob_ != "I"), len(ent.doc))  # 'The Cambodian League'
        # 'for the' 'Promotion and Defense of Human Rights': NER cut one organisation's name in two
    nxt = ent.doc[end] if end < len(ent.doc) else None
    if (ent.label_ == "ORG" and len(ent) >= 2 and nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title
            and not nxt.ent_type_ and nxt.lower_ in PUBLICATION_HEADS and nxt.dep_ != "compound" and ent.root.head.i == nxt.i):
        end += 1
    return ent if (start, end) == (ent.start, ent.end) else Span(ent.doc, start, end, label=ent.label_)


DATELINE = re.compile(r"([A-Z][A-Za-z .'-]{1,40}?)(?:,\s*([A-Z][A-Za-z .'-]{1,30}?(?:/[A-Z][A-Za-z .'-]{1,30}?)*))?\s*(\([^)]{1,30}\))?\s*([—–-]{1,2}|:)(?:\s|(?<=[—–])(?=[A-Z]))")
# a press release's first line, in capitals and alone: 'BAAR, SWITZERLAND' above the first paragraph
LINE_DATELINE = re.compile(r"([A-Z][A-Z .'-]{1,40}),[ \t]*([A-Z][A-Z .'-]{1,30}?)[ \t]*\n")
BLANK_BEFORE = re.compile(r"\n[ \t]*\n[ \t]*$")  # the text before a line ends with a blank line: a new paragraph
WIRE_DATELINE_CHARS = 800  # a wire's dateline ('JAKARTA (Reuters) -') may open a line this far in, after captions


def dateline(text: str) -> tuple[int, str] | None:
    """The article's dateline ('KINGSTON, Jamaica —', 'NEW DELHI:') as (where it ends, its country), else None:
    a known place at the text's start, before a dash or, written in capitals, a colon, or alone on the first
    line in capitals with its country ('BAAR, SWITZERLAND'); or, with a wire's
    credit in brackets ('JAKARTA (Reuters) -'), or written in capitals before a dash and opening a
    paragraph ('VATICAN CITY—', 'MEXICO CITY - '), at the start of a line within `WIRE_DATELINE_CHARS`, after a page's caption, standfirst and link lines."""
    lead = len(text) - len(text.lstrip())
    if (m := LINE_DATELINE.match(text, lead)) and (code := gazetteer.place_country(m[2].strip().title())):
        return m.end() - 1, code
    starts = [lead] + [m.end() for m in re.finditer(r"\n[ \t]*", text[:WIRE_DATELINE_CHARS])]
    for at in starts:
        m = DATELINE.match(text[at : at + DATELINE_CHARS])
        if not m or (at != lead and not m[3] and not (m[1].isupper() and len(m[1].strip()) > 3 and m[4][0] in "—–-"
                                                      and BLANK_BEFORE.search(text[:at]))):
            continue  # further in, a wire's credit, or a paragraph opened by a place in capitals before a dash
            # ('Standfirst.\n\nVATICAN CITY—Six years ago', 'MEXICO CITY - The rise'); not a line such as
            # 'LONDON - The rest.' just below a first line
        if m[4] != ":" or m[1].isupper():  # 'NEW DELHI: ...'; a colon after words in lower case is no dateline
            for part in [*(m[2] or "").split("/"), m[1]]:  # 'SURABAYA, Indonesia/JAKARTA (Reuters) -'
                if part and (code := gazetteer.place_country(part.strip().title()) or gazetteer.qualifier_country(part)):
                    return at + m.end(4), code
    return None


def line_bounds(tok: Token) -> tuple[str, int, int]:
    """The Doc's text and where the line a token stands on starts and ends, without copying the line."""
    text = text_of(tok.doc)
    end = text.find("\n", tok.idx)
    return text, text.rfind("\n", 0, tok.idx) + 1, end if end >= 0 else len(text)


def on_furniture_line(tok: Token, bylines: bool = False) -> bool:
    """True when the token stands on a line of page furniture (e-mail, "Subscribe", credit: FURNITURE_LINE),
    or with `bylines` on a short "By ..." line. Decided once per line, so a text of one long line costs a
    search per line, not one per name on it."""
    return furniture_line_at(*line_bounds(tok), bylines)


@lru_cache(maxsize=16)  # the lines of the Docs being analysed; keyed by the text object, whose hash is kept
def furniture_line_at(text: str, start: int, end: int, bylines: bool) -> bool:
    """`on_furniture_line` for the line text[start:end]."""
    line = text[start:end]
    if (FURNITURE_MARK if end - start > PROSE_LINE_CHARS else FURNITURE_LINE).search(line):
        return True
    if bylines and (CREDIT_LINE.match(line) or SIGNATURE_LINE.match(line)):
        return True
    return bylines and bool(BYLINE.match(line)) and len(line.split()) <= BYLINE_MAX_WORDS


def is_furniture(ent: Span) -> bool:
    """A name that is no actor of the article: on a byline, e-mail, "Subscribe" or credit line, written in
    look-alike letters of other scripts, naming a virus variant ("the Delta variant"), a web site
    ("BVINEWS.COM Statement") or an app ("the ZBVI Radio app")."""
    if on_furniture_line(ent[0], bylines=True):
        return True
    text, start, end = line_bounds(ent[0])
    rest = text[start:end].replace(ent.text, " ").replace(",", " ").split() if end - start <= NAME_DATE_MAX_CHARS else []
    if rest and len(rest) <= NAME_DATE_MAX_WORDS and all(w.lower().rstrip(".") in MONTHS or w.isdigit() for w in rest):
        return True  # a line of a name and a date: a byline without its "By" ("Jane Doe May 4")
    if lookalike(ent.text):
        return True
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if ent.label_ in {"PERSON", "ORG", "NORP"} and after is not None and after.lower_ in VARIANT_NOUNS:
        return True
    if SITE_NAME.search(ent.text) or (after is not None and after.lower_ in PRODUCT_NOUNS):
        return True  # a site's name ('BVINEWS.COM Statement') or an app's ('the ZBVI Radio app'): no actor
    return ent.label_ == "PERSON" and any(ch.isdigit() for ch in ent.text)


def lookalike(text: str) -> bool:
    """Letters that only look Latin: styled letters (mathematical, full-width) or words mixing Latin with
    Cyrillic or Greek letters, as advertising and spam write to pass filters."""
    if unicodedata.normalize("NFKC", text) != text:
        return True
    for word in text.split():
        scripts = {unicodedata.name(ch, "").split(" ")[0] for ch in word if ch.isalpha()}
        if "LATIN" in scripts and scripts & {"CYRILLIC", "GREEK"}:
            return True
    return False


@lru_cache(maxsize=1)
def _first_names():
    """gender_guesser's detector of a first name's gender (its name lists ship inside the package)."""
    from gender_guesser.detector import Detector

    return Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name(word: str) -> bool:
    """Whether a word is a known first name (of either gender or both)."""
    return _first_names().get_gender(word) != "unknown"


def name_word(tok: Token) -> bool:
    """A word that can be part of a person's name: a capitalised proper noun, not a title or a date word."""
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.replace("-", "").replace("'", "").isalpha()
            and not is_title(tok) and tok.lower_ not in MONTHS)


def modifier_peoples(noun: Token) -> set[str]:
    """The countries a noun's modifiers name by a people's adjective or a country's name ('the former French
    foreign minister', "China's U.N. ambassador"): a person of another country is not the one it describes. A
    word NER tagged is read as `country_word` reads it, over its whole name ('the former New Jersey governor' is
    no Jersey)."""
    return {c for t in noun.doc[noun.left_edge.i : noun.i]
            if (c := country_word(t) if t.ent_type_ else gazetteer.demonym_country(t.text) or gazetteer.country_code(t.text))}


def lone_subjects(doc: Doc) -> set[str]:
    """Name words that stand alone as a subject ('Ruiz, who was convicted last year, maintains ...'): where a
    name NER missed ends with one ('Lawyers for Ana Ruiz said'), the text calls a person by that surname."""
    return {t.text for t in doc if t.dep_ in {"nsubj", "nsubjpass"} and name_word(t)
            and not (t.i > 0 and name_word(doc[t.i - 1]))}


def acting_subject(name: Span) -> bool:
    """A first name and a surname NER left untagged, no word of them tagged anything, that are together a
    verb's subject ('Ana Ruiz thanked the rescuers'): a person, unless the last word is an organisation's or the
    name a place's ('Georgia Power')."""
    words = [t.text for t in name]
    return (len(words) in {2, 3} and not any(t.ent_type_ for t in name)  # ('Timothy Weeks', 'Weeks' a date: no)
            and name.root.dep_ in {"nsubj", "nsubjpass"} and name.root.head.pos_ == "VERB"
            and words[-1].lower().rstrip(".") not in ORG_WORDS | ORG_NAME_ENDINGS
            and not gazetteer.place_country(" ".join(words)) and not gazetteer.place_country(words[-1]))


def missed_people(doc: Doc) -> list[Span]:
    """People NER missed whom the text introduces as people: a known first name and the name words after it,
    after a title, a people's adjective or a title's words ('Australian Timothy Weeks', with 'Weeks' tagged a
    date; 'Deputy Director of Public Prosecution Eva-Marie Persson'), whose last word the text makes a
    subject alone elsewhere (`lone_subjects`), or that is a verb's subject (`acting_subject`); a single name
    set before a title in apposition ('Soelistyo, head of Indonesia's search and rescue agency, told ...')."""
    taken = {t.i for e in doc.ents if e.label_ in ENTITY_TYPES | {"PRODUCT", "WORK_OF_ART"} for t in e}
    lone = lone_subjects(doc)
    out: list[Span] = []
    for tok in doc:
        if tok.i in taken or not name_word(tok) or (out and tok.i < out[-1].end):
            continue
        if first_name(tok.text.split("-")[0]):
            j = tok.i + 1
            while j < len(doc) and j not in taken and (name_word(doc[j]) or (
                    doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_)):
                j += 1
            prev = doc[tok.i - 1] if tok.i > 0 else None
            titled = any(is_title(t) for t in doc[max(0, tok.i - 6) : tok.i])
            if j - tok.i >= 2 and doc[j - 1].text != "-" and (
                    (prev is not None and (is_title(prev) or prev.ent_type_ == "NORP"
                                           or (prev.pos_ == "PROPN" and titled)))
                    or doc[j - 1].text in lone or acting_subject(doc[tok.i : j])):
                out.append(Span(doc, tok.i, j, label="PERSON"))
                continue
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (after is not None and after.text == "," and not tok.is_upper and tok.lower_ not in ORG_WORDS
                and (tok.i == 0 or not name_word(doc[tok.i - 1]))
                and any(c.dep_ == "appos" and c.pos_ == "NOUN" and (is_title(c) or c.lemma_ == "head") for c in tok.children)):
            out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    return out


GERMAN_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@lru_cache(maxsize=8192)
def name_forms(word: str) -> frozenset[str]:
    """The lower-cased ways a name word is written: as is, without its accents, and with a German umlaut
    spelt out ('Müller', 'Muller', 'Mueller': one surname in a story that writes it all three ways). Cached:
    every name mentioned is compared with every person's names (about 3,000 calls per article)."""
    low = word.lower()
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch))
    return frozenset({low, bare, low.translate(GERMAN_UMLAUTS)})


def same_name_word(a: str, b: str) -> bool:
    """Whether two name words are one written two ways (`name_forms`); only a word with accents has other
    forms, so 'Muller' and 'Mueller' alone stay two names."""
    return a.lower() == b.lower() or b.lower() in name_forms(a) or a.lower() in name_forms(b)


@lru_cache(maxsize=4096)
def name_gender(first: str, only: bool = False) -> str | None:
    """'m' or 'f' for a first name that is mostly given to men or to women, else None; with `only`, for a
    name given to one only: a name mostly given to one ('Tri', 'Robin') says too little of its bearer to
    overrule the text's own 'she' after a quote of hers."""
    guess = _first_names().get_gender(first)
    return {"male": "m", "female": "f", **({} if only else {"mostly_male": "m", "mostly_female": "f"})}.get(guess)


def name_root(ent: Span) -> Token:
    """The head of a name as the parse hung it: the span's root, or where the parse broke a hyphenated name
    ('Israeli businessman Amir Gal-Or': 'Gal' the businessman's apposition, '-' and 'Or' hung on the verb) the
    name word the parse hung outside the name, so that its modifiers and apposition are the name's."""
    broken = {"cc", "punct", "dep"}
    if ent.root.pos_ in {"PROPN", "NOUN"} and ent.root.dep_ not in broken:
        return ent.root
    return next((t for t in ent if t.pos_ in {"PROPN", "NOUN"} and t.dep_ not in broken
                 and not ent.start <= t.head.i < ent.end), ent.root)


def modifier_country(ent: Span) -> str | None:
    """The country a person or group belongs to as its noun phrase says: a people's adjective or country
    before it ("Palestinian Hamas", "the Peruvian foreign minister Ana Ruiz") or in its apposition ("Ana
    Ruiz, Peru's foreign minister"; "the head of the Palestinian movement, Ismail Haniyeh")."""
    root = name_root(ent)
    head = root
    while head.dep_ in {"compound", "amod"} and head.head.i != head.i and head.head.pos_ in {"NOUN", "PROPN"}:
        head = head.head
    for tok in head.subtree:
        if tok.i >= head.i:
            break
        if not (ent.start <= tok.i < ent.end) and not post_or_subject(tok) and (code := country_word(tok) or based_in(tok)):
            return code
    if head.dep_ == "pobj" and head.head.lower_ == "of" and is_title(title := head.head.head):
        # 'French Minister of Armed Forces Florence Parly': the name parsed as the office's object; the title's
        # people adjective before it is the person's
        for tok in title.lefts:
            if tok.i < title.i and not post_or_subject(tok) and (code := country_word(tok)):
                return code
    appositions = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        appositions.append(root.head)
    appositions = [a for a in appositions if a.ent_type_ not in {"GPE", "LOC"}]  # a dateline is no apposition
    for noun in appositions:
        # the name and, in the apposition it is hung on, its own clause ('Pope Benedict XVI aimed to curb ...
        # American nuns', hung on a dateline's 'CITY'): what they did, not who they are
        own = {t.i for t in root.subtree} if noun.i == root.head.i else set(range(ent.start, ent.end))
        for tok in noun.subtree:
            if (tok.i not in own and tok.ent_type_ != "PERSON" and not post_or_subject(tok)
                    and not of_another_person(tok, ent) and (code := country_word(tok) or based_in(tok))):
                return code
        if noun.pos_ == "NOUN" and (code := place_of(noun)):
            return code  # 'Cheuk Hau-yip, the commander of Kowloon West district'
    return None


def relative_country(ent: Span) -> str | None:
    """The country a relative clause on the name gives: 'Andy Paul Chen, who is from Singapore', 'Maria Lopez, who
    comes from Peru', 'Mehdiyev, who is Azerbaijani'."""
    for verb in who_clauses(name_root(ent)):
        if verb.lemma_ not in {"be", "come", "hail"}:
            continue
        for tok in verb.rights:
            if tok.dep_ in {"attr", "acomp"} and (code := gazetteer.demonym_country(tok.text)):
                return code
            if tok.dep_ == "prep" and tok.lower_ == "from":
                place = next((t for t in tok.children if t.dep_ == "pobj"), None)
                if place is not None and place.ent_type_ in {"GPE", "LOC"}:
                    return gazetteer.place_country(entity_words(place))
    return None


def based_in(tok: Token) -> str | None:
    """The country of a place written before '-based' ('a London-based analyst', 'the Sydney-based group'):
    where the person or group is, so theirs."""
    doc = tok.doc
    if tok.ent_type_ not in {"GPE", "LOC"} or tok.i + 2 >= len(doc) or doc[tok.i + 1].ent_iob_ == "I":
        return None
    if doc[tok.i + 1].text in {"-", "–"} and doc[tok.i + 2].lower_ == "based":
        return gazetteer.place_country(entity_words(tok))
    return None


def of_another_person(tok: Token, ent: Span) -> bool:
    """A country word that modifies another person named in the apposition ("Jennifer Williams, an aide to
    Vice President Pence on the call with Ukrainian President Zelensky": Zelensky is Ukrainian, not her)."""
    head = tok
    while head.dep_ in {"amod", "compound", "poss"} and head.head.i != head.i:
        head = head.head
        if head.ent_type_ == "PERSON" and not (ent.start <= head.i < ent.end):
            return True
    return False


def post_or_subject(tok: Token) -> bool:
    """A country word that is not the person's own country: the post's host ("China's ambassador to Britain
    Liu Xiaming", "Kurt Volker, the former special envoy to Ukraine") or the subject of an expert's role
    ("Alexander Vindman, a Ukraine specialist"; a people's adjective still says who they are: "a
    Ukrainian analyst")."""
    if (tok.dep_ == "pobj" and tok.head.lower_ == "to") or (tok.i > 0 and tok.doc[tok.i - 1].lower_ == "to"
                                                            and tok.dep_ != "poss"):
        return True  # but 'a call to Russia's President Medvedev': the country owns the title, so is his
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in POST_NOUNS:
        return True  # 'Geir Pedersen, the U.N. special envoy for Syria': the post's host, not his country
    return (tok.ent_type_ in {"GPE", "LOC"} and tok.dep_ == "compound" and tok.head.lemma_.lower() in EXPERTISE_NOUNS
            and gazetteer.demonym_country(tok.text) is None)


SETTING_PREPOSITIONS = lexicons.words("roles", "setting_prepositions")  # 'protests in Iran': set there


def setting(ent: Span, name: str, country: str) -> bool:
    """A place name that sets the story in its country: a place inside it ('Sydney', 'Ohio'), or the
    country's own name as where something is or happens ('protests in Iran', 'across China'), not as a state
    that acts or owns ('North Korea blames ...', "North Korea's leader")."""
    if gazetteer.country_code(name) != country or gazetteer.norm(name) in gazetteer.cities_by_name():
        return True  # 'Washington', a country's other name, is a city in it too
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in SETTING_PREPOSITIONS


def foreign_place(tok: Token) -> bool:
    """A place the text names as a post's host or an expert's subject ("Kurt Volker, the former special envoy
    to Ukraine", "a Ukraine specialist"): a country foreign to the people the story is about, so no vote for
    the article's own country (`ActorResolver.most_named`); 'flew to Ukraine' is none."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.dep_ == "prep" and is_title(tok.head.head):
        return True
    return (tok.dep_ == "compound" and tok.head.lemma_.lower() in EXPERTISE_NOUNS
            and gazetteer.demonym_country(tok.text) is None)


def country_word(tok: Token) -> str | None:
    """The country a NORP or GPE word names ("Peruvian", "Peru's"), read over the whole name the word is part
    of ("Hong Kong's"), unless it is part of a tribe's name; a country's name inside an organisation's name
    ("the UK Home Secretary", NER's 'UK Home' an ORG) names that country too."""
    if tok.ent_type_ == "ORG":
        before = [t.text for t in tok.doc[max(0, tok.i - 2) : tok.i]]
        return gazetteer.country_code(tok.text) if tok.pos_ == "PROPN" and not part_of_new_place(before) else None
    if tok.ent_type_ not in {"NORP", "GPE"}:
        return None
    if tok.ent_type_ == "NORP" and tribal(tok):
        return None
    words = entity_words(tok)
    whole_place = " " in words and gazetteer.place_country(words)  # 'New Jersey' is no 'Jersey' (JEY)
    code = gazetteer.demonym_country(words) or gazetteer.country_code(words) or (None if whole_place else (
        gazetteer.demonym_country(tok.text) or gazetteer.country_code(tok.text)))
    if code is None and tok.ent_type_ == "GPE" and tok.dep_ == "poss":
        return gazetteer.place_country(words)  # "Doug Ford, Ontario's provincial leader": a place's office is its country's
    return code


def entity_words(tok: Token) -> str:
    """The text of the named entity a token is part of (the token's own text when it is in none)."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def tribal(tok: Token) -> bool:
    """'Indian' in "the Seminole Indian Tribe" or "American Indian": a people's name, not India."""
    doc = tok.doc
    near = {doc[i].lower_ for i in range(max(0, tok.i - TRIBAL_WINDOW), min(len(doc), tok.i + TRIBAL_WINDOW + 1))}
    return tok.lower_ in {"indian", "indians"} and bool(near & (TRIBAL | {"american", "native", "first"}))


def part_of_new_place(before: list[str]) -> bool:
    """A country's name after 'New' (and a compass word) is part of another place's name: 'New South Wales'
    (Australia's), 'New England', 'New Mexico' (the United States'), not Wales, England or Mexico."""
    return before[-1:] == ["New"] or (len(before) == 2 and before[0] == "New" and before[1].lower() in COMPASS_WORDS)


def name_country(words: list[str]) -> str | None:
    """The country named inside a group's name: "Jamaica Constabulary Force" -> JAM, "Dallas Police
    Department" -> USA; a people's adjective counts only outside a tribe's name ("Seminole Indian Tribe")."""
    low = [w.lower() for w in words]
    if TRIBAL & set(low) or "native" in low:
        return None
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            chunk = " ".join(words[i : i + n])
            if chunk.lower() in {"the", "of", "and"} or part_of_new_place(words[max(0, i - 2) : i]):
                continue
            code = gazetteer.country_code(chunk) or gazetteer.demonym_country(chunk) or GOVERNMENT_SEATS.get(chunk.lower())
            if code:
                return code
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            chunk = " ".join(words[i : i + n])
            if (n == 1 and not gazetteer.major_place(chunk)) or part_of_new_place(words[max(0, i - 2) : i]):
                continue  # 'Federal' of the Federal Aviation Administration is no town in Argentina
            if chunk[:1].isupper() and (code := gazetteer.place_country(chunk)):
                return code
    return None


def name_place(words: list[str]) -> str | None:
    """The country of a place or country named inside an organisation's name ('Ann Arbor Police Department',
    'The New York Times', 'U.S. Securities and Exchange Commission'), a people's adjective left out: where
    the organisation is, one of the places an article is about (`ActorResolver.article_country`)."""
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            chunk = " ".join(words[i : i + n])
            if chunk[:1].isupper() and (code := GOVERNMENT_SEATS.get(chunk.lower())):
                return code  # 'White House National Security Council': the story is about the US government
            if part_of_new_place(words[max(0, i - 2) : i]):
                continue  # 'Wales' of 'New South Wales'
            if chunk[:1].isupper() and (gazetteer.country_code(chunk) or (n > 1 or gazetteer.major_place(chunk))):
                if code := gazetteer.country_code(chunk) or gazetteer.place_country(chunk):
                    return code
    return None


def spelled_out(text: str, short: str) -> list[str]:
    """The words an acronym stands for where the text spells them out before it in brackets ('The New York
    State Attorney General (NYAG)' -> New York State Attorney General), its letters the initials of some of
    them in order, the first the first's; else []."""
    if not (2 <= len(short) <= 8 and short.isalpha() and short.isupper()):
        return []
    m = re.search(r"((?:[A-Z][\w.'’-]*\s+(?:(?:of|for|and|the|on)\s+)*){2,8})\(\s*" + re.escape(short) + r"\s*\)", text)
    if not m:
        return []
    words = m[1].split()
    if words[0].lower() == "the":
        words = words[1:]
    initials, letters = iter(w[0] for w in words), short
    if not words or words[0][0] != short[0] or not all(ch in initials for ch in letters):
        return []
    return words


def belonging_country(ent: Span) -> str | None:
    """The country of the place a person or group is "of", "in", "from" or "at" ("police in Dallas"); for an
    organisation's name set before its kind ('the Cato Institute think tank in Washington', 'the Ascom group in
    Baar'), the place that kind is in."""
    if (code := place_of(ent.root)) is not None:
        return code
    head = ent.root.head
    if ent.root.dep_ == "compound" and head.pos_ == "NOUN" and not ent.start <= head.i < ent.end and (
            head.lemma_.lower() in ORG_WORDS or head.lemma_.lower() == "tank"):
        return place_of(head)
    return None


def in_us_state(ent: Span) -> bool:
    """A town written with its US state after a comma ('Bangor, Maine', 'Morro Bay, Calif.'), the town itself
    no state."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != "," or gazetteer.norm(ent.text) in gazetteer.us_states():
        return False
    state = doc[ent.end + 1]
    return state.text in gazetteer.US_STATE_ABBREVIATIONS or (
        state.ent_iob_ == "B" and gazetteer.norm(entity_words(state)) in gazetteer.us_states())


def place_of(head: Token) -> str | None:
    """The country of the place a noun is "of", "in", "from" or "at": "police in Dallas", "the commander of
    Kowloon West district" (the place a compound of the object; a compass word after its name left out)."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"of", "in", "from", "at"}:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if obj.ent_type_ in {"GPE", "LOC"}:
                place = obj.doc[obj.left_edge.i : obj.i + 1]
                after = obj.doc[place.end : place.end + 2]
                if len(after) == 2 and after[0].text == "," and after[1].text in gazetteer.US_STATE_ABBREVIATIONS:
                    return "USA"  # 'Kevin Swanson of Morro Bay, Calif.': the state says the country
                code = gazetteer.place_country(place.text) or gazetteer.place_country(obj.text)
                if code:
                    return code
            elif obj.pos_ == "PROPN" and not obj.ent_type_ and (code := gazetteer.country_code(obj.text)):
                return code  # 'of Japan' that NER left untagged: a country's own name says it
            for part in (c for c in obj.children if c.dep_ == "compound" and c.ent_type_ in {"GPE", "LOC"}):
                words = entity_words(part).split()
                while len(words) > 1 and words[-1].lower() in COMPASS_WORDS:
                    words = words[:-1]
                if code := gazetteer.place_country(" ".join(words)):
                    return code
    return None


def coordinated_country(ent: Span) -> str | None:
    """People joined by 'and' share what the phrase says of them all: the people's adjective before the
    first ("French duo Pierre-Hugues Herbert and Nicolas Mahut": Mahut is French too) and the place after
    the last ("Ben McLachlan and Yasutaka Uchiyama of Japan": McLachlan is of Japan too)."""
    root, doc = ent.root, ent.doc
    if root.dep_ == "conj" and root.head.ent_type_ == "PERSON":
        first = next((e for e in doc.ents if e.start <= root.head.i < e.end), None)
        if first is not None and (code := modifier_country(first)):
            return code
    for conj in root.children:
        if conj.dep_ == "conj" and conj.ent_type_ == "PERSON" and (code := place_of(conj)):
            return code
    return None


def role_noun_country(ent: Span) -> str | None:
    """A country word and one or two role nouns written just before a name ("Brazil star Neymar", "England
    captain Harry Kane") say the person's country where the parse hung the nouns elsewhere; not after a
    preposition ('flew to Brazil star ...'), nor an expert's subject ('Ukraine specialist X')."""
    doc, i, nouns = ent.doc, ent.start - 1, 0
    while i >= 0 and nouns < 2 and doc[i].pos_ == "NOUN" and not doc[i].ent_type_:
        if doc[i].lemma_.lower() in EXPERTISE_NOUNS:
            return None
        i, nouns = i - 1, nouns + 1
    if nouns == 0 or i < 0 or (i > 0 and doc[i - 1].pos_ == "ADP") or doc[i].ent_type_ not in {"GPE", "NORP"}:
        return None
    return country_word(doc[i])


def team_country(tok: Token | None) -> str | None:
    """The country a team is named by ('Canada', 'The United States', 'Chile' of NER's 'Chile 3-0')."""
    if tok is None:
        return None
    return gazetteer.country_code(entity_words(tok)) or gazetteer.country_code(tok.text)


def match_sides(verb: Token) -> tuple[Token | None, Token | None]:
    """Who won and who was beaten by a verb of winning ('Pella beating Jarry', 'Argentina got past Chile'),
    or of losing read the other way ('The United States lost to Canada': Canada won); else (None, None)."""
    lemma = verb.lemma_.lower()
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if lemma in LOSS_VERBS:
        to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None, subject
    if lemma not in WIN_VERBS:
        return None, None
    if lemma == "get":  # 'got past Chile'
        past = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "past"), None)
        return subject, next((c for c in past.children if c.dep_ == "pobj"), None) if past is not None else None
    beaten = next((c for c in verb.children if c.dep_ in {"dobj", "dative", "npadvmod"} and c.i > verb.i
                   and c.pos_ == "PROPN"), None)
    return subject, beaten


def match_country(ent: Span) -> str | None:
    """A player's country from the match between countries the sentence reports: in 'Argentina got past Chile,
    with Pella beating Jarry and Schwartzman defeating Garin' or 'The United States lost to Canada after
    Pospisil edged Opelka', the one who won a match of the tie (the subject of a verb of winning hung on the
    tie's verb) plays for the country that won it, the one beaten for the other; players joined by 'and'
    alike ('Kukushkin and Bublik defeated ...')."""
    root = ent.root
    while root.dep_ == "conj" and root.head.pos_ == "PROPN":
        root = root.head
    verb = root.head
    won, beaten = match_sides(verb) if verb.lemma_.lower() in WIN_VERBS else (None, None)
    side = 0 if won is not None and won.i == root.i else 1 if beaten is not None and beaten.i == root.i else None
    if side is None or verb.dep_ not in {"advcl", "conj", "pcomp"}:
        return None
    tie = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ in {"with", "after"} else verb.head
    teams = [team_country(t) for t in match_sides(tie)]
    if None in teams or teams[0] == teams[1]:
        return None
    return teams[side]


def seat_before(span: Span) -> str | None:
    """The country of a government's seat written before a name and its role words, which the tagger may
    leave untagged ('Downing Street spokesman James Slack', 'Elysee spokeswoman X'): the person speaks or
    works for that government."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and span.start - i <= 3 and (is_title(doc[i]) or doc[i].tag_ == "NN"):
        i -= 1  # the role words: 'spokesman', 'press secretary'
    if i == span.start - 1:
        return None
    for n in (2, 1):
        if i - n + 1 >= 0 and (code := GOVERNMENT_SEATS.get(doc[i - n + 1 : i + 1].text.lower())):
            return code
    return None


def stance_country(ent: Span) -> str | None:
    """A person stating a country's position speaks for it: "X reaffirmed Iran's support" -> IRN."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if ent.root.dep_ == "nsubj":
        verb = ent.root.head
    elif after is not None and after.pos_ == "VERB":  # a parse that lost the subject
        verb = after
    else:
        return None
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        for poss in obj.children:
            if poss.dep_ == "poss" and poss.ent_type_ == "GPE" and (code := gazetteer.country_code(poss.text)):
                return code
    return None


def multinational(name: str) -> bool:
    """An organisation of several countries or of none by its name ('Amnesty International', 'European Space
    Agency', 'the International Tennis Federation'): the text gives it no one country."""
    low = " " + " ".join(re.findall(r"[\w'’]+", name.lower())) + " "
    return any(f" {w} " in low for w in MULTINATIONAL_WORDS)


def apposition_roles(ent: Span) -> set[str]:
    """The role nouns set beside a name: 'X, a senior analyst' and 'the envoy, X' give 'analyst', 'envoy'."""
    root = ent.root
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    return {n.lemma_.lower() for n in nouns}


CLAUSE_DEPS = frozenset({"ROOT", "advcl", "ccomp", "relcl", "acl", "xcomp", "conj", "parataxis", "pcomp"})


def clause_of(tok: Token) -> Token:
    """The verb heading the clause a token is in: its nearest ancestor that heads a clause of its own (a
    gerund subject, 'managing his diabetes', stays in its verb's clause)."""
    while tok.dep_ not in CLAUSE_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok


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
        self.text = text_of(doc)
        self.clusters: dict[str, Cluster] = {}
        self.spans: list[tuple[int, int, str]] = []  # char start, end, cluster key
        self.covered: set[int] = set()  # token indices already part of a mention or label
        self.surnames: set[str] = set()  # lower-cased surnames of the people named in full
        self.places: list[tuple[int, int, str | None]] = []  # place names as written (GPE, LOC): start, end, country
        self.foreign: set[str] = set()  # countries named as a post's host or an expert's subject (`foreign_place`)
        self.inner: Counter = Counter()  # how often a place inside a country is named ('Surabaya': Indonesia)
        self.settings: set[str] = set()  # countries the text names a place in, or names as where things are (`setting`)
        self.org_places: list[tuple[int, int, str]] = []  # places inside organisations' names, as `places`
        self._votes: dict[str, Counter] | None = None  # gender votes of the text's pronouns, made on first use
        self.stateless: set[str] = set()  # people the text ties to a multinational organisation: no article country

    def cluster(self, key: str, name: str, type_: str, country: str | None, source: str = "name") -> Cluster:
        c = self.clusters.get(key)
        if c is None:
            c = self.clusters[key] = Cluster(key=key)
        c.names.append(name)
        c.vote(type_)
        if country and not c.country:
            c.country, c.country_source = country, source
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
            if without_people(other) == low or without_people(low) == other:
                return key  # 'the Afghan Taliban' and 'the Taliban': one group
            if (label in PLACE_TYPES) != (c.type in PLACE_TYPES):
                continue  # 'The New York Times' is no name of New York; 'New York' no short name of the paper
            if abbreviates(low, other) or abbreviates(other, low):
                return key
            longer, shorter = (other, low) if len(other) > len(low) else (low, other)
            if longer.startswith(shorter + " ") and (label in PLACE_TYPES or same_body(longer[len(shorter) + 1 :])):
                return key
        return "NAME:" + low

    def person_key(self, words: list[str]) -> str:
        """'Trump' joins the person with that surname mentioned last; 'Melania Trump' and 'Donald Trump' stay
        two people, and a full name joins a surname-only person ('Biden' then 'Joe Biden')."""
        surname, first = words[-1].lower(), words[0].lower()
        best, best_at = None, -1
        for key, c in self.clusters.items():
            if c.type != "PERSON" or not any(same_name_word(n.split()[-1], surname) for n in c.names):
                continue
            firsts = {n.split()[0].lower() for n in c.names if len(n.split()) > 1}
            if len(words) > 1 and firsts and first not in firsts:
                continue
            last = max(s for s, _ in c.mentions) if c.mentions else -1
            if last > best_at:
                best, best_at = key, last
        if best is None and len(words) == 1:
            # a first name alone ('Taylor', 'Liu' after 'Liu Xiaming', family name first) is the one person
            # named in full with it, when no one has it as a surname
            owners = [key for key, c in self.clusters.items() if c.type == "PERSON"
                      and any(len(n.split()) > 1 and n.split()[0].lower() == surname for n in c.names)]
            if len(owners) == 1:
                return owners[0]
        return best or "PERSON:" + " ".join(words).lower()

    def named_mentions(self) -> None:
        widened_names = [widened(ent) for ent in self.doc.ents
                         if ent.label_ in ENTITY_TYPES | {"PRODUCT", "WORK_OF_ART"} and not is_furniture(ent)]
        names, reach = [], 0
        for ent in sorted(widened_names, key=lambda e: (e.start, -e.end)):
            if ent.end > reach:  # not 'Leyen' inside 'Ursula von der Leyen'
                names.append(ent)
                reach = ent.end
        names = sorted(names + [p for p in missed_people(self.doc) if not is_furniture(p)], key=lambda e: e.start)
        mentions = [(ent, [t.text for t in name_tokens(ent)]) for ent in names]
        mentions = [(ent, words) for ent, words in mentions if words and any(w[:1].isupper() for w in words)]
        people = {" ".join(w).lower() for ent, w in mentions
                  if (ent.label_ == "PERSON" or titled_person(ent, w)) and len(w) > 1}
        self.surnames = {form for name in people for form in name_forms(name.split()[-1])}
        # one-word names the tagger gives a person who speaks ('Outside the courtroom, Rombot said: ...'): the
        # same word tagged an organisation elsewhere ("Rombot's detention") is that person too
        self.speaking = {w[0].lower() for ent, w in mentions if ent.label_ == "PERSON" and len(w) == 1
                         and ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in SPEAKING}
        for ent, words in mentions:
            label = self.label_of(ent, words, people)
            if label not in ENTITY_TYPES:
                continue
            if label == "PERSON" and ent.label_ != "PERSON" and (given := cut_name(ent)) is not None:
                ent = Span(self.doc, given.i, ent.end, label="PERSON")  # 'Siyoka Simasiku', not 'Simasiku' alone
                words = [t.text for t in name_tokens(ent)]
            elif label == "PERSON" and ent.label_ != "PERSON" and (surname := surname_after(ent)) is not None:
                ent = Span(self.doc, ent.start, surname.i + 1, label="PERSON")  # 'Chalida Tajaroensuk'
                words = [t.text for t in name_tokens(ent)]
            if label == "GPE" and len(words) == 1 and state_named(ent, words[0]):
                words = [*words, "State"]  # 'Seattle, Washington', 'the state of Washington': not the US
            name = " ".join(words)
            country, source = self.country_of(ent, label, words)
            if label in {"GPE", "LOC"}:
                self.places.append((ent.start_char, ent.end_char, country))
                if country and foreign_place(ent.root):
                    self.foreign.add(country)
                if country and gazetteer.country_code(name) != country:
                    self.inner[country] += 1
                if country and setting(ent, name, country):
                    self.settings.add(country)
            elif label == "ORG" and (where := name_place(words)):
                self.org_places.append((ent.start_char, ent.end_char, where))  # 'Ann Arbor Police Department'
                self.settings.add(where)
            elif label == "NORP" and country and ent.root.head.lemma_.lower() in STATE_INSTITUTIONS \
                    and ent.root.dep_ in {"amod", "compound"}:
                self.org_places.append((ent.start_char, ent.end_char, country))  # 'A Kenyan court ruled'
                self.settings.add(country)
            key = self.key_for(label, words, country)
            if key.startswith("STATE:"):
                display = name if gazetteer.country_code(name) == country else gazetteer.country_name(country)
                c = self.cluster(key, display, "GPE", country)
            else:
                c = self.cluster(key, name, label, country, source)
            if label == "PERSON":
                c.titles.update(t.lower_.rstrip(".") for t in ent if is_title(t))
                prev = self.doc[ent.start - 1] if ent.start > 0 else None
                if prev is not None and is_title(prev):
                    c.titles.add(prev.lower_.rstrip("."))
                c.roles.update(apposition_roles(ent))
            self.add(c, ent)

    def label_of(self, ent: Span, words: list[str], people: set[str]) -> str:
        """The mention's type by what the text says of it: FAC for a road ('Waterfront Drive'), whatever NER
        said; PERSON for a name after a person's title ('Premier Andrew Fahie') and for a person's full name
        or surname (unless the word is a people or a major place: 'Brooke', a small town, after 'Ally Brooke'
        is she; 'Jordan' stays the country); GPE for a country's name NER tagged a person ('Malawi'), unless it
        is a first name or the surname of someone the text names; else NER's label."""
        if words[-1].lower().rstrip(".") in ROAD_WORDS:
            return "FAC"  # 'Waterfront Drive', 'Main Street': a road, whatever NER said
        if ent.label_ == "PERSON" and named_organisation(ent, words):
            return "ORG"  # 'Dick Clark Productions', 'The company that runs the AMAs, X': the text says an organisation
        if ent.label_ == "PERSON" and self.short_name_of_organisation(words):
            return "ORG"  # 'Dezan Shira says' after 'consultancy Dezan Shira & Associates': its short name
        name = " ".join(words)
        if (ent.label_ == "PERSON" and gazetteer.country_code(name) and name.lower() not in people
                and not (len(words) == 1 and (first_name(words[0]) or name.lower() in self.surnames))):
            return "GPE"  # 'in Malawi and Mozambique' with 'Malawi' tagged a person: a country's name, no one's
        if ent.label_ == "PERSON" and len(words) == 1 and name.lower() not in people | self.surnames:
            if gazetteer.demonym_country(name):
                return "NORP"  # 'Mehdiyev, who is Azerbaijani, said' with 'Azerbaijani' tagged a person: a people
            if gazetteer.major_place(name) and ent.root.dep_ == "pobj" and ent.root.head.lower_ in SETTING_PREPOSITIONS:
                return "GPE"  # 'a university in Bratislava' with 'Bratislava' tagged a person: where, not who
        if ent.label_ == "PERSON":
            return "PERSON"
        if name.lower() in GOVERNMENT_SEATS and ent.label_ in PLACE_TYPES:
            return "ORG"  # 'a spokesman for the Elysee' tagged a place: the government that sits there
        if titled_person(ent, words):
            return "PERSON"  # 'Premier Andrew Fahie' tagged ORG: a title says a person
        if role_beside(ent, words):
            return "PERSON"  # 'Morgan Kehr, a senior firefighter from Edmonton' tagged a place: a role says a person
        if introduced_by_who(ent, words):
            return "PERSON"  # 'Chalida Tajaroensuk, who heads ...' with 'Chalida' tagged a place
        if called_his_or_hers(ent, words):
            return "PERSON"  # 'Chandor asked his leading man to ...' tagged ORG: an organisation's is 'its'
        if (ent.label_ == "ORG" and len(words) == 1 and words[0].lower() in self.speaking
                and words[0].lower().rstrip(".") not in ORG_WORDS | ORG_NAME_ENDINGS):
            return "PERSON"  # "Rombot's detention" tagged ORG where 'Rombot said' is tagged a person
        known = gazetteer.place_country(name) or gazetteer.demonym_country(name)
        small = not gazetteer.major_place(name) and not gazetteer.demonym_country(name)
        if name.lower() in people or (len(words) == 1 and name.lower() in self.surnames and (not known or small)):
            return "PERSON"  # 'Brooke' after 'singer Ally Brooke' is she, not the small town of that name
        return ent.label_

    def short_name_of_organisation(self, words: list[str]) -> bool:
        """Whether the words begin the name of an organisation named before and the rest of that name is only
        an organisation's words or name endings ('Dezan Shira' of 'Dezan Shira & Associates', `same_body`)."""
        low = " ".join(words).lower()
        return any(c.type == "ORG" and key.startswith("NAME:") and key[5:].startswith(low + " ")
                   and same_body(key[5 + len(low) + 1 :]) for key, c in self.clusters.items())

    def country_of(self, ent: Span, label: str, words: list[str]) -> tuple[str | None, str]:
        """A mention's country and where it came from ("name" or "text"; see module docstring, step 6)."""
        name = " ".join(words)
        if label == "NORP":
            return (None if tribal(ent[0]) else gazetteer.demonym_country(name)), "name"
        if label in {"GPE", "LOC"}:
            if in_us_state(ent):
                return "USA", "text"  # 'Bangor, Maine', not the Welsh Bangor: the state after the town says it
            if (code := gazetteer.place_country(name)) is None and (code := place_of(ent.root)):
                return code, "text"  # 'Kalibo in the central Philippines', 'Safran of France': a name no
                # gazetteer knows takes the country of the place it is in or of, not the dateline's
            return code, "name"
        if label != "PERSON" and (code := national_body(name)):
            return code, "name"  # 'the FBI', 'BBC': a country's own institution, wherever the story is set
        if label != "PERSON" and (code := name_country(words) or name_country(spelled_out(self.text, name))):
            return code, "name"  # 'the NYAG' of 'The New York State Attorney General (NYAG)' too
        code = modifier_country(ent) or belonging_country(ent) or (stance_country(ent) if label == "PERSON" else None)
        if code is None and label == "PERSON":
            code = ruled_country(ent) or relative_country(ent)
        if code is None and label == "PERSON":
            code = coordinated_country(ent) or role_noun_country(ent)
        if code is None and label in {"PERSON", "ORG"}:
            code = match_country(ent)  # 'Pospisil', tagged an organisation, edged Opelka as Canada beat the US
        return code, "text"

    def surname_mentions(self) -> None:
        """A person's surname that NER missed ("Okafor said") joins the person of that name; so does one the
        tagger took for a word ('but Early still says' after 'Chris Early'), written with its capital inside
        a sentence."""
        for tok in self.doc:
            if tok.i in self.covered or tok.text.lower() not in self.surnames:
                continue
            if tok.pos_ != "PROPN" and not (tok.is_title and not tok.is_sent_start and tok.i > 0
                                            and (self.doc[tok.i - 1].is_alpha or self.doc[tok.i - 1].text == ",")) \
                    and not self.bare_subject(tok):
                continue
            if any(0 <= j < len(self.doc) and self.doc[j].pos_ == "PROPN" and j not in self.covered
                   for j in (tok.i - 1, tok.i + 1)):
                continue  # part of another name ("Okafor Street")
            key = self.person_key([tok.text])
            if key in self.clusters:
                self.add(self.clusters[key], tok)

    @staticmethod
    def bare_subject(tok: Token) -> bool:
        """A capitalised word the tagger took for a common noun that is, alone, a verb's subject ('Simmons
        teased the tour', 'Simmons' tagged a plural noun at the sentence's start): a surname, not a word."""
        return (tok.is_title and tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"}
                and tok.head.i > tok.i and not any(True for _ in tok.children))

    def repeated_names(self) -> None:
        """An organisation's or person's name of two words or more written again where NER missed it
        ('Big Machine have twice denied ...') is a mention of it."""
        for c in list(self.clusters.values()):
            if c.type not in {"ORG", "PERSON"}:
                continue
            for name in {n for n in c.names if len(n.split()) > 1 and n[:1].isupper()}:
                for m in re.finditer(r"\b" + re.escape(name) + r"\b", self.text):
                    span = self.doc.char_span(m.start(), m.end())
                    if span is not None and not any(t.i in self.covered for t in span):
                        self.add(c, span)

    def aliases(self) -> None:
        """A person's other name the text gives after 'known (also) as' ('Gerald Kowal, known also as Jerry Guo,
        an American who ...'; 'Vladislav Kokolevskiy, known in China as Fulafu') is the same person: the two
        clusters are one, with the first name's key and what either says of the person (a country)."""
        for key, other in list(self.clusters.items()):
            if other.type not in {"PERSON", "ORG"} or key not in self.clusters:
                continue  # (a nickname NER made an organisation, 'known in China as Fulafu', is the person's too)
            for s, e in other.mentions:
                span = self.doc.char_span(s, e, alignment_mode="expand")
                if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ != "as":
                    continue
                verb = span.root.head.head
                if verb.lower_ not in ALIAS_VERBS or verb.dep_ != "acl":
                    continue
                owner = self.cluster_at(verb.head)
                if owner is not None and owner is not other and owner.type == "PERSON":
                    self.merge_clusters(owner, other)
                    break

    def merge_clusters(self, keep: Cluster, gone: Cluster) -> None:
        """`gone`'s names, mentions and labels become `keep`'s; its country where `keep` has none."""
        keep.names += gone.names
        keep.mentions += gone.mentions
        keep.labels += gone.labels
        keep.titles |= gone.titles
        keep.roles |= gone.roles
        if not keep.country and gone.country:
            keep.country, keep.country_source = gone.country, gone.country_source
        self.spans = [(s, e, keep.key if k == gone.key else k) for s, e, k in self.spans]
        del self.clusters[gone.key]

    def nominal_mentions(self) -> None:
        """'the Imam', 'the president': a title alone joins the last person introduced with it; so does
        'the envoy' for a person introduced as 'Geir Pedersen, the U.N. special envoy'; not a person of another
        country than its people's adjective says ('the former French foreign minister' is not 'Hungarian Prime
        Minister Viktor Orban')."""
        for tok in self.doc:
            if tok.i in self.covered or tok.pos_ not in {"PROPN", "NOUN"}:
                continue
            if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].ent_type_ == "PERSON":
                continue
            title, role = tok.lower_.rstrip("."), tok.lemma_.lower()
            if own_description(tok):
                continue  # 'a GE spokesman', "Morrison's lawyer": a description of its own, not who had the role before
            if is_title(tok):
                peoples = modifier_peoples(tok)
                owner = self.last_person_before(tok.idx, lambda c: (title in c.titles or role in c.roles)
                                                and (not peoples or c.country in {*peoples, None}))
                if owner is not None:
                    det = tok.i - 1 if tok.i > 0 and self.doc[tok.i - 1].lower_ == "the" else tok.i
                    self.add(owner, self.doc[det : tok.i + 1])
                    self.take_country(owner, peoples)
            elif tok.tag_ in {"NN", "NNP"} and any(c.lower_ == "the" for c in tok.lefts):
                peoples = modifier_peoples(tok)
                owner = self.last_person_before(tok.idx, lambda c: role in c.roles
                                                and (not peoples or c.country in {*peoples, None}))
                if owner is not None:
                    self.add(owner, noun_phrase(tok))
                    self.take_country(owner, peoples)

    @staticmethod
    def take_country(person: Cluster, peoples: set[str]) -> None:
        """A person of no country yet takes the one country a later mention's people's adjective or country's name
        gives (`modifier_peoples`: 'the German cardinal also criticized ...' after 'Cardinal Gerhard Ludwig
        Müller', in a story datelined Bratislava)."""
        if person.country is None and len(peoples) == 1:
            person.country, person.country_source = next(iter(peoples)), "text"

    def labels(self) -> None:
        """Noun phrases that name a state by a people's adjective, or point back with a loaded noun."""
        last_labelled: Cluster | None = None
        for tok in self.doc:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.lower_ not in STATE_NOUNS or tok.i in self.covered:
                continue
            if tok.dep_ in {"compound", "poss"} and tok.head.lower_ in STATE_NOUNS:
                continue
            np = noun_phrase(tok)
            if any(t.i in self.covered and not self.cluster_at(t).key.startswith("STATE:") for t in np):
                continue  # 'Washington state', 'Texas officials': a place inside a state, not the state
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
        """He/she join the subject of the sentence before, else the last person named, of their gender."""
        for sent in self.doc.sents:
            for tok in sent:
                if tok.lower_ not in PERSONAL_PRONOUNS or tok.pos_ != "PRON" or tok.i in self.covered:
                    continue
                fits = self.fits_gender(PRONOUN_GENDER[tok.lower_])
                owner = (self.clause_person(tok, fits) or self.preferred_subject(sent, fits)
                         or self.last_person_before(tok.idx, fits))
                if owner is not None:
                    self.add(owner, tok)

    def clause_person(self, pronoun: Token, accept) -> Cluster | None:
        """For a possessive 'his'/'her', the one person of a fitting gender named before it in its own clause,
        outside quotation marks ('For Sithole, managing his diabetes has been a long journey': Sithole, not the
        subject of the sentence before); None where there are none or several. A name in another clause of
        the sentence ('Asked about Trump, his spokesman said') is not the owner."""
        if pronoun.tag_ != "PRP$" and pronoun.dep_ != "poss":
            return None
        home = clause_of(pronoun)
        sent_start = pronoun.sent.start_char  # read once: `Token.sent` walks the doc each time it is asked
        found = []
        for start, end, key in self.spans:
            c = self.clusters[key]
            if not (sent_start <= start < pronoun.idx) or c.type != "PERSON":
                continue
            tok = self.doc.char_span(start, end, alignment_mode="expand")
            if tok is None or QUOTE_SIDE.search(self.text, start, pronoun.idx) or clause_of(tok.root).i != home.i:
                continue
            if tok.root.lower_ in PERSONAL_PRONOUNS:
                continue
            if c not in found:
                found.append(c)
        return found[0] if len(found) == 1 and accept(found[0]) else None

    def fits_gender(self, gender: str):
        """A test that a person may be called by a pronoun of `gender`: a known gender must be the same."""
        return lambda c: self.gender(c) in {gender, None}

    def gender(self, c: Cluster) -> str | None:
        """'m' or 'f' as titles and role nouns say ("Mrs", "spokeswoman", "his sister"), else as the text's
        own pronouns say (`pronoun_votes`), else the first name when it is given to one gender only."""
        said = {GENDERED[w] for w in c.titles | c.roles if w in GENDERED}
        if len(said) == 1:
            return said.pop()
        votes = self.pronoun_votes().get(c.key)
        if votes:
            (top, n), *rest = votes.most_common()
            if not rest or n >= 2 * rest[0][1]:
                return top
        firsts = [n.split()[0] for n in c.names if len(n.split()) > 1]
        return name_gender(firsts[0], only=True) if firsts else None

    def pronoun_votes(self) -> dict[str, Counter]:
        """Gender votes from the text, before pronouns are resolved: in a sentence that names one person
        only, each 'he'/'she' subject, 'his'/'her' possessive and reflexive after the name votes for that
        person ("Swift said her label tried to stop her": 'f'); an object pronoun ('accused him') points
        to someone else and does not. A sentence votes once per gender, not once per pronoun: one sentence
        about someone else ('Since Zhang's patent came out, she's broken off ..., and her intellectual
        property, her own patent ...') does not outvote the sentences that say 'he' of the person. Computed
        once."""
        if self._votes is not None:
            return self._votes
        self._votes = {}
        for sent in self.doc.sents:
            people = {}
            for start, _end, key in self.spans:
                c = self.clusters[key]
                if sent.start_char <= start < sent.end_char and c.type == "PERSON":
                    people.setdefault(key, start)
            if len(people) > 1:
                self.speaker_said_vote(sent)
            if len(people) != 1:
                continue
            (key, first), = people.items()
            said = set()  # a sentence votes once for each gender its pronouns give, however many it has
            for tok in sent:
                gender = PRONOUN_GENDER.get(tok.lower_)
                if QUOTE_SIDE.search(self.text, first, tok.idx):
                    continue  # '"... the reference to Biden ...," she said': the name quoted, the pronoun the speaker
                if gender and tok.idx > first and tok.pos_ == "PRON" and (
                        tok.dep_ in {"nsubj", "nsubjpass", "poss"} or tok.tag_ == "PRP$" or tok.lower_.endswith("self")):
                    said.add(gender)
            for gender in said:
                self._votes.setdefault(key, Counter())[gender] += 1
        return self._votes

    def speaker_said_vote(self, sent: Span) -> None:
        """In a sentence naming several people, 'X said she ...' (the pronoun the subject of the clause X's verb
        of saying reports, before anyone else is named) votes for X when X's first name says nothing of X's
        gender ('Kelly said she asked for the interview because she wanted ... with Trump' of Megyn Kelly):
        the other rule asks for one person per sentence, and such a name has no other guide."""
        for tok in sent:
            gender = PRONOUN_GENDER.get(tok.lower_)
            verb = tok.head
            if not gender or tok.pos_ != "PRON" or tok.dep_ not in {"nsubj", "nsubjpass"} or verb.dep_ != "ccomp":
                continue
            speech = verb.head
            if speech.lemma_.lower() not in SAID_VERBS or not speech.i < tok.i:
                continue
            subject = next((c for c in speech.children if c.dep_ == "nsubj" and c.i < tok.i), None)
            c = self.cluster_at(subject) if subject is not None else None
            if c is None or c.type != "PERSON" or any(
                    sent.start_char <= start < tok.idx and key != c.key and self.clusters[key].type == "PERSON"
                    for start, _end, key in self.spans):
                continue
            firsts = [n.split()[0] for n in c.names if len(n.split()) > 1]
            if firsts and name_gender(firsts[0]) is None:
                self._votes.setdefault(c.key, Counter())[gender] += 1
            return

    def preferred_subject(self, sent: Span, accept) -> Cluster | None:
        """The person who is the subject in the sentence before `sent`, the usual antecedent of 'he'/'she'."""
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        for tok in prev:
            if tok.dep_ in {"nsubj", "nsubjpass"}:
                c = self.cluster_at(tok)
                if c is not None and c.type == "PERSON" and accept(c):
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
        self.surname_mentions()
        self.repeated_names()
        self.aliases()
        self.nominal_mentions()
        self.labels()
        self.pronouns()
        return self.entities()

    def dateline_country(self) -> str | None:
        """The country of the article's dateline ('KINGSTON, Jamaica —', 'NEW DELHI:'), else None."""
        found = dateline(self.text)
        return found[1] if found else None

    def article_country(self) -> str | None:
        """The country the article establishes as its own: its dateline's place (`dateline_country`), else
        the country its place names point to most often (`most_named`; where they give none, with the places
        inside organisations' names too: `name_place`), when it is named at least `HOME_MIN_MENTIONS` times
        and takes at least `HOME_MIN_SHARE` of the place names (those of no known country counted
        too: a story about the British Virgin Islands that names the United States once for an arrest is
        not about the United States; a country the text names as a post's host or an expert's subject,
        `foreign_place`, gets no votes: a hearing of 'the envoy to Ukraine' is no Ukrainian story (that names
        Crimea once), unless the text names places inside it `HOME_MIN_MENTIONS` times too: a live blog from
        Surabaya that names 'the British Ambassador to Indonesia' is still Indonesian; a place name of no known
        country counts at most `HOME_MIN_MENTIONS` times however often it is repeated: 'AirAsia' tagged a place
        twenty times is one name no gazetteer knows, not twenty places), and when
        the text names a place in it or names it as where things happen (`setting`): a review that names North
        Korea only as a state that acts ('North Korea blames ...', "North Korea's highest body") is about the
        state, not set there, and gives its people no country; else none."""
        return (self.dateline_country() or self.most_named(self.places) or self.most_named(self.places + self.org_places)
                or self.institutions_country())

    def institutions_country(self) -> str | None:
        """The one country whose own institutions the article names (`national_body`: 'the State Department',
        'the FBI', 'the Pentagon') at least HOME_MIN_MENTIONS times, where its place names decide none and name no
        other country: a story of the Clinton emails names Washington once and the State Department ten times."""
        bodies = Counter()
        for c in self.clusters.values():
            if c.type == "ORG" and c.country and any(national_body(n) == c.country for n in c.names):
                bodies[c.country] += len(c.mentions)
        named = {code for _, _, code in self.places if code}
        if len(bodies) != 1 or named - set(bodies):
            return None
        code, n = bodies.most_common(1)[0]
        return code if n >= HOME_MIN_MENTIONS else None

    def most_named(self, places: list[tuple[int, int, str | None]]) -> str | None:
        """The country most of these place names are in, as `article_country` asks, else None."""
        ends = {e for _, e, _ in places}  # place names as written: a people's adjective ('Japanese') is none
        text = self.text  # 'Miami, Florida' is one place: the state after the city adds no vote
        kept = [(s, e, c) for s, e, c in places if not (text[s - 2 : s] == ", " and s - 2 in ends)
                and (c not in self.foreign or self.inner[c] >= HOME_MIN_MENTIONS)]
        unknown = Counter(text[s:e].lower() for s, e, c in kept if c is None)
        votes = Counter(c for _, _, c in kept if c) + Counter({None: sum(min(n, HOME_MIN_MENTIONS) for n in unknown.values())})
        known = [(n, code) for code, n in votes.most_common() if code]
        if not known:
            return None
        n, code = known[0]
        return code if n >= HOME_MIN_MENTIONS and n >= HOME_MIN_SHARE * sum(votes.values()) and code in self.settings else None

    def organisation_countries(self) -> None:
        """A person of no country the text ties to an organisation of known country takes the
        organisation's: its title after the organisation's name ('Taliban spokesman Zabihullah Mujahid',
        'Ann Arbor Police Department Detective Lt. Robert Pfannes'), or the organisation owning the role set
        beside the name ("WeWork's founder, Adam Neumann"; "the office of the NYAG, Letitia James"). One tied
        so to a multinational organisation ("X, Research Director at Amnesty International") takes no
        article's country (`stateless`)."""
        for c in self.clusters.values():
            if c.type != "PERSON" or c.country:
                continue
            for start, end in c.mentions:
                span = self.doc.char_span(start, end)
                if span is None or not any(t.pos_ == "PROPN" for t in span):
                    continue  # a name, not 'he' or 'the envoy', stands beside the role that ties it
                if code := seat_before(span):
                    c.country, c.country_source = code, "text"  # 'Downing Street spokesman James Slack'
                    break
                org = self.org_before(span) or self.org_beside(span)
                if org and org.country:
                    c.country, c.country_source = org.country, "text"
                    break
                if org and any(multinational(n) for n in org.names):
                    self.stateless.add(c.key)
                    break

    def org_before(self, span: Span) -> Cluster | None:
        """The organisation named just before a name and its title words ('Taliban spokesman X')."""
        i, titles = span.start - 1, 0
        while i >= 0 and titles < 4 and (is_title(self.doc[i]) or self.doc[i].text == "." or (
                self.doc[i].pos_ in {"NOUN", "PROPN"} and self.doc[i].dep_ == "compound" and not self.doc[i].ent_type_)):
            i, titles = i - 1, titles + 1  # 'Detective Lt. ': titles, a title's stop, a role noun
        if titles == 0 or i < 0:
            return None
        owner = self.cluster_at(self.doc[i])
        return owner if owner is not None and owner.type == "ORG" and (owner.country or multinational(owner.key)) else None

    def org_beside(self, span: Span) -> Cluster | None:
        """The organisation owning the role in apposition to a name ("WeWork's founder, X"; "the office of
        the NYAG, X"; "X, a Kremlin spokesman"; "X, the U.N. special envoy for Syria", the body parsed a nominal
        modifier)."""
        root = span.root
        nouns = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        for noun in nouns:
            for tok in noun.subtree:
                if span.start <= tok.i < span.end or tok.dep_ not in {"poss", "pobj", "compound", "nmod"} and tok.i != noun.i:
                    continue
                owner = self.cluster_at(tok)
                if owner is not None and owner.type == "ORG" and (owner.country or multinational(owner.key)):
                    return owner  # one of known country, or a multinational one (no country to give)
        return None

    def entities(self) -> list[Entity]:
        text = self.text
        for c in self.clusters.values():  # 'AirAsia' tagged a place 8 times and an organisation once: no place
            if c.type == "GPE" and c.types["ORG"] and not c.country and not any(
                    gazetteer.place_country(n) for n in c.names):
                c.type = "ORG"
        self.organisation_countries()
        if any(code == "USA" for _, _, code in self.places):
            for c in self.clusters.values():  # 'The late Sen. John McCain' in a story from Hanoi that names the US
                if c.type == "PERSON" and not c.country and c.titles & US_CONGRESS:
                    c.country, c.country_source = "USA", "text"
        for c in self.clusters.values():  # 'Pope Francis': the title holds one country's office
            if c.type == "PERSON" and not c.country and (codes := {TITLE_COUNTRIES[t] for t in c.titles if t in TITLE_COUNTRIES}):
                c.country, c.country_source = min(codes), "text"
        for c in self.clusters.values():  # 'Donald Trump' in a story datelined Beijing: a country a reader knows
            if c.country is None and (code := known_country(c.names, c.type)) is not None:
                c.country, c.country_source = code, "known"
        home = self.article_country()
        for c in self.clusters.values():
            if c.key in self.stateless or (c.type == "ORG" and any(multinational(n) for n in c.names)):
                continue  # 'Amnesty International' and its director: no one country, whatever the article's
            if c.country is None and home and c.type in {"PERSON", "ORG"}:
                c.country, c.country_source = home, "article"
            elif c.country is None and c.type in {"GPE", "LOC"} and (local := self.dateline_country()):
                c.country, c.country_source = local, "article"  # 'Braunau' in a story datelined VIENNA
        ordered = sorted(self.clusters.values(), key=lambda c: min(s for s, _ in c.mentions + c.labels))
        ids = {c.key: f"E{i + 1}" for i, c in enumerate(ordered)}
        self.doc._.actor_spans = sorted((s, e, ids[k]) for s, e, k in self.spans)
        self.doc._.actor_genders = {ids[c.key]: g for c in ordered if c.type == "PERSON" and (g := self.gender(c))}
        out = []
        for c in ordered:
            out.append(
                Entity(
                    id=ids[c.key],
                    name=canonical_name(c),
                    type=c.type,
                    country=c.country,
                    country_source=c.country_source if c.country else None,
                    mentions=[OutSpan(start=s, end=e, text=text[s:e]) for s, e in sorted(c.mentions)],
                    labels=[OutSpan(start=s, end=e, text=text[s:e]) for s, e in sorted(c.labels)],
                )
            )
        return out


@lru_cache(maxsize=1)
def _known() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The known-actors lexicon keyed by `known_key`: people (by full name and by first and last word),
    surnames, organisations."""
    people: dict[str, str] = {}
    for name, code in lexicons.table("known_actors", "people").items():
        words = known_key(name).split()
        people[" ".join(words)] = code
        people.setdefault(f"{words[0]} {words[-1]}", code)  # 'Donald J. Trump' is 'Donald Trump'
    surnames = {known_key(n): c for n, c in lexicons.table("known_actors", "surnames").items()}
    organisations = {known_key(n): c for n, c in lexicons.table("known_actors", "organisations").items()}
    return people, surnames, organisations


def known_key(name: str) -> str:
    """A name as the known-actors lexicon is looked up: lower case, no diacritics, no dots, single spaces."""
    return " ".join(gazetteer.folded(gazetteer.norm(name)).replace(".", " ").split())


def known_country(names, type_: str) -> str | None:
    """The country of a well-known actor by one of its names (`newsprism/lexicons/known_actors.json`): a
    person by full name, by first and last word or (where the article gives no fuller name) by a surname that
    alone means that person; an organisation by its name. None for places, and where names point to two
    countries."""
    people, surnames, organisations = _known()
    keys = [known_key(name) for name in names]
    full = any(len(key.split()) > 1 for key in keys)  # 'Gerhard Mueller' is no 'Mueller' of the lexicon
    codes = set()
    for key in keys:
        if type_ == "PERSON":
            words = key.split()
            code = people.get(key) or (people.get(f"{words[0]} {words[-1]}") if len(words) > 2 else None)
            codes.add(code or (surnames.get(key) if not full else None))
        elif type_ not in {"GPE", "LOC"}:
            codes.add(organisations.get(key))
    codes.discard(None)
    return next(iter(codes)) if len(codes) == 1 else None


def without_people(name: str) -> str | None:
    """A group's name after the people's adjective that opens it ('afghan taliban' -> 'taliban'), else None."""
    first, _, rest = name.partition(" ")
    return rest if rest and gazetteer.demonym_country(first) else None


def same_body(extra: str) -> bool:
    """Whether the words a longer organisation name adds to a shorter one ('Amnesty' + 'International',
    'Harvard' + 'University', 'Boeing' + 'Co.', 'Big Machine' + 'Label Group') keep naming that body: each one
    an organisation's word or name ending. Others name a thing of its own that the body owns or runs, a
    product, an event or a page's heading ('Google Stadia Founder', 'UEFA Nations League', 'Ascom Unite
    Connect', 'Doobie Brothers Tour Dates'): a reader does not take 'Google' for that."""
    words = [w.strip(".,’'") for w in extra.split()]
    return bool(words) and all(w in ORG_NAME_ENDINGS or w in ORG_WORDS or w in MULTINATIONAL_WORDS for w in words)


@lru_cache(maxsize=8192)
def abbreviates(short: str, name: str) -> bool:
    """Whether `short` is an acronym of `name` (any case): its letters the initials of the name's words in
    order, function words left out ('International Atomic Energy Agency': IAEA), each part of a hyphenated word
    an initial or the word one ('Organisation for Economic Co-operation and Development': OECD), a country's
    name before it left out ('U.S. Securities and Exchange Commission': SEC), or the words after a last 'and'
    ('Centers for Disease Control and Prevention': CDC)."""
    letters = short.replace(".", "").lower()
    if len(letters) < 2 or not letters.isalpha() or " " in short:
        return False
    words = name.split()
    if len(words) < 2 or letters[0] not in {words[0][0].lower(), words[1][0].lower()}:
        return False
    forms = {tuple(words), tuple(words[1:] if gazetteer.country_code(words[0].rstrip(",")) else words)}
    for form in list(forms):
        if "and" in form[1:]:
            forms.add(form[: len(form) - 1 - form[::-1].index("and")])
    for form in forms:
        content = [w for w in form if w.lower() not in {"of", "the", "and", "for", "on", "&"}]
        if len(content) < 2:
            continue
        whole = "".join(w[0] for w in content).lower()
        parts = "".join(p[0] for w in content for p in w.split("-") if p).lower()
        if letters in {whole, parts}:
            return True
    return False


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
        if s >= end:
            break  # the spans are in text order: none from here on overlaps
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap:
            best, best_overlap = ident, overlap
    return best


@Language.factory(
    "newsprism_actors",
    assigns=["doc._.entities", "doc._.actor_spans", "doc._.actor_genders"],
    requires=["doc.ents", "doc.sents", "token.dep", "token.tag"],
)
def make_actors(nlp: Language, name: str) -> "Actors":
    """The actors component; it has no settings and no model (the gazetteer's tables load on first use)."""
    return Actors()


class Actors:
    """spaCy component wrapper around `ActorResolver`: `doc._.entities` is a list of `newsprism.schema.Entity`
    dataclasses, `doc._.actor_spans` (start, end, entity id) character spans, `doc._.actor_genders`."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = ActorResolver(doc).run()
        return doc
