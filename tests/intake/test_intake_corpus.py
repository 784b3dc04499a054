"""Every file of the shared corpus of real supplier-like files is accepted or clearly refused.

The corpus (80 real, third-party files: scans, encrypted, broken, huge, signed, scripted)
lives outside the repository; its location comes from IMPORTER_APP_CORPUS. MANIFEST.tsv
says what each file is; the expected page count is read from it, so a test failure names
the file and what the manifest promised.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdf
import pytest

from importer_app.core.catalog import load_catalog
from importer_app.core.errors import DocumentRefused
from importer_app.intake import IntakeItem, ProcessedFile, Refusal, process_file, process_files

from builders import active_names


pytestmark = pytest.mark.corpus

CORPUS = Path(os.environ.get("IMPORTER_APP_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))

PASSWORDS = {
    # From the corpus README; the last one is the raw form a user would paste (U+00AA, U+00AD),
    # which only works once SASLprep-normalised to "SaSLprep".
    "enc-user-password-aes256.pdf": "foo",
    "enc-user-password-aes128.pdf": "asdfzxcv",
    "enc-user-password-libreoffice.pdf": "openpassword",
    "enc-user-password-aes256-attachments.pdf": "view",
    "enc-user-password-unicode-pdf20.pdf": "S\u00aaSL\u00adprep",
}
REFUSED = {
    "broken-header-and-eof-only.pdf": "damaged",
    "broken-not-a-pdf.pdf": "not-supported",
    "enc-certificate-pubkey-signed.pdf": "certificate-encrypted",
}
REPAIRED = {
    # pypdf cannot read these; qpdf rebuilds them (pdfium shows one page of each, too).
    "broken-xref-table.pdf", "broken-page-tree-loop.pdf", "truncated-in-trailer.pdf",
}
PAGES_NOT_IN_MANIFEST = {
    "truncated-in-trailer.pdf": 1,  # cut inside the trailer; qpdf recovers its one page
    "heic-truncated.heic": 1,  # the second image is cut off; the first (primary) decodes
}
TIME_LIMIT_S = 60.0


@dataclass(frozen=True)
class Entry:
    filename: str
    kind: str
    properties: str
    sha256: str

    @property
    def expected_pages(self) -> int | None:
        for pattern in (r"\bpages=(\d+)", r"\bframes=(\d+)", r"pdfium=opens\((\d+)p"):
            found = re.search(pattern, self.properties)
            if found:
                return int(found.group(1))
        if self.filename in PAGES_NOT_IN_MANIFEST:
            return PAGES_NOT_IN_MANIFEST[self.filename]
        return 1 if self.kind == "image" else None


def _manifest() -> list[Entry]:
    if not (CORPUS / "MANIFEST.tsv").is_file():
        return []
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as stream:
        rows = csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Entry(row["filename"], row["kind"], row["properties"], row["sha256"]) for row in rows]


MANIFEST = _manifest()
ENTRIES = {entry.filename: entry for entry in MANIFEST}
FILES = pytest.mark.parametrize("filename", sorted(ENTRIES) or [
    pytest.param("", marks=pytest.mark.skip(reason=f"the shared corpus is not at {CORPUS}; set IMPORTER_APP_CORPUS"))
])


@dataclass(frozen=True)
class Run:
    outcomes: dict[str, ProcessedFile | Refusal]
    seconds: float


@pytest.fixture(scope="module")
def batch() -> Run:
    """The whole corpus through the worker pool once, as a user dropping the folder would."""
    if not MANIFEST:
        pytest.skip(f"the shared corpus is not at {CORPUS}; set IMPORTER_APP_CORPUS to its folder")
    keywords = {type_id: kind.keywords for type_id, kind in load_catalog().document_types.items()}
    items = [IntakeItem(path=CORPUS / entry.filename, password=PASSWORDS.get(entry.filename, "")) for entry in MANIFEST]
    started = time.monotonic()
    outcomes = {items[index].name: outcome for index, outcome in
                process_files(items, time_limit_s=TIME_LIMIT_S, type_keywords=keywords)}
    return Run(outcomes, time.monotonic() - started)


def test_the_corpus_is_the_one_the_manifest_describes() -> None:
    if not MANIFEST:
        pytest.skip(f"the shared corpus is not at {CORPUS}; set IMPORTER_APP_CORPUS to its folder")
    assert len(MANIFEST) == 80
    for entry in MANIFEST:
        assert hashlib.sha256((CORPUS / entry.filename).read_bytes()).hexdigest() == entry.sha256, entry.filename


def test_every_file_gets_an_outcome_within_the_time_limit(batch: Run) -> None:
    assert set(batch.outcomes) == set(ENTRIES)
    troubles = {name: o.code for name, o in batch.outcomes.items()
                if isinstance(o, Refusal) and o.code in ("timeout", "crashed", "internal-error", "too-large")}
    assert troubles == {}
    assert batch.seconds < TIME_LIMIT_S


@FILES
def test_each_file_is_accepted_with_its_pages_or_refused_with_a_specific_code(batch: Run, filename: str) -> None:
    outcome = batch.outcomes[filename]
    entry = ENTRIES[filename]
    if filename in REFUSED:
        assert isinstance(outcome, Refusal), f"{filename} should be refused"
        assert outcome.code == REFUSED[filename]
        assert filename in outcome.reason
        return
    assert isinstance(outcome, ProcessedFile), f"{filename} refused: {getattr(outcome, 'reason', '')}"
    assert outcome.page_count == entry.expected_pages
    original = (CORPUS / filename).read_bytes()
    assert outcome.original == original
    assert outcome.sha256 == entry.sha256
    assert (outcome.rendition_reason == "repaired") == (filename in REPAIRED)
    if entry.kind == "image":
        assert outcome.rendition is not None and outcome.rendition_reason.startswith("converted from")
    if outcome.rendition is not None:
        # The rendition is what the bundle reads: pypdf must open it, page for page.
        assert len(pypdf.PdfReader(io.BytesIO(outcome.rendition)).pages) == outcome.page_count


@pytest.mark.parametrize("filename", ["js-autoprint-on-open.pdf", "js-document-actions.pdf", "form-xfa.pdf",
                                      "form-us-sf424-field-javascript.pdf", "enc-user-password-aes256-attachments.pdf"])
def test_javascript_files_get_a_rendition_with_no_script_and_no_automatic_action(batch: Run, filename: str) -> None:
    outcome = batch.outcomes[filename]
    assert isinstance(outcome, ProcessedFile)
    assert "JavaScript" in outcome.hostile
    assert any("JavaScript" in note for note in outcome.notes)
    assert outcome.rendition is not None
    assert active_names(outcome.rendition) == set()
    assert outcome.original == (CORPUS / filename).read_bytes()


def test_an_attachment_is_reported_by_name_and_left_out_of_the_rendition(batch: Run) -> None:
    outcome = batch.outcomes["attachment-embedded-png.pdf"]
    assert isinstance(outcome, ProcessedFile)
    assert outcome.hostile == ("EmbeddedFiles",)
    assert any("image.png" in note for note in outcome.notes)
    assert outcome.rendition is not None
    with pikepdf.open(io.BytesIO(outcome.rendition)) as pdf:
        assert len(pdf.attachments) == 0


@pytest.mark.parametrize("filename", sorted(PASSWORDS))
def test_a_user_password_file_opens_with_its_password_and_is_refused_without_or_with_a_wrong_one(filename: str) -> None:
    if not MANIFEST:
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    data = (CORPUS / filename).read_bytes()
    opened = process_file(data, filename, password=PASSWORDS[filename])
    assert opened.page_count == ENTRIES[filename].expected_pages
    assert opened.rendition is not None and "decrypted" in opened.rendition_reason
    assert not pypdf.PdfReader(io.BytesIO(opened.rendition)).is_encrypted
    with pytest.raises(DocumentRefused) as missing:
        process_file(data, filename)
    assert missing.value.code == "password-required"
    with pytest.raises(DocumentRefused) as wrong:
        process_file(data, filename, password="not-the-password")
    assert wrong.value.code == "wrong-password"
    assert filename in str(wrong.value)


def test_owner_password_files_open_without_asking_and_record_their_restrictions(batch: Run) -> None:
    restricted = batch.outcomes["enc-owner-only-rc4-128-restricted-30p.pdf"]
    assert isinstance(restricted, ProcessedFile)
    assert restricted.rendition is None  # readable as it is: the original goes into the bundle
    assert {"printing", "copying text and images"} <= set(restricted.restrictions)
    assert any(note.startswith("owner password restrictions: printing") for note in restricted.notes)
    unrestricted = batch.outcomes["enc-owner-only-aes256.pdf"]
    assert isinstance(unrestricted, ProcessedFile) and unrestricted.page_count == 1


def test_scans_are_flagged_not_searchable_and_text_pages_give_text(batch: Run) -> None:
    scan = batch.outcomes["scan-4-orientations-portrait-landscape.pdf"]
    assert isinstance(scan, ProcessedFile)
    assert not any(page.has_text for page in scan.pages)
    assert "none of the 4 pages has a text layer (not searchable)" in scan.notes
    chinese = batch.outcomes["zh-contract-fragment.pdf"]
    assert isinstance(chinese, ProcessedFile) and "中国饮料有限公司" in chinese.text


def test_page_sizes_and_rotations_are_recorded(batch: Run) -> None:
    mixed = batch.outcomes["page-sizes-mixed.pdf"]
    assert isinstance(mixed, ProcessedFile)
    assert [(p.width_pt, p.height_pt) for p in mixed.pages] == [(612, 792), (649, 323), (792, 612)]
    inherited = batch.outcomes["rotate-inherited-from-pages-node.pdf"]
    assert isinstance(inherited, ProcessedFile) and inherited.pages[0].rotation == 90
    arabic = batch.outcomes["arabic-rotated-4p.pdf"]
    assert isinstance(arabic, ProcessedFile)
    assert sorted(p.rotation for p in arabic.pages) == [0, 90, 180, 270]  # /Rotate 360 is 0


def test_exif_orientation_turns_photo_pages(batch: Run) -> None:
    rotations = {}
    for filename in ("jpeg-exif-orientation-3.jpg", "jpeg-exif-orientation-6.jpg", "jpeg-exif-orientation-8.jpg"):
        outcome = batch.outcomes[filename]
        assert isinstance(outcome, ProcessedFile)
        rotations[filename[-5]] = outcome.pages[0].rotation
    assert rotations == {"3": 180, "6": 90, "8": 270}


@FILES
def test_no_exception_but_a_refusal_escapes_process_file(filename: str) -> None:
    data = (CORPUS / filename).read_bytes()
    try:
        process_file(data, filename, password=PASSWORDS.get(filename, ""))
    except DocumentRefused as refusal:
        assert refusal.code == REFUSED[filename]
