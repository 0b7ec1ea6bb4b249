"""The ingest bars of issues 14 and 25, reproducibly: a folder of hostile inputs of every kind mixed with good articles.

    python scripts/hostile_check.py [--db URL] [--keep DIR]

Builds the folder in a temporary directory, runs `newsprism ingest FOLDER` under `/usr/bin/time -v`, and checks:
exit status 1; every bad input named on stderr with a reason; no traceback and no raw escape character in the
output; every good article stored; peak memory under 1 GB; done within 5 minutes; `pragma integrity_check`
ok (SQLite); the file linked from outside the folder not stored; an exported CSV cell starting with `=`
neutralised; `newsprism summary` on the same database, run again and again while the ingest writes, answers
every time within 20 seconds (readers never wait for the writer). Issue 25 added a JSON number of 5,000
digits between good lines, a figure beyond float range, 10,000 apostrophes and dashes in an article
(spaCy's tokenizer is quadratic on them) and one HTML element with a million attributes. `--db` takes a PostgreSQL URL (see scripts/postgres.sh) instead of a fresh SQLite file.
Prints one line per check and a JSON summary; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parents[1]
NEWSPRISM = Path(sys.executable).with_name("newsprism")
SECRET = "TOP SECRET outside text that must never be stored, said the keeper of the secrets."
MB = 1 << 20


def good_text(n: int) -> str:
    """A short, plain news paragraph, different for each n."""
    return (f"Officials in Kharkiv said {n + 3} people were hurt on Monday, the mayor told reporters. "
            f"\"We will rebuild the school number {n},\" said Jane Doe, the deputy mayor.")


def html_page(title: str, body: str, head: str = "") -> bytes:
    """A small article page."""
    return (f"<html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{body}</p><p>{body}</p></article></body></html>").encode()


def warc(records: list[tuple[str, bytes, list[tuple[str, str]]]]) -> bytes:
    """An uncompressed WARC of HTTP response records (url, body, headers)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for url, body, headers in records:
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    return out.getvalue()


def gzip_stream(parts: list[tuple[bytes, int]]) -> bytes:
    """Gzip of each `bytes` repeated `count` times, compressed as a stream (never held expanded)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [packer.compress(data * count) if len(data) * count <= MB else
           b"".join(packer.compress(data * (MB // len(data))) for _ in range(len(data) * count // MB))
           for data, count in parts]
    return b"".join(out) + packer.flush()


def build(folder: Path, outside: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Write the folder; returns the bad inputs (name -> what it is) and good article ids (id -> where)."""
    bad: dict[str, str] = {}
    good: dict[str, str] = {}
    for sample in sorted((REPO / "newsprism" / "samples").glob("*.txt")):
        (folder / sample.name).write_bytes(sample.read_bytes())
    lines = [
        {"id": "good-1", "text": good_text(1), "title": "=HYPERLINK(\"http://evil.example\",\"click\")"},
        {"id": "surrogate", "text": "Bad \udfff text in Kharkiv, said the mayor.", "title": "lone \ud800 [/b]"},
        {"id": "nul", "text": "Text with a NUL\x00 byte in Kyiv, said the minister.", "source": "x\x00y"},
        {"id": "good-2", "text": good_text(2), "title": "[/b] markup [bold]title"},
        {"id": "escape", "text": good_text(3), "title": "\x1b[2J\x1b]0;owned\x07 title"},
    ]
    body = "\n".join(json.dumps(line) for line in lines) + "\n" + "[" * 100_000 + "\n" + '{"text": 5}\n'
    (folder / "mixed.jsonl").write_text(body, encoding="utf-8")
    numbers = [json.dumps({"id": "number-before", "text": good_text(11)}),
               '{"id": "big-number", "text": "x", "count": ' + "9" * 5000 + "}",
               json.dumps({"id": "number-after", "text": good_text(12)}),
               json.dumps({"id": "figure-beyond", "text": good_text(13) + " Organisers said 1" + ",000" * 120
                           + " people marched."})]
    (folder / "numbers.jsonl").write_text("\n".join(numbers) + "\n", encoding="utf-8")
    good.update({"number-before": "numbers.jsonl:1", "number-after": "numbers.jsonl:3",
                 "figure-beyond": "numbers.jsonl:4"})
    bad["numbers.jsonl:2"] = "a JSON number of 5,000 digits"
    for n, (name, run) in enumerate((("apostrophes.txt", "'" * 10_000), ("dashes.txt", "\u2014" * 10_000)), 14):
        (folder / name).write_text(f"{good_text(n)} He wrote {run} and left.\n", encoding="utf-8")
        good[name] = name
    attributes = b" ".join(b"a%d=1" % i for i in range(1_000_000))
    (folder / "attributes.html").write_bytes(html_page("Crowded", good_text(16)).replace(
        b"<article>", b"<div " + attributes + b">x</div><article>"))
    bad["attributes.html"] = "one element with a million attributes (10 MB)"
    good.update({"good-1": "mixed.jsonl:1", "surrogate": "mixed.jsonl:2 (repaired)", "nul": "mixed.jsonl:3 (repaired)",
                 "good-2": "mixed.jsonl:4", "escape": "mixed.jsonl:5"})
    bad.update({"mixed.jsonl:2": "lone surrogates", "mixed.jsonl:3": "NUL bytes",
                "mixed.jsonl:6": "JSON nested 100,000 deep", "mixed.jsonl:7": "text not a string"})
    head = (json.dumps({"id": "bomb-before", "text": good_text(4)}) + '\n{"id": "bomb", "text": "').encode()
    tail = ('"}\n' + json.dumps({"id": "bomb-after", "text": good_text(5)}) + "\n").encode()
    (folder / "bomb.jsonl.gz").write_bytes(gzip_stream([(head, 1), (b"a" * MB, 2048), (tail, 1)]))
    good.update({"bomb-before": "bomb.jsonl.gz:1", "bomb-after": "bomb.jsonl.gz:3"})
    bad["bomb.jsonl.gz:2"] = "one 2 GB line from 2 MB"
    feed_head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>t</title><description>'
    (folder / "bomb.rss.gz").write_bytes(gzip_stream([(feed_head, 1), (b"a" * MB, 1024), (b"</description></item></channel></rss>", 1)]))
    bad["bomb.rss.gz"] = "feed expanding to 1 GB"
    bomb_body = gzip.compress(b"<html><body><p>" + b"a" * (300 * MB) + b"</p></body></html>")
    page = html_page("WARC page", good_text(6))
    (folder / "bomb.warc").write_bytes(warc([
        ("http://example.org/bomb", bomb_body, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]),
        ("http://example.org/page", page, [("Content-Type", "text/html; charset=utf-8")]),
    ]))
    bad["bomb.warc#1"] = "gzip body expanding to 300 MB"
    good["warc-page"] = "bomb.warc#2"
    packed = gzip_stream([(b"<html><body><p>", 1), (b"a" * MB, 1024), (b"</p></body></html>", 1)])
    chunked = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
               b"Content-Encoding: gzip\r\n\r\n" + f"{len(packed):x}\r\n".encode() + packed + b"\r\n0\r\n\r\n")
    record = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/chunked\r\n"
              f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(chunked)}\r\n\r\n").encode()
    (folder / "chunked.warc").write_bytes(record + chunked + b"\r\n\r\n")
    bad["chunked.warc#1"] = "one chunked gzip body expanding to 1 GB"
    (folder / "header.warc.gz").write_bytes(gzip_stream([(b"WARC/1.0\r\nWARC-Type: ", 1), (b"a" * MB, 512), (b"\r\n\r\n", 1)]))
    bad["header.warc.gz"] = "a WARC header line of 512 MB"
    whole = warc([("http://example.org/a", html_page("Cut A", good_text(7)), [("Content-Type", "text/html")]),
                  ("http://example.org/b", html_page("Cut B", good_text(8)), [("Content-Type", "text/html")])])
    (folder / "cut.warc").write_bytes(whole[:-300])
    good["warc-cut-first"] = "cut.warc#1"
    bad["cut.warc#2"] = "WARC record cut short"
    (folder / "escape.html").write_bytes(html_page("Lying charset", "caf\\udfff \\x41 " + good_text(9),
                                                   '<meta charset="unicode_escape">'))
    good["lying-charset"] = "escape.html"
    (folder / "truncated.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": good_text(10)}).encode() * 50)[:-40])
    bad["truncated.jsonl.gz"] = "gzip cut short"
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 64)
    bad["junk.txt"] = "binary junk"
    (folder / "evil\x1b[31m\nnewsprism: stored 999 new articles.txt").write_bytes(b"\x00\x01\x02" * 100)
    bad["evil\\x1b[31m\\nnewsprism: stored 999 new articles.txt"] = "escape sequence and newline in the name"
    (outside / "secret.txt").write_text(SECRET)
    os.symlink(outside / "secret.txt", folder / "secret-link.txt")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.symlink(outside, folder / "outside-folder")
    bad.update({"secret-link.txt": "link outside", "passwd.txt": "link to a system file",
                "outside-folder": "folder link outside"})
    os.mkfifo(folder / "fifo.txt")
    bad["fifo.txt"] = "FIFO"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket.txt"))
    sock.close()
    bad["socket.txt"] = "socket"
    return bad, good


def peak_kb(report: str) -> int:
    """Maximum resident set size from `/usr/bin/time -v`, in KB."""
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    return int(match[1]) if match else -1


def read_while_writing(db: str, ingest: subprocess.Popen) -> tuple[bytes, bytes, list[tuple[int, float]]]:
    """Run `newsprism summary` on `db` again and again until the ingest ends; the ingest's stdout and stderr
    (read on threads meanwhile, so it never blocks on a full pipe) and the (exit status, seconds) of each read."""
    import threading

    output: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda s=stream, n=name: output.__setitem__(n, s.read()))
               for name, stream in (("out", ingest.stdout), ("err", ingest.stderr))]
    for thread in readers:
        thread.start()
    reads = []
    while ingest.poll() is None:
        began = time.monotonic()
        done = subprocess.run([str(NEWSPRISM), "summary", "--db", db], capture_output=True, timeout=120)
        reads.append((done.returncode, time.monotonic() - began))
    for thread in readers:
        thread.join()
    return output["out"], output["err"], reads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--keep", type=Path, help="build the folder here and keep it")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsprism-hostile-")) if args.keep is None else args.keep
    folder, outside = work / "corpus", work / "outside"
    folder.mkdir(parents=True)
    outside.mkdir()
    bad, good = build(folder, outside)
    db = args.db or str(work / "hostile.db")
    subprocess.run([str(NEWSPRISM), "migrate", "--db", db], capture_output=True, timeout=120, check=True)
    start = time.monotonic()
    ingest = subprocess.Popen(["/usr/bin/time", "-v", str(NEWSPRISM), "ingest", str(folder), "--db", db],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err, reads = read_while_writing(db, ingest)
    run = subprocess.CompletedProcess(ingest.args, ingest.returncode, out, err)
    seconds = time.monotonic() - start
    stdout, stderr = run.stdout.decode("utf-8", "replace"), run.stderr.decode("utf-8", "replace")
    ours = stderr.split("\tCommand being timed:")[0]
    checks: dict[str, bool] = {"exit status 1": run.returncode == 1}
    for name, what in bad.items():
        checks[f"names {name} ({what})"] = bool(re.search(rf"newsprism: (skipped|note) \S*{re.escape(name)}: \S", ours))
    checks["no traceback"] = "Traceback" not in ours
    checks["no raw escape character"] = b"\x1b" not in run.stdout + run.stderr and "\x07" not in ours
    checks["no forged line"] = not re.search(r"^newsprism: stored 999", ours, re.M)
    checks["peak memory under 1 GB"] = 0 < peak_kb(stderr) < 1024 * 1024
    checks["summary answered within 20 s during the ingest, every time"] = bool(reads) and all(
        code == 0 and took < 20 for code, took in reads)
    checks["within 5 minutes"] = seconds < 300
    export = subprocess.run([str(NEWSPRISM), "export", "--db", db, "--table", "articles", "--format", "csv"],
                            capture_output=True, text=True, timeout=120)
    rows = list(csv.DictReader(io.StringIO(export.stdout)))
    texts = {row["text"] for row in rows}
    ids = {row["id"] for row in rows}
    expected_ids = {"good-1", "surrogate", "nul", "good-2", "escape", "bomb-before", "bomb-after", "number-before",
                    "number-after", "figure-beyond"}
    checks["every good JSON line stored"] = expected_ids <= ids
    checks["every good article stored (10 JSON lines, 4 samples, 2 long runs, 3 pages), nothing else"] = (
        len(rows) == len(expected_ids) + 4 + 2 + 3)
    for n, where in ((6, "bomb.warc#2"), (7, "cut.warc#1"), (9, "escape.html"), (14, "apostrophes.txt"),
                     (15, "dashes.txt")):
        checks[f"stored {where}"] = any(good_text(n)[:40] in text for text in texts)
    checks["outside link not stored"] = not any(SECRET[:20] in text for text in texts) and not any("root:" in t for t in texts)
    titles = {row["id"]: row["title"] for row in rows}
    checks["CSV cell starting with = neutralised"] = titles.get("good-1", "").startswith("'=")
    checks["repaired text stored with U+FFFD"] = any("Bad \ufffd text" in t for t in texts)
    if "://" not in db:
        with sqlite3.connect(db) as conn:
            checks["pragma integrity_check ok"] = conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    print(json.dumps({"exit": run.returncode, "seconds": round(seconds, 1), "peak_mb": round(peak_kb(stderr) / 1024),
                      "articles": len(rows), "failed": [name for name, ok in checks.items() if not ok]}))
    if not all(checks.values()):
        print(ours[-4000:], file=sys.stderr)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
