"""Cash receipts of real registers as Tesseract reads their lines: a chain's 54-ФЗ ККТ and the ЭКЛЗ-era ККМ before
it, a register that prints its totals in two columns. Each test is one class of mistake the real-documents check
(bench/real) found; the lines are written afresh, with made-up numbers."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.normalize import normalize_amount
from model.pooling import pool_readings
from model.resolve import resolve
from model.schema import CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source

INN = "7707083893"
DRIVE = "8710000100123458"


def _read(lines: list[str]) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    return resolve(extract_candidates(lines, Source.OCR), classify(lines), Source.OCR)


def _register_receipt(*body: str) -> list[str]:
    """A 54-ФЗ receipt's head as a chain's ККТ prints it: the date on the ИНН's line, the ФН under the register's
    numbers; then ``body``."""
    return [
        "МАГАЗИН Заречный",
        'АО "Звезда"',
        "ЗН ККТ: 0239140002011111 #2815",
        f"ИНН: {INN} 26.09.17 10:40",
        "КАССОВЫЙ ЧЕК/ПРИХОД",
        "РН ККТ: 0000123400056789",
        "ФН: 8710000100123458",
        "СМЕНА: 256 ЧЕК: 134",
        *body,
    ]


def test_the_inn_is_not_run_into_the_date_printed_after_it() -> None:
    details, checks = _read(_register_receipt("ИТОГ =99.00"))
    assert details.recipient_inn == INN
    assert (checks["recipient_inn"].status, checks["recipient_inn"].rule) == (CheckStatus.VERIFIED, "inn_check_digits")


@pytest.mark.parametrize(
    "head",
    [f"ККМ 00067489 ИНН 00{INN} 09.02.16 19:10 №3720", f"00019757 ИНН 00{INN} #2912"],
    ids=["with the date", "with the receipt number"],
)
def test_an_ekzl_register_prints_a_companys_inn_padded_with_zeros_to_twelve_digits(head: str) -> None:
    details, checks = _read(["ЧЕК НА ПРОДАЖУ", head, "ПРОДАЖА", "ИТОГ =1416.00"])
    assert details.recipient_inn == INN
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED


def test_a_padded_inn_misread_in_a_digit_is_never_verified() -> None:
    misread = INN[:-1] + str((int(INN[-1]) + 1) % 10)
    _, checks = _read(["ЧЕК НА ПРОДАЖУ", f"ККМ 00067489 ИНН 00{misread} 09.02.16 19:10", "ИТОГ =1416.00"])
    assert checks["recipient_inn"].status != CheckStatus.VERIFIED


@pytest.mark.parametrize(
    ("totals", "amount"),
    [
        (["ВСЕГО =1726.92", "ОКРУГЛЕНИЕ =0.92", "ИТОГ =1726.00", "НАЛИЧНЫМИ =2000.00", "СДАЧА =274.00"], "1726.00"),
        (["ИТОГО БЕЗ СКИДКИ:", "=864.10", "СКИДКА =0.10", "ИТОГ =864.00", "НАЛИЧНЫМИ =864.00"], "864.00"),
        (["СКИДКА: 0.02    ПОДЫТОГ: 304.54", "ОКРУГЛЕНИЕ: 0.22    ИТОГ: 217.00", "НАЛИЧНЫМИ 217.00    ПРИНЯТО: 300.00"],
         "217.00"),
        (["90 ПОДЫТОГ: 204.90", "00 ИТОГ: 204.90", "НАЛИЧНЫМИ: 204.90"], "204.90"),
    ],
    ids=["after the rounding «ВСЕГО» comes before", "after the discount", "in the right column of two",
         "in a photo that cut the left column"],
)  # fmt: skip
def test_a_receipt_is_paid_its_itog(totals: list[str], amount: str) -> None:
    details, _ = _read(_register_receipt(*totals))
    assert details.amount == amount


@pytest.mark.parametrize(
    "vat_lines",
    [["Сумма НАС 18%", "=10.46"], ["A: Сумма HAC 18% =10.46"], ["Сумма 18%"]],
    ids=["НДС read НАС, its sum on the next line", "НДС read HAC in Latin", "a rate alone"],
)
def test_a_vat_line_or_a_rate_is_no_amount(vat_lines: list[str]) -> None:
    details, _ = _read(["КАССОВЫЙ ЧЕК", *vat_lines])
    assert details.amount is None


@pytest.mark.parametrize("rate", ["18%", "18 %", "НДС 10%"])
def test_a_percentage_is_no_money(rate: str) -> None:
    assert normalize_amount(rate) is None


def test_an_ekzl_era_receipt_is_a_cash_receipt_whose_ekzl_numbers_are_no_fiscal_fields() -> None:
    lines = [
        'ЗАО "ЗВЕЗДА" ГМ Заречный',
        "ЧЕК HA ПРОДАЖУ",
        f"KkM 00067489 ИНН 00{INN} 09.02.16 19:10 №3720",
        "ПРОДАЖА Иванова #3144",
        "ИТОГ =1416.00",
        "НАЛИЧНЫМИ =2000.00",
        "ЭКЛЗ 4210809202",
        "00000462 #030423",
    ]
    details, _ = _read(lines)
    assert details.document_type == DocumentType.CASH_RECEIPT
    assert (details.amount, details.payment_date) == ("1416.00", "2016-02-09")
    assert (details.fiscal_drive_number, details.fiscal_document_number, details.fiscal_sign) == (None, None, None)


def test_fiscal_numbers_are_read_under_labels_blur_made_an_o_of() -> None:
    lines = _register_receipt("ИТОГ =603.00", "CHO: OCH", "OA: 41234 ь ON: 2345678901")
    lines[6] = "OH: 8710000100765432"
    details, checks = _read(lines)
    assert (details.fiscal_drive_number, details.fiscal_document_number, details.fiscal_sign) == (
        "8710000100765432",
        "41234",
        "2345678901",
    )
    assert all(checks[name].status == CheckStatus.UNVERIFIED for name in ("fiscal_document_number", "fiscal_sign"))


def test_a_fiscal_sign_under_a_blurred_label_is_no_inn() -> None:
    """A ФП passes an ИНН's check digit one time in ten (3456789010 does); under its blurred label it is the ФП's."""
    lines = _register_receipt("ИТОГ =1726.00", "on: 3456789010")
    lines[3] = "26.09.17 10:40"
    details, _ = _read(lines)
    assert (details.recipient_inn, details.fiscal_sign) == (None, "3456789010")


@pytest.mark.parametrize("line", ["ON: 12345", "Paid on: 12345", "OA: 52001"])
def test_a_blurred_fiscal_label_counts_only_on_a_registers_receipt(line: str) -> None:
    details, _ = _read(["Invoice 17", line, "Total 100.00"])
    assert (details.fiscal_document_number, details.fiscal_sign) == (None, None)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ('ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЗВЕЗДА"', 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЗВЕЗДА"'),
        ("ПБЧЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬ “ЗВЕЗДА", "ПБЧЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬ “ЗВЕЗДА"),
        ('Акционерное общество "Звезда"', 'Акционерное общество "Звезда"'),
        ("Индивидуальный предприниматель Иванов Иван Иванович", "Индивидуальный предприниматель Иванов Иван Иванович"),
    ],
    ids=["as printed", "as blur reads it", "an акционерное общество", "an ИП"],
)
def test_a_sellers_legal_form_written_out_heads_its_name(line: str, name: str) -> None:
    details, _ = _read(["КАССОВЫЙ ЧЕК", "ПРИХОД", "ИТОГ: 217.00", line, f"ИНН:{INN}"])
    assert details.recipient_name == name


def test_a_legal_form_written_out_with_no_name_after_it_is_no_name() -> None:
    details, _ = _read(["КАССОВЫЙ ЧЕК", "Общество с ограниченной ответственностью", "ИТОГ: 217.00"])
    assert details.recipient_name is None


def test_a_blurred_label_that_reads_alike_for_two_fields_gives_neither() -> None:
    """Blur made «on:» of both «ФД:» and «ФП:» under the ФН: their places under it say which is which."""
    lines = ["КАССОВЫЙ ЧЕК", "ПРИХОД", "ИТОГ: 500.00", "ФН: 9961440600012345", "on: 123456", "on: 2345678901"]
    details, _ = _read(lines)
    assert (details.fiscal_document_number, details.fiscal_sign) == ("123456", "2345678901")


@pytest.mark.parametrize("payment", ["ПЛАТ. КАРТОЙ =252.96", "БЕЗНАЛИЧНЫМИ =252.96", "ЭЛЕКТРОННЫМИ 252.96"])
def test_a_card_payment_is_the_total_when_blur_took_the_itog_line(payment: str) -> None:
    details, _ = _read(["ЧЕК НА ПРОДАЖУ", "ИТОГО БЕЗ СКИДКИ:", "=272.00", "СКИДКА =19.04", "Ит о", payment])
    assert details.amount == "252.96"


def test_a_card_payment_label_whose_e_reads_as_ze_is_the_total_when_blur_took_the_itog_line() -> None:
    """A Пятёрочка receipt whose «ИТОГ» line blur took, its «ЭЛЕКТРОННЫМИ» read «ЗЛЕКТРОННЫМИ»."""
    lines = ["КАССОВЫЙ ЧЕК", "ОКРУГЛЕНИЕ: 0:00 on 3%", "НАЛИЧНЫМИ: ` 0:0", "ЗЛЕКТРОННЫМИ ; 39.99 CAAA: 0.00"]
    details, _ = _read(lines)
    assert details.amount == "39.99"


def test_the_itog_outranks_a_card_payment_and_cash_tendered_is_no_total() -> None:
    details, _ = _read(["КАССОВЫЙ ЧЕК", "ИТОГ =500.00", "БЕЗНАЛИЧНЫМИ =300.00", "НАЛИЧНЫМИ =1000.00", "СДАЧА =800.00"])
    assert details.amount == "500.00"
    blurred, _ = _read(["КАССОВЫЙ ЧЕК", "Ит о", "НАЛИЧНЫМИ =1000.00", "СДАЧА =500.00"])
    assert blurred.amount is None


def test_a_masked_card_after_its_payment_label_is_no_amount() -> None:
    details, _ = _read(["Перевод выполнен", "Оплата картой •••• 1234"])
    assert details.amount is None


def test_two_blurred_labels_on_one_line_are_its_fd_then_its_fp() -> None:
    """«ФД:10310   ФП:2489945772» as blur reads it, with the same letters for both; another reading of the page that
    misread a digit of the ФП under a lone label ranks below the pair."""
    misread = _register_receipt("ИТОГ =164.00", "01: 10310 ON: 2489945779")
    paired = _register_receipt("ИТОГ =164.00", "oN: 10310 on: 2489945772")
    details, _ = resolve(
        extract_candidates(misread, Source.OCR) + extract_candidates(paired, Source.OCR), classify(paired), Source.OCR
    )
    assert (details.fiscal_document_number, details.fiscal_sign) == ("10310", "2489945772")


@pytest.mark.parametrize("line", ["Ao BES :0010190009021624 — #0500 а", "AO ЮНИКРЕДИТ БАНК 64452545"])
def test_a_line_holding_a_register_or_account_number_is_no_company(line: str) -> None:
    details, _ = _read(["КАССОВЫЙ ЧЕК", line, "ИТОГ =164.00"])
    assert details.recipient_name is None


@pytest.mark.parametrize(
    ("seller_line", "seller"),
    [
        ('ДО "Звезда"', 'АО "Звезда"'),
        ('40 ”Звезда”', "АО ”Звезда”"),
        ('340 "Звезда"', 'ЗАО "Звезда"'),
        ('AQ ”Звезда”', "АО ”Звезда”"),
        ('Cy 340 "Звезда"', 'ЗАО "Звезда"'),
    ],
    ids=["А read as Д", "А read as 4, О as 0", "З read as 3", "О read as Q", "behind specks"],
)  # fmt: skip
def test_a_legal_form_read_in_a_register_fonts_look_alikes_before_a_quoted_name_is_the_sellers(
    seller_line: str, seller: str
) -> None:
    lines = _register_receipt("ИТОГ =99.00")
    lines[1] = seller_line
    details, checks = _read(lines)
    assert details.recipient_name == seller
    assert checks["recipient_name"].status != CheckStatus.VERIFIED


@pytest.mark.parametrize(
    "line",
    ['ОДО "Звезда"', 'САО "Звезда"', '340 "Zvezda"', "40 Звезда", "ДО 31.12.2017", 'tag 300 "Звезда"'],
    ids=["a Belarusian ОДО", "an insurer's САО", "a name not in Russian", "no quote", "a word", "no form fits"],
)
def test_no_legal_form_is_made_up_from_a_token_that_is_not_one(line: str) -> None:
    lines = _register_receipt("ИТОГ =99.00")
    lines[1] = line
    details, _ = _read(lines)
    assert details.recipient_name in (None, line)


def test_the_line_under_the_registers_number_is_no_document_number() -> None:
    """A register prints the ФП under its РН ККТ (sixteen digits too, no drive's prefix) and the ФН under that: the
    blurred ФП's number is the ФП, never also the ФД."""
    lines = [
        "КАССОВЫЙ ЧЕК", "ИТОГ: 217.00",
        "РН ККТ:0000021254007916",
        "oN: 2136077849 [a]",
        "OH : 9960440302542780",
    ]  # fmt: skip
    details, checks = _read(lines)
    assert (details.fiscal_drive_number, details.fiscal_sign) == ("9960440302542780", "2136077849")
    assert details.fiscal_document_number is None
    assert checks["fiscal_sign"].status != CheckStatus.VERIFIED


def test_two_blurred_labels_on_lines_running_are_the_document_number_then_the_sign() -> None:
    """Blur made both «ФД:» and «ФП:» read «ON:»: their letter says nothing, their order does."""
    details, checks = _read(_register_receipt("ИТОГ =1726.00", "CHO: OCk", "ON: 64347", "on: 1417715324", "iO)"))
    assert (details.fiscal_document_number, details.fiscal_sign) == ("64347", "1417715324")
    assert all(checks[name].status == CheckStatus.UNVERIFIED for name in ("fiscal_document_number", "fiscal_sign"))


@pytest.mark.parametrize(
    ("fiscal_lines", "numbers"),
    [
        (["Касса № 27 OH: ЭКЗ. № 8710000100123458", "ФД № 1472 ON=1421230762"], (DRIVE, "1472", "1421230762")),
        (["Касса № 72 ФН: ЭКЗ. № 8710000100123458", "0Д № 43707 0П=2052603394"], (DRIVE, "43707", "2052603394")),
        (["ФН: 8710000100123458", "Of № 1472 0П-1421230762"], (DRIVE, "1472", "1421230762")),
    ],
    ids=["ФН read OH before ЭКЗ. №, ФП read ON=", "ФД read 0Д №, ФП 0П=", "ФД read Of №, ФП 0П-"],
)  # fmt: skip
def test_fiscal_labels_whose_f_reads_as_an_o_with_a_registers_separators(
    fiscal_lines: list[str], numbers: tuple[str, str, str]
) -> None:
    """An ATOL register prints «ФН: ЭКЗ. № …», «ФД № …», «ФП=…»; its small bold Ф reads as O or 0 (a McDonald's and a
    Теремок receipt of the real bench): their numbers are the fields', unverified (only the QR confirms them)."""
    lines = ["КАССОВЫЙ ЧЕК", "ПРИХОД", "ИТОГ *259.00", "ДАТА 26.04.2017 ВРЕМЯ 10:03", *fiscal_lines]
    details, checks = _read(lines)
    assert (details.fiscal_drive_number, details.fiscal_document_number, details.fiscal_sign) == numbers
    assert all(checks[name].status != CheckStatus.VERIFIED for name in ("fiscal_document_number", "fiscal_sign"))


@pytest.mark.parametrize(
    ("line", "field", "number"),
    [
        ("CHO: OCH Of: 0765708786", "fiscal_sign", "0765708786"),
        ("of 0000000043", "fiscal_document_number", "0000000043"),
    ],
    ids=["a ФП", "a ФД padded with zeros"],
)  # fmt: skip
def test_a_blurred_label_read_alike_for_fd_and_fp_is_told_by_its_number(line: str, field: str, number: str) -> None:
    """Blur makes «Of» of a ФП's label and of a ФД's: a ФД counts a drive's documents, never ten million of them, while
    a ФП (a 32-bit hash) is below that one time in 430."""
    details, _ = _read(["КАССОВЫЙ ЧЕК", "ИТОГ =10000.00", "ФН: 8712000101060769", "ИНН: 7714037390", line])
    assert getattr(details, field) == number
    other = "fiscal_document_number" if field == "fiscal_sign" else "fiscal_sign"
    assert getattr(details, other) is None


@pytest.mark.parametrize(
    ("line", "numbers"),
    [
        ("CHO OCH 90 6175 ON 0778053767", ("6175", "0778053767")),
        ("cho OcH 0 38614 — ON 3751826308", ("38614", "3751826308")),
        ("CHO: 0CH arg 98:1948 of: 0765708786", ("1948", "0765708786")),
    ],
    ids=["ФД read 90", "ФД read 0", "ФД read 98:"],
)  # fmt: skip
def test_a_fiscal_document_number_before_a_blurred_fp_on_its_line_keeps_less_of_its_label(
    line: str, numbers: tuple[str, str]
) -> None:
    """A register that prints «СНО ОСН ФД 6175 ФП 0778053767» on one line: blur reads its Д as a digit or loses it,
    and the ФП's blurred label after the number says the pair is the ФД then the ФП (unverified: only the QR could)."""
    lines = ["КАССОВЫЙ ЧЕК 265 (ПРИХОД)", "ИТОГ =1599.96", line, "ЗН ККТ 0128008366 ФН 7380440700149699"]
    details, checks = _read(lines)
    assert (details.fiscal_document_number, details.fiscal_sign) == numbers
    assert all(checks[name].status == CheckStatus.UNVERIFIED for name in ("fiscal_document_number", "fiscal_sign"))
    for other in ("Чек № 2 ФП: 1287703244", "Касса 01 ФП: 1287703244", "$4:09595 ФП: 1287703244"):
        unread, _ = _read(["КАССОВЫЙ ЧЕК", "ИТОГ =950.00", other])
        assert (unread.fiscal_document_number, unread.fiscal_sign) == (None, "1287703244")


@pytest.mark.parametrize("line", ["ОКРУГЛЕНИЕ: 0.00 on 3%", "Oh well 12345", "ON 20526 руб", "Смена 04: 1234"])
def test_a_blurred_fiscal_label_needs_a_separator_or_a_registers_ten_digits(line: str) -> None:
    details, _ = _read(["КАССОВЫЙ ЧЕК", "ИТОГ =99.00", line])
    assert (details.fiscal_document_number, details.fiscal_sign) == (None, None)


def test_a_pair_of_blurred_labels_outranks_a_lone_label_of_another_reading() -> None:
    """One reading of the page kept both labels, the other only a misread ФП: the pair's ФП is taken."""
    first = _register_receipt("ИТОГ =1726.00", "О за? on: 1417713394", "On: В")
    second = _register_receipt("ИТОГ =1726.00", "ON: 64347", "on: 1417715324")
    candidates = extract_candidates(first, Source.OCR) + extract_candidates(second, Source.OCR)
    details, _ = resolve(candidates, classify(second), Source.OCR)
    assert (details.fiscal_document_number, details.fiscal_sign) == ("64347", "1417715324")


@pytest.mark.parametrize(
    "others",
    [["Кассир Иванова А. ИНН кассира 500100732259"], ["ИНН КАССИРА:", "500100732259"], ["ИНН ОФД: 7704211201"],
     ["ИНН покупателя: 500100732259"]],
    ids=["the cashier's", "the cashier's under its label", "the fiscal data operator's", "a business buyer's"],
)  # fmt: skip
def test_another_partys_inn_on_a_receipt_is_never_the_sellers(others: list[str]) -> None:
    """A valid ИНН of the wrong party passes its check digits: taken for the seller's, it would be verified."""
    misread = INN[:-1] + str((int(INN[-1]) + 1) % 10)
    lines = ["КАССОВЫЙ ЧЕК", "ПРИХОД", 'ООО "Звезда"', f"ИНН {misread}", *others, "ИТОГ =1350.00"]
    details, checks = _read(lines)
    assert details.recipient_inn == misread
    assert checks["recipient_inn"].status != CheckStatus.VERIFIED
    details, checks = _read([line for line in lines if "ИНН " not in line or line in others])
    assert details.recipient_inn is None


@pytest.mark.parametrize(
    "fiscal_lines",
    [
        ["Заводской номер фискального накопителя 7281440500123456", "Номер фискального документа 12345",
         "Фискальный признак документа 0123456789"],
        ["Номер ФН: 7281440500123456", "Порядковый номер ФД: 12345", "Фискальный признак: 0123456789"],
    ],
    ids=["written out", "half written out"],
)  # fmt: skip
def test_fiscal_labels_written_out_as_an_ofds_web_receipt_prints_them_are_read(fiscal_lines: list[str]) -> None:
    lines = ["Кассовый чек", "Приход", 'ООО "Звезда"', f"ИНН {INN}", "01.12.2025 10:15", "Итого 2 499,00 ₽"]
    details, checks = _read([*lines, *fiscal_lines])
    assert (details.fiscal_drive_number, details.fiscal_document_number, details.fiscal_sign) == (
        "7281440500123456",
        "12345",
        "0123456789",
    )
    assert all(checks[name].status == CheckStatus.UNVERIFIED for name in ("fiscal_document_number", "fiscal_sign"))


def test_a_date_that_lost_a_digit_of_its_day_gives_way_to_another_readings_whole_date() -> None:
    """Registers print the date zero-padded: «2.01.19 16:0» is «28.01.19 16:07» read with digits lost."""
    first = ["КАССОВЫЙ ЧЕК", "ПРИХОД", "actoxan ура 2.01.19 16:0", "ИТОГ: 204.90"]
    second = ["КАССОВЫЙ ЧЕК", "ПРИХОД", "28.01.19 16:07", "ИТОГ: 204.90"]
    candidates = extract_candidates(first, Source.OCR) + extract_candidates(second, Source.OCR)
    details, checks = resolve(candidates, classify(second), Source.OCR)
    assert details.payment_date == "2019-01-28"
    assert checks["payment_date"].status == CheckStatus.UNVERIFIED
    assert _read(first)[0].payment_date == "2019-01-02"  # alone, it is still the page's date


@pytest.mark.parametrize(
    "fiscal_lines",
    [["ФН: 8710000100123458", "Of Nt 64171", "on 2302259259"], ["OH: 8710000100123458", "OA: 64171  ON: 2302259259"]],
    ids=["by their place under the ФН", "under labels blur left as an O"],
)
def test_two_readers_agreeing_on_fiscal_numbers_picked_by_place_do_not_verify_them(fiscal_lines: list[str]) -> None:
    """Both readers feed the same parser: they confirm the digits, not the parser's guess of which field they are."""
    lines = ["КАССОВЫЙ ЧЕК/ПРИХОД", "СМЕНА: 256", "ИТОГ =99.00", *fiscal_lines]
    candidates = extract_candidates(lines, Source.OCR) + extract_candidates(lines, Source.INDRA)
    details, checks = resolve(candidates, classify(lines), Source.OCR)
    assert (details.fiscal_document_number, details.fiscal_sign) == ("64171", "2302259259")
    assert all(checks[name].status != CheckStatus.VERIFIED for name in ("fiscal_document_number", "fiscal_sign"))
    labelled = ["КАССОВЫЙ ЧЕК/ПРИХОД", "ИТОГ =99.00", "ФН: 8710000100123458", "ФД: 64171", "ФП: 2302259259"]
    candidates = extract_candidates(labelled, Source.OCR) + extract_candidates(labelled, Source.INDRA)
    _, checks = resolve(candidates, classify(labelled), Source.OCR)
    assert checks["fiscal_sign"].status == CheckStatus.VERIFIED  # read under its own label by both: verified


@pytest.mark.parametrize(
    ("seller_line", "seller"),
    [
        ("ЗАО ”Звезда” ai Sage р", "ЗАО ”Звезда”"),
        ('ООО "Звезда" — О : Seam (02 Spee anes. | > =', 'ООО "Звезда"'),
        ("ООО «Звезда» Юг", "ООО «Звезда» Юг"),
    ],
    ids=["Latin specks after the closing quote", "a grid's cells and specks after it", "a Russian word after it stays"],
)
def test_specks_in_latin_letters_after_a_quoted_sellers_name_are_no_part_of_it(seller_line: str, seller: str) -> None:
    lines = _register_receipt("ИТОГ =99.00")
    lines[1] = seller_line
    assert _read(lines)[0].recipient_name == seller


def test_a_run_of_dashes_and_specks_ending_a_sellers_line_is_no_part_of_its_name() -> None:
    """A crumpled tape's edge after a name whose quote OCR left open («ЗАО “Дикси ———^^-------», a ДИКСИ receipt)."""
    lines = _register_receipt("ИТОГ =99.00")
    lines[1] = "ЗАО “Звезда ———^^-------"
    assert _read(lines)[0].recipient_name == "ЗАО “Звезда"


def test_a_banks_additional_office_is_no_misread_legal_form() -> None:
    """«ДО» before a bank's quoted name is its дополнительный офис, not АО read with a flat-topped А."""
    lines = ["Банк получателя", 'ДО "Тверской" ПАО Сбербанк', "БИК 044525225"]
    assert {c.value for c in extract_candidates(lines, Source.OCR) if c.field == "bank_name"} == {
        'ДО "Тверской" ПАО Сбербанк'
    }


@pytest.mark.parametrize(
    "mark", [["ФП", "1419"], ["ФП", "3КЛ3 1449696346", "00011419 #013074"]], ids=["a short number", "a word's digit"]
)
def test_an_ekzl_era_receipts_fp_mark_gives_no_fiscal_sign(mark: list[str]) -> None:
    """An ЭКЛЗ-era ККМ prints «ФП» alone as its fiscal mode's mark: what follows is no fiscal sign, and a ФП (a hash
    over 32 bits) of under six digits is one receipt in 40 000."""
    details, checks = _read(["ЧЕК НА ПРОДАЖУ", "ИТОГ =524.87", *mark])
    assert details.fiscal_sign is None
    assert checks["fiscal_sign"].status == CheckStatus.INVALID


@pytest.mark.parametrize("printed", ["0146041571", "146041571", "100000"])
def test_a_fiscal_sign_of_six_digits_or_more_is_read(printed: str) -> None:
    details, _ = _read(_register_receipt("ИТОГ =99.00", f"ФП: {printed}"))
    assert details.fiscal_sign == printed


def _web_receipt(*fiscal_lines: str) -> list[str]:
    """An ОФД's web page of an online shop's receipt: labels left, values right, the ФН and ФП on one line, the
    ОФД's own name under them."""
    return ["Кассовый чек / Приход", 'ООО "Звезда"', *fiscal_lines, f"РН 0005061400012345 ИНН {INN}",
            "ФН 9961440300123456 ФПД 1234567890", "ОФД ООО «Такском»", "ИТОГ 2000.00"]  # fmt: skip


@pytest.mark.parametrize("operator", ["ОФД ООО «Такском»", "oon 000 NC CT", "OФД 000 Такском"])
def test_the_operators_line_under_the_drive_is_no_document_number(operator: str) -> None:
    """«ОФД ООО …» under the ФН reads «oon 000 …»: its zeros are a legal form, and no ФД or ФП is zero."""
    lines = _web_receipt()
    lines[-2] = operator
    details, _ = _read(lines)
    assert (details.fiscal_drive_number, details.fiscal_sign) == ("9961440300123456", "1234567890")
    assert details.fiscal_document_number is None


@pytest.mark.parametrize("printed", ["ФИСКАЛЬНЫЙ ДОКУМЕНТ #160139", "Фискальный документ № 160139"])
def test_an_operators_fiscal_document_label_names_the_document_number(printed: str) -> None:
    details, checks = _read(_web_receipt(printed))
    assert details.fiscal_document_number == "160139"
    assert checks["fiscal_document_number"].status == CheckStatus.UNVERIFIED


@pytest.mark.parametrize(
    "drive_line",
    ["ФН: 8712000 101115560", "ФН: 8712000 101115560 4", "H: 8712000 101115560 1B ae He", "8712 0001 0111 5560"],
    ids=["labelled", "a speck read as a digit", "its label blurred", "in fours"],
)
def test_a_drive_number_read_in_groups_is_its_sixteen_digits(drive_line: str) -> None:
    lines = _register_receipt("ИТОГ =427.90", "ФП: 0451515782")
    lines[6] = drive_line
    details, checks = _read(lines)
    assert details.fiscal_drive_number == "8712000101115560"
    assert checks["fiscal_drive_number"].status == CheckStatus.UNVERIFIED


@pytest.mark.parametrize("line", ["ЗН ККТ: 8712000 101115560", "Карта 2200 7001 2345 6789 1", "8712000 10111556"])
def test_groups_that_are_no_drives_number_give_no_drive(line: str) -> None:
    lines = _register_receipt("ИТОГ =427.90")
    lines[6] = line
    assert _read(lines)[0].fiscal_drive_number is None


def _chain_receipt(seller_line: str, *head: str) -> list[str]:
    """A chain's 54-ФЗ receipt that prints its seller under the totals, over its ИНН (Пятёрочка's registers)."""
    return ["КАССОВЫЙ ЧЕК", "ПОДЫТОГ: 427.90", "ИТОГ: 427.90", "ЭЛЕКТРОННЫМИ: 427.90", *head, seller_line,
            f"ИНН: {INN} СНО: ОСН", "347927 г. Таганрог, ул. Чехова, д. 29", "20.06.18 16:20"]  # fmt: skip


@pytest.mark.parametrize(
    ("seller_line", "seller"),
    [
        ("Звездочка ООО", "Звездочка ООО"),
        ("Arporopr 000", "Агрогорг ООО"),
        ("| Торговый Дом АО", "Торговый Дом АО"),
        ("‚  Arpotopr 000 м", "Агроторг ООО"),  # the fifth held-out batch's Пятёрочка, Tesseract
    ],
    ids=["as printed", "in look-alikes", "behind a speck", "its т read as t, a speck at the photo's edge after it"],
)
def test_a_sellers_legal_form_after_its_name_over_its_inn_names_it(seller_line: str, seller: str) -> None:
    details, checks = _read(_chain_receipt(seller_line))
    assert details.recipient_name == seller
    assert checks["recipient_name"].status == CheckStatus.UNVERIFIED


@pytest.mark.parametrize(
    "seller_line",
    [
        "ИТОГО 000",
        "Ae He 000",
        "Apple Store ООО",
        "Звездочка ООО 123",
        "CMEHA 000",
        "Сумма без НДС 000",
        "Звездочка ООО Смена 12",
    ],
    ids=[
        "a label",
        "specks",
        "a Latin name read faithfully or garbled",
        "a number beside it",
        "a register's word",
        "a total's words",
        "words after the form",
    ],
)
def test_no_seller_is_taken_from_a_line_over_the_inn_that_is_no_name_and_form(seller_line: str) -> None:
    assert _read(_chain_receipt(seller_line))[0].recipient_name is None


@pytest.mark.parametrize(
    "others", ["ИНН кассира: 500100732259", "ИНН ОФД: 7704211201"], ids=["the cashier's", "the operator's"]
)
def test_a_name_over_another_partys_inn_is_no_seller(others: str) -> None:
    lines = ["КАССОВЫЙ ЧЕК", "ИТОГ: 427.90", "Кассир Иванова ООО", others]
    assert _read(lines)[0].recipient_name is None
    lines = ["КАССОВЫЙ ЧЕК", "ИТОГ: 427.90", 'КАФЕ "ЛУКОМОРЬЕ"', others]
    assert _read(lines)[0].recipient_name is None


def _cafe_receipt(*head: str) -> list[str]:
    """An ЭКЛЗ-era café receipt in a frame of x's: its sign and address over its ИНН, no company named."""
    return ["XXXXXXXXXXXXXXXXXXXXX", *head, "x г. Вологда, УЛ. ЛЕРМОНТОВА, 8 x", f"” ИНН {INN} x",
            "KKM 00844271 18.12.13 15:08", "ПРОДАЖА #0412", "1: 1015 Суп ”Солянка сборная” 250г",
            "ИТОГ =11000.00"]  # fmt: skip


@pytest.mark.parametrize(
    ("sign_line", "seller"),
    [('x КАФЕ ”ЛУКОМОРЬЕ” х', 'КАФЕ "ЛУКОМОРЬЕ"'), ("Аптека «Здоровье»", 'АПТЕКА "Здоровье"'),
     ('MAГAЗИH "Заречный"', 'МАГАЗИН "Заречный"')],
    ids=["a café in a frame", "a chemist's", "a shop in look-alikes"],
)  # fmt: skip
def test_a_business_kind_and_quoted_sign_over_the_inn_name_a_seller_whose_head_names_no_company(
    sign_line: str, seller: str
) -> None:
    details, checks = _read(_cafe_receipt(sign_line))
    assert details.recipient_name == seller
    assert checks["recipient_name"].status == CheckStatus.UNVERIFIED


@pytest.mark.parametrize(
    "company", ['ООО "Звезда"', '340 "Тандер"', "ИП Иванов И. И."], ids=["a company", "a misread form", "a trader"]
)
def test_a_sign_gives_way_to_a_company_the_head_names(company: str) -> None:
    """The company named beside a shop's sign is the seller; when its name is garbled, no name beats the sign's."""
    details, _ = _read(_cafe_receipt('МАГАЗИН "Заречный"', company))
    assert details.recipient_name != 'МАГАЗИН "Заречный"'
    details, _ = _read(_cafe_receipt(company, 'МАГАЗИН "Заречный"'))
    assert details.recipient_name != 'МАГАЗИН "Заречный"'


def _guest_bill(*head: str, inn: str = "") -> list[str]:
    """A café's guest bill (eeegoloauq_prebill_belye_nochi): its sign, the bill's numbers, dishes with quantities
    printed «2.000», the total to pay; no ИНН, no fiscal data."""
    return [*head, "Чек #1059599 Стол # 11.5 Гостей 0", "31.05.2024 Открыт 16:45 Печать 17:19", "Кассир: Эля",
            "Блюдо Кол-во Сумма", "Окрошка 2.000 760.00", "Хинкали св/г отварные 15.000 1350.00",
            *([inn] if inn else []), "Всего: 2110.00", "Итого к оплате: 2110.00"]  # fmt: skip


def test_a_business_kind_and_sign_opening_a_bill_with_no_inn_name_the_seller() -> None:
    details, checks = _read(_guest_bill("Кафе “БЕЛЫЕ НОЧИ”"))
    assert details.recipient_name == 'КАФЕ "БЕЛЫЕ НОЧИ"'
    assert checks["recipient_name"].status == CheckStatus.UNVERIFIED


@pytest.mark.parametrize(
    "page",
    [
        _guest_bill("Кафе “БЕЛЫЕ НОЧИ”", inn="ИНН кассира: 500100732259"),
        _guest_bill("Стол 5", "Гостей 2", "Официант: Эля", "Кафе “БЕЛЫЕ НОЧИ”"),
    ],
    ids=["an ИНН on the page", "the sign below the head"],
)
def test_no_sign_names_the_seller_of_a_page_with_an_inn_or_below_its_head(page: list[str]) -> None:
    assert _read(page)[0].recipient_name is None


def test_a_company_named_in_a_bills_head_is_the_seller_rather_than_its_sign() -> None:
    details, _ = _read(_guest_bill('ООО "Ладья"', "Кафе “БЕЛЫЕ НОЧИ”"))
    assert details.recipient_name != 'КАФЕ "БЕЛЫЕ НОЧИ"'


@pytest.mark.parametrize("padding", ["90", "08", "00"])
def test_a_registers_padded_inn_that_lost_its_label_is_read_by_its_place_before_the_receipts_number(
    padding: str,
) -> None:
    """«ККМ 00015886 ИНН 002310031475 #4073» read with its label garbled and a padding zero misread: the ten after
    the padding pass a company's check digits, the twelve fail a person's; taken, never verified."""
    details, checks = _read(["ЧЕК НА ПРОДАЖУ", f"ом sn На Kart” {padding}{INN} #0679", "ИТОГ =1000.00"])
    assert details.recipient_inn == INN
    assert checks["recipient_inn"].status == CheckStatus.UNVERIFIED


@pytest.mark.parametrize(
    "line", [f"ом sn На Kart” 93{INN} #0679", f"ом sn На Kart” 90{INN}", f"ом sn На Kart” 90{INN[:-1]}5 #0679"],
    ids=["no padding zero", "no receipt number after it", "the ten fail"],
)  # fmt: skip
def test_twelve_digits_that_are_no_registers_padded_inn_give_no_inn(line: str) -> None:
    assert _read(["ЧЕК НА ПРОДАЖУ", line, "ИТОГ =1000.00"])[0].recipient_inn is None


@pytest.mark.parametrize(
    "operator", ["ОФД ООО «Такском»", 'oon 000 "Такском"', 'OФД АО "Калуга Астрал"', "Оператор ООО «Такском»"]
)
def test_the_fiscal_data_operators_name_is_never_the_sellers(operator: str) -> None:
    """An e-receipt names its ОФД under the ФН: a company, but not the one paid; the seller unread, no name."""
    lines = _web_receipt()
    lines[1], lines[-2] = "ooo wee", operator
    assert _read(lines)[0].recipient_name is None


@pytest.mark.parametrize("garbled", ['ООО "Rити Преnьер"', "ООО «Звеzда»"])
def test_a_company_line_with_a_word_of_mixed_alphabets_names_no_seller(garbled: str) -> None:
    """A word of Cyrillic and Latin letters that no look-alike respelling made whole is a head OCR garbled."""
    lines = _register_receipt("ИТОГ =99.00")
    lines[1] = garbled
    assert _read(lines)[0].recipient_name is None
    lines[1] = "ООО «Звeзда»"  # a Latin e, a look-alike
    assert _read(lines)[0].recipient_name == "ООО «Звезда»"


def test_a_dotted_leaders_dots_read_as_digits_are_no_part_of_the_total() -> None:
    """A café's guest check prints «Итого ........ 150,00 руб.», and Tesseract reads the dots as letters and «088»."""
    details, _ = _read(
        ["ИП Сидорова А.В.", "Капучино 250 мл", "Итого eeeeveveeve oe eo ee 088 150,00 РУб,", f"ИНН: {INN}"]
    )
    assert details.amount == "150.00"


_FUEL = [
    "ЧЕК НА ПРОДАЖУ",
    "ТРК №2 Бензин АИ-95",
    "40.90 x 24.440 =999.60_A",
    "Onnata(Py6) =999,60",
    "RRN: 710106983681",
]


def test_a_total_whose_kopecks_blur_took_gets_them_from_the_same_roubles_printed_elsewhere() -> None:
    """«ИТОГ ≡999.60» run into the card terminal's «ОДОБРЕНО» reads «итог OAOBPEHO 999»: the fuel line and the card's
    payment print 999.60. Inferred, never verified, not even by two readers reading the same."""
    details, checks = _read([*_FUEL, "итог OAOBPEHO 999", f"ККМ 00029301 ИНН 00{INN} #6748"])
    assert details.amount == "999.60"
    assert checks["amount"].status == CheckStatus.UNVERIFIED


def test_kopecks_of_other_roubles_are_never_a_totals() -> None:
    lines = [line.replace("999", "998") for line in _FUEL]
    details, _ = _read([*lines, "итог OAOBPEHO 999", f"ККМ 00029301 ИНН 00{INN} #6748"])
    assert details.amount == "999.00"


def _footer(*payments: str) -> list[str]:
    """A 54-ФЗ receipt's footer photographed alone: the payments, no «ИТОГ»."""
    return ["Будем рады видеть вас снова!", "СМЕНА:137 ЧЕК:65", *payments, "СНО:ОСН", "САЙТ ФНС:https://www.nalog.ru/"]


@pytest.mark.parametrize(
    ("payments", "total"),
    [
        (["НАЛИЧНЫМИ =3000.00", "БЕЗНАЛИЧНЫМИ =517.00"], "3517.00"),
        (["НАЛИЧНЫМИ =1000.00", "ЭЛЕКТРОННЫМИ =517.00", "СДАЧА =150.50"], "1366.50"),
        (["НАЛИЧНЫМИ: 0.00", "ЭЛЕКТРОННЫМИ: 517.00 СДАЧА: 0.00"], "517.00"),
        (["НАЛИЧНЫМИ =142.00", "ПОЛУЧЕНО =150.00", "СДАЧА =8.00", "БЕЗНАЛИЧНЫМИ =517.00"], "659.00"),
    ],
    ids=["cash and card", "less the change", "card alone", "cash net of the change"],
)
def test_a_payment_split_between_cash_and_card_with_no_total_sums_the_two(payments: list[str], total: str) -> None:
    """The card's part is the total only when the card paid all of it. The sum is inferred: never verified."""
    details, checks = _read(_footer(*payments))
    assert (details.document_type, details.amount) == ("cash_receipt", total)
    assert checks["amount"].status == CheckStatus.UNVERIFIED


def test_a_split_payment_whose_change_is_unread_gives_no_sum() -> None:
    details, _ = _read(_footer("НАЛИЧНЫМИ =1000.00", "БЕЗНАЛИЧНЫМИ =517.00", "СДАЧА ≡ №"))
    assert details.amount != "1517.00"


def test_a_split_payment_under_a_total_leaves_the_total() -> None:
    assert _read(_footer("ИТОГ =3517.00", "НАЛИЧНЫМИ =3000.00", "БЕЗНАЛИЧНЫМИ =500.00"))[0].amount == "3517.00"


def test_a_fiscal_sign_whose_label_reads_as_a_dollar_is_read() -> None:
    """A receipt's small bold Ф reads as «$»: «$П: 2583630948»."""
    assert _read(_footer("БЕЗНАЛИЧНЫМИ =517.00", "$П: 2583630948"))[0].fiscal_sign == "2583630948"


def test_a_guest_check_of_a_54_fz_register_is_a_cash_receipt() -> None:
    """A café's check from its register's program: «К оплате», then the register's own numbers."""
    lines = ["ИП Сидорова А.В.", "Чек 26 августа 2017", "К оплате ....... 150,00 руб.", f"ИНН: {INN}",
             "РН ККТ: 0000123400056789", "ЗН ККТ: 0239140002011111"]  # fmt: skip
    assert classify(lines) == DocumentType.CASH_RECEIPT


def test_a_totals_label_behind_a_speck_read_as_a_letter_is_read() -> None:
    """A bathhouse's guest bill photographed on a quilted cloth: a speck of the edge before «Всего» reads as «о»."""
    lines = ["Дата: 15-05-2024", "Стол # 08.", "Прокат простыни 15.0 4500.00", "НДС в сумму чека включен."]
    assert _read([*lines, "о Всего: 92640.00 ry sai"])[0].amount == "92640.00"


def test_a_lone_word_before_another_label_is_no_speck() -> None:
    """«в Банк …» wraps a transfer's «Перевод в» onto the next line: «Банк» there names no bank label's value."""
    assert _read(["Перевод в", "в Банк получателя: Банк Точка", "Сумма 100,00 ₽"])[0].bank_name != "Точка"


def test_a_bank_apps_whole_roubles_keep_no_kopecks_from_another_sum() -> None:
    """A bank's app prints whole roubles without kopecks («Итого 1 000 ₽»): nothing of theirs is lost."""
    lines = ["Квитанция о переводе", "Перевод по номеру телефона", "Итого 1 000 ₽", "Остаток на счёте 1 000,37 ₽"]
    details, _ = _read(lines)
    assert (details.document_type, details.amount) == ("bank_transfer", "1000.00")


@pytest.mark.parametrize(
    ("totals", "amount"),
    [
        (["итого =4.06", "ИТОГО К ОПЛАТЕ 34.06"], "4.06"),
        (["ВСЕГО =142.00", "ИТОГ 2142.00"], "142.00"),
        (["ИТОГ 3142.00", "НАЛИЧНЫМИ =3142.00"], "3142.00"),
    ],
    ids=["equals-read-as-3", "triple-bar-read-as-2", "one-total-stands"],
)
def test_a_sign_before_a_large_print_total_read_as_a_digit_is_no_digit(totals: list[str], amount: str) -> None:
    """A register prints «=» or «≡» before its sums, and in the total's large type OCR reads it as a 3 or a 2: two
    totals of one receipt that differ by that one leading digit are one sum read twice. A total no other total
    restates keeps its digits."""
    details, found = _read(_register_receipt("Молоко 1 шт =4.06", *totals))
    assert details.amount == amount
    restated = any(line.startswith("НАЛИЧНЫМИ") for line in totals)  # the payment lines state the total again
    assert (found["amount"].status == CheckStatus.VERIFIED) == restated


@pytest.mark.parametrize("operator", ["Сайт 0$Д: www.ofd9.ru", "0ФД: Платформа ОФД 7", "Сайт 0ФД: ЧЕК 2"])
def test_the_operators_label_whose_o_reads_as_a_zero_names_no_document_number(operator: str) -> None:
    """«Сайт ОФД:», the fiscal data operator's site, with its О read as a zero and its Ф as «$»: no «ФД» label."""
    details, _ = _read(_register_receipt(operator, "ИТОГ =99.00"))
    assert details.fiscal_document_number is None


def test_a_document_number_beside_the_fiscal_sign_is_read_with_the_operators_label_above() -> None:
    details, _ = _read(_register_receipt("Сайт 0$Д: www.ofd9.ru", "ИТОГ =99.00", "ФД:1948 ФП:0765708786"))
    assert (details.fiscal_document_number, details.fiscal_sign) == ("1948", "0765708786")


@pytest.mark.parametrize("ekzl", ["ЭКЛЗ 7021050376", "ЭКЛЗ 702105037", "ККМ 00044377"])
def test_an_ekzl_registers_fiscal_mark_over_another_number_has_no_fiscal_sign(ekzl: str) -> None:
    """An ЭКЛЗ-era register prints «ФП», its fiscal mode's mark, alone on a grey band over the ЭКЛЗ's number."""
    lines = ["ПРОДАЖА", "ИТОГ =1502.00", "НАЛИЧНЫМИ =5003.00", "СДАЧА =3501.00", "ФП", ekzl, "00077543 #919500"]
    assert _read(lines)[0].fiscal_sign is None


def test_a_fiscal_sign_under_its_label_is_read() -> None:
    assert _read(_register_receipt("ИТОГ =99.00", "ФД: 1948", "ФП", "1557276723"))[0].fiscal_sign == "1557276723"


_DISCOUNTED_COPY = [
    "Копия чека",
    "09.08.2023 20:17",
    "ТОВАРОВ В ЧЕКЕ: 3",
    "итого: . ..593,00",
    "Скидка: Итого. .",
    ".. 10.00%. .59.30",
    "{due}",
    "Включая налоги",
    "НДС 20% 88.95",
]


@pytest.mark.parametrize("due", ["К ОПЛАТЕ: ..533.70", "K On/aTEi. ..533.70", "К ОП/АТЕ: 533.70"])
def test_what_a_receipt_asks_after_its_discount_is_read_in_indras_misreadings_of_its_label(due: str) -> None:
    """A shop's copy prints «ИТОГО 593.00» before a 10% discount and «К ОПЛАТЕ 533.70» after it; Indra OCR reads the
    small print's Л as a slash and the colon as a Latin «i» (the fifth held-out batch): still the label of the sum."""
    lines = [line.format(due=due) for line in _DISCOUNTED_COPY]
    assert _read(lines)[0].amount == "533.70"


@pytest.mark.parametrize("line", ["ИТОГИ ДНЯ 593.00", "К оплатеIn 533.70"])
def test_a_labels_letters_going_on_into_a_word_are_no_label(line: str) -> None:
    """Only a Latin «i» that ends the word stands for the colon; a word that goes on is another word."""
    from model.labels import label_matches

    assert not [rule for rule, _ in label_matches(line) if rule.field == "amount"]


def test_an_inn_whose_last_digit_the_papers_edge_cut_is_repaired_never_verified() -> None:
    """«ИНН: 782548315(»: the photo ends inside the last digit, whose round left half reads as a bracket. The one round
    digit that passes the check digit completes it, and the person is asked to compare it."""
    inn = "5401234566"
    details, checks = _read(["КАССОВЫЙ ЧЕК", 'ООО "Звезда"', "ККТ № 009110251 ИНН: 540123456(", "ИТОГ *472.00"])
    assert details.recipient_inn == inn
    assert (checks["recipient_inn"].status, checks["recipient_inn"].rule) == (CheckStatus.REPAIRED, "inn_check_digits")


@pytest.mark.parametrize(
    "line",
    [f"ИНН: {INN[:-1]}(", "ИНН: 540123456( 26.09.17", "ИНН: 54012345("],
    ids=["its check digit is no round one", "not at the line's end", "two digits lost"],
)
def test_an_inn_cut_by_the_edge_is_not_completed_by_a_guess(line: str) -> None:
    """7707083893's check digit, 3, is not the left half of a bracket: some digit read is then wrong."""
    details, _ = _read(["КАССОВЫЙ ЧЕК", 'ООО "Звезда"', line, "ИТОГ *472.00"])
    assert details.recipient_inn is None


def test_an_ekzl_registers_fiscal_memory_serial_is_no_fiscal_sign() -> None:
    """«ККМ с ФП 1035943» names a register with fiscal memory and its serial: an ЭКЛЗ-era receipt has no ФН, so no
    54-ФЗ fiscal sign, and the serial under its «ФП» is none."""
    details, _ = _read(
        [
            'ООО "Ромашка"',
            "ПРОДАЖА №00615835 СМЕНА №1776",
            "Наличные =550,20",
            "ИТОГ =511.19",
            "#7458 К30 13-11-12 19:26",
            f"ИНН 00{INN}",
            "ККМ с ФП 10359434",
            "ЭКЛЗ 1429188860",
        ]
    )
    assert details.fiscal_sign is None
    assert (details.amount, details.recipient_inn) == ("511.19", INN)


def test_a_sellers_tovarny_chek_is_a_receipt_whose_payment_line_names_no_bank() -> None:
    """A café's «ТОВАРНЫЙ ЧЕК» records a sale, as a receipt does: its «Итого к оплате» is no invoice's, and «Сбербанк
    915,00» under it is how the buyer paid, not the seller's bank."""
    lines = [
        "Кафе Ромашка ----- ИП Смирнов Олег",
        "ИНН 500100732259",
        "ТОВАРНЫЙ ЧЕК",
        "Касса: 22",
        "Дата: 30.11.2025 19:11",
        "Морс 400 мл 1 порц x 125,00 125,00",
        "Итого к оплате: 125,00",
        "Наличные 0,00",
        "Сбербанк",
        "125,00",
        "ИТОГО: 125,00",
    ]
    assert classify(lines) == DocumentType.CASH_RECEIPT
    details, _ = _read(lines)
    assert details.bank_name is None
    assert (details.recipient_name, details.amount) == ("ИП Смирнов Олег", "125.00")


@pytest.mark.parametrize("leader", ["-----", "----^", "~~~"])
def test_the_seller_is_the_legal_entity_after_the_signs_leader(leader: str) -> None:
    details, _ = _read(["ТОВАРНЫЙ ЧЕК", f"Кафе Ромашка {leader} ИП Смирнов Олег", "ИТОГО: 125,00"])
    assert details.recipient_name == "ИП Смирнов Олег"


@pytest.mark.parametrize("initials", ["4.B.", "A.B.", "А.8."], ids=["digit", "latin", "eight"])
def test_an_ip_initial_read_as_a_digit_or_a_latin_letter_is_its_cyrillic_capital(initials: str) -> None:
    details, _ = _read([f"ИП Богданов {initials}", "ККМ 00173886 ИНН 500100732259 #6326", "ИТОГ =200.00"])
    assert details.recipient_name == "ИП Богданов А.В."


def test_initials_that_map_onto_no_capital_are_left_as_read() -> None:
    details, _ = _read(["ИП Богданов 1.2.", "ИТОГ =200.00"])
    assert details.recipient_name != "ИП Богданов А.В."


def test_initials_keep_their_printed_spacing_when_spelled_as_capitals() -> None:
    details, _ = _read(["ИП Богданов 4. B.", "ИТОГ =200.00"])
    assert details.recipient_name == "ИП Богданов А. В."


@pytest.mark.parametrize("department", ["Отдел 1", "| Отдел 1", "Отлел 1", "СЕКЦИЯ 02"])
def test_a_stacked_total_does_not_read_the_department_under_it(department: str) -> None:
    """An ЭКЛЗ-era ККМ prints «Итого» over its sales by department («Отдел 1», Indra's «Отлел 1») and its «ИТОГ
    =406.00» further down: the department's number is no total, also where both readers read it alike (their
    agreement outvoted the ИТОГ that only one of them read)."""
    lines = [
        f"ККМ 00015081 ИНН 00{INN} #4267",
        "28.05.17 15:29 Кассир",
        "ПРОДАЖА #3966",
        "Итого",
        department,
        "Харчо с лисичками 2.00 152.00",
        "ИТОГ =406.00",
    ]
    garbled = [*lines[:-1], "ИтоГ T 0 14 - 4 10 0 6"]
    candidates = pool_readings(extract_candidates(lines, Source.OCR), extract_candidates(garbled, Source.INDRA))
    details, _ = resolve(candidates, classify(lines), Source.OCR)
    assert details.amount == "406.00"


@pytest.mark.parametrize("total", [["Итого", "1 200"], ["Итого:", "= 75"], ["ИТОГО", "руб 75"]])
def test_a_stacked_total_of_a_few_roubles_is_still_read(total: list[str]) -> None:
    details, _ = _read(["КАССОВЫЙ ЧЕК", *total])
    assert details.amount is not None and details.amount.endswith(total[1][-2:] + ".00")
