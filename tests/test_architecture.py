"""Rules of docs/architecture.md that the import contracts cannot express.

The import contracts (pyproject.toml, run by `lint-imports`) say who may import whom.
These tests read the source for the rest: only the application layer opens a
transaction, shipped code carries no hooks for tests, and the package root holds only
the shared leaves. Each failure lists what it found, so the fix starts from the message.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "src" / "followup"
APPLICATION = PACKAGE / "app"
# Where the transaction and the savepoint are defined (the Store object forwards to them).
STORE_DB = PACKAGE / "store" / "db.py"
TRANSACTION_OPENERS = {"transaction", "savepoint"}
# The package root: __init__, __main__ and the shared leaves (errors, files, config),
# with room for one more. Anything else belongs in a layer.
MOST_LOOSE_MODULES = 6
# An environment variable a test would set to steer shipped code.
TEST_HOOK_NAME = re.compile(r"\b[A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*(?:TEST|TESTS|TESTING|CRASH|FAULT|INJECT)\w*\b")


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"), str(path))


def called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def test_only_the_application_layer_opens_transactions():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == STORE_DB or path.is_relative_to(APPLICATION):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and called_name(node) in TRANSACTION_OPENERS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {called_name(node)}(")
    assert found == [], "transactions opened outside followup.app:\n" + "\n".join(found)


def test_transactions_are_defined_in_the_store():
    defined = {
        node.name
        for node in ast.walk(ast.parse(STORE_DB.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef)
    }
    assert defined >= TRANSACTION_OPENERS, f"store/db.py defines {sorted(defined)}"


def test_shipped_code_has_no_crash_hooks():
    # os._exit skips every cleanup; shipped code has no reason to call it. A test that
    # needs a process to die at a chosen point injects that itself.
    found = []
    for name, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "_exit":
                found.append(f"{name}:{node.lineno} {ast.unparse(node)}")
    assert found == [], "os._exit in shipped code:\n" + "\n".join(found)


def test_shipped_code_reads_no_environment_variable_meant_for_tests():
    found = []
    for name, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found += [f"{name}:{node.lineno} {hook}" for hook in TEST_HOOK_NAME.findall(node.value)]
    assert found == [], "environment variables for tests named in shipped code:\n" + "\n".join(found)


def test_few_modules_sit_loose_at_the_package_root():
    loose = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(loose) <= MOST_LOOSE_MODULES, f"{len(loose)} modules at src/followup/: {', '.join(loose)}"


def test_the_architecture_page_names_the_use_case_behind_every_page_and_command():
    from followup.cli import COMMANDS

    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    tables = "\n".join(line for line in page.splitlines() if line.startswith("| "))
    missing = [f"followup {name}" for name in COMMANDS if not re.search(rf"\b{name}\b", tables)]
    missing += [
        f"web/pages/{path.name}"
        for path in sorted((PACKAGE / "web" / "pages").glob("*.py"))
        # A page is a module with routes; its helpers (forms, wording) go with it.
        if "router = APIRouter" in path.read_text(encoding="utf-8") and f"`{path.name}`" not in tables
    ]
    assert missing == [], "not in the tables of docs/architecture.md: " + ", ".join(missing)
