"""Coverage-guided fuzzing of the byte decoding and the text header (atheris): any bytes give text or `None`,
and the article text is always a slice of what was decoded, so offsets stay meaningful. Run by `make fuzz`."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["newsprism"]):
    from newsprism.article import Article
    from newsprism.readers.decode import decode
    from newsprism.readers.text import article_from_text


def test_one_input(data: bytes) -> None:
    """Decode `data` (declaring a charset taken from its first bytes) and read it as a text article."""
    fdp = atheris.FuzzedDataProvider(data)
    declared = fdp.PickValueInList([None, "utf-8", "latin-1", "windows-1252", "shift_jis", "bogus", "utf-16"])
    text = decode(fdp.ConsumeBytes(fdp.remaining_bytes()), declared)
    if text is None:
        return
    assert isinstance(text, str)
    article = article_from_text(text, "fuzz")
    if isinstance(article, Article):
        assert article.text and article.text in text


def main() -> None:
    """Start libFuzzer with the command-line arguments."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
