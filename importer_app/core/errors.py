"""The one error family of importer_app.

Every error here is something the user can act on: ``str(error)`` is a sentence that names
the file and says what is wrong and what to do. Anything else that escapes is our bug and is
logged as such. (Modelled on pypdf's single ``errors`` module and qutebrowser's split between
"the environment failed" and "we have a bug".)
"""

from __future__ import annotations

from dataclasses import dataclass


class AppError(Exception):
    """A problem the user can fix; the message is meant for them."""


@dataclass(frozen=True)
class Problem:
    """One located problem in a file the user wrote.

    Attributes:
        file: the file's name as the user gave it.
        line: 1-based line number, when it is known.
        key: the key path, e.g. ``links[3].from``; empty for the whole file.
        message: what is wrong and what is allowed.
    """

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.key:
            where += f", {self.key}"
        return f"{where}: {self.message}"


class DescriptionError(AppError):
    """A case description (TOML) that cannot be turned into a case; lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        super().__init__(
            f"The case description has {head}:\n" + "\n".join(f"  {p}" for p in problems)
        )


class CaseFileError(AppError):
    """A case file that cannot be opened, read or written."""


class CaseFileLockedError(CaseFileError):
    """The case is open for writing in another window or process."""


class CaseFileVersionError(CaseFileError):
    """The case file was written by a newer version of importer_app."""


class CaseFileReadOnlyError(CaseFileError):
    """The case file or its folder cannot be written; it can still be opened read-only."""


class DocumentError(AppError):
    """A document file that cannot be read or is not what it claims to be."""


class DocumentRefused(DocumentError):
    """Document intake refuses a file; ``code`` says why, for programs (``--json``, tests).

    The codes are listed in ``importer_app.intake.model.REFUSAL_CODES``; the message is the
    sentence for the user.
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class IdentityError(AppError):
    """A signing identity (PKCS#12 file) that cannot be created, read or used for signing."""


class IdentityPasswordError(IdentityError):
    """The password does not open the PKCS#12 file."""


class NotAnIdentityError(IdentityError):
    """The file is not a PKCS#12 identity, or holds no private key and certificate."""


class IdentityExpiredError(IdentityError):
    """The identity's certificate expired before the signing time."""


class IdentityNotYetValidError(IdentityError):
    """The identity's certificate only becomes valid after the signing time."""


class IdentityKeyUsageError(IdentityError):
    """The certificate does not allow signing documents (key usage)."""


class SigningError(AppError):
    """A PDF that cannot be signed; nothing was written at the target path."""


class TimestampError(SigningError):
    """The time-stamping authority could not be reached or gave no usable answer."""


class VerifyInputError(AppError):
    """A file given to verify (the PDF or a trusted certificate) that cannot be read."""


class BundleError(AppError):
    """A submission bundle that cannot be built; nothing was written at the target path."""


class BundleCancelled(BundleError):
    """The user cancelled the build; nothing was written at the target path."""


class ListFileError(AppError):
    """A list file (CBP WRO/Findings CSV, DHS UFLPA Entity List page) that cannot be imported.

    Nothing was stored: the snapshots in force stay in force. ``location`` says where the file
    broke (``line 14``, ``table 2, row 5``), empty when the whole file is wrong.
    """

    def __init__(self, message: str, *, file: str, location: str = "") -> None:
        where = f"{file}, {location}" if location else file
        super().__init__(f"{where}: {message}")
        self.file = file
        self.location = location


class ListStoreError(AppError):
    """A stored list snapshot that cannot be read, or a new one that cannot be written."""
