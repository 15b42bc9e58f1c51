"""Classes the fourteenth round of ``bench/layouts`` showed (a ЕПД's two-column head, a bar association's bank grid, a
cracked Сбер check, a Госуслуги receipt's treasury БИК read 3 for 5), each a test of its own (text as OCR reads the
pages)."""

from __future__ import annotations

from model.bik_directory import current_directory
from model.fields import extract_candidates
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source
from model.values import read_bank, read_name

EPD_HEAD = [
    "ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ",
    "для внесения платы за жилое помещение и коммунальные услуги за октябрь 2026",
    "Исполнитель услуг: Плательщик:",
    "ООО «УК Меридиан» Кузнецов Дмитрий Иванович",
    "ИНН 4452789116 КПП 445201001 Адрес: 221778, г. Самара, ул. Ленина, д. 119, кв. 49",
    "669265, г. Воронеж, ул. Московская, д. 12 Лицевой счёт: 65718754",
    "Р/с 40702810261178507016 Общая площадь: 66.4 м2 Зарегистрировано: 3 чел.",
    "в ФИЛИАЛ БАНКА ВТБ (ПАО) В Г. ЕКАТЕРИНБУРГЕ Расчётный период: октябрь 2026",
    "БИК 046577952 К/с 30101810400000000952",
    "ИТОГО К ОПЛАТЕ: 7690,79 руб.",
]
"""A ЕПД's head in two columns read row by row (bench/layouts r14 housing-epd-gost-qr): the payee's company, account
and bank on the left, the payer, his address, area and the billing period on the right of the same rows."""


def _details(lines: list[str], document_type: DocumentType = DocumentType.INVOICE) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), document_type, Source.OCR)
    return details


def test_a_two_column_head_gives_the_company_without_the_payer_beside_it() -> None:
    details = _details(EPD_HEAD)
    assert details.recipient_name == "ООО «УК Меридиан»"
    assert details.bank_name == "ФИЛИАЛ БАНКА ВТБ (ПАО) В Г. ЕКАТЕРИНБУРГЕ"


def test_both_columns_captions_on_one_row_name_nobody() -> None:
    """«Исполнитель услуг: Плательщик:»: the label's own last word, then the next column's caption."""
    assert read_name("услуг: Плательщик:") is None
    assert read_name("услу Плательщик: |") is None  # a photo lost the word's end and its colon


def test_a_quoted_name_ends_where_the_next_columns_caption_or_person_begins() -> None:
    assert read_name("O00 «УК Меридиан» Плательщик") == "ООО «УК Меридиан»"
    assert read_name("000 «УК Гранит» Зайцев Алексей Петрович |") == "ООО «УК Гранит»"
    assert read_name("ООО «Ромашка» Юг") == "ООО «Ромашка» Юг"  # a capitalised word of its own stays


def test_a_bank_grids_account_cell_is_no_part_of_the_name_before_it() -> None:
    """A bar association's bank grid: «Получатель: НО «…» Сч. № 4070…» on one row, also with «Сч.» read «оч.»."""
    name = "НО «Коллегия адвокатов «Эгида» г. Екатеринбурга»"
    assert read_name(f"{name} Сч. № 40703810370112390022") == name
    assert read_name(f"{name} оч. № 40703810370112390022") == name


def test_a_banks_name_ends_where_the_next_columns_caption_begins() -> None:
    bank = "ФИЛИАЛ “НКА ВТБ (ПАО) В Г. ЕКАТЕРИНБУРГЕ Общая площадь: 66.4 м: Зарегистрировано: 3 чел."
    assert read_bank(bank) == "ФИЛИАЛ “НКА ВТБ (ПАО) В Г. ЕКАТЕРИНБУРГЕ"
    assert read_bank('Московский филиал АО "Солид Банк" г. Москва Расчётный период: ноябрь 2026') == (
        'Московский филиал АО "Солид Банк" г. Москва'
    )


CRACKED_CHECK = [
    "ЕРБАНК",
    "Чек по операции",
    "(910) 996-35-92",
    "Номей [арть\\ получателя",
    "Банк ре",
    "СберБанк \\",
    "ФИО о’правителя",
    "Счёт отправителя",
    "00 9514)",
    "Сумма пер\\вода 5",
    "4900,00 Я >",
    "Комиссия \\",
    "0,00 P \\",
    "Сообщение получателю",
    "Возврат долга",
]
"""A Сбер «Чек по операции» on a cracked screen in low light (r14 sber-phone-check, hard), as Tesseract reads it: the
cracks cross the captions as backslashes and a digit."""


def test_a_speck_digit_after_a_total_caption_is_no_sum_when_the_sum_stands_under_it() -> None:
    assert _details(CRACKED_CHECK, DocumentType.BANK_TRANSFER).amount == "4900.00"


def test_a_garbled_caption_over_the_banks_caption_is_no_bank() -> None:
    """«Номей [арть\\ получателя» (Номер карты получателя) over «Банк ре»: a caption, never the bank over its caption;
    the bank is the line under, its crack's backslash dropped."""
    assert read_bank("Номей [арть\\ получателя") is None
    assert _details(CRACKED_CHECK, DocumentType.BANK_TRANSFER).bank_name == "СберБанк"


def test_a_stamps_bank_over_its_executed_word_is_not_the_recipient() -> None:
    """«ПАО СБЕРБАНК» / «ИСПОЛНЕНО» / the date, Indra's «ПАо СБЕРБЛИ» / «ИСЛОЛНЕНА» (П read as Л): the bank that
    executed the transfer, not whom it paid, where the recipient's own row was lost under the cracks."""
    lines = [
        "Чек по операдии",
        "Операция",
        "іеревод клиенту СберБанка.",
        "ФИыраучателя",
        "Банк получател»",
        "СберБанк",
        "ФИО о правителя",
        "Николай Андредвич М.",
        "Сумма перівода",
        "4 900,00 A",
        "Комиссия",
        "0,00 P",
        "Сообщение получателю",
        "Возврат долга",
        "Код авторизации",
        "811569",
        "ПАо СБЕРБЛИ",
        "ИСЛОЛНЕНА",
        "09.05.2076",
    ]
    assert _details(lines, DocumentType.BANK_TRANSFER).recipient_name is None


def _bank(bic: str, account: str, name: str | None = None) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    candidates = [
        Candidate("bank_bic", bic, Source.OCR, 1.0),
        Candidate("bank_corr_account", account, Source.OCR, 1.0),
    ]
    if name is not None:
        candidates.append(Candidate("bank_name", name, Source.OCR, 1.0))
    return resolve(candidates, DocumentType.BANK_TRANSFER, Source.OCR, current_directory())


def test_a_treasury_bik_and_its_ekc_misread_are_repaired_to_the_directorys_one_pair() -> None:
    """«БИК 017005983», «Единый казначейский счёт 40102810445570000059» (3 read as 5 in each, a clean Госуслуги
    receipt): the directory lists one БИК one confusion away, 017003983, beside a ЕКС one confusion from the one read.
    ``repaired``, never ``verified``."""
    details, checks = _bank("017005983", "40102810445570000059", "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области")
    assert (details.bank_bic, details.bank_corr_account) == ("017003983", "40102810445370000059")
    assert checks["bank_bic"].status == CheckStatus.REPAIRED
    assert checks["bank_corr_account"].status == CheckStatus.REPAIRED


def test_a_bik_misread_beside_its_listed_account_is_repaired_and_the_account_left_unverified() -> None:
    details, checks = _bank("017005983", "40102810445370000059")
    assert details.bank_bic == "017003983" and checks["bank_bic"].status == CheckStatus.REPAIRED
    assert details.bank_corr_account == "40102810445370000059"
    assert checks["bank_corr_account"].status == CheckStatus.UNVERIFIED


def test_no_repair_where_the_account_is_no_listed_ones_misreading() -> None:
    """The БИК read is one confusion from a listed one, but the account read is two digits from its ЕКС: nothing
    ties the two, so both stay as read."""
    details, checks = _bank("017005983", "40102810445570000050")
    assert details.bank_bic == "017005983"
    assert checks["bank_bic"].status != CheckStatus.REPAIRED


def test_a_bik_read_from_a_qr_code_is_never_repaired() -> None:
    """A QR code holds the digits as the document does: a БИК the directory does not list stays as it says."""
    candidates = [
        Candidate("bank_bic", "017005983", Source.QR, 1.0),
        Candidate("bank_corr_account", "40102810445570000059", Source.QR, 1.0),
    ]
    details, checks = resolve(candidates, DocumentType.BANK_TRANSFER, Source.OCR, current_directory())
    assert details.bank_bic == "017005983"
    assert checks["bank_bic"].status != CheckStatus.REPAIRED


def test_a_crack_before_a_banks_name_leaves_no_name() -> None:
    """«Банк: \\0 "РЕАЛИСТ BALK»: the crack ran through the name's start (its «АО» read «\\0»), so nothing is read
    there; only a backslash at a value's end is dropped (r9_invoice_06_hard, whose Indra reading has the name)."""
    assert read_bank('\\0 "РЕАЛИСТ BALK') is None
