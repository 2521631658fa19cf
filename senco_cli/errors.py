"""The one error type for bad input: it becomes exit code 2 and a single message."""

from __future__ import annotations


class InputError(Exception):
    """A problem with what the user gave us: a file, a key in it, or an option."""

    def __init__(self, message: str, path: str = "", file: str = "", code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.file = file
        self.code = code

    def __str__(self) -> str:
        """One line, with anything from the input that could move the cursor shown as a code,
        and anything that could be a TRN shown by its last three digits."""
        from senco_cli.text import mask_numbers, plain

        where = ": ".join(part for part in (self.file, self.path) if part)
        return plain(mask_numbers(f"{where}: {self.message}" if where else self.message))

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "message": str(self), "path": self.path}
