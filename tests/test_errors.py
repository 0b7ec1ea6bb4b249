"""The error catalogue (newsprism/errors.py) and the command line's one mapping of errors to exit statuses.

Fast: no spaCy model is loaded.
"""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsprism import errors
from newsprism.console.cli import EXIT_STATUS, ErrorGroup, app, exit_status

PACKAGE = Path(errors.__file__).parent
BRANCHES = (errors.NewsprismError, errors.InputError, errors.DataError)
CONCRETE = [cls for cls in vars(errors).values()
            if isinstance(cls, type) and issubclass(cls, errors.NewsprismError) and cls not in BRANCHES]

# Exception classes that stay beside their code: they never reach a user as an error of newsprism's own.
NOT_IN_CATALOGUE = {
    "OverBudget",  # limits: stops one article's analysis; the article is refused and the batch goes on
    "Busy", "TooSlow", "WaitedTooLong", "_TooLarge",  # web: HTTP answers (503, 422, 413), not errors of the server
    "BodyError", "HeadersTooLong",  # readers: one WARC record refused (`newsprism: skipped PATH: REASON`)
}


def test_every_concrete_class_has_its_own_unique_code_in_its_branch():
    assert len(CONCRETE) >= 10
    codes = [cls.__dict__.get("code") for cls in CONCRETE]
    assert all(codes), [cls.__name__ for cls in CONCRETE if not cls.__dict__.get("code")]
    assert len(set(codes)) == len(codes), sorted(codes)
    for cls in CONCRETE:
        assert re.fullmatch(r"E\d{3}", cls.code), cls
        assert issubclass(cls, errors.InputError) != issubclass(cls, errors.DataError), cls
        assert cls.code.startswith("E0" if issubclass(cls, errors.InputError) else "E1"), cls
    assert errors.catalogue() == sorted(CONCRETE, key=lambda c: c.code)


def test_every_class_says_what_went_wrong_and_what_to_do():
    for cls in CONCRETE:
        what, action = cls.__dict__.get("what", ""), cls.__dict__.get("action", "")
        assert len(what.split()) >= 5 and len(action.split()) >= 3, cls
        assert cls.__doc__ and what[1:] in cls.__doc__, cls


def test_message_carries_the_code_and_survives_pickling():
    for cls in CONCRETE:
        exc = cls("no database at x.db; create one")
        assert str(exc) == f"[{cls.code}] no database at x.db; create one"
        again = pickle.loads(pickle.dumps(exc))  # as an error comes back from a worker process
        assert type(again) is cls and str(again) == str(exc)


def test_old_builtins_still_catch_them():
    assert issubclass(errors.StoreError, ValueError) and issubclass(errors.StoreSchemaError, errors.StoreError)
    assert issubclass(errors.FramingInputError, ValueError) and issubclass(errors.ToneInputError, ValueError)
    assert issubclass(errors.AnalysisRefused, ValueError) and issubclass(errors.UnknownChoice, ValueError)
    assert issubclass(errors.FramingModelMissing, FileNotFoundError)
    assert issubclass(errors.EncoderHeadMissing, errors.EncoderMissing)
    assert issubclass(errors.EncoderMissing, FileNotFoundError)
    assert issubclass(errors.EventsModelMissing, RuntimeError) and issubclass(errors.RayUnavailable, RuntimeError)
    assert issubclass(errors.AnalyzerUnavailable, RuntimeError) and issubclass(errors.CannotListen, OSError)


def test_exit_status_mapping_covers_every_class():
    assert set(EXIT_STATUS) == {errors.InputError, errors.DataError}
    for cls in CONCRETE:
        assert exit_status(cls("x")) == (2 if issubclass(cls, errors.InputError) else 1), cls
    assert exit_status(RuntimeError("unexpected")) == 1


@pytest.mark.parametrize("cls", CONCRETE, ids=lambda c: c.__name__)
def test_every_class_ends_a_command_with_its_status_and_one_line(cls):
    demo = typer.Typer(cls=ErrorGroup)

    @demo.command()
    def fail() -> None:
        raise cls("what is wrong with input.txt; do this")

    @demo.command()
    def other() -> None:
        """A second command, so that `fail` is a subcommand as in `newsprism`."""

    result = CliRunner().invoke(demo, ["fail"])
    assert result.exit_code == (2 if issubclass(cls, errors.InputError) else 1)
    assert result.stderr == f"newsprism: [{cls.code}] what is wrong with input.txt; do this\n"
    assert result.stdout == ""


def test_commands_report_input_and_database_errors_alike(tmp_path):
    runner = CliRunner()
    for command in ("summary", "export", "stories", "actors"):
        missing = runner.invoke(app, [command, "--db", str(tmp_path / "none.db")])
        assert missing.exit_code == 2, (command, missing.output)
        assert missing.stderr.startswith("newsprism: [E002] no database at"), command
    folder = tmp_path / "folder"
    folder.mkdir()
    for command in ("migrate", "ingest"):  # a folder where the database should be: a database error, 1
        args = [command, "--db", str(folder)] + (["-"] if command == "ingest" else [])
        result = runner.invoke(app, args, input="Rain fell on Madrid.\n")  # ingest opens it at the first article
        assert result.exit_code == 1, (command, result.output)
        assert result.stderr.startswith("newsprism: [E101] database path"), (command, result.stderr)


def test_no_exception_class_outside_the_catalogue():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "errors.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                if any(b.endswith(("Error", "Exception", "Exit")) or b in ("HTTPException",) for b in bases):
                    found.append(node.name)
    assert set(found) <= NOT_IN_CATALOGUE, set(found) - NOT_IN_CATALOGUE
