"""Errors raised for bad rule files and for input that cannot be read."""

from __future__ import annotations


class RuleError(ValueError):
    """A rule file that cannot be used, with the place of the fault.

    ``str(error)`` reads ``path:line:col: message`` (and `` (rule-id)`` when the
    fault lies inside one rule), the form editors and CI logs link to; with
    ``line`` 0 the fault is the path itself and it reads ``path: message``.
    """

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        rule_id: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        self.message = message
        self.rule_id = rule_id
        super().__init__(str(self))

    def __str__(self) -> str:
        suffix = f" ({self.rule_id})" if self.rule_id else ""
        # Line 0: the fault is the path itself (a missing directory), not a place in it.
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        return f"{where}: {self.message}{suffix}"

    def __reduce__(self) -> tuple[type[RuleError], tuple[str, int, int, str, str | None]]:
        # Keep the error picklable (it crosses process pools in the CLI).
        return (type(self), (self.path, self.line, self.column, self.message, self.rule_id))


class InputError(ValueError):
    """Input that is no page at all (binary data given as HTML), with a one-line reason."""
