"""One exception root for everything a user can cause.

    SoapsmithError            printed by the CLI without a traceback, exit code 2
     +-- SpecError            an input file cannot be used (names file and line)
     +-- ConfigError          spec.toml / [tool.soapsmith] is wrong
     +-- OutputError          generated/ cannot be written or was not written by soapsmith
     +-- FetchError           `add` / `refresh` could not fetch a source (names the URL)
     +-- SoapsmithBug         soapsmith made output it must not (an invalid WSDL): named, not
                              a traceback, and worth a report

Anything else escaping the CLI is a bug in soapsmith and keeps its traceback.
"""

from __future__ import annotations


class SoapsmithError(Exception):
    def __init__(self, message: str, *, file: str = "", line: int = 0, hint: str = "") -> None:
        self.message = message
        self.file = file
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = (
            f"{self.file}:{self.line}: " if self.line else (f"{self.file}: " if self.file else "")
        )
        hint = f"\n  hint: {self.hint}" if self.hint else ""
        return f"{where}{self.message}{hint}"


class SpecError(SoapsmithError):
    pass


class ConfigError(SoapsmithError):
    pass


class OutputError(SoapsmithError):
    pass


class FetchError(SoapsmithError):
    pass


class SoapsmithBug(SoapsmithError):
    pass
