"""Checking an import file against the published JSON Schema, in words a user can act on.

jsonschema's own messages name schema keywords ("is not valid under any of
the given schemas"); each problem here says what is wrong at which JSON path
and what would be right, using the schema's descriptions for the wording.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from followup.transfer.export import FORMAT, VERSION

Problem = tuple[str, str]
SCHEMA_FILE = "schema/followup-export.schema.json"
_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text in quotes",
    "array": "a list [...]",
    "object": "an object {...}",
    "boolean": "true or false",
    "null": "null",
}


@functools.cache
def load_schema() -> dict[str, Any]:
    text = resources.files("followup").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def json_path(parts: Sequence[str | int]) -> str:
    """`$.applications[3].interviews[0].starts_at` for ["applications", 3, "interviews", 0, "starts_at"]."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def sort_key(problem: Problem) -> list[int]:
    """Orders problems as the file reads: by position in lists, by the schema's order of fields."""
    schema: dict[str, Any] = load_schema()
    key = []
    for name, index in re.findall(r"\.(\w+)|\[(\d+)\]", problem[0]):
        schema = _resolve(schema)
        if index:
            key.append(int(index))
            schema = schema.get("items", {})
        else:
            fields = list(schema.get("properties", {}))
            # Unknown fields (reported as such) go after the known ones.
            key.append(fields.index(name) if name in fields else len(fields))
            schema = schema.get("properties", {}).get(name, {})
    return key


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    if ref.startswith("#/$defs/"):
        resolved: dict[str, Any] = load_schema()["$defs"][ref.removeprefix("#/$defs/")]
        return resolved
    return schema


def envelope_problems(data: Any) -> list[Problem]:
    """Whether this is a followup export of a version we read; nothing else is worth checking if not."""
    if not isinstance(data, dict):
        return [("$", f"the file holds {_kind_of(data)}, not an object {{...}} as `followup export` writes")]
    if data.get("format") != FORMAT:
        return [("$.format", f'must be "{FORMAT}": is this file from `followup export`?')]
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        return [
            (
                "$.version",
                f"this file is version {version}, from a newer followup; this one reads version {VERSION}. "
                "Upgrade followup to import it",
            )
        ]
    if version != VERSION:
        return [("$.version", f"must be {VERSION} (got {show(version)})")]
    return []


def schema_problems(data: Any) -> list[Problem]:
    validator = Draft202012Validator(load_schema())
    found: list[Problem] = []
    for error in validator.iter_errors(data):
        for problem in _explain(error):
            if problem not in found:
                found.append(problem)
    return found


def _explain(error: ValidationError) -> Iterator[Problem]:
    parts = list(error.absolute_path)
    here = json_path(parts)
    value = error.instance
    keyword = error.validator
    if keyword == "required":
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                yield json_path([*parts, name]), f"missing: every {_thing(parts)} needs one"
    elif keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for name in value:
            if name not in allowed:
                yield json_path([*parts, name]), _unknown_field(name, allowed)
    elif keyword == "enum":
        choices = [v for v in error.validator_value if v is not None]
        null = " or null" if None in error.validator_value else ""
        yield here, f"{show(value)} is not allowed: use one of {', '.join(choices)}{null}"
    elif keyword == "const":
        yield here, f"must be {show(error.validator_value)} (got {show(value)})"
    elif keyword == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        yield here, f"must be {' or '.join(_TYPE_WORDS[t] for t in wanted)}, not {_kind_of(value)}"
    elif keyword == "pattern":
        described = str(error.schema.get("description", f"text matching {error.validator_value}"))
        yield here, f"{show(value)} is not {described.removesuffix(', or null')}"
    elif keyword == "minimum":
        yield here, f"must be {error.validator_value} or more (got {show(value)})"
    elif keyword == "maximum":
        yield here, f"must be {error.validator_value} or less (got {show(value)})"
    elif keyword == "minLength":
        yield here, "must not be empty"
    elif keyword == "uniqueItems":
        yield here, "lists the same id more than once: keep each id once"
    else:
        yield here, error.message


def _thing(parts: list[str | int]) -> str:
    """'application' for ["applications", 3]: what the object at this path is."""
    names = [p for p in parts if isinstance(p, str)]
    return names[-1].removesuffix("s").replace("_", " ") if names else "export"


def _unknown_field(name: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        return f"unknown field: did you mean {show(close[0])}?"
    return f"unknown field: remove it (the fields here are {', '.join(allowed)})"


def show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"
