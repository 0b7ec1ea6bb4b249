"""Coverage-guided fuzzing of the decompression paths (atheris): gzip files of every format, whether the
fuzzer's bytes are the compressed stream itself (corrupt, truncated, concatenated members) or the content
that the harness compresses, and WARC records whose HTTP body has a `Content-Encoding` (chunked or not). Each input must give
only `Article`s and `Refusal`s, and read no more than the limits allow: the limits are set small here, so
`make fuzz`'s `-rss_limit_mb` catches any path that expands a body whole. Replay a crash with
`python fuzz/fuzz_decompress.py FILE`.
"""

from __future__ import annotations

import io
import os
import sys
import zlib

import atheris

os.environ.update(NEWSPRISM_MAX_CHARS="2000", NEWSPRISM_MAX_HTML_BYTES="65536")

with atheris.instrument_imports(include=["newsprism"]):
    from newsprism.article import Article, Refusal
    from newsprism.readers import read_stream

NAMES = ["a.jsonl.gz", "a.rss.gz", "a.warc.gz", "a.html.gz", "a.txt.gz", "a.gz"]
ENCODINGS = ["gzip", "deflate", "x-gzip"]
MAX_TEXT = 2000


def compress(data: bytes, level: int, wbits: int = 31) -> bytes:
    """`data` compressed as gzip (wbits 31) or raw deflate (wbits -15)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


def warc_with_body(body: bytes, encoding: str, chunked: bool) -> bytes:
    """A one-record WARC whose HTTP response body is `body` under `Content-Encoding: encoding`, in one chunk
    when `chunked`."""
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {len(body)}"
    if chunked:
        body = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\n"
            f"{framing}\r\n\r\n").encode() + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def test_one_input(data: bytes) -> None:
    """Build a compressed input from `data` as its first bytes choose, read it, check what comes out."""
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 3)
    name = fdp.PickValueInList(NAMES)
    level = fdp.ConsumeIntInRange(0, 9)
    repeat = fdp.ConsumeIntInRange(1, 4096)  # high expansion ratios from small inputs
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    if mode == 0:
        stream = payload  # the fuzzer writes the compressed bytes itself
    elif mode == 1:
        stream = compress(payload * repeat, level)
    else:
        encoding = ENCODINGS[level % len(ENCODINGS)]
        body = compress(payload * repeat, level, -15 if encoding == "deflate" else 31)
        stream, name = compress(warc_with_body(body, encoding, chunked=mode == 3), level), "a.warc.gz"
    for item in read_stream(io.BytesIO(stream), name, name=name):
        if isinstance(item, Article):
            assert item.text.strip() and item.id and len(item.text) <= MAX_TEXT, item.origin
            item.text.encode("utf-8")
        elif not (isinstance(item, Refusal) and item.origin and item.reason):
            raise AssertionError(f"reader yielded {item!r}")


def main() -> None:
    """Start libFuzzer with the command-line arguments (corpus folders, -max_total_time=SECONDS, ...)."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
