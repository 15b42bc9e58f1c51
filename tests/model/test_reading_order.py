"""A PDF's text layer read in the page's order: a bank that draws a payment order's cells in no order (captions first,
values last, as Тинькофф's 0401060 does) must not make the payer's numbers the recipient's, verified."""

from __future__ import annotations

import io
import random

import matplotlib
import pytest

from bench.corpus.content import Recipient, random_organisation
from bench.corpus.payment_order import bank_place
from model.documents import TextWord, load_document
from model.fields import classify, extract_candidates
from model.reading_order import in_page_order
from model.resolve import resolve
from model.schema import CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source

matplotlib.use("Agg")

_PAGE_WIDTH_PT, _PAGE_HEIGHT_PT = 595, 842


def _organisation(seed: str) -> Recipient:
    rng = random.Random(seed)
    while (party := random_organisation(rng)).kpp is None:
        pass
    return party


PAYER, RECIPIENT = _organisation("layer payer"), _organisation("layer recipient")
_VALUES = (
    PAYER.inn, PAYER.kpp, PAYER.account, PAYER.bank.bic, PAYER.bank.corr_account,
    RECIPIENT.inn, RECIPIENT.kpp, RECIPIENT.account, RECIPIENT.bank.bic, RECIPIENT.bank.corr_account,
)  # fmt: skip


def _cells() -> list[tuple[float, float, str]]:
    """Form 0401060's cells as an online bank prints them, each a text object of its own: (x, y from the top, text)
    in points, the places measured on a real one."""
    return [
        (53, 73, "16.10.2019"), (210, 72, "16.10.2019"), (526, 74, "0401060"),
        (41, 90, "Поступ. в банк плат."), (200, 90, "Списано со сч. плат."),
        (26, 130, "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ №478612"), (311, 123, "16.10.2019"),
        (319, 141, "Дата"), (429, 141, "Вид платежа"),
        (31, 161, "Сумма"), (118, 161, "Одна тысяча пятьсот семьдесят рублей 80 копеек"), (31, 175, "прописью"),
        (33, 203, "ИНН"), (52, 203, PAYER.inn or ""), (181, 203, "КПП"), (200, 203, PAYER.kpp or ""),
        (358, 200, "Сумма"), (410, 200, "1570-80"),
        (31, 219, PAYER.name),
        (359, 248, "Сч. №"), (410, 248, PAYER.account),
        (31, 276, "Плательщик"),
        (30, 291, bank_place(PAYER.bank)), (362, 292, "БИК"), (410, 292, PAYER.bank.bic),
        (358, 310, "Сч. №"), (410, 312, PAYER.bank.corr_account),
        (31, 327, "Банк плательщика"),
        (31, 340, bank_place(RECIPIENT.bank)), (362, 342, "БИК"), (410, 342, RECIPIENT.bank.bic),
        (358, 360, "Сч. №"), (410, 362, RECIPIENT.bank.corr_account),
        (31, 388, "Банк получателя"),
        (31, 405, "ИНН"), (52, 405, RECIPIENT.inn or ""), (181, 404, "КПП"), (200, 404, RECIPIENT.kpp or ""),
        (359, 402, "Сч. №"), (410, 403, RECIPIENT.account),
        (31, 420, RECIPIENT.name),
        (356, 450, "Вид оп."), (410, 450, "01"), (482, 451, "Срок плат."),
        (356, 471, "Наз. пл."), (480, 471, "Очер. плат."), (542, 471, "5"),
        (364, 495, "Код"), (410, 494, "0"), (484, 495, "Рез. поле"),
        (31, 501, "Получатель"),
        (31, 533, "Оплата по счёту № 195 от 11.10.2019. Сумма 1570-80, НДС не облагается"),
        (31, 576, "Назначение платежа"),
        (251, 591, "Подписи"), (423, 591, "Отметки банка"),
        (99, 632, "М.П."),
    ]  # fmt: skip


def _pdf(cells: list[tuple[float, float, str]], *, turned: bool = False) -> bytes:
    """The cells drawn in the order given, so the text layer lists them in that order. ``turned``: the form laid on
    its side of a portrait page, its lines reading upwards (a landscape form printed on A4, as PSB On-Line does)."""
    import matplotlib.pyplot as plt

    matplotlib.rcParams["pdf.fonttype"] = 42
    figure = plt.figure(figsize=(_PAGE_WIDTH_PT / 72, _PAGE_HEIGHT_PT / 72))
    for x, y, text in cells:
        if turned:  # the form's top edge along the page's left side, scaled to fit its width
            figure.text(0.9 * y / _PAGE_WIDTH_PT, 0.9 * x / _PAGE_HEIGHT_PT, text, fontsize=7, rotation=90)
        else:
            figure.text(x / _PAGE_WIDTH_PT, 1 - y / _PAGE_HEIGHT_PT, text, fontsize=7.5, va="top")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="pdf")
    plt.close(figure)
    return buffer.getvalue()


def _read(data: bytes) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    """What the pipeline makes of a text-layer page (``Pipeline._read_page``)."""
    text = load_document(data).pages[0].text
    assert text is not None
    lines = [line for line in text.splitlines() if line.strip()]
    return resolve(extract_candidates(lines, Source.PDF), classify(lines), Source.PDF)


def _captions_first(cells: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """Тинькофф's order: every caption and label, then the values."""
    numbers = [cell for cell in cells if cell[2] in _VALUES or cell[2] in {PAYER.name, RECIPIENT.name}]
    return [cell for cell in cells if cell not in numbers] + numbers


def _shuffled(seed: int) -> list[tuple[float, float, str]]:
    cells = _cells()
    random.Random(seed).shuffle(cells)
    return cells


@pytest.mark.parametrize(
    ("order", "turned"),
    [
        (_cells(), False),
        (_shuffled(1), False),
        (_shuffled(2), False),
        (_shuffled(3), True),
        (_cells(), True),
    ],
    ids=["page-order", "shuffled-1", "shuffled-2", "turned-shuffled", "turned"],
)
def test_a_payment_order_whose_layer_lists_its_cells_in_any_order_gives_the_recipients_details(
    order: list[tuple[float, float, str]], turned: bool
) -> None:
    details, checks = _read(_pdf(order, turned=turned))
    assert details.document_type == DocumentType.BANK_TRANSFER
    assert (details.recipient_inn, details.recipient_kpp) == (RECIPIENT.inn, RECIPIENT.kpp)
    assert details.recipient_account == RECIPIENT.account
    assert (details.bank_bic, details.bank_corr_account) == (RECIPIENT.bank.bic, RECIPIENT.bank.corr_account)
    assert details.recipient_name == RECIPIENT.name
    assert details.payer_name == PAYER.name
    assert details.amount == "1570.80"
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED


def test_a_layer_that_lists_the_forms_values_after_all_its_captions_is_read_in_rows() -> None:
    """A form filled in over its template: the captions in the page's order, then the values in theirs. That layer
    reads down the page twice, as a two-column receipt's does, but it leaves the grid's captions («ИНН», «КПП»,
    «Сч. №», «БИК») without their numbers, each number drawn on a line of digits alone far below: it is read in rows,
    and every number is then its cell's, the recipient's verified and none of the payer's given to the recipient."""
    details, checks = _read(_pdf(_captions_first(_cells())))
    assert details.document_type == DocumentType.BANK_TRANSFER
    assert (details.recipient_inn, details.recipient_kpp) == (RECIPIENT.inn, RECIPIENT.kpp)
    assert details.recipient_account == RECIPIENT.account
    assert (details.bank_bic, details.bank_corr_account) == (RECIPIENT.bank.bic, RECIPIENT.bank.corr_account)
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED
    assert (details.recipient_name, details.payer_name) == (RECIPIENT.name, PAYER.name)
    assert details.amount == "1570.80"


def _word(text: str, left: int, top: int, line: int, height: int = 18) -> TextWord:
    return TextWord(text, (left, top, left + 14 * len(text), top + height), line)


def test_a_layer_in_the_pages_order_keeps_its_own_lines() -> None:
    """A wrapped cell beside another keeps its words together, as the layer lists them: rows rebuilt across the page
    would interleave them."""
    words = [
        _word("ООО", 10, 10, 0), _word("«Очень", 70, 10, 0), _word("БИК", 600, 12, 1), _word("044525225", 660, 12, 1),
        _word("длинное»", 10, 34, 2), _word("Сч.", 600, 36, 3), _word("30101810400000000225", 660, 36, 3),
        _word("Итого", 10, 80, 4),
    ]  # fmt: skip
    text, placed = in_page_order(words)
    assert text.splitlines() == ["ООО «Очень", "БИК 044525225", "длинное»", "Сч. 30101810400000000225", "Итого"]
    assert [word.line for word in placed] == [0, 0, 1, 1, 2, 3, 3, 4]


def test_a_layer_out_of_the_pages_order_is_read_in_rows() -> None:
    words = [
        _word("40817810100001455872", 400, 120, 0), _word("Плательщик", 10, 160, 1), _word("Сч.", 330, 120, 2),
        _word("№", 370, 122, 2, 16), _word("ИНН", 10, 40, 3), _word("Получатель", 10, 300, 4),
        _word("500100732259", 70, 41, 5), _word("ООО", 10, 80, 6), _word("«Ромашка»", 70, 80, 6),
    ]  # fmt: skip
    text, placed = in_page_order(words)
    assert text.splitlines() == [
        "ИНН 500100732259",
        "ООО «Ромашка»",
        "Сч. № 40817810100001455872",
        "Плательщик",
        "Получатель",
    ]
    assert {word.text: word.line for word in placed}["40817810100001455872"] == 2


def test_a_turned_page_is_read_along_its_lines() -> None:
    """Words reading upwards (a landscape form laid on its side): a line runs up the page, the next one to its right."""

    def upwards(text: str, x: int, bottom: int, line: int) -> TextWord:
        return TextWord(text, (x, bottom - 14 * len(text), x + 18, bottom), line)

    words = [upwards("Сумма", 40, 900, 0), upwards("8100-00", 40, 700, 0), upwards("Итого", 80, 900, 1)]
    shuffled = [words[2], words[0], words[1], upwards("Банк", 120, 900, 3), upwards("Дата", 10, 900, 4)]
    assert in_page_order(words)[0].splitlines() == ["Сумма 8100-00", "Итого"]
    assert in_page_order(shuffled)[0].splitlines() == ["Дата", "Сумма 8100-00", "Итого", "Банк"]


def test_a_caption_alone_in_its_layer_line_gets_back_the_figure_printed_on_its_row() -> None:
    """An electronic receipt draws its large «Итого» and «15 901 ₽» as separate text objects with the goods table's
    header between them: the layer is in the page's order, but the total's caption and figure come out lines apart
    and no amount is read, so a second document merged into the file (a hotel's folio) gave its sum instead."""
    words = [
        _word("Кассовый", 700, 260, 0), _word("чек", 880, 262, 0),
        _word("Итого", 120, 405, 1, 36),
        _word("Товар", 114, 531, 2), _word("Количество", 927, 531, 2),
        _word("15", 1341, 404, 3, 37), _word("901", 1408, 404, 3, 37), _word("₽", 1500, 404, 3, 37),
        _word("Электронный", 114, 700, 4), _word("платеж", 300, 700, 4), _word("15 901", 1400, 700, 4),
        _word("Всего", 114, 800, 5), _word("1 000", 1400, 900, 6),
    ]  # fmt: skip
    lines = in_page_order(words)[0].splitlines()
    assert lines[:3] == ["Кассовый чек", "Итого 15 901 ₽", "Товар Количество"]
    assert "Всего" in lines and "1 000" in lines  # a figure on another row stays on its own
    amounts = [c.value for c in extract_candidates(lines, Source.PDF) if c.field == "amount"]
    assert amounts[0] == "15901.00"
