"""Errors a user can cause, with stable codes and a one-line message that says what to do.

The CLI prints ``str(error)`` and goes on with the next input; nothing here is a bug report.
"""

from __future__ import annotations


class GhatnaError(Exception):
    """Base class: ``code`` is stable across versions (``G001`` …)."""

    code = "G000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(GhatnaError):
    """An input that cannot be read as text (encoding, binary data, wrong structure)."""

    code = "G001"


class LanguageError(GhatnaError):
    """Text in a language or script the requested pack does not read."""

    code = "G002"


class DateError(GhatnaError):
    """A date argument that is not YYYY-MM-DD."""

    code = "G003"
