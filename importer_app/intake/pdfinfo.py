"""What a PDF is, read with pypdf: its page count, or why it cannot be used.

The full intake (repair, images, office files, hostile content) builds on this.
"""

from __future__ import annotations

import io
import warnings

import pypdf
from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

from importer_app.core.errors import DocumentError


def pdf_page_count(data: bytes, name: str, *, password: str = "") -> int:
    """The number of pages of the PDF in ``data``.

    Args:
        data: the file's bytes.
        name: the file's name as the user knows it, for messages.
        password: opens a PDF protected by a user password; never stored.

    Raises:
        DocumentError: not a PDF, damaged, or protected by a password that was not given
            or is wrong.
    """
    if not data:
        raise DocumentError(f"{name} is empty (0 bytes). Get the file again from its sender.")
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{name} is not a PDF file. Convert it to PDF, or add it once document intake accepts its kind.")
    try:
        with warnings.catch_warnings():
            # pypdf warns about recoverable flaws; a page count that comes back is good enough.
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and password and not reader.decrypt(password):
                raise DocumentError(f"The password given for {name} is wrong; nothing was stored.")
            return len(reader.pages)
    except FileNotDecryptedError as error:
        raise DocumentError(
            f"{name} is protected by a password. Give its password (password = ... in the case"
            " description) to open it once; the password is not stored."
        ) from error
    except NotImplementedError as error:
        # pypdf only implements the standard (password) security handler.
        raise DocumentError(
            f"{name} is encrypted for a certificate holder (public-key encryption) and cannot be"
            " opened here. Ask the sender for a copy without encryption."
        ) from error
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError,
            RecursionError, UnicodeDecodeError) as error:
        # pypdf signals damage with many exception types; all mean "this file cannot be read".
        raise DocumentError(
            f"{name} is a damaged PDF that cannot be read ({type(error).__name__}). Ask the"
            " sender for a new copy, or print it to PDF again."
        ) from error
