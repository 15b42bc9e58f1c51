import pytest

from model.fields import classify, extract_candidates
from model.schema import DocumentType, Source
from model.values import digit_tokens


def _values(lines: list[str], field: str, source: Source = Source.OCR) -> list[str]:
    return [c.value for c in extract_candidates(lines, source) if c.field == field]


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("ИНН 7707083893", "recipient_inn", "7707083893"),
        ("UHH 7707083893", "recipient_inn", "7707083893"),  # Tesseract's Latin look-alikes
        ("ИНН/КПП 7707083893/773601001", "recipient_inn", "7707083893"),
        ("ИНН/КПП 7707083893/773601001", "recipient_kpp", "773601001"),
        ("ИНН 7707083893 КПП 773601001", "recipient_kpp", "773601001"),
        ("БИК 044525225", "bank_bic", "044525225"),
        ("BUK: 044525225", "bank_bic", "044525225"),
        ("Р/с 40702810938000000001 в банке ПАО Сбербанк", "recipient_account", "40702810938000000001"),
        ("Р/с 40702810938000000001 в банке ПАО Сбербанк", "bank_name", "ПАО Сбербанк"),
        ("K/c 30101810400000000225", "bank_corr_account", "30101810400000000225"),
        ("Корр. счёт 3010 1810 4000 0000 0225", "bank_corr_account", "30101810400000000225"),
        ("Счёт получателя 4070281O938000000001", "recipient_account", "40702810938000000001"),
        ("ФН 9282000100072197", "fiscal_drive_number", "9282000100072197"),
        ("ФД № 64318 ФП 2918241905", "fiscal_document_number", "64318"),
        ("ФД № 64318 ФП 2918241905", "fiscal_sign", "2918241905"),
        ("ИТОГ =3943,26", "amount", "3943.26"),
        ("Сумма перевода 1 234,56 ₽", "amount", "1234.56"),
        ("Дата операции 18.04.2024 12:30", "payment_date", "2024-04-18"),
        ("Получатель ООО «Ромашка» ИНН 7707083893", "recipient_name", "ООО «Ромашка»"),
        ("АО “Профмир“ СЧЁТ № 913", "recipient_name", "АО “Профмир“"),  # an invoice's header line
        ("АО «Нефтеторг» СЧЕТ Ne 500", "recipient_name", "АО «Нефтеторг»"),
        ("ООО «Счётмаш» СЧЁТ НА ОПЛАТУ № 12", "recipient_name", "ООО «Счётмаш»"),
        ("Банк получателя ПАО Сбербанк", "bank_name", "ПАО Сбербанк"),
        ("Банк получателя АО «Россельхозбанк» р oe", "bank_name", "АО «Россельхозбанк»"),  # specks after the quote
        ("Получатель ООО «Ромашка» Юг", "recipient_name", "ООО «Ромашка» Юг"),  # a word is kept
        ("Плательщик: ООО «Три медведя» _ gr ULL", "payer_name", "ООО «Три медведя»"),  # a form's blank, specks
        ("Банк получателя ПАО «Промсвязьбанк» __ BANK 044525555", "bank_name", "ПАО «Промсвязьбанк»"),
        ("Назначение платежа: Оплата по договору № 12_2024 ____", "purpose", "Оплата по договору № 12_2024"),
        ("Назначение платежа Оплата по счёту № 15", "purpose", "Оплата по счёту № 15"),
        ("ФИО отправителя Иван Иванович И.", "payer_name", "Иван Иванович И."),
    ],
)
def test_extract_candidates_reads_labelled_values(line: str, field: str, expected: str) -> None:
    assert expected in _values([line], field)


def test_extract_candidates_reads_value_under_its_label() -> None:
    lines = ["Получатель", "Иван Петрович С.", "Банк получателя", "АО «Т-Банк»"]
    assert _values(lines, "recipient_name")[0] == "Иван Петрович С."
    assert _values(lines, "bank_name")[0] == "АО «Т-Банк»"


@pytest.mark.parametrize("bank", ["Банк Точка", "Банк ВТБ (ПАО)", "Банк «Кедр» (АО)"])
def test_a_bank_named_banks_under_its_label_keeps_its_name(bank: str) -> None:
    assert _values(["Банк получателя", bank, "БИК 044525104"], "bank_name") == [bank]


@pytest.mark.parametrize(
    "lines", [["Банк получателя", "Банк получателя: Т-Банк"], ["Банк получателя", "Банк получателя", "Т-Банк"]]
)
def test_a_label_under_a_label_is_no_bank_name(lines: list[str]) -> None:
    assert "Банк получателя" not in " ".join(_values(lines, "bank_name"))


def test_a_bank_name_wrapped_after_its_legal_form_is_joined() -> None:
    lines = ["Банк получателя Северо-Западный банк ПАО", "Сбербанк", "БИК 044030653"]
    assert _values(lines, "bank_name")[0] == "Северо-Западный банк ПАО Сбербанк"
    assert _values(["Банк получателя Банк ГПБ (АО)", "Иван Петрович С."], "bank_name") == ["Банк ГПБ (АО)"]


@pytest.mark.parametrize("line", ["Т-Банк", "АО «Банк Экспобанк»", "Сбербанк", "АО КБ «Алтайкапитал»"])
def test_a_line_naming_only_a_bank_is_a_bank_even_without_its_caption(line: str) -> None:
    """A stacked receipt's light-grey captions are what OCR loses first; the values stay."""
    lines = ["Чек по операции", "АО «Гермес»", "40702810585245213317", line, "10 846,93 руб."]
    assert _values(lines, "bank_name") == [line]
    assert _values(lines, "recipient_name") == ["АО «Гермес»"]


def test_specks_after_a_quoted_bank_name_are_dropped_with_the_comma_after_them() -> None:
    assert _values(["банк АО «Россельхозбанк» р oe,"], "bank_name") == ["АО «Россельхозбанк»"]


def test_a_bank_line_keeps_its_name_when_its_bik_cell_shares_the_line() -> None:
    """A 1C invoice prints "ПАО Сбербанк | БИК 044525225" on one row; blur may take the caption under it."""
    lines = ["ПЛО Сбербанк БИК (044525225 ИЕ |", "| Bam подучатела И, Е №. | 30101810400000000325 Е"]
    assert _values(lines, "bank_name") == ["ПАО Сбербанк"]


@pytest.mark.parametrize("line", ["Перевод клиенту Т-Банка", "ООО «Банкет»", "Банк получателя", "Банк 044525974"])
def test_lines_that_only_mention_a_bank_are_no_bank_name(line: str) -> None:
    assert _values([line], "bank_name") == []


def test_extract_candidates_ignores_vat_lines_for_amount() -> None:
    assert _values(["Сумма НДС 20% 120,00", "Итого 720,00"], "amount") == ["720.00"]


def test_extract_candidates_adds_currency_only_with_an_amount() -> None:
    assert _values(["Итого 10,00 ₽"], "currency") == ["RUB"]
    assert _values(["ИНН 7707083893"], "currency") == []


def test_extract_candidates_marks_source_and_prefers_labels() -> None:
    candidates = extract_candidates(["БИК 044525225", "044525974"], Source.PDF)
    bics = [(c.value, c.score) for c in candidates if c.field == "bank_bic"]
    assert bics[0] == ("044525225", 1.0)
    assert ("044525974", 0.3) in bics
    assert {c.source for c in candidates} == {Source.PDF}


@pytest.mark.parametrize(
    "line",
    [
        "ИНН/КПП продавца: 0486712259/048643001",
        "ИНН 0486712259 КПП 048643001",
        "ИНН/КПП продавца: 1046239844/104601001",
    ],
    ids=["a КПП 04… after its ИНН", "a КПП 04… after its label", "an ИНН 104… behind no border"],
)
def test_a_companys_inn_or_kpp_is_no_bik_by_its_shape(line: str) -> None:
    """A счёт-фактура names no bank: a КПП of a tax office 04… or an ИНН 104… (its 1 taken for a grid's border) is no
    БИК, which two readers agreeing on would verify (``bench.hostile``'s invoice_facture)."""
    assert _values(["Счёт-фактура № 524 от 19.08.2026", line], "bank_bic") == []


def test_a_bik_alone_behind_a_border_is_still_read_by_its_shape() -> None:
    assert _values(["Счёт на оплату № 5", "ПАО Сбербанк | 1044525225"], "bank_bic") == ["044525225"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7707083893", ["7707083893"]),
        ("77O7O83893", ["7707083893"]),
        ("4070 2810 9380", ["407028109380", "4070", "2810", "9380"]),
        ("Оплата", []),
    ],
)
def test_digit_tokens_maps_lookalikes(text: str, expected: list[str]) -> None:
    assert digit_tokens(text) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["КАССОВЫЙ ЧЕК", "ПРИХОД", "ИТОГ 100,00"], DocumentType.CASH_RECEIPT),
        (["Счёт на оплату № 15"], DocumentType.INVOICE),
        (["Чек по операции", "Перевод клиенту"], DocumentType.BANK_TRANSFER),
        (["Просто текст"], DocumentType.OTHER),
        # an ЭКЛЗ-era receipt whose head the photo garbled: its total and the means of payment under it
        (["Res МАГНИТ -КАЧУРКА “SHCA", "= ИТОГ „ 2252.96", "ПЛАТ. КАРТОЙ 2252.96"], DocumentType.CASH_RECEIPT),
        (["ИТОГ 100,00", "НАЛИЧНЫМИ 100,00"], DocumentType.CASH_RECEIPT),
        (["Оплата наличными при получении"], DocumentType.OTHER),
    ],
)
def test_classify_by_telltale_words(lines: list[str], expected: DocumentType) -> None:
    assert classify(lines) == expected


def test_extract_candidates_keeps_the_payers_inn_out_of_the_recipients() -> None:
    lines = ["Поставщик ООО «Белые ночи», ИНН 7707083893", "Покупатель O00 «Инвестпром», ИНН 2409948905"]
    assert _values(lines, "recipient_inn") == ["7707083893"]
    assert _values(lines, "payer_name") == ["ООО «Инвестпром»"]


@pytest.mark.parametrize(
    ("lines", "field", "expected"),
    [
        (["АО «Пятёрочка-Юг»", "(наименование получателя платежа)"], "recipient_name", "АО «Пятёрочка-Юг»"),
        (["в АО «Райффайзенбанк» БИК 044525700", "(наименование банка)"], "bank_name", "АО «Райффайзенбанк»"),
        (["Оплата по счёту № 242", "(наименование платежа)"], "purpose", "Оплата по счёту № 242"),
        (["Назначение платежа Оплата по договору № 974 от", "29.11.2023"], "purpose",
         "Оплата по договору № 974 от 29.11.2023"),
        (["Квитанция о переводе", "1 788,67 руб."], "amount", "1788.67"),
        (["Итого: 10 808 руб. 10 коп."], "amount", "10808.10"),
    ],
)  # fmt: skip
def test_extract_candidates_reads_form_layouts(lines: list[str], field: str, expected: str) -> None:
    assert expected in _values(lines, field)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Счёт на оплату № 289 от 16 мая 2025 г."], ["2025-05-16"]),
        (["Оплата по договору № 5 от 01.02.2024"], []),
        (["Оплата по договору № 5 от 01.02.2024", "«26» апреля 2024 г."], ["2024-04-26"]),
        (["Договор № 5 от «23» июля 2023 г."], []),  # a quoted day after "от" is still a reference
    ],
)
def test_extract_candidates_skips_dates_of_referenced_documents(lines: list[str], expected: list[str]) -> None:
    assert _values(lines, "payment_date") == expected


@pytest.mark.parametrize(
    "lines",
    [
        ["ООО «Кедр» СЧЁТ № 440", "г. Челябинск, ул. Советская, д. 166 от 27.02.2023", "Оплатить до 04.03.2023"],
        ["СЧЕТ № 440 от 27.02.2023", "Оплатить до 04.03.2023"],
        ["ИП Захаров Б. Б. СЧЁТ № 440", "420036, г. Казань, д. 114 от 27,02,2023"],  # blurred dots read as commas
    ],
)
def test_an_invoice_is_dated_by_its_number_not_its_deadline(lines: list[str]) -> None:
    assert _values(lines, "payment_date") == ["2023-02-27"]


def test_a_referenced_invoice_or_an_account_number_dates_nothing() -> None:
    assert _values(["Оплата по счёту № 440 от 27.02.2023"], "payment_date") == []
    assert _values(["Счёт № 40702810938000000001", "Выписка от 01.03.2023"], "payment_date") == []


@pytest.mark.parametrize("line", ["Корр. счёт", "Корр. счёт 50101810260910000673", "К/сч 50101810260910000673"])
def test_a_correspondent_account_label_is_not_the_recipients_account(line: str) -> None:
    """The "счёт" inside "Корр. счёт" is no account label of its own, even when OCR spoils the 30101 prefix."""
    lines = [line, "50101810260910000673"] if line == "Корр. счёт" else [line]
    assert _values(lines, "recipient_account") == []
    assert _values(lines, "bank_corr_account") == ["50101810260910000673"]


def test_a_digit_that_looks_like_v_is_no_bank_caption() -> None:
    """OCR's look-alikes let "8" stand for "в"; under a seller's name that must not make the name a bank."""
    lines = ["ООО «Инвестлайн»", "} 7823615997 |"]
    assert _values(lines, "bank_name") == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("| в AO KB «Северный кредит» | БИК 045782245 |", "АО КБ «Северный кредит»"),
        ("BAO КБ «Северный кредит» = БИК 045782245", "АО КБ «Северный кредит»"),  # "в" glued on, read Latin
        ("в ПАО Сбербанк", "ПАО Сбербанк"),
        ("ВТБ (ПАО)", "ВТБ (ПАО)"),  # a name's own capital В stays
    ],
)
def test_the_preposition_before_a_captioned_bank_is_dropped(line: str, expected: str) -> None:
    """A ПД-4 prints the bank on the line above "(наименование банка)", sometimes after the "в" of its account."""
    assert _values([line, "(наименование банка)"], "bank_name")[0] == expected


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("Получатель AO «Профмир»", "recipient_name", "АО «Профмир»"),
        ("Получатель OOO «IT Lab»", "recipient_name", "ООО «IT Lab»"),  # the name's own Latin stays
        ("Банк получателя Банк ГПБ (AO)", "bank_name", "Банк ГПБ (АО)"),
        ("Банк получателя ПAO Сбербанк", "bank_name", "ПАО Сбербанк"),
        ("Плательщик: CBO Иванов", "payer_name", "CBO Иванов"),  # not a legal form: as read
        ("Получатель COO «Белые ночи»", "recipient_name", "ООО «Белые ночи»"),  # what blur makes of ООО
        ("Получатель O00 «Неваресурс»", "recipient_name", "ООО «Неваресурс»"),
        ("Банк получателя ПЛО Сбербанк", "bank_name", "ПАО Сбербанк"),  # and of ПАО
        ("Банк получателя ПАС «Банк Развитие»", "bank_name", "ПАО «Банк Развитие»"),
        ("Получатель ООО «ПАС»", "recipient_name", "ООО «ПАС»"),  # only the form opening a name is undone
        ("Банк получателя AQ «ТБанк»", "bank_name", "АО «ТБанк»"),  # an italic О's tail read as Q
        ("Получатель OOQ «Неваресурс»", "recipient_name", "ООО «Неваресурс»"),
    ],
)
def test_legal_forms_read_in_latin_are_spelled_in_cyrillic(line: str, field: str, expected: str) -> None:
    assert _values([line], field) == [expected]


def test_a_zero_total_is_no_amount() -> None:
    assert _values(["Сумма 0,00 ₽"], "amount") == []
    assert _values(["ИТОГ =0.00", "Сумма 1 234,56 ₽"], "amount") == ["1234.56"]
    assert _values(["Документ об операции", "0.00 руб"], "amount") == []  # the big figure atop a receipt, as zero


@pytest.mark.parametrize("line", ['ООО `Технологистик"', "ООО 'Технологистик'", "ООО „Технологистик“"])
def test_an_unlabelled_org_line_with_any_quote_is_a_name(line: str) -> None:
    """A cash receipt's seller stands unlabelled on its first line; OCR turns a blurred « into ` or '."""
    assert _values([line, "г. Челябинск, ул. Кирова, д. 17"], "recipient_name") != []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("10 166,63 ₽", ["10166.63"]),
        ("131178.21 RUB", ["131178.21"]),  # six digits in one group, as some banks print them
        ("9712.18 RUB Ke", ["9712.18"]),  # a speck of the screen after the currency
        ("_ 10166,63 P", ["10166.63"]),  # ₽ read as a Latin P
        ("9712.18 RUB Комиссия", []),  # a word after it: not the amount on its own
        ("5431", []),  # no currency: an account's last digits, a code
    ],
)
def test_an_amount_alone_on_its_line_is_the_transfer_amount(line: str, expected: list[str]) -> None:
    """Bank receipts print the amount large, alone on its line; a blurred photo loses its grey caption."""
    assert _values(["Квитанция о переводе", line], "amount") == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("| 000 «Белые ночи»", "ООО «Белые ночи»"),  # the receipt's edge read as "|"
        ("Ц ИП Михайлов А. А.", "ИП Михайлов А. А."),  # a speck before the seller
        ("COO «БЕЛЫЕ НОЧИ» |", "ООО «БЕЛЫЕ НОЧИ»"),
    ],
)
def test_a_seller_line_behind_a_speck_is_read_without_it(line: str, expected: str) -> None:
    assert _values([line, "г. Челябинск, ул. Кирова, д. 17"], "recipient_name") == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("wan 3646735630", ["3646735630"]),  # "ИНН" blurred past reading, the number still valid
        ("} 7823615997 |", ["7823615997"]),
        ("HH _  362326453052 РО S is", ["362326453052"]),  # an individual's twelve digits
        ("wan 3646735631", []),  # check digit wrong: a number, not an ИНН
        ("ФП 3337101562", []),  # labelled as something else (it passes the ИНН's check by chance)
        ("Номер операции 3646735630", []),
        ("Телефон получателя 3646735630", []),  # words beside it: something else's number
    ],
)
def test_a_valid_inn_alone_on_its_line_is_the_recipients_inn(line: str, expected: list[str]) -> None:
    assert _values(["ООО «Инвестлайн»", line], "recipient_inn") == expected


def test_a_payer_label_with_shch_read_as_ts_is_still_the_payer() -> None:
    assert _values(["Плательцик: Алина Дмитриевна"], "payer_name") == ["Алина Дмитриевна"]
    assert _values(["Плательцик` Алина Дмитриевна"], "payer_name") == ["Алина Дмитриевна"]  # a speck after it


@pytest.mark.parametrize(
    ("lines", "field", "expected"),
    [
        (["Перевод по СБП", "Евгений Евгеньевич С.", "+7 (938) 685-71-37"], "recipient_name",
         ["Евгений Евгеньевич С."]),
        (["Перевод по реквизитам", "Сорокина Галина Андреевна", "40817810563402930470"], "recipient_name",
         ["Сорокина Галина Андреевна"]),
        (["415,00 р.", "Александр Александрович С.", "ese 9892"], "payer_name", ["Александр Александрович С."]),
        (["Александр Александрович С.", "•••• 9892"], "payer_name", ["Александр Александрович С."]),
        (["Перевод по реквизитам", "Сорокина Галина Андреевна", "Банк получателя"], "recipient_name", []),
        (["Перевод по СБП", "Без комиссии", "+7 (938) 685-71-37"], "recipient_name", []),  # no person's name
    ],
)  # fmt: skip
def test_a_person_line_without_its_caption_is_named_by_the_line_under_it(
    lines: list[str], field: str, expected: list[str]
) -> None:
    """Light-grey captions ("Получатель", "ФИО отправителя") are what a photo's OCR loses first."""
    assert _values(lines, field) == expected


def test_the_two_lines_under_the_fiscal_drive_are_its_document_number_and_sign() -> None:
    """Blur turns "ФД:" and "ФП:" into specks; the ФН's sixteen digits survive, and the order is fixed."""
    lines = [
        "РН ККТ: 0007313651034420",
        "ФН № 7380440887894330",
        "Of Nt 64171",
        "on 2302259259",
        "Сайт ФНС: nalog.gov.ru",
    ]
    assert _values(lines, "fiscal_document_number") == ["64171"]
    assert _values(lines, "fiscal_sign") == ["2302259259"]
    assert _values(["ФН: 9287440718864352", "On: PDS 7055", "ФП: 1590653574"], "fiscal_document_number") == ["7055"]


@pytest.mark.parametrize(
    "lines",
    [
        ["ФН № 7380440887894330", "Сайт ФНС: nalog.gov.ru", "on 2302259259"],  # a line of words breaks the order
        ["ФН № 7380440887894330", "12 x 3 = 36"],  # several numbers: an item line
    ],
)
def test_only_speck_labelled_single_numbers_under_the_drive_are_fiscal_numbers(lines: list[str]) -> None:
    assert _values(lines, "fiscal_document_number") == []
    assert _values(lines, "fiscal_sign") == []


def test_a_dollar_sign_before_a_digit_is_a_blurred_five_on_a_page_without_dollars() -> None:
    assert _values(["Итого: $3 776,40"], "amount") == ["53776.40"]
    assert _values(["Итого: $3 776,40"], "currency") == ["RUB"]
    assert _values(["Итого: $3 776,40", "Валюта: USD"], "amount") == ["3776.40"]  # a page that names dollars
    assert _values(["Итого: $3 776,40"], "amount", Source.PDF) == ["3776.40"]  # a text layer does not blur


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Итого 10,00 ₽"], "RUB"),
        (["Итого 100.00 USD"], "USD"),
        (["Итого: $100.00", "Оплата в USD"], "USD"),
        (["Итого: 20 EUR"], "EUR"),
        (["Итого 10,00", "Si ¥ oe HF Nee"], "RUB"),  # a speck read as ¥, beside no number: the default
    ],
)
def test_the_currency_is_the_one_printed_beside_a_number(lines: list[str], expected: str) -> None:
    assert _values(lines, "currency") == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Счёт получателя 40817810563402930470", ["40817810563402930470"]),
        ("Р/с 40702810938000000001", ["40702810938000000001"]),
        ("Счёт № 03100643000000018500", ["03100643000000018500"]),  # the treasury's
        ("Карр счет `35121830850750000858", []),  # a blurred "Корр. счёт": its number is no payee's account
    ],
)
def test_a_labelled_account_is_read_only_where_payee_accounts_start(line: str, expected: list[str]) -> None:
    assert sorted(set(_values([line], "recipient_account"))) == expected  # labelled and by shape alone


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Получатель ИП Захаров Б, Б, ВИ ФАН", "ИП Захаров Б. Б."),  # specks after the initials, commas for dots
        ("Получатель ИП Иванова А. Н.", "ИП Иванова А. Н."),
        ("Получатель Захаров Борис Борисович", "Захаров Борис Борисович"),
    ],
)
def test_a_name_ends_with_its_initials(line: str, expected: str) -> None:
    assert _values([line], "recipient_name") == [expected]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["(tag inition Оплата за аренду квартиры"], ["Оплата за аренду квартиры"]),  # caption blurred to specks
        (["Оплата по счёту № 221 от 23.07.2023, в т.ч. НДС 20% 2168.58"],
         ["Оплата по счёту № 221 от 23.07.2023, в т.ч. НДС 20% 2168.58"]),
        (["# ИТ тожа Возврат займа по договору от", "19.09.2025"], ["Возврат займа по договору от 19.09.2025"]),
        (["Оплатить до 21.04.2021"], []),  # a deadline, not a purpose
    ],
)  # fmt: skip
def test_a_line_that_begins_like_a_purpose_is_the_purpose(lines: list[str], expected: list[str]) -> None:
    assert set(_values(lines, "purpose")) == set(expected)


def test_a_value_does_not_continue_onto_a_line_of_specks() -> None:
    lines = ["Назначение платежа: Оплата по счёту № 813 от 26.11.2022, в т.ч. НДС 20% 102.81 к", "—--енла---е * SE eee"]
    assert _values(lines, "purpose")[0].endswith("102.81 к")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ФИО г отеля ООО «Золотой колос»", ["ООО «Золотой колос»"]),  # "ФИО получателя" blurred to short words
        ("Покупатель: ООО «Уралтрейд»", []),  # a label of someone else's
        ("Оплата за товар ООО «Уралтрейд»", []),  # words, not specks
    ],
)
def test_a_quoted_company_behind_short_unlabelled_words_is_the_payee(line: str, expected: list[str]) -> None:
    assert _values([line], "recipient_name") == expected


def test_an_amount_whose_rouble_sign_reads_as_a_question_mark_is_still_the_amount() -> None:
    assert _values(["Документ об операции", "34 717,32?"], "amount") == ["34717.32"]


@pytest.mark.parametrize(
    ("line", "field"), [("Банк получателя ООО 3", "bank_name"), ("Получатель АО КБ", "recipient_name")]
)
def test_a_legal_form_and_specks_name_nothing(line: str, field: str) -> None:
    assert _values([line], field) == []


@pytest.mark.parametrize(
    ("lines", "field", "expected"),
    [
        # the invoice's title and 1C's item count with Latin look-alikes ("Ha" for «на")
        (["| Счет Ha оплату № 407 от 10 сентября 2019 г."], "payment_date", "2019-09-10"),
        (["| Всего наименований 2, Ha сумму 4 418,28 руб."], "amount", "4418.28"),
        # a seller's legal form in Latin letters on a line of its own, under a card slip
        (["ОДОБРЕНО", "AO «АЛЬФАЦЕНТР»", "614597, г. Пермь"], "recipient_name", "АО «АЛЬФАЦЕНТР»"),
        # a purpose whose caption blur took, its "по" read in Latin
        (["| Оплата no счёту № 99 от 09.12.2018"], "purpose", "Оплата no счёту № 99 от 09.12.2018"),
        # ИНН with the crossbar of its last Н lost: still a label, and not part of the name before it
        (["ИНИ 7707083893"], "recipient_inn", "7707083893"),
        (["Плательщик: ООО «Три медведя», ИНИ 6010040864"], "payer_name", "ООО «Три медведя»"),
        # fonts the corpus does not draw: a serif П read as И (Liberation Serif), a monospaced л as п (FreeMono),
        # an italic т as its handwritten m and ё with an accent (FreeSerif Italic, DejaVu Sans Oblique)
        (["ИНН 7707083893 КИП 770701001"], "recipient_kpp", "770701001"),
        (["ИНН 7707083893 КПЛ 770701001"], "recipient_kpp", "770701001"),  # a serif п read as л
        (["СЧЕГ-ОФЕРТА № 54-9920 от 18.10.2026"], "payment_date", "2026-10-18"),  # a Т without its bar's left arm
        (["Счёт на оппату № 17 от 05.12.2026"], "payment_date", "2026-12-05"),
        (["Cuém на оплату № 17 от 05.12.2026"], "payment_date", "2026-12-05"),
        (["CyéT № 17 от 05.12.2026"], "payment_date", "2026-12-05"),
        # a photo's «в» read as a capital «Ф» inside a lowercase word
        (["ОтпраФитель Морозов Дмитрий Сергеевич"], "payer_name", "Морозов Дмитрий Сергеевич"),
    ],
)  # fmt: skip
def test_labels_titles_and_forms_are_read_through_ocrs_look_alikes(lines: list[str], field: str, expected: str) -> None:
    assert _values(lines, field)[:1] == [expected]


def test_a_two_letter_label_gets_no_crossbar_look_alike() -> None:
    """«ФН» must not match the word «фи» of a blurred line; only labels of three letters or more may lose a bar."""
    assert _values(["| WAL) «АЛЬ фи trav DAK 044510693 |"], "fiscal_sign") == []
    assert _values(["фи 1282000100072197"], "fiscal_drive_number") == []  # no drive's prefix: read by label or not


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ou: \\ 9282000562287112", ["9282000562287112"]),  # "ФН:" blurred into specks
        ("7380440935775024", ["7380440935775024"]),
        ("0003251472172748", []),  # the register's РН ККТ: sixteen digits, no drive's prefix
        ("2200 7001 2345 6789", []),  # a bank card
        ("ЗН ККТ 9282000562287112", []),  # the register's serial number
        ("PH KKT 9282000562287112", []),  # its registration number, in Latin look-alikes
    ],
)
def test_sixteen_digits_with_a_drive_prefix_alone_on_their_line_are_the_fiscal_drive(
    line: str, expected: list[str]
) -> None:
    """A cash receipt's ФН survives blur that takes its two-letter label."""
    assert _values(["КАССОВЫЙ ЧЕК", line, "Сайт ФНС: www.nalog.gov.ru"], "fiscal_drive_number") == expected


@pytest.mark.parametrize(
    ("lines", "field", "expected"),
    [
        (["Сергей Сергеевич Г", "Телефон получателя", "+7 (949) 979-45-15"], "recipient_name", ["Сергей Сергеевич Г"]),
        (["Полина Юрьевна Л", "Coat сосиия", "+++. 5451"], "payer_name", ["Полина Юрьевна Л"]),  # «Счёт списания»
        (["Мария Павловна С", "Гоби Harn од вби", "+7 (924) 323-18-62"], "recipient_name", ["Мария Павловна С"]),
        (["Сергей Сергеевич Г.", "10 166,63 ₽", "+7 (949) 979-45-15"], "recipient_name", []),  # a value between
        (["Сергей Сергеевич Г.", "Телефон получателя", "Почта Банк"], "recipient_name", []),  # no contact under
    ],
)  # fmt: skip
def test_a_person_is_named_by_the_contact_under_the_next_caption(
    lines: list[str], field: str, expected: list[str]
) -> None:
    """Darkened, a blurred caption comes back as a line of its own, read or garbled, between a person whose own
    caption is lost and the phone or card printed under that caption."""
    assert _values(["Квитанция о переводе", *lines], field) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("hank получателя ПАО «Банк Новиком»", ["ПАО «Банк Новиком»"]),  # the caption read past its label
        ("Северо-Западный банк ПАО Сбербанк", ["Северо-Западный банк ПАО Сбербанк"]),
    ],
)
def test_a_garbled_bank_caption_is_not_part_of_the_banks_name(line: str, expected: list[str]) -> None:
    assert _values(["Квитанция о переводе", line, "БИК 043564961"], "bank_name") == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ИТГ = =142.00", ["142.00"]),  # a double-size «ИТОГ ≡142.00» read alone: the wide О lost
        ("ИТОГ — =164.00", ["164.00"]),
        ("A: Сумма НДС 18% =142, 06", []),  # the total's row merged into the VAT row: no total
    ],
)
def test_a_large_total_row_read_alone_gives_the_total(line: str, expected: list[str]) -> None:
    assert _values([line], "amount") == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Назначение платежа: _ sa"], []),  # a scan's specks under the caption
        (["Назначение платежа", "р"], []),
        (["Назначение платежа: Оплата по счету №960 от 06.04.2020"], ["Оплата по счету №960 от 06.04.2020"]),
        (["Назначение: НДС не облагается"], ["НДС не облагается"]),
    ],
)
def test_a_purpose_holds_a_word(lines: list[str], expected: list[str]) -> None:
    assert set(_values(lines, "purpose")) == set(expected)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # «ИНН» blurred past reading («HHH», an И read as H, now reads as the label: ``model.values._CROSSBAR_GAINED``)
        ("KKM 00173040 HH 002310031475 #5218", ["2310031475"]),  # the padded ten pass their check
        ("KKM 00173040 HH 002310031474 #5218", []),
    ],
)
def test_a_registers_padded_inn_is_found_by_its_shape(line: str, expected: list[str]) -> None:
    found = [c for c in extract_candidates([line]) if c.field == "recipient_inn"]
    assert [c.value for c in found] == expected and all(c.by_shape for c in found)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["ИНН 7707083893 КИП 770701001"], ["770701001"]),  # a serif П read as И
        (["ИНН 7707083893 КИ 770701001"], ["770701001"]),  # the label's last letter lost
        (["ИНН 7707083893 КИТ 770701001"], ["770701001"]),  # an italic П read as ИТ
        (["HHH 7707083893 КИП 770701001"], ["770701001"]),  # both labels lost: the ИНН found by its check digits
        (["ИНН 7707083893 БИК 044525225"], []),  # another label's value is no КПП
        (["ИНН 7707083893 ОГРН 1027700132195"], []),
        (["ИНИ 8015699959, КИЙ 501901001"], []),  # another region: one of the two is misread
    ],
)
def test_nine_digits_beside_the_payees_inn_are_its_kpp_whatever_its_label_was_read_as(
    lines: list[str], expected: list[str]
) -> None:
    assert _values(lines, "recipient_kpp") == expected


@pytest.mark.parametrize(
    "lines",
    [
        ["ИНН плательщика 7707083893 КИ 770701001"],
        ["Покупатель: ООО «Лютик»", "ИНН 7707083893 КИП 770701001"],
    ],
)
def test_the_kpp_beside_the_payers_inn_stays_the_payers(lines: list[str]) -> None:
    assert _values(lines, "recipient_kpp") == []


@pytest.mark.parametrize("title", ["(чёт на оплату № 17 от 05.12.2026", "чёт на оплату № 17 от 05.12.2026"])
def test_an_invoice_title_that_lost_its_first_letter_still_dates_and_names_the_invoice(title: str) -> None:
    assert _values([title], "payment_date") == ["2026-12-05"]
    assert classify([title]) == DocumentType.INVOICE


def test_a_report_is_no_invoice_title() -> None:
    assert classify(["Отчёт на оплату услуг"]) == DocumentType.OTHER


@pytest.mark.parametrize(
    "lines",
    [
        ["ООО «Кедр» СЧЁТ M 440", "г. Челябинск, ул. Советская, д. 166 от 27.02.2023", "Оплатить до 04.03.2023"],
        ["СЧЕТ M 440 от 27.02.2023", "Оплатить до 04.03.2023"],  # «№» as a monospaced oblique face gives it
        ["Счёт М 440 от 27.02.2023", "Оплатить до 04.03.2023"],
    ],
)
def test_an_invoice_whose_number_sign_was_read_as_m_is_dated_by_its_number(lines: list[str]) -> None:
    assert _values(lines, "payment_date") == ["2023-02-27"]


def test_a_word_after_invoice_is_no_number_sign() -> None:
    assert _values(["Счёт Mastercard от 27.02.2023"], "payment_date") == []


@pytest.mark.parametrize(
    ("lines", "field", "expected"),
    [
        (["Отправитель Виноградов Евгений", "Евгеньевич"], "payer_name", "Виноградов Евгений Евгеньевич"),
        (["Получатель Смирнова Анна", "Ильинична"], "recipient_name", "Смирнова Анна Ильинична"),
        (["Получатель Смирнова Анна", "Телефон"], "recipient_name", "Смирнова Анна"),  # no patronymic: its own row
    ],
)
def test_a_persons_name_wrapped_before_the_patronymic_is_joined(lines: list[str], field: str, expected: str) -> None:
    assert _values(lines, field) == [expected]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["ЧП «Ромашка» УНП 190123456", "ИТОГО 4,00"], "BYN"),  # Belarus prints a 9-digit УНП, no currency
        (["ТОВ «Ромашка»", "ПДВ А 20.00% 46.83", "ИТОГ 281.00"], "UAH"),  # Ukraine's VAT is ПДВ
        (["ООО «Ромашка» ИНН 7707083893", "ИТОГО 4,00"], "RUB"),
        (["УНП 190123456", "ИТОГО 4,00 руб."], "RUB"),  # a printed currency outranks the country's
    ],
)
def test_currency_where_none_is_printed_is_the_countrys(lines: list[str], expected: str) -> None:
    assert _values(lines, "currency") == [expected]
