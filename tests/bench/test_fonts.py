"""The unseen-fonts sweep (``make bench-fonts``): its faces, its drawing, and the extractor's floor on a subset."""

from __future__ import annotations

import pytest
from PIL import ImageFont

from bench import fonts as sweep_fonts
from bench.corpus import fonts as corpus_fonts
from bench.corpus.truth import TRUTH_FILE, Difficulty, load_truth

RECORDS = load_truth(sweep_fonts.CORPUS / TRUTH_FILE)
SUBSET_EVERY = 15
"""Every 15th face (6 of 90: italic, bold italic, condensed, display and monospaced oblique cuts): ~30 s on 2 cores."""
MIN_SUBSET_F1 = 0.95
"""That subset read 1.000 when this was written (the full sweep 0.972): three values lost of its ~60 is a drop
that says a face class the parser or the preprocessing lost."""


def test_unseen_faces_draw_cyrillic_and_are_none_of_the_corpus_s() -> None:
    faces = sweep_fonts.unseen_faces()
    used = sweep_fonts.corpus_faces()
    assert len(faces) >= 30
    assert not {face.resolve() for face in faces} & used
    for face in faces:
        assert corpus_fonts.has_glyphs(ImageFont.truetype(str(face), 30), sweep_fonts.CYRILLIC_SAMPLE)


def test_pages_rotate_through_the_three_document_types() -> None:
    clean = [record for record in RECORDS if record.difficulty == Difficulty.CLEAN]
    faces = sweep_fonts.unseen_faces()[:6]
    kinds = [record.document_type for _, record in sweep_fonts.assign_pages(faces, clean)]
    assert kinds[:3] == list(sweep_fonts._TYPES)
    assert kinds[3:] == list(sweep_fonts._TYPES)


def test_a_page_is_drawn_in_the_face_and_the_corpus_fonts_come_back() -> None:
    record = next(record for record in RECORDS if record.difficulty == Difficulty.CLEAN)
    face = sweep_fonts.unseen_faces()[0]
    original = corpus_fonts.font_path("DejaVu Sans")
    data, truth = sweep_fonts.render_page(face, record, len(RECORDS))
    assert corpus_fonts.font_path("DejaVu Sans") == original
    assert corpus_fonts.font("DejaVu Sans", 20).path == original
    assert data != (sweep_fonts.CORPUS / record.file).read_bytes()
    assert truth.file == f"{face.stem}__{record.file}"
    assert truth.fields.recipient_inn == record.fields.recipient_inn


@pytest.mark.slow
def test_the_extractor_reads_unseen_faces_and_verifies_no_wrong_value() -> None:
    result = sweep_fonts.sweep(sweep_fonts.unseen_faces()[::SUBSET_EVERY], workers=2)
    report = result.report
    assert report.wrong_verified == []
    assert report.micro_f1 >= MIN_SUBSET_F1, report.errors
