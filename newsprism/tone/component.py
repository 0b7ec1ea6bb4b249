"""The `newsprism_tone` component: the sentiment each sentence expresses towards every actor it mentions.

Order of work: the actors (`doc._.entities`) and quotes (`doc._.quotes`) already found -> for every mention
of a person, group, organisation or country, its sentence -> the tone head (`newsprism.tone.model`) reads the
shared encoder's pass over the article (`doc._.encoding`, the same pass the MiniLM framing tagger reads) and
spaCy's parse of it (`newsprism.encoder.syntax`) ->
`doc._.tone = [Tone]` in text order, each with its voice (the author's, or inside a quote: whose), and
`doc._.actor_tone = [ActorTone]`, one summary per actor (`newsprism.schema` dataclasses).

Settings (`pipeline.load(config={"newsprism_tone": {...}})`): `enabled` (default true; `--fast` turns it off,
and it writes empty lists) and `model_dir` (another tone head than the shipped one). The head and the shared encoder
load once, in the factory.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsprism import native
from newsprism.encoder.doc import encoding_of
from newsprism.encoder.run import shared_encoder
from newsprism.schema import ActorTone, Entity, Span, Tone
from newsprism.tone.model import HEAD_FILE, MODEL_DIR, ToneModel, shipped_model
from newsprism.encoder.syntax import Tree
from newsprism.quotes.voice import voice_of

ACTOR_TYPES = {"PERSON", "ORG", "NORP", "GPE"}

for _name in ("tone", "actor_tone", "entities", "quotes"):  # what the component writes and reads
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ToneComponent:
    """Writes `doc._.tone` and `doc._.actor_tone` (empty lists when `model` is None: tone is off);
    `to_disk`/`from_disk` carry the tone head of `folder` (the shared encoder is the package's)."""

    def __init__(self, model: ToneModel | None, folder: Path = MODEL_DIR) -> None:
        self.model = model
        self.folder = Path(folder)

    def __call__(self, doc: Doc) -> Doc:
        """Judges the tone towards every actor mention of the doc."""
        doc._.tone = tones(self.model, doc) if self.model is not None else []
        doc._.actor_tone = summarise(doc._.entities or [], doc._.tone)
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Copies the tone head and its record into `path` (nothing when tone is off)."""
        files = [] if self.model is None else [self.folder / HEAD_FILE, self.folder / "meta.json"]
        native.save_files(path, [f for f in files if f.name == HEAD_FILE or f.is_file()])

    def from_disk(self, path, *, exclude=tuple()) -> "ToneComponent":
        """Loads the tone head `to_disk` saved in `path` (with the shared encoder) when tone is on."""
        if self.model is not None and HEAD_FILE in native.saved_settings(path).get("files", []):
            self.folder = Path(path)
            self.model = loaded(str(self.folder))
        return self


@Language.factory(
    "newsprism_tone",
    assigns=["doc._.tone", "doc._.actor_tone"],
    requires=["doc._.entities", "doc._.quotes", "doc.sents"],
    default_config={"enabled": True, "model_dir": None},
)
def make_tone(nlp: Language, name: str, enabled: bool, model_dir: str | None) -> ToneComponent:
    """The tone component: when `enabled`, the tone head (of `model_dir`, default the shipped one) and the
    shared encoder it reads, loaded here, once."""
    if not enabled:
        return ToneComponent(None)
    return ToneComponent(loaded(model_dir), Path(model_dir) if model_dir else MODEL_DIR)


def loaded(model_dir: str | None) -> ToneModel:
    """The tone head of `model_dir` (default the shipped one) with the shared encoder."""
    model = shipped_model(model_dir)
    if model.encoder is None:
        model.encoder = shared_encoder()
    return model


def tones(model: ToneModel, doc: Doc) -> list[Tone]:
    """One `Tone` per mention of an actor, in text order."""
    items: list[tuple[Entity, Span, tuple[int, int]]] = []
    sentences = [(s.start, (s.start_char, s.end_char)) for s in doc.sents]  # once: Token.sent scans the doc
    firsts = [first for first, _ in sentences]
    for ent in doc._.entities or []:
        if ent.type not in ACTOR_TYPES:
            continue
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            items.append((ent, m, sentences[bisect_right(firsts, span.start) - 1][1]))
    if not items:
        return []
    enc = encoding_of(doc, model.encoder)  # the factory gave the model its encoder
    verdicts = model.judge(enc, [(sent, (m.start, m.end)) for _, m, sent in items], Tree.of(doc))
    quotes = doc._.quotes or []
    out = [Tone(entity=ent.id, mention=m, polarity=v[0], score=v[1], voice=voice_of(m.start, m.end, quotes))
           for (ent, m, _), v in zip(items, verdicts) if v is not None]
    return sorted(out, key=lambda t: (t.mention.start, t.entity))


def summarise(entities: list[Entity], tone: list[Tone]) -> list[ActorTone]:
    """Per actor with judged mentions: counts of each polarity, the mean polarity, and the mean over the
    mentions in the author's own voice (None when all lie in quotes); most mentioned first."""
    names = {e.id: e.name for e in entities}
    by_actor: dict[str, list[Tone]] = {}
    for t in tone:
        by_actor.setdefault(t.entity, []).append(t)
    out = []
    for eid, ts in by_actor.items():
        pol = [t.polarity for t in ts]
        own = [t.polarity for t in ts if t.voice.kind == "author"]
        out.append(ActorTone(entity=eid, name=names.get(eid, eid), mentions=len(ts), negative=pol.count(-1),
                             neutral=pol.count(0), positive=pol.count(1), mean=round(sum(pol) / len(pol), 3),
                             author_mean=round(sum(own) / len(own), 3) if own else None))
    return sorted(out, key=lambda a: (-a.mentions, a.name))
