"""Saves, and compares, what newsprism gives for the seed and the VOA stories, so that a change meant to move
code only (issue 27) can be shown to leave every output as it was, byte for byte.

    .venv/bin/python scripts/check_frozen.py save DIR [--shared ../shared]
    .venv/bin/python scripts/check_frozen.py compare DIR [--shared ../shared]

What it records, each through the `newsprism` command a user runs (default settings, one worker):
- `analyze.jsonl`: `newsprism analyze --format jsonl` of the seed and the VOA stories;
- `table.txt`: `newsprism analyze --format table` of the seed (the terminal rendering);
- after `newsprism ingest` of both into a fresh SQLite file: `stories.jsonl`, `stories.txt`, `actors.jsonl`,
  `actors.txt` (the corpus view) and every table of `newsprism export --format jsonl`.

The one field that differs from run to run, the time an article was stored (`"ingested_at": "..."`), is
masked. `save` writes these files into DIR; `compare` makes them again in a temporary folder and prints, for each
file, "same" or "DIFFERS" (with the first differing line), exiting 1 if any differs.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSPRISM = ROOT / ".venv" / "bin" / "newsprism"
INGESTED_AT = re.compile(r'"ingested_at": ?"[^"]*"')
TABLES = ["articles", "entities", "quotes", "events", "framing", "tone", "figure_conflicts", "actors", "stories"]


def run(*args: str) -> str:
    """The stdout of one `newsprism` command (stderr shown on failure; a refusal's exit 1 is not a failure)."""
    done = subprocess.run([str(NEWSPRISM), *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "COLUMNS": "160", "NO_COLOR": "1", "TERM": "dumb"})
    if done.returncode not in (0, 1):
        sys.exit(f"newsprism {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def outputs(shared: Path) -> dict[str, str]:
    """File name -> text of every output recorded (see the module's docstring)."""
    seed = str(shared / "examples" / "gaza-2018-04-06.txt")
    voa = str(shared / "data" / "voa" / "voa_stories.jsonl")
    out = {"analyze.jsonl": run("analyze", "--format", "jsonl", "--workers", "1", seed, voa),
           "table.txt": run("analyze", "--format", "table", "--workers", "1", seed)}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "frozen.db")
        run("ingest", "--db", db, "--workers", "1", seed, voa)
        for view in ("stories", "actors"):
            out[f"{view}.jsonl"] = run(view, "--db", db, "--format", "jsonl")
            out[f"{view}.txt"] = run(view, "--db", db)
        for table in TABLES:
            out[f"export-{table}.jsonl"] = run("export", "--db", db, "--table", table, "--format", "jsonl")
    return {name: masked(text) for name, text in out.items()}


def masked(text: str) -> str:
    """The text with the storing time masked (it differs from run to run)."""
    return INGESTED_AT.sub('"ingested_at": "(masked)"', text)


def first_difference(a: str, b: str) -> str:
    for n, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), 1):
        if x != y:
            return f"line {n}:\n  saved: {x[:300]}\n  now:   {y[:300]}"
    return f"lengths differ: {len(a.splitlines())} saved lines, {len(b.splitlines())} now"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    now = outputs(args.shared)
    if args.action == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        for name, text in now.items():
            (args.dir / name).write_text(text, encoding="utf-8")
        print(f"saved {len(now)} outputs in {args.dir}: " + ", ".join(f"{n} ({len(t)} chars)" for n, t in now.items()))
        return 0
    differs = 0
    for name, text in now.items():
        saved = masked((args.dir / name).read_text(encoding="utf-8")) if (args.dir / name).exists() else None
        if saved == text:
            print(f"same     {name} ({len(text)} chars)")
        else:
            differs += 1
            print(f"DIFFERS  {name}: " + ("not saved" if saved is None else first_difference(saved, text)))
    print(f"{len(now) - differs} of {len(now)} outputs byte-identical")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
