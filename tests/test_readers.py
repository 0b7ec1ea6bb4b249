"""Readers: every input format to `Article`s, bad inputs to `Refusal`s, with fixtures made in `tmp_path`."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.article import Article, Refusal, text_id
from newsprism.readers import read_paths
from newsprism.readers.decode import decode
from newsprism.readers.detect import format_by_name, sniff

SAMPLES = Path(__file__).resolve().parents[1] / "newsprism" / "samples"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

BODY = 'Heavy rain fell on Madrid on Thursday. "We have not seen this much water in years," the mayor said.'
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Rain floods Madrid</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2024-05-02T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Rain floods Madrid</h1>
<p>Heavy rain fell on Madrid on Thursday, flooding streets in the centre of the Spanish capital.
"We have not seen this much water in years," said the mayor, Ana Lopez, at a news conference.</p>
<p>The storm closed schools across the region, and the national weather service warned that more rain
would fall on Friday and Saturday in the north of the country.</p></article>
<footer>Copyright Daily Planet. All rights reserved.</footer></body></html>
"""
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Daily Planet World</title><link>https://planet.example/</link>
<item><title>Rain floods Madrid</title><link>https://planet.example/rain</link>
<guid>planet-rain-1</guid><pubDate>Thu, 02 May 2024 23:30:00 -0500</pubDate>
<description>&lt;p&gt;Heavy rain fell on Madrid.&lt;/p&gt;&lt;p&gt;"It is a disaster," the mayor said.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://planet.example/empty</link><description></description></item>
<item><title>Snow in Oslo</title><link>https://planet.example/snow</link><pubDate>Fri, 03 May 2024 10:00:00 GMT</pubDate>
<description>Snow fell in Oslo &amp; Bergen.</description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet Atom</title><id>urn:planet</id>
<updated>2024-05-04T00:00:00Z</updated>
<entry><title>Talks resume in Geneva</title><id>urn:planet:talks</id>
<link href="https://planet.example/talks"/><updated>2024-05-04T09:00:00Z</updated>
<content type="html">&lt;p&gt;Talks resumed in Geneva on Saturday.&lt;br/&gt;Both sides said progress was made.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</content>
</entry></feed>
"""


def write(path: Path, data: str | bytes) -> str:
    """Write a fixture file and return its path as a string."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path)


def read(*paths: str, stdin=None) -> list[Article | Refusal]:
    """Everything the readers give for `paths`."""
    return list(read_paths(paths, stdin=stdin))


def warc_bytes(pages: list[tuple[str, str, bytes]], compress: bool = True) -> bytes:
    """A WARC holding one response record per (url, content type, body)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


def test_txt_with_header(tmp_path):
    path = write(tmp_path / "a.txt", f" date 2018-04-06 \ntitle Rain floods Madrid\nsource Planet\nurl https://p.example/r\n\n\n{BODY}\n\n")
    [article] = read(path)
    assert article.text == BODY
    assert (article.title, article.published, article.source, article.url) == (
        "Rain floods Madrid", "2018-04-06", "Planet", "https://p.example/r")
    assert article.id == text_id(BODY) and article.origin == path


def test_txt_header_date_normalised_and_colon_keys(tmp_path):
    [article] = read(write(tmp_path / "a.txt", f"Date: March 5, 2024\nTitle: Rain\n\n{BODY}"))
    assert (article.published, article.title, article.text) == ("2024-03-05", "Rain", BODY)


def test_txt_crlf_header(tmp_path):
    [article] = read(write(tmp_path / "a.txt", "title Rain\r\nsource Planet\r\n\r\nLine one.\r\nLine two.\r\n"))
    assert (article.title, article.source, article.text) == ("Rain", "Planet", "Line one.\r\nLine two.")


def test_txt_without_header_keeps_everything(tmp_path):
    text = "Title of a speech given in Madrid\n\n" + BODY
    [article] = read(write(tmp_path / "a.txt", "\n\n" + text + "\n"))
    assert article.text == text and article.title is None and article.published is None


def test_txt_header_lines_without_blank_line_are_text(tmp_path):
    text = "date 2018-04-06\nThe rain fell."
    [article] = read(write(tmp_path / "a.txt", text))
    assert article.text == text and article.published is None


def test_txt_empty_body_refused(tmp_path):
    [refusal] = read(write(tmp_path / "a.txt", "date 2018-04-06\n\n   \n"))
    assert isinstance(refusal, Refusal) and "no article text" in refusal.reason


def test_seed_example_header(tmp_path):
    seed = SHARED / "examples" / "gaza-2018-04-06.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is absent (the shared data folder is not next to the repo)")
    [article] = read(str(seed))
    raw = seed.read_text(encoding="utf-8")
    assert article.published == "2018-04-06"
    assert article.text == raw[raw.index("\n\n"):].strip()  # the body, untouched but for its ends


def test_html_page(tmp_path):
    [article] = read(write(tmp_path / "rain.html", PAGE))
    assert isinstance(article, Article)
    assert article.title == "Rain floods Madrid"
    assert article.published == "2024-05-02"
    assert article.source == "Daily Planet"
    assert article.text.startswith("Heavy rain fell on Madrid")  # the headline is metadata, not text
    assert "We have not seen this much water" in article.text and "more rain" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


def test_html_without_text_refused(tmp_path):
    [refusal] = read(write(tmp_path / "empty.htm", "<html><body><script>x()</script></body></html>"))
    assert isinstance(refusal, Refusal) and refusal.origin.endswith("empty.htm")


def test_html_windows_1252_by_meta_charset(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Ana Lopez", "Ana López “Ana”")
    [article] = read(write(tmp_path / "rain.html", page.encode("cp1252")))
    assert "Ana López “Ana”" in article.text


def test_jsonl_text_exact_and_metadata(tmp_path):
    text = "  Leading spaces kept.\nSecond line, trailing newline kept.\n"
    records = [
        {"id": "8011115", "text": text, "title": "Iraq", "published": "2025-03-14 20:30:26Z", "source": "VOA", "url": "https://v.example/1"},
        {"id": 42, "text": BODY},
        {"text": BODY + " Again."},
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    first, second, third = read(path)
    assert first.text == text and first.id == "8011115" and first.published == "2025-03-14"
    assert (first.title, first.source, first.url, first.origin) == ("Iraq", "VOA", "https://v.example/1", f"{path}:1")
    assert second.id == "42" and second.published is None
    assert third.id == text_id(BODY + " Again.") and third.origin == f"{path}:3"


def test_jsonl_bad_lines_refused_others_read(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": BODY}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "   "}),
        "",
        json.dumps(["a", "list"]),
        "[" * 100000,
        json.dumps({"id": "d", "text": "The last one."}),
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(lines))
    results = read(path)
    assert [r.id for r in results if isinstance(r, Article)] == ["a", "d"]
    refusals = {r.origin: r.reason for r in results if isinstance(r, Refusal)}
    assert set(refusals) == {f"{path}:{n}" for n in (2, 3, 4, 6, 7)}
    assert "invalid JSON" in refusals[f"{path}:2"] and "empty" in refusals[f"{path}:4"]


def test_jsonl_gz_and_truncated_gz(tmp_path):
    lines = "".join(json.dumps({"id": str(n), "text": f"Story number {n}. " * 40}) + "\n" for n in range(300))
    packed = gzip.compress(lines.encode("utf-8"))
    whole = read(write(tmp_path / "a.jsonl.gz", packed))
    assert [a.id for a in whole] == [str(n) for n in range(300)]
    cut = read(write(tmp_path / "cut.jsonl.gz", packed[: len(packed) // 2]))
    articles = [a for a in cut if isinstance(a, Article)]
    assert 0 < len(articles) < 300 and [a.id for a in articles] == [str(n) for n in range(len(articles))]
    assert isinstance(cut[-1], Refusal) and cut[-1].origin.endswith("cut.jsonl.gz")  # the break itself


def test_corrupt_gzip_refused(tmp_path):
    [refusal] = read(write(tmp_path / "bad.jsonl.gz", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4))
    assert isinstance(refusal, Refusal)


def test_rss_entries(tmp_path):
    path = write(tmp_path / "world.rss", RSS)
    rain, empty, snow = read(path)
    assert rain.text == 'Heavy rain fell on Madrid.\n"It is a disaster," the mayor said.'
    assert (rain.id, rain.title, rain.url, rain.source) == ("planet-rain-1", "Rain floods Madrid", "https://planet.example/rain", "Daily Planet World")
    assert rain.published == "2024-05-02"  # the date as written, not moved to UTC
    assert rain.origin == f"{path}#1"
    assert isinstance(empty, Refusal) and empty.origin == f"{path}#2"
    assert snow.text == "Snow fell in Oslo & Bergen." and snow.id == "https://planet.example/snow"
    assert snow.published == "2024-05-03"


def test_atom_entry_sniffed_without_extension(tmp_path):
    [talks] = read(write(tmp_path / "planet-feed", ATOM))
    assert talks.text == "Talks resumed in Geneva on Saturday.\nBoth sides said progress was made."
    assert (talks.id, talks.url, talks.published, talks.source) == (
        "urn:planet:talks", "https://planet.example/talks", "2024-05-04", "Planet Atom")


def test_warc_html_responses(tmp_path):
    data = warc_bytes([
        ("https://planet.example/rain", "text/html; charset=utf-8", PAGE.encode("utf-8")),
        ("https://planet.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ("https://planet.example/lopez", "text/html; charset=windows-1252", PAGE.replace("Ana Lopez", "Ana López").encode("cp1252")),
    ])
    path = write(tmp_path / "crawl.warc.gz", data)
    rain, lopez = read(path)
    assert rain.url == "https://planet.example/rain" and rain.title == "Rain floods Madrid"
    assert "We have not seen this much water" in rain.text
    assert "Ana López" in lopez.text and lopez.origin == f"{path}#3"


def test_warc_truncated_keeps_what_was_read(tmp_path):
    pages = [(f"https://planet.example/{n}", "text/html", PAGE.replace("Thursday", f"day {n}").encode()) for n in range(3)]
    data = warc_bytes(pages, compress=True)
    whole = len(warc_bytes(pages[:2], compress=True))
    results = read(write(tmp_path / "cut.warc.gz", data[: whole + 200]))
    assert [r.url for r in results if isinstance(r, Article)] == [p[0] for p in pages[:2]]
    assert isinstance(results[-1], Refusal)


def test_not_a_warc_refused(tmp_path):
    [refusal] = read(write(tmp_path / "junk.warc", "this is not an archive\n" * 20))
    assert isinstance(refusal, Refusal)


def test_folder_walk_sorted_known_files_no_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / "b" / "2.txt", "Second story.")
    write(tmp_path / "a.txt", "First story.")
    write(tmp_path / "c.jsonl", json.dumps({"id": "c", "text": "Third story."}))
    write(tmp_path / ".secret.txt", "Hidden story.")
    write(tmp_path / ".hidden" / "x.txt", "Hidden folder story.")
    write(tmp_path / "README.md", "Not an article.")
    assert [a.text for a in read(str(tmp_path))] == ["First story.", "Third story.", "Second story."]


def test_missing_path_refused(tmp_path):
    [refusal] = read(str(tmp_path / "nope.txt"))
    assert isinstance(refusal, Refusal) and refusal.origin.endswith("nope.txt")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('\n {"id": "s1", "text": "From a pipe."}\n{"id": "s2", "text": "Again."}\n', ["From a pipe.", "Again."]),
        (PAGE, ["Heavy rain fell on Madrid"]),
        ("date 2024-01-02\n\nPlain words.", ["Plain words."]),
    ],
)
def test_stdin_sniffed(content, expected):
    for stdin in (io.StringIO(content), io.BytesIO(content.encode("utf-8"))):
        articles = read("-", stdin=stdin)
        assert [a.text[: len(e)] for a, e in zip(articles, expected)] == expected
        assert len(articles) == len(expected) and articles[0].origin.startswith("<stdin>")


def test_stdin_gzip_jsonl():
    packed = gzip.compress(json.dumps({"id": "z", "text": "Packed."}).encode("utf-8"))
    [article] = read("-", stdin=io.BytesIO(packed))
    assert (article.id, article.text, article.origin) == ("z", "Packed.", "<stdin>:1")


def test_latin1_and_windows_1252_decode(tmp_path):
    text = "Le maire de Montréal a déclaré que la situation était grave. « Nous reconstruirons », a-t-il dit à Zürich."
    [latin] = read(write(tmp_path / "latin.txt", text.encode("latin-1")))
    assert latin.text == text
    quoted = "The mayor of Málaga said: “We will rebuild — together.”"
    [windows] = read(write(tmp_path / "win.txt", quoted.encode("cp1252")))
    assert windows.text == quoted
    assert decode("Résumé".encode("latin-1")) == "Résumé"


def test_utf8_bom_and_utf16(tmp_path):
    [bom] = read(write(tmp_path / "bom.txt", b"\xef\xbb\xbfdate 2020-01-01\n\nWith a mark."))
    assert bom.text == "With a mark." and bom.published == "2020-01-01"
    [wide] = read(write(tmp_path / "wide.txt", "Wide text.".encode("utf-16")))
    assert wide.text == "Wide text."


def test_random_bytes_refused(tmp_path):
    junk = random.Random(7).randbytes(5000)
    for name in ("junk.txt", "junk.bin", "junk.html", "junk.jsonl", "junk.rss", "junk.warc", "junk.txt.gz"):
        results = read(write(tmp_path / name, junk))
        assert results and all(isinstance(r, Refusal) for r in results)


def test_stable_ids_across_formats_and_reads(tmp_path):
    txt = write(tmp_path / "a.txt", f"title One\n\n{BODY}\n")
    jsonl = write(tmp_path / "a.jsonl", json.dumps({"text": BODY}) + "\n")
    first, second, third = read(txt, txt, jsonl)
    assert first.id == second.id == third.id == text_id(BODY)


def test_format_detection():
    assert format_by_name("x.JSONL.gz") == "jsonl" and format_by_name("crawl.warc.gz") == "warc"
    assert format_by_name("notes.md") is None
    assert sniff(b"  \n{") == "jsonl" and sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b'<?xml version="1.0"?>\n<rss version="2.0">') == "feed"
    assert sniff(b"<!-- hi -->\n<!DOCTYPE html><html>") == "html" and sniff(b"<div><p>x</p></div>") == "html"
    assert sniff(b"Once upon a time <b>") == "txt"


def test_bundled_samples():
    articles = read(str(SAMPLES))
    assert len(articles) == 4 and all(isinstance(a, Article) for a in articles)
    for article in articles:
        assert article.source == "VOA" and article.url.startswith("https://www.voanews.com/")
        assert article.published and article.title and len(article.text) <= 2500
        assert "said" in article.text and not article.text.startswith(("date", "title"))


def test_feed_character_references_to_no_character_read_as_replacement(tmp_path):
    bad = RSS.replace("<title>Rain floods Madrid</title>", "<title>Rain &#55296; floods &#x110000; Madrid</title>")
    items = read(write(tmp_path / "odd.rss", bad))
    assert [i.title for i in items if isinstance(i, Article)] == ["Rain \ufffd floods \ufffd Madrid", "Snow in Oslo"]
