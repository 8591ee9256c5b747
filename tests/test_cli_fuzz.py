"""Every CLI command, any arguments: a message and an exit code, never a traceback or exit 70.

The command tree is read from click itself, so a new command or option is fuzzed
without touching this file. Arguments are drawn from text a user or a script could
pass: any unicode, bytes that are not UTF-8 (as Python hands them over, escaped),
NUL, huge and negative numbers, dates at the ends of the calendar, long spans.
Commands that reach the network or start a server are left out; paths are names of
a few files in a scratch folder, so that nothing outside it is read or written.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.cli import cli
from followup.cli.errors import INTERNAL_ERROR, run_safely

pytestmark = pytest.mark.slow

# Talk to a mail server, start one, or register followup with this computer's service manager: not for a fuzzing run.
LEFT_OUT = {("serve",), ("mail", "sync"), ("mail", "send"), ("mail", "draft"), ("mail", "account", "add"),
            ("mail", "account", "test"), ("service", "install"), ("service", "uninstall")}  # fmt: skip
FILES = ("notes.txt", "sheet.csv", "export.json", "garbage.bin", "missing.json", "out.json", "out.csv", "out.ics", "-")
PATH_PARAMS = {"path", "file", "out", "out_path", "source", "password_file"}


def commands() -> list[tuple[tuple[str, ...], click.Command]]:
    ctx = click.Context(cli)
    found: list[tuple[tuple[str, ...], click.Command]] = []

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                walk(sub, (*path, name))
            if not command.invoke_without_command:
                return
        if path not in LEFT_OUT:
            found.append((path, command))

    walk(cli, ())
    return found


COMMANDS = commands()

huge_numbers = st.one_of(
    st.integers(min_value=2**63 - 2, max_value=2**80), st.integers(min_value=-(2**80), max_value=2**80)
).map(str)
odd_dates = st.sampled_from(
    ["9999-12-31", "0001-01-01", "9999-12-31T23:59:59-23:59", "0001-01-01 00:00", "2026-02-30", "24:61", "tomorrow 99"]
)
spans = st.builds(lambda n, unit: f"{n}{unit}", st.integers(min_value=0, max_value=10**20), st.sampled_from("mhdw"))
# Bytes that are not UTF-8, as Python hands them over: escaped as lone surrogates.
not_utf8 = st.binary(max_size=12).map(lambda b: (b + b"\xff" + b).decode("utf-8", "surrogateescape"))
plain = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
texts = st.one_of(
    plain,
    st.text(max_size=30),  # control characters and all
    huge_numbers,
    odd_dates,
    spans,
    not_utf8,
    plain.map(lambda t: t + "\0" + t),
    st.sampled_from(["", " ", "-", "--", "a@@b", "=1+1", "x" * 5000, "\u202e", "٣", "²"]),
)


# Values a command takes: without them, nearly every run would stop at the first odd value.
tame = st.one_of(
    st.sampled_from(["1", "2", "ACME", "Ann", "ann@acme.example", "2026-11-20", "2026-11-20 14:00", "tomorrow", "3d"]),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=12),
)


def value_for(param: click.Parameter, wild: bool) -> st.SearchStrategy[str]:
    if param.name in PATH_PARAMS:
        # Odd names stay in the scratch folder: nothing outside it is read or written.
        return texts.map(lambda t: "fuzz-" + t.replace("/", "_")) if wild else st.sampled_from(FILES)
    values = texts if wild else tame
    if isinstance(param.type, click.Choice):
        return st.one_of(st.sampled_from([str(c) for c in param.type.choices]), values)
    return values


@st.composite
def invocations(draw: st.DrawFn) -> list[str]:
    """A command with usable values everywhere but (usually) one place, which gets an odd one.

    With odd values everywhere, nearly every run would stop at the first one click refuses.
    """
    path, command = draw(st.sampled_from(COMMANDS))
    slots = [p for p in command.params if p.name != "help" and not getattr(p, "is_flag", False)]
    odd = draw(st.integers(min_value=-1, max_value=len(slots)))  # -1: --now, len: none
    args: list[str] = []
    if odd == -1 or draw(st.booleans()):
        args += ["--now", draw(st.one_of(odd_dates, texts) if odd == -1 else st.just("2026-11-20T10:00:00+01:00"))]
    args += list(path)
    for param in command.params:
        wild = param in slots and slots.index(param) == odd
        if isinstance(param, click.Argument):
            if param.required or wild or draw(st.booleans()):
                args.append(draw(value_for(param, wild)))
        elif isinstance(param, click.Option) and param.name != "help" and (wild or draw(st.integers(0, 3)) == 0):
            flag = max(param.opts, key=len)
            if param.is_flag:
                args.append(flag)
            else:
                args += [flag, draw(value_for(param, wild))]
    return args


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    (tmp_path / "notes.txt").write_text("Dear Ann,\n\nThank you.\n", encoding="utf-8")
    (tmp_path / "sheet.csv").write_text("Company,Role\nACME,Analyst\n", encoding="utf-8")
    (tmp_path / "export.json").write_text('{"format": "followup-export", "version": 1}', encoding="utf-8")
    (tmp_path / "garbage.bin").write_bytes(bytes(range(256)))
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FOLLOWUP_DEBUG", raising=False)
    monkeypatch.setenv("EDITOR", "true")
    paths = {"db": str(tmp_path / "followup.db"), "config": str(config)}
    for args in (
        ["app", "add", "ACME", "Analyst"],
        ["contact", "add", "Ann", "--email", "ann@acme.example", "--app", "1"],
        ["interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Ann"],
    ):
        assert invoke(paths, args)[0] == 0
    return paths


def invoke(paths: dict[str, str], args: list[str]) -> tuple[int, str]:
    runner = CliRunner()
    with runner.isolation(input="") as (out, err, _):
        try:
            run_safely(cli, ["--db", paths["db"], "--config", paths["config"], *args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        text = out.getvalue() + (err.getvalue() if err is not None else b"")
    return code, text.decode("utf-8", "replace")


def test_the_command_tree_is_all_there():
    names = {" ".join(path) for path, _command in COMMANDS}
    assert {"app add", "show", "import", "export", "mail matches apply", "touchpoint delete", "config set"} <= names


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=invocations())
def test_no_arguments_make_followup_fail_as_a_bug(scratch, args):
    with contextlib.suppress(FileNotFoundError):
        os.remove("out.json")
    code, text = invoke(scratch, args)
    assert code != INTERNAL_ERROR, (args, text)
    assert "Traceback (most recent call last)" not in text, (args, text)
    assert "Internal error" not in text, (args, text)
