"""`newsprism eval actors`: speakers of quotes and actors' countries on hand-annotated real pages.

The labels (guide in annotations/who/GUIDE.md) are ids and character offsets into the texts of ../shared,
in two parts kept apart: `labels.tsv`, the TUNE part (the speaker and country rules are developed looking at
it), and `report.tsv`, the REPORT part (looked at only to report). `second-pass.tsv` labels again, blind, a
sample of pages of the tune part, for the annotators' agreement (`agreement`). Page ids: `aeb:<first 12 hex of the page's sha256>` is the `articleBody` of that page in
`data/aeb/ground-truth.json`, `html:<file>` the text in `data/html/text/<file>`, `voa:<id>` the `text` of the
record of `data/voa/voa_stories.jsonl` with that `id`, `ptc:<id>` the raw text of
`data/ptc/train/articles/article<id>.txt` (the events annotation's document ids), `polnear:<name>` the text of
PolNeAR train's article `data/polnear/train/text/<name>.txt` as `newsprism.quotes.polnear.article_text` reads it
(the attribution scorer's offsets are into the same text). Two kinds of rows:

    quote  PAGE  START END  SPEAKER-SPANS  SPEAKER-KIND      a quote lies in the sentence holding START:END;
                                                            its speaker is named at SPEAKER-SPANS ('s-e',
                                                            several joined by ';' for a group)
    actor  PAGE  START END  COUNTRY                          the actor mentioned at START:END belongs to
                                                            COUNTRY (ISO alpha-3), '-' for none the text gives

Figures: quotes by sentence (precision, recall, F1 of the sentences holding a quote), speaker accuracy over
the gold quotes found (the predicted speaker's name, or its entity's, ends with the same word as a gold
speaker's, a suffix such as 'Jr.' left out, an acronym one with the name it stands for; for a description or a
nominal, or a gold speaker marked as a description whatever the kind (`described`), the words before its
post-modifier: "a spokesman for X" is "spokesman", not "X"), by the kind of mention the text uses at the cue (name, pronoun,
description, nominal, org, acronym, group, continuation), and actor countries: the share of annotated
actors with a country whose entity gets that country, and of those without one that get none.

`--from-html` (`run(..., from_html=True)`) measures the same labels as a user meets the pages: the aeb and html
pages are read off their HTML by newsprism's reader (trafilatura's main text) and the labels moved onto that text
by their sentences (`moved`); a quote whose sentence the extraction lost counts as not found.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from newsprism import pipeline
from newsprism.article import Article, Refusal
from newsprism.quotes import polnear

SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n+")
ABBREVIATIONS = {"rep", "sen", "gov", "dr", "mr", "mrs", "ms", "lt", "gen", "col", "sgt", "capt", "st", "no",
                 "jan", "feb", "aug", "sept", "oct", "nov", "dec", "mt", "ft", "vs"}
# Where a description's post-modifier begins ("a spokesman for X", "people familiar with the talks",
# "Jeff Sanborn, president of ..."): its head noun is the last word before it.
POST_MODIFIER = re.compile(r",|\s(?:of|for|from|at|in|on|with|to|who|which|that|familiar|briefed|close|representing|traveling|travelling)\s")


def page_texts(shared_data: Path, pages: set[str]) -> dict[str, str]:
    """The text of each page id (see the module docstring)."""
    out: dict[str, str] = {}
    aeb = voa = None
    for page in sorted(pages):
        source, _, name = page.partition(":")
        if source == "aeb":
            if aeb is None:
                aeb = json.loads((shared_data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
            key = next(k for k in aeb if k.startswith(name))
            out[page] = aeb[key]["articleBody"]
        elif source == "html":
            out[page] = (shared_data / "html" / "text" / name).read_text(encoding="utf-8")
        elif source == "voa":
            if voa is None:
                voa = {}
                for line in (shared_data / "voa" / "voa_stories.jsonl").read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        record = json.loads(line)
                        voa[str(record["id"])] = record["text"]
            out[page] = voa[name]
        elif source == "ptc":
            out[page] = (shared_data / "ptc" / "train" / "articles" / f"article{name}.txt").read_text(encoding="utf-8")
        elif source == "polnear":
            out[page] = polnear.article_text(shared_data / "polnear" / "train", name)
        else:
            raise ValueError(f"unknown page id {page!r}: expected aeb:<hex>, html:<file>, voa:<id>, ptc:<id> or polnear:<name>")
    return out


def read_labels(path: Path) -> tuple[list[dict], list[dict]]:
    """The quote rows and the actor rows of a labels file (tab-separated, '#' lines are notes)."""
    quotes, actors = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, page, start, end, *rest = line.split("\t")
        if kind == "quote":
            spans = [tuple(map(int, s.split("-"))) for s in rest[0].split(";")]
            quotes.append({"page": page, "start": int(start), "end": int(end), "speaker": spans, "kind": rest[1]})
        elif kind == "actor":
            actors.append({"page": page, "start": int(start), "end": int(end), "country": None if rest[0] == "-" else rest[0]})
    return quotes, actors


def no_stop(text: str, m: re.Match) -> bool:
    """A full stop that ends no sentence: after a title's or a month's abbreviation or an initial ('Rep. Ilhan
    Omar', 'Christopher L. Hollman', 'Dec. 22', '3170 W. County Road'), or before a word in lower case or a
    number."""
    if text[m.start()] != "." or not m.group()[1:2].isspace() or "\n" in m.group():
        return False
    after = text[m.end() : m.end() + 1]
    word = re.search(r"(?<![\w.])(\w+)$", text[: m.start()])
    short = bool(word) and (word[1].lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word[1]) is not None)
    return bool(after) and (after.islower() or after.isdigit() or (short and after.isalnum()))


def sentences(text: str) -> list[tuple[int, int]]:
    """The text's sentences as char spans: ends at a stop (and its closing marks) before a space, or a line
    break; not at an abbreviation's or an initial's stop (`no_stop`)."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.group()[:1] == "." and no_stop(text, m):
            continue
        if m.start() + 1 > start:
            out.append((start, m.start() + 1))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def sentence_of(spans: list[tuple[int, int]], char: int) -> int:
    return next((i for i, (s, e) in enumerate(spans) if s <= char < e), len(spans) - 1)


SUFFIXES = {"the", "a", "an", "jr", "sr", "ii", "iii"}  # 'James P. Kennedy Jr.' is Kennedy


def last_word(name: str | None) -> str:
    words = [w for w in re.findall(r"[\w'’]+", (name or "").lower()) if w not in SUFFIXES]
    return re.sub(r"['’]s?$", "", words[-1]) if words else ""


def initials(name: str | None) -> str:
    """An organisation's name as its acronym ('World Health Organization' -> 'WHO'), else ''."""
    words = [w for w in re.findall(r"[\w&]+", name or "") if w.lower() not in {"of", "the", "and", "for", "on", "&"}]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def acronym(name: str | None) -> str:
    letters = (name or "").replace(".", "").strip()
    return letters if len(letters) >= 2 and letters.isalpha() and letters.isupper() else ""


def head(name: str | None) -> str:
    """The words of a description before its post-modifier ("a spokesman for X" -> "a spokesman")."""
    return POST_MODIFIER.split(name or "", maxsplit=1)[0]


def same_speaker(names: list[str | None], gold: list[str], described: bool = False) -> bool:
    """A predicted name (the quote's speaker name or its entity's) ends with the same word as a gold
    speaker's name: the tracker's rule without its 'contains' leniency, so that two people who share a
    surname as a first word ('Singh Jabarjung', 'Lakshiwnder Singh') stay apart. `described` (a gold
    speaker the text gives as a description): both sides are compared by their head noun, so "a
    spokesman for X" matches "the spokesman" and not "X"."""
    cut = head if described else (lambda n: n)
    golds = {last_word(cut(g)) for g in gold} - {""}
    if any(last_word(cut(name)) in golds for name in names if name):
        return True
    # an acronym and the name it stands for are one speaker ('WHO', 'World Health Organization')
    short = {acronym(g) for g in gold} | {initials(g) for g in gold}
    return any(acronym(name) in short - {""} or (acronym(g) and initials(name) == acronym(g)) for name in names for g in gold)


def described(speaker: str) -> bool:
    """A gold speaker marked as a description, not a name ('a source close to the investigation', 'one
    Western official', 'the guy, a retailer ...'): it opens with an indefinite determiner or a word in lower
    case ('The Wrap', 'The US Embassy in New Delhi' are names). The guide scores a description by its head noun
    whatever the kind of mention at the cue ('he said' after it, a quotation's next sentence)."""
    first = (speaker.split() or [""])[0]
    return first.lower() in {"a", "an", "one", "some", "another"} or first[:1].islower()


def score(texts: dict[str, str], analyses: dict[str, dict], quotes: list[dict], actors: list[dict],
          errors: list[dict] | None = None) -> dict:
    """The figures of the module docstring, from the analyses (JSON as `newsprism analyze` writes them).
    `errors`, when given, gets one entry per gold quote found with a wrong speaker (page, kind, the
    sentence, the gold speakers and the predicted ones), one per sentence found as a quote that holds none (kind
    "no quote") or holding a quote not found ("quote missed"), and one per labelled actor given another country (kind
    "country": the actor's words, the labelled country and the one given, with the actor it was found in), for
    reading a part's errors (`eval actors --errors`)."""
    gold_sents: set[tuple[str, int]] = set()
    pred_sents: set[tuple[str, int]] = set()
    spans = {page: sentences(text) for page, text in texts.items()}
    lost = sum(q["start"] is None for q in quotes)  # from HTML: quotes whose sentence the extraction lost
    quotes = [q for q in quotes if q["start"] is not None]
    for q in quotes:
        gold_sents.add((q["page"], sentence_of(spans[q["page"]], q["start"])))
    for page, a in analyses.items():
        for pq in a["quotes"]:
            s, e = pq["content"]["start"], pq["content"]["end"]
            pred_sents |= {(page, i) for i, (ss, se) in enumerate(spans[page]) if ss < e and s < se}
    tp_p, tp_r = len(pred_sents & gold_sents), len(gold_sents & pred_sents)
    p, r = tp_p / max(1, len(pred_sents)), tp_r / max(1, len(gold_sents) + lost)
    if errors is not None:  # the sentences found as quotes that hold none, and the quotes' sentences not found
        for kind, (page, i) in sorted([("no quote", k) for k in pred_sents - gold_sents]
                                      + [("quote missed", k) for k in gold_sents - pred_sents], key=lambda x: x[1]):
            ss, se = spans[page][i]
            errors.append({"page": page, "kind": kind, "sentence": texts[page][ss:se].strip(), "gold": [], "predicted": []})
    right, total = Counter(), Counter()
    for q in quotes:
        a = analyses.get(q["page"])
        if a is None:
            continue
        i = sentence_of(spans[q["page"]], q["start"])
        ss, se = spans[q["page"]][i]
        found = [pq for pq in a["quotes"] if pq["content"]["start"] < se and ss < pq["content"]["end"]]
        if not found or not q["speaker"]:
            continue
        found.sort(key=lambda pq: not (pq["content"]["start"] <= q["start"] < pq["content"]["end"] + 1))
        pq = found[0]
        names = {e["id"]: e["name"] for e in a["entities"]}
        predicted = [pq.get("speaker_name"), names.get(pq.get("speaker_entity"))]
        gold = [texts[q["page"]][s:e] for s, e in q["speaker"]]
        total[q["kind"]] += 1
        ok = same_speaker(predicted, gold, q["kind"] in ("description", "nominal") or described(gold[0]))
        right[q["kind"]] += ok
        if not ok and errors is not None:
            errors.append({"page": q["page"], "kind": q["kind"], "sentence": texts[q["page"]][ss:se].strip(),
                           "gold": gold, "predicted": [n for n in dict.fromkeys(predicted) if n]})
    known = unknown = known_ok = unknown_ok = 0
    for lab in actors:
        a = analyses.get(lab["page"])
        entity = None
        for e in (a or {}).get("entities", []):
            if any(m["start"] < lab["end"] and lab["start"] < m["end"] for m in e["mentions"]):
                entity = e
                break
        got = entity["country"] if entity else None
        if lab["country"]:
            known += 1
            known_ok += got == lab["country"]
        else:
            unknown += 1
            unknown_ok += got is None
        if got != lab["country"] and errors is not None:
            errors.append({"page": lab["page"], "kind": "country", "sentence": texts[lab["page"]][lab["start"]:lab["end"]],
                           "gold": [lab["country"] or "none"],
                           "predicted": [f"{got or 'none'} ({entity['name'] if entity else 'no actor'})"]})
    n = sum(total.values())
    return {
        "pages": len(texts), "gold_quotes": len(quotes) + lost, "gold_quote_sentences": len(gold_sents),
        **({"quotes_lost_by_extraction": lost} if lost else {}),
        "quotes_by_sentence": {"precision": round(p, 4), "recall": round(r, 4),
                               "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0},
        "speaker_accuracy": round(sum(right.values()) / max(1, n), 4), "speakers_scored": n,
        "speaker_accuracy_by_kind": {k: [right[k], total[k], round(right[k] / total[k], 4)] for k in sorted(total)},
        "actor_countries": {"with_country": known, "accuracy": round(known_ok / max(1, known), 4),
                            "without_country": unknown, "none_accuracy": round(unknown_ok / max(1, unknown), 4)},
    }


def page_html(shared_data: Path, page: str) -> Path | None:
    """The HTML file a page's text was taken from: `aeb/html/<sha256>.html.gz`, `html/pages/<name>.html`; else None
    (the VOA, PTC and PolNeAR texts come without their pages)."""
    source, _, name = page.partition(":")
    if source == "aeb":
        return next((shared_data / "aeb" / "html").glob(f"{name}*.html.gz"), None)
    if source == "html":
        path = shared_data / "html" / "pages" / (Path(name).stem + ".html")
        return path if path.exists() else None
    return None


def extracted_texts(shared_data: Path, pages: set[str]) -> dict[str, str]:
    """The text newsprism itself reads off each page's HTML (`newsprism.readers`: trafilatura's main text, as
    `newsprism analyze page.html` gets it), for the pages that have their HTML; '' where it finds no article."""
    from newsprism.readers import read_stream

    out = {}
    for page in sorted(pages):
        if (path := page_html(shared_data, page)) is not None:
            with path.open("rb") as fh:
                found = [a for a in read_stream(fh, page, name=path.name.removesuffix(".gz")) if isinstance(a, Article)]
            out[page] = found[0].text if found else ""
    return out


def moved(rows: list[dict], clean: dict[str, str], extracted: dict[str, str]) -> list[dict]:
    """The rows of the pages in `extracted`, their offsets moved from the clean text onto the extracted one by the
    sentence holding each span (found where its words, spaces aside, are in the extracted text); a quote whose
    sentence the extraction lost keeps `start` None (a quote no analysis can find), a speaker span or an actor
    whose sentence it lost is searched by its own words, else dropped (the actor row too)."""
    sentences_of = {page: sentences(clean[page]) for page in extracted if page in clean}

    def shift(page: str, start: int, end: int) -> tuple[int, int] | None:
        text, spans = clean[page], sentences_of[page]
        ss, se = spans[sentence_of(spans, start)]
        for lo, hi in ((ss, se), (start, end)):  # its sentence, else the span's own words
            if lo <= start and end <= hi and (solid := loose_find(text[lo:hi], extracted[page])):
                before, upto = (len(solids(text[lo:x])) for x in (start, end))
                if before < len(solid) and 0 < upto <= len(solid):
                    return solid[before], solid[upto - 1] + 1
        return None

    out = []
    for r in rows:
        if r["page"] not in extracted:
            continue
        at = shift(r["page"], r["start"], r["end"])
        if "speaker" in r:
            speakers = [x for s, e in r["speaker"] if (x := shift(r["page"], s, e))]
            out.append({**r, "start": at[0] if at else None, "end": at[1] if at else None, "speaker": speakers})
        elif at:
            out.append({**r, "start": at[0], "end": at[1]})
    return out


UNSEEN = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphens and zero-width characters: an extractor may drop them
LOOSE_GAP = f"[\\s{UNSEEN}]*"


def solids(text: str) -> str:
    """The characters of `text` that every reading keeps: not spaces, not `UNSEEN`."""
    return "".join(c for c in text if not c.isspace() and c not in UNSEEN)


def loose_find(needle: str, haystack: str) -> list[int] | None:
    """Where `needle`'s characters are in `haystack`, spaces and `UNSEEN` characters aside: the position of each
    of its `solids` in the first match, else None."""
    chars = solids(needle)
    if not chars:
        return None
    found = re.search(LOOSE_GAP.join(map(re.escape, chars)), haystack)
    if not found:
        return None
    return [found.start() + i for i, c in enumerate(found.group()) if not c.isspace() and c not in UNSEEN]


def run(shared_data: Path, parts: dict[str, Path], errors: dict[str, list[dict]] | None = None,
        from_html: bool = False) -> dict:
    """Analyses the annotated pages of each part (name -> labels file) and scores each against its labels;
    `errors`, when given, gets each part's wrong speakers and countries (see `score`). `from_html`: the pages that
    have their HTML (aeb, html) are read from it as a user's page would be (`extracted_texts`), the labels moved
    onto that text (`moved`); quotes the extraction lost count as not found."""
    labels = {name: read_labels(path) for name, path in parts.items()}
    texts = page_texts(shared_data, {r["page"] for quotes, actors in labels.values() for r in quotes + actors})
    if from_html:
        extracted = extracted_texts(shared_data, set(texts))
        labels = {name: (moved(quotes, texts, extracted), moved(actors, texts, extracted))
                  for name, (quotes, actors) in labels.items()}
        texts = extracted
    nlp = pipeline.load()
    analyses = {}
    for page, result in zip(texts, pipeline.analyze(nlp, (Article(text=t, id=p) for p, t in texts.items()))):
        if not isinstance(result, Refusal):
            analyses[page] = json.loads(result.model_dump_json())
    out = {}
    for name, (quotes, actors) in labels.items():
        pages = {r["page"] for r in quotes + actors}
        wrong = errors.setdefault(name, []) if errors is not None else None
        out[name] = score({p: texts[p] for p in pages}, {p: a for p, a in analyses.items() if p in pages}, quotes, actors, wrong)
    return out


def error_lines(errors: dict[str, list[dict]]) -> str:
    """Each wrong speaker or country as one line: part, page, kind of mention ("country" for a country), the
    gold and the predicted speakers (or countries), the sentence (or the actor's words)."""
    return "\n".join(f"{part}\t{e['page']}\t{e['kind']}\tgold={' / '.join(e['gold'])}\tgot={' / '.join(e['predicted']) or '-'}"
                     f"\t{' '.join(e['sentence'].split())}" for part, rows in errors.items() for e in rows)


def kind_table(figures: dict[str, dict]) -> str:
    """Speaker accuracy by kind of mention, a column per part ('right/scored accuracy'), as plain text."""
    kinds = sorted({k for f in figures.values() for k in f["speaker_accuracy_by_kind"]})
    rows = [["kind", *figures]]
    for k in kinds:
        rows.append([k, *(("{}/{} {:.2f}".format(*f["speaker_accuracy_by_kind"][k])
                           if k in f["speaker_accuracy_by_kind"] else "-") for f in figures.values())])
    rows.append(["all", *("{}/{} {:.2f}".format(round(f["speaker_accuracy"] * f["speakers_scored"]),
                                                 f["speakers_scored"], f["speaker_accuracy"]) for f in figures.values())])
    rows.append(["countries", *("{:.2f} of {}".format(f["actor_countries"]["accuracy"], f["actor_countries"]["with_country"])
                                for f in figures.values())])
    rows.append(["quotes F1", *("{:.2f}".format(f["quotes_by_sentence"]["f1"]) for f in figures.values())])
    width = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, width)).rstrip() for r in rows)


def agreement(shared_data: Path, first: Path | list[Path], second: Path) -> dict:
    """How far a blind second pass agrees with the first labels on the pages it covers: the quote sentences
    (F1 of the second's against the first's), on the sentences both mark the same speaker (by the rule of
    `same_speaker`, either way round) and the same kind of mention, and on the actors both label (spans that
    overlap) the same country. `first` may be several files (the tune and the report part): a page's first
    pass is in one of them."""
    q2, a2 = read_labels(second)
    pages = {r["page"] for r in q2 + a2}
    firsts = [read_labels(path) for path in (first if isinstance(first, list) else [first])]
    q1, a1 = ([r for part in firsts for r in part[i] if r["page"] in pages] for i in (0, 1))
    texts = page_texts(shared_data, pages)
    spans = {p: sentences(t) for p, t in texts.items()}
    by_sentence = [{(q["page"], sentence_of(spans[q["page"]], q["start"])): q for q in qs} for qs in (q1, q2)]
    both = sorted(set(by_sentence[0]) & set(by_sentence[1]))
    n1, n2 = len(by_sentence[0]), len(by_sentence[1])
    speaker = kind = 0
    for key in both:
        g1, g2 = by_sentence[0][key], by_sentence[1][key]
        names = [[texts[key[0]][s:e] for s, e in g["speaker"]] for g in (g1, g2)]
        described = "description" in (g1["kind"], g2["kind"])
        speaker += same_speaker(names[1], names[0], described) or same_speaker(names[0], names[1], described)
        kind += g1["kind"] == g2["kind"]
    common = [(x, y) for x in a1 for y in a2 if x["page"] == y["page"] and x["start"] < y["end"] and y["start"] < x["end"]]
    return {
        "pages": len(pages), "sample": sorted(pages),
        "quote_sentences_first": n1, "quote_sentences_second": n2, "quote_sentences_both": len(both),
        "quote_sentence_f1": round(2 * len(both) / max(1, n1 + n2), 4),
        "same_speaker": round(speaker / max(1, len(both)), 4), "same_kind": round(kind / max(1, len(both)), 4),
        "actors_both": len(common),
        "same_country": round(sum(x["country"] == y["country"] for x, y in common) / max(1, len(common)), 4),
    }
