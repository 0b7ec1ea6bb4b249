"""Coverage-guided fuzzing of the tokenizer's linear path (atheris): any text gives a Doc with the same text, so
every offset stays meaningful, and a text cut into pieces (`parse.pieces`) joins back to itself with no
stretch over the caps (spaCy's own tokenizer is quadratic on long runs of punctuation). Run by `make fuzz`."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["newsprism"]):
    import spacy

    from newsprism.parse import _RUN, RUN_CAP, pieces, tokenize

NLP = spacy.blank("en")  # the English rules of spaCy's tokenizer, no statistical model


def test_one_input(data: bytes) -> None:
    """Tokenise `data` read as text; runs of the first character are repeated to reach the quadratic case."""
    fdp = atheris.FuzzedDataProvider(data)
    repeat = fdp.ConsumeIntInRange(0, 3 * RUN_CAP)
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    text = text[:1] * repeat + text
    cut = list(pieces(text))
    assert "".join(cut) == text
    assert all(len(run) <= RUN_CAP for piece in cut for run in _RUN.findall(piece))
    assert tokenize(NLP, text).text == text


def main() -> None:
    """Start libFuzzer with the command-line arguments."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
