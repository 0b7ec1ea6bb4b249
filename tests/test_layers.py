"""The package's layers and homes, as the README's "How it works" states them: no module imports one from a
layer above its own, no two modules import each other, directly or in a ring, and a capability's lexicons,
model files and names appear only in its home (and the few places listed, each with why). Read from the
source with `ast` (imports inside functions count too), so it needs neither spaCy's model nor ../shared.
"""

from __future__ import annotations

import ast
import functools
import pathlib
from collections.abc import Callable, Iterator

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "newsprism"

# Lowest first. A module may import its own layer and those below. The capabilities sit in extraction order
# (a later one reads what an earlier one wrote); their evaluation and training drive the whole pipeline, so
# they sit above it (training reports the evaluation's figures, never the reverse); the store persists what
# the capabilities and the corpus logic produce.
LAYERS: list[tuple[str, list[str]]] = [
    ("base", ["errors", "codepoints", "limits", "schema", "article", "doctext", "gazetteer",
              "notorch", "lexicons", "parse", "native", "console.terminal"]),
    ("readers", ["readers"]),
    ("encoder", ["encoder"]),
    ("actors", ["actors"]),
    ("quotes", ["quotes"]),
    ("events", ["events"]),
    ("framing", ["framing"]),
    ("tone", ["tone"]),
    ("corpus", ["corpus"]),
    ("pipeline", ["pipeline"]),
    ("evaluation", ["*.evaluation", "*.attribution_evaluation"]),
    ("training", ["*.training", "*.training_minilm"]),
    ("store", ["store"]),
    ("engines", ["engines", "watch"]),
    ("web", ["web"]),
    ("interfaces", ["console"]),
]


@functools.lru_cache(maxsize=None)
def tree(path: pathlib.Path) -> ast.Module:
    """A module's syntax tree, parsed once for all the tests."""
    return ast.parse(path.read_text(encoding="utf-8"))


def modules() -> dict[str, pathlib.Path]:
    """Dotted name -> file of every module in the package (migrations included)."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def layer(module: str) -> int:
    """The layer of a dotted module name; the most specific pattern wins (`events.training` is a tool)."""
    rel = module.removeprefix("newsprism.")
    best, found = -1, None
    for rank, (_, patterns) in enumerate(LAYERS):
        for pattern in patterns:
            if pattern.startswith("*."):
                if rel.endswith(pattern[1:]) and len(pattern) > best:
                    best, found = len(pattern), rank
            elif (rel == pattern or rel.startswith(pattern + ".")) and len(pattern) > best:
                best, found = len(pattern), rank
    if found is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS (and to the README's rule)")
    return found


def imports(name: str, path: pathlib.Path, known: set[str]) -> list[str]:
    """The newsprism modules the file imports, anywhere in it; `from pkg import mod` counts as importing the
    submodule `pkg.mod` when there is one."""
    out = []
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                       for a in node.names]
        else:
            continue
        for target in targets:
            if target.startswith("newsprism.") and target != name:
                out.append(target)
    return out


def graph() -> dict[str, list[str]]:
    files = modules()
    known = set(files)
    return {name: imports(name, path, known) for name, path in files.items() if name != "newsprism"}


def test_every_module_has_a_layer():
    for name in modules():
        if name != "newsprism":
            layer(name)


def test_no_import_runs_up_the_layers():
    upward = []
    for name, deps in graph().items():
        for dep in deps:
            if layer(dep) > layer(name):
                upward.append(f"{name} ({LAYERS[layer(name)][0]}) imports {dep} ({LAYERS[layer(dep)][0]})")
    assert not upward, "imports that run up the layers:\n" + "\n".join(sorted(upward))


def test_no_import_cycle():
    edges = {name: set(deps) for name, deps in graph().items()}
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(edges.get(node, ())):
            if state.get(dep) == "open":
                cycles.append(" -> ".join(stack[stack.index(dep):] + [dep]))
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("module, dep, allowed", [
    ("newsprism.events.evaluation", "newsprism.events.training", False),
    ("newsprism.events.training", "newsprism.events.evaluation", True),
    ("newsprism.quotes.component", "newsprism.actors.component", True),
    ("newsprism.actors.component", "newsprism.quotes.component", False),
    ("newsprism.store.db", "newsprism.web.app", False),
    ("newsprism.framing.component", "newsprism.pipeline", False),
])
def test_the_layers_say_what_the_readme_says(module, dep, allowed):
    assert (layer(dep) <= layer(module)) is allowed


# ---- homes: each capability's own names live in its home ---------------------------------------------------
#
# The layers say who may import whom; the homes say where a capability's own knowledge may be written: its
# word lists (newsprism/lexicons/*.json), its model files (newsprism/models/), and the names of what it finds
# (PTC technique names, PLOVER event types). A module outside the places listed here that loads such a
# lexicon or writes such a name holds a rule of a capability that is not its home's. A module's home is its
# first part below newsprism (`events` for newsprism.events.counts, `console` for newsprism.console.cli).

LEXICON_HOMES: dict[str, set[str]] = {
    "event_cues": {"events"},
    "event_counts": {"events"},
    # corpus: the pronouns that name no actor (corpus.actors.naming); events: the nouns that name people, who
    # alone can be an event's actors (events.component.names_people); gazetteer: the US states' abbreviations
    # after a town ('MANCHESTER, N.H.', gazetteer.qualifier_country)
    # parse: the abbreviated titles its tokenizer keeps whole ('Sgt. Paul Rivera said', parse.keep_titles)
    "roles": {"actors", "quotes", "corpus", "events", "gazetteer", "parse"},
    "reporting_verbs": {"quotes", "events"},  # events: a reporting verb is no event (events.detector)
    "quote_marks": {"quotes", "events", "framing"},  # events, framing: whether words are quoted, as a feature
    "furniture": {"readers", "actors"},  # actors: page furniture is no actor's name
    "known_actors": {"actors"},
}

# Each model file's capability, and the other places that may name it, with why.
MODEL_FILE_HOMES: dict[str, str] = {
    "attribution.crfsuite": "quotes", "attribution.json": "quotes", "attribution-encoder.crfsuite": "quotes",
    "attribution-encoder.npz": "quotes", "attribution-encoder.json": "quotes",
    "events_detector.joblib": "events", "events_detector_encoder.joblib": "events", "events_detector.json": "events",
    "events_plover.joblib": "events", "events_case2021.joblib": "events", "events_models.md": "events",
    "events_sentence-minilm.onnx": "events",
    "spans.crfsuite": "framing", "techniques.npz": "framing", "spans-minilm.onnx": "framing",
    "techniques-encoder.npz": "framing", "verifier-minilm.npz": "framing",
    "tone-head.npz": "tone",
}
MODEL_FILE_ALSO: dict[str, dict[str, str]] = {
    "spans-minilm.onnx": {"encoder": "the shared encoder is the framing span tagger's fine-tuned MiniLM, run once "
                                    "per article for framing and tone"},
    "attribution.crfsuite": {"console": "`newsprism train attribution --out` shows where it writes by default"},
    "attribution.json": {"console": "`newsprism eval attribution --record` says which record it writes"},
    "attribution-encoder.crfsuite": {"console": "`newsprism train attribution --encoder --out` shows where it writes "
                                               "by default"},
    "attribution-encoder.json": {"console": "`newsprism eval attribution --record` says which record it writes"},
}

# Names of what a capability finds, and where they may be written as strings.
NAME_HOMES: dict[str, tuple[Callable[[], set[str]], set[str]]] = {
    "PTC technique names": (lambda: set(_techniques()), {"framing"}),
    "PLOVER event types": (lambda: set(_lexicon("event_cues")["plover_types"]),
                           {"events", "corpus"}),  # corpus: which types may be one story (corpus.stories)
}


def _techniques() -> list[str]:
    from newsprism.framing.techniques import TECHNIQUES

    return TECHNIQUES


def _lexicon(name: str):
    from newsprism import lexicons

    return lexicons.load(name)


def home(module: str) -> str:
    return module.removeprefix("newsprism.").split(".")[0]


def lexicons_loaded(path: pathlib.Path) -> set[str]:
    """The lexicon files a module reads: the first argument of every `lexicons.load/words/word_sets/table/raw`."""
    out = set()
    for node in ast.walk(tree(path)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "lexicons"
                and node.func.attr in {"load", "words", "word_sets", "table", "raw"}
                and node.args and isinstance(node.args[0], ast.Constant)):
            out.add(node.args[0].value)
    return out


def strings(path: pathlib.Path) -> set[str]:
    """Every string constant of a module (docstrings included: a file named in prose is named too)."""
    return {node.value for node in ast.walk(tree(path))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_every_lexicon_and_model_file_has_a_home():
    from newsprism import lexicons

    assert set(lexicons.NAMES) == set(LEXICON_HOMES), "give each lexicon file its homes in LEXICON_HOMES"
    shipped = {p.name for p in (PACKAGE / "models").rglob("*") if p.is_file()}
    assert set(MODEL_FILE_HOMES) <= shipped, "MODEL_FILE_HOMES names a file that is not shipped"
    generic = {"README.md", "meta.json", "lexicon.json"}  # names every model folder may use
    assert shipped - generic <= set(MODEL_FILE_HOMES), "give each shipped model file its capability in MODEL_FILE_HOMES"


def test_lexicons_are_read_only_in_their_homes():
    strays = [f"{name} reads lexicons/{lex}.json (its homes: {', '.join(sorted(LEXICON_HOMES[lex]))})"
              for name, path in modules().items() for lex in lexicons_loaded(path)
              if home(name) not in LEXICON_HOMES.get(lex, set())]
    assert not strays, "lexicons read outside their homes:\n" + "\n".join(sorted(strays))


def test_model_files_are_named_only_in_their_homes():
    strays = []
    for name, path in modules().items():
        for text in strings(path):
            for file, cap in MODEL_FILE_HOMES.items():
                if file in text and home(name) != cap and home(name) not in MODEL_FILE_ALSO.get(file, {}):
                    strays.append(f"{name} names {file} ({cap}'s)")
    assert not strays, "model files named outside their capability:\n" + "\n".join(sorted(set(strays)))


@pytest.mark.parametrize("what", sorted(NAME_HOMES))
def test_names_of_what_a_capability_finds_are_written_only_in_its_homes(what):
    names, homes = NAME_HOMES[what]
    wanted = names()
    strays = [f"{name} writes {sorted(found)[:3]}" for name, path in modules().items()
              if home(name) not in homes and (found := strings(path) & wanted)]
    assert not strays, f"{what} written outside {sorted(homes)}:\n" + "\n".join(sorted(strays))


# Word lists written again outside lexicons/ although a lexicon holds every word of them (one list per fact),
# each allowed with why: module -> lexicon -> why.
LISTS_ALSO: dict[str, dict[str, str]] = {
    "newsprism.events.dates": {"roles": "WEEKDAYS in calendar order gives a weekday its number; roles.json's "
                                        "date_words holds them unordered, with the months, to cut dates off names"},
    "newsprism.actors.component": {"event_cues": "place_of's prepositions of belonging ('police in Dallas') are "
                                                 "other words than the campaign rule's ('dropped out of the race'), "
                                                 "which happen to hold them too",
                                   "reporting_verbs": "SPEAKING's verbs of a person seen speaking ('Rombot said') "
                                                      "are a narrower list than the quote finder's speech verbs, "
                                                      "which hold them"},
}


def _flat(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value.lower()
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _flat(item)
    elif hasattr(value, "items"):
        for item in value.values():
            yield from _flat(item)


def lists_written_again(path: pathlib.Path) -> list[tuple[int, str]]:
    """(line, lexicon) of each list, set or tuple of four or more words (not type names in capitals) all of
    which one lexicon file already holds."""
    from newsprism import lexicons

    words = {name: set(_flat(lexicons.load(name))) for name in lexicons.NAMES}
    out = []
    for node in ast.walk(tree(path)):
        if not isinstance(node, (ast.Set, ast.List, ast.Tuple)) or len(node.elts) < 4:
            continue
        if not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            continue
        values = {e.value for e in node.elts}
        if all(v.isupper() for v in values):
            continue  # type names: NAME_HOMES
        out += [(node.lineno, name) for name, known in words.items() if {v.lower() for v in values} <= known]
    return out


def test_no_lexicon_list_is_written_again():
    strays = [f"{name}:{line} writes again words of lexicons/{lex}.json"
              for name, path in modules().items() if home(name) != "lexicons"
              for line, lex in lists_written_again(path) if lex not in LISTS_ALSO.get(name, {})]
    assert not strays, "read these words from their lexicon instead:\n" + "\n".join(sorted(strays))


def test_the_homes_test_catches_a_stray(tmp_path):
    """A module outside events/ that reads an events lexicon, or names a technique, is found."""
    stray = tmp_path / "stray.py"
    stray.write_text('from newsprism import lexicons\nCUES = lexicons.words("event_cues", "modals")\n'
                     'X = "Loaded_Language"\n', encoding="utf-8")
    assert lexicons_loaded(stray) == {"event_cues"} and home("newsprism.web.stray") not in LEXICON_HOMES["event_cues"]
    assert "Loaded_Language" in strings(stray) & NAME_HOMES["PTC technique names"][0]()
    again = tmp_path / "again.py"
    again.write_text('PRONOUNS = {"he", "him", "his", "she", "her", "they", "them", "it"}\n', encoding="utf-8")
    assert lists_written_again(again) == [(1, "roles")]
