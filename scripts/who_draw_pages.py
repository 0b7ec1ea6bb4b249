"""How round twelve of the who labels (annotations/who/GUIDE.md) drew its pages from the VOA stories and the
PTC training articles: every document in none of the held-out parts of the project's other annotations (the
events' `dev`, `tune` and `report` documents in annotations/events/sentences.tsv, the PTC articles of the
shipped framing model's development split), by source in id order, shuffled with `random.Random(12)`, and
taken in that order where the text has at least two pronoun cues ("he said", "said she", ...), twice its
nominal cues ("the spokesman said", "the official told") plus its pronoun cues at least 4, and at most 5,000
characters; the first 5 of each source. It reads the texts only, never an output of the system.

Round thirteen (`--round 13`) draws again from the documents left (none in `labels.tsv` or `report.tsv` either;
`second-pass.tsv` labels pages of those again), shuffled with `random.Random(13)`, for NOMINAL and plural pronoun speakers: taken
where the text has at least one nominal cue (the round-twelve pattern widened to pointing nouns such as
"the couple", "the two", "the agency", "the group", "the spokeswoman", and cues before the noun as in
"said the official"), at least 2 nominal and plural pronoun cues ("they said", "said they") together, and
at most 6,500 characters; the first 5 of each source.

    .venv/bin/python scripts/who_draw_pages.py              # round twelve's draw
    .venv/bin/python scripts/who_draw_pages.py --round 13   # round thirteen's draw
    .venv/bin/python scripts/who_draw_pages.py --round 14   # round fourteen's draw
    .venv/bin/python scripts/who_draw_pages.py --round 15   # round fifteen's draw
    .venv/bin/python scripts/who_draw_pages.py --round 16   # round sixteen's draw
    .venv/bin/python scripts/who_draw_pages.py --round 17   # round seventeen's draw
    .venv/bin/python scripts/who_draw_pages.py --round 19   # round nineteen's draw (round eighteen drew none)
    .venv/bin/python scripts/who_draw_pages.py --round 20   # round twenty's draw
    .venv/bin/python scripts/who_draw_pages.py --round 21   # round twenty-one's draw
    .venv/bin/python scripts/who_draw_pages.py --round 22   # round twenty-two's draw
    .venv/bin/python scripts/who_draw_pages.py --round 23   # round twenty-three's draw (PolNeAR train)
    .venv/bin/python scripts/who_draw_pages.py --round 24   # round twenty-four's draw (PolNeAR train)
    .venv/bin/python scripts/who_draw_pages.py --round 25   # round twenty-five's draw (PolNeAR train)
    .venv/bin/python scripts/who_draw_pages.py --round 26   # round twenty-six's draw (PTC train and PolNeAR train)

Round fourteen (`--round 14`) draws again from the documents left (none labelled before round fourteen),
shuffled with `random.Random(14)`, for NOMINAL, DESCRIPTION and PRONOUN speakers: taken where the text has
at least one nominal cue (round thirteen's pattern), at least one pronoun cue ("he said", "they said", "it
said", "said she"), at least 3 nominal, pronoun and description cues ("a spokesman said", "an official
told", "the group's lawyer said": "a", "an" or a possessive before round thirteen's nouns, the verb after)
together, and at most 5,000 characters; the first 5 of each source.

Round fifteen (`--round 15`) draws again from the documents left (none labelled before round fifteen),
shuffled with `random.Random(15)`, for PRONOUN, NOMINAL and DESCRIPTION speakers and FOLLOW-ON quotes: taken
where the text has at least one pronoun cue (round fourteen's pattern), at least one nominal or description
cue (round fourteen's patterns), at least one quotation that runs on past a sentence's end (an opening mark, a
sentence end and more words before its closing mark, or a paragraph opened by a quotation mark that does not
close in it: the `continuation` rows), and at most 6,500 characters; the first 5 of each source. (Asking
for 2 pronoun cues and 5,000 characters, the pool gave 4 pages.)

Round sixteen (`--round 16`) draws again from the documents left (none labelled before round sixteen),
shuffled with `random.Random(16)`, for PRONOUN speakers and ACTOR COUNTRIES: taken where the text has at
least one pronoun cue (round fourteen's pattern), names at least 3 countries (a capitalised word or two that
`newsprism.gazetteer` reads as a country's name or its people's adjective: "Pakistan", "Chinese", "South
Korea"), and has at most 6,500 characters; the first 5 of each source. (Asking for a nominal or description
cue as well, the pool gave 3 pages: rounds twelve to fifteen took most of those. The aeb and html pages
outside every held-out part were used up by round eleven, as round twelve's note in GUIDE.md says.)

Round seventeen (`--round 17`) draws again from the documents left (none labelled before round seventeen),
shuffled with `random.Random(17)`, for PRONOUN speakers (with nominal ones, the report part's weakest kinds): taken where
the text has at least 3 pronoun cues (round fourteen's pattern) and at most 5,000 characters; the first 5 of
each source. (Asking for 2 pronoun cues and a nominal cue (round thirteen's pattern), the pool gave 3 pages:
rounds twelve to sixteen took most nominal cues.)

Round nineteen (`--round 19`; round eighteen added rules and no pages) draws again from the documents left
(none labelled before round nineteen), shuffled with `random.Random(19)`, for NOMINAL, DESCRIPTION and PRONOUN
speakers (the report part's weakest kinds): taken where the text has at least one pronoun cue (round
fourteen's pattern), at least one nominal or description cue (round fourteen's patterns) and at most 7,500
characters; the first 5 of each source. (At most 6,500 characters, the VOA stories gave 2 pages: rounds
twelve to seventeen took most nominal cues.)

Round twenty (`--round 20`) draws again from the documents left (none labelled before round twenty), shuffled
with `random.Random(20)`, for PRONOUN speakers and FOLLOW-ON quotes: taken where the text has at least 2
pronoun cues (round fourteen's pattern), at least one quotation that runs on past a sentence's end (round
fifteen's pattern) and at most 6,000 characters; the first 5 of each source. (Asking for a nominal or
description cue as well, as round nineteen did, the pool of 37 VOA stories and 154 PTC articles gave no VOA
story and 2 PTC articles of at most 7,500 characters: rounds twelve to nineteen took most of those.)

Round twenty-one (`--round 21`) draws again from the documents left (none labelled before round twenty-one),
shuffled with `random.Random(21)`, for PRONOUN speakers and FOLLOW-ON quotes on SHORT pages: taken where the text
has at least one pronoun cue (round fourteen's pattern), at least one quotation that runs on past a sentence's
end (round fifteen's pattern) and at most 4,500 characters; the first 5 of each source. (Asking for a nominal or
description cue as well, the pool of 32 VOA stories and 149 PTC articles gave no page of at most 4,500
characters: rounds twelve to twenty took them; at most 4,500 characters the VOA stories give exactly 5.)

Round twenty-two (`--round 22`) draws again from the documents left (none labelled before round twenty-two),
shuffled with `random.Random(22)`, for NOMINAL, DESCRIPTION, PRONOUN and ACRONYM speakers (the report part's
weakest kinds), with wider patterns than round fourteen's, as rounds twelve to twenty-one took most pages that
those match: a nominal cue is "the" and up to three words ending in a lower-case noun of any kind before a verb
of saying ("the student said", "The Afghan army chief said", "the rights groups say") or such a noun after
"said", "says", "added" or "adds" closing a clause ("said the source,"); a description cue the same after "a",
"an", a possessive name or "his", "her", "their" ("her mother told", "Awan's lawyer said"), or "a spokesman
for" ("spokeswoman", "spokesperson", "official", "representative"; "of", "at"); an acronym cue an acronym of
capitals before a verb of saying ("ISIS warned", "The DOJ announced") or after "according to" or "said"
("said AMA"; "told VOA", the listener, is not one); a pronoun cue round fourteen's pattern. Taken where the
text has at least one nominal or description cue, at least 3 nominal, description, pronoun and acronym cues
together, and at most 6,500 characters; the first 5 of each source, the PTC articles making up what the VOA
stories lack. (The pool of 27 VOA stories and 144 PTC articles gives 4 VOA stories at any length, the longest
VOA story left being 7,043 characters; asking for a pronoun cue as well, 3. So 4 VOA stories and 6 PTC
articles.)

Round twenty-three (`--round 23`) draws from a NEW pool, as the VOA stories and PTC articles left were nearly
used up: the PolNeAR TRAIN articles (`../shared/data/polnear/train/text`, US 2016 campaign news of several
outlets; page id `polnear:<name>`), less the held-out tenth of train that the attribution tagger's record
names (`holdout_articles` of newsprism/models/attribution.json, read by `newsprism.quotes.polnear.holdout_split`
for the tagger's held-out figures; PolNeAR's dev split is a folder of its own, never read here), in name order,
shuffled with `random.Random(23)` and taken in that order, skipping the 9 PolNeAR train articles of the events
annotation's held-out parts (`held_out`; a check added after the draw and applied after the shuffle, which
gives the same 10 pages), where the text has round twenty-two's cues (at least one nominal or description
cue, at least 3 nominal, description, pronoun and acronym cues together) and at most 6,000 characters, at
most 3 of any one outlet (the name's first part: `nyt`, `breitbart`, ...), 10 pages.

Round twenty-four (`--round 24`) draws again from the same pool (PolNeAR train less the tagger's held-out
tenth, in name order, skipping the events annotation's held-out articles) less every page labelled before
round twenty-four (round twenty-three's 10), shuffled with `random.Random(24)` and taken in that order, for
NOMINAL and PRONOUN speakers: where the text has round twenty-two's cues (at least 3 nominal, description,
pronoun and acronym cues together), at least 2 pronoun cues (round fourteen's pattern) and at least one
nominal or description cue, and at most 5,000 characters, at most 3 of any one outlet, 10 pages.

Round twenty-five (`--round 25`) draws again from the same pool (PolNeAR train less the tagger's held-out
tenth, in name order, skipping the events annotation's held-out articles) less every page of `labels.tsv`,
`report.tsv` and `second-pass.tsv` before round twenty-five's note (rounds twenty-three's and twenty-four's 20
among them), shuffled with `random.Random(25)` and taken in that order, for NOMINAL, PRONOUN and ACRONYM
speakers (the weakest kinds): where the text has at least one nominal cue (round twenty-two's pattern: "the
senator said", "said the official,"), at least 2 pronoun cues (round fourteen's pattern: "he said", "she
told"), at least 4 nominal, pronoun and acronym cues (round twenty-two's acronym pattern: "the FBI said",
"according to CNN") together, and at most 5,000 characters, at most 3 of any one outlet, 10 pages (the 10
are of 5 outlets, none more than 3; of the 245 articles read before the tenth was taken, 7 of at most 5,000
characters have an acronym cue and none of them 2 pronoun cues, so an acronym cue is not asked for alone).

Round twenty-six (`--round 26`) draws from both pools left, for NOMINAL, DESCRIPTION and PRONOUN speakers on
outlets the tune part has least: the PTC training articles (the VOA and PTC pool of round twenty-two, less every
page of `labels.tsv`, `report.tsv` and `second-pass.tsv` before round twenty-six's note, shuffled in id order
with `random.Random(26)`), the first 5 taken, and then the PolNeAR train articles of the two outlets the tune
part had least at round twenty-five, Breitbart (1 page) and the New York Times (3) (round twenty-three's pool
less every page labelled before round twenty-six, in name order, shuffled with `random.Random(26)`, at most 4
of either outlet), making up the 10. Taken, in that order, where the text has at least one nominal cue (round
twenty-two's pattern: "the senator said", "said the official,"), at least 3 nominal, description and pronoun
cues together (round twenty-two's and round fourteen's patterns) and at most 4,500 characters (short pages, so
that the round can be labelled within one session's hour). The PTC articles gave 3 (rounds twelve to
twenty-two took most of those with cues); at most 4,000 characters the two outlets gave 6 more, so the bound
is 4,500: 3 PTC and 7 PolNeAR articles (4 of the New York Times, 3 of Breitbart).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from newsprism.events import annotation

ROOT = Path(__file__).resolve().parents[1]
PRONOUN = re.compile(r"\b(?:he|she|they)\s+(?:said|says|told|added|explained|wrote|stated|noted)\b"
                     r"|\b(?:said|says|added)\s+(?:he|she)\b", re.I)
NOMINAL = re.compile(r"\b[Tt]he\s+(?:[a-z]+\s+){0,2}(?:spokesman|spokeswoman|spokesperson|official|officials|"
                     r"minister|president|pair|couple|man|woman|statement|report|agency|group|company|lawyer|"
                     r"attorney|senator|source|director|leader|chief|commander|general|governor|mayor|secretary)"
                     r"\s+(?:said|says|told|added|wrote|stated)\b")
PER_SOURCE, MAX_CHARS, SEED = 5, 5000, 12
# Round thirteen: nominal cues with the noun before or after the verb, and plural pronoun cues.
NOUNS13 = (r"(?:spokesman|spokeswoman|spokesperson|official|officials|minister|president|pair|couple|two|trio|"
           r"man|woman|men|women|statement|report|agency|group|company|firm|ministry|department|organization|"
           r"lawyer|lawyers|attorney|senator|source|sources|director|leader|leaders|chief|commander|general|"
           r"governor|mayor|secretary|police|board|committee|council|court|judge|prosecutor|prosecutors|"
           r"family|campaign|administration|government|military|army|embassy|members|activists|residents)")
VERBS13 = r"(?:said|says|told|added|wrote|stated|announced|warned|insisted|claimed)"
NOMINAL13 = re.compile(r"\b[Tt]he\s+(?:[a-z]+\s+){0,2}" + NOUNS13 + r"\s+" + VERBS13 + r"\b"
                       r"|\b" + VERBS13 + r"\s+the\s+(?:[a-z]+\s+){0,2}" + NOUNS13 + r"\b")
PLURAL13 = re.compile(r"\b[Tt]hey\s+(?:said|say|told|added|wrote|stated|insisted|claimed|warned)\b"
                      r"|\b(?:said|say|added)\s+they\b")
MAX_CHARS13, SEED13 = 6500, 13
# Round fourteen: nominal, description and pronoun cues together.
DESCRIPTION14 = re.compile(r"\b(?:[Aa]n?|[A-Za-z.]+'s)\s+(?:[a-z]+\s+){0,2}" + NOUNS13 + r"\s+" + VERBS13 + r"\b")
PRONOUN14 = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+(?:said|says|say|told|added|explained|wrote|stated|noted|"
                       r"insisted|claimed|warned)\b|\b(?:said|says|say|added)\s+(?:he|she|they)\b")
MAX_CHARS14, SEED14 = 5000, 14
# Round fifteen: a quotation of more than one sentence (opening mark, a sentence end inside, no closing mark first).
RUNS_ON15 = re.compile(r"[\"“][^\"“”\n]{10,}?[.!?] [^\"“”\n]*?[\"”]|^[\"“][^\"“”\n]+$", re.M)
MAX_CHARS15, SEED15 = 6500, 15
# Round sixteen: countries named (a capitalised word or two read by the gazetteer as a country or a demonym).
CAPITALISED16 = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b")
MAX_CHARS16, SEED16, COUNTRIES16 = 6500, 16, 3
# Round seventeen: pronoun and nominal cues together.
MAX_CHARS17, SEED17, PRONOUNS17 = 5000, 17, 3
# Round nineteen: a pronoun cue and a nominal or description cue.
MAX_CHARS19, SEED19 = 7500, 19
# Round twenty: 2 pronoun cues and a quotation that runs on.
MAX_CHARS20, SEED20, PRONOUNS20 = 6000, 20, 2
# Round twenty-one: a pronoun cue and a quotation that runs on, short pages.
MAX_CHARS21, SEED21 = 4500, 21
# Round twenty-two: wider nominal, description and acronym cues (any noun), with pronoun cues; 10 pages in all.
VERBS22 = (r"(?:said|says|say|told|tells|added|adds|wrote|writes|stated|states|announced|warned|insisted|claimed|"
           r"noted|explained|argued|argues)")
AUX22 = r"(?:has\s+|had\s+|also\s+)?"
NOMINAL22 = re.compile(r"\b[Tt]he\s+(?:[A-Za-z-]+\s+){0,2}?[a-z]{3,}\s+" + AUX22 + VERBS22 + r"\b"
                       r"|\b(?:said|says|added|adds)\s+the\s+(?:[A-Za-z-]+\s+){0,2}?[a-z]{3,}(?=[.,])")
DESCRIPTION22 = re.compile(r"\b(?:[Aa]n?|[A-Z][A-Za-z.]+['’]s|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z-]+\s+){0,2}?[a-z]{3,}\s+"
                           + AUX22 + VERBS22 + r"\b"
                           r"|\b[Aa]n?\s+(?:[a-z]+\s+)?(?:spokesman|spokeswoman|spokesperson|official|representative)"
                           r"\s+(?:for|of|at)\b")
ACRONYM22 = re.compile(r"\b(?:[Tt]he\s+)?[A-Z]{2,}\s+" + AUX22 + VERBS22 + r"\b|\baccording to (?:the\s+)?[A-Z]{2,}\b"
                       r"|\b(?:said|says|added)\s+(?:the\s+)?[A-Z]{2,}\b")
MAX_CHARS22, SEED22, CUES22, PAGES22 = 6500, 22, 3, 10
# Round twenty-three: PolNeAR train less the tagger's held-out tenth, round twenty-two's cues, outlets spread.
MAX_CHARS23, SEED23, PAGES23, PER_OUTLET23 = 6000, 23, 10, 3
# Round twenty-four: the same pool less round twenty-three's pages, 2 pronoun cues, shorter pages.
MAX_CHARS24, SEED24, PRONOUNS24 = 5000, 24, 2
# Round twenty-five: the same pool less every page labelled before it, a nominal cue, 2 pronoun cues, 4 nominal,
# pronoun and acronym cues together.
MAX_CHARS25, SEED25, PRONOUNS25, CUES25 = 5000, 25, 2, 4
# Round twenty-six: PTC train and PolNeAR train (Breitbart and the New York Times), a nominal cue, 3 nominal,
# description and pronoun cues together, short pages.
MAX_CHARS26, SEED26, CUES26, PER_POOL26, OUTLETS26, PER_OUTLET26 = 4500, 26, 3, 5, ("breitbart", "nyt"), 4


def countries_named(text: str) -> set[str]:
    """The countries a text names, by their names or their peoples' adjectives (round sixteen)."""
    from newsprism import gazetteer

    found = set()
    for m in CAPITALISED16.finditer(text):
        words = m.group(0).split()
        for name in ([m.group(0)] if len(words) == 2 else []) + words:
            code = gazetteer.country_code(name) or gazetteer.demonym_country(name)
            if code:
                found.add(code)
                break
    return found


def held_out() -> set[str]:
    """The documents of the events annotation's held-out parts and the framing model's development articles."""
    held = {u.doc for u in annotation.sentences().values() if u.split in ("dev", "tune", "report")}
    meta = json.loads((ROOT / "newsprism" / "models" / "framing" / "meta.json").read_text(encoding="utf-8"))
    return held | {f"ptc:{a}" for a in meta["articles"]["dev_ids"]}


def labelled(round_: int = 13) -> set[str]:
    """The pages labelled before the round (its own rows, after its note in labels.tsv, left out, so that
    the draw gives the same pages after they were labelled)."""
    note = {13: "# round thirteen", 14: "# round fourteen", 15: "# round fifteen", 16: "# round sixteen",
            17: "# round seventeen", 19: "# round nineteen", 20: "# round twenty",
            21: "# round twenty-one", 22: "# round twenty-two", 24: "# round twenty-four",
            25: "# round twenty-five", 26: "# round twenty-six"}[round_]
    pages = set()
    for name in ("labels.tsv", "report.tsv", "second-pass.tsv")[:3 if round_ >= 25 else 2]:  # (the second pass
        # labels pages of the first two again; round twenty-five reads it too)
        for line in (ROOT / "annotations" / "who" / name).read_text(encoding="utf-8").splitlines():
            if line.startswith(note):
                break
            if line.strip() and not line.startswith("#"):
                pages.add(line.split("\t")[1])
    return pages


def polnear_round(seed: int = SEED23) -> list[str]:
    """Round twenty-three's and twenty-four's draws from PolNeAR train (see the module docstring)."""
    from newsprism.quotes import polnear

    train = annotation.SHARED / "data" / "polnear" / "train"
    holdout = set(json.loads(polnear.TAGGER_RECORD.read_text(encoding="utf-8"))["holdout_articles"])
    names = sorted(p.stem for p in (train / "text").glob("*.txt"))
    events = {d.split("/", 1)[1][:-4] for d in held_out() if d.startswith("polnear:train/")}  # (the events' own)
    before = ({p.split(":", 1)[1] for p in labelled(24 if seed == SEED24 else 25) if p.startswith("polnear:")}
              if seed in (SEED24, SEED25) else set())
    order = [n for n in names if n not in holdout and n not in before]
    print(f"# {len(names)} train articles, {len(holdout)} held out by the tagger, {len(order)} shuffled;"
          f" {len(events - holdout)} of these, in the events' held-out parts, skipped; {len(before)} labelled before")
    random.Random(seed).shuffle(order)
    taken, outlets = [], {}
    for name in order:
        if name in events:
            continue
        text = polnear.article_text(train, name)
        outlet = name.split("_")[0]
        nominals, descriptions = len(NOMINAL22.findall(text)), len(DESCRIPTION22.findall(text))
        pronouns, acronyms = len(PRONOUN14.findall(text)), len(ACRONYM22.findall(text))
        if seed == SEED25:
            ok = (len(taken) < PAGES23 and outlets.get(outlet, 0) < PER_OUTLET23 and nominals >= 1
                  and pronouns >= PRONOUNS25 and nominals + pronouns + acronyms >= CUES25 and len(text) <= MAX_CHARS25)
        else:
            ok = (len(taken) < PAGES23 and outlets.get(outlet, 0) < PER_OUTLET23 and nominals + descriptions >= 1
                  and nominals + descriptions + pronouns + acronyms >= CUES22
                  and (len(text) <= MAX_CHARS23 if seed == SEED23 else len(text) <= MAX_CHARS24 and pronouns >= PRONOUNS24))
        print(f"polnear:{name}", len(text), pronouns, nominals, descriptions, acronyms, "taken" if ok else "", sep="\t")
        if ok:
            outlets[outlet] = outlets.get(outlet, 0) + 1
            taken.append(f"polnear:{name}")
        if len(taken) == PAGES23:
            break
    print(" ".join(taken))
    return taken


def round26() -> list[str]:
    """Round twenty-six's draw: 5 PTC training articles and 5 PolNeAR train articles of Breitbart and the New York
    Times (see the module docstring)."""
    from newsprism.quotes import polnear

    before = labelled(26)

    def wanted(text: str) -> tuple[bool, tuple[int, int, int]]:
        nominals, descriptions = len(NOMINAL22.findall(text)), len(DESCRIPTION22.findall(text))
        pronouns = len(PRONOUN14.findall(text))
        return (nominals >= 1 and nominals + descriptions + pronouns >= CUES26 and len(text) <= MAX_CHARS26,
                (pronouns, nominals, descriptions))

    taken = []
    ptc = sorted((f"ptc:{p.stem[7:]}" for p in (annotation.SHARED / "data" / "ptc" / "train" / "articles").glob("article*.txt")),
                 key=lambda d: int(d.split(":")[1]))
    order = [d for d in ptc if d not in held_out() | before]
    print(f"# {len(ptc)} PTC training articles, {len(order)} outside the held-out parts and the labelled pages")
    random.Random(SEED26).shuffle(order)
    for doc in order:
        text = annotation.document_text(doc)
        ok, counts = wanted(text)
        print(doc, len(text), *counts, "taken" if ok else "", sep="\t")
        if ok:
            taken.append(doc)
            if len(taken) == PER_POOL26:
                break
    train = annotation.SHARED / "data" / "polnear" / "train"
    holdout = set(json.loads(polnear.TAGGER_RECORD.read_text(encoding="utf-8"))["holdout_articles"])
    events = {d.split("/", 1)[1][:-4] for d in held_out() if d.startswith("polnear:train/")}
    names = sorted(p.stem for p in (train / "text").glob("*.txt"))
    order = [n for n in names if n.split("_")[0] in OUTLETS26 and n not in holdout and n not in events
             and f"polnear:{n}" not in before]
    print(f"# {len(order)} PolNeAR train articles of {', '.join(OUTLETS26)} left")
    random.Random(SEED26).shuffle(order)
    outlets: dict[str, int] = {}
    for name in order:
        text = polnear.article_text(train, name)
        ok, counts = wanted(text)
        ok = ok and outlets.get(name.split("_")[0], 0) < PER_OUTLET26
        print(f"polnear:{name}", len(text), *counts, "taken" if ok else "", sep="\t")
        if ok:
            outlets[name.split("_")[0]] = outlets.get(name.split("_")[0], 0) + 1
            taken.append(f"polnear:{name}")
            if len(taken) == PAGES23:  # (the PolNeAR articles make up what the PTC articles lack)
                break
    print(" ".join(taken))
    return taken


def main(round_: int = 12) -> list[str]:
    if round_ == 26:
        return round26()
    if round_ in (23, 24, 25):
        return polnear_round({23: SEED23, 24: SEED24, 25: SEED25}[round_])
    ptc = [f"ptc:{p.stem[7:]}" for p in (annotation.SHARED / "data" / "ptc" / "train" / "articles").glob("article*.txt")]
    texts = {d: annotation.document_text(d) for d in [*annotation.documents(), *ptc] if d[:4] in ("voa:", "ptc:")}
    held, taken, descriptions = held_out(), [], 0
    if round_ in (13, 14, 15, 16, 17, 19, 20, 21, 22):
        held |= labelled(round_)
    for source in ("voa", "ptc"):
        order = sorted((d for d in texts if d.startswith(source + ":") and d not in held), key=lambda d: int(d.split(":")[1]))
        random.Random({13: SEED13, 14: SEED14, 15: SEED15, 16: SEED16, 17: SEED17, 19: SEED19, 20: SEED20,
                       21: SEED21, 22: SEED22}.get(round_, SEED)).shuffle(order)
        n = 0
        quota = PAGES22 - len(taken) if round_ == 22 and source == "ptc" else PER_SOURCE  # (round 22: PTC makes up)
        for doc in order:
            if round_ == 22:  # the PTC articles make up what the VOA stories lack
                nominals, descriptions = len(NOMINAL22.findall(texts[doc])), len(DESCRIPTION22.findall(texts[doc]))
                pronouns, acronyms = len(PRONOUN14.findall(texts[doc])), len(ACRONYM22.findall(texts[doc]))
                ok = (n < quota and nominals + descriptions >= 1
                      and nominals + descriptions + pronouns + acronyms >= CUES22 and len(texts[doc]) <= MAX_CHARS22)
            elif round_ == 21:
                nominals, descriptions = len(NOMINAL13.findall(texts[doc])), len(DESCRIPTION14.findall(texts[doc]))
                pronouns, runs_on = len(PRONOUN14.findall(texts[doc])), len(RUNS_ON15.findall(texts[doc]))
                ok = n < PER_SOURCE and pronouns >= 1 and runs_on >= 1 and len(texts[doc]) <= MAX_CHARS21
            elif round_ == 20:
                nominals, descriptions = len(NOMINAL13.findall(texts[doc])), len(DESCRIPTION14.findall(texts[doc]))
                pronouns, runs_on = len(PRONOUN14.findall(texts[doc])), len(RUNS_ON15.findall(texts[doc]))
                ok = (n < PER_SOURCE and pronouns >= PRONOUNS20 and runs_on >= 1
                      and len(texts[doc]) <= MAX_CHARS20)
            elif round_ == 19:
                nominals, descriptions = len(NOMINAL13.findall(texts[doc])), len(DESCRIPTION14.findall(texts[doc]))
                pronouns = len(PRONOUN14.findall(texts[doc]))
                ok = (n < PER_SOURCE and pronouns >= 1 and nominals + descriptions >= 1
                      and len(texts[doc]) <= MAX_CHARS19)
            elif round_ == 17:
                nominals, descriptions = len(NOMINAL13.findall(texts[doc])), len(DESCRIPTION14.findall(texts[doc]))
                pronouns = len(PRONOUN14.findall(texts[doc]))
                ok = n < PER_SOURCE and pronouns >= PRONOUNS17 and len(texts[doc]) <= MAX_CHARS17
            elif round_ == 16:
                nominals, descriptions = len(NOMINAL13.findall(texts[doc])), len(DESCRIPTION14.findall(texts[doc]))
                pronouns, countries = len(PRONOUN14.findall(texts[doc])), len(countries_named(texts[doc]))
                ok = n < PER_SOURCE and pronouns >= 1 and countries >= COUNTRIES16 and len(texts[doc]) <= MAX_CHARS16
            elif round_ == 15:
                nominals, descriptions = len(NOMINAL13.findall(texts[doc])), len(DESCRIPTION14.findall(texts[doc]))
                pronouns, runs_on = len(PRONOUN14.findall(texts[doc])), len(RUNS_ON15.findall(texts[doc]))
                ok = (n < PER_SOURCE and pronouns >= 1 and nominals + descriptions >= 1 and runs_on >= 1
                      and len(texts[doc]) <= MAX_CHARS15)
            elif round_ == 14:
                nominals, descriptions = len(NOMINAL13.findall(texts[doc])), len(DESCRIPTION14.findall(texts[doc]))
                pronouns = len(PRONOUN14.findall(texts[doc]))
                ok = (n < PER_SOURCE and min(nominals, pronouns) >= 1
                      and nominals + descriptions + pronouns >= 3 and len(texts[doc]) <= MAX_CHARS14)
            elif round_ == 13:
                pronouns, nominals = len(PLURAL13.findall(texts[doc])), len(NOMINAL13.findall(texts[doc]))
                ok = n < PER_SOURCE and nominals >= 1 and nominals + pronouns >= 2 and len(texts[doc]) <= MAX_CHARS13
            else:
                pronouns, nominals = len(PRONOUN.findall(texts[doc])), len(NOMINAL.findall(texts[doc]))
                ok = n < PER_SOURCE and pronouns >= 2 and pronouns + 2 * nominals >= 4 and len(texts[doc]) <= MAX_CHARS
            print(doc, len(texts[doc]), pronouns, nominals, descriptions if round_ >= 14 else "", "taken" if ok else "", sep="\t")
            if ok:
                n += 1
                taken.append(doc)
    print(" ".join(taken))
    return taken


if __name__ == "__main__":
    import sys

    main(int(sys.argv[sys.argv.index("--round") + 1]) if "--round" in sys.argv else 12)
