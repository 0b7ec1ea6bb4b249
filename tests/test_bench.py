"""`make bench` writes its report into BENCHMARKS.md itself, replacing the last one, and prints the default,
--fast and linear-events end-to-end ratios."""

from __future__ import annotations

import subprocess
import sys

from newsprism.console.bench import BEGIN, END, end_to_end_lines, write_report


def test_the_report_replaces_the_last_one_between_the_markers(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(f"# Benchmarks\n\nprose kept\n\n{BEGIN}\nold figures 9.99x\n{END}\nafter\n", encoding="utf-8")
    write_report(path, ["line one 1.23x", "line two"], ["--limit", "3"])
    text = path.read_text(encoding="utf-8")
    assert "old figures" not in text and "line one 1.23x" in text and "prose kept" in text and text.endswith("after\n")
    assert "newsprism.console.bench --limit 3" in text and text.count(BEGIN) == 1
    write_report(path, ["again"], [])
    assert "line one" not in path.read_text(encoding="utf-8")


def test_end_to_end_gives_both_ratios_against_the_parse():
    lines = end_to_end_lines({"parse": {"wall_s": 10.0, "cpu_s": 8.0}, "analyze": {"wall_s": 21.0, "cpu_s": 16.0},
                              "analyze --fast": {"wall_s": 15.0, "cpu_s": 12.0}})
    assert "**2.10x** the parse" in lines[1] and "**2.00x**" in lines[1] and "at most 2.2x" in lines[1]
    assert "--fast" in lines[2] and "**1.50x** the parse" in lines[2] and "2.2x" not in lines[2]
    lines = end_to_end_lines({"parse": {"wall_s": 10.0, "cpu_s": 8.0}, "analyze": {"wall_s": 21.0, "cpu_s": 16.0},
                              "analyze --fast": {"wall_s": 15.0, "cpu_s": 12.0},
                              "analyze --events-detector linear": {"wall_s": 20.0, "cpu_s": 15.2}})
    assert "--events-detector linear" in lines[3] and "linear detector" in lines[3] and "**1.90x**" in lines[3]


def test_own_peak_counts_this_process_not_the_parent_it_was_forked_from():
    # getrusage's ru_maxrss carries a forked parent's peak across exec: a child started from a test runner
    # holding 300 MB would report those 300 MB as its own (the long-articles memory test failed so in CI).
    held = bytearray(300 * 2**20)
    held[:: 4096] = b"\1" * len(held[:: 4096])  # touch every page so it is resident
    code = "from newsprism.console.bench import own_peak_mb; print(own_peak_mb())"
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert 5 < float(child.stdout) < 200
    del held
