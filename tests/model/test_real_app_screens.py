"""Files of the third held-out batch (bench/real, «held-out 2026-12-05c»): an agency's receipt merged with another
party's bill, and the screens of service apps. Each test is one class of mistake that batch found; the lines are
written afresh, with made-up numbers."""

from __future__ import annotations

from model import checks
from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source


def _inn(prefix: str) -> str:
    """A 10-digit ИНН starting with ``prefix`` (its tax office and more) whose check digit passes."""
    return next(value for tail in range(100) if checks.inn_valid(value := f"{prefix}{tail:02d}"))


AGENCY, HOTEL = _inn("77433973"), _inn("77144648")


def _read(lines: list[str]) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    return resolve(extract_candidates(lines, Source.OCR), classify(lines), Source.OCR)


def test_a_kpp_that_names_another_inns_tax_office_is_not_given_to_the_recipient() -> None:
    """An online agency's receipt (its ИНН 7743…, no КПП printed) merged with the hotel's folio, whose «ИНН/КПП
    7714…/771401001» is the hotel's: that КПП names the hotel's tax office, so it is the hotel's, not the agency's."""
    details, found = _read(
        [
            "Кассовый чек",
            f'ООО "Т-Путешествия", ИНН {AGENCY}',
            "03.10.2023 11:50:45",
            "Итого 15 901",
            "Приход Смена № 212 Чек № 347 ФД: 161178",
            "ФПД: 650231704 ФН: 9960440302341992",
            "Бизнес-отель «АЭРОСТАР»",
            f"ИНН/КПП {HOTEL}/771401001",
            "СЧЕТ №397540",
            "Всего оказано услуг на сумму 16 830,00 Руб",
        ]
    )
    assert details.recipient_inn == AGENCY
    assert details.recipient_kpp is None
    assert found["recipient_kpp"].rule == "kpp_of_another_inn"
    assert details.amount == "15901.00"


def test_a_kpp_of_an_office_no_inn_on_the_page_names_is_still_read() -> None:
    """A large taxpayer's КПП names an office of its own (7750…), not the one that issued its ИНН: with no other
    party's ИНН from that office on the page, it stays the recipient's."""
    details, _ = _read([f"Получатель: ООО «Ромашка» ИНН {AGENCY} КПП 775001001", "Итого к оплате: 1 200,00"])
    assert (details.recipient_inn, details.recipient_kpp) == (AGENCY, "775001001")


def test_a_taxi_apps_total_cost_is_the_amount() -> None:
    """A taxi app's trip: «Общая стоимость 2691₽» over the fare's own line; no ИТОГ anywhere."""
    details, found = _read(
        [
            "Оплата",
            "Общая стоимость 2691₽",
            "Поездка 2691₽",
            "Способ оплаты •••• 4250",
            "Детали",
            "Тариф Комфорт",
            "Дата 26 июля 2023 г.",
        ]
    )
    assert (details.amount, details.currency, details.payment_date) == ("2691.00", "RUB", "2023-07-26")
    assert found["amount"].status != CheckStatus.VERIFIED


def test_a_name_in_a_header_row_stops_at_the_next_cells_caption() -> None:
    """A web app's receipt view prints its captions side by side on one row, the values under them: the seller's
    name runs into «Дата и время:» (which OCR may garble, keeping its colon)."""
    for header in ("Дата и время: Итоговая сумма:", "Дата ииреми: rongessuee x"):
        details, _ = _read([f'Продавец: ООО "Союз Св. Иоанна Воина" {header}', "24.02.2023 15:04 231.97"])
        assert details.recipient_name == 'ООО "Союз Св. Иоанна Воина"'
        assert details.document_type != DocumentType.INVOICE


def test_a_total_captioning_the_last_cell_of_a_header_row_reads_the_last_cell_under_it() -> None:
    """The same receipt view: «Итоговая сумма:» ends the captions' row (the page's closing «×» read as «X» after
    it), its value the last cell of the row under them, after the date and time."""
    header = 'Продавец: ООО "Союз Св. Иоанна Воина" Дата и время: Итоговая сумма: X'
    for values, amount in (("24.02.2023 15:04 231.97", "231.97"), ("24.02.2023 15:04 1 231.97", "1231.97")):
        details, found = _read([header, values, "Наименование товара Цена Количество Сумма"])
        assert (details.amount, details.currency, details.payment_date) == (amount, "RUB", "2023-02-24")
        assert found["amount"].status == CheckStatus.UNVERIFIED


def test_a_header_rows_total_reads_no_cell_it_does_not_end_or_that_is_not_a_row_of_figures() -> None:
    """The total's caption not the row's last: which cell is its own is not the last one's; and a line of words
    under the captions is no row of cells."""
    for lines in (
        ['Продавец: ООО "Союз" Итоговая сумма: Дата и время:', "24.02.2023 15:04 231.97"],
        ["Дата и время: Итоговая сумма:", "Оплачено картой 231.97"],
    ):
        details, _ = _read(lines)
        assert details.amount is None
