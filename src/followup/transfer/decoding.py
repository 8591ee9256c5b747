"""Import files as text: UTF-8, with or without the BOM that Excel and Notepad add."""

from __future__ import annotations

from followup.errors import ImportFailed


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            "the file is not UTF-8 text",
            [(f"line {line}", f"byte {data[exc.start]:#04x} is not UTF-8")],
            hint="Save it again as UTF-8: in Excel choose 'CSV UTF-8 (Comma delimited)'; in LibreOffice "
            "tick 'Edit filter settings' and pick Unicode (UTF-8).",
        ) from None
