"""Takes the NaN guards after each attention softmax out of the shipped encoder (`newsprism.encoder.export.
without_nan_guards`, which `export_int8` now applies to every export), so that the file is what the export
writes today; its outputs stay bit for bit the same (`scripts/check_frozen.py compare` shows it).

    .venv/bin/python scripts/strip_nan_guards.py [ONNX_FILE]    (needs the train extra's onnx)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsprism.encoder.export import without_nan_guards  # noqa: E402
from newsprism.encoder.run import MODEL_FILE  # noqa: E402

if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else MODEL_FILE
    print(f"{path}: {without_nan_guards(path)} NaN guards taken out")
