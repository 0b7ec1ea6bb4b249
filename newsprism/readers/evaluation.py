"""`newsprism eval extraction`: the HTML reader against pages with the text an extractor should keep.

The data is a folder like ../shared/data/html: `pages/NAME.html` and, for most, `text/NAME.txt`. For each page
with expected text: word precision, recall and F1 of the extracted text (bags of words), and the furniture
lines left, that is short lines (at most 14 words) mostly made of words the expected text does not have.
For every page: the detected language against the page's own `<html lang>` (English where it has none).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from newsprism.article import Article
from newsprism.readers import language
from newsprism.readers.webpage import article_from_html

HTML_LANG = re.compile(rb"<html[^>]*?\blang=[\"']?([a-zA-Z]{2})", re.I)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def furniture_left(text: str, expected: set[str]) -> int:
    """Short lines of `text` whose words are mostly not in the expected text."""
    count = 0
    for line in text.split("\n"):
        found = words(line)
        if found and len(found) <= 14 and sum(w in expected for w in found) / len(found) < 0.5:
            count += 1
    return count


def run(data: Path) -> dict:
    """Scores every page of `data` and prints one JSON line of the figures; returns them."""
    scores, furniture, right, total = [], 0, 0, 0
    for page in sorted((data / "pages").glob("*.html")):
        raw = page.read_bytes()
        item = article_from_html(raw, str(page))
        text = item.text if isinstance(item, Article) else ""
        declared = HTML_LANG.search(raw[:4096])
        truth = declared[1].decode().lower() if declared else language.ENGLISH
        total += 1
        right += language.detect(text) == truth if text else truth != language.ENGLISH
        gold_path = data / "text" / f"{page.stem}.txt"
        if not gold_path.exists():
            continue
        gold = gold_path.read_text(encoding="utf-8", errors="replace")
        got, want = Counter(words(text)), Counter(words(gold))
        hit = sum((got & want).values())
        p, r = hit / max(1, sum(got.values())), hit / max(1, sum(want.values()))
        scores.append((p, r, 2 * p * r / max(1e-9, p + r)))
        furniture += furniture_left(text, set(want))
    n = max(1, len(scores))
    figures = {
        "pages": total,
        "with_text": len(scores),
        "precision": round(sum(s[0] for s in scores) / n, 4),
        "recall": round(sum(s[1] for s in scores) / n, 4),
        "f1": round(sum(s[2] for s in scores) / n, 4),
        "furniture_lines_left": furniture,
        "language_accuracy": round(right / max(1, total), 4),
    }
    print(json.dumps(figures))
    return figures
