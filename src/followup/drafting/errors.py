"""The error a broken message template raises: where it is broken, and what is wrong.

Also the translation of Jinja's exceptions into it, because a user editing their
own template needs the file, the line and the problem in words, not a traceback.
"""

from __future__ import annotations

from types import TracebackType

import jinja2
from jinja2.exceptions import SecurityError

from followup.errors import FollowupError

# What to do about a template that hit the budget of one rendering (drafting.render).
TOO_MUCH = "it would take too long or make too long a text. Make the loops and repeated text smaller"
TEMPLATE_HINT = "The variables and filters you can use are listed in docs/templates.md."
# What a template can get wrong while it renders; anything else escaping is our bug.
RENDER_ERRORS = (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError, RecursionError)


class TooMuchWork(SecurityError):
    """A template asked for more time or a bigger text than one message can need."""


class TemplateError(FollowupError):
    """A template (usually the user's own) cannot be read, compiled or rendered.

    The message always names the file, and the line when it is known, because
    the user has to open that file to fix it.
    """

    exit_code = 9
    http_status = 500

    def __init__(self, path: str, line: int | None, problem: str, *, hint: str | None = TEMPLATE_HINT) -> None:
        location = f"{path}, line {line}" if line else path
        super().__init__(f"{location}: {problem}", hint=hint)
        self.path = path
        self.line = line
        self.problem = problem


def syntax_error(exc: jinja2.TemplateSyntaxError, path: str) -> TemplateError:
    """A template that does not compile: Jinja knows the file and the line."""
    message = exc.message or "syntax error"
    if isinstance(exc, jinja2.TemplateAssertionError) and message.startswith("No filter named"):
        return TemplateError(exc.filename or path, exc.lineno, f"unknown filter: {message[0].lower()}{message[1:]}")
    return TemplateError(exc.filename or path, exc.lineno, f"syntax error: {message}")


def render_error(env: jinja2.Environment, exc: BaseException, path: str) -> TemplateError:
    """A template that failed while rendering. Call it inside the `except` that caught `exc`."""
    where, line = _failing_line(env)
    if isinstance(exc, TooMuchWork):
        problem = f"this template does too much work ({exc}): {TOO_MUCH}"
    elif isinstance(exc, SecurityError):
        problem = f"not allowed in a template: {exc}"
    elif isinstance(exc, jinja2.UndefinedError):
        problem = f"unknown variable: {exc}"
    elif isinstance(exc, jinja2.TemplateNotFound):
        problem = f"it includes a template that does not exist: {exc}"
    else:
        problem = f"cannot be rendered: {exc}"
    return TemplateError(where or path, line, problem)


def _failing_line(env: jinja2.Environment) -> tuple[str | None, int | None]:
    """The template file and line that raised the exception being handled.

    Jinja rewrites the traceback so that template code shows as frames of the template
    file at its own line numbers; the deepest such frame is where the template broke.
    """
    try:
        env.handle_exception()
    except RENDER_ERRORS as rewritten:
        tb: TracebackType | None = rewritten.__traceback__
        found: tuple[str | None, int | None] = (None, None)
        while tb is not None:
            if "__jinja_exception__" in tb.tb_frame.f_globals:
                found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
            tb = tb.tb_next
        return found
    return None, None
