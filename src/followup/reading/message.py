"""What reading a message needs of it: a few plain values, whoever parsed them.

`followup.mail.parse.ParsedMessage` has every one. Reading sits below the mail adapter and
never imports it (the mail adapter may import reading), so it names what it reads here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Message(Protocol):
    @property
    def subject(self) -> str: ...
    @property
    def text(self) -> str: ...  # the readable body, quoted replies and signatures included
    @property
    def date(self) -> datetime | None: ...
    @property
    def from_addr(self) -> str: ...
    @property
    def auto_submitted(self) -> str | None: ...
    @property
    def precedence(self) -> str | None: ...
    @property
    def x_autoreply(self) -> bool: ...
    @property
    def list_id(self) -> str | None: ...
