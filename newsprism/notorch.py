"""Keeps spaCy's thinc from importing PyTorch: analysis never needs it.

thinc imports `torch` on load whenever it is installed (for GPU and PyTorch model wrappers newsprism does not
use), which costs a second of start-up and about 125 MB in every process, and would make analysis depend on
what training installed. `install()` puts a finder first on `sys.meta_path` that refuses `torch` to imports
made from thinc's own modules only; training imports PyTorch directly and gets it.
"""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder


class _NoTorchForThinc(MetaPathFinder):
    """Refuses `torch` (and its submodules) when the import statement is in a thinc module."""

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001, ANN201 - the finder protocol
        if name.split(".")[0] != "torch":
            return None
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_globals.get("__name__", "").startswith("thinc."):
                raise ImportError("newsprism keeps thinc from importing torch (newsprism.notorch)")
            frame = frame.f_back
        return None


def install() -> None:
    """Puts the finder first on `sys.meta_path` (once)."""
    if not any(isinstance(f, _NoTorchForThinc) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoTorchForThinc())
