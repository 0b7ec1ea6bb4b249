"""Coverage-guided fuzzing of the readers (atheris, libFuzzer): any bytes, read as any format, must give only
`Article`s and `Refusal`s, never an exception. Run by `make fuzz`; a crash is saved as a file to replay with
`python fuzz/fuzz_readers.py FILE`.

The first byte of each input picks the file name (and so the reader); the rest is the file's content.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports(include=["newsprism"]):
    from newsprism.article import Article, Refusal
    from newsprism.readers import read_stream

NAMES = ["a.txt", "a.html", "a.jsonl", "a.xml", "a.warc", "a.jsonl.gz", "a.warc.gz", ""]


def test_one_input(data: bytes) -> None:
    """Read `data` as the format its first byte picks; anything but articles and refusals is a failure."""
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    for item in read_stream(io.BytesIO(data[1:]), name or "<stdin>", name=name):
        if isinstance(item, Article):
            assert item.text.strip() and item.id, item
        elif not (isinstance(item, Refusal) and item.origin and item.reason):
            raise AssertionError(f"reader yielded {item!r}")


def main() -> None:
    """Start libFuzzer with the command-line arguments (corpus folders, -max_total_time=SECONDS, ...)."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
