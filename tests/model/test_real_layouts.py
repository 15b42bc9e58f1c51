"""Layouts of real documents, as OCR or a PDF text layer gives their lines: each test is one class of mistake seen on
real 1C invoices and cash receipts (the amount before VAT, a deadline taken for the date, a role taken for a name,
a grid row taken for a bank, a card slip's bank, a marketplace's sub-seller paired with the platform's ИНН)."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.corpus.retail import card_slip_receipt
from model.checks import account_control_key
from model.fields import classify, extract_candidates
from model.pipeline import Extractor
from model.resolve import resolve
from model.schema import DocumentType, Source
from tests.text_reading import details_of

BIK, CORR = "044525593", "30101810200000000593"
ACCOUNT_BODY = "40702810001300000071"
ACCOUNT = ACCOUNT_BODY[:8] + str(account_control_key(ACCOUNT_BODY, BIK[6:])) + ACCOUNT_BODY[9:]


def _one_c_invoice(totals: list[str]) -> list[str]:
    """A 1C «Счёт на оплату» as Tesseract reads it row by row: the bank grid, the parties, the goods, the totals,
    the sum in words and the deadlines."""
    return [
        "Внимание! Оплата данного счета означает согласие с условиями поставки товара.",
        f'АО "АЛЬФА-БАНК" г. Москва                 БИК      {BIK}',
        f"                                          Сч. №    {CORR}",
        "Банк получателя",
        f"ИНН 7707083893   КПП 773601001            Сч. №    {ACCOUNT}",
        'ООО "Ромашка"',
        "Получатель",
        "Счет на оплату № 123 от 15 мая 2025 г.",
        'Поставщик (Исполнитель): ООО "Ромашка", ИНН 7707083893, КПП 773601001, 123456, Москва г, Ленина ул, дом 1',
        'Покупатель (Заказчик): ООО "Лютик", ИНН 5001007322, КПП 500101001, 140000, Люберцы г',
        "Основание: Договор № 5 от 01.02.2025",
        "№ Товары (работы, услуги) Кол-во Ед. Цена Сумма",
        "1 Бумага A4 10 шт 300,00 3 000,00",
        *totals,
        "Три тысячи шестьсот рублей 00 копеек",
        "Оплатить не позднее 20.05.2025",
        "Счет действителен до 25.05.2025",
    ]


@pytest.mark.parametrize(
    "totals",
    [
        ["Итого: 3 000,00", "Сумма НДС: 600,00", "Всего к оплате: 3 600,00"],
        ["Итого: 3 000,00", "НДС 20%: 600,00", "Итого с НДС: 3 600,00"],
        ["Итого: 3 000,00", "Сумма НДС: 600,00", "Всего наименований 1, на сумму 3 600,00 руб."],
    ],
    ids=["всего к оплате", "итого с НДС", "всего наименований"],
)
def test_a_1c_invoice_is_paid_its_total_with_vat_not_its_total_before(totals: list[str]) -> None:
    assert details_of(_one_c_invoice(totals)).amount == "3600.00"


@pytest.mark.parametrize(
    ("totals", "amount"),
    [
        (["ИТОГО без НДС: 2 082,50", "СУММА НДС 20%: 416,50", "ИТОГО: 2 499,00 ₽"], "2499.00"),
        (["ИТОГ =1 350,00", "БЕЗНАЛИЧНЫМИ =1 350,00", "СУММА БЕЗ НДС =1 350,00"], "1350.00"),
        (["СУММА БЕЗ НДС =990,00", "ИТОГ =990,00"], "990.00"),
        (["СУММА НДС 20% =165,00", "ИТОГ =990,00"], "990.00"),
    ],
)
def test_a_receipt_is_paid_its_total_not_a_vat_line(totals: list[str], amount: str) -> None:
    lines = ["КАССОВЫЙ ЧЕК", "ПРИХОД", "ООО «Продукты»", "ИНН 7707083893", *totals, "ФН: 9960440300987654"]
    assert details_of(lines).amount == amount


@pytest.mark.parametrize(
    ("line", "amount"),
    [("Итого с НДС: 3 600,00", "3600.00"), ("Итого: 1 200,00 в т.ч. НДС 200,00", "1200.00")],
)
def test_a_total_that_includes_vat_is_read(line: str, amount: str) -> None:
    assert next(c.value for c in extract_candidates([line]) if c.field == "amount") == amount


def test_a_1c_invoice_is_dated_by_its_title_not_by_its_deadlines() -> None:
    lines = [line for line in _one_c_invoice(["Всего к оплате: 3 600,00"]) if "Счет на оплату" not in line]
    assert details_of(lines).payment_date is None  # no date of its own once the title is gone: no deadline instead
    assert details_of(_one_c_invoice(["Всего к оплате: 3 600,00"])).payment_date == "2025-05-15"


@pytest.mark.parametrize(
    "deadline",
    ["Оплатить не позднее 20.05.2025", "Счёт действителен по 20.05.2025", "Срок оплаты 20.05.2025",
     "Счёт действителен до 20.05.2025 г."],
)  # fmt: skip
def test_a_deadline_or_validity_is_never_the_payment_date(deadline: str) -> None:
    assert details_of(["ООО «Ромашка»", deadline, "Итого: 100,00"]).payment_date is None


@pytest.mark.parametrize("header", ["04.12.2026, 14:35    Электронный чек - Ozon", "12/4/26, 2:35 PM  Чек"])
def test_a_browser_print_header_does_not_date_the_receipt(header: str) -> None:
    lines = [header, "Кассовый чек № 117", "Приход", "01.12.2025 10:15", "ИТОГО: 2 499,00 ₽", "ФН № 7281440500123456"]
    assert details_of(lines).payment_date == "2025-12-01"


@pytest.mark.parametrize("source", [Source.OCR, Source.PDF])
def test_the_1c_roles_and_bank_grid_are_labels_not_values(source: Source) -> None:
    details = details_of(_one_c_invoice(["Всего к оплате: 3 600,00"]), source)
    assert details.recipient_name == 'ООО "Ромашка"'
    assert details.payer_name == 'ООО "Лютик"'
    assert details.bank_name == 'АО "АЛЬФА-БАНК" г. Москва'
    assert (details.recipient_inn, details.recipient_kpp) == ("7707083893", "773601001")
    assert (details.bank_bic, details.bank_corr_account, details.recipient_account) == (BIK, CORR, ACCOUNT)


def test_a_1c_invoice_text_layer_cell_by_cell_reads_the_same() -> None:
    """A PDF's text layer gives 1C's grid one cell a line, the role apart from its label."""
    lines = [
        'АО "АЛЬФА-БАНК" г. Москва', "Банк получателя", "БИК", "Сч. №", BIK, CORR,
        "ИНН 7707083893", "КПП 773601001", "Сч. №", ACCOUNT, 'ООО "Ромашка"', "Получатель",
        "Счет на оплату № 123 от 15 мая 2025 г.",
        "Поставщик", "(Исполнитель):", 'ООО "Ромашка", ИНН 7707083893, КПП 773601001, 123456, Москва г',
        "Покупатель", "(Заказчик):", 'ООО "Лютик", ИНН 5001007322, 140000, Люберцы г',
        "Итого:", "3 000,00", "В том числе НДС:", "500,00", "Всего к оплате:", "3 000,00",
        "Оплатить не позднее 20.05.2025",
    ]  # fmt: skip
    details = details_of(lines, Source.PDF)
    assert (details.recipient_name, details.payer_name) == ('ООО "Ромашка"', 'ООО "Лютик"')
    assert details.bank_name == 'АО "АЛЬФА-БАНК" г. Москва'
    assert (details.amount, details.payment_date) == ("3000.00", "2025-05-15")


_ONE_C_HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{ font-family: "DejaVu Sans"; font-size: 11px }} table {{ border-collapse: collapse; width: 100% }}
td {{ border: 1px solid #000; padding: 2px; vertical-align: top }} .plain td {{ border: none }}
</style></head><body>
<table>
<tr><td colspan="2" rowspan="2">АО "АЛЬФА-БАНК" г. Москва<br><br>Банк получателя</td><td>БИК</td><td>{bik}</td></tr>
<tr><td>Сч. №</td><td>{corr}</td></tr>
<tr><td>ИНН 7707083893</td><td>КПП 773601001</td><td rowspan="2">Сч. №</td><td rowspan="2">{account}</td></tr>
<tr><td colspan="2">ООО "Ромашка"<br><br>Получатель</td></tr>
</table>
<h2>Счет на оплату № 123 от 15 мая 2025 г.</h2>
<table class="plain">
<tr><td>Поставщик<br>(Исполнитель):</td>
<td><b>ООО "Ромашка", ИНН 7707083893, КПП 773601001, 123456, Москва г</b></td></tr>
<tr><td>Покупатель<br>(Заказчик):</td><td><b>ООО "Лютик", ИНН 5001007322, 140000, Люберцы г</b></td></tr>
</table>
<table class="plain"><tr><td>Итого:</td><td>3 000,00</td></tr><tr><td>Сумма НДС:</td><td>600,00</td></tr>
<tr><td>Всего к оплате:</td><td>3 600,00</td></tr></table>
<p>Всего наименований 1, на сумму 3 600,00 руб.<br><b>Три тысячи шестьсот рублей 00 копеек</b></p>
<p>Оплатить не позднее 20.05.2025<br>Счет действителен до 25.05.2025</p>
</body></html>"""


def test_a_1c_invoice_printed_to_pdf_is_read_from_its_text_layer(tmp_path: Path) -> None:
    """Chromium prints a 1C invoice's grid to a PDF with a text layer, which reaches the parser with the roles on
    lines of their own and each grid row on one line."""
    chromium = shutil.which("chromium")
    assert chromium is not None, "needs Chromium (make test installs it)"
    page = tmp_path / "invoice.html"
    page.write_text(_ONE_C_HTML.format(bik=BIK, corr=CORR, account=ACCOUNT), encoding="utf-8")
    pdf = tmp_path / "invoice.pdf"
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
    subprocess.run([*command, f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120)
    extraction = Extractor().extract(pdf.read_bytes())
    details = extraction.details
    assert extraction.checks["recipient_name"].source == Source.PDF
    assert (details.recipient_name, details.payer_name) == ('ООО "Ромашка"', 'ООО "Лютик"')
    assert details.bank_name == 'АО "АЛЬФА-БАНК" г. Москва'
    assert (details.bank_bic, details.bank_corr_account, details.recipient_account) == (BIK, CORR, ACCOUNT)
    assert (details.amount, details.payment_date) == ("3600.00", "2025-05-15")


@pytest.mark.parametrize(
    "buyer",
    [["Покупатель", "(Заказчик):", 'ООО "Лютик", ИНН 5001007322, КПП 500101001, 140000, Люберцы г'],
     ['Покупатель        ООО "Лютик", 140000, Московская обл.,', "(Заказчик):        ИНН 5001007322, КПП 500101001"]],
)  # fmt: skip
def test_a_sole_trader_supplier_gets_no_kpp_from_the_buyer_below(buyer: list[str]) -> None:
    supplier = ["Поставщик", "(Исполнитель):", "ИП Захаров Борис Борисович, ИНН 500100732259, 140000, Люберцы г"]
    lines = ["Счет на оплату № 7 от 3 июня 2025 г.", *supplier, *buyer, "Всего к оплате: 1 000,00"]
    details = details_of(lines, Source.PDF)
    assert (details.recipient_inn, details.recipient_kpp) == ("500100732259", None)
    assert details.payer_name == 'ООО "Лютик"'


@pytest.mark.parametrize("row", ["ИНН 7707083893 КПП 773601001 Сч. № 40702810001300000071", "БИК", "Сч. №"])
def test_a_bank_grid_row_under_its_caption_is_no_bank_name(row: str) -> None:
    assert [c.value for c in extract_candidates(["Банк получателя", row]) if c.field == "bank_name"] == []


CARD_SLIP = [
    "ОПЛАТА", "ПАО СБЕРБАНК", "Терминал 10293847", "Visa **** **** **** 4821", "Сумма (Руб): 1 350,00", "ОДОБРЕНО",
    "Код авторизации 123456", "13.11.2025 18:42",
]  # fmt: skip


def test_a_card_slip_above_a_cash_receipt_gives_it_no_bank() -> None:
    receipt = [
        "КАССОВЫЙ ЧЕК", "ПРИХОД", 'ООО "ПРОДУКТЫ У ДОМА"', "ИНН 7707083893", "ИТОГ =1 350,00", "БЕЗНАЛИЧНЫМИ =1 350,00",
        "ФН: 9960440300987654", "ФД: 8812", "ФП: 0412345678", "13.11.25 18:43",
    ]  # fmt: skip
    details = details_of(CARD_SLIP + receipt)
    assert (details.bank_name, details.bank_bic, details.recipient_account) == (None, None, None)
    assert (details.recipient_name, details.recipient_inn) == ('ООО "ПРОДУКТЫ У ДОМА"', "7707083893")
    assert (details.amount, details.payment_date) == ("1350.00", "2025-11-13")


def test_a_receipt_stapled_to_its_sellers_bill_keeps_the_sellers_bank() -> None:
    """A hotel's folio, whose header prints the hotel's bank, with the fiscal receipt of its payment (a real one in
    bench/real): an account and a к/с whose keys the БИК confirms are the seller's, which no card slip prints."""
    header = [
        "ООО «СТАРТ»",
        "ИНН 6311103313",
        "Р/С: 40702810403000065988",
        "Корр. счет: 30101810700000000803",
        "БИК: 042202803",
        "Счёт № 1138678",
        "Дата печати: 11.04.21",
    ]
    receipt = ["КАССОВЫЙ ЧЕК", "ПРИХОД", "ИНН 6311103313", "ИТОГ =9800.00", "ФН: 9287440300225508", "ФД: 6313"]
    details = details_of(header + receipt)
    assert details.document_type == DocumentType.CASH_RECEIPT
    assert (details.recipient_account, details.bank_bic) == ("40702810403000065988", "042202803")
    assert details.bank_corr_account == "30101810700000000803"
    slip_with_a_bik = [*CARD_SLIP, "БИК 044525225", "Счёт 40702810403000065988"]  # the account's key fails this БИК
    details = details_of(slip_with_a_bik + receipt)
    assert (details.bank_bic, details.recipient_account) == (None, None)


@pytest.mark.parametrize(
    "supplier",
    [["Поставщик: ИП Смирнов Олег Петрович", "ИНН поставщика: 500100732259"],
     ["Поставщик: ИП Смирнов Олег Петрович, ИНН 500100732259"],
     ["Данные поставщика: ИП Смирнов Олег Петрович", "ИНН поставщика 500100732259"],
     ["Поставщик: ИП Смирнов Олег Петрович", "ИНН 500100732259"],
     ["Продавец: ИП Смирнов Олег Петрович", "ИНН продавца: 500100732259"],
     ["ИНН продавца: 500100732259", "Продавец: ИП Смирнов Олег Петрович"]],
    ids=["its ИНН labelled", "on one line", "«Данные поставщика»", "its ИНН under it", "«Продавец» over «ИНН продавца»",
         "«ИНН продавца» over «Продавец»"],
)  # fmt: skip
@pytest.mark.parametrize("agent_sign", ["Признак агента: Комиссионер", ""], ids=["an agent's sign", "no agent's sign"])
@pytest.mark.parametrize("issuer_inn", ["7704217370", "7704217371"], ids=["read", "misread"])
def test_an_agent_receipt_pairs_the_issuer_name_with_its_own_inn(
    supplier: list[str], agent_sign: str, issuer_inn: str
) -> None:
    """A cash receipt names a «Поставщик» or a per-item «Продавец» only for an agent's principal: who is paid is the
    issuer, and the principal's name or ИНН never stands in for the issuer's, even when the issuer's ИНН is misread
    (then a valid ИНН of the wrong party would be verified)."""
    lines = [
        "Кассовый чек № 117", "Приход", 'ООО "ИНТЕРНЕТ РЕШЕНИЯ"', f"ИНН {issuer_inn}", "Наушники беспроводные",
        "1 x 2 499,00 =2 499,00", agent_sign, *supplier, "ИТОГО: 2 499,00 ₽", "ФН № 7281440500123456",
    ]  # fmt: skip
    details = details_of([line for line in lines if line])
    assert (details.recipient_name, details.recipient_inn) == ('ООО "ИНТЕРНЕТ РЕШЕНИЯ"', issuer_inn)
    assert details.amount == "2499.00"


@pytest.mark.parametrize(
    ("lines", "source", "currency"),
    [
        (["ИТОГ =1 350,00 $", "КАССОВЫЙ ЧЕК"], Source.OCR, "RUB"),  # a blurred ₽ or S read as "$"
        (["Сумма: 100,00 $", "Сумма в USD"], Source.OCR, "USD"),
        (["Сумма: $100,00"], Source.PDF, "USD"),  # a text layer prints what is there
        (["Сумма: 100,00 EUR"], Source.OCR, "EUR"),
    ],
)
def test_a_dollar_is_the_currency_only_where_one_is_printed(lines: list[str], source: Source, currency: str) -> None:
    assert details_of(lines, source).currency == currency


@pytest.mark.parametrize("angle", [90, 270])
def test_a_receipt_turned_sideways_keeps_its_amount_and_seller(angle: int) -> None:
    """A till strip photographed sideways (the card slip above it): the orientation step turns it upright."""
    page = card_slip_receipt(random.Random(11))
    photo = io.BytesIO()
    page.image.rotate(angle, expand=True).save(photo, "PNG")
    details = Extractor().extract(photo.getvalue()).details
    assert (details.amount, details.recipient_name) == (page.fields["amount"], page.fields["recipient_name"])
    assert (details.recipient_inn, details.bank_name) == (page.fields["recipient_inn"], None)


# Classes found by the real-documents check (bench/real): each test writes that layout's lines afresh.


@pytest.mark.parametrize(
    ("totals", "amount"),
    [
        (["Итого: 46,750.00", "Без НДС", "Всего наименований 1, на сумму 46,750.00 Руб"], "46750.00"),
        (["Итого: 3442 750,00", "В т.ч. НДС (20%): 573 791,67", "Итого с НДС: 3442 750,00"], "3442750.00"),
        (["Итого: 4 500,00", "Без налога (НДС) -", "Всего наименований 1,.Ha.cyMMy 4 500;00 RUB"], "4500.00"),
        (["Итого: 3 775,36", "вены. Всего к оплате: 3 775,36", "Всего наименований 4, на сумму,3775186руб>."],
         "3775.36"),
        (["Итого: 3 775,36", "Всего к оплате: 3 775,36", "Всего наименований 4, на сумму 27536 руб"], "3775.36"),
    ],
    ids=["commas group thousands", "a space lost in the first group", "the count before a garbled на сумму",
         "the total due behind a stamp's specks", "the total due over a misread restatement"],
)  # fmt: skip
def test_a_1c_invoice_total_is_read_whole_however_it_is_grouped_or_garbled(totals: list[str], amount: str) -> None:
    lines = _one_c_invoice(totals)
    lines.remove("1 Бумага A4 10 шт 300,00 3 000,00")
    assert details_of(lines).amount == amount


def test_a_name_printed_after_its_inn_or_before_its_postcode_and_phone_is_the_name_alone() -> None:
    lines = [
        "Счет №467 от 25.06.20г.",
        "Поставщик: ИНН 616101032228 КПП ИП «Островский В.Г» 344092, г.Ростов-на-Дону",
        "Покупатель: ИНН 5050029646, АО «Щелково-Агрохим»  тел. 295 54 82",
        "Итого: 32 370.00",
    ]
    details = details_of(lines)
    assert (details.recipient_name, details.payer_name) == ("ИП «Островский В.Г»", "АО «Щелково-Агрохим»")
    assert details_of(['Покупатель: АО "Щелково Агрохим" 141100, Московская обл.']).payer_name == 'АО "Щелково Агрохим"'


def test_the_caption_under_a_1c_grid_cell_does_not_take_the_bank_row_below_it_for_the_payee() -> None:
    """An older 1C grid: the ИНН row, the payee's cell, its caption «Получатель», then the bank's row with its БИК."""
    lines = [
        "ИНН 773670565020 КПП Сч. № 40802810738000039088",
        "ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ ДАУДИ ГУЛЬНАЗ МАРСОВНА",
        "Получатель",
        "ПАО СБЕРБАНК Г.МОСКВА БИК 044525225",
        "Банк получателя Сч. № 30101810400000000225",
        "Счет № 147 от 23.06.20",
        "Поставщик: ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ ДАУДИ ГУЛЬНАЗ МАРСОВНА, ОГРН 310774610401256",
    ]
    assert details_of(lines).recipient_name == "ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ ДАУДИ ГУЛЬНАЗ МАРСОВНА"


def _sber_receipt(extra: list[str]) -> list[str]:
    """A СберБанк «Чек по операции» as its PDF's text layer gives it: captions over values."""
    return [
        "Чек по операции",
        "15 марта 2023 23:05:47 (МСК)",
        "Операция",
        "Перевод клиенту СберБанка",
        "ФИО получателя",
        "Павел Константинович П.",
        "Сумма перевода",
        "200,00 ₽",
        *extra,
    ]


@pytest.mark.parametrize(
    "caption", ["Номер документа", "НОМЕР ПЛАТЕЛЬЩИКА ЕРИП:", "Код авторизации", "Номер транзакции ЕСПП"]
)
def test_a_number_under_a_caption_naming_it_is_never_the_payees_inn(caption: str) -> None:
    """4006848901 passes a 10-digit ИНН's check digit; under «Номер документа» it is the document's number."""
    assert details_of(_sber_receipt([caption, "4006848901"]), Source.PDF).recipient_inn is None
    assert details_of(_sber_receipt(["", "4006848901"]), Source.PDF).recipient_inn == "4006848901"


def test_a_banking_apps_name_is_not_the_payees_bank() -> None:
    lines = _sber_receipt(["Мобильное приложение Сбербанк", "Онлайн", "Получатель", 'ПАО "МТС"'])
    assert details_of(lines, Source.PDF).bank_name is None


def test_the_balance_under_the_payers_card_is_not_the_amount() -> None:
    lines = ["Перевод выполнен", "Перевод", "Иван Иванович И.", "Подробности", "Счет списания",
             "VISA Visa Gold °*** 6789", "13 580 P", "Номер телефона получателя", "+7 (999) 123-45-67"]  # fmt: skip
    assert details_of(lines).amount is None


def test_a_success_screens_recipient_is_the_person_under_its_transfer_title() -> None:
    """Сбербанк Онлайн's «transfer done» screen names the recipient under «Перевод», captionless, with the amount in
    large type under them; the recipient's phone comes far below, under the payer's card."""
    lines = ["Перевод", "Иван Иванович И.", "100 000 P", "Подробности", "Счет списания",
             "VISA Visa Gold °*** 6789", "13 580 P", "Номер телефона получателя", "+7 (999) 123-45-67"]  # fmt: skip
    details = details_of(lines)
    assert (details.recipient_name, details.amount, details.payer_name) == ("Иван Иванович И.", "100000.00", None)
    assert details_of(["Квитанция о переводе", *lines[1:]]).recipient_name is None  # no title over the person


def test_a_marketplaces_receipt_is_paid_to_the_marketplace_not_to_a_seller_named_under_its_inn() -> None:
    """A marketplace's receipt as its PDF's text layer gives it: the issuer's name with its legal form after a comma
    and its ИНН head the receipt; each item names its seller under «ИНН продавца»."""
    lines = [
        "Кассовый чек № 512",
        "03.04.2026 12:10",
        "Маркет Решения, ООО",
        "ИНН 7707083893",
        "Приход",
        "1.",
        "Кружка керамическая 300 мл",
        "1 x 450,00",
        "ИНН продавца: 500100732259",
        "Лебедев Игорь Петрович, ИП",
        "2.",
        "Доставка",
        "1 x 50,00",
        "ИНН продавца: 000000000000",
        "ИП Сорокин Олег Ильич",
        "ИТОГ",
        "≡500,00",
        "ФН:",
        "7380440903143771",
    ]
    details = details_of(lines, Source.PDF)
    assert (details.recipient_name, details.recipient_inn) == ("Маркет Решения, ООО", "7707083893")
    assert details.amount == "500.00"


@pytest.mark.parametrize(
    "lines",
    [
        ["Банк попучателя", "ИНН 7707083893 КПП 773601001 Сч. № 40702810000000000001"],
        ['Ф-Л БАНКА ГПБ (АО) "ЦЕНТРАЛЬНО-ЧЕРНОЗЕМНЫЙ" Г.', "ВОРОНЕЖ", "Наименование банка"],
    ],
    ids=["a misspelled caption", "the city a wrapped name ends with"],
)
def test_a_lone_word_that_names_no_bank_is_not_the_bank(lines: list[str]) -> None:
    assert details_of(lines).bank_name is None
    assert details_of(["Банк получателя", "ВТБ"]).bank_name == "ВТБ"


TBANK_BIK, TBANK_CORR = "044525974", "30101810145250000974"


def _bank_app_receipt(tail: list[str]) -> list[str]:
    """A bank app's receipt of a transfer by phone to another bank, as Tesseract reads it, then the issuing bank's
    own lines: its footer or its «ИСПОЛНЕНО» stamp, with its БИК and к/с."""
    return [
        "Т-Банк 01.04.2019 11:05:12",
        "Итого 65,55 Р",
        "Перевод По номеру телефона",
        "Получатель Алексей Алексеевич Л.",
        "Телефон получателя +7 (946) 222-04-70",
        "Банк получателя Сбербанк",
        "Квитанция № 1-3-02-433-4312",
        *tail,
    ]


@pytest.mark.parametrize(
    "tail",
    [
        [f"АО «ТБанк», БИК {TBANK_BIK}, к/с {TBANK_CORR}.", "Универсальная лицензия Банка России"],
        ["АО «ТБанк»", f"БИК {TBANK_BIK}", "ИСПОЛНЕНО", "01.04.2019"],
        ["Банк ВТБ (ПАО)", "| БИК 044525187", "| ИСПОЛНЕНО", "| 01.04.2019"],
        ["ООО «ОЗОН БАНК»", "БИК 044525068 ИНН 9703077050", "К/С 30101810645374525068", "ДЛЯ ДОКУМЕНТОВ"],
        ["АО «Почта Банк» Лицензия ЦБ РФ 650", "107061, г. Москва, Преображенская площадь, д. 8", "ИНН 3232005484"],
        [
            "ТОМСКОЕ ОТДЕЛЕНИЕ №8616 ПАО СБЕРБАНК. ИНН 7707083893, БИК",
            f"{TBANK_BIK}, к/с {TBANK_CORR}. Генеральная лицензия Банка",
            "России № 2957",
        ],
        [
            '"Республиканский Кредитный Альянс" OOO. ИНН 7707083893,',
            f"БИК {TBANK_BIK}, к/с {TBANK_CORR}. Генеральная",
            "лицензия Банка России № 3400",
        ],
        ["Филиал № 6602 Банка ВТБ (ПАО),", f"БИК {TBANK_BIK},", f"KC {TBANK_CORR}."],
        [
            "Статус: Выполнен",
            "АО «АЛЬФА - БАНК»",
            "107078, г. Москва, ул. Каланчевская, д. 27",
            f"к/сч 2{TBANK_CORR[1:]} & ГУ Банка России по ЦФО",
            f"БИК {TBANK_BIK} ИНН 7728168971",
            "ИСПОЛНЕНО",
        ],
    ],
    ids=[
        "footer",
        "stamp",
        "stamp with specks",
        "block under its name",
        "name, licence, address, ИНН",
        "one sentence wrapped by the screen",
        "a quoted name first, the licence on a line of its own",
        "a branch's name, its requisites wrapped, «KC» without its slash",
        "«к/сч», its 3 read as 2, over the stamp",
    ],
)
def test_the_issuing_banks_footer_or_stamp_is_not_the_recipients_bank(tail: list[str]) -> None:
    """A transfer by phone names no recipient's БИК nor ИНН: the only ones on the page are the sender's bank's,
    confirmed by its own к/с and check digits, and were called verified."""
    details = details_of(_bank_app_receipt(tail))
    assert (details.bank_bic, details.bank_corr_account, details.recipient_inn) == (None, None, None)
    assert details.bank_name == "Сбербанк"


def test_the_recipients_rows_just_above_the_issuers_stamp_stay_the_recipients() -> None:
    """The stamp is one block under the receipt's last row: «Назначение платежа» between them ends the stamp, and the
    recipient's к/с two rows up is no part of it (bench/layouts transfer_02 read with its stamp, uncropped)."""
    lines = [
        'АО "НС Банк"',
        "Чек по операции",
        "Сумма 193017.00 RUB",
        'Получатель ПАО "Альфа-Строй"',
        "ИНН получателя 0657304975",
        "Счёт зачисления 40702810012252801555",
        'Наименование банка получателя АО БАНК "МОСКВА-СИТИ", г.Москва',
        "БИК 044525800",
        "Корреспондентский счёт 30101810345250000800",
        "Назначение платежа Оплата за обучение",
        'АО "НС Банк" БИК 044525158',
        "ИСПОЛНЕНО 15.06.2026",
    ]
    details = details_of(lines)
    assert (details.bank_bic, details.bank_corr_account) == ("044525800", "30101810345250000800")


def test_the_issuers_block_under_the_recipients_bank_row_is_the_issuers() -> None:
    """«Банк получателя Сбербанк» holds its value on its line: the bank's block under it («АО «ТИНЬКОФФ БАНК»», its
    БИК and к/с, a signature's specks) is the issuer's stamp, not that label's value."""
    lines = _bank_app_receipt([])
    lines[6:6] = ["АО «ТИНЬКОФФ БАНК»", f"БИК {TBANK_BIK} UH 7710140679", f"К/С {TBANK_CORR} (7", "BABARHL X17 (2"]
    details = details_of(lines)
    assert (details.bank_bic, details.bank_corr_account, details.recipient_inn) == (None, None, None)
    assert details.bank_name == "Сбербанк"


def test_the_account_of_a_transfer_application_is_the_payers() -> None:
    """A bank's application form, «Прошу осуществить перевод денежных средств с моего счета» over «№: 4081…», names
    the payer's account; the payee of a transfer by phone shows none."""
    lines = [
        "Заявление на рублевый перевод",
        "Плательщик: Моисеенко Сандра Александровна",
        "Прошу осуществить перевод денежных средств с моего счета",
        "М: 40817810701101911867",
        "Сумма перевода: 440",
        "Получатель:",
        "Наименование: Алексей Владимирович Х",
        "Телефон: 79891957504",
        "Банк получателя",
        "Наименование: Сбербанк",
        "Канал перевода: СБП",
    ]
    details = details_of(lines)
    assert details.recipient_account is None
    assert details.bank_name == "Сбербанк"  # the block's row label «Наименование:» is no part of the bank's name


def test_a_label_wrapped_over_two_lines_is_no_value() -> None:
    """A narrow column wraps «Сообщение получателю:» as «Сообщение» over «получателю:» (OCR: «получатслю:»), with
    no message after it: the label's rest is no purpose."""
    lines = _bank_app_receipt(["Сообщение", "получатслю:", "", "СПАСИБО!", "Контакт-центр: 8-800-250-57-57"])
    assert details_of(lines).purpose is None
    lines = _bank_app_receipt(["Сообщение", "Оплата аренды за июнь"])
    assert details_of(lines).purpose == "Оплата аренды за июнь"


def test_a_bank_under_its_label_with_its_requisites_is_the_recipients() -> None:
    """The same block under «Банк получателя:» alone on its line is the recipient's bank, not the issuer's."""
    lines = _bank_app_receipt([])
    lines[5:6] = ["Банк получателя:", "ПАО Сбербанк", "БИК 044525225", "к/с 30101810400000000225"]
    details = details_of(lines)
    assert (details.bank_bic, details.bank_corr_account) == ("044525225", "30101810400000000225")


def test_the_recipients_bik_beside_the_issuers_footer_is_the_recipients() -> None:
    footer = [f"АО «ТБанк», БИК {TBANK_BIK}, к/с {TBANK_CORR}."]
    lines = _bank_app_receipt(footer)
    lines.insert(6, f"БИК банка получателя {BIK}")
    details = details_of(lines)
    assert (details.bank_bic, details.bank_corr_account) == (BIK, None)


def test_a_receipts_dash_joined_number_holds_no_date() -> None:
    """«Квитанция № 1-3-02-433-4312» read as 1 March 2002 beat the header's date."""
    assert details_of(_bank_app_receipt([])).payment_date == "2019-04-01"


def test_an_operation_numbers_c_read_as_euro_is_no_currency() -> None:
    lines = ["Квитанция о переводе", "Номер операции €251529", "Сумма перевода 840 P", "Банк получателя Банк Точка"]
    assert details_of(lines).currency == "RUB"
    assert details_of([*lines, "Сумма в евро: €12,00"]).currency == "EUR"


@pytest.mark.parametrize(
    ("line", "amount"),
    [
        ("31 6,00 Р Исполнено", "316.00"),
        ("1 83 1 71 ‚78 Р Исполнено", "183171.78"),
        ("30 325,33 руб. Исполнено", "30325.33"),
        ("53 746-44 Р", "53746.44"),
    ],
)
def test_a_big_amount_split_by_ocr_beside_its_status_chip_is_the_amount(line: str, amount: str) -> None:
    lines = ["ВТБ", "Перевод по СБП", line, "Дата и время операции", "11 октября 2024 в 07:24", "Комиссия", "ОР"]
    assert details_of(lines).amount == amount


@pytest.mark.parametrize(
    ("printed", "name"),
    [("ООО «BEPE3KA»", "ООО «ВЕРЕЗКА»"), ("ООО «ПАРУC»", "ООО «ПАРУС»"), ("ООО «MAX»", "ООО «MAX»")],
    ids=["a З read as 3", "mixed scripts", "a Latin name"],
)
def test_an_upper_case_name_read_in_latin_look_alikes_is_cyrillic_again(printed: str, name: str) -> None:
    assert details_of([f"Получатель {printed}"]).recipient_name == name


def test_a_purpose_wrapped_before_a_word_goes_on_in_lower_case() -> None:
    lines = ["Назначение платежа Оплата по договору № 354/2025", "от 05.07.2025", "Квитанция № 1-0-28-337-7946"]
    assert details_of(lines).purpose == "Оплата по договору № 354/2025 от 05.07.2025"


def test_an_invoices_payee_bank_printed_the_footers_way_is_the_payees() -> None:
    lines = [
        "Счёт на оплату № 5 от 1 марта 2024 г.",
        f"АО «Альфа-Банк», БИК {BIK}, к/с {CORR}",
        "Поставщик: ООО «Ромашка»",
    ]
    details = details_of(lines)
    assert (details.bank_bic, details.bank_corr_account) == (BIK, CORR)


def _bordered_grid(pad: int) -> bytes:
    """1C's bank grid drawn as a scan shows it: 2 px rules, each value ``pad`` px right of its cell's border."""
    from PIL import Image, ImageDraw, ImageFont

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    face, small, title = (ImageFont.truetype(font, size) for size in (15, 11, 24))
    page = Image.new("L", (1158, 700), 255)
    draw = ImageDraw.Draw(page)
    left, labels, values, right = 56, 630, 735, 1099
    top, corr_row, payee_row, name_row, bottom = 70, 98, 161, 189, 252
    for x in (left, labels, values, right):
        draw.line([(x, top), (x, bottom)], fill=0, width=2)
    for y, start in ((top, left), (corr_row, labels), (payee_row, left), (name_row, left), (bottom, left)):
        draw.line([(start, y), (right if y != name_row else labels, y)], fill=0, width=2)
    draw.line([(231, payee_row), (231, name_row)], fill=0, width=2)
    cells = [
        (left + 4, top + 4, "ПАО СБЕРБАНК Г.МОСКВА", face), (labels + 4, top + 4, "БИК", face),
        (values + pad, top + 4, "044525225", face), (labels + 4, corr_row + 4, "Сч. №", face),
        (values + pad, corr_row + 4, "30101810400000000225", face),
        (left + 4, payee_row - 21, "Банк получателя", small),
        (left + 4, payee_row + 4, "ИНН 7707083893", face), (231 + 4, payee_row + 4, "КПП 773601001", face),
        (labels + 4, payee_row + 4, "Сч. №", face), (values + pad, payee_row + 4, ACCOUNT_SBER, face),
        (left + 4, name_row + 4, 'ООО "Ромашка"', face), (left + 4, bottom - 21, "Получатель", small),
        (left, 294, "Счет на оплату № 15 от 3 июня 2025 г.", title),
        (left, 350, 'Поставщик: ООО "Ромашка", ИНН 7707083893, КПП 773601001', face),
        (left, 392, "Всего к оплате: 3 600,00", face),
    ]  # fmt: skip
    for x, y, text, size in cells:
        draw.text((x, y), text, font=size, fill=0)
    png = io.BytesIO()
    page.save(png, "PNG")
    return png.getvalue()


ACCOUNT_SBER_BODY = "40802810038000039088"
ACCOUNT_SBER = ACCOUNT_SBER_BODY[:8] + str(account_control_key(ACCOUNT_SBER_BODY, "225")) + ACCOUNT_SBER_BODY[9:]


@pytest.mark.parametrize("pad", [1, 2])
def test_a_1c_grid_whose_values_touch_their_borders_is_read_whole(pad: int) -> None:
    """The rule just left of a value read as a 1 glued to it, or the grid's small print lost along the rules: the
    preprocessing paints a table's rules as paper before Tesseract reads it."""
    details = Extractor(budget_s=0).extract(_bordered_grid(pad)).details
    assert (details.bank_bic, details.bank_corr_account) == ("044525225", "30101810400000000225")
    assert details.recipient_account == ACCOUNT_SBER
    assert (details.bank_name, details.recipient_name) == ("ПАО СБЕРБАНК Г.МОСКВА", 'ООО "Ромашка"')


def test_a_cell_border_read_as_a_leading_1_is_no_digit_of_the_number() -> None:
    """Where a rule is broken or faint it is not erased, and OCR glues it to the value as a 1."""
    lines = [
        f"ИНН 773670565020 KON sss. Ne 1{ACCOUNT_SBER}",
        "ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ ДАУДИ ГУЛЬНАЗ МАРСОВНА",
        "Получатель",
        "ПАО СБЕРБАНК Г.МОСКВА БИК _ 1044525225",
        "Банк получателя Cu. № |30101810400000000225",
    ]
    details, checks = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert (details.bank_bic, details.bank_corr_account) == ("044525225", "30101810400000000225")
    assert details.recipient_account == ACCOUNT_SBER
    assert checks["recipient_account"].status == "verified"  # read, not chosen among readings by its key


@pytest.mark.parametrize(
    "line",
    ["ИНН 17707083893", "БИК 1244525225", "Сч. № 112345678901234567890", "Сч. № 130101810400000000225 11"],
    ids=["an ИНН: its digits start anywhere", "a БИК's 1 where a 0 stands", "an account starting 12", "two numbers"],
)
def test_only_a_border_before_an_identifier_that_cannot_start_with_1_is_dropped(line: str) -> None:
    candidates = extract_candidates([line])
    assert not any(c.value.startswith(("7707083893", "244525225", "2345678901234567890")) for c in candidates)


@pytest.mark.parametrize(
    ("grid", "bank"),
    [
        (['Ф-Л БАНКА ГПБ (AO) "ЦЕНТРАЛЬНО-ЧЕРНОЗЕМНЫЙ" Г. 042007800', "ВОРОНЕЖ Сч. № 30101810220070000800"],
         'Ф-Л БАНКА ГПБ (АО) "ЦЕНТРАЛЬНО-ЧЕРНОЗЕМНЫЙ" Г. ВОРОНЕЖ'),
        (['Ф-Л БАНКА ГПБ (АО) "ЦЕНТРАЛЬНО-ЧЕРНОЗЕМНЫЙ" Г. |5БИК _ [042007800', "ВОРОНЕЖ 30101810220070000800"],
         'Ф-Л БАНКА ГПБ (АО) "ЦЕНТРАЛЬНО-ЧЕРНОЗЕМНЫЙ" Г. ВОРОНЕЖ'),
        (["ПАО КБ «Центр-Инвест» г.Ростов-на- 046015762", "Дону 30101810100000000762", "№"],
         "ПАО КБ «Центр-Инвест» г.Ростов-на-Дону"),
        (["O00 Банк БИК 987654321", "Кор.Сч. № —30101810400000000000"], "ООО Банк"),
        (["АО ЮНИКРЕДИТ БАНК ИК [044525545", "30101810300000000545"], "АО ЮНИКРЕДИТ БАНК"),
        (['`Ф-Л БАНКА ГПБ (АО) "ЦЕНТРАЛЬНО-ЧЕРНОЗЕМНЫЙ" Г. БИК 042007800', "ВОРОНЕЖ Cu. № 30101810220070000800"],
         'Ф-Л БАНКА ГПБ (АО) "ЦЕНТРАЛЬНО-ЧЕРНОЗЕМНЫЙ" Г. ВОРОНЕЖ'),
    ],
    ids=["wrapped", "a border and a speck before БИК", "wrapped at a hyphen", "«Кор.Сч.» cell", "«БИК» half read",
         "a corner's speck before the name, «Сч.» read «Cu.»"],
)  # fmt: skip
def test_a_bank_name_wrapped_over_the_grids_rows_is_read_from_all_of_them(grid: list[str], bank: str) -> None:
    warning = "прихода денег на р/с Поставщика, самовывозом, при наличии доверенности и паспорта."
    lines = [warning, *grid, "Банк получателя", "ИНН 3123071286 КПП 312301001 Сч. № 40702810500490001519"]
    assert details_of(lines).bank_name == bank


def test_a_caption_behind_its_cells_border_is_a_caption() -> None:
    lines = ["АО ЮНИКРЕДИТ БАНК 044525545 -", "30101810300000000545", "[Банк получателя", "ИНН 5725002861"]
    assert details_of(lines).bank_name == "АО ЮНИКРЕДИТ БАНК"


@pytest.mark.parametrize(
    "row",
    [
        "ИНН 5725002861 [KAN 572501001. Cy, № 40702810300014867399",
        "(AHH 5725002861 |КПП 572501001 Cu. № 40702810300014867399",
    ],
)
def test_specks_beside_the_payee_caption_are_no_name(row: str) -> None:
    """«Получатель» at the foot of the grid's payee cell, beside a payment order's «Код» and «Рез. поле»: the grid's
    row above it is known by two of its ИНН, КПП and account, whichever OCR misread."""
    lines = [
        row,
        '000 "ФосАгро-Орел“ _ Вид оп. 01 — Срок плат.',
        "Наз. пл. Очер. плат. 5",
        "Получатель . Код 64 Pes. поле",
        "Счет на оплату № 960 от 6 апреля 2020 г.",
        'Поставщик 000 "ФосАгро-Орел", ИНН 5725002861, КПП 572501001, 303900, Орловская обл',
    ]
    assert details_of(lines).recipient_name == 'ООО "ФосАгро-Орел"'


def test_a_payment_orders_code_on_an_invoice_is_no_fiscal_drive() -> None:
    lines = [*_one_c_invoice(["Всего к оплате: 3 600,00"]), "ии 920040 6600098000 eae"]
    assert details_of(lines).fiscal_drive_number is None


def test_a_blank_templates_zero_accounts_are_shown_and_called_invalid() -> None:
    """A 1C template with zeros for requisites: what it prints is shown, and no check calls it valid."""
    lines = [
        'ЗАО "БАНК", г.Москва БИК 000000000',
        "Банк получателя Сч. № 00000000000000000000",
        "ИНН 0000000000 КПП 000000000 Сч. № 00000000000000000000",
        'ООО "Компания"',
        "Получатель",
    ]
    details, checks = resolve(extract_candidates(lines), classify(lines), Source.PDF)
    zeros = "0" * 20
    assert (details.bank_bic, details.bank_corr_account, details.recipient_account) == ("000000000", zeros, zeros)
    for field in ("bank_bic", "bank_corr_account", "recipient_account", "recipient_inn"):
        assert checks[field].status == "invalid", field
    assert checks["recipient_account"].rule == "account_placeholder"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Плательщик: ИП Ковалёв A. A.", "ИП Ковалёв А. А."),  # initials read as Latin look-alikes
        ("Поставщик: ИП Егорова О. И., AHH 470118816487", "ИП Егорова О. И."),  # a garbled «ИНН» after a comma
    ],
)
def test_a_name_keeps_its_cyrillic_initials_and_drops_the_requisites_after_it(line: str, name: str) -> None:
    details = details_of([line])
    assert name in (details.recipient_name, details.payer_name)


def test_a_designed_invoice_without_its_title_is_an_invoice() -> None:
    """A modern invoice says «СЧЁТ № 12», not «Счёт на оплату»: its «Реквизиты для оплаты» and «Итого к оплате» tell."""
    lines = [
        "ООО «Ромашка» СЧЁТ № 12",
        "Реквизиты для оплаты",
        "Плательщик: ООО «Вектор»",
        "Итого к оплате: 1 200,00 ₽",
    ]
    assert classify(lines) == DocumentType.INVOICE


def test_a_card_slip_on_a_tape_that_lost_its_receipt_words_gives_no_bank() -> None:
    """Blur took «КАССОВЫЙ ЧЕК», «ПРИХОД» and the ФН: the page no longer reads as a receipt, and the slip's bank is
    still the buyer's card's acquirer, not the payee's."""
    receipt = ['ООО "ПРОДУКТЫ У ДОМА"', "ИНН 7707083893", "ИТОГ =1 350,00"]
    details = details_of(CARD_SLIP + receipt)
    assert details.bank_name is None
    assert (details.recipient_name, details.amount) == ('ООО "ПРОДУКТЫ У ДОМА"', "1350.00")


@pytest.mark.parametrize(
    "seller",
    [['Продавец: ООО "Звезда"', "ИНН продавца: 7707083893"], ["ИНН продавца: 7707083893", 'ООО "Звезда"']],
    ids=["«Продавец» over its ИНН", "its ИНН over its name"],
)
def test_an_ofd_receipt_that_labels_its_own_seller_keeps_it(seller: list[str]) -> None:
    """No agent's sign and no other ИНН: «ИНН продавца» is the issuer's own, as an ОФД's web receipt labels it."""
    details = details_of(["Кассовый чек", "Приход", *seller, "Итого 2 499,00", "ФН 7281440500123456"])
    assert (details.recipient_name, details.recipient_inn) == ('ООО "Звезда"', "7707083893")


def test_a_card_slips_bank_read_behind_a_speck_is_not_the_seller() -> None:
    """«| 4 ПАО «ПРОМСВЯЗЬБАНК»» over «ОПЛАТА.»: a speck's digit keeps the line from reading as a bank's alone, and as
    a company's line it is still the slip's acquirer, never the seller."""
    slip = ["| 4 ПАО «ПРОМСВЯЗЬБАНК»", "| ОПЛАТА.", "Сумма (Руб): 2610,13", "| ‘одовРЕно"]
    receipt = ["КАССОВЫЙ ЧЕК", "ПРИХОД", 'ООО "ПРОДУКТЫ У ДОМА"', "ИНН 7707083893", "ИТОГ =2 610,13"]
    assert details_of(slip + receipt).recipient_name == 'ООО "ПРОДУКТЫ У ДОМА"'
    assert details_of([*slip, "КАССОВЫЙ ЧЕК", "ИТОГ =2 610,13"]).recipient_name is None


def test_a_payees_name_wrapped_after_an_adjective_goes_on_under_it() -> None:
    """A university's printable ПД-4 form (a text layer): the name wraps after «высшего», whose noun is on the next
    line; an adjective in lower case ends no name."""
    lines = [
        "ИЗВЕЩЕНИЕ",
        "Получатель: федеральное государственное бюджетное образовательное учреждение высшего",
        'образования "Северный государственный университет"',
        "ИНН 3525027110,КПП 352501001 УФК по Северной области (СГУ, л/с 20306X44530)",
    ]
    assert details_of(lines, Source.PDF).recipient_name == (
        'федеральное государственное бюджетное образовательное учреждение высшего образования "Северный '
        'государственный университет"'
    )


def _housing_bill(sum_line: str) -> list[str]:
    """A ЖКХ «Платежный документ (счет)» as Tesseract read one: section heads and column heads over the payee's row,
    which shares its line with the payee bank's office, the print's sums overwritten with zeros."""
    return [
        "ПЛАТЕЖНЫЙ ДОКУМЕНТ (СЧЕТ) № 5542111111111-9/2023",
        "Раздел2 Сведения для внесения платы получателю платежа (получателям платежей)",
        "Наименование получателя платежа Номер банковского счета и банковские реквизиты",
        'АО "Теплосеть Самара Дополнительный офис "Самарский Региональный Центр"Нижегородского',
        'филиала Акционерного общества "Акционерный банк"Россия"',
        "ИНН - 6322036965 / 631701001 БИК - 042202876 Р/с-40702810101240000148 К/с - 30101810300000000876",
        sum_line,
    ]


def test_a_housing_bills_column_heads_and_section_are_no_payees_name() -> None:
    name = details_of(_housing_bill("К оплате за месяц 000,00")).recipient_name
    assert name is not None and name.startswith('АО "Теплосеть Самара') and "офис" not in name


def test_a_bill_to_a_rouble_account_is_in_roubles_whose_sum_went_unread() -> None:
    """Digits 6-8 of the account (810) name the rouble: the currency stands where the page's sum is blank."""
    details = details_of(_housing_bill("К оплате за месяц 000,00"))
    assert details.amount is None
    assert details.currency == "RUB"


@pytest.mark.parametrize(
    ("lines", "payer", "recipient"),
    [
        (
            ["Исходящий перевод СБП", "Статус Выполнено", "Имя плательщика Олег Игоревич Т.",
             "Получатель Пётр Ильич К.", "Банк получателя Сбербанк", "Сумма операции 200 ₽"],
            "Олег Игоревич Т.", "Пётр Ильич К.",
        ),
        (
            ["Чек по операции", "Ф.И.О. получателя:", "Мария Олеговна Р.", "Банк получателя:", "Т-Банк",
             "Ф.И.О. отправителя:", "ИГОРЬ ПЕТРОВИЧ Л.", "10 000,00 руб.", "Сумма:"],
            "ИГОРЬ ПЕТРОВИЧ Л.", "Мария Олеговна Р.",
        ),
        (
            ["ЧЕК ПО ОПЕРАЦИИ", "СУММА ОПЕРАЦИИ: 1116.48 RUB", "РЕКВИЗИТЫ ПЛАТЕЛЬЩИКА:", "ОЛЕГ ИГОРЕВИЧ Т.",
             "ЛИЦЕВОЙ СЧЕТ: 4710613129", "ПОЛУЧАТЕЛЬ ПЛАТЕЖА:", "ООО «РОМАШКА»", "ИНН: 7707083893"],
            "ОЛЕГ ИГОРЕВИЧ Т.", "ООО «РОМАШКА»",
        ),
        (
            ["Итого 35 ₽", "Покупка По QR-коду", "Статус Успешно", "Сумма 35 ₽",
             "Наименование ЮЛ или ИП ООО \"ВЕКТОР-ТРАНС\"", "Квитанция № 1-111-184-502-464"],
            None, "ООО \"ВЕКТОР-ТРАНС\"",
        ),
    ],
    ids=["Имя плательщика", "Ф.И.О. отправителя under it", "РЕКВИЗИТЫ ПЛАТЕЛЬЩИКА over the name", "Наименование ЮЛ"],
)  # fmt: skip
def test_a_bank_receipts_other_names_of_the_payer_and_the_payee(
    lines: list[str], payer: str | None, recipient: str
) -> None:
    """Bank receipts name their client, the payer, and a merchant paid by QR in words of their own; those rows
    were read as nobody's, leaving the payer or the recipient empty."""
    details = details_of(lines, Source.PDF)
    assert (details.payer_name, details.recipient_name) == (payer, recipient)
    if "ИНН: 7707083893" in lines:
        assert details.recipient_inn == "7707083893"  # under the payee's label, not the payer's


@pytest.mark.parametrize(
    ("lines", "field", "value"),
    [
        (["ПОЛУЧАТЕЛЬ ПЛАТЕЖА:", "ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", '"ВОЛГАЭНЕРГОСБЫТ"', "РЕКВИЗИТЫ ПОЛУЧАТЕЛЯ:"],
         "recipient_name", 'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "ВОЛГАЭНЕРГОСБЫТ"'),
        (["Получатель: ООО", "«Ромашка»", "ИНН получателя 7707083893"], "recipient_name", "ООО «Ромашка»"),
        (["Получатель УФНС РОССИИ ПО Г.", "КАЗАНИ", "ИНН получателя 7707083893"], "recipient_name",
         "УФНС РОССИИ ПО Г. КАЗАНИ"),
        (["Назначение платежа Госпошлина за выдачу", "паспорта гр. РФ за", "Иванова Петра", "Сергеевича",
          "Номер квитанции 418585334401"], "purpose",
         "Госпошлина за выдачу паспорта гр. РФ за Иванова Петра Сергеевича"),
        (["Получатель Сергей Иванович Г.", "ХАБАРОВСК"], "recipient_name", "Сергей Иванович Г."),  # an initial
        (['Получатель ООО "Ромашка"', "ХАБАРОВСК"], "recipient_name", 'ООО "Ромашка"'),  # a closing quote
    ],
    ids=["a legal form alone, stacked", "a legal form alone", "a city's «г.»", "a purpose over four lines",
         "a person's initial is no «г.»", "a name in quotes is whole"],
)  # fmt: skip
def test_a_value_wrapped_onto_the_next_lines_is_read_whole(lines: list[str], field: str, value: str) -> None:
    """A narrow receipt wraps a payee's name after its legal form or a preposition of its place, and a purpose over
    several lines: the value stopped at the first line's end."""
    lines = ["Чек по операции", *lines, "Сумма операции 300 ₽"]
    assert getattr(details_of(lines, Source.PDF), field) == value


def test_a_transfer_abroad_states_what_was_debited_not_what_was_credited() -> None:
    """A transfer abroad prints the sum debited in roubles, fees included, and the sum credited in the recipient's
    currency; the credited «1 504,43 UZS» was taken for the amount."""
    lines = [
        "Квитанция о переводе за рубеж по номеру телефона",
        "Сумма списания, включая все комиссии",
        "10 RUR",
        "Сумма зачисления",
        "1 504,43 UZS",
        "Курс конвертации",
        "1 UZS = 0.0066137566 RUR",
        "Получатель",
        "Karimov A.",
    ]
    details = details_of(lines, Source.PDF)
    assert (details.document_type, details.amount, details.currency) == (DocumentType.BANK_TRANSFER, "10.00", "RUB")
    assert details_of(["Сумма комиссии, включая НДС", "49,20 RUR"], Source.PDF).amount is None  # a fee is no amount


PD4_AS_READ = [
    "Извещение",
    "ООО «УК ПромЛайн»",
    "(наименование получателя платежа}",
    "ИНН 7707083893 КПП 770701001 40702810900000000001",
    "(ИННКПП получателя платежа) (номер счёта получателя платежа}",
    'в КУРСКИЙ РФ АО "РОССЕЛЬХОЗБАНК" БИК 043807798',
    "(наименование банка получателя платежа)",
    "Номер кор./сч. банка получателя платежа 30101810700000000798",
    "Оплата жилищно-коммунальных услуг за декабрь 2026 г. л/с 043082263",
    "(наименование платежа) (номер лицевого счёта плательщика}",
    "Ф.И.О. плательщика: Кузнецов Олег Сергеевич",
    "Сумма платежа: 11738 руб. 03 коп. Сумма платы за услуги: руб. коп.",
    "Итого руб. __ коп. «о» 20___г.",
    "Подпись плательщика",
]
"""A ПД-4 as Tesseract reads it: a caption under each boxed row, the purpose's and the personal account's side by
side, a blank total and a blank date «“__” ____ 20__ г.» at its foot."""


def test_a_pd4s_blank_date_is_no_amount_and_its_captions_give_the_bank_and_purpose() -> None:
    details = details_of(PD4_AS_READ)
    assert details.amount == "11738.03"  # not the 20 of «20___г.»
    assert details.bank_name == 'КУРСКИЙ РФ АО "РОССЕЛЬХОЗБАНК"'  # «в» dropped, БИК cell cut
    assert details.purpose == "Оплата жилищно-коммунальных услуг за декабрь 2026 г."  # the personal account apart
    for blank_date in ("«о» 2026 г.", "« » 20. г.", "«У 20 г"):
        assert details_of([*PD4_AS_READ[:-2], f"Итого руб. коп. {blank_date}"]).amount == "11738.03"


@pytest.mark.parametrize(
    "blank_total",
    [
        "Итого ___ руб. __ коп. «у 20 sr.",
        "Итого руб. __ коп. «у 20 sr.",
        "Итого. руб. __ кп. «__» 20__ к",
        "Итого руб. кп. «_» 20__",
        "Итого руб. коп. «> 20.",
    ],
)
def test_a_pd4s_blank_total_gives_no_amount_whatever_ocr_made_of_the_blank_date_after_it(blank_total: str) -> None:
    """«20__г.» read as «у 20 sr.» escapes the year's rule; the blank «___ руб. __ коп.» says the total is unfilled,
    and the sum printed above is the amount (bench/layouts invoice_05)."""
    assert details_of([*PD4_AS_READ[:-2], blank_total]).amount == "11738.03"


CONTRACTOR_BLOCK = [
    "Исполнитель",
    'Наименование: ПАО "ТехноСнаб"',
    "ИНН/КПП: 7707083893 / 770701001",
    "Р/с: 4070 2810 8814 3442 7664",
    'Банк: ТОМСКИЙ РФ АО "РОССЕЛЬХОЗБАНК" г. Томск',
    "БИК: 046902711",
    "К/с: 3010 1810 3000 0000 0711",
]
CUSTOMER_BLOCK = [
    "Заказчик",
    'Наименование: ООО "Байкал-Софт"',
    "ИНН/КПП: 7939432495 / 793901001",
    "Р/с: 4070 2810 8673 9432 6500",
    'Банк: АО "Тойота Банк"',
    "БИК: 044525630",
    "К/с: 3010 1810 6000 0000 0630",
]


@pytest.mark.parametrize("customer_first", [False, True], ids=["contractor first", "customer first"])
def test_stacked_party_blocks_under_their_headings_keep_their_roles(customer_first: bool) -> None:
    """A modern invoice stacks both parties' requisites under «Исполнитель» and «Заказчик»: with the customer's block
    first, its ИНН, account and bank were the recipient's, each verified by its check digits."""
    blocks = [*CUSTOMER_BLOCK, *CONTRACTOR_BLOCK] if customer_first else [*CONTRACTOR_BLOCK, *CUSTOMER_BLOCK]
    lines = ["СЧЁТ № INV-2026-0768", "Дата выставления: 08.01.2026", *blocks, "Итого к оплате: 152 229,00 руб."]
    details = details_of(lines)
    assert (details.recipient_name, details.payer_name) == ('ПАО "ТехноСнаб"', 'ООО "Байкал-Софт"')
    assert (details.recipient_inn, details.recipient_kpp) == ("7707083893", "770701001")
    assert (details.recipient_account, details.bank_bic) == ("40702810881434427664", "046902711")
    assert details.bank_corr_account == "30101810300000000711"


@pytest.mark.parametrize(
    ("printed", "bank"),
    [
        ('КУ ПАО БАНК "ЮГРА" - ГК "ACB"', 'КУ ПАО БАНК "ЮГРА" - ГК "АСВ"'),
        ('KY КБ "Спутник" (ПАО) - ГК "ACB", г.Москва', 'КУ КБ "Спутник" (ПАО) - ГК "АСВ", г.Москва'),
        ('АО "BMW Банк"', 'АО "BMW Банк"'),
    ],
    ids=["the deposit agency's АСВ", "a receiver's КУ", "a Latin name of its own"],
)
def test_a_banks_words_read_in_latin_look_alikes_are_cyrillic_again(printed: str, bank: str) -> None:
    assert details_of([f"Банк получателя {printed}"]).bank_name == bank
