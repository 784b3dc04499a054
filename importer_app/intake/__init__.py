"""Document intake: any file a supplier sent becomes a checked document, or a clear refusal.

Headless (no Qt). :func:`process_file` handles one file in the caller's process;
:func:`process_files` handles a batch in worker processes under time and memory limits.
"""

from importer_app.intake.batch import process_files
from importer_app.intake.model import (
    REFUSAL_CODES,
    DateSuggestion,
    IntakeItem,
    ProcessedFile,
    QuantitySuggestion,
    ReferenceSuggestion,
    Refusal,
    Suggestions,
    TypeSuggestion,
)
from importer_app.intake.process import process_file

__all__ = [
    "REFUSAL_CODES",
    "DateSuggestion",
    "IntakeItem",
    "ProcessedFile",
    "QuantitySuggestion",
    "ReferenceSuggestion",
    "Refusal",
    "Suggestions",
    "TypeSuggestion",
    "process_file",
    "process_files",
]
