"""The receipt part of a cash deposit form 0402001 («Квитанция к объявлению на взнос наличными», bench/layouts r15
cash-deposit-slip-0402001): cash paid in at a bank's desk onto the payee's account, each a test of its own (text as
OCR reads the pages)."""

from __future__ import annotations

from model.bik_directory import current_directory
from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source

SLIP = [
    "0402001",
    "КВИТАНЦИЯ № 6",
    "к объявлению на взнос наличными",
    "Дата 24.11.2026",
    "Сумма прописью Семь тысяч двадцать восемь рублей 00 копеек",
    "От кого Попов Дмитрий Андреевич",
    "Получатель ИП Козлов Павел Андреевич",
    "ИНН 719506200704 КПП",
    "Дебет счёт № 20202810467510606927 Сумма цифрами",
    "Кредит счёт № 40802810531981879851 7028=",
    'Банк-получатель АО "КОММЕРЦБАНК (ЕВРАЗИЯ)" БИК 044525105',
    "Источник поступления Оплата по счёту № 989 от 06.11.2026 Символ 32",
    "Вноситель",
    "Бухгалтерский работник _ Павлов М. Ю.",
    "Кассовый работник Морозов М. А.",
]
"""A slip whose cells each hold one line: the bank's name ends its row at the БИК cell, the source of the cash
(the purpose) at the cash symbol's cell «Символ 32»."""

SLIP_WRAPPED = [
    "0402001",
    "КВИТАНЦИЯ № 16",
    "к объявлению на взнос наличными",
    "Дата 09.11.2026",
    "Сумма прописью Двести пятьдесят восемь тысяч восемьсот шестьдесят рублей 00 копеек",
    "От кого Козлов Артём Николаевич",
    "Получатель ИП Козлов Роман Иванович",
    "ИНН 070557554447 КПП",
    "Дебет счёт № 20202810586832837421 Сумма цифрами",
    "Кредит счёт № 40802810090342598197 258860=",
    'Банк-получатель КУ КБ "НЕФТЯНОЙ АЛЬЯНС" (ПАО) - ГК "АСВ", БИК 044525994',
    "г.Москва",
    "Источник Оплата по счёту № 176 от 06.11.2026. НДС не Символ 32",
    "поступления облагается",
    "Вноситель",
]
"""A slip whose bank's name and purpose wrap in their cells: the bank's city under its name, after the БИК cell
on the name's row; the caption «Источник поступления» wrapped too, its second word opening the purpose's next
line."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


def test_a_cash_deposit_slip_is_a_bank_transfer() -> None:
    """Cash paid onto the payee's account at a bank's desk: the bank's receipt of a payment, as a transfer's."""
    assert classify(SLIP) == DocumentType.BANK_TRANSFER
    assert classify(["ОБЪЯВЛЕНИЕ № 3", "на взнос наличными", "Сумма прописью Сто рублей 00 копеек"]) == (
        DocumentType.BANK_TRANSFER
    )


def test_whom_the_cash_came_from_is_the_payer() -> None:
    assert _details(SLIP).payer_name == "Попов Дмитрий Андреевич"
    assert _details(["OT Koro Лебедев Евгений Петрович", "Получатель ИП Павлов Евгений Иванович"]).payer_name == (
        "Лебедев Евгений Петрович"
    )


def test_the_source_of_the_cash_is_the_purpose_without_the_cash_symbols_cell() -> None:
    details = _details(SLIP)
    assert details.purpose == "Оплата по счёту № 989 от 06.11.2026"
    assert details.bank_name == 'АО "КОММЕРЦБАНК (ЕВРАЗИЯ)"'  # no row under it joined on
    garbled = ["Источник поступления Оплата по счёту № 989 от 06.11.2026 _|Символ _[32"]
    assert _details(garbled).purpose == "Оплата по счёту № 989 от 06.11.2026"


def test_a_caption_wrapped_in_its_cell_leaves_the_purpose_whole() -> None:
    assert _details(SLIP_WRAPPED).purpose == "Оплата по счёту № 176 от 06.11.2026. НДС не облагается"


def test_a_banks_city_wrapped_under_its_name_is_the_names() -> None:
    """«Name, city» is how a bank is printed; the city wrapped in the name's cell is read with it."""
    assert _details(SLIP_WRAPPED).bank_name == 'КУ КБ "НЕФТЯНОЙ АЛЬЯНС" (ПАО) - ГК "АСВ" г.Москва'


def test_a_line_under_a_banks_name_that_is_more_than_a_city_is_not_the_names() -> None:
    lines = ["Банк получателя: ПАО Сбербанк", "г. Москва, ул. Вавилова, д. 19", "БИК 044525225"]
    assert _details(lines).bank_name == "ПАО Сбербанк"


def _bank(bic: str, name: str, corr: str | None = None) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    candidates = [Candidate("bank_bic", bic, Source.OCR, 1.0), Candidate("bank_name", name, Source.OCR, 1.0)]
    if corr is not None:
        candidates.append(Candidate("bank_corr_account", corr, Source.OCR, 1.0))
    return resolve(candidates, DocumentType.BANK_TRANSFER, Source.OCR, current_directory())


def test_a_bik_the_directory_lacks_is_repaired_to_the_one_listed_under_the_name_read() -> None:
    """«АО "КАБ "ВИКИНГ" г. Санкт-Петербург БИК 044050869»: a slip prints no к/с, and its face read 3 as 5; the
    directory lists one БИК one confusion away under that name, 044030869. ``repaired``, never ``verified``."""
    details, checks = _bank("044050869", 'АО "КАБ "ВИКИНГ" г. Санкт-Петербург')
    assert details.bank_bic == "044030869"
    assert checks["bank_bic"].status == CheckStatus.REPAIRED


def test_no_repair_by_a_name_the_directory_lists_under_no_nearby_bik() -> None:
    details, checks = _bank("044050869", "ПАО Сбербанк")
    assert details.bank_bic == "044050869"
    assert checks["bank_bic"].status != CheckStatus.REPAIRED


def test_a_caption_wrapped_alone_leaves_the_value_under_it() -> None:
    lines = ["Назначение", "платежа", "Оплата по договору № 5 от 01.02.2026"]
    assert _details(lines).purpose == "Оплата по договору № 5 от 01.02.2026"
