"""The `newsprism_quotes` component: who is quoted saying what, directly, indirectly, or both.

Order of work:
1. quotation regions: text between quotation marks of every kind, a quote running over paragraphs
   (a paragraph that opens a quote without closing it, continued by one that opens again) kept whole;
2. direct quotes: each region long enough to be speech is attributed to the speech verb next to it in its
   sentence ('"...," the Imam said'), the verb of the sentence before that ends in a colon ('X said: "..."'),
   a '-Name' or 'From X:' form, 'according to X', or failing those the speaker of the quote just before it
   (a floating quote that continues the same speaker);
3. indirect quotes: a speech verb with a that-clause ('noting that ...'), a clause before it ('..., the Imam
   said.'), the clause it interrupts ('Before he left, Walsh said, he tied the cord'), or for verbs that report a stance a direct object ('underlined the need for ...');
   a quotation region inside that content makes the quote 'mixed';
4. the trained attribution tagger (`attribution_model`, PolNeAR): where it marks the same content, its
   spans (closer to how annotators mark them) replace the rules'; what only it finds is added when its cue
   reports speech or a held view ('said', 'believes', 'according to'), not wants or plans (with the
   "attribution" definition, every one it finds);
5. speakers: the verb's subject, or for a participle ('stressing that') the subject of the clause it hangs
   on, resolved to an entity through the actors component (so 'He' and 'the Imam' name the person);
6. the definition: what steps 2-4 find are attributions as PolNeAR annotates them, held views, plans and
   findings included; a quote is what a person or organisation said, wrote or stated (the Gender Gap
   Tracker's definition), so only attributions whose cue is a verb of speech or statement are quotes
   (`QuoteFinder.is_statement`).
It writes `doc._.quotes` (list of `newsprism.schema.Quote` dataclasses): the quotes, or every attribution
with `definition="attribution"` (what `newsprism eval attribution` scores), and the same in spaCy's terms,
`doc.spans["newsprism_quotes"]`: each one's content as a `Span` labelled with its kind (direct, indirect,
mixed), widened to whole tokens.

Settings (`pipeline.load(config={"newsprism_quotes": {...}})`): `definition` ("quote" or "attribution"),
`model` (use the trained attribution tagger, default true), `encoder` (default true: the tagger that also reads
the shared encoder's pass over the article, `newsprism.quotes.encoded`, reusing the pass the other heads read;
false, as `--fast` sets it: the plain tagger, no encoder) and `model_path` (another tagger file than the
shipped ones; it reads the encoder when its record names an encoder head); the tagger loads once, in the factory.
"""

from __future__ import annotations

from collections import Counter
import dataclasses
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import registry

from newsprism import gazetteer, lexicons, native
from newsprism.actors.component import (CREDIT_LINE, GENDERED, GOVERNMENT_SEATS, PRONOUN_GENDER, ROLE_ENDINGS,
                                        abbreviates, dateline, furniture_line_at, is_title, line_bounds,
                                        modifier_peoples, on_furniture_line, resolve_span)
from newsprism.doctext import text_of
from newsprism.quotes.model import Attribution, AttributionModel, default_model, load_model
from newsprism.schema import Quote, Span as OutSpan

# The word lists: newsprism/lexicons/reporting_verbs.json and roles.json (a one-line reason for each there).
# Verbs that report speech or a stated position.
SPEECH_VERBS = lexicons.words("reporting_verbs", "speech")
# Stance verbs whose direct object is the reported content ('expressed the duty to ...').
OBJECT_CONTENT_VERBS = lexicons.words("reporting_verbs", "object_content")
# Verbs that only count with a clause ('he added that ...', not 'he added salt').
CLAUSE_ONLY = lexicons.words("reporting_verbs", "clause_only")
# Nouns that name an organisation: 'the company said' is the company named last.
ORG_NOUNS = lexicons.words("roles", "org_nouns")
# 'the lawyer' is the one titled 'attorney', 'the senator' the one titled 'Sen.': each role word -> its set's name
ROLE_SYNONYMS = {w: role for role, ws in lexicons.word_sets("roles", "role_synonyms").items() for w in ws}
PERSON_NOUNS = lexicons.words("roles", "person_nouns")  # 'the official said': one person's description
PARTY_MEMBERS = lexicons.words("roles", "party_members")  # 'the Democrat said': a person, not the party
STUDIES = lexicons.words("reporting_verbs", "studies")
REBUTTALS = lexicons.words("reporting_verbs", "rebuttals")  # 'rejected the allegations': a statement
ALLEGATION_NOUNS = lexicons.words("reporting_verbs", "allegation_nouns")
# Verbs of speech whose infinitive is what was asked of someone ('urged them to leave'), not a plan
# ('vowed to fix the roads' states an intention: not a quote).
DIRECTIVE = lexicons.words("reporting_verbs", "directive")
# Subjects that report findings, not speech ('a study shows that ...').
FINDINGS = lexicons.words("reporting_verbs", "finding_subjects")

CUE_ADVERBS = lexicons.words("reporting_verbs", "cue_adverbs")
ASKED_WORDS = {"whether", "if", "what", "why", "when", "where", "who", "whom", "whose", "which", "how"}  # an indirect question
SUBORDINATORS = frozenset({"after", "before", "since", "until", "because", "while", "when", "once"})  # parsed prepositions
TELLING_VERBS = {"tell", "inform", "assure", "notify", "brief"}  # their object is the one told, never the speaker
STATEMENT_NOUNS = lexicons.words("roles", "statement_nouns")  # 'the statement said': who made the statement
COLLECTIVE_NOUNS = lexicons.words("roles", "collective_nouns")  # 'a group of physicians', later 'the physicians'
GROUP_NOUNS = lexicons.words("roles", "group_nouns")
PEOPLE_NOUNS = frozenset({"man", "woman", "men", "women", "people", "person", "brother", "sister", "leader"})  # 'both men'  # 'the pair said': the people named together before
RELATIVE = lexicons.words("roles", "relative_pronouns")  # 'the agency, which said': the agency speaks
QUANTIFIERS = lexicons.words("roles", "quantifiers")  # 'some countries and territories': no speaker
# what an organisation named before it is ('the Global Times tabloid', 'the Boeing company'), not a part of it
# ('the Wall Street Journal editorial board' is the board)
KIND_NOUNS = frozenset({"newspaper", "paper", "tabloid", "daily", "weekly", "magazine", "outlet", "website",
                        "broadcaster", "network", "publication", "company", "firm"})
OTHERS = frozenset({"another", "others"})  # 'Another said ...': one more of those just quoted, a speaker by its word
ASIDE_DASH = re.compile(r"\s+(?:-|--|–|—)\s+")  # a spaced dash: an aside's start or end
PLACE_NOUNS = lexicons.words("roles", "place_nouns")
TURNS = lexicons.word_sets("roles", "turns")  # 'Q:' the interviewer's turn, 'A:' the interviewee's
TURN_LABEL = re.compile(r"^[ \t\"“]*([A-Za-z]+)[:.][ \t]", re.M)  # 'Q: ...', 'A. ...' at a line's start
LEAD_NOUNS = frozenset({"head"})  # a person's role that no role ending marks ('The head of UNICEF said')
# words that say nothing of whom a role narrows to ('the former president' is no 'former' person's title)
GENERIC_MODIFIERS = frozenset({"former", "new", "late", "then", "top", "senior", "other", "current", "young", "old",
                               "elder", "own", "same", "first", "last", "next", "main", "second"})
UNNAMED = frozenset({"unidentified", "unnamed", "anonymous"})  # 'the unidentified woman': a person the text does not name
SHARES = frozenset({"percent", "%", "percentage", "per cent"})  # a poll's share of those asked ('51 percent say')
TOPIC_VERBS = frozenset({"ask", "wonder", "inquire", "enquire", "talk", "speak"})  # 'X about Y': Y is a topic
QUESTION_WORDS = frozenset({"whether", "if", "why", "what", "how", "when", "where", "who", "which"})
OPENING = lexicons.QUOTE_PAIRS  # opening quotation mark -> its closing mark (newsprism/lexicons/quote_marks.json)
MIN_QUOTE_WORDS = 4  # a quotation of fewer words is a phrase or a name in marks ('"deal"'), not speech
TITLE_MAX_WORDS = 8  # a quotation this short with every content word capitalised is a title, not speech
APPOSITION_TOKENS = 15  # a name's apposition between it and the verb it is the subject of (`content_before_name`)
MIN_CONTENT_WORDS = 3  # reported content (a transcript line, a that-clause) of fewer words is no statement
SUBJECT_HOPS = 4  # clauses climbed from a speech verb to the subject it inherits (participles, conjuncts)
FOLLOW_GAP_CHARS = 400  # a floating quote continues the last speaker only when it starts this close after it,
FOLLOW_GAP_BREAKS = 2  # and across at most this many blank lines: further on, another sentence stands between
SHORT_SENTENCE_TOKENS = 12  # a sentence after a quote this short may hold its cue ('"..." Smith said.')
MIXED_SLACK_CHARS = 3  # a verb's clause wider than the quotation by more than this makes the quote mixed
DASH_TAIL_CHARS = 80  # how far after a quote its '-Name' form is looked for
FROM_HEAD_CHARS = 120  # how far before a quote its 'From X:' form is looked for
ACCORDING_SUBJECT_TOKENS = 8  # the longest subject set before ', according to X,' (`subject_before_according`)
MIN_ACCORDING_CHARS = 10  # the rest of an 'according to X' sentence shorter than this is no content
SENTENCE_BREAK = re.compile(r"[.!?][\"”’']*\s+[\"“‘']")  # a stop, then a new quotation opens
DASHES = {"—", "–", "--"}  # a long dash, an en dash or two hyphens: an apposition set off by them
SAME_SPEAKER_CHARS = 300  # 'he' after a quote is its speaker when he starts this close after that quote
ORG_WINDOW_CHARS = 600  # 'the company said': the organisation named within this many characters before it
MAIN_ORG_MENTIONS = 3  # 'the airline said' far from any name: the organisation named this often and most
NAMED_WINDOW_CHARS = 2000  # a speaker resolves to an entity named within this many characters before it
HEADLINE_MAX_WORDS = 25  # a headline in title case is a line of at most this many words
HEADLINE_CAPITALS = 0.8  # with at least this share of its longer words (4 letters or more, after the first) capitalised
HEADING_MAX_WORDS = 15  # a line this short not ended as a sentence is a heading or a link, not a speaker's
MIN_TAGGER_CHARS, MIN_TAGGER_WORDS = 3, 2  # the tagger's contents shorter than these are fragments, dropped
SAME_CONTENT = 0.5  # the tagger and the rules found the same content when one covers over half of the other
# Cues a quote may hang on: speech verbs, and verbs of holding a view that news reports as a position.
# Wider than SPEECH_VERBS: the tagger, trained on PolNeAR, marks held views and reported findings, and its
# attributions of them are kept where a speaker holds them (see `speech_content`).
REPORTING = SPEECH_VERBS | lexicons.words("reporting_verbs", "reporting_extra")
# The tracker's definition of a quote ("what a person or organisation said, wrote or stated"): the cue words of
# speech and statement that make an attribution a quote in `doc._.quotes`. Not cognition ('believes',
# 'hopes', 'is expected'), findings ('shows', 'found'), or plans ('is vowing to', 'agreed to'): PolNeAR
# annotates those too, and they stay in the attributions (`definition="attribution"`, what `eval attribution`
# scores) but are no quotes.
STATEMENT_VERBS = lexicons.words("reporting_verbs", "statement")
# Verbs of stating a plan: a quote only with what was stated ('vowed that ...'), not an intention ('vowed to').
PLAN_VERBS = lexicons.words("reporting_verbs", "plan")
# Cues of holding a view, wanting, planning or finding: a quotation in marks hung on one is no quote either
# ('"...," he believes'); one on any other cue the tagger gave ('sings', 'features') still is.
NOT_SPEECH = lexicons.words("reporting_verbs", "not_speech")
# Words whose infinitive complement is a statement to come or one not made ('is set to announce', 'plans to
# say', 'is due to reveal', 'declined to say'): no quote yet.
NOT_YET_SAID = lexicons.words("reporting_verbs", "not_yet_said")
# Verbs of making known: a quote with a clause ('revealed that ...'), a thing shown with a plain noun object
# ('revealed lofty plans'). ('wrote a letter', 'added a point' stay: PolNeAR counts such objects as content.)
SHOWING = lexicons.words("reporting_verbs", "showing")
# Verbs of judging or stressing: a quote with a clause or quoted words, a judgement with a plain noun object
# ('praised the efforts', 'emphasized the importance'); the who guide leaves the latter out.
APPRAISING = lexicons.words("reporting_verbs", "appraising")
# Cues that need a word after them to be speech: 'pointed out', 'as she put it', 'continued:'.
NEEDS_NEXT = lexicons.word_sets("reporting_verbs", "needs_next")
TRIM = " \t\n\r,;:"
# Verbs whose object is the one addressed, not what was said ('warned voters that ...'): the content is the clause.
ADDRESSING = TELLING_VERBS | {"warn", "remind", "caution"}
# Prepositions opening the cue verb's adjuncts of time, place or circumstance, no part of PolNeAR's content
ADJUNCT_PREPS = lexicons.words("reporting_verbs", "adjunct_prepositions")
QUOTE_MARKS = lexicons.QUOTE_MARKS  # every quotation mark of the table
# A transcript line: 'PENCE: Well, look, ...' (a name in capitals, a colon, what the person said).
WRAPPED_LINE_CHARS = 100  # a line longer than this is a paragraph, not a line wrapped by hand (`single_breaks`)
TRANSCRIPT = re.compile(r"^[\"“']?((?:[A-Z][A-Z.'’-]+ ){0,2}[A-Z][A-Z.'’-]+)(:)[ \t]+(\S[^\n]*)", re.M)
BLANK_LINE = re.compile(r"\n[ \t]*\n")  # a paragraph break
# a line that heads a list of someone's quotations ('Some Farrakhan quotes:', "Trump's tweets:")
QUOTES_HEADING = re.compile(r"^[^\n\"“”]{0,80}?\b(?:quotes|quotations|remarks|sayings|tweets)[ \t]*:[ \t]*$", re.M | re.I)
TOPIC_LABEL = re.compile(r"On [^\n:\"“”]{1,60}:[ \t]*(?=[\"“])")  # 'On Hezbollah: "..."': a topic, not a speaker
WORD = re.compile(r"\w")
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us|I|[Mm]y|me)\b")  # a printed statement's next paragraph
PARAGRAPH_START = re.compile(r"\n[ \t]*\n\s*")  # a paragraph break and the blanks after it: its end starts the next
ORDINAL_TITLES = frozenset({"first lady", "first minister", "first secretary", "first deputy", "first gentleman"})
PARTY_TAG = re.compile(r"\s*\((?:[DRI]|Dem|Rep|Ind)-[A-Za-z. ]{2,15}\)\s*$")  # 'Sen. Lindsey O. Graham (R-S.C.)': no part of
# the name a speaker goes by
CONTRACTION = re.compile(r"(?:s|t|re|ll|ve|d|m)\b")  # "Jairan 's", "don 't": apostrophes, not quotes


def is_common(noun: Token) -> bool:
    """A common noun: tagged so, or written in lowercase where the tagger took it for a name ('Russia's
    foreign ministry': 'ministry' PROPN after the country's name)."""
    return noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and noun.is_lower)


def clear_of(verb: Token) -> Token | None:
    """For a 'make' of stance ('made clear that ...', 'made it clear what he thinks', 'has made very clear that'),
    its 'clear': the word after it, or after 'it' and adverbs, headed by the verb or by that 'it'; else None
    ('made clear progress', 'made the road clear' have no clause)."""
    if verb.lemma_.lower() != "make":
        return None
    doc = verb.doc
    j = verb.i + 1
    if j < len(doc) and doc[j].lower_ == "it":
        j += 1
    while j < len(doc) and doc[j].pos_ == "ADV" and doc[j].lower_ != "clear":
        j += 1
    if j >= len(doc) or doc[j].lower_ != "clear" or doc[j].head.i not in {verb.i, j - 1}:
        return None
    clear = doc[j]
    clause = [c for c in list(clear.children) + list(verb.children) if c.i > j and (
        c.dep_ in {"ccomp", "advcl"} and (any(m.dep_ == "mark" and m.lower_ in {"that", "whether", "if"} for m in c.children)
                                          or c.dep_ == "ccomp")) or (c.dep_ == "punct" and c.text == ":")]
    return clear if clause else None


def has_speaker(verb: Token, not_speakers: frozenset[str]) -> bool:
    """The verb can have a speaker: it is not passive without its agent ("it was said"), and its subject's
    lemma is none of `not_speakers` (studies, polls, findings)."""
    deps = {c.dep_ for c in verb.children}
    if ("auxpass" in deps or "nsubjpass" in deps) and "agent" not in deps:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is None or subject.lemma_.lower() not in not_speakers


def rebuts_words(verb: Token) -> bool:
    """'rejected the allegations', 'reject the claims that ...': a rebuttal of someone's words, a position stated
    (the who guide keeps it), where 'rejected the proposal' is a decision."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ALLEGATION_NOUNS for c in verb.children)


def poll_answer(verb: Token) -> bool:
    """'Fifty-one percent say that ...', '53% describe themselves as ...', 'Supporters of Trump say by 55%-41%
    that ...': a poll's finding, no one's words (the who guide leaves poll answers out)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in SHARES:
        return True
    return verb.lemma_.lower() == "say" and any(c.dep_ == "prep" and c.lower_ == "by" and any(
        t.lower_ in SHARES for t in c.subtree) for c in verb.children)


@dataclass
class Found:
    """A quote before it becomes a `Quote`: char spans and the speaker tokens."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: Span | None
    speaker_id: str | None = None
    speaker_name: str | None = None
    rule_cue: tuple[int, int] | None = None  # the rules' cue where the tagger's replaced it
    printed: bool = False  # a statement printed whole after its colon line (`printed_statements`): the tagger's
    # spans inside it do not replace it


def quote_regions(text: str, single: bool | None = None) -> list[tuple[int, int]]:
    """Char spans of the text inside quotation marks (marks excluded), paragraph-spanning quotes kept whole;
    `single`: whether the text breaks paragraphs with single newlines (`single_breaks`, read here if not given)."""
    regions: list[tuple[int, int]] = []
    i, n = 0, len(text)
    single = single_breaks(text) if single is None else single
    while i < n:
        ch = text[i]
        if ch in OPENING and is_opening(text, i):
            close = OPENING[ch]
            j = find_close(text, i + 1, ch, close, single)
            if j is not None:
                regions.append((i + 1, j))
                i = j + 1
                continue
        i += 1
    return regions


def is_opening(text: str, i: int) -> bool:
    """A mark opens a quote when it is not an apostrophe inside or at the end of a word."""
    ch = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in "‘'" and (before.isalnum() or not after.isalpha() or CONTRACTION.match(text, i + 1)):
        return False
    if ch == "”":
        return not before.isalnum() and after.isalnum() and (before in " \n\t(—-")
    if ch == '"' and before.isalnum():
        return False
    return not after.isspace()


def single_breaks(text: str) -> bool:
    """Whether the text breaks its paragraphs with single newlines: a line runs past `WRAPPED_LINE_CHARS`
    (a text wrapped by hand has none; its single newlines are only line wraps)."""
    return any(len(line) > WRAPPED_LINE_CHARS for line in text.split("\n"))


def find_close(text: str, start: int, open_mark: str, close: str, single: bool = False) -> int | None:
    """Where the quote opened before `start` closes; a paragraph break continues it only when the next
    paragraph opens with a quotation mark again (the news convention for long quotes). Where the text breaks
    paragraphs with single newlines (`single`, see `single_breaks`), a line opened by a quotation mark continues
    the quote too, while no line before it since the quote opened began without one; else a quote whose next
    mark opens another quotation ('... to me.\nHe added: "Next ...'), or whose line after a line begun without
    a mark opens with one, never closed: it ends with the first line it runs past (a line may be a sentence of
    the same paragraph: '"I welcome the ban.\nThis is right."' is one quote)."""
    j = start
    n = len(text)
    past = None  # the first single newline the quote ran past to a line begun without a quotation mark
    while j < n:
        ch = text[j]
        if ch == close or (close in "”\"" and ch in "”\"" and open_mark in "“\"") :
            if close in "’'" and j + 1 < n and text[j + 1].isalpha():
                j += 1
                continue
            if (past is not None and ch == '"' and text[j - 1].isspace() and j + 1 < n
                    and (text[j + 1].isalnum() or text[j + 1] in "‘'")):
                return trim(text, start, past)[1]  # a mark that opens the next quotation: this one never closed
            return j
        if ch == "\n" and single:
            k = j + 1
            while k < n and text[k] in " \t":
                k += 1
            if k < n and text[k] != "\n" and (j == 0 or text[j - 1] != "\n"):
                if text[k] in "“\"‘«" and k + 1 < n and text[k + 1].isalnum() and not TRANSCRIPT.match(text, k):
                    if past is not None:
                        return trim(text, start, past)[1]  # a new quotation after a line without one
                    j = k + 1  # the next paragraph opens with a mark again: the quote goes on
                    continue
                if past is None:
                    past = j
        if ch == "\n":
            k = j
            while k < n and text[k].isspace():
                k += 1
            if k - j >= 1 and "\n" in text[j:k] and (text.count("\n", j, k) >= 2 or k >= n):
                if k < n and text[k] in "“\"‘«" and TRANSCRIPT.match(text, k):
                    return trim(text, start, j)[1]  # a transcript's next turn ('"WALLACE: ...'): this one ends
                if k < n and text[k] in "“\"‘«":
                    j = k + 1
                    continue
                return None
        j += 1
    return None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The share of span b covered by span a."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0])) / max(1, b[1] - b[0])


def trim(text: str, start: int, end: int, marks: bool = False) -> tuple[int, int]:
    """The span without surrounding spaces and clause punctuation (and quotation marks when `marks`)."""
    strip = TRIM + QUOTE_MARKS if marks else TRIM
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def cue_then_content(doc: Doc, cue: tuple[int, int] | None, content: tuple[int, int]) -> tuple[Span, Span] | None:
    """The cue and the content as token spans where the content comes after the cue, what the rules on
    PolNeAR's spans below read; None where there is no cue, it comes after the content, or a span falls
    outside the tokens."""
    if cue is None or cue[1] > content[0]:
        return None
    cue_span = doc.char_span(*cue, alignment_mode="expand")
    span = doc.char_span(*content, alignment_mode="expand")
    return None if cue_span is None or span is None else (cue_span, span)


def content_without_adjuncts(doc: Doc, cue: tuple[int, int] | None, content: tuple[int, int]) -> tuple[int, int]:
    """The content without the cue verb's adjuncts after its complement, as PolNeAR marks content: the
    complement the cue governs, not when, where or how it was said. Where the content follows the cue and runs
    on past the complement into a phrase hung on the cue verb itself, of time, place or circumstance
    (`ADJUNCT_PREPS`: 'has not mentioned [Machado] since the Monday night debate'), a noun of time ('[one]
    in July', 'Friday') or an adverbial clause ('sees [a tightening race] as Trump consolidates ...'), the
    content ends with the complement. The phrases of the verb's own frame stay ('described [Clinton as a
    disgrace]', 'accused [X of Y]', 'urged [Republicans to vote]'), and so does a tail with a quotation mark.
    Returns (start, end), `content` itself where the rule does not apply."""
    spans = cue_then_content(doc, cue, content)
    if spans is None or len(spans[1]) < 2:
        return content
    cue_span, span = spans
    verb = cue_span.root
    tops = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    complement = tops[0]
    if len(tops) < 2 or complement.head.i != verb.i or complement.left_edge.i < span.start:
        return content  # one constituent already, or not the cue's complement first
    tail = [t for t in span if t.i > complement.right_edge.i]
    if not all(verb in t.ancestors and complement not in t.ancestors for t in tail):
        return content  # the tail is no dependent of the cue verb (another clause, a parse gone astray)
    words = [t for t in tail if not (t.is_punct or t.is_space)]
    if not words or any(t.text in QUOTE_MARKS for t in tail):
        return content
    adjunct = words[0]
    while adjunct.head.i != verb.i:
        adjunct = adjunct.head
    if adjunct.dep_ == "cc":  # '..., but her plan would require ...': the clause joined to the cue verb
        adjunct = next((t for t in verb.children if t.dep_ == "conj" and t.i > adjunct.i), adjunct)
    clause = adjunct.dep_ == "conj" and adjunct.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in adjunct.children) and not any(
        t.text in QUOTE_MARKS for t in doc[max(0, span.start - 1) : span.end + 1])  # a quotation's words stay whole
    if not (clause or adjunct.dep_ in {"advcl", "npadvmod"}
            or (adjunct.dep_ == "prep" and adjunct.lower_ in ADJUNCT_PREPS)):
        return content
    end = complement.right_edge.i + 1
    while end > complement.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space) \
            and doc[end - 1].text not in QUOTE_MARKS:
        end -= 1
    return content[0], doc[end - 1].idx + len(doc[end - 1].text)


def cue_without_adjuncts(doc: Doc, cue: tuple[int, int] | None) -> tuple[int, int] | None:
    """The cue without a phrase of time, place or circumstance hung on its verb after it, as PolNeAR marks cues:
    'said [at a campaign stop this week]', 'announced [in a statement this month]' are 'said', 'announced'. The
    phrase opens with a preposition of `ADJUNCT_PREPS` (the adjuncts that `content_without_adjuncts` takes off the
    content), has words of its own after it, and everything from it to the cue's end hangs on the verb. A
    preposition of the verb's own frame stays ('called for', 'according to', 'called on Howard Dean')."""
    span = doc.char_span(*cue, alignment_mode="expand") if cue else None
    if span is None or len(span) < 3:
        return cue
    for tok in span[1:]:
        verb = tok.head
        if (tok.dep_ == "prep" and tok.lower_ in ADJUNCT_PREPS and span.start <= verb.i < tok.i
                and tok.left_edge.i == tok.i < tok.right_edge.i
                and all(verb in t.ancestors for t in doc[tok.i : span.end])):
            end = tok.i
            while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return cue[0], doc[end - 1].idx + len(doc[end - 1].text)
    return cue


def content_without_addressee(doc: Doc, cue: tuple[int, int] | None, content: tuple[int, int]) -> tuple[int, int]:
    """The content without the one told, as PolNeAR marks content: where a verb of telling or warning
    (`ADDRESSING`) is followed by the one it addresses and then its clause ('is warning [voters] that a Clinton
    victory would ...', 'told [the forum] he was ...'), the content is the clause. Returns (start, end),
    `content` itself where the rule does not apply (an infinitive stays: 'urged [Republicans to vote]')."""
    spans = cue_then_content(doc, cue, content)
    if spans is None or len(spans[1]) < 3:
        return content
    cue_span, span = spans
    verb = cue_span.root
    if verb.lemma_.lower() not in ADDRESSING:
        return content
    told = next((c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.left_edge.i == span.start), None)
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > span.start), None)
    if told is None or clause is None or clause.left_edge.i <= told.right_edge.i or clause.right_edge.i < span.end - 1:
        return content
    return doc[clause.left_edge.i].idx, content[1]


def preposition_to_cue(doc: Doc, cue: tuple[int, int] | None,
                       content: tuple[int, int]) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    """The cue and content with the cue verb's preposition in the cue, as PolNeAR marks them: where the content
    follows the cue right after it and opens with a preposition the cue verb governs ('called for [releasing
    the videos]', 'spoke of [the need]', 'responded to [the report]'), the preposition ends the cue. An
    infinitive's 'to' stays in the content ('urged [to vote]'). Returns (cue, content)."""
    spans = cue_then_content(doc, cue, content)
    if spans is None or len(spans[1]) < 2 or doc.text[cue[1] : content[0]].strip():
        return cue, content
    cue_span, span = spans
    prep = span[0]
    if (prep.dep_ != "prep" or prep.pos_ != "ADP" or prep.i != cue_span.end or prep.head.i not in range(
            cue_span.start, cue_span.end) or prep.i == prep.right_edge.i or prep.lower_ in ADJUNCT_PREPS | {"by"}):
        return cue, content  # an adjunct ('says [at a campaign stop ...]'), a manner ('responded [by using ...]')
    return (cue[0], prep.idx + len(prep)), (span[1].idx, content[1])


def paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of the span `start`:`end` on each of its lines, as PolNeAR marks a content that runs over
    paragraphs (one fragment a paragraph: '"... at the border.\\n\\n"And we will ...'), each trimmed of spaces,
    clause punctuation and quotation marks; a part with no letter or digit ('___') is none. A span on one line
    is itself."""
    if "\n" not in text[start:end]:
        return [(start, end)]
    parts = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = trim(text, start + m.start(), start + m.end(), marks=True)
        if any(ch.isalnum() for ch in text[s:e]):
            parts.append((s, e))
    return parts or [(start, end)]


def fronted_part(doc: Doc, cue: tuple[int, int] | None, speaker: tuple[int, int] | None,
                 content: tuple[int, int]) -> tuple[int, int] | None:
    """The part of a content before a source and cue that interrupt it between commas: '[Climate change],
    Mr. Obama often says, [is the greatest long-term threat]'. PolNeAR marks both parts as the content (two
    fragments of one span); the tagger and the rules give the part after. Returns the part before, from its
    sentence's start to the comma, or None where the content does not go on right after the cue's comma or
    nothing but a comma stands before the source."""
    if cue is None or speaker is None:
        return None
    text = doc.text
    start, end = min(cue[0], speaker[0]), max(cue[1], speaker[1])
    if content[0] < end or text[end:content[0]].strip() != ",":
        return None
    before = text[:start].rstrip()
    cue_span = doc.char_span(*cue, alignment_mode="expand")
    if not before.endswith(",") or cue_span is None:
        return None
    s, e = trim(text, cue_span[0].sent.start_char, len(before) - 1)
    return (s, e) if e - s >= 2 else None


def is_role(noun: Token) -> bool:
    """A noun that names a person by role ('engineer', 'owner', 'director', 'spokeswoman', 'attorney'), not a
    thing ('poll', 'piece'): a title, a gendered word, a word of the agent suffixes, of `ROLE_SYNONYMS` or of
    `PERSON_NOUNS` ('official', 'billionaire', 'victim')."""
    word = noun.lower_
    return ((is_title(noun) or word in GENDERED or word.endswith(ROLE_ENDINGS) or word in ROLE_SYNONYMS
             or (noun.lemma_.lower() in PERSON_NOUNS and noun.tag_ == "NN") or word in PARTY_MEMBERS)
            and noun.lemma_.lower() not in ORG_NOUNS and noun.lemma_.lower() not in STATEMENT_NOUNS)  # 'letter'
    # ends as a role word does, but a letter is a statement: 'the letter said' is no person


def stated_age(noun: Token) -> str | None:
    """For 'the 34-year-old', the age it gives ('34'), else None: a person described by their age."""
    if noun.lower_ != "old":
        return None
    year = next((c for c in noun.children if c.lower_ in {"year", "years"}), None)
    number = next((c for c in year.children if c.dep_ == "nummod"), None) if year is not None else None
    return number.text if number is not None else None


def another(noun: Token) -> bool:
    """'the third witness', 'the other official': someone besides those the text gave that role before (not an
    ordinal of a title: 'the former first lady', 'the First Minister')."""
    return any((c.ent_type_ == "ORDINAL" and f"{c.lower_} {noun.lower_}" not in ORDINAL_TITLES) or c.lower_ == "other"
               for c in noun.children)


def without_acronym(name: str) -> str:
    """A name without the acronym the text put after it in brackets, which the name kept ('World Health
    Organization WHO' from 'the World Health Organization (WHO)'): the speaker is the name spelled out."""
    words = name.split()
    spelled = [w for w in words[:-1] if w.lower() not in {"of", "the", "and", "for", "on", "in", "&"}]
    if len(spelled) >= 2 and words[-1].isupper() and words[-1].replace(".", "") == "".join(w[0] for w in spelled).upper():
        return " ".join(words[:-1])
    return name


def role_key(tok: Token) -> str:
    """The role a word names, one for the words of a set of `ROLE_SYNONYMS` ('lawyer', 'attorney' and
    'counsel' are one role; 'Sen.' is 'senator'), else its lemma."""
    lemma = tok.lemma_.lower().rstrip(".")
    return ROLE_SYNONYMS.get(lemma) or ROLE_SYNONYMS.get(tok.lower_.rstrip(".")) or lemma


class QuoteFinder:
    """Finds the quotes of one `Doc`; `run` follows the order of the module docstring."""

    def __init__(self, doc: Doc, model: AttributionModel | None = None, every: bool = False) -> None:
        self.doc = doc
        self.model = model
        self.every = every  # keep every attribution the tagger gives (definition "attribution"; see `merge`)
        self.text = text_of(doc)
        self.single = single_breaks(self.text)  # paragraphs broken by single newlines (`paragraph_between`)
        self.regions = quote_regions(self.text, self.single)
        self.inside = self.region_of_tokens()
        self.used_cues: set[int] = set()
        self.found: list[Found] = []
        self.floating: list[Found] = []  # quotations with no cue and no quotation just before (`direct`)
        self.previous: Found | None = None  # the last quote resolved that has a speaker, named or not
        self.done: list[Found] = []  # the quotes resolved so far, in the text's order
        self.content: tuple[int, int] = (0, 0)  # the words of the quote being resolved
        self.place = self.dateline()  # (where it ends, its country): 'NEW DELHI:' is no speaker and no cue

    def dateline(self) -> tuple[int, str] | None:
        """The article's dateline (`actors.component.dateline`) unless NER takes its words for a person
        ('NEW DELHI:' is one; 'WALLACE:' opening a transcript is a person, though a town bears the name)."""
        found = dateline(self.text)
        words = self.doc.char_span(0, found[0], alignment_mode="expand") if found else None
        return found if words is not None and not any(t.ent_type_ == "PERSON" for t in words) else None

    def region_of_tokens(self) -> dict[int, int]:
        """Token index -> index of the quotation region it lies in."""
        out: dict[int, int] = {}
        k = 0
        for tok in self.doc:
            while k < len(self.regions) and self.regions[k][1] <= tok.idx:
                k += 1
            if k < len(self.regions) and self.regions[k][0] <= tok.idx < self.regions[k][1]:
                out[tok.i] = k
        return out

    def is_speech_verb(self, tok: Token) -> bool:
        """A verb of speech said by someone: not passive without its agent ('were reported'), not a finding
        ('the study shows'), not on a line of page furniture ('Story continues below advertisement')."""
        if tok.pos_ not in {"VERB", "AUX"} or tok.i in self.inside:
            return False
        if tok.lemma_.lower() not in SPEECH_VERBS and clear_of(tok) is None:
            return False  # 'made clear that ...', 'made it clear what ...' are of speech (`clear_of`)
        return self.said_by_someone(tok)

    def said_by_someone(self, verb: Token) -> bool:
        """The verb has a speaker: it is not passive without its agent, its subject is no study or poll,
        and its line is not page furniture (`furniture_line`)."""
        return has_speaker(verb, FINDINGS) and not self.furniture_line(verb)

    def furniture_line(self, tok: Token) -> bool:
        """Whether the token's line is page furniture (`on_furniture_line`) by its words outside quotation
        marks: a tweet quoted with its handle ('"Governor @MattBevin has done a wonderful job!" Trump tweeted')
        makes its paragraph no furniture. A wire's credit line in brackets ('(Additional reporting by ...;
        Writing by Dean Yates; Editing by ...)') is furniture too: its 'Writing' reports nothing."""
        if not on_furniture_line(tok):
            text, start, end = line_bounds(tok)
            return not self.every and bool(CREDIT_LINE.match(text[start:end]))
        text, start, end = line_bounds(tok)
        quoted = [(max(a, start), min(b, end)) for a, b in self.regions if a < end and start < b]
        if not quoted:
            return True
        line, at = [], start
        for a, b in quoted:
            line += [text[at:a], " " * (b - a)]
            at = b
        line.append(text[at:end])
        masked = "".join(line)
        return furniture_line_at(masked, 0, len(masked), False)

    # --- speakers -----------------------------------------------------------------------------

    def subject_of(self, verb: Token) -> Span | None:
        """The speaker span of a speech verb: its subject, inherited through participles and conjuncts; for a
        present participle that modifies a noun ('a series of South Dakotans declaring ...'), that noun, and for a
        statement's ('Amazon released a statement saying ...') the one who made it; for a verb of telling whose
        subject the parse lost, the person who is the subject before it in its sentence (`lost_person`), never
        the one told."""
        if (criticised := self.participle_after_source(verb)) is not None:
            return criticised
        if (between := self.inverted_between_commas(verb)) is not None:
            return between
        if (inverted := self.content_before_name(verb)) is not None:
            return inverted[1]
        if (fronted := self.fronted_name(verb)) is not None:
            return fronted
        seen = 0
        tok = verb
        while seen < SUBJECT_HOPS:
            subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i not in self.inside]
            # 'A spokesperson who did not wish to be named because of agency policy said': a second subject after
            # another's relative clause is the parse losing the clause's end, not the speaker
            subjects = [c for c in subjects if not any(
                o.i < c.i and any(r.dep_ == "relcl" and r.i < c.i for r in o.rights) for o in subjects)]
            if len(subjects) > 1:  # 'Nevada Sluggish \n\n "...," said Jim Mason': a heading above the quotation,
                # parsed as a second subject, is no subject; the one on the verb's own line is
                subjects = [c for c in subjects if "\n" not in self.text[min(c.idx, tok.idx) : max(c.idx, tok.idx)]] or subjects
            named = [c for c in subjects if c.i > tok.i and c.ent_type_ in {"PERSON", "ORG"}]
            inverted = [c for c in named if c.left_edge.i == tok.i + 1 and tok.i > 0
                        and self.doc[tok.i - 1].text in {",", "”", '"', "’", "'"}]
            if len(subjects) > 1 and inverted:
                # '"...," the town with the nearest airstrip to the crash site, said Soelistyo': the name the
                # verb inverts after its comma is the speaker; the noun phrase before is the quote's apposition
                subjects = inverted[:1]
            elif len(subjects) > 1 and named and all(c.i > tok.i for c in subjects):
                subjects = named[:1]  # 'said study co-author Anezina Solomonidou' parsed as two: the name, not 'co'
            elif len(subjects) > 1 and (first := self.set_off_by_dashes(subjects, tok)) is not None:
                subjects = [first]  # 'Al-Sharaa — leader of the group that ... — said': the name, not its apposition
            elif len(subjects) > 1:  # 'Wikileaks editor-in-chief Kristinn Hrafnsson said' parsed as two: the nearer
                subjects = [max(subjects, key=lambda c: (c.i < tok.i, c.i if c.i < tok.i else -c.i))]
            doer = next((p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
            if doer is not None and all(c.dep_ == "nsubjpass" for c in subjects):
                return self.speaker_span(doer)  # 'A photo was denied by Andrew, hinting it was a fake': who denied
            for child in subjects:
                return self.on_verb_line(child, tok) or self.speaker_span(child)
            if not subjects and (lost := self.subject_in_preposition(tok) or self.subject_before_aside(tok)) is not None:
                return lost  # 'after its personnel and their families reported ...': not the main clause's subject
            if (tok.dep_ == "conj" and (named := self.entity_just_before(tok)) is not None
                    and named.start > tok.head.i and self.hung_on(named.root, tok)):
                return named  # '..., but Early still says': the name the parse hung on the conjunct verb is its subject
            if tok.dep_ in {"advcl", "conj", "xcomp", "ccomp"} and tok.head.i != tok.i and tok.dep_ != "ccomp":
                tok = tok.head
                seen += 1
                continue
            if (tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.dep_ == "prep"
                    and tok.head.head.pos_ in {"VERB", "AUX"} and tok.head.head.i < tok.i):
                tok = tok.head.head  # 'three senators ... led a group of members of Congress in calling on Rubio
                seen += 1  # to ...': who led, not the noun just before the preposition
                continue
            break
        if (tok.dep_ == "acl" and tok.tag_ in {"VBD", "VBZ"} and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i < tok.i
                and self.doc[tok.i - 1].text == "," and any(c.dep_ == "relcl" for c in tok.head.children)):
            return self.lost_subject(tok.head)
        if (tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i < tok.i
                and tok.head.i not in self.inside):
            noun = tok.head  # 'a series of South Dakotans ... declaring, "..."': the noun and its 'of' phrase speak
            if noun.lemma_.lower() in STATEMENT_NOUNS and noun.dep_ == "dobj" and (maker := next(
                    (c for c in noun.head.children if c.dep_ == "nsubj" and c.i not in self.inside), None)) is not None:
                return self.speaker_span(maker)  # 'Amazon released a statement saying, "..."': Amazon, who made it
            start, end = min([c.left_edge.i for c in noun.lefts] + [noun.i]), noun.i + 1
            rights = list(noun.rights)
            if rights and rights[0].dep_ == "prep" and rights[0].lower_ == "of":
                end = rights[0].right_edge.i + 1
            return self.doc[start:end]
        return (self.misparsed_participle(verb) or self.entity_just_before(tok) or self.subject_after(verb)
                or self.noun_just_before(verb) or self.lost_person(verb))

    def misparsed_participle(self, verb: Token) -> Span | None:
        """A participle of speech after a comma that the parse made a clausal subject of a verb after it
        ('Prime Minister X was first to share word of the strike, announcing on social media that the service
        "successfully eliminated" IS deputy ...', with 'IS' read as the sentence's verb): the subject of the
        clause before the comma speaks, as it would where the participle hangs on that clause."""
        if verb.tag_ != "VBG" or verb.dep_ != "csubj" or verb.i == 0 or self.doc[verb.i - 1].text != ",":
            return None
        subject = next((t for t in reversed(self.doc[verb.sent.start : verb.i]) if t.dep_ == "nsubj"
                        and t.head.i < verb.i and t.i not in self.inside and t.pos_ != "PRON"), None)
        return self.speaker_span(subject) if subject is not None else None

    def fronted_name(self, verb: Token) -> Span | None:
        """The person named first in the verb's sentence and set off by a comma, where the parse made the name
        no argument of any verb and gave the verb (or the verb it is a conjunct of) a thing for its subject
        ('Trump, in a taped interview with Fox News' "Sunday Morning Futures" show, dodged a question ... but
        said': Trump, not the show); else None."""
        clause = verb.head if verb.dep_ == "conj" else verb
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects or not all(self.thing(c) for c in subjects):
            return None
        sent = verb.sent
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if first is None or first.ent_type_ != "PERSON" or first.i in self.inside:
            return None
        name = first
        while name.dep_ == "compound" and name.head.i > name.i and name.head.ent_type_ == "PERSON":
            name = name.head
        after = self.doc[name.i + 1] if name.i + 1 < len(self.doc) else None
        if name.dep_ not in {"intj", "npadvmod", "dep", "nmod"} or after is None or after.text != ",":
            return None
        return self.doc[first.i : name.i + 1]

    def inverted_between_commas(self, verb: Token) -> Span | None:
        """The noun phrase right after a speech verb set off with it by commas inside the reported sentence
        ('Contradictory conceptions concerning the Sacraments, said the cardinal, lead into chaos', which the
        parse reads as the verb's object and the words before as its subject): the speaker; else None. A verb
        of telling's object is the one told ('..., told the committee, ...')."""
        doc = verb.doc
        if verb.i == 0 or doc[verb.i - 1].text != "," or verb.lemma_.lower() in ADDRESSING:
            return None
        after = next((c for c in verb.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.i > verb.i
                      and c.left_edge.i == verb.i + 1 and c.pos_ in {"NOUN", "PROPN"} and c.i not in self.inside), None)
        if after is None or after.right_edge.i + 1 >= len(doc) or doc[after.right_edge.i + 1].text != ",":
            return None
        if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i for c in verb.children):
            return None  # (only where the words before are parsed the verb's subject)
        return self.speaker_span(after)

    def content_before_name(self, verb: Token) -> tuple[Span, Span] | None:
        """A speech verb the parse made a conjunct of its sentence's main verb, with no subject of its own, after
        a name set off by a comma (its apposition, if any, set off too) that the parse hung on the main clause
        ('UNHCR refugee programs are feeling the strain of insufficient funding, Glenn Jusnes, a spokesperson for
        UNHCR Kenya, told VOA': 'told' a conjunct of 'feeling', 'Jusnes' of 'funding'): the main clause up to the
        name's comma is what was said, the name who said it; else None."""
        head = verb.head
        if (verb.dep_ != "conj" or head.i >= verb.i or head.dep_ != "ROOT" or head.pos_ not in {"VERB", "AUX"}
                or verb.i == 0 or self.doc[verb.i - 1].text != "," or verb.i in self.inside
                or any(c.dep_ in {"nsubj", "nsubjpass", "ccomp"} for c in verb.children)
                or head.lemma_.lower() in SPEECH_VERBS):
            return None
        sent = verb.sent
        for ent in reversed(self.ents):
            if ent.end >= verb.i or ent.start <= sent.start or verb.i - ent.end > APPOSITION_TOKENS:
                continue
            root = ent.root
            between = self.doc[ent.end : verb.i - 1]
            subtree = {d.i for d in root.subtree}
            if (ent.label_ not in {"PERSON", "ORG"} or self.doc[ent.start - 1].text != ","
                    or root.dep_ not in {"conj", "appos"} or not sent.start <= root.head.i < ent.start
                    or any(t.i not in subtree for t in between) or (len(between) and between[0].text != ",")):
                continue
            content = self.doc[sent.start : ent.start - 1]
            if len(content) < MIN_CONTENT_WORDS or any(t.i in self.inside for t in content):
                return None
            return content, ent
        return None

    def participle_after_source(self, verb: Token) -> Span | None:
        """A present participle of speech right after the people a thing comes from, which the parse hung on the
        main verb ('The constitution is facing criticism from legal experts and political groups arguing that
        ...'): those people argue, not the main clause's subject; else None."""
        if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.i == 0:
            return None
        last = self.doc[verb.i - 1]
        noun = last
        while noun.dep_ == "conj" and noun.head.i < noun.i:
            noun = noun.head
        if (last.tag_ not in {"NNS", "NNPS"} or last.i in self.inside or noun.dep_ != "pobj"
                or noun.head.lower_ not in {"from", "by", "among"}):
            return None
        return self.doc[noun.left_edge.i : last.i + 1]

    def set_off_by_dashes(self, subjects: list[Token], verb: Token) -> Token | None:
        """Of two subjects the parse gave a verb, both before it, the first when the second is a common noun
        that opens after a dash right after the first's phrase ('Al-Sharaa — leader of the Islamist Hayat Tahrir
        al-Sham that spearheaded the offensive — said'): the second is the first's apposition set off by dashes;
        else None."""
        if len(subjects) != 2:
            return None
        first, second = sorted(subjects, key=lambda c: c.i)
        if second.i > verb.i or second.pos_ != "NOUN" or first.right_edge.i + 1 >= second.i:
            return None
        dash = self.doc[first.right_edge.i + 1]
        return first if dash.text in DASHES and dash.head.i == second.i else None

    def subject_in_preposition(self, verb: Token) -> Span | None:
        """For a finite verb of an adverbial clause with no subject, the noun phrase just before it that the parse
        made the object of its subordinating word ('The US reduced its workforce after its personnel and their
        families reported ...': 'after' parsed a preposition): that clause's own subject."""
        if verb.dep_ != "advcl" or verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.i == 0:
            return None
        noun = self.doc[verb.i - 1]
        while noun.dep_ == "conj" and noun.head.i < noun.i:
            noun = noun.head
        if (noun.dep_ == "pobj" and noun.head.lower_ in SUBORDINATORS and noun.head.head.i == verb.head.i
                and noun.right_edge.i == verb.i - 1 and noun.pos_ in {"NOUN", "PROPN"} and noun.i not in self.inside):
            return self.doc[noun.left_edge.i : noun.right_edge.i + 1]
        return None

    def subject_before_aside(self, verb: Token) -> Span | None:
        """`subject_in_preposition` where a participle aside set off by commas stands between the subordinating
        word's noun and its verb ('The issue had come up after Mr. Trump, asked about the deaths of journalists,
        had said, "..."': 'after' parsed a preposition, 'had said' left with no subject): the name before the
        aside, a person or an organisation."""
        if verb.tag_ not in {"VBD", "VBZ", "VBP", "VBN"} or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            return None
        i = verb.i - 1
        while i > 0 and self.doc[i].dep_ == "aux" and self.doc[i].head.i == verb.i:
            i -= 1  # 'had said'
        if i < 3 or self.doc[i].text != ",":
            return None
        k = next((j for j in range(i - 1, max(i - 40, 0), -1) if self.doc[j].text == ","), None)
        aside = self.doc[k + 1] if k is not None else None
        if k is None or k < 1 or aside.tag_ not in {"VBN", "VBG", "VBD"} or any(
                c.dep_ in {"nsubj", "nsubjpass"} for c in aside.children):
            return None  # (the aside opens with a participle, whatever its tag: ', asked about ...,')
        noun = self.doc[k - 1]
        if (noun.dep_ == "pobj" and noun.head.lower_ in SUBORDINATORS and noun.ent_type_ in {"PERSON", "ORG"}
                and noun.right_edge.i == k - 1 and noun.i not in self.inside):
            return self.doc[noun.left_edge.i : noun.right_edge.i + 1]
        return None

    def on_verb_line(self, subject: Token, verb: Token) -> Span | None:
        """A subject on a line above its verb's whose phrase runs on to the verb's line ('Sign up for more
        newsletters here \n O'Malley, the archbishop of Boston, said': a link line the parse made the subject,
        the name after it hung on it): the words of the phrase on the verb's line, from their own head; else None."""
        line = self.text.rfind("\n", 0, verb.idx) + 1
        if subject.idx >= line or subject.right_edge.i >= verb.i:
            return None
        words = [t for t in self.doc[subject.left_edge.i : subject.right_edge.i + 1]
                 if t.idx >= line and not (t.is_space or t.is_punct)]
        tops = [t for t in words if t.head not in words]
        if len(tops) != 1 or tops[0].pos_ not in {"PROPN", "NOUN", "PRON"}:
            return None
        return self.speaker_span(tops[0])

    def lost_person(self, verb: Token) -> Span | None:
        """For a verb of telling with no subject ('Tri Wobowo, who co-piloted the aircraft ..., told Indonesian
        newspaper Kompas: "..."', the name hung on the relative clause): the first person named as a subject
        before it in its sentence, outside quotation marks; else None."""
        if verb.lemma_.lower() not in TELLING_VERBS:
            return None
        for tok in verb.sent:
            if tok.i >= verb.i:
                break
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.i not in self.inside and (
                    tok.ent_type_ == "PERSON" or self.is_person(tok)):
                return next((e for e in self.ents if e.start <= tok.i < e.end), None) or self.doc[tok.i : tok.i + 1]
        return None

    @staticmethod
    def hung_on(tok: Token, verb: Token) -> bool:
        """Whether the parse hung `tok` on `verb`, directly or through adverbs ('Early still says': 'Early' an
        adverb of 'still', 'still' of 'says')."""
        while tok.head.i != tok.i and tok.head.i != verb.i and tok.head.pos_ == "ADV":
            tok = tok.head
        return tok.head.i == verb.i

    def lost_subject(self, noun: Token) -> Span:
        """A finite speech verb the parse hung on a noun as its modifier after the noun's relative clause
        ('The company, which is expected to lay off thousands, confirmed on Monday that ...': 'confirmed' an
        acl of 'company'): the noun is its subject, with its determiner and modifiers before it, its relative
        clause left out."""
        start = min([c.left_edge.i for c in noun.lefts] + [noun.i])
        return self.doc[start : noun.i + 1]

    def subject_after(self, verb: Token) -> Span | None:
        """A parse that lost an inverted subject ('..., said The We Company's executive chair Marcelo
        Claure in an email'): after a verb that follows a comma or a closing quotation mark, the last name
        of the noun phrase that comes next (up to its preposition or comma); not after a verb of telling,
        whose next noun phrase is the one told."""
        if verb.i == 0 or self.doc[verb.i - 1].text not in {",", "”", '"', "’", "'"}:
            return None
        if verb.lemma_.lower() in TELLING_VERBS:
            return None  # '..., told Indonesian newspaper Kompas': the one told, not the speaker
        end = verb.i + 1
        while end < len(self.doc) and end - verb.i <= 12 and (
                self.doc[end].pos_ in {"DET", "PROPN", "NOUN", "ADJ", "PART", "ADV", "NUM"}
                or self.doc[end].tag_ == "VBN") and "\n" not in self.doc[end].whitespace_:
            end += 1
        names = [e for e in self.ents if verb.i < e.start and e.end <= end and e.label_ in {"PERSON", "ORG"}]
        if names:
            return names[-1]
        nouns = [t for t in self.doc[verb.i + 1 : end] if t.pos_ in {"NOUN", "PROPN"}]
        return self.doc[verb.i + 1 : nouns[-1].i + 1] if nouns else None

    def noun_just_before(self, verb: Token) -> Span | None:
        """A parse that took the speaker for something else ('... injuries to his hip and a hospital
        spokesman said'): the noun phrase that ends right before the verb, its determiner and modifiers."""
        i = verb.i - 1
        while i >= 0 and self.doc[i].pos_ == "ADV":
            i -= 1
        if i < 0 or i in self.inside or self.doc[i].pos_ not in {"NOUN", "PROPN"} or self.doc[i].dep_ in {"nsubj", "compound"}:
            return None
        noun = self.doc[i]
        start = min([c.left_edge.i for c in noun.lefts if c.dep_ in {"det", "compound", "amod", "poss", "nummod"}] + [noun.i])
        return self.doc[start : noun.i + 1]

    def antecedent(self, sp: Span) -> Span | None:
        """For a relative pronoun that is a clause's subject ('the agency, which said'), the noun the clause
        hangs on with its modifiers before it (the clause itself left out); else None."""
        pronoun = sp[0]
        if len(sp) != 1 or pronoun.lower_ not in RELATIVE or pronoun.tag_ not in {"WDT", "WP"}:
            return None
        verb = pronoun.head
        if verb.dep_ != "relcl":
            return None
        noun = verb.head
        start = min([c.left_edge.i for c in noun.lefts] + [noun.i])
        return self.doc[start : noun.i + 1]

    def entity_just_before(self, verb: Token) -> Span | None:
        """A parse that lost the subject ('..., Imam Khamenei reaffirmed'): the name right before the verb;
        or a person's mention that NER missed and the actors component found ('but Early still says', after
        'Chris Early'), with at most adverbs between."""
        for ent in reversed(self.ents):
            if ent.end <= verb.i and verb.i - ent.end <= 1 and ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
                return self.apposition_owner(ent) or self.place_owner(ent) or self.relative_owner(ent, verb) or ent
            if ent.end <= verb.i - 2:
                break
        i = verb.i - 1
        while i >= 0 and verb.i - i <= 3 and self.doc[i].pos_ == "ADV" and not self.doc[i].is_title:
            i -= 1
        tok = self.doc[i] if i >= 0 else None
        if tok is not None and tok.is_title and i not in self.inside and not tok.ent_type_:
            if self.is_person(tok):
                return self.doc[i : i + 1]
        return None

    def relative_owner(self, ent: Span, verb: Token) -> Span | None:
        """The name a relative clause set off by commas hangs on, when the name just before the verb lies in
        that clause ('Mark Simon, who worked with Lai for decades in Hong Kong, argued that ...', the parse
        giving 'argued' no subject: Simon, not Hong Kong); else None."""
        if verb.i == 0 or self.doc[verb.i - 1].text != ",":
            return None
        tok, hops = ent.root, 0
        while tok.dep_ not in {"relcl", "ROOT"} and tok.head.i != tok.i and hops < 8:
            tok, hops = tok.head, hops + 1
        owner = tok.head
        if (tok.dep_ != "relcl" or owner.i >= ent.start or owner.pos_ not in {"PROPN", "NOUN"}
                or self.doc[tok.left_edge.i - 1].text != "," or tok.right_edge.i != verb.i - 2):
            return None
        named = next((e for e in self.ents if e.start <= owner.i < e.end and e.label_ in {"PERSON", "ORG"}), None)
        return named if named is not None else (self.speaker_span(owner) if self.is_person(owner) else None)

    def place_owner(self, ent: Span) -> Span | None:
        """The body or person a place's phrase belongs to ('the US embassy in Beijing said', the parse giving
        'said' no subject: the embassy, not Beijing): the noun the place's preposition hangs on, climbing
        through further prepositions ('an official at the embassy in Beijing'), when it is an organisation's
        noun, a person's role or a state's organ ('the US embassy'); its words up to the place; else None."""
        if ent.label_ not in {"GPE", "LOC"} or ent.root.dep_ != "pobj":
            return None
        tok = ent.root
        while tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in {"NOUN", "PROPN"}:
            tok = tok.head.head
        if tok.i == ent.root.i or tok.pos_ != "NOUN" or not (
                tok.lemma_.lower() in ORG_NOUNS or is_role(tok) or self.states_organ(tok)):
            return None
        return self.doc[tok.left_edge.i : ent.end]

    def apposition_owner(self, ent: Span) -> Span | None:
        """The person whose apposition holds the name ('Joshua Apte, a professor at the University of Texas,
        explained': Apte, not the university), else None."""
        tok = ent.root
        while tok.dep_ != "appos" and tok.head.i != tok.i and tok.dep_ in {"pobj", "prep", "compound", "conj"}:
            tok = tok.head
        owner = tok.head
        if tok.dep_ != "appos" or tok.i == ent.root.i or owner.i >= ent.start:
            return None
        person = next((e for e in self.ents if e.start <= owner.i < e.end and e.label_ == "PERSON"), None)
        return person if person is not None or not self.is_person(owner) else self.doc[owner.i : owner.i + 1]

    def speaker_span(self, head: Token) -> Span:
        """The subject's words: its whole phrase (titles, apposition, party in brackets), within one line; never
        a clause the parse hung on it before it ('"That's a legitimate concern," Sarandon, 69, told MSNBC': the
        quotation parsed as the name's ccomp is what she said)."""
        start, end = head.left_edge.i, head.right_edge.i + 1
        clauses = [c.right_edge.i for c in head.lefts if c.dep_ in {"ccomp", "parataxis"}]
        if clauses:
            start = max(clauses) + 1
        if (dated := self.after_dateline(head)) is not None:
            head, start, end = dated, dated.left_edge.i, dated.right_edge.i + 1  # 'New York (AFP) – Vice President
            # Joe Biden ...' parsed with the place as the subject, the person its apposition: the person
        for tok in self.doc[start:head.i]:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                start = tok.i + 1
        for tok in self.doc[head.i : end]:
            if "\n" in tok.whitespace_ or "\n" in tok.text:
                end = tok.i + 1
                break
        while start < end - 1 and self.doc[start].is_punct and self.doc[start].text not in "(“\"":
            start += 1
        while end - 1 > start and ((self.doc[end - 1].is_punct and self.doc[end - 1].text not in ")”\"")
                                   or self.doc[end - 1].is_space):
            end -= 1  # the line break a heading ends with is not the speaker's: the line stays a line of its own
        return self.doc[start:end]

    def after_dateline(self, head: Token) -> Token | None:
        """For a subject that is a dateline's place at the start of a line, its agency in brackets and a dash
        after it ('New York (AFP) – Vice President Joe Biden on Monday hit ...'), the apposition after the dash:
        the sentence's real subject; else None."""
        first = head.left_edge
        if first.i > 0 and not ("\n" in self.doc[first.i - 1].whitespace_ or "\n" in self.doc[first.i - 1].text):
            return None
        for c in head.rights:
            if c.dep_ != "appos":
                continue
            dash = next((t for t in self.doc[head.i + 1 : c.left_edge.i] if t.text in DASHES), None)
            if dash is not None and self.doc[dash.i - 1].text == ")":
                return c
        return None

    # --- direct quotes ------------------------------------------------------------------------

    def direct(self) -> None:
        previous: Found | None = None
        for k, (start, end) in enumerate(self.regions):
            s, e = trim(self.text, start, end)
            if not (self.is_speech(s, e) or self.spoken_whole(k)) or self.inside_found(s, e) or self.turn_label(start - 1):
                continue  # a transcript's turn ('"PENCE: Well, ...') is the named person's (`transcript`)
            found = self.attribute_region(k, s, e)
            if found is None and previous is not None and self.follows(previous, s):
                found = Found("direct", (s, e), None, previous.speaker, previous.speaker_id, previous.speaker_name)
            if found is None and not self.every:  # no cue and no quotation just before: an indirect quote just
                self.floating.append(Found("direct", (s, e), None, None))  # before may own it (`floating_speakers`;
                # PolNeAR's attributions each have a cue of their own)
            if found is not None:
                self.found.append(found)
                previous = found

    def transcript(self) -> None:
        """Lines of a transcript ('WALLACE: Do you really see ...'): the rest of the line is what the named
        person said, the colon its cue. The article's dateline ('NEW DELHI: Their American dream ...') is none."""
        place = self.place
        for m in TRANSCRIPT.finditer(self.text):
            s, e = trim(self.text, m.start(3), m.end(3))
            turn = next((r for r in self.regions if r[0] == m.start() + 1 and self.turn_label(m.start())), None)
            if turn is not None:  # a turn in quotation marks runs over its paragraphs, to the next turn
                e = max(trim(self.text, s, e, marks=True)[1], trim(self.text, *turn)[1])
            if len(self.text[s:e].split()) < MIN_CONTENT_WORDS or self.inside_found(s, e) or len(m[1]) < 2:
                continue
            if place is not None and m.end(2) == place[0]:
                continue
            speaker = self.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            self.found.append(Found("direct", (s, e), (m.start(2), m.end(2)), speaker))
        for m in TURN_LABEL.finditer(self.text):  # 'A: No. We have been clear about that.': the interviewee's
            if m[1].lower() not in TURNS["interviewee"]:  # answer (`run` names who answers)
                continue
            line_end = self.text.find("\n", m.end())
            s, e = trim(self.text, m.end(), line_end if line_end >= 0 else len(self.text))
            if len(self.text[s:e].split()) >= MIN_CONTENT_WORDS and not self.inside_found(s, e):
                colon = self.text[m.end(1)] == ":"
                self.found.append(Found("direct", (s, e), (m.end(1), m.end(1) + 1) if colon else None, None))

    def turn_label(self, mark: int) -> bool:
        """Whether the quotation mark at `mark` opens a transcript's turn at its line's start ('"PENCE: ...')."""
        return (mark == 0 or self.text[mark - 1] == "\n") and TRANSCRIPT.match(self.text, mark) is not None \
            and self.text[mark] in OPENING

    def in_marks(self, s: int, e: int) -> bool:
        """Whether the span s:e lies within one quotation region (a character of slack at either end)."""
        return any(r[0] <= s + 1 and e <= r[1] + 1 for r in self.regions)

    def inside_found(self, s: int, e: int) -> bool:
        return any(f.content[0] <= s and e <= f.content[1] for f in self.found)

    def is_speech(self, s: int, e: int) -> bool:
        """Long enough to be speech, and not a title or name in quotation marks ('The Great Return March')."""
        words = self.text[s:e].split()
        if len(words) < MIN_QUOTE_WORDS:
            return False
        content = [w for w in words if w[:1].isalpha() and w.lower() not in {"of", "the", "and", "a", "in", "to", "for"}]
        return not (content and all(w[:1].isupper() for w in content) and len(words) <= TITLE_MAX_WORDS)

    def spoken_whole(self, k: int) -> bool:
        """A short quotation that is an utterance of its own ('“Amazing,” Davis said.', '"Mercy!" they yelled'):
        it opens its sentence, ends in a comma, '!' or '?' inside its marks, and a speech verb follows within
        a few words. A short phrase in marks inside a sentence ('cited "security officials" as saying') is not."""
        start, end = self.regions[k]
        if not re.search(r"(?:^|[.!?][\"”’']?\s+|\n\s*)$", self.text[: start - 1]):
            return False
        if not self.text[start:end].rstrip().endswith((",", "!", "?")):
            return False
        after = self.doc.char_span(end, end + 1, alignment_mode="expand")
        if after is None:
            return False
        for t in self.doc[after[0].i + 1 : after[0].i + 6]:
            if t.text in {".", "!", "?", ";"} or "\n" in t.text:
                return False
            if self.is_speech_verb(t):
                return True
        return False

    def floating_speakers(self) -> None:
        """A floating quotation (no cue of its own) continues the speaker of the quote just before it, an
        indirect one included ('Erekat said it was only the latest move. / "They wanted us on our knees"'):
        `direct` ran before the indirect quotes were found and saw only the quotations before."""
        cued = sorted((g for g in self.found if g.cue is not None and g.speaker is not None), key=lambda g: g.content[1])
        for f in self.found:
            if f.kind != "direct" or f.cue is not None:
                continue
            before = [g for g in cued if g.content[1] <= f.content[0]]
            if before and self.follows(before[-1], f.content[0]):
                g = before[-1]
                f.speaker, f.speaker_id, f.speaker_name = g.speaker, g.speaker_id, g.speaker_name
        # a quotation with no cue that no quotation just before continues ('Collins said it was "delighted"
        # ... \n\n "These two are ...'): the indirect quote it follows, with no quote found between them but
        # the quotations this gave to the same speaker ('He insists he's not afraid. "My only wish is ..." Then
        # he turns from being politic to blunt. "My money is clean."')
        for f in sorted(self.floating, key=lambda f: f.content):
            before = [g for g in cued if g.content[1] <= f.content[0]]
            if not before or before[-1].kind == "direct" or self.inside_found(*f.content):
                continue
            g = before[-1]
            between = sorted((h for h in self.found if g.content[1] <= h.content[0] < f.content[0]), key=lambda h: h.content)
            if (all(h.kind == "direct" and h.cue is None and h.speaker is g.speaker for h in between)
                    and self.follows(between[-1] if between else g, f.content[0])
                    and (not between or self.same_subject_between(between[-1].content[1], f.content[0], g.speaker))):
                self.found.append(Found("direct", f.content, None, g.speaker, g.speaker_id, g.speaker_name))

    def listed_under_heading(self) -> None:
        """Quotations listed under a line that says whose they are ('Some Farrakhan quotes:'), one person named
        there: each line after it that opens with a quotation mark or a topic label before one ('On Hezbollah:
        "..."'), or lies in a quotation such a line opened, is that person's, to the first two lines in a row that
        are neither; the quotations there with no verb of speech for a cue of their own are that person's words."""
        for m in QUOTES_HEADING.finditer(self.text):
            heading = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
            people = [t for t in heading or [] if self.entity_types.get(self.token_actor(t)) == "PERSON"]
            if len({self.token_actor(t) for t in people}) != 1:
                continue
            pos = stop = m.end() + 1
            open_until, unmarked = -1, 0
            while pos < len(self.text) and unmarked < 2:
                end = self.text.find("\n", pos)
                end = len(self.text) if end < 0 else end
                line = self.text[pos:end]
                label = TOPIC_LABEL.match(line)
                opens = pos + (label.end() if label else 0)
                if line.strip() and pos >= open_until and self.text[opens : opens + 1] not in OPENING:
                    unmarked += 1  # one line of no quotation marks among the list's ('White people are ...')
                elif line.strip():
                    region = next((r for r in self.regions if r[0] in {opens, opens + 1}), None)
                    open_until = max(open_until, region[1] if region else -1)
                    unmarked, stop = 0, end + 1
                pos = end + 1
            name = self.doc[people[0].i : people[-1].i + 1]
            for f in self.found:
                if m.end() < f.content[0] < stop and (f.cue is None or self.text[f.cue[0] : f.cue[1]] == ":"
                                                      or f.cue[1] <= m.start()):  # (a cue above the heading is not theirs)
                    f.speaker, f.cue = name, None

    def same_subject_between(self, start: int, end: int, speaker: Span) -> bool:
        """The words between two quotations name no one but the speaker, and each clause there has the speaker
        (a word of its name, or a pronoun) for its subject ('"..." Then he turns from being politic to blunt.
        "..."'): the speaker goes on."""
        words = {t.lower_ for t in speaker}
        subjects = words | PRONOUN_GENDER.keys() | {"they"}
        for tok in self.doc.char_span(start, end, alignment_mode="contract") or []:
            if tok.ent_type_ in {"PERSON", "ORG", "NORP"} and tok.lower_ not in words:
                return False
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.lower_ not in subjects:
                return False
        return True

    def follows(self, previous: Found, start: int) -> bool:
        """A floating quote continues the last speaker when no other sentence stands between them."""
        gap = self.text[previous.content[1] : start]
        return len(gap) < FOLLOW_GAP_CHARS and gap.count("\n\n") <= FOLLOW_GAP_BREAKS

    def attribute_region(self, k: int, s: int, e: int) -> Found | None:
        doc = self.doc
        first = doc.char_span(s, s + 1, alignment_mode="expand")
        last = doc.char_span(e - 1, e, alignment_mode="expand")
        if first is None or last is None:
            return None
        sents = [first[0].sent, last[0].sent]
        if sents[0].start != sents[1].start:
            sents = [first[0].sent, last[0].sent]
        # a speech verb in the quote's own sentences, outside any quotation, nearest to the quote
        candidates = [t for sent in sents for t in sent if self.is_speech_verb(t) and t.i not in self.used_cues
                      and not self.paragraph_between(t, s, e)]
        # the sentence before, ending in a colon ('X said:')
        before = doc[first[0].sent.start - 1].sent if first[0].sent.start > 0 else None
        if not candidates and before is not None and before.text.rstrip().endswith(":"):
            candidates = [t for t in before if self.is_speech_verb(t)]
        if not candidates and not self.every:  # the line before, ending in a colon, over a paragraph break ('The
            candidates = self.colon_line_verbs(s)  # ministry said in a statement:' / '"We condemn ..."'), which the
            # parse often runs on into the quotation as one sentence (quote definition only: on PolNeAR's dev
            # articles it cost a cue)
        # a short sentence right after ('"...." Smith said.')
        if not candidates and last[0].sent.end < len(doc):
            after = doc[last[0].sent.end].sent
            # ... in the quote's own paragraph, and with no quotation of its own ('Parise said: "We've been
            # there."' in the next paragraph introduces Parise's quote, not the one before)
            if (len(after) <= SHORT_SENTENCE_TOKENS and not BLANK_LINE.search(self.text, e, after.start_char)
                    and not WORD.search(self.text, e, after.start_char)  # right after it: not past words the
                    # parse ran on into the quote's sentence ('“...” Because of ..., he lost his home. Debt collectors
                    # called')
                    and all(self.inside.get(t.i, k) == k for t in after)):
                candidates = [t for t in after if self.is_speech_verb(t)]
        if candidates:
            # a verb whose reported clause holds the quotation reports it ('The client witnessed "a lot of
            # bribery" but was asked by the FBI to sign ..., Toensing explained': not 'was asked'), else the nearest
            holding = [t for t in candidates if (c := self.complement(t)) is not None
                       and c.start_char <= s and e <= c.end_char + 1 and not (c.start_char <= t.idx < c.end_char)]
            verb = min(holding or candidates, key=lambda t: min(abs(t.idx - e), abs(t.idx - s)))
            self.used_cues.add(verb.i)
            kind, content = "direct", (s, e)
            clause = self.complement(verb)
            if clause is not None:
                cs, ce = trim(self.text, clause.start_char, clause.end_char)
                if cs <= s and e <= ce + 1 and (s - cs) + (ce - e) > MIXED_SLACK_CHARS:
                    kind, content = "mixed", (cs, ce)
            if kind == "direct" and not self.has_verb(s, e) and not self.spoken_whole(k):
                return None  # a cited phrase ('cited "security officials" as saying'), not speech
            return Found(kind, content, self.cue_span(verb), self.subject_of(verb))
        return self.dash_or_from(s, e, first[0].sent, before)

    def colon_line(self, s: int) -> Span | None:
        """The sentence that ends the line just before the paragraph that starts at `s` (an opening quotation
        mark allowed before it), where it ends in a colon; else None. Reads back from `s` only as far as that
        line (it runs for every paragraph and quotation: no copy of the text before)."""
        text, i = self.text, s
        while i > 0 and (text[i - 1] in OPENING or text[i - 1] in " \t"):
            i -= 1
        if i == 0 or text[i - 1] != "\n":
            return None
        while i > 0 and text[i - 1].isspace():
            i -= 1
        if i == 0 or text[i - 1] != ":":
            return None
        colon = self.doc.char_span(i - 1, i, alignment_mode="expand")
        start = text.rfind("\n", 0, i) + 1
        if colon is not None:
            start = max(start, colon[0].sent.start_char)
        return self.doc.char_span(start, i, alignment_mode="expand")

    def colon_line_verbs(self, s: int) -> list[Token]:
        """The speech verbs, no cue yet, of `colon_line(s)`."""
        line = self.colon_line(s)
        return [t for t in line if self.is_speech_verb(t) and t.i not in self.used_cues] if line is not None else []

    def printed_statements(self) -> None:
        """A statement, letter or text printed whole out of quotation marks after a line that ends in a colon
        and names it ('The full statement from the union reads:', 'The ministry said in a statement:', 'Read
        the letter below:'): the paragraph after that line, and each next one in the first person ('we', 'our',
        'I') with no cued quote of the rules in it and not itself such a line, are its maker's words, the
        speaker of the line's verb of statement (the statement's maker where its subject is the statement)."""
        for m in PARAGRAPH_START.finditer(self.text):
            s = m.end()
            line = self.colon_line(s)
            if line is None or self.text[s] in OPENING or self.inside_found(s, s + 1) or TRANSCRIPT.match(self.text, s):
                continue
            nouns = [t for t in line if t.lemma_.lower() in STATEMENT_NOUNS and t.pos_ == "NOUN"]
            verbs = [t for t in line if t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBG" and (
                (self.is_speech_verb(t) and t.lemma_.lower() in STATEMENT_VERBS)
                or any(n.head == t and n.dep_ == "nsubj" for n in nouns))]  # 'the statement reads:'; not a
            # participle's clause ('..., claiming that her net worth far exceeded her salary:' introduces the
            # outlet's answer)
            if not verbs and not nouns:
                continue
            e = self.paragraph_end(s)
            for n in PARAGRAPH_START.finditer(self.text, e):
                end = self.paragraph_end(n.end())
                if (self.colon_line(n.end()) is not None or not FIRST_PERSON.search(self.text, n.end(), end)
                        or any(f.cue is not None and n.end() <= f.cue[0] < end for f in self.found)):
                    break
                e = end
            s, e = trim(self.text, s, e)
            if len(self.text[s:e].split()) < MIN_QUOTE_WORDS or self.text[s:e].rstrip().endswith(":"):
                continue
            if verbs:
                verb = verbs[-1]
                self.used_cues.add(verb.i)
                speaker = self.subject_of(verb)
                if speaker is not None and speaker.root.lemma_.lower() in STATEMENT_NOUNS:
                    speaker = self.statement_maker(speaker) or speaker
                self.found.append(Found("direct", (s, e), self.cue_span(verb), speaker, printed=True))
            else:
                statement = self.speaker_span(nouns[-1])
                self.found.append(Found("direct", (s, e), (line.end_char - 1, line.end_char),
                                        self.statement_maker(statement) or statement, printed=True))

    def statement_maker(self, statement: Span) -> Span | None:
        """Who made a statement named by a noun phrase: its possessor or its 'from'/'by'/'of' object ('the
        union's statement', 'the full statement from the Union of Concerned Teachers'); else None."""
        noun = statement.root
        for child in noun.children:
            if child.dep_ == "poss":
                return self.speaker_span(child)
            if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                obj = [c for c in child.children if c.dep_ == "pobj"]
                if obj:
                    return self.speaker_span(obj[0])
        return None

    def paragraph_end(self, start: int) -> int:
        """Where the paragraph that starts at `start` ends."""
        m = BLANK_LINE.search(self.text, start)
        return m.start() if m else len(self.text)

    def paragraph_between(self, tok: Token, s: int, e: int) -> bool:
        """A blank line stands between the token and the quote s:e (a sentence the parse ran across two
        paragraphs: '"... a political settlement." / The US welcomed the exchange'): not the quote's cue; so does
        a line break after a token above the quote in a text that breaks its paragraphs with single newlines
        (`single_breaks`: 'So just to repeat it, I said the word ...' / '“I have, on numerous occasions, ...': the
        quotation goes on with the speaker before; a line ending in a colon is `colon_line_verbs`'s)."""
        lo, hi = (e, tok.idx) if tok.idx >= e else (tok.idx, s)
        if self.single and "\n" in self.text[lo:hi]:
            return True  # a verb on another line, in a text that breaks its paragraphs with single newlines
        return BLANK_LINE.search(self.text, lo, hi) is not None

    def has_verb(self, s: int, e: int) -> bool:
        span = self.doc.char_span(s, e, alignment_mode="expand")
        return span is not None and any(t.pos_ in {"VERB", "AUX"} for t in span)

    def dash_or_from(self, s: int, e: int, sent: Span, before: Span | None) -> Found | None:
        """The '"..." -Name', 'From X: "..."', 'in the words of X: "..."' and 'according to X' forms."""
        tail = self.text[e : e + DASH_TAIL_CHARS]
        m = re.match(r"[\s,.”\"’']*([-–—―])\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})", tail)
        if m:
            span = self.doc.char_span(e + m.start(2), e + m.end(2), alignment_mode="expand")
            return Found("direct", (s, e), (e + m.start(1), e + m.end(1)), span)
        head = self.text[max(0, s - FROM_HEAD_CHARS) : s]
        m = re.search(r"(?:^|\n|\. )From ([A-Z][^:\n]{1,80}):\s*[“\"]?$", head)
        if m:
            off = max(0, s - FROM_HEAD_CHARS)
            span = self.doc.char_span(off + m.start(1), off + m.end(1), alignment_mode="expand")
            cue = (off + m.start(0) + m.group(0).index("From"), off + m.group(0).index("From") + m.start(0) + 4)
            return Found("direct", (s, e), cue, span)
        m = None if self.every else re.search(
            r"\b[Ii]n (?:the|his|her|their) (?:own )?words of ((?:the |a |an )?[\w.'’ -]{1,60}?):\s*[“\"]?$", head)
        if m:  # 'Here is how bad things got in the words of the patient: "..."'
            off = max(0, s - FROM_HEAD_CHARS)
            span = self.doc.char_span(off + m.start(1), off + m.end(1), alignment_mode="expand")
            return Found("direct", (s, e), (off + m.start(0), off + m.start(1)), span)
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                obj = [c for c in self.doc[tok.i + 1].children if c.dep_ == "pobj"]
                if obj:
                    cue = (tok.idx, self.doc[tok.i + 1].idx + 2)
                    if (subject := self.subject_before_according(tok, sent)) is not None and tok.idx < s:
                        return Found("direct", (s, e), cue, subject)
                    return Found("direct", (s, e), cue, self.speaker_span(obj[0]))
        return None

    def subject_before_according(self, according: Token, sent: Span) -> Span | None:
        """'The professor, according to BuzzFeed News, failed her because "..."': where 'according to X' is set
        off by commas right after the noun phrase that opens the sentence, X is the source of the report and
        the words quoted after it are that subject's (its reason, its words), not X's. The noun phrase: the
        words before the comma, at most `ACCORDING_SUBJECT_TOKENS`, a noun or pronoun among them, no verb, and
        not opened by a preposition or adverb ('In 2019, according to X, ...'). None where it does not apply."""
        comma = according.i - 1
        if comma <= sent.start or self.doc[comma].text != ",":
            return None
        words = self.doc[sent.start : comma]
        while len(words) and (words[0].is_space or words[0].text in QUOTE_MARKS):
            words = words[1:]
        if not len(words) or len(words) > ACCORDING_SUBJECT_TOKENS or words[0].pos_ in {"ADP", "ADV", "SCONJ", "CCONJ"}:
            return None
        if any(t.pos_ in {"VERB", "AUX"} or t.is_punct or t.i in self.inside for t in words):
            return None
        if not any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in words) or words[-1].pos_ not in {"NOUN", "PROPN", "PRON"}:
            return None
        after = according.i + 2
        while after < sent.end and self.doc[after].text != ",":
            after += 1
        return words if after < sent.end else None  # the phrase closes with its comma too

    def cue_span(self, verb: Token) -> tuple[int, int]:
        """The cue: the verb group as written ('has also said', 'is demanding', 'pointed out', 'called for')."""
        doc = self.doc
        start = verb.i
        while start > 0 and doc[start - 1].head.i == verb.i and (
            (doc[start - 1].dep_ in {"aux", "auxpass"} and doc[start - 1].lemma_ in {"be", "have", "do"})
            or doc[start - 1].dep_ == "neg" or doc[start - 1].lower_ in CUE_ADVERBS
        ):
            start -= 1
        end = verb.i + 1
        clear = clear_of(verb)
        if clear is not None:
            end = clear.i + 1  # 'made it clear'
        while end < len(doc) and doc[end].head.i == verb.i and (
            doc[end].dep_ == "prt"
            or (doc[end].dep_ == "prep" and doc[end].lower_ in {"for", "on"} and verb.lemma_ == "call")
        ):
            end += 1
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)

    # --- indirect quotes ----------------------------------------------------------------------

    def indirect(self) -> None:
        for tok in self.doc:
            if not self.is_speech_verb(tok) or tok.i in self.used_cues:
                continue
            content = self.complement(tok)
            if content is None or (content.end <= tok.i and not self.every and self.reduced_relative(tok)):
                continue
            s, e = trim(self.text, content.start_char, content.end_char)
            if len(self.text[s:e].split()) < MIN_CONTENT_WORDS:
                continue
            regions = [r for r in self.regions if r[0] < e and r[1] > s and self.is_speech(*trim(self.text, *r))]
            if regions and all(self.covered_by_direct(r) for r in regions):
                continue
            kind = "mixed" if regions else "indirect"
            self.used_cues.add(tok.i)
            self.found.append(Found(kind, (s, e), self.cue_span(tok), self.subject_of(tok)))
        self.according_to()

    @staticmethod
    def reduced_relative(verb: Token) -> bool:
        """The verb's subject reads 'a NOUN Name' ('..., a prospect Vindman denied earlier'): the parse joined
        the noun to the name, the verb is a relative clause on the noun ('a prospect [that] Vindman denied'),
        and the clause before it is no content of the verb's."""
        for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"):
            for noun in (c for c in subject.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"):
                if any(d.lower_ in {"a", "an"} for d in noun.lefts) or any(
                        d.lower_ in {"a", "an"} and d.i < noun.i for d in subject.lefts):
                    return True
        return False

    def covered_by_direct(self, region: tuple[int, int]) -> bool:
        return any(f.kind == "direct" and f.content[0] <= region[1] and f.content[1] >= region[0] for f in self.found)

    def complement(self, verb: Token) -> Span | None:
        """The reported content of a speech verb: its clause, else (for stance verbs) its object."""
        lemma = verb.lemma_.lower()
        clear = clear_of(verb)
        if clear is not None:  # 'made it clear that [the talks had failed]': the clause after 'clear', not 'it clear'
            clause = next((c for c in sorted([*clear.children, *verb.children], key=lambda c: c.i)
                           if c.i > clear.i and c.dep_ in {"ccomp", "advcl"}), None)
            if clause is None or clause.i in self.inside:
                return None
            return self.doc[clause.left_edge.i : clause.right_edge.i + 1]
        for child in verb.children:
            if child.dep_ in {"ccomp", "xcomp"} and child.i not in self.inside or child.dep_ == "ccomp":
                if child.dep_ == "xcomp" and lemma not in DIRECTIVE:
                    continue
                sub = self.doc[child.left_edge.i : child.right_edge.i + 1]
                if child.i < verb.i and any(t.i == verb.i for t in sub):
                    continue
                if BLANK_LINE.search(self.text, min(verb.idx, sub.start_char), max(verb.idx, sub.end_char)):
                    sub = None if self.every else self.own_paragraph(sub, child, verb)
                    if sub is None:
                        continue  # the parse joined two paragraphs: what a verb reports stays in its paragraph
                return sub
        if verb.dep_ == "parataxis" and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i > verb.i and verb.i not in self.inside:
            # 'Before he got out, Walsh said, he fashioned a tourniquet': the clause the parenthesis interrupts,
            # from the parenthesis on
            end = verb.head.right_edge.i
            while end > verb.right_edge.i and self.doc[end].is_punct:
                end -= 1
            after = self.doc[verb.right_edge.i + 1 : end + 1]
            if len(after) >= MIN_CONTENT_WORDS and not any(t.i in self.inside for t in after):
                return after
        if (not self.every and verb.dep_ == "parataxis" and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i < verb.i
                and verb.i not in self.inside and self.set_off(verb)):
            # 'There is only one Magisterium, he said, and bishops' conferences can only decide ...': the clause
            # the parenthesis interrupts, whole (the quote definition; PolNeAR's attributions keep their pieces)
            head = verb.head
            start, end = head.left_edge.i, head.right_edge.i
            while end > head.i and self.doc[end].is_punct:
                end -= 1
            whole = self.doc[start : end + 1]
            if verb.i - start >= MIN_CONTENT_WORDS and not any(t.i in self.inside for t in whole):
                return whole
        if (verb.dep_ == "advcl" and verb.head.i > verb.i and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
                and not any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children) and verb.i not in self.inside):
            # 'As Dr. Sanjay Gupta noted at the time, Trump's heart disease meant ...': the main clause is what
            # was noted (not 'As he said this, he left', whose verb has its own object)
            end = verb.head.right_edge.i
            while end > verb.head.i and self.doc[end].is_punct:
                end -= 1
            after = self.doc[verb.right_edge.i + 1 : end + 1]
            while len(after) and after[0].is_punct:
                after = after[1:]
            if len(after) >= MIN_CONTENT_WORDS and not any(t.i in self.inside for t in after):
                return after
        if (inverted := self.content_before_name(verb)) is not None:
            return inverted[0]  # 'UNHCR programs are feeling the strain, Glenn Jusnes, a spokesperson, told VOA'
        if (joined := self.misparsed_subjects(verb)) is not None:
            return joined
        if lemma in CLAUSE_ONLY and lemma != "call":
            return None
        if lemma in OBJECT_CONTENT_VERBS:
            for child in verb.children:
                if child.dep_ in {"dobj", "prep"} and (child.dep_ == "dobj" or (lemma == "call" and child.lower_ == "for")):
                    head = child if child.dep_ == "dobj" else next((c for c in child.children if c.dep_ == "pobj"), None)
                    if head is None:
                        continue
                    return self.doc[head.left_edge.i : head.right_edge.i + 1]
        return None

    def set_off(self, verb: Token) -> bool:
        """The verb and its short subject stand between commas, a parenthesis in another clause (', he said,')."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        first = subject.left_edge.i if subject is not None else verb.i
        return (subject is not None and 0 < first and verb.i + 1 < len(self.doc) and verb.i - first < 4
                and self.doc[first - 1].text == "," and self.doc[verb.i + 1].text == ",")

    def misparsed_subjects(self, verb: Token) -> Span | None:
        """'Experts said thunderstorms, and requests to gain altitude, were not unusual': the parse made the
        clause's first subject the object of 'said' and its verb a conjunct of 'said'; the reported clause runs
        from that bare noun to the conjunct's end. 'Say' takes no bare noun as a thing said."""
        if verb.lemma_.lower() != "say" or verb.i in self.inside:
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i > verb.i
                    and not any(d.dep_ in {"det", "poss", "nummod"} for d in c.children)), None)
        conj = next((c for c in verb.children if obj is not None and c.dep_ == "conj" and c.i > obj.i
                     and c.pos_ in {"VERB", "AUX"} and any(d.dep_ in {"nsubj", "nsubjpass"} for d in c.children)), None)
        if conj is None:
            return None
        end = conj.right_edge.i
        while end > conj.i and self.doc[end].is_punct:
            end -= 1
        span = self.doc[obj.left_edge.i : end + 1]
        return None if any(t.i in self.inside for t in span) else span

    def own_paragraph(self, sub: Span, clause: Token, verb: Token) -> Span | None:
        """The part of a reported clause in its verb's paragraph, where the parse joined a heading above to
        it ('CLUES WHEN THINGS GO WRONG \n\n The plane ... lacked diagnostics, a GE spokesman said'): the
        clause's own verb and the speech verb after the last paragraph break before them, the clause from
        there on; else None."""
        breaks = [m.end() for m in BLANK_LINE.finditer(self.text, sub.start_char, min(clause.idx, verb.idx))]
        if not breaks or verb.idx < clause.idx or BLANK_LINE.search(self.text, clause.idx, max(verb.idx, sub.end_char)):
            return None
        rest = self.doc.char_span(breaks[-1], sub.end_char, alignment_mode="expand")
        while rest is not None and len(rest) and rest[0].is_space:
            rest = rest[1:]
        return rest if rest is not None and len(rest) >= MIN_CONTENT_WORDS else None

    def according_to(self) -> None:
        """'According to X, ...': the rest of the sentence is what X says."""
        for tok in self.doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(self.doc) or self.doc[tok.i + 1].lower_ != "to":
                continue
            if any(f.cue and f.cue[0] == tok.idx for f in self.found):
                continue
            to = self.doc[tok.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            sent = tok.sent
            phrase_start, phrase_end = tok.i, obj.right_edge.i + 1
            teller = next((t for t in sent if (obj.lower_ in FINDINGS or obj.lemma_.lower() in FINDINGS)
                           and self.is_speech_verb(t) and not phrase_start <= t.i < phrase_end and t.i > obj.i
                           and any(c.dep_ == "nsubj" and c.i not in self.inside for c in t.children)), None)
            # '..., according to radar data, a source close to the investigation has told Reuters': the data is
            # what the source goes by; the source said it
            clause = tok.head
            if clause.dep_ == "relcl" and phrase_end <= clause.i:
                # 'The politician, who according to some outlets is considering a run, says ...': what the outlets
                # say is the relative clause, not 'The politician, who'
                rest = self.doc[phrase_end : clause.right_edge.i + 1]
            elif phrase_start - sent.start <= 1:
                rest = self.doc[phrase_end : sent.end]
            else:
                rest = self.doc[sent.start : phrase_start]
            s, e = trim(self.text, rest.start_char, rest.end_char)
            if e - s < MIN_ACCORDING_CHARS:
                continue
            if any(f.cue and rest.start_char <= f.cue[0] < rest.end_char
                   and (f.kind == "direct" or f.content[0] <= tok.idx < f.content[1]) for f in self.found):
                continue  # '"...," he told them, according to a statement': the quotation has its speaker; so has
                # 'As Dr. Gupta noted, ... X meant ..., according to guidance from the Mayo Clinic' (Gupta's content)
            if not self.every and any(
                    f.cue and f.speaker is not None and rest.start_char <= f.cue[0] < rest.end_char
                    and rest.start_char <= f.speaker.start_char and f.speaker.end_char <= f.cue[0]
                    and self.heads_clause(f.cue, rest) for f in self.found):
                continue  # 'According to Breitbart, 65 women ... said he has always behaved ...': the rest of the
                # sentence has a speaker of its own, named before its speech verb; the women said it (PolNeAR's
                # attributions mark the outer one too, as for other nested attributions); not a speech verb deeper
                # in it ('According to the Post, officials looked into what ... if their candidate announced ...')
            if teller is not None:
                self.found.append(Found("indirect", (s, e), self.cue_span(teller), self.subject_of(teller)))
                continue
            self.found.append(Found("indirect", (s, e), (tok.idx, to.idx + len(to.text)), self.speaker_span(obj)))

    def heads_clause(self, cue: tuple[int, int], rest: Span) -> bool:
        """Whether the verb of `cue` heads the clause `rest` (its root, or a verb joined to the root by 'and')."""
        verb = self.doc.char_span(*cue, alignment_mode="expand")
        root = rest.root
        return verb is not None and any(t.i == root.i or (t.dep_ == "conj" and t.head.i == root.i) for t in verb)

    # --- output -------------------------------------------------------------------------------

    def resolve(self, f: Found, last: Found | None) -> None:
        """Names the speaker as one entity of the actors component (`speaker_entity`), or by the words of
        the article where no one entity is meant ('the pair': the two people named together; 'an Obama
        supporter': the description itself). A speaker span that opens with the article's dateline starts
        after it. A speaker that cannot speak is dropped first: words inside the
        quote's own content, a heading or link line other than the cue's, an expletive 'it', a quantified
        group of places ('some countries and territories'). A relative pronoun ('which said') keeps its span,
        the words the text gives, and is named by the noun its clause hangs on."""
        if f.speaker is None or f.speaker_id:
            return
        self.content = f.content  # (`named_before` passes over names in the quote's own words)
        sp = f.speaker
        if self.place is not None and sp.root.idx < self.place[0] and (after := next(
                (c for c in sp.root.children if c.dep_ == "conj" and c.idx >= self.place[0]), None)) is not None:
            sp = f.speaker = self.speaker_span(after)  # 'BAAR, SWITZERLAND \n\n Ascom, a ... provider, announced'
        if self.place is not None and sp.start_char < self.place[0] < sp.end_char:
            # 'HONOLULU, Hawaii (HawaiiNewsNow) - NASA scientists ... have confirmed': the dateline is no speaker
            rest = [t for t in sp if t.idx >= self.place[0] and not t.is_punct]
            sp = f.speaker = self.doc[rest[0].i : sp.end] if rest else None
            if sp is None:
                return
        if (after_dash := self.after_closing_dash(sp)) is not None:
            sp = f.speaker = after_dash  # 'In the letter - addressed to ..., Channing D. Phillips - the Utah
            # Republican asks': the subject after the dash that closes the aside, not the aside's last name
        if not self.can_speak(f, sp):
            f.speaker = None
            return
        if last is not None and last.speaker is not None and (last.speaker.start, last.speaker.end) == (sp.start, sp.end):
            f.speaker_id, f.speaker_name = last.speaker_id, last.speaker_name  # 'It did not ... and said': one subject
            return
        prev = self.previous
        if (prev is not None and prev.speaker is not None and prev.speaker_name
                and (prev.speaker.start, prev.speaker.end) == (sp.start, sp.end)):
            f.speaker_id, f.speaker_name = prev.speaker_id, prev.speaker_name  # a quotation going on after '"...,"
            return  # they wrote.': the same words, the same speaker as resolved there
        sp = self.antecedent(sp) or sp  # 'which', 'who': the speaker is the noun the clause hangs on
        if len(sp) == 1 and sp[0].lower_ in {"they", "it"} and (plural := self.plural_antecedent(sp, last)) is not None:
            if isinstance(plural, str):  # the last quote's speaker, as it was named there, or an organisation
                named_there = last is not None and last.speaker_id == plural
                f.speaker_id, f.speaker_name = plural, last.speaker_name if named_there else self.entity_names.get(plural)
                return
            sp = plural  # 'they said': the organisation or the people who spoke or were the subject before
        head = sp.root
        if (maker := self.maker_in_statement_noun(head)) is not None:
            f.speaker_id, f.speaker_name = maker, self.entity_names.get(maker)  # 'said the ministry statement' after
            return  # "Congo's Health Ministry said ...": the ministry, not the government that spoke last
        if (made := self.statement_before(sp)) is not None:
            f.speaker_id, f.speaker_name = made.speaker_id, made.speaker_name  # 'according to the statement' after
            return  # 'according to a statement from the Vatican': that statement
        prev = self.previous
        if (head.pos_ == "NOUN" and head.lemma_.lower() in STATEMENT_NOUNS and any(c.lower_ == "the" for c in head.children)
                and prev is not None and prev.speaker is not None and prev.speaker.root.lemma_.lower() in STATEMENT_NOUNS
                and prev.speaker.root.i != head.i and (prev.speaker_id or prev.speaker_name)
                and 0 <= sp.start_char - prev.content[1] < ORG_WINDOW_CHARS):
            f.speaker_id, f.speaker_name = prev.speaker_id, prev.speaker_name  # "The embassy's health alert says
            return  # ... "...," the message says': the document that spoke just before
        if (head.pos_ == "NOUN" and head.lemma_.lower() in STATEMENT_NOUNS and self.definite(head) and last is not None
                and 0 <= sp.start_char - last.content[1] < ORG_WINDOW_CHARS
                and not any(c.dep_ == "poss" and c.pos_ != "PRON" for c in head.children)  # "the embassy's alert": its own
                and not any(c.dep_ == "prep" and c.lower_ in {"from", "by"} for c in head.children)):  # 'the letter to
            # me from the UK Home Office said': a statement that names its maker in its own words is its own
            f.speaker_id, f.speaker_name = last.speaker_id, last.speaker_name  # 'the statement said': its maker
            return
        if (reporter := self.who_reported(sp)) is not None:
            f.speaker_id, f.speaker_name = reporter.speaker_id, reporter.speaker_name  # 'the report said': who reported
            return
        if (same := self.same_described(sp)) is not None:
            f.speaker_id, f.speaker_name = same.speaker_id, same.speaker_name  # 'the same official explains'
            return
        if (described := self.described_just_before(sp)) is not None:
            f.speaker_name = described  # '..., said a source close to the probe. He cautioned that ...'
            return
        if (description := self.described_role(sp)) is not None:
            f.speaker_name = description  # 'the civil lawyer wrote' after 'a civil attorney working with ...'
            return
        group = self.group_named(sp)
        if group:
            f.speaker_name = " and ".join(self.entity_names.get(i, i) for i in group)
            return
        ident = self.speaker_entity(sp, last)
        words = PARTY_TAG.sub("", self.text[sp.start_char : sp.end_char].split(",")[0]).strip()
        if ident:
            f.speaker_id = ident
            f.speaker_name = self.entity_names.get(ident)
            if self.entity_types.get(ident) == "ORG" and (organ := self.organ_named(sp.root, ident)) is not None:
                f.speaker_name = organ  # 'the editorial board writes': the 'Wall Street Journal editorial board'
            if self.entity_types.get(ident) == "PERSON" and (fuller := self.fuller_name(sp, f.speaker_name)):
                f.speaker_name = fuller
            if self.entity_types.get(ident) in {"GPE", "NORP", "LOC"} and is_common(sp.root):
                f.speaker_name = words  # 'the US military', 'Scottish government': the state's organ speaks
        elif (sp.root.tag_ in {"NNS", "NNPS"} and any(c.lower_ == "the" for c in sp.root.children)
              and (body := self.collective_before(sp.root)) is not None):
            f.speaker_name = body.text  # 'the physicians stated', after 'A group of physicians ... is urging'
        elif self.last_speaker_described(sp, last):
            f.speaker_id, f.speaker_name = last.speaker_id, last.speaker_name
        elif (sp.root.pos_ == "PROPN" and not sp.root.ent_type_ and (after := next(sp.root.rights, None)) is not None
              and after.dep_ == "prep" and after.lower_ == "in" and after.i < sp.end
              and any(t.ent_type_ in {"GPE", "LOC"} for t in after.subtree)):
            # a name the tagger missed, with its post-modifier ('The Kurdish-led Autonomous Administration in north
            # and east Syria, a de facto civilian authority ...'): the name ends at its head, not at the place after it
            f.speaker_name = self.text[sp.start_char : sp.root.idx + len(sp.root.text)]
        elif not (len(sp) == 1 and sp[0].pos_ == "PRON" and sp[0].lower_ not in QUANTIFIERS | OTHERS):
            f.speaker_name = words  # 'Analysts say', 'Some said', 'Another said' (after '"...," one user wrote'):
            # its words, someone the text does not name

    def after_closing_dash(self, sp: Span) -> Span | None:
        """The words of a speaker span after a dash that closes an aside opened by a dash before the span in its
        sentence (the parse joined the aside's last words to the subject), where they hold a noun; else None."""
        spaced = lambda t: t.text in DASHES | {"-"} and (t.text != "-" or (  # noqa: E731
            t.i > 0 and self.doc[t.i - 1].whitespace_ and t.whitespace_))  # (a spaced hyphen, not one in a word)
        dash = next((t for t in sp if spaced(t)), None)
        if dash is None or dash.i == sp.start or dash.i + 1 >= sp.end:
            return None
        opened = sum(1 for t in self.doc[sp.sent.start : sp.start] if spaced(t))
        rest = self.doc[dash.i + 1 : sp.end]
        return rest if opened % 2 == 1 and any(t.pos_ in {"NOUN", "PROPN"} for t in rest) else None

    def organ_named(self, noun: Token, ident: str) -> str | None:
        """For a definite organisation noun resolved to an organisation, the body of it the text named before
        with that noun after the organisation's name ('the Wall Street Journal editorial board', then 'the
        editorial board writes'): its words, the board speaking, not the newspaper; else None. Not a noun that
        says what the organisation itself is ('the Global Times tabloid': `KIND_NOUNS`)."""
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN" or lemma not in ORG_NOUNS or lemma in KIND_NOUNS or not self.definite(noun):
            return None
        for tok in self.doc[: noun.i]:
            if tok.lemma_.lower() != lemma or tok.pos_ != "NOUN":
                continue
            named = [c for c in tok.children if c.dep_ in {"compound", "nmod"} and c.i < tok.i
                     and self.same_organisation(self.token_actor(c), ident)]
            if named:
                start = min(c.left_edge.i for c in named)
                start += self.doc[start].dep_ == "det"
                if all(t.dep_ in {"compound", "amod"} or t.ent_type_ for t in self.doc[start : tok.i]):
                    return self.doc[start : tok.i + 1].text
        return None

    def same_organisation(self, a: str | None, b: str) -> bool:
        """Two actor ids of one organisation: the same, or one's name the last words of the other's ('The Journal'
        of 'the Wall Street Journal', which the actors component keeps apart)."""
        if a is None or a == b:
            return a == b
        x, y = (self.entity_names.get(i) or "" for i in (a, b))
        return bool(x and y) and (x.endswith(" " + y) or y.endswith(" " + x))

    def fuller_name(self, sp: Span, name: str | None) -> str | None:
        """The speaker's name as the span writes it where the recogniser cut it short ('Harrison Weinhold told
        CBS News' with only 'Harrison' tagged a person): the capitalised words the head's name is made of, when
        they begin with the entity's whole name and go on; else None."""
        head = sp.root
        if not name or head.pos_ != "PROPN":
            return None
        words = sorted([head, *(c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN")], key=lambda t: t.i)
        if words[-1].i - words[0].i + 1 != len(words) or not all(t.text[:1].isupper() and t.is_alpha for t in words):
            return None
        run = self.doc[words[0].i : words[-1].i + 1].text
        return run if run.startswith(name + " ") else None

    def last_speaker_described(self, sp: Span, last: Found | None) -> bool:
        """A definite description of a person the text never names otherwise, as the speaker just after a
        named person's quote ('"Dog meat's texture is similar to beef," said Kristian, who prefers ... "I love
        it," said the young professional in his 30s who may soon find it difficult to indulge his taste'): the
        same person, described again ('his' or 'her' in the words after its noun says a person, of the last
        speaker's gender; 'the patient wrote', with no such words, may be another)."""
        head = sp.root
        if (head.pos_ != "NOUN" or not self.definite(head) or last is None or not last.speaker_id
                or self.entity_types.get(last.speaker_id) != "PERSON"
                or not 0 <= sp.start_char - last.content[1] < SAME_SPEAKER_CHARS):
            return False
        genders = {PRONOUN_GENDER[t.lower_] for t in sp if t.lower_ in {"his", "her"} and t.i > head.i}
        return len(genders) == 1 and self.genders.get(last.speaker_id) in genders | {None} and not any(
            c.dep_ == "poss" for c in head.children)

    def maker_in_statement_noun(self, head: Token) -> str | None:
        """For a definite statement noun whose maker is a noun before it ('the ministry statement', 'the
        embassy statement'), the organisation named before it, within `NAMED_WINDOW_CHARS`, whose name holds
        that noun ("Congo's Health Ministry"), the last such (`named_before`); else None."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in STATEMENT_NOUNS or not self.definite(head):
            return None
        maker = next((c for c in head.children if c.dep_ == "compound" and c.i < head.i
                      and c.lemma_.lower() in ORG_NOUNS and not c.ent_type_), None)
        if maker is None:
            return None
        noun = maker.lemma_.lower()
        return self.named_before(maker.idx, lambda i: self.entity_types.get(i) == "ORG" and noun in {
            w.lower() for w in re.findall(r"\w+", self.entity_names.get(i) or "")})

    def statement_before(self, sp: Span) -> Found | None:
        """For 'the statement' (a statement noun with 'the'), the last quote before it, within `ORG_WINDOW_CHARS`,
        whose speaker is a statement the text introduced with 'a' ('according to a statement from the Vatican'),
        else None."""
        head = sp.root
        lemma = head.lemma_.lower()
        if head.pos_ != "NOUN" or lemma not in STATEMENT_NOUNS or not any(c.lower_ == "the" for c in head.children):
            return None
        for f in reversed(self.done):
            if f.speaker is None or not 0 <= sp.start_char - f.speaker.end_char < ORG_WINDOW_CHARS:
                continue
            noun = f.speaker.root
            if (noun.lemma_.lower() == lemma and noun.i != head.i and any(c.lower_ in {"a", "an"} for c in noun.children)
                    and (f.speaker_id or f.speaker_name)):
                return f
        return None

    def who_reported(self, sp: Span) -> Found | None:
        """For 'the report said', 'the report recalls': the last quote before it, within `NAMED_WINDOW_CHARS`,
        whose cue is that noun's verb ('FrontPage Magazine reported: ...'), when its speaker is named; else
        None (a report no one was said to make, 'a 2014 report from the World Bank', stays a description)."""
        head = sp.root
        if head.pos_ != "NOUN" or head.lemma_.lower() != "report" or not any(c.lower_ == "the" for c in head.children):
            return None
        for f in reversed(self.done):
            for where in (f.cue, f.rule_cue):  # (the rules' own cue where the tagger gave the quote another:
                # 'CMGM ... reported in January that ... . ..., according to the report.')
                if where is None or not 0 <= sp.start_char - where[1] < NAMED_WINDOW_CHARS:
                    continue
                cue = self.doc.char_span(*where, alignment_mode="expand")
                if cue is not None and cue.root.lemma_.lower() == "report" and cue.root.pos_ == "VERB":
                    return f if f.speaker_id else None
        return None

    def same_described(self, sp: Span) -> Found | None:
        """For 'the same official', 'the same spokesman': the last quote before it whose speaker's head is that
        noun ('"Maybe," one Western official asks. ... the same official explains'), else None."""
        head = sp.root
        if head.pos_ != "NOUN" or not any(c.lower_ == "same" for c in head.children):
            return None
        lemma = head.lemma_.lower()
        return next((f for f in reversed(self.done) if f.speaker is not None and f.speaker.root.lemma_.lower() == lemma
                     and f.speaker.start_char < sp.start_char and (f.speaker_id or f.speaker_name)), None)

    def described_just_before(self, sp: Span) -> str | None:
        """For 'he'/'she', the words of the quote just before when its speaker is one person the article
        describes and never names ('..., said a source close to the probe. He cautioned that ...'): that
        quote ends within `SAME_SPEAKER_CHARS` before the pronoun and no person is named between them."""
        prev = self.previous
        if len(sp) != 1 or sp[0].lower_ not in {"he", "she"} or prev is None or prev.speaker is None:
            return None
        noun = prev.speaker.root
        gender = PRONOUN_GENDER[sp[0].lower_]
        if (prev.speaker_id or not prev.speaker_name or noun.tag_ != "NN" or noun.pos_ != "NOUN"
                or GENDERED.get(noun.lower_, gender) != gender or self.is_question(prev)):
            return None  # (who asked is not who answers: 'when a reporter asked if ...' then '"...," he said')
        if not any(c.lower_ in {"a", "an"} or (c.dep_ == "poss" and c.pos_ == "PROPN") for c in noun.children) and not (
                any(c.lower_ == "the" for c in noun.children) and noun.lower_ in GENDERED) and not (
                prev.speaker_name.lower().startswith(("a ", "an ")) and prev.speaker_name != prev.speaker.text):
            return None  # 'a source ...', "Smith's lawyer", 'the unidentified woman' whose noun says she is a
            # woman, or 'the civil lawyer' named by the description before ('a civil attorney working with ...':
            # `described_role`)
        end = max(prev.content[1], prev.speaker.end_char)
        last = self.doc.char_span(end - 1, end, alignment_mode="expand")
        end = max(end, last.sent.end_char) if last is not None else end  # from the end of the quote's sentence
        if not 0 <= sp.start_char - end < SAME_SPEAKER_CHARS:
            return None
        named = any(end <= s < sp.start_char and self.entity_types.get(i) == "PERSON"
                    and self.genders.get(i) in {gender, None}  # 'she says' after Kavanaugh was named: not him
                    and self.text[s:e].lower() not in PRONOUN_GENDER for s, e, i in self.doc._.actor_spans or [])
        return None if named else prev.speaker_name

    def described_role(self, sp: Span) -> str | None:
        """For a definite role noun of no owner ('the civil lawyer', 'The informant', 'the minister'), or a plural
        after those who spoke ('The aides'), the description that last gave that role (a word of its `ROLE_SYNONYMS` set) to someone the
        text does not name, marked whole: one with 'a' or 'an' ('a civil attorney working with the former
        witness'), a bare plural ('Aides to Mr. Trump say'), one owned by a common noun in the same or the
        sentence before ("the country's information minister shared ... the minister said"), or the one a
        relative clause calls so ('a man that the FBI used as an informant'). The noun's narrowing words
        ('civil') must stand before the description's noun. None where that mention is a person's title or
        apposition ('attorney Marc Victor', 'Prime Minister Hun Manet': the role rules name that person), or
        where the text only said it with 'the' before, or said it of someone ('the comedian was a senator')."""
        head = sp.root
        if (head.pos_ != "NOUN" or not any(c.lower_ == "the" for c in head.children) or another(head)
                or any(c.dep_ == "poss" for c in head.children) or not (is_role(head) or head.tag_ in {"NNS", "NNPS"})
                or head.lemma_.lower() in STATEMENT_NOUNS or any(self.is_person(t) for t in sp if t.pos_ == "PROPN")):
            return None  # ('the letter': a statement's maker is the statement rules')
        key, words, plural = role_key(head), set(self.modifier_words(head)), head.tag_ in {"NNS", "NNPS"}
        earliest = self.previous_sentence(head)
        for t in reversed(self.doc[: head.i]):
            if role_key(t) != key or t.i in self.inside:
                continue
            if t.ent_type_ == "PERSON" or self.is_person(t) or any(
                    (c.dep_ == "appos" or (c.dep_ == "compound" and c.i > t.i))  # not 'an Obama supporter'
                    and (c.ent_type_ == "PERSON" or self.is_person(c)) for c in t.children) or (
                    t.dep_ in {"appos", "compound"} and (t.head.ent_type_ == "PERSON" or self.is_person(t.head))):
                return None  # a person's title: the role rules name that person
            if t.dep_ in {"attr", "oprd", "xcomp"}:
                return None  # 'the former comedian was a senator': said of someone, left to the role rules
            if not (t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.is_sent_start)) or (t.tag_ in {"NNS", "NNPS"}) != plural:
                continue  # ('Aides to Mr. Trump say', tagged a name at the sentence's start)
            dets = {c.lower_ for c in t.children if c.dep_ == "det"}
            owner = next((c for c in t.children if c.dep_ == "poss"), None)
            if dets == {"the"} and owner is None:
                continue  # 'the lawyer' again: it points back further
            if not words <= {w.lower_ for w in self.doc[t.left_edge.i : t.i]}:
                return None
            if not is_role(head) and not (t.dep_ == "nsubj" and self.is_speech_verb(t.head)):
                return None  # a plural of no role ('The aides') only after those who spoke ('Aides to Mr. Trump say')
            said_as = t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.dep_ == "relcl"
            if said_as and any(c.lower_ in {"a", "an"} for c in t.head.head.head.children):
                t = t.head.head.head  # 'a man that the FBI used as an informant'
            elif not (dets & {"a", "an"} or (plural and not dets and owner is None) or (
                    owner is not None and owner.pos_ == "NOUN" and not owner.ent_type_ and t.idx >= earliest)):
                return None
            words = self.text[t.left_edge.idx : t.right_edge.idx + len(t.right_edge.text)]
            # (not past a dash: 'an employee for Platte River Networks - the company that ... - deleted an archive
            # of Clinton emails', the parse hanging the aside and the verb after it on the noun)
            return ASIDE_DASH.split(words, maxsplit=1)[0].strip(TRIM)
        return None

    def can_speak(self, f: Found, sp: Span) -> bool:
        """Whether the speaker words may name a speaker: not the quote's own words ('me as Governor'), not on
        another line than the cue (a heading or a link rail above it), not an expletive 'it' ('It is not
        clear whether ...'), not a group of places or things counted by a quantifier."""
        if any(t.i in self.inside and f.content[0] <= t.idx < f.content[1] for t in sp):
            return False  # words in quotation marks are what someone said, not who said it
        apart = lambda a, b: "\n" in self.text[min(a[1], b[0]) : max(a[0], b[1])]  # noqa: E731
        where = (sp.start_char, sp.end_char)
        if f.cue and apart(where, f.cue) and apart(where, f.content) and self.heading(sp[0]):
            return False
        head = sp.root
        if head.lower_ == "it" and (head.dep_ == "expl" or head.head.lemma_ == "be"
                                    or any(c.dep_ == "auxpass" for c in head.head.children)):
            return False
        return not (head.tag_ in {"NNS", "NNPS"} and head.lemma_.lower() in PLACE_NOUNS
                    and any(c.dep_ == "det" and c.lower_ in QUANTIFIERS for c in head.children))

    def headline(self, f: Found) -> bool:
        """The quote stands on a headline: a line of its own in title case ('Bernie Sanders: I'm Not Much Of A
        Socialist Compared To Eisenhower.', 'Newspaper Says Clinton Needs To Quit Political Calculations'), the
        outlet's summary of a story, not someone's words as said. A cue in lower case ('..., the Mayor said') is a
        sentence's, whatever its capitals."""
        if f.cue and self.text[f.cue[0] : f.cue[1]].strip()[:1].islower():
            return False
        first = self.doc.char_span(*f.content, alignment_mode="expand")
        if first is None:
            return False
        text, start, end = line_bounds(first[0])
        words = text[start:end].split()
        if len(words) > HEADLINE_MAX_WORDS:
            return False
        long = [w.lstrip("\"“‘'(") for w in words[1:] if len(w.strip(".,:;!?\"“”‘’'()")) >= 4]
        return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= HEADLINE_CAPITALS * len(long)

    @staticmethod
    def heading(tok: Token) -> bool:
        """The token stands on a heading or link line: short, and not ended as a sentence is."""
        text, start, end = line_bounds(tok)
        if end - start > HEADING_MAX_WORDS * 100:  # a long line is no heading (and is not split for every quote)
            return False
        line = text[start:end].strip()
        return len(line.split()) <= HEADING_MAX_WORDS and not line.endswith((".", "!", "?", ":", '"', "”", "’", "'", ")"))

    def group_named(self, sp: Span) -> list[str]:
        """'the pair', 'the couple', 'the two', 'both men': the people last named together ('A and B') before it
        (a partner NER missed counts where the actors component made it a person: 'Kevin King and Australian
        Timothy Weeks'); 'the Jewish groups': the bodies listed with that noun before (`bodies_listed_with`)."""
        head = sp.root
        if (named := self.role_group(head)):
            return named
        if (listed := self.people_in_apposition(head)):
            return listed
        if (bodies := self.bodies_listed_with(head)):
            return bodies  # 'The Jewish groups said' after 'Hillel McGill, Chabad at McGill and three other Jewish groups'
        if (joined := self.organisations_joined(head)):
            return joined  # 'The companies said' after 'Pfizer and BioNTech released'
        counted = head.lemma_.lower() in PEOPLE_NOUNS and any(c.lower_ in {"both", "two"} for c in head.children)
        if not counted and (head.lemma_.lower() not in GROUP_NOUNS or not any(c.lower_ in {"the", "both"} for c in sp)):
            return []
        for ent in reversed([e for e in self.ents if e.end_char <= sp.start_char and e.label_ == "PERSON"]):
            partners = [c for c in ent.root.conjuncts if c.ent_type_ == "PERSON" or self.is_person(c)]
            if partners:
                if len(ids := self.people_named(sorted({ent.root, *partners}, key=lambda t: t.i))) >= 2:
                    return ids
        return []

    def bodies_listed_with(self, noun: Token) -> list[str]:
        """For a plural organisation noun with 'the' or 'both' ('The Jewish groups said'), the bodies the text
        listed before as conjuncts of that noun ('A statement by Hillel McGill, Chabad at McGill and three other
        Jewish groups', a name set off by a comma counted as the one before it lists), at least two, each as its
        entity id or, where the actors component made none, its name's words; the last such list; else []."""
        lemma = noun.lemma_.lower()
        if noun.tag_ not in {"NNS", "NNPS"} or lemma not in ORG_NOUNS or not any(
                c.lower_ in {"the", "both"} for c in noun.children):
            return []
        for tok in reversed(self.doc[: noun.i]):
            if tok.lemma_.lower() != lemma or tok.tag_ not in {"NNS", "NNPS"} or tok.i in self.inside:
                continue
            members = {c for c in tok.conjuncts if c.i < tok.i}
            members |= {c.head for c in members if c.dep_ == "appos" and c.head.i < c.i}
            named = []
            for m in sorted(members, key=lambda t: t.i):
                if m.pos_ != "PROPN":
                    continue
                ident = self.token_actor(m)
                if self.entity_types.get(ident) in {"ORG", "PERSON"}:
                    named.append(ident)
                else:  # its name's own words ('Chabad at McGill'), to its list's next comma or conjunction
                    end = next((c.i for c in m.rights if c.dep_ in {"cc", "conj", "punct", "appos"}), m.right_edge.i + 1)
                    named.append(self.doc[m.left_edge.i : end].text)
            named = list(dict.fromkeys(named))
            if len(named) >= 2:
                return named
        return []

    def organisations_joined(self, noun: Token) -> list[str]:
        """For a plural organisation noun with 'the', 'both' or 'two' ('The companies said', 'both firms'), the
        organisations last named together ('Pfizer and BioNTech'), at least two; else []."""
        if noun.tag_ not in {"NNS", "NNPS"} or noun.lemma_.lower() not in ORG_NOUNS or not any(
                c.lower_ in {"the", "both", "two"} for c in noun.children):
            return []
        for tok in reversed(self.doc[: noun.i]):
            if tok.dep_ != "conj" or tok.i in self.inside:
                continue
            members = sorted({tok.head, *tok.head.conjuncts}, key=lambda t: t.i)
            ids = list(dict.fromkeys(self.token_actor(t) for t in members))
            if len(ids) >= 2 and all(self.entity_types.get(i) == "ORG" for i in ids):
                return ids
        return []

    def organisation_spoke_last(self, char: int) -> str | None:
        """The organisation that spoke last before `char`, within `ORG_WINDOW_CHARS` of its quote, where every
        organisation named between that quote's start and `char` is named only inside quotes' words (no other
        organisation was named in the text's own words since); else None."""
        spoke = next((f for f in reversed(self.done) if f.speaker_id and f.content[1] <= char
                      and self.entity_types.get(f.speaker_id) == "ORG"), None)
        if spoke is None or char - spoke.content[1] >= ORG_WINDOW_CHARS:
            return None
        for start, _end, ident in self.doc._.actor_spans or []:
            if start >= char:
                break
            if (start < spoke.content[0] or ident == spoke.speaker_id or self.entity_types.get(ident) != "ORG"
                    or any(f.content[0] <= start < f.content[1] for f in self.done)):
                continue
            return None
        return spoke.speaker_id

    def people_named(self, tokens: list[Token]) -> list[str]:
        """The person entities `tokens` name, each once, in order."""
        ids = dict.fromkeys(self.token_actor(t) for t in tokens)
        return [i for i in ids if i and self.entity_types.get(i) == "PERSON"]

    def people_in_apposition(self, noun: Token) -> list[str]:
        """For a plural noun, the people its apposition lists ('three members of the U.S. Senate — Chuck
        Grassley, Jeanne Shaheen and Jim Risch —'), at least two; else []."""
        if noun.tag_ not in {"NNS", "NNPS"}:
            return []
        for appos in (c for c in noun.children if c.dep_ == "appos" and c.i > noun.i):
            if len(ids := self.people_named([appos, *appos.conjuncts])) >= 2:
                return ids
        return []

    def role_group(self, noun: Token) -> list[str]:
        """For a plural role with 'the' or a possessive ('His attorneys say'), the people the text named together
        in that role before it ('his Phoenix attorneys Marc Victor and Andrew Marcantel', 'Marc Victor and
        Andrew Marcantel, his attorneys'; `ROLE_SYNONYMS` count as one role), the last such; else []."""
        lemma = noun.lemma_.lower()
        role = is_role(noun) or ((lemma.endswith(ROLE_ENDINGS) or lemma in ROLE_SYNONYMS)
                                 and lemma not in ORG_NOUNS and lemma not in STATEMENT_NOUNS)  # ('attorneys')
        if noun.tag_ != "NNS" or not role or not any(
                c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "some", "many", "several", "other", "two"}
                for c in noun.children):
            return []
        key = role_key(noun)
        for t in reversed(self.doc[: noun.i]):
            if t.tag_ != "NNS" or role_key(t) != key or t.i in self.inside:
                continue
            names = [c for c in t.children if c.dep_ in {"appos", "compound"} and c.i > t.i]
            if t.dep_ in {"appos"}:
                names.append(t.head)  # 'Marc Victor and Andrew Marcantel, his attorneys'
            for name in names:
                if len(ids := self.people_named([name, *name.conjuncts])) >= 2:
                    return ids
        return []

    def speaker_entity(self, sp: Span, last: Found | None) -> str | None:
        """The entity id a speaker span names, or None: a person in apposition ('his sister, Ana Diaz'); for
        'he'/'she' the paragraph's speaker (`pronoun_speaker`); 'it' and 'the company' the organisation named
        last; the entity the head word mentions (a description with a common noun of its own, 'X's sister',
        'an X supporter', 'a spokesman for X', is not X); an acronym the name the article spells out; a
        definite role ('the Director', 'the shop's owner') the person the article gives that role."""
        head = sp.root
        if (introduced := self.named_next(sp)) is not None:
            return introduced  # 'The head of UNICEF said ...' and then '"...," Catherine Russell ... told'
        if (person := self.person_after_place(head, sp)) is not None:
            return person  # 'Houston and Jim Crow Chao said': a heading run into the sentence, then the speaker
        if (titled := self.person_by_title_initials(head)) is not None:
            return titled  # 'The IG also said' after 'DOJ Inspector General Michael Horowitz'
        if head.pos_ == "NOUN" and head.lemma_.lower() in KIND_NOUNS and (named := next(
                (ident for c in head.children if c.dep_ == "compound" and c.ent_type_ == "ORG" and sp.start <= c.i
                 and self.entity_types.get(ident := self.token_actor(c)) == "ORG"), None)) is not None:
            return named  # 'the nationalist Global Times tabloid noted': the Global Times, the noun says what it is
        titled = head.pos_ == "PROPN" and is_role(head) and not head.ent_type_  # 'Air Force Chief of Staff, General
        if head.pos_ == "NOUN" or titled:  # Dave Goldfein said': a title the parse made a name, its person after it
            # 'his sister, Ana Diaz', 'The group that owns her music, Big Machine, says'
            for appos in (c for c in head.children if c.dep_ == "appos" and sp.start <= c.i < sp.end):
                ident = self.token_actor(appos)
                if self.entity_types.get(ident) in {"PERSON", "ORG"}:
                    return ident
            comma = [t for t in sp if t.text == "," and t.i > head.i]
            if comma:  # the name after the description's comma, where the parse lost the apposition
                ident = resolve_span(self.doc, sp[-1].idx, sp[-1].idx + len(sp[-1].text))
                after = self.doc[comma[-1].i + 1 : sp.end]
                if self.entity_types.get(ident) in {"PERSON", "ORG"} and all(t.pos_ in {"PROPN", "DET"} for t in after):
                    return ident
        word = head.lower_
        if word in PRONOUN_GENDER and len(sp) == 1:
            ident = self.pronoun_speaker(sp, last)
            if ident is not None and self.genders.get(ident) is None:
                self.genders[ident] = PRONOUN_GENDER[word]  # '"...," she told VOA' of Krittaporn Semsantad: a later
                # 'he' is someone else
            return ident
        if (people := self.one_of_a_people(head)) is not None:
            # 'the Dutchman': the person of that people named last, else the person the text was about
            person = lambda i: self.entity_types.get(i) == "PERSON"  # noqa: E731
            return (self.named_before(sp.start_char, lambda i: person(i) and self.entity_countries.get(i) == people)
                    or self.recent_subject(head, person)[0])
        if (age := stated_age(head)) is not None and self.definite(head):
            # 'the 34-year-old said': the person the text gave that age ('Maria Lopez, 34,'), else who it was about
            person = lambda i: self.entity_types.get(i) == "PERSON"  # noqa: E731
            return self.person_of_age(age, sp.start_char) or self.recent_subject(head, person)[0]
        if head.lower_ in PLACE_NOUNS and head.tag_ == "NN" and any(c.lower_ == "the" for c in head.children) and (
                place := self.place_named_as(head)) is not None:
            return place  # 'The county said' after 'Dallas County reported ...': its government speaks
        near = last is not None and last.speaker_id and 0 <= sp.start_char - last.content[1] < ORG_WINDOW_CHARS
        common = is_common(head)
        org_noun = common and (head.lemma_.lower() in ORG_NOUNS or word == "authority") and self.definite(head)
        if org_noun and word == "office" and any(c.dep_ == "poss" and c.lower_ in {"his", "her"}
                                                 for c in head.children):
            return None  # 'his office said': the person's own office, as the text calls it, not the body named last
        if org_noun and self.states_organ(head) and (named := self.organisation_by_modifiers(head, stated=True)):
            return named  # 'The Indonesian search authority said': the 'National Search and Rescue Agency'
        if word == "it" or (org_noun
                            and not self.states_organ(head)):
            is_org = lambda i: self.entity_types.get(i) == "ORG"
            if word != "it" and (named := self.organisation_by_modifiers(head)) is not None:
                return named  # 'The poultry farmers group says': the 'Association of Poultry Farmers' named before
            if near and is_org(last.speaker_id):
                return last.speaker_id  # 'the company says': the organisation that spoke just before
            if word != "it" and (spoke := self.organisation_spoke_last(sp.start_char)) is not None:
                return spoke  # 'Big Machine says she will play at the American Music Awards. Swift ..., after
                # accusing them ... But the company says': the one that spoke, not a name in its quote's words
            return self.named_before(sp.start_char, is_org, window=ORG_WINDOW_CHARS) or (
                self.main_organisation(sp.start_char) if word != "it" else None)
        if (common and head.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
                and (described := self.organisation_described_as(head)) is not None):
            return described  # 'the website adds' after 'the Vietnam Investment Review news website says'
        member = head.lower_ in PARTY_MEMBERS  # 'the Democrat said': a person of that party, not the party
        ident = None if member else self.token_actor(head)
        own_noun = common or member or (head.pos_ == "PROPN" and is_role(head) and not head.ent_type_)
        if own_noun and self.definite(head) and is_role(head) and (narrowed := self.person_by_modifiers(head)) is not None:
            return narrowed  # 'The military spokesperson said': the one whose title says 'military', not the last spokesperson
        if own_noun and any(c.lower_ in UNNAMED and c.dep_ == "amod" for c in head.children):
            return None  # 'the unidentified woman says': the text says it names her nowhere
        if ident is None and not own_noun and head.lower_ in QUANTIFIERS:
            return None  # 'some of Trump's defenders': the ones counted speak, not the one named in their phrase
        if ident is None and not own_noun:
            # the name's own words, not its apposition's ('Dai Shuqin, a 61-year-old who had five relations on
            # MH370, said': not MH370, whatever NER made of her name)
            name = self.doc[sp.start : head.i + 1] if head.pos_ == "PROPN" and sp.start <= head.i else sp
            ident = resolve_span(self.doc, name.start_char, name.end_char)
            if self.entity_types.get(ident) not in {"PERSON", "ORG"}:
                ident = self.by_surname(name) or self.by_acronym(head)
        if ident is None and own_noun and not self.definite(head) and is_role(head) and sp[0].lower_ in {"a", "an"}:
            # 'A California transit chief says ...', then 'Interim BART Police Chief Ed Alvarez told ...': a lede's
            # description is the person the next sentence gives that role
            nxt = self.doc[head.sent.end].sent if head.sent.end < len(self.doc) else None
            if nxt is not None and nxt.start < len(self.doc) and nxt.end < len(self.doc) and not nxt.text.strip():
                nxt = self.doc[nxt.end].sent  # a blank line between the paragraphs
            if nxt is not None:
                ident = self.role_in_text(head, self.names_person, after=True, until=nxt.end_char, exact=True)
        if (ident is None and own_noun and self.definite(head) and not another(head)
                and (is_role(head) or self.title_of_person(head))):
            inside = {self.token_actor(t) for t in sp if t.i != head.i}
            # 'The former French foreign minister' is no 'Hungarian Prime Minister Viktor Orban', "China's U.N.
            # ambassador" no British one
            peoples = modifier_peoples(head)
            asked = last.speaker_id if last is not None and self.is_question(last) else None  # (an interviewer
            # who asked just before is not the one who answers: 'That would be you? / Borger asked.')
            person = lambda i: (self.entity_types.get(i) == "PERSON" and i not in inside and i != asked
                                and (not peoples or self.entity_countries.get(i) in {*peoples, None}))
            ident = self.role_owner(head) or self.role_in_text(head, person) or self.named_later(head, person, last)
            # 'Austria's interior minister', 'Biden's spokesman': a description of its own, not whoever was named
            # last ('The shop's owner' after 'Nadia Karimi opened the bakery' is her)
            # 'his lawyer', 'her sister': someone of their own, not the one 'his' is (who was named last)
            owned = any(c.dep_ == "poss" and (c.ent_type_ or c.pos_ == "PRON" or is_role(c)) for c in head.children)
            # ("The mayor's spokesman" is the mayor's, not the mayor)
            if ident is not None and self.person_owned(head) and not self.same_owner(head, ident):
                ident = None  # "Morrison's lawyer" is not 'Trump's personal lawyer, Rudy Giuliani'
            restricted = any(c.dep_ in {"relcl", "acl"} and self.doc[c.left_edge.i - 1].text != ","  # 'The staff member
                             for c in head.children)  # who reported the call'; not 'The French politician, who ...'
            if ident is None and not owned and not restricted:  # the person the sentence before was about, else the one named last there
                subject, at = self.recent_subject(head, person)
                # the sentence before the quotation's ('"... Sentences of words ...," the former Florida governor
                # said' after 'Bush went after Trump'), where its words come first
                earliest = self.previous_sentence(self.words_first(head))
                ident = subject if subject and at >= earliest else self.named_before(
                    sp.start_char, person, window=sp.start_char - earliest)
                if ident is not None and self.set_apart(head, ident):
                    ident = None  # 'the patient wrote' after 'Dempsey questioned the patient': the patient, not Dempsey
                elif ident is None:
                    ident = self.protagonists_turn(sp, last)  # '"...," said the actor' in Van Der Beek's paragraph
        if ident is None and own_noun and head.tag_ in {"NNS", "NNPS"} and any(c.lower_ == "the" for c in head.children):
            ident = self.body_named_by(head)  # 'the doctors said' after 'a recently formed group Doctors for Camp Closure'
        return ident

    def named_later(self, noun: Token, person, last: Found | None) -> str | None:
        """The first person given this role after the noun ('Austria's interior minister said ...', later
        'Interior Minister Wolfgang Peschorn'), unless the noun is no one's ('the senator', not 'Austria's
        minister') and another person was the subject of the sentence before the quotation's (or before the
        question it answers): then that person. 'the independent Vermont senator
        said' after '"...," Sanders responded' is Sanders, who spoke just before, not 'Sen. Claire McCaskill'
        named further on; so is '"That would be me, yes. ...," the senator said' after '"...," Sanders remarked.
        "That would be you?" Borger asked.'"""
        later = self.role_in_text(noun, person, after=True)
        if later is None or any(c.dep_ == "poss" for c in noun.children):
            return later  # ("Austria's interior minister": a description of its own, never who was named last)
        first = self.words_first(noun)
        if last is not None and last.content[0] < first.idx and self.is_question(last):
            asked = self.doc.char_span(last.content[0], last.content[0] + 1, alignment_mode="expand")
            first = asked[0] if asked is not None else first
        subject, at = self.recent_subject(first, person)  # (before the words it said: a subject in them is no
        # speaker: 'At the time, Hillary Clinton was serving ..., the lawyer said')
        return subject if subject is not None and subject != later and at >= self.previous_sentence(first) else later

    def words_first(self, cue: Token) -> Token:
        """The first token of the quotation being resolved where its words come before `cue` ('"...," the
        senator said'), else `cue` itself: where 'the sentence before' is counted from."""
        opening = self.doc.char_span(self.content[0], self.content[0] + 1, alignment_mode="expand")
        return opening[0] if opening is not None and opening.start < cue.i else cue

    def place_named_as(self, noun: Token) -> str | None:
        """For 'the county', 'the city', 'the state', the place named last before it within `ORG_WINDOW_CHARS`
        whose name holds that word ('Dallas County') or that the text calls so ('the city of Austin'), else None."""
        word = noun.lower_
        best = None
        for start, end, ident in self.doc._.actor_spans or []:
            if start >= noun.idx:
                break
            if noun.idx - start > ORG_WINDOW_CHARS or self.content[0] <= start < self.content[1]:
                continue
            named = word in self.text[start:end].lower().split()
            called = self.text[max(0, start - len(word) - 4) : start].lower().rstrip() == f"{word} of"
            if named or called:
                best = ident
        return best

    def person_of_age(self, age: str, char: int) -> str | None:
        """The person last named before `char` with that age beside the name ('Maria Lopez, 34,'), else None."""
        beside = re.compile(rf"\s*,\s*(?:aged\s+)?{re.escape(age)}\b")
        for ent in reversed([e for e in self.ents if e.end_char <= char and e.label_ == "PERSON"]):
            if beside.match(self.text, ent.end_char) and (ident := self.token_actor(ent.root)) is not None:
                return ident
        return None

    @staticmethod
    def one_of_a_people(noun: Token) -> str | None:
        """For 'the Dutchman', 'the Brazilian' (a definite noun for one person of a people), that people's
        country, else None."""
        definite = any(c.lower_ == "the" for c in noun.children)
        if not (noun.tag_ in {"NN", "NNP"} and noun.text[:1].isupper() and definite) or noun.lower_ in GOVERNMENT_SEATS:
            return None  # ('the Pentagon' speaks for its government)
        return gazetteer.demonym_country(noun.text)

    @staticmethod
    def of_object(noun: Token) -> str:
        """The words of the noun's 'of' phrase ('The head of Doctors Without Borders (MSF)': 'Doctors Without
        Borders (MSF)'), '' where it has none."""
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return noun.doc[prep.i + 1 : prep.right_edge.i + 1].text if prep is not None and prep.i < prep.right_edge.i else ""

    def named_next(self, sp: Span) -> str | None:
        """A person the text introduces by a description as the subject of a speech verb and names in the next
        sentence, the subject of that sentence's speech verb ('A self-described member of a crime group told a
        court ...' / 'Khalid Mehdiyev told jurors ...'; 'The head of the U.N. children's program, UNICEF, said
        ...' / '"...," Catherine Russell, UNICEF's executive director, told ...'): that person, named there for
        the first time. The description is one person's role ('member', 'physician', 'head') with 'a', 'an'
        or 'the', not an organisation's or a statement's, not owned ("China's ambassador to Britain" may be
        named later), holding no person's name, and not the object of 'according to' (an unnamed source
        stays one); a person who 'also said' is another speaker. A description that points back to one said
        before with the same 'of' words ('The head of MSF' after 'The head of Doctors Without Borders (MSF)')
        is the person that one was; one with no 'of' words that points back ('The Republican presidential
        nominee noted', after 'nominee' was said) is left to the role rules (PolNeAR's sources keep its words)."""
        head = sp.root
        lemma = head.lemma_.lower()
        if (head.pos_ != "NOUN" or head.tag_ != "NN" or head.dep_ != "nsubj" or lemma in ORG_NOUNS
                or lemma in STATEMENT_NOUNS or not (is_role(head) or lemma in LEAD_NOUNS)
                or not self.is_speech_verb(head.head)
                or not any(c.lower_ in {"a", "an", "the"} or (c.dep_ == "poss" and (c.lower_ in {"his", "her"} or self.is_person(c)))
                           for c in head.children)
                or any(self.is_person(t) for t in sp if t.pos_ == "PROPN")):
            return None  # "China's ambassador", 'CNN's ... correspondent Dr. Sanjay Gupta', 'Company management'
        mine = self.of_object(head)
        for t in self.doc[: head.i]:
            if t.lemma_.lower() != lemma:
                continue
            before = next((f for f in reversed(self.done) if f.speaker is not None and f.speaker.root.i == t.i), None)
            theirs = self.of_object(t)
            said = self.text[t.idx : before.speaker.end_char] if before is not None else theirs
            if mine == theirs or (mine and mine in said):  # the same words: it points back, left to the role rules
                ident = before.speaker_id if before is not None and mine else None  # unless its 'of' names the body
                return ident if self.entity_types.get(ident) == "PERSON" else None
        sent = head.sent
        if sent.end >= len(self.doc):
            return None
        nxt = self.doc[sent.end].sent
        if not nxt.text.strip() and nxt.end < len(self.doc):
            nxt = self.doc[nxt.end].sent  # a blank line between the paragraphs
        first = self.first_mentions
        for ent in nxt.ents:
            root = ent.root
            if ent.label_ != "PERSON" or root.dep_ != "nsubj" or not self.is_speech_verb(root.head):
                continue
            if any(c.lower_ in {"also", "too"} for c in root.head.children):
                return None  # 'ODNI spokeswoman Kellie Wade also said': another speaker besides
            ident = resolve_span(self.doc, ent.start_char, ent.end_char)
            owners = {self.token_actor(c) for c in head.children if c.dep_ == "poss"}
            if (ident and self.entity_types.get(ident) == "PERSON" and first.get(ident, -1) >= nxt.start_char
                    and ident not in owners):
                holder = (self.role_owner(head) or self.role_in_text(head, self.names_person)
                          or self.role_in_text(head, self.names_person, after=True))
                return None if holder is not None and holder != ident else ident  # ('the lawyer said' when the
                # text makes another its attorney: 'hired an attorney, Victoria Toensing', left to the role rules)
        return None

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """NER's entities of the text, read once (`Doc.ents` makes its spans anew each time it is asked)."""
        return self.doc.ents

    @cached_property
    def first_mentions(self) -> dict[str, int]:
        """Where the text first mentions each actor (the character offset of its first span), read once."""
        first: dict[str, int] = {}
        for s, _e, i in self.doc._.actor_spans or []:
            first[i] = min(s, first.get(i, s))
        return first

    @staticmethod
    def modifier_words(noun: Token, peoples: bool = False) -> list[str]:
        """The common words before a noun that narrow it ('the military spokesperson': 'military'; 'the poultry
        farmers group': 'poultry', 'farmers'), lowercased; none where one is a name or a people's adjective
        ('the Taliban foreign ministry spokesperson', 'the UNICEF director': the name says more than the words).
        With `peoples`, a people's adjective is left out instead ('The Indonesian search authority': 'search';
        an organisation's name seldom holds its country's adjective: 'National Search and Rescue Agency')."""
        words = [t for t in noun.doc[noun.left_edge.i : noun.i] if t.dep_ in {"amod", "compound", "nmod"}
                 or (t.head.i != noun.i and t.dep_ not in {"det", "poss", "case", "punct"})]
        if peoples:
            words = [t for t in words if not (t.ent_type_ == "NORP" and t.pos_ == "ADJ")]
        if not words or any(t.pos_ == "PROPN" and not t.is_lower or t.ent_type_ for t in words):
            return []
        return [t.lower_ for t in words if t.pos_ in {"NOUN", "ADJ"} and t.lower_ not in UNNAMED | GENERIC_MODIFIERS]

    def person_by_modifiers(self, noun: Token) -> str | None:
        """For a definite role narrowed by common words ('The military spokesperson said', 'the chief
        minister said'), the person named before whose own title or apposition holds every one of those
        words ('Chaudhry, director general of military public relations'; 'Balochistan Chief Minister Sarfraz
        Bugti'), the last such; not a person of the same role whose title lacks them ('Afghan foreign ministry
        spokesperson Abdul Qahar Balkhi'). None where the noun has no such words or no one fits."""
        words = self.modifier_words(noun)
        if not words:
            return None
        best = None
        for ent in self.ents:
            if ent.label_ != "PERSON" or ent.start_char >= noun.idx:
                continue
            root = ent.root
            own = [t for t in self.doc[root.left_edge.i : ent.start] if t.dep_ in {"compound", "amod"}]
            for c in root.children:
                if c.dep_ == "appos":
                    own += list(c.subtree)
            if root.dep_ == "appos":
                own += [t for t in root.head.subtree if not ent.start <= t.i < ent.end]
            if all(w in {t.lower_ for t in own} for w in words):
                ident = resolve_span(self.doc, ent.start_char, ent.end_char)
                if ident and self.names_person(ident):
                    best = ident
        return best

    def organisation_by_modifiers(self, noun: Token, stated: bool = False) -> str | None:
        """For a definite organisation noun narrowed by common words ('The poultry farmers group says'), the
        organisation named before, within `NAMED_WINDOW_CHARS`, whose name holds every one of those words
        ("Cameroon's Interprofessional Association of Poultry Farmers"), the last such; else the first named
        after it that does (a live blog's newest entry first: 'The Indonesian search authority said' above
        'National Search and Rescue Agency chief Bambang Soelistyo'); else None. A people's adjective among the
        words is left out (`modifier_words`); with `stated` (a state's organ: `states_organ`), an organisation
        whose name holds a country or its people's word is none ('the French foreign ministry' is not the
        'Russian Foreign Ministry')."""
        words = self.modifier_words(noun, peoples=True)
        if not words:
            return None
        best = headed = None
        for s, e, ident in self.doc._.actor_spans or []:
            if self.entity_types.get(ident) != "ORG":
                continue
            if s >= noun.idx and best is not None:
                break
            raw = re.findall(r"\w+", self.entity_names.get(ident) or "")
            name = {w.lower() for w in raw}
            if s < noun.idx and noun.idx - s > NAMED_WINDOW_CHARS and not (noun.lower_ in name or noun.lemma_.lower() in name):
                continue  # (a name that holds the noun as well is the body meant however long ago it was named)
            if stated and any(gazetteer.country_code(w) or gazetteer.demonym_country(w) for w in raw if w[:1].isupper()):
                continue
            if all(w in name for w in words):
                best = ident
                if noun.lower_ in name or noun.lemma_.lower() in name:
                    headed = ident  # 'the budget office' is the 'Congressional Budget Office', not the 'Senate
                    # Budget Committee' named since: a name that holds the noun too comes first
                if s >= noun.idx:
                    break
        return headed or best

    def subject_organisation(self, pronoun: Token) -> str | None:
        """For 'it', the organisation that is the subject of the sentence just before, or whose 'for', 'of',
        'at' or 'from' phrase is in that subject ('A representative for Southern New Hampshire University
        didn't immediately respond'), outside quotation marks; else None."""
        sent = pronoun.sent
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        if not prev.text.strip() and prev.start > 0:
            prev = self.doc[prev.start - 1].sent  # a blank line between
        for s, e, ident in self.doc._.actor_spans or []:
            if not prev.start_char <= s < prev.end_char or self.entity_types.get(ident) != "ORG":
                continue
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None or span.root.i in self.inside:
                continue
            root = span.root
            if root.dep_ == "pobj" and root.head.lower_ in {"for", "of", "at", "from"}:
                root = root.head.head
            if root.dep_ in {"nsubj", "nsubjpass"} and root.head.dep_ == "ROOT":
                return ident
        return None

    def organisation_described_as(self, noun: Token) -> str | None:
        """For 'the consultancy' or 'the website', the organisation named before, within `NAMED_WINDOW_CHARS`,
        that the text gave that noun beside its name ('Business consultancy Dezan Shira & Associates', 'the
        Vietnam Investment Review news website', 'Acme, a consultancy'), the last such; else None. A noun of
        a person's role, or one that a one-word name modifies, names someone or something of that organisation,
        not it ('An ADL official', 'The Trump administration', 'The C.A.R. military')."""
        lemma, best = noun.lemma_.lower(), None
        if is_role(noun):
            return None
        for s, e, ident in self.doc._.actor_spans or []:
            if s >= noun.idx:
                break
            if noun.idx - s > NAMED_WINDOW_CHARS or self.entity_types.get(ident) != "ORG":
                continue
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            beside = [root.head] if (root.dep_ == "appos" or (root.dep_ == "compound" and len(span) > 1)) else []
            beside += [c for c in root.children
                       if c.dep_ in {"compound", "appos", "nmod"} and not span.start <= c.i < span.end]
            if any(t.pos_ == "NOUN" and t.lemma_.lower() == lemma and t.i != noun.i for t in beside):
                best = ident
        return best

    def main_organisation(self, char: int) -> str | None:
        """The organisation the article is about: named before `char` at least `MAIN_ORG_MENTIONS` times and
        more often than any other ('the airline said', far from its last 'AirAsia', in a story naming it
        throughout), else None."""
        counts = Counter(i for s, e, i in self.doc._.actor_spans or []
                         if s < char and self.entity_types.get(i) == "ORG" and not self.addressed(s, e))
        (top, n), *rest = counts.most_common(2) or [(None, 0)]
        return top if n >= MAIN_ORG_MENTIONS and (not rest or rest[0][1] < n) else None

    def addressed(self, start: int, end: int) -> bool:
        """A mention that is a wire's credit in brackets ('JAKARTA (Reuters) -') or the one told something
        ('Tjahjanto told Reuters'): the article's source, not an actor of its story."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        told = root.dep_ in {"dobj", "dative"} and root.head.lemma_.lower() in SPEECH_VERBS
        return told or (span.start > 0 and self.doc[span.start - 1].text == "(")

    def set_apart(self, noun: Token, ident: str) -> bool:
        """Whether the article sets person `ident` beside this role noun in one sentence before it as someone
        else ('After questioning the patient ..., Dempsey and his team found': Dempsey is not the patient):
        the same noun with 'the' in a sentence that names the person, neither in apposition to the other."""
        lemma = noun.lemma_.lower()
        for t in self.doc[: noun.sent.start]:
            if t.lemma_.lower() != lemma or t.lower_ != noun.lower_ or not any(c.lower_ == "the" for c in t.lefts):
                continue
            for s, e, i in self.doc._.actor_spans or []:
                if i != ident or not (t.sent.start_char <= s < t.sent.end_char):
                    continue
                span = self.doc.char_span(s, e, alignment_mode="expand")
                if span is not None and t.i not in range(span.start, span.end) and not (
                        t.head.i == span.root.i or span.root.head.i == t.i):
                    return True
        return False

    def protagonists_turn(self, sp: Span, last: Found | None) -> str | None:
        """For a definite role noun the article gives no one ('"...," said the actor' in a story about James
        Van Der Beek that never calls him an actor): the speaker of the quote just
        before, within `SAME_SPEAKER_CHARS`, when that speaker is the person the article names most."""
        if last is None or not last.speaker_id or not 0 <= sp.start_char - last.content[1] < SAME_SPEAKER_CHARS:
            return None
        counts = {e.id: len(e.mentions) for e in self.doc._.entities or [] if e.type == "PERSON"}
        if not counts or last.speaker_id not in counts:
            return None
        most = max(counts.values())
        leaders = [i for i, n in counts.items() if n == most]
        return last.speaker_id if leaders == [last.speaker_id] else None

    def body_named_by(self, noun: Token) -> str | None:
        """The organisation named before whose name holds the plural noun ('the doctors': 'Doctors for Camp
        Closure'; 'the nurses': 'National Nurses United')."""
        lemma, best = noun.lemma_.lower(), None
        for s, e, ident in self.doc._.actor_spans or []:
            if s >= noun.idx:
                break
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if self.entity_types.get(ident) == "ORG" and span is not None and any(
                    t.lemma_.lower() == lemma or t.lower_ == noun.lower_ for t in span):
                best = ident
        return best

    def collective_before(self, noun: Token) -> Span | None:
        """For 'the physicians', the body of them introduced before ('A group of physicians'), else None."""
        lemma = noun.lemma_.lower()
        for t in reversed(self.doc[: noun.i]):
            body = t.head.head
            if (t.lemma_.lower() == lemma and t.dep_ == "pobj" and t.head.lower_ == "of"
                    and body.lemma_.lower() in COLLECTIVE_NOUNS and body.dep_ in {"nsubj", "nsubjpass"}
                    and any(c.lower_ in {"a", "an"} for c in body.children)):
                return self.doc[body.left_edge.i : t.i + 1]
        return None

    def token_actor(self, tok: Token) -> str | None:
        """The actor the actors component resolved the token's characters to, if any."""
        return resolve_span(self.doc, tok.idx, tok.idx + len(tok.text))

    def names_person(self, ident: str | None) -> bool:
        """Whether an actor id is a person's (as the actors component typed it)."""
        return self.entity_types.get(ident) == "PERSON"

    def is_person(self, tok: Token) -> bool:
        """Whether the token belongs to a person the actors component found (NER's label aside)."""
        return self.names_person(self.token_actor(tok))

    def person_owned(self, noun: Token) -> bool:
        """The role is owned by a person ("Morrison's lawyer"; not "Austria's interior minister", the one
        holder of a country's office)."""
        return any(c.dep_ == "poss" and self.is_person(c) for c in noun.children)

    def same_owner(self, noun: Token, ident: str) -> bool:
        """Whether the article gives person `ident` this role owned by the same one as `noun`'s owner
        ("Trump's lawyer" is the person introduced as "Trump's personal lawyer, Rudy Giuliani"): a word of
        the same lemma whose possessor is the same entity, in a sentence that mentions the person."""
        owner = lambda t: next((self.token_actor(c) for c in t.children if c.dep_ == "poss"), None)  # noqa: E731
        mine = owner(noun)
        if mine is None:
            return False
        lemma = noun.lemma_.lower()
        for t in self.doc:
            if t.i != noun.i and t.lemma_.lower() == lemma and owner(t) == mine and any(
                    ident == i and t.sent.start_char <= s < t.sent.end_char for s, _e, i in self.doc._.actor_spans or []):
                return True
        return False

    def plural_antecedent(self, sp: Span, last: Found | None) -> Span | str | None:
        """'they' or 'it' as the speaker: the organisation or group that spoke just before (the last quote's
        speaker, when it is no person, or a body the text names by a definite noun and no name: 'the state
        department said: "..." They added ...'; for 'it', a statement that spoke just before: 'the message says'),
        else the subject before it, in its sentence or the one before,
        that can be 'they' or 'it' (an organisation, a plural noun, people named together)."""
        pronoun = sp[0]
        prev = self.previous
        if (prev is not None and prev.speaker is not None and not prev.speaker_id and prev.speaker_name
                and (last is None or prev.content[1] >= last.content[1])
                and 0 <= sp.start_char - prev.content[1] < SAME_SPEAKER_CHARS and is_common(prev.speaker.root)
                and prev.speaker.root.lemma_.lower() in ORG_NOUNS and self.definite(prev.speaker.root)):
            return prev.speaker  # 'the state department said: "..." They added that ...': the body that spoke
        if (pronoun.lower_ == "it" and prev is not None and prev.speaker is not None and prev.speaker_name
                and (last is None or prev.content[1] >= last.content[1])
                and 0 <= sp.start_char - prev.content[1] < SAME_SPEAKER_CHARS
                and prev.speaker.root.lemma_.lower() in STATEMENT_NOUNS):
            return prev.speaker  # 'an official statement ... said. "...," it said': that statement, as it was named
        if (pronoun.lower_ == "it" and prev is not None and prev.speaker is not None and not prev.speaker_id
                and prev.speaker_name and prev.speaker.root.tag_ == "NNP" and not prev.speaker.root.ent_type_
                and (last is None or prev.content[1] >= last.content[1])
                and 0 <= sp.start_char - prev.content[1] < SAME_SPEAKER_CHARS):
            return prev.speaker  # 'The Kurdish-led Autonomous Administration ... was the first to reject the
            # constitution, calling it exclusionary. "...," it said': the body the tagger did not name, not the one
            # named in its apposition
        if pronoun.lower_ == "it" and (subject := self.subject_organisation(pronoun)) is not None:
            return subject  # 'A representative for the university didn't respond ... In a tweet, it said': not the
            # outlet that spoke before ('..., according to BuzzFeed News')
        if (last is not None and last.speaker_id and 0 <= sp.start_char - last.content[1] < SAME_SPEAKER_CHARS
                and self.entity_types.get(last.speaker_id) in {"ORG", "GPE", "NORP"}):
            return last.speaker_id
        sent = pronoun.sent
        begin = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for tok in reversed(self.doc[begin : pronoun.i]):
            # (a passive's doer is its subject too: 'The investigation has been conducted by local and state police,
            # not the feds, and yet, they continue to claim': the police)
            doer = tok.dep_ == "pobj" and tok.head.dep_ == "agent"
            if (tok.dep_ not in {"nsubj", "nsubjpass"} and not doer) or tok.pos_ == "PRON" or tok.i in self.inside:
                continue
            ident = self.token_actor(tok)
            plural = tok.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in tok.children)
            org = self.entity_types.get(ident) == "ORG" or (tok.pos_ == "NOUN" and tok.lemma_.lower() in ORG_NOUNS)
            # 'the US government expelled 15 diplomats for what it said was ...': a state's organ is an 'it' too
            org = org or (pronoun.lower_ == "it" and tok.pos_ == "NOUN" and self.states_organ(tok))
            if org or (pronoun.lower_ == "they" and plural and tok.pos_ in {"NOUN", "PROPN"}):
                return self.speaker_span(tok)
        if (pronoun.lower_ == "they" and prev is not None and prev.speaker is not None
                and 0 <= sp.start_char - prev.content[1] < SAME_SPEAKER_CHARS and self.one_person(prev)):
            # no group or organisation before it: the one person who spoke just before, whom the text calls
            # 'they' ('The professor said they'd take the concerns into consideration. "Thank you," they wrote.')
            return prev.speaker_id or prev.speaker
        return None

    def one_person(self, f: Found) -> bool:
        """Whether a quote's speaker is one person: a person's entity, or a singular noun of a person's role."""
        if f.speaker_id:
            return self.entity_types.get(f.speaker_id) == "PERSON"
        root = f.speaker.root
        return root.pos_ == "NOUN" and root.tag_ == "NN" and is_role(root)

    def pronoun_speaker(self, sp: Span, last: Found | None) -> str | None:
        """'he'/'she' as a careful reader takes them: the last quote's speaker when the gender fits and it ends
        just before (unless it was a question, whose answer is another's); else the person of that gender who
        is the subject of a sentence of the paragraph before it (the paragraph's speaker), not the person last
        named; else the person the actors component gave the pronoun; else the person of that gender named
        last. Who asked a question or was told something (an interviewer) is not the one who answers."""
        head = sp.root
        gender = PRONOUN_GENDER[head.lower_]
        asked = last.speaker_id if last is not None and self.is_question(last) else None
        listeners = self.spoken_to | ({asked} if asked else set()) | self.told_in(head)
        fits = lambda i: (self.entity_types.get(i) == "PERSON" and self.genders.get(i) in {gender, None}
                          and i not in listeners)
        if (fronted := self.fronted_subject(head, fits, last)) is not None:
            return fronted  # 'The congressman wasn't sure why ..., he told The Daily Caller': the congressman
        recent, recent_at = self.recent_subject(head, fits)
        if (last is not None and last.speaker_id and fits(last.speaker_id)
                and 0 <= sp.start_char - last.content[1] < SAME_SPEAKER_CHARS
                and not (recent and recent != last.speaker_id and recent_at > last.content[1])):
            return last.speaker_id  # (a person made the subject since the last quote is who 'he' is)
        if recent and self.moved_on(last, recent_at, recent):
            recent = None
        ident = self.clause_owner(head, fits) or self.paragraph_subject(head, fits, last) or recent
        if ident:
            return ident
        ident = self.token_actor(head)
        return ident if ident and fits(ident) else self.named_before(sp.start_char, fits)

    def fronted_subject(self, pronoun: Token, accept, last: Found | None) -> str | None:
        """For 'he'/'she' speaking after the words it reports, not in quotation marks ('The congressman wasn't sure
        why ..., he told The Daily Caller'), the person the reported clause is about, where its subject is a
        person `accept` takes (a name or a description of one): the one the pronoun points back to; else None."""
        verb = pronoun.head
        if pronoun.dep_ != "nsubj" or not self.is_speech_verb(verb):
            return None
        content = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < pronoun.i), None)
        subject = next((c for c in content.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if content else None
        if subject is None or subject.i in self.inside or subject.lower_ in {*PRONOUN_GENDER, "it", "they", "i", "we"}:
            return None
        ident = self.token_actor(subject)
        if ident is None and is_common(subject) and is_role(subject) and self.definite(subject):
            ident = self.speaker_entity(self.speaker_span(subject), last)
        return ident if ident is not None and accept(ident) else None

    @staticmethod
    def moved_on(last: Found | None, at: int, ident: str) -> bool:
        """Whether a subject named at `at` is stale for 'he'/'she': someone else has been quoted since ('Lisa Bryant
        has more from Paris. ... "...," said Brekelmans. The same message came from Ursula von der Leyen. "...," she
        said.': not Lisa Bryant), the `last` quote's speaker named and not `ident`, its words after `at`."""
        return last is not None and last.speaker_id is not None and last.speaker_id != ident and at < last.content[0]

    def clause_owner(self, pronoun: Token, accept) -> str | None:
        """For 'he'/'she' as the subject of a clause under its sentence's main one, the person its main
        clause is about, named before it in the same sentence: the main clause's subject (or its possessor:
        "But Orbán's defense ... led to breaking ties with Soros, whom he now criticizes as"), else the one
        person named there ('The UK Home Office admitted Shaykh Hamza Sodagar, despite the fact that he has
        said: "..."': Sodagar, not the subject of the sentence before). Never the noun the pronoun's own relative
        clause hangs on (Soros, of 'whom he criticizes'), nor a name in quotation marks; else None."""
        verb = pronoun.head
        if pronoun.dep_ not in {"nsubj", "nsubjpass"} or verb.dep_ == "ROOT" or (
                verb.dep_ == "conj" and verb.head.dep_ == "ROOT"):
            return None
        clause = verb
        while clause.dep_ not in {"relcl", "ROOT"} and clause.head.i != clause.i:
            clause = clause.head
        hung_on = clause.head.i if clause.dep_ == "relcl" else None
        sent = pronoun.sent
        main, named = None, []
        for s, e, ident in self.doc._.actor_spans or []:
            if s < sent.start_char or s >= pronoun.idx or not accept(ident):
                continue
            if self.text[s:e].lower() in {*PRONOUN_GENDER, "it", "its"}:
                continue
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None or span.root.i in self.inside or span.root.i == hung_on:
                continue
            root = span.root.head if span.root.dep_ == "poss" else span.root
            if root.dep_ in {"nsubj", "nsubjpass"} and root.head.dep_ == "ROOT" and main is None:
                main = ident
            if ident not in named:
                named.append(ident)
        return main or (named[0] if len(named) == 1 else None)

    def is_question(self, f: Found) -> bool:
        """A quote that asks: its words end with a question mark, or its cue is 'asked' and its words are a
        question put indirectly ('asked whether ...', 'asked what ...'), not a request ('He asked for five days
        to get things going': he may well speak next)."""
        words = self.text[f.content[0] : f.content[1]].rstrip(" \"”’'")
        cue = self.text[f.cue[0] : f.cue[1]].lower() if f.cue else ""
        if words.endswith("?"):
            return True
        if not cue.endswith("asked"):
            return False
        verb = self.doc.char_span(f.cue[0], f.cue[1], alignment_mode="expand")
        if verb is not None and any(self.questioned_about(c) for c in verb.root.children if c.dep_ in {"dobj", "dative"}):
            return True  # 'Carlson asked fellow guest Catherine Lombardo ... about the investigation': she answers
        after = self.text[f.cue[1] : f.content[1]] if f.cue[1] <= f.content[0] else words  # 'asked him whether ...'
        return bool(ASKED_WORDS & {w.lower() for w in re.findall(r"\w+", after)[:3]})

    def listeners(self) -> set[str]:
        """The people spoken to: told something ('she told CNN's Jake Tapper') or interviewed with ('in an
        interview with Jake Tapper'): a later 'he said' is not theirs."""
        out = set()
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            root = ent.root
            # (not one asked or told to do something: 'Eleven ... organizations are asking Hillary Clinton to
            # repudiate ...', a request to a protagonist, who may well speak next, not a conversation)
            told = root.dep_ in {"dobj", "dative"} and root.head.lemma_ in {"tell", "ask"} and not any(
                c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in root.head.children) and not self.questioned_about(root)
            interview = (root.dep_ == "pobj" and root.head.lower_ == "with"
                         and root.head.head.lemma_.lower() in {"interview", "conversation", "podcast", "chat"})
            if told or interview:
                ident = resolve_span(self.doc, ent.start_char, ent.end_char)
                if ident:
                    out.add(ident)
        # one who speaks too ('Cook told Benioff ...', 'Benioff told Cook ...': a conversation) stays a speaker;
        # only the one spoken to in the pronoun's own sentence is left out then (`told_in`)
        speakers = {resolve_span(self.doc, e.start_char, e.end_char) for e in self.ents if e.label_ == "PERSON"
                    and e.root.dep_ == "nsubj" and e.root.head.lemma_.lower() in SPEECH_VERBS}
        return out - speakers

    @staticmethod
    def questioned_about(person: Token) -> bool:
        """Whether a person is the one asked about something ('Carlson asked fellow guest Catherine Lombardo, a
        lawyer ..., about the investigation'): the one questioned, who answers next, not a listener."""
        verb = person.head  # ('about' hung on the verb or, as the parse often has it, on the person asked)
        return verb.lemma_ == "ask" and any(c.dep_ == "prep" and c.lower_ == "about"
                                            for c in [*verb.children, *person.children])

    def told_in(self, tok: Token) -> set[str]:
        """The people told something or asked in the sentence of `tok` ('"...," he told Benioff')."""
        out = set()
        start = tok.sent.start
        for ent in self.ents:  # the sentence compared last: `Span.sent` walks the doc each time it is asked
            if ent.label_ == "PERSON" and ent.root.dep_ in {"dobj", "dative"} \
                    and ent.root.head.lemma_ in {"tell", "ask"} and ent.sent.start == start:
                ident = resolve_span(self.doc, ent.start_char, ent.end_char)
                if ident:
                    out.add(ident)
        return out

    def paragraph_subject(self, pronoun: Token, accept, last: Found | None = None) -> str | None:
        """The person, of those `accept` takes, who is the subject of the nearest sentence before the pronoun
        in its paragraph (its own sentence first, before it); a pronoun of the other gender is no such subject, nor
        a subject in quotation marks, nor one before the `last` quote's other than its speaker (`moved_on`)."""
        start = self.text.rfind("\n\n", 0, pronoun.idx) + 1
        best, best_at = None, -1
        for s, e, ident in self.doc._.actor_spans or []:
            if s >= pronoun.idx or s < start or s <= best_at or not accept(ident) or self.moved_on(last, s, ident):
                continue
            said = self.text[s:e].lower()
            if said in PRONOUN_GENDER and PRONOUN_GENDER[said] != PRONOUN_GENDER.get(pronoun.lower_, PRONOUN_GENDER[said]):
                continue  # 'When he tried ...' is no antecedent of 'she', whoever the actors component made him
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is not None and span.root.i in self.inside:
                continue  # '"... The #PNH is instructed to ...," he tweeted': the quotation's words, not who said them
            if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"} and span.root.head.i != pronoun.head.i:
                best, best_at = ident, s
        return best

    def recent_subject(self, pronoun: Token, accept) -> tuple[str | None, int]:
        """The person, of those `accept` takes, last named as a sentence's subject (or its possessor: 'Taylor
        Swift's albums were ...') before the pronoun, within `NAMED_WINDOW_CHARS`: who the text was about,
        not someone named in passing ('a company owned by Scooter Braun'); in that sentence the subject of its
        main clause first ('Eyamba Sowers didn't know Patrick was coming': Sowers); and where it is named."""
        best, best_at, best_key = None, -1, (-1, False, -1)
        for s, e, ident in self.doc._.actor_spans or []:
            if s >= pronoun.idx:
                break
            if pronoun.idx - s > NAMED_WINDOW_CHARS or not accept(ident):
                continue
            if self.text[s:e].lower() in {*PRONOUN_GENDER, "it", "its"}:
                continue
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.i in self.inside:
                continue  # '"Soros has antagonised us," he said': a subject in quotation marks is what was said
            if pronoun.dep_ == "appos" and root.i == pronoun.head.i:
                continue  # 'Maria Gomez - the Ohio Republican asks', parsed as her apposition: not the one meant
            if root.dep_ == "poss":
                root = root.head
            if self.in_own_participle(pronoun, root):
                continue  # 'Asked about her vote in the event that Clinton faces Trump, she replied': not Clinton
            if root.dep_ in {"nsubj", "nsubjpass"}:
                verb = root.head
                main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
                key = (root.sent.start, main, s)
                if key > best_key:
                    best, best_at, best_key = ident, s, key
        return best, best_at

    @staticmethod
    def in_own_participle(pronoun: Token, tok: Token) -> bool:
        """Whether `tok` stands in a participle clause with no subject of its own hanging on the pronoun's verb
        ('Asked about her own vote in the event that Clinton faces Trump, she replied: ...'): the participle's
        understood subject is the pronoun itself, so a person named inside it is what it was asked or spoke
        about, not who the pronoun is."""
        verb = pronoun.head
        if pronoun.dep_ not in {"nsubj", "nsubjpass"} or tok.sent.start != pronoun.sent.start:
            return False
        for clause in verb.children:
            if (clause.dep_ == "advcl" and clause.tag_ in {"VBN", "VBG"} and clause.i < pronoun.i
                    and not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in clause.children)
                    and clause.left_edge.i <= tok.i <= clause.right_edge.i):
                return True
        return False

    def role_in_text(self, noun: Token, accept, after: bool = False, until: int | None = None,
                     exact: bool = False) -> str | None:
        """The person the article gives this role ('Sarah Collins was appointed director', 'Ana Diaz is
        his sister', 'director Sarah Collins'), the last such before the noun (with `after`, the first such
        after it: 'Austria's interior minister said ...', later 'Interior Minister Wolfgang Peschorn'): the
        role word must be said of the person (the same verb's complement, or beside the name), not merely
        stand in its sentence; `until`: only a person named before that character. The role is the word's set
        of `ROLE_SYNONYMS` ('the lawyer' is 'attorney Marc Victor'); with `exact`, the word itself (a lede's 'A
        Justice Department spokesperson' is not the 'ODNI spokeswoman' the next sentence names)."""
        key = (lambda t: t.lemma_.lower()) if exact else role_key  # noqa: E731
        lemma = key(noun)
        best = None
        for ent in self.person_ents:
            if ent.start_char <= noun.idx + len(noun.text) if after else ent.start_char >= noun.idx:
                continue
            if until is not None and ent.start_char >= until:
                break
            if after and noun.sent.start == ent.sent.start:
                continue
            root = ent.root
            if any(key(t) == lemma and t.i != noun.i and (
                    (t.head.i == root.head.i and t.dep_ in {"attr", "oprd", "xcomp", "appos"}
                     and root.dep_ in {"nsubj", "nsubjpass"})
                    or (t.head.i == root.i and t.dep_ in {"appos", "compound"})
                    or (root.head.i == t.i and (root.dep_ == "appos" or (root.dep_ == "compound" and root.i > t.i)))
                    or self.title_just_before(t, ent))
                    for t in ent.sent):  # ('an Obama supporter': a name before the role noun is not its holder)
                ident = resolve_span(self.doc, ent.start_char, ent.end_char)
                if ident and accept(ident):
                    best = ident
                    if after:
                        return best
        return best

    @staticmethod
    def title_just_before(t: Token, ent: Span) -> bool:
        """A role noun just before a name, the parse hanging both on a third word ('New York (AFP) – Oscar-winning
        actress Susan Sarandon, ...', both made the dateline place's appositions): the name's title."""
        return t.i == ent.start - 1 and t.dep_ in {"appos", "compound"} and t.head.i == ent.root.head.i \
            and ent.root.dep_ == t.dep_

    @cached_property
    def person_ents(self) -> list[Span]:
        """The names NER typed a person, and those the actors component made a person ('Solo Mayor Hadi
        Rudyatmo said': NER's GPE, the speaker of a speech verb), so that 'the mayor' later finds the person
        titled so; in text order, found once per text (the role rules ask for them for every role noun)."""
        return [ent for ent in self.ents if ent.label_ == "PERSON" or (
            ent.label_ in {"GPE", "ORG", "NORP", "LOC"}
            and self.entity_types.get(resolve_span(self.doc, ent.start_char, ent.end_char)) == "PERSON")]

    def title_of_person(self, noun: Token) -> bool:
        """The article puts this noun before a person's name or beside it as the person's title ('Jefferies
        analyst Jonathan Matuszewski', 'Tom Hill, an analyst at ...'), so that 'the analyst' later names a
        person whatever the noun's ending; a plural ('the physicians stated') is a group, not that person."""
        return noun.tag_ == "NN" and any(i != noun.i for i in self.person_titles.get(role_key(noun), ()))

    @cached_property
    def person_titles(self) -> dict[str, list[int]]:
        """The nouns set before a person's name or beside it (`title_of_person`): the token indices of each
        role (`role_key`), read once per text instead of a walk over the text for each role noun."""
        found: dict[str, list[int]] = {}
        for t in self.doc:
            if t.pos_ == "NOUN" and t.dep_ in {"compound", "appos"} and t.head.ent_type_ == "PERSON":
                found.setdefault(role_key(t), []).append(t.i)
        return found

    def person_after_place(self, head: Token, sp: Span) -> str | None:
        """For a speaker that opens its sentence with a place and goes on with a person joined to it by 'and'
        ('Houston and Jim Crow Chao said ...': a heading, 'Houston and Jim Crow', run into the sentence, as in
        texts that lost their line breaks), the person: a place does not speak beside one; else None."""
        if head.ent_type_ not in {"GPE", "LOC", "FAC"} or sp.start != head.sent.start or head.i != sp.start:
            return None
        people = [c for c in head.conjuncts if head.i < c.i < sp.end and self.is_person(c)]
        return self.token_actor(people[-1]) if people else None

    def person_by_title_initials(self, head: Token) -> str | None:
        """For 'the' and an acronym ('The IG also said'), the person the text gave a title whose words' initials
        it is ('DOJ Inspector General Michael Horowitz'), the last such named before it; else None (an
        organisation's acronym is `by_acronym`'s)."""
        letters = head.text.replace(".", "")
        if not (2 <= len(letters) <= 5 and letters.isupper() and letters.isalpha()) or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        best = None
        for ent in self.ents:
            if ent.label_ != "PERSON" or ent.start_char >= head.idx:
                continue
            title, j = [], ent.start - 1
            while j >= 0 and self.doc[j].text[:1].isupper() and self.doc[j].is_alpha and self.doc[j].sent == ent.sent:
                title.insert(0, self.doc[j].text)
                j -= 1
            runs = {"".join(w[0] for w in title[k:]).upper() for k in range(len(title))}
            ident = resolve_span(self.doc, ent.start_char, ent.end_char)
            if letters in runs and self.names_person(ident):
                best = ident
        return best

    def by_acronym(self, head: Token) -> str | None:
        """An acronym ('NIH', 'U.N.') the organisation whose name the article spells out."""
        if not head.text.replace(".", "").isupper():
            return None
        return next((e.id for e in self.doc._.entities or []
                     if e.type in {"ORG", "GPE", "NORP"} and abbreviates(head.text, e.name)), None)

    def previous_sentence(self, tok: Token) -> int:
        """The char offset where the sentence before `tok`'s starts (its own when it is the first)."""
        sent = tok.sent
        return self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char

    def role_owner(self, noun: Token) -> str | None:
        """The person introduced with this role in apposition ('Mark Hall, the director of ...')."""
        lemma = role_key(noun)
        for ent in self.person_ents:
            if ent.start_char >= noun.idx:
                continue
            roles = [c for c in ent.root.children if c.dep_ == "appos"]
            if ent.root.dep_ == "appos":
                roles.append(ent.root.head)
            if any(role_key(r) == lemma and r.i != noun.i for r in roles):  # (not the noun itself, which the
                # parse hung on a name before it: 'Maria Gomez - the Ohio Republican asks')
                ident = resolve_span(self.doc, ent.start_char, ent.end_char)
                if self.entity_types.get(ident) == "PERSON":
                    return ident
        return None

    @staticmethod
    def states_organ(noun: Token) -> bool:
        """'Russia's foreign ministry', 'the French foreign ministry': an organisation noun owned by a country
        or described by its people's adjective, a speaker of its own, not the organisation named before."""
        return any(c.dep_ in {"poss", "amod", "compound"} and c.ent_type_ in {"GPE", "NORP"} for c in noun.children)

    @staticmethod
    def definite(noun: Token) -> bool:
        """'the director', 'the shop's owner', 'its spokesman', "Canada's Ontario provincial leader": a noun that
        points to someone already named (or named later: `role_in_text`)."""
        return any((c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "some", "another", "one"})
                   or (c.dep_ in {"nmod", "compound"} and c.i < noun.i
                       and any(k.dep_ == "case" and k.lower_ in {"'s", "’s"} for k in c.subtree))
                   for c in noun.children)  # ("Canada’s Ontario provincial leader", the possessive parsed a modifier)

    def named_before(self, char: int, accept, window: int = NAMED_WINDOW_CHARS) -> str | None:
        """The entity named (not a pronoun) last before `char`, within `window` characters, that `accept`s, not
        in the words of the quote being resolved; not a name in quotation marks of no quote found ('After hitting "Takin' It To the Streets," the singer
        told ...': a title, not a person)."""
        best = None
        for start, end, ident in self.doc._.actor_spans or []:
            if start >= char:
                break
            if self.content[0] <= start < self.content[1]:
                continue  # '"... White House press conferences ...," the group wrote': the group is not named there
            if (char - start <= window and self.text[start:end].lower() not in {*PRONOUN_GENDER, "it", "its"}
                    and accept(ident) and not self.titled_in_marks(start)
                    and not self.person_as_modifier(start, end, ident)):
                best = ident
        return best

    def person_as_modifier(self, start: int, end: int, ident: str) -> bool:
        """A person's name that only narrows a thing ('the Schengen system', 'the Trump administration's plan'):
        named in passing, not someone the text goes on about."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return (self.entity_types.get(ident) == "PERSON" and span is not None and span.root.dep_ == "compound"
                and span.root.head.pos_ == "NOUN")

    def titled_in_marks(self, char: int) -> bool:
        """The character lies in quotation marks that hold no quote found (a title, a term)."""
        tok = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return (tok is not None and tok[0].i in self.inside
                and not any(f.content[0] <= char < f.content[1] for f in self.found))

    def run(self) -> list[Quote]:
        self.entity_names = {e.id: without_acronym(e.name) for e in self.doc._.entities or []}
        self.entity_types = {e.id: e.type for e in self.doc._.entities or []}
        # each actor's country as the text says it (not the article's own, given to whoever the text says nothing of)
        self.entity_countries = {e.id: e.country if e.country_source != "article" else None
                                 for e in self.doc._.entities or []}
        self.genders = dict(self.doc._.actor_genders or {})  # a copy: `speaker_entity` learns from 'she said'
        self.spoken_to = self.listeners()
        self.direct()
        self.transcript()
        self.indirect()
        self.floating_speakers()
        if not self.every:  # the quote definition only: the attribution definition stays as measured on PolNeAR
            self.printed_statements()
        if self.model is not None:
            # the tagger's contents over a sentence break are shared with a later sentence's cue for PolNeAR's
            # attributions only: for quotes it gave follow-on quotations to the wrong speaker (tune: 4 speakers)
            self.merge(self.model.predict(self.doc, across=self.every))
        if not self.every:  # (PolNeAR's attributions: the spans as the tagger and the rules give them)
            self.stop_at_next_quotation()
            self.listed_under_heading()
        out = []
        self.attributions: list[Quote] = []
        last: Found | None = None
        said: dict = {}  # the words of each quote so far (a pull quote repeats one in the page), and whether one
        # with them was a statement: words first given to a cue of no statement ('is set to announce X') stay open
        # to a cue that states them ('..., Reuters reported'); PolNeAR marks every place words are attributed
        # ('has endorsed [Trump]' and, later, 'endorses [Trump]'), so the attribution definition keeps each
        # content and cue found once
        for f in sorted(self.outermost(), key=lambda f: f.content):
            words = ((f.content, f.cue) if self.every
                     else " ".join(self.text[f.content[0] : f.content[1]].lower().split()))
            stated = self.every or self.is_statement(f)
            if words in said and (said[words] or not stated):
                continue
            said[words] = said.get(words, False) or stated
            if self.every:  # PolNeAR's spans: the cue holds its verb's preposition ('called for'); the content is
                # the complement the cue governs, not the one told nor the cue verb's adjuncts after it
                f.cue, f.content = preposition_to_cue(self.doc, f.cue, f.content)
                f.cue = cue_without_adjuncts(self.doc, f.cue)
                f.content = content_without_adjuncts(self.doc, f.cue, content_without_addressee(
                    self.doc, f.cue, f.content))
            if f.kind == "indirect" and any(trim(self.text, *r) == f.content for r in self.regions):
                f.kind = "direct"  # '"We will rebuild," he said': the clause is the quotation itself
            turn = self.turn(f)
            asked = turn == "interviewer" or self.reporters_question(f)  # an interviewer's or reporter's question
            if turn == "interviewee":
                f.speaker, f.speaker_id = None, self.interviewee
                f.speaker_name = self.entity_names.get(f.speaker_id)
            self.resolve(f, last)
            self.done.append(f)
            last = f if f.speaker_id else last
            self.previous = f if f.speaker is not None or f.speaker_name else self.previous
            sp = f.speaker
            quote = Quote(
                kind=f.kind,
                content=self.span(*f.content),
                cue=self.span(*f.cue) if f.cue else None,
                speaker=self.span(sp.start_char, sp.end_char) if sp is not None else None,
                speaker_entity=f.speaker_id,
                speaker_name=f.speaker_name,
            )
            if self.every:  # PolNeAR's content never runs over a line: one attribution for each paragraph of it
                pieces = paragraphs(self.text, *f.content)
                self.attributions += [dataclasses.replace(quote, content=self.span(*p)) for p in pieces]
            else:
                self.attributions.append(quote)
            if self.every and (head := self.fronted_part(f)) is not None:
                self.attributions.append(dataclasses.replace(quote, content=self.span(*head)))
            if self.is_statement(f) and not asked and not self.headline(f):  # a question put to the speaker is not
                out.append(quote)  # the speaker's quote; a headline's words are the outlet's summary
        return out

    def stop_at_next_quotation(self) -> None:
        """A reported clause that runs on past its sentence's end into the next quotation, which has a cue of its
        own ('where Ukraine said it is ready to accept a U.S. proposal for "an immediate ceasefire." "Ukraine is
        committed to ...," Ukrainian President Volodymyr Zelenskyy wrote': the parse joined the two sentences),
        or into a later sentence that is a reported clause with its own cue ('..., according to the summary'),
        ends before it: its words are the other speaker's."""
        for f in self.found:
            if f.kind == "direct" or f.cue is None:
                continue
            for g in self.found:
                if g is f or g.cue is None or not f.content[0] < g.content[0] < f.content[1]:
                    continue
                before = self.text[f.content[0] : g.content[0]]
                # (a reported clause that is a later sentence, its cue in it: '... the New York Times revealed that
                # .... On March 25, Platte River ... had a conference call ..., according to the summary.': the
                # summary's words, not the Times's)
                later = (g.kind != "direct" and self.sentence_starts(g.content[0])
                         and re.search(r"[.!?][\"”’')]*\s", before) is not None)
                if f.content[0] <= g.cue[0] < f.content[1] and not later:
                    continue
                if later or SENTENCE_BREAK.search(before):
                    f.content = trim(self.text, f.content[0], g.content[0] - 1)

    def sentence_starts(self, char: int) -> bool:
        """A parsed sentence starts at `char` (a content that opens its sentence)."""
        tok = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return tok is not None and tok[0].is_sent_start

    def fronted_part(self, f: Found) -> tuple[int, int] | None:
        """`fronted_part` of `f`'s content, where no quote found holds it and it has no quotation mark (a
        quote before the source is a quote of its own: '"We will," he said, "win."')."""
        speaker = (f.speaker.start_char, f.speaker.end_char) if f.speaker is not None else None
        head = fronted_part(self.doc, f.cue, speaker, f.content)
        if head is None or any(m in self.text[head[0] : head[1]] for m in QUOTE_MARKS):
            return None
        return None if any(g.content[0] < head[1] and head[0] < g.content[1] for g in self.found) else head

    def turn(self, f: Found) -> str | None:
        """'interviewer' or 'interviewee' for content on a line labelled as an interview's turn ('Q: ...',
        'A: ...'), else None."""
        line_start = self.text.rfind("\n", 0, f.content[0]) + 1
        m = TURN_LABEL.match(self.text, line_start)
        if m is None or abs(m.end() - f.content[0]) > 2:
            return None  # the label must open the content: 'Reporter: "..." The minister said: "..."'
        label = m[1].lower()
        return next((side for side, labels in TURNS.items() if label in labels), None)

    @cached_property
    def interviewee(self) -> str | None:
        """Who answers an interview's questions: the person the text says was interviewed ('spoke to Finance
        Minister Peter Hall', 'interviewed Hall'), else the person the article names most, not one spoken to;
        found once per article, for all its answers."""
        for ent in self.ents:
            root = ent.root
            if ent.label_ == "PERSON" and (
                    (root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lemma_ in {"speak", "talk"})
                    or (root.dep_ == "dobj" and root.head.lemma_ == "interview")):
                if (ident := resolve_span(self.doc, ent.start_char, ent.end_char)) is not None:
                    return ident
        counts = {e.id: len(e.mentions) for e in self.doc._.entities or []
                  if e.type == "PERSON" and e.id not in self.spoken_to}
        return max(counts, key=counts.get) if counts else None

    def reporters_question(self, f: Found) -> bool:
        """'Asked whether he would resign, Hale said ...': the question is the reporter's, put to the speaker;
        an 'asked' with no subject of its own (a participle or a passive) reports no quote of the speaker."""
        if f.cue is None:
            return False
        span = self.doc.char_span(*f.cue, alignment_mode="expand")
        if span is None or span.root.lemma_.lower() != "ask":
            return False
        verb = span.root
        own_subject = any(c.dep_ in {"nsubj", "agent"} for c in verb.children)
        passive = verb.tag_ == "VBN" and (verb.dep_ in {"advcl", "ROOT", "conj"} or any(
            c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children))
        return passive and not own_subject

    def merge(self, attributions: list[Attribution]) -> None:
        """Joins the trained tagger's attributions with the rules' quotes: where both found the same
        content, the tagger's spans (closer to how annotators mark them) with the rules' speaker when the
        tagger found none; where only the tagger found one, it is added when it is something quoted (in
        quotation marks, or a cue of speech or a held view with a source), taking the cue's subject as its
        speaker where the tagger marked none; the rules' other quotes stay.

        With `every` (the "attribution" definition, PolNeAR's: wants, plans, findings and support count) the
        tagger's other attributions are added as it gives them too: a one-word content ('endorsed Clinton'),
        a second content on a cue already taken ('"We will," he said, "win."'), one of a view or plan, with
        the source the tagger gave (the tests for a quote dropped many of its correct ones on PolNeAR dev)."""
        for a in attributions:
            s, e = trim(self.text, *a.content, marks=True)
            label = TRANSCRIPT.match(self.text, self.text.rfind("\n", 0, s) + 1)
            if label is not None and s <= label.start(1) and label.end(2) < e:
                s = label.start(3)  # a transcript's turn: the name and colon are its source and cue, not content
            short = e - s < MIN_TAGGER_CHARS or len(self.text[s:e].split()) < MIN_TAGGER_WORDS
            if e <= s or (short and not self.every):
                continue
            if self.place is not None and a.cue and a.cue[1] <= self.place[0]:
                continue  # the dateline's colon ('NEW DELHI: ...') reports nothing
            same = [f for f in self.found if f.content[0] < e and s < f.content[1]  # they meet: cheap test first
                    and (overlap(f.content, (s, e)) > SAME_CONTENT or overlap((s, e), f.content) > SAME_CONTENT)]
            speaker = self.doc.char_span(*a.source, alignment_mode="expand") if a.source else None
            if same:
                # for a quote, the rules' quote of the tagger's own cue first ('It was travelling ... and had asked
                # to fly higher, officials said': 'said' and its subject, not 'asked' and 'It' whose content lies
                # inside); the attribution definition keeps the nested attribution too (PolNeAR marks both), as
                # the first met takes the tagger's spans there
                meets = lambda f: bool(a.cue and f.cue and f.cue[0] < a.cue[1] and a.cue[0] < f.cue[1])  # noqa: E731
                f = same[0] if self.every else min(same, key=lambda f: not meets(f))
                if f.printed:
                    continue
                if not self.every and meets(f) and self.nested_words(a, f, attributions):
                    continue  # the rules' clause stands: the tagger's words are what a cue inside it reports
                crosses = not self.every and any(
                    g is not f and g.cue and s <= g.cue[0] < e and not f.content[0] <= g.cue[0] < f.content[1]
                    and (g.speaker is None or f.speaker is None or g.speaker.text != f.speaker.text) for g in self.found)
                if not (f.kind == "direct" and f.content[0] <= s and e <= f.content[1]) and not crosses:
                    f.content = (s, e)  # a quote over paragraphs stays whole; the tagger cuts it at breaks; the
                    # rules' words stay where the tagger's run on over another speaker's cue ('According to Ortiz,
                    # the man "confessed." The suspect's sister told reporters ...')
                if a.cue and f.cue and self.other_cue(a, f, attributions):
                    continue  # the tagger gave this content to the rules' verb too: that verb reports it
                if a.cue and self.blank_between(a.cue, (s, e)) and (
                        (f.cue and not self.blank_between(f.cue, f.content))
                        or (not f.cue and f.kind == "direct" and not self.every)):
                    continue  # the tagger's cue is a blank line away ('WALLACE:' above a signed quote, 'sees' in the
                    # paragraph after '"...," Menear continued.'), the rules' is not or there is none
                if a.cue and f.cue and a.cue != f.cue:
                    f.rule_cue = f.cue
                if speaker is not None and a.cue and not self.every and f.speaker is not None and (
                        (f.cue is None and self.cue_just_before(a.cue, speaker, s) and speaker.root.i not in self.inside)
                        or (s <= f.speaker.start_char and f.speaker.end_char <= e and self.thing(f.speaker.root))):
                    # the tagger's cue and speaker over the rules' guess: a quotation the rules took for the last
                    # speaker's going on has a cue of its own just before it ('where friends described him as
                    # "one of the guys."'), or the rules' speaker is a thing in the content the tagger found ('Hong
                    # Kong authorities have rejected accusations that Lai's trial is unfair and maintain that ...'); not
                    # a source inside the quotation's own words ('"They're not gonna find it. I talked to the guy."')
                    f.speaker, f.speaker_id, f.speaker_name = speaker, None, None
                f.cue = a.cue or f.cue
                f.speaker = f.speaker or speaker
                continue
            if not self.every and any(f.cue and a.cue and f.cue[0] < a.cue[1] and a.cue[0] < f.cue[1]
                                      for f in self.found):
                continue
            inside = self.in_marks(s, e)
            quoted = inside or (self.reporting_cue(a.cue) and self.speech_content(a.cue, s, e))
            if not quoted and not self.every:
                continue  # an attribution of wants, plans, findings or support: not something quoted
            if speaker is None and a.cue and quoted:
                verb = self.doc.char_span(*a.cue, alignment_mode="expand")
                speaker = self.subject_of(verb.root) if verb is not None else None
            elif a.cue and quoted and (verb := self.doc.char_span(*a.cue, alignment_mode="expand")) is not None:
                speaker = self.inverted_between_commas(verb.root) or speaker  # '..., said the cardinal, ...'
            self.found.append(Found("direct" if inside else "indirect", (s, e), a.cue, speaker))

    def cue_just_before(self, cue: tuple[int, int], source: Span, start: int) -> bool:
        """The source, then the cue, then the content at `start`, on one line of one sentence of the parse."""
        tok = self.doc.char_span(start, start + 1, alignment_mode="expand")
        return (tok is not None and source.end_char <= cue[0] and cue[1] <= start
                and source.start_char >= tok[0].sent.start_char and "\n" not in self.text[source.start_char : start])

    @staticmethod
    def thing(noun: Token) -> bool:
        """A common noun that names no one who could speak: no person's role, no organisation, no statement,
        no group of people, no name ('Lai's trial', 'the plan')."""
        lemma = noun.lemma_.lower()
        return (noun.pos_ == "NOUN" and not noun.ent_type_ and not is_role(noun) and noun.tag_ == "NN"
                and lemma not in ORG_NOUNS | STATEMENT_NOUNS | COLLECTIVE_NOUNS | GROUP_NOUNS | PEOPLE_NOUNS)

    def nested_words(self, a: Attribution, f: Found, attributions: list[Attribution]) -> bool:
        """Whether the tagger gave `a`'s words, which lie inside the rules' content `f` of the same cue, to
        another cue inside that content too, one that states nothing ('[The giant is set to announce the terms
        of the deal ..., but ...], Reuters reported': the terms are what 'is set to announce' will report;
        'reported' reports the clause). An inner cue that states them keeps them ('According to court
        documents, SIGAR alleges that ...': SIGAR's words)."""
        inside = lambda span: f.content[0] <= span[0] and span[1] <= f.content[1]  # noqa: E731
        return a.content != f.content and inside(a.content) and any(
            b is not a and b.cue and b.content == a.content and inside(b.cue)
            and not self.statement_cue(Found("indirect", b.content, b.cue, None), b.cue) for b in attributions)

    def blank_between(self, x: tuple[int, int], y: tuple[int, int]) -> bool:
        """Whether a blank line separates spans `x` and `y` (a paragraph break between them)."""
        gap = self.text[min(x[1], y[1]):max(x[0], y[0])]
        return bool(BLANK_LINE.search(gap))

    @staticmethod
    def other_cue(a: Attribution, f: Found, attributions: list[Attribution]) -> bool:
        """Whether the tagger gave `a`'s content to a second cue as well, one that is `f`'s (the rules') verb,
        while `a`'s cue is another ('Castro tells the paper ... / A transit chief says [a man was stabbed]':
        the parse and the tagger join 'tells' to the next paragraph's content too)."""
        meets = lambda x, y: x[0] < y[1] and y[0] < x[1]  # noqa: E731
        cue = f.rule_cue or f.cue
        return not meets(a.cue, cue) and any(
            b is not a and b.cue and b.content == a.content and meets(b.cue, cue) for b in attributions)

    def speech_content(self, cue: tuple[int, int], s: int, e: int) -> bool:
        """What the tagger's cue reports has a source and is something said: its verb is not passive
        without an agent ('is expected', 'were reported', 'better known as'), its subject is no scientific
        study ('a study shows'), 'agreed' is not to an act ('agreed to step down'), 'reported' has a clause ('reported a profit' is no quote), and
        its line is not page furniture. (Polls' findings, pledges of plans ('vowed to') and held views stay:
        PolNeAR, which the tagger learnt from, counts them, and dropping them costs more there than it gains.)"""
        verb = self.doc.char_span(*cue, alignment_mode="expand")
        if verb is None or verb.root.pos_ not in {"VERB", "AUX"}:
            return True
        root = verb.root
        if not has_speaker(root, STUDIES):
            return False
        content = self.doc.char_span(s, e, alignment_mode="expand")
        if content is not None and content[0].lower_ == "to" and root.lemma_.lower() == "agree":
            return False  # 'agreed to step down': a decision, not something said ('agreed that ...' is)
        if root.lemma_.lower() == "report" and content is not None and not any(t.pos_ in {"VERB", "AUX"} for t in content):
            return False
        return not self.furniture_line(root)

    def is_statement(self, f: Found) -> bool:
        """Whether an attribution is a quote by the tracker's definition: its cue is a verb (or 'according to',
        a colon, a dash) of speech or statement (`STATEMENT_VERBS`), not negated ('did not respond'), a plan
        verb only with a stated clause ('vowed that ...', not 'vowed to'), with a source (`speech_content`: no
        agentless passive, no study as subject). A quotation in marks with no cue continues a speaker. Where
        the tagger's cue replaced a speech verb the rules found for the same content, that verb counts too. A
        statement printed whole (`printed_statements`) is one."""
        return f.printed or self.statement_cue(f, f.cue) or (f.rule_cue is not None and self.statement_cue(f, f.rule_cue))

    def statement_cue(self, f: Found, cue_span: tuple[int, int] | None) -> bool:
        """Whether `cue_span` makes `f` a quote (see `is_statement`)."""
        if cue_span is None:
            return True
        cue = self.text[cue_span[0] : cue_span[1]].strip()
        if cue in {":", "—", "-", "–", "―"}:
            return True
        span = self.doc.char_span(*cue_span, alignment_mode="expand")
        if span is None:
            return False
        if any(t.dep_ == "neg" or t.lower_ in {"not", "n't", "never", "no"} for t in span):
            return False
        if span.root.lemma_.lower() in NOT_SPEECH - STATEMENT_VERBS:
            return False  # 'agreed to a 30-minute interview', 'is determined to warn': the head is no speech
        after = self.doc[span.end].text if span.end < len(self.doc) else ""
        verb = None
        for t in span:
            lemma = t.lemma_.lower()
            if (lemma not in STATEMENT_VERBS and t.lower_ not in STATEMENT_VERBS and clear_of(t) is None
                    and not (lemma in REBUTTALS and rebuts_words(t))):
                continue
            if lemma == "question" and t.pos_ == "NOUN":
                continue  # 'to quiet questions about ...', 'raised questions about': no one's words
            need = NEEDS_NEXT.get(lemma)
            if need and not ({c.lower_ for c in span if c.i > t.i} | {after.lower(), cue[-1:]}) & need:
                continue
            verb = t
        if verb is None:
            return self.in_marks(*f.content) and not {t.lemma_.lower() for t in span} & NOT_SPEECH
        if (verb.lower_ == "according" and f.speaker is not None
                and FINDINGS & {f.speaker.root.lower_, f.speaker.root.lemma_.lower()}
                and not any(c.dep_ == "poss" for c in f.speaker.root.children)):
            return False  # 'according to the data', 'to the U.S. census': a finding, no one's words ('according to
            # The Verge's review' is the outlet's)
        if verb.lemma_.lower() == "according" or verb.pos_ not in {"VERB", "AUX"}:
            return True
        content = self.text[f.content[0] : f.content[1]].lstrip("\"“‘'( ").lower()
        if verb.lemma_.lower() in PLAN_VERBS and (content.startswith("to ") or after.lower() == "to"):
            return False
        if (self.not_yet_said(verb) or self.thing_object(verb, f.content) or self.asked_about(verb, f.content)
                or poll_answer(verb)):
            return False
        return self.speech_content(cue_span, *f.content)

    @staticmethod
    def not_yet_said(verb: Token) -> bool:
        """The speech verb is an infinitive that a word of plan, schedule, expectation or refusal governs
        ('is set to announce', 'plans to say', 'is expected to reveal', 'declined to say'): the article
        reports a statement to come or one not made, not something said; its content is no quote (and a
        source the sentence names for it, '..., Reuters reported', keeps the sentence)."""
        if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return False
        return verb.head.lemma_.lower() in NOT_YET_SAID or verb.head.lower_ in NOT_YET_SAID

    def asked_about(self, verb: Token, content: tuple[int, int]) -> bool:
        """'asked about the volume of communications', 'asked Morrison about concerns within the NSC', 'wondering
        aloud about the relative gayness of ...': a question's or a talk's topic, no words of it (a verb, a
        question word or a quotation in the content makes it an indirect question or a quote: 'asked whether
        ...', 'asked about "the deal"')."""
        if verb.lemma_.lower() not in TOPIC_VERBS:
            return False
        span = self.doc.char_span(*content, alignment_mode="expand")
        if span is None or any(t.pos_ in {"VERB", "AUX"} or t.lower_ in QUESTION_WORDS or t.text in OPENING
                               for t in span):
            return False
        return any(t.lower_ == "about" and (t.head.i == verb.i or t.head.head.i == verb.i) for t in verb.subtree)

    @staticmethod
    def thing_object(verb: Token, content: tuple[int, int]) -> bool:
        """A verb of making known (`SHOWING`: 'revealed that ...', 'disclosed that ...') or of judging
        (`APPRAISING`: 'praised', 'emphasized') whose content is its plain noun object instead, nothing past it
        and no words in quotation marks ('revealed lofty plans to expand the fleet', 'the scan revealed severe
        inflammation', 'praised the efforts'): a thing shown or judged, not words said."""
        if verb.lemma_.lower() not in SHOWING | APPRAISING | {"claim"}:  # ('claimed responsibility for the attack')
            return False
        for obj in (c for c in verb.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}):
            end = obj.right_edge.idx + len(obj.right_edge)
            judged = verb.lemma_.lower() in APPRAISING  # ('expressed the duty to fully support Palestine': a
            # verb in the object carries what was said; 'revealed plans to expand' stays a thing shown)
            if obj.left_edge.idx <= content[0] < obj.idx + len(obj) and content[1] <= end + 1 and not any(
                    t.dep_ in {"ccomp", "relcl"} or t.tag_ == "VBD" or t.text in OPENING or (judged and t.pos_ == "VERB")
                    for t in obj.subtree):
                return True
        return False

    def reporting_cue(self, cue: tuple[int, int] | None) -> bool:
        """A cue that reports what someone said or holds ('said', 'believes', 'according to', a colon)."""
        if cue is None:
            return False
        span = self.doc.char_span(*cue, alignment_mode="expand")
        if span is None:
            return False
        words = {t.lemma_.lower() for t in span} | {t.lower_ for t in span}
        return bool(words & REPORTING) or span.text.strip() in {":", "—", "-"}

    def by_surname(self, sp: Span) -> str | None:
        """A speaker that NER missed ('Ajmal said') joins the person whose name ends with the same word."""
        words = [t.text for t in sp if t.is_alpha and t.text[:1].isupper()]
        if not words:
            return None
        for e in self.doc._.entities or []:
            if e.type == "PERSON" and e.name.split()[-1] == words[-1]:
                return e.id
        return None

    def outermost(self) -> list[Found]:
        """Quotes whose cue lies inside another quote's content are part of it, not quotes of their own."""
        return [f for f in self.found
                if not (f.cue and any(g is not f and g.content[0] <= f.cue[0] < g.content[1] for g in self.found))]

    def span(self, start: int, end: int) -> OutSpan:
        """The output span of [start, end), without the spaces at its ends (a no-break space is a token)."""
        s, e = start, end
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        if s < e:
            start, end = s, e
        return OutSpan(start=start, end=end, text=self.text[start:end])


SPANS_KEY = "newsprism_quotes"  # doc.spans[SPANS_KEY]: the quotes' contents
if not Doc.has_extension("quotes"):  # what the component writes (the actors' extensions: actors.component)
    Doc.set_extension("quotes", default=None)


@registry.scorers("newsprism.quotes_scorer.v1")
def make_quotes_scorer():
    """The quotes' scorer (`Quotes.score`): `quotes_score`."""
    return quotes_score


def quotes_score(examples, **kwargs) -> dict:
    """The quotes' contents in `doc.spans["newsprism_quotes"]` against the gold `Doc`s': a content found
    counts when its tokens are the gold one's, whatever its kind (`spans_newsprism_quotes_p/r/f`); the
    per-kind figures (direct, indirect, mixed: there the kind must match too) are in
    `spans_newsprism_quotes_per_type`."""
    examples = list(examples)
    scores = native.span_scores(examples, SPANS_KEY, labeled=False, **kwargs)
    per_type = f"spans_{SPANS_KEY}_per_type"
    scores[per_type] = native.span_scores(examples, SPANS_KEY, labeled=True, **kwargs)[per_type]
    return scores


@Language.factory(
    "newsprism_quotes",
    assigns=["doc._.quotes", "doc.spans"],
    requires=["doc._.entities", "doc._.actor_spans", "doc._.actor_genders", "doc.sents", "token.dep"],
    default_config={"model": True, "model_path": None, "definition": "quote", "encoder": True,
                    "scorer": {"@scorers": "newsprism.quotes_scorer.v1"}},
    default_score_weights={"spans_newsprism_quotes_f": 1.0, "spans_newsprism_quotes_p": 0.0,
                           "spans_newsprism_quotes_r": 0.0},
)
def make_quotes(nlp: Language, name: str, model: bool, model_path: str | None, definition: str, encoder: bool,
                scorer=quotes_score) -> "Quotes":
    """The quotes component, its attribution tagger loaded here, once (see the module's settings)."""
    return Quotes(load_model(model_path or default_model(encoder)) if model else None, definition, scorer)


class Quotes:
    """spaCy component wrapper around `QuoteFinder`, with the trained attribution tagger when `model`.

    `definition` chooses what `doc._.quotes` holds: "quote" (the default), what was said, written or stated
    (`QuoteFinder.is_statement`); "attribution", every attribution found, beliefs, plans and findings
    included, as PolNeAR annotates them (what `newsprism eval attribution` scores). `score` scores
    `doc.spans["newsprism_quotes"]` for `nlp.evaluate`; `to_disk`/`from_disk` carry the tagger's files."""

    def __init__(self, model: AttributionModel | None, definition: str = "quote", scorer=quotes_score) -> None:
        if definition not in {"quote", "attribution"}:
            raise ValueError(f"definition must be 'quote' or 'attribution', not {definition!r}")
        self.model = model
        self.definition = definition
        self.scorer = scorer

    def __call__(self, doc: Doc) -> Doc:
        finder = QuoteFinder(doc, self.model, every=self.definition == "attribution")
        quotes = finder.run()
        doc._.quotes = finder.attributions if self.definition == "attribution" else quotes
        spans = [doc.char_span(q.content.start, q.content.end, label=q.kind, alignment_mode="expand")
                 for q in doc._.quotes]
        doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
        return doc

    def score(self, examples, **kwargs) -> dict:
        """The quotes' figures for `nlp.evaluate` (`quotes_score`)."""
        return self.scorer(examples, **kwargs)

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Copies the attribution tagger, its record (cue lexicon) and its encoder head where it has one into `path`
        (nothing when `model` is off)."""
        files = [] if self.model is None else [self.model.path]
        meta = self.model.path.with_suffix(".json") if self.model is not None else None
        if meta is not None and meta.is_file():
            files.append(meta)
            head = json.loads(meta.read_text(encoding="utf-8")).get("encoder_head")
            files += [self.model.path.with_name(head)] if head else []
        native.save_files(path, files,
                          {"model": self.model.path.name if self.model is not None else None})

    def from_disk(self, path, *, exclude=tuple()) -> "Quotes":
        """Loads the attribution tagger `to_disk` saved in `path`, in place of the one the factory loaded."""
        name = native.saved_settings(path).get("model")
        self.model = load_model(Path(path) / name) if name else None
        return self
