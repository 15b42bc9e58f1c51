"""Classes the sixth round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.pooling import pool_readings
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source
from tests.text_reading import details_of

CORRECTION_TAPE = [
    'ООО "Волна"',
    "346713, г. Пермь, ул. Победы, д. 103",
    "ИНН 2971605390",
    "КАССОВЫЙ ЧЕК КОРРЕКЦИИ",
    "ПРИХОД",
    "ЧЕК КОРР. 7 19.06.2026 14:05",
    "ТИП КОРРЕКЦИИ САМОСТОЯТЕЛЬНО",
    "{settled}",
    "НОМЕР ПРЕДПИСАНИЯ б/н",
    "Кофе молотый арабика 250г",
    "1 x 627.90 =627.90",
    "ИТОГ =627.90",
    "БЕЗНАЛИЧНЫМИ =627.90",
    "ФН № 9960725827413639",
    "ФД № 257542",
    "ФП 230539431",
]
_QR = [
    Candidate("payment_date", "2026-06-19", Source.QR),
    Candidate("amount", "627.90", Source.QR),
    Candidate("fiscal_drive_number", "9960725827413639", Source.QR),
    Candidate("fiscal_document_number", "257542", Source.QR),
    Candidate("fiscal_sign", "230539431", Source.QR),
]


@pytest.mark.parametrize(
    "settled",
    ["ДАТА РАСЧЕТА 11.06.2026", "Дата совершения расчета: 11.06.2026", "ДATA PACЧETA   11.06.2026"],
    ids=["a tape's", "the format's tag name", "in Latin look-alikes"],
)
def test_a_correction_receipt_is_dated_by_the_day_it_was_paid(settled: str) -> None:
    """A correction receipt's QR and its own line date the correction (19 June); the payment it makes good was
    made on «ДАТА РАСЧЕТА» (11 June): that is the payment's date, and the QR's agreement with the print verifies
    only the correction's, so it is no check of it."""
    lines = [line.format(settled=settled) for line in CORRECTION_TAPE]
    details, checks = resolve(extract_candidates(lines) + _QR, classify(lines), Source.OCR)
    assert details.document_type == DocumentType.CASH_RECEIPT
    assert details.payment_date == "2026-06-11"
    assert checks["payment_date"].status != CheckStatus.VERIFIED
    assert details.amount == "627.90" and checks["amount"].status == CheckStatus.VERIFIED


def test_a_receipt_of_a_sale_keeps_its_own_date() -> None:
    """A sale's receipt that prints a «Дата расчёта»-like line but no correction keeps its QR's date."""
    lines = [line.format(settled="ДАТА РАСЧЕТА 11.06.2026") for line in CORRECTION_TAPE if "КОРР" not in line]
    details, checks = resolve(extract_candidates(lines) + _QR, classify(lines), Source.OCR)
    assert details.payment_date == "2026-06-19" and checks["payment_date"].source == Source.QR


NARROW_SBP = [
    '"БНП ПАРИБА БАНК" АО',
    "18.09.2026 14:22:05",
    "Итого",
    "27 569 ₽",
    "Тип операции",
    "Перевод по СБП",
    "Статус",
    "Успешно",
    "Отправитель",
    "Андрей Сергеевич П.",
    "Получатель",
    "Игорь Петрович С.",
    "Банк получателя",
    "Почта Банк",
    "Сумма",
    "27 569,00 ₽",
    "Комиссия",
    "0 ₽",
    '"БНП ПАРИБА БАНК" АО.',
    "БИК 044525185",
    "ИНН 7707083893",
    "к/с 30101810100000000185",
    "{executed}",
    "18.09.2026",
]


@pytest.mark.parametrize("executed", ["ОПЕРАЦИЯ ИСПОЛНЕНА", "ИСПОЛНЕНО", "ОПЕРАЦИЯ ИСПОАНЕНА"])
def test_a_stamp_of_the_sending_bank_gives_the_recipient_none_of_its_numbers(executed: str) -> None:
    """A СБП receipt names the payee's bank only; the stamp at its foot is the sending bank's: its name, БИК, ИНН
    and к/с over «ОПЕРАЦИЯ ИСПОЛНЕНА». Its ИНН (between the БИК and the к/с) is the bank's, not the recipient's."""
    details = details_of([line.format(executed=executed) for line in NARROW_SBP])
    assert details.document_type == DocumentType.BANK_TRANSFER
    assert details.bank_name == "Почта Банк"
    assert (details.recipient_inn, details.bank_bic, details.bank_corr_account) == (None, None, None)


NARROW_SBP_PHOTO = [
    '"БНП ПАРИБА БАНК” AO',
    "06.08.2026 19:11:09",
    "Итого",
    "6 133,18 руб.",
    "Тий опермо",
    "Перевод по СБП",
    "Отправитель",
    "Олег Сергеевич С.",
    "Телефон получателя",
    "+7 (977) 202-59-62",
    "{recipient_caption}",
    "Николай Андреевич З.",
    "{bank_caption}",
    "Почта Банк",
    "{debit_caption}",
    "40817810751229885406",
    "Идентификатор операции в СБП",
    "А6408920567159575086741522",
    "Сумма",
    "6 133,18 руб.",
    "Ковры ся",
    "0 руб.",
    '"БНП ПАРИБА БАНК" AO |',
    "БИК 044525185 |",
    "ИНН 2332217811 |",
    "{corr_account}",
    "ОПЕРАЦИЯ ИСПОЛНЕНА",
    "06.08 2026",
]


@pytest.mark.parametrize(
    ("recipient_caption", "bank_caption", "debit_caption", "corr_account"),
    [
        ("Получатель", "ban погучателя", "Счёт сгнесания", "к/с 301018101000000001 8S |"),
        ("Получытель", "Бани получателя", "Оч списания", "a/c 301018101 00000000 1 #5 |"),
    ],
    ids=["photo", "hard"],
)
def test_a_blurred_sbp_receipt_gives_the_recipient_nothing_of_the_sending_banks_or_the_payers(
    recipient_caption: str, bank_caption: str, debit_caption: str, corr_account: str
) -> None:
    """The same receipt photographed: OCR garbles the grey captions. «Счёт списания» read «Счёт сгнесания» or «Оч
    списания» still captions the payer's account; the stamp whose к/с OCR split («a/c 301018101 00000000 1 #5») is
    still the sending bank's, its ИНН and БИК none of the recipient's; and the app's header, the same bank's name as
    the stamp's, is not the recipient's bank where «Банк получателя» was lost."""
    lines = [
        line.format(
            recipient_caption=recipient_caption,
            bank_caption=bank_caption,
            debit_caption=debit_caption,
            corr_account=corr_account,
        )
        for line in NARROW_SBP_PHOTO
    ]
    details = details_of(lines)
    assert details.document_type == DocumentType.BANK_TRANSFER
    assert details.recipient_account is None
    assert (details.recipient_inn, details.bank_bic, details.bank_corr_account) == (None, None, None)
    assert details.bank_name == "Почта Банк"
    assert details.recipient_name in (None, "Николай Андреевич З.")


def test_an_sbp_receipts_account_without_its_caption_is_the_payers() -> None:
    """Every grey caption lost: the СБП pays a phone, so the 20 digits under the names are the account debited, not
    the recipient's; an account a label gives the recipient is still read."""
    lines = [
        "38 525 р",
        "Перевод no СБП",
        "Успешно",
        "Андрей Сергеевич П.",
        "+7 (940) 895-88-59",
        "Игорь Петрович С.",
        "Совкомбанк",
        "408 17810168416542619",
        "38 525,00 P",
    ]
    assert details_of(lines).recipient_account is None
    labelled = [*lines[:-1], "Счёт получателя 40817810168416542619", lines[-1]]
    assert details_of(labelled).recipient_account == "40817810168416542619"


SBP_PHOTO_WITHOUT_CAPTIONS = [
    "КУ АО `Кемсоцинбанк” - ГК “АСВ”",
    "38 525 р",
    "Перевод no СБП",
    "Успешно",
    "Андрей Сергеевич П.",
    "+7 (940) 895-88-59",
    "Игорь Петрович С.",
    "Совкомбанк",
    "408 17810168416542619",
    "38 525,00 P",
    "OP",
]


@pytest.mark.parametrize(
    "stamp",
    [
        ["KY AO Кемсоциноанк ik ACB", "БИК 0432 (", "ИНН 1063244643"],
        ["KY AO Кемсоциноанк ik ACB", "ИНН 1063244643", "к/с 30101810600000000720", "18.09.2026"],
    ],
    ids=["its к/с and status lost", "its status lost"],
)
def test_a_stamp_at_the_foot_that_lost_its_status_is_still_the_sending_banks(stamp: list[str]) -> None:
    """r6_transfer_05 photo: glare took «ОПЕРАЦИЯ ИСПОЛНЕНА» (and the к/с) from the stamp; a bank's name, its ИНН
    beside its БИК or к/с, and nothing under them but the date still make the sending bank's stamp, whose ИНН is
    none of the recipient's."""
    details = details_of([*SBP_PHOTO_WITHOUT_CAPTIONS, *stamp])
    assert details.document_type == DocumentType.BANK_TRANSFER
    assert (details.recipient_inn, details.bank_bic, details.bank_corr_account) == (None, None, None)


def test_the_recipients_bank_named_alone_over_its_bik_at_the_foot_keeps_it() -> None:
    """A bank named over its БИК and к/с with no ИНН of its own at the page's foot is the recipient's bank whose
    caption OCR lost, not a stamp: a receipt prints no ИНН of the recipient's bank."""
    lines = [*SBP_PHOTO_WITHOUT_CAPTIONS[:7], "Совкомбанк", "БИК 043469743", "к/с 30101810300000000743"]
    assert details_of(lines).bank_bic == "043469743"


def test_a_correction_receipt_whose_settlement_is_unread_has_no_date() -> None:
    """A photocopy lost the «ДАТА РАСЧЕТА» line: the QR's and the print's date are still the correction's, not the
    payment's, so the receipt gets none rather than a wrong one verified by their agreement."""
    lines = [line.format(settled="") for line in CORRECTION_TAPE]
    details, _ = resolve(extract_candidates(lines) + _QR, classify(lines), Source.OCR)
    assert details.payment_date is None and details.amount == "627.90"


PHOTOCOPIED_CORRECTION = [
    "ООО «Уральские Окна»",
    "ИНН 2232172035",
    "КАССОВЫЙ ЧЕК КОВРЕКЦИИ",
    "ПРИХОД, |",
    "ЧЕК KOPP, 39 | 18.04.2026 18:11",
    "ТИП КОРРЕКЦИИ | _ САМОСТОЯТЕЛЬНО",
    "ДАТА РАЕЧЕТА | 15.64.2026",
    "гречка ядрица 900г |",
    "итог | =1557.00",
    "БЕЗНАЛИЧНЫМИ | =1557.00",
    "ФН № 8710375438092038",
    "ФД № 893312",
    "ФП 1497215833",
]
_CORRECTIONS_QR = [
    Candidate("payment_date", "2026-04-18", Source.QR),
    Candidate("amount", "1557.00", Source.QR),
]


@pytest.mark.parametrize(
    "kept",
    [
        "КАССОВЫЙ ЧЕК КОВРЕКЦИИ",
        "ЧЕК KOPP, 39 | 18.04.2026 18:11",
        "ТИП КОРРЕКЦИИ | _ САМОСТОЯТЕЛЬНО",
        "ДАТА СОВЕРШЕНИЯ КОРРЕКТИРУЕМОГО РАСЧЕТА",
    ],
    ids=["the title one letter off", "its number's line", "the type's", "the format's settlement caption"],
)
def test_a_correction_receipt_is_known_by_any_of_its_cues(kept: str) -> None:
    """A photocopy read the title «КОРРЕКЦИИ» as «КОВРЕКЦИИ» and «ДАТА РАСЧЕТА» as «ДАТА РАЕЧЕТА» over a date with
    its month misread: any one cue that names a correction makes the QR's and the print's date the correction's, so
    the receipt has no date rather than a wrong one verified by their agreement (r6_receipt_06_hard)."""
    cues = {"КОВРЕКЦИИ", "KOPP", "ТИП КОРРЕКЦИИ"}
    lines = [line for line in PHOTOCOPIED_CORRECTION if not any(cue in line for cue in cues) or line == kept]
    lines += [] if kept in lines else [kept]
    details, checks = resolve(extract_candidates(lines) + _CORRECTIONS_QR, classify(lines), Source.OCR)
    assert details.payment_date is None and checks["payment_date"].status != CheckStatus.VERIFIED
    assert details.amount == "1557.00"


def test_a_correction_receipts_settlement_is_read_one_letter_off() -> None:
    """«ДАТА РАЕЧЕТА» (its С read as Е) still dates the payment, when its date reads."""
    lines = [line.replace("15.64.2026", "15.04.2026") for line in PHOTOCOPIED_CORRECTION]
    details, _ = resolve(extract_candidates(lines) + _CORRECTIONS_QR, classify(lines), Source.OCR)
    assert details.payment_date == "2026-04-15"


@pytest.mark.parametrize("item", ["Корректор-ручка 8 мл", "Коррекция бровей"])
def test_a_sale_of_a_corrector_keeps_its_date(item: str) -> None:
    """A sale's receipt that sells a «Корректор» or a «Коррекция бровей» names no correction receipt."""
    lines = [line for line in PHOTOCOPIED_CORRECTION if not any(c in line for c in ("КОВР", "KOPP", "ТИП", "РАЕЧ"))]
    lines.insert(3, item)
    details, checks = resolve(extract_candidates(lines) + _CORRECTIONS_QR, classify(lines), Source.OCR)
    assert details.payment_date == "2026-04-18" and checks["payment_date"].source == Source.QR


QR_PURCHASE = [
    "Квитанция",
    "21 января 2026, 14:47",
    "{operation}",
    "Успешно",
    "340,00 ₽",
    "Магазин Кофейня «Зерно»",
    "Получатель ИП Соколов Михаил Петрович",
    "ИНН получателя 647763170622",
    "Банк получателя ВТБ",
    "Сумма 340,00 ₽",
    "Итого 340,00 ₽",
]


@pytest.mark.parametrize(
    "operation",
    ["Оплата по QR-коду СБП", "Оплата по ОВ-коду СБП", "Оплата по QR-kogy CBN", "Оплата по СБП", "Оплата по карте"],
)
def test_how_a_purchase_was_paid_is_no_purpose(operation: str) -> None:
    """A bank's receipt of a purchase by a shop's СБП QR code names the operation, «Оплата по QR-коду СБП» (OCR:
    «ОВ-коду», «QR-kogy CBN»): how it was paid, not what for; the page prints no purpose."""
    details = details_of([line.format(operation=operation) for line in QR_PURCHASE])
    assert details.purpose is None
    assert (details.recipient_name, details.amount) == ("ИП Соколов Михаил Петрович", "340.00")


def test_a_purpose_that_opens_with_oplata_po_is_still_one() -> None:
    lines = [line.format(operation="Оплата по счёту № 15 от 12.01.2026") for line in QR_PURCHASE]
    assert details_of(lines).purpose == "Оплата по счёту № 15 от 12.01.2026"


INVOICE_ACT = [
    "{title}",
    "на оплату и о выполнении работ (оказании услуг)",
    "Исполнитель: ИП Морозов Алексей Николаевич, ИНН 303788686288, адрес: 674017, г. Москва, ул. Мира, д. 5, р/с",
    "40802810190438737919 в ТВЕРСКОЕ ОТДЕЛЕНИЕ №8607 ПАО СБЕРБАНК, БИК 042809679, к/с 30101810700000000679",
    "Заказчик: ПАО «Радуга», ИНН 1898383196, КПП 189801001, адрес: 206026, г. Екатеринбург, ул. Ленина, д. 10, р/с",
    '40702810176764222633 в АО НКО "ЭЛЕКСНЕТ", БИК 044525133, к/с 30103810845250000133',
    "Основание: договор подряда № 68 от 23.01.2026",
    "1 Ремонт кровли, м2 1 12925,00 12925,00",
    "Итого: 12 925,00",
    "НДС не облагается",
    "Всего к оплате: 12 925,00",
    "Сумма прописью: Двенадцать тысяч девятьсот двадцать пять рублей 00 копеек",
]


@pytest.mark.parametrize("title", ["СЧЁТ-АКТ № 278 от 14.04.2026", "Счет-акт № 278 от 14 апреля 2026 г."])
def test_an_invoice_act_is_dated_by_its_title(title: str) -> None:
    """A «Счёт-акт» (a bill and an act of work done in one paper) is dated as a «Счёт № … от …» is; the contract's
    date under it («Основание: договор … от 23.01.2026») is another document's."""
    details = details_of([line.format(title=title) for line in INVOICE_ACT])
    assert details.document_type == DocumentType.INVOICE
    assert details.payment_date == "2026-04-14"
    assert (details.recipient_inn, details.amount) == ("303788686288", "12925.00")


BILINGUAL_INVOICE = [
    "СЧЁТ № 2026-360 от 10.11.2026",
    "INVOICE No. 2026-360 dated November 10, 2026",
    "Покупатель: ООО «Уральские Окна»",
    "Buyer:",
    "Банковские реквизиты",
    "Bank details",
    "Получатель / Beneficiary {payee}",
    "ИНН / КПП / TIN / KPP 5894821791 / 589401001",
    "Расчётный счёт / Account 40702810520941753431",
    'Банк получателя / Beneficiary\'s bank "Северный Народный Банк" (АО)',
    "БИК / BIC 048702781",
    "Корр. счёт / Corr. account 30101810000000000781",
    "Итого: 73,555.00",
    "НДС 20%: 14,711.00",
    "Всего к оплате: RUB 88,266.00",
    "Total due:",
]


@pytest.mark.parametrize("payee", ["ООО «Светлый Дом»", "000 «Светлый Дом»"])
def test_a_bilingual_labels_english_half_is_no_part_of_its_value(payee: str) -> None:
    """A «Счёт / Invoice» labels each requisite in Russian and then in English after a slash: «Банк получателя /
    Beneficiary's bank "…"». The English words are the label's, not the start of the payee's or the bank's name."""
    details = details_of([line.format(payee=payee) for line in BILINGUAL_INVOICE])
    assert details.recipient_name == "ООО «Светлый Дом»"
    assert details.bank_name == '"Северный Народный Банк" (АО)'
    assert (details.bank_bic, details.amount) == ("048702781", "88266.00")


TWO_SHEETS_SIDE_BY_SIDE = [
    "Счет на оплату Ne 2212 oF 7 мая 2026 г. — 9 [renter on 3 Ee",
    "и compe 00 steam STB, ОНИ, 300 с ржу BOONES, A   2 Sots ПН 50,40, 3 м. pe S778 ом Se |",
    "{buyer}, ИНН 1699507270, КПП 169943001, 280364, г. Казань, ул. Заводская, A 58 _ a2 [пороть 68 os 96S и oj аи |",
    "| НЕ ЕВЕ — 3 Герматик covennonoens 290 1h, OF 6 шие — 2379.78 |",
]


@pytest.mark.parametrize(
    "buyer",
    ['"Покупатель Занаучик: AO Техиобнаб»', "| Заказчик: АО «ТехноСнаб»", "Покупатель (Заказчик) АО «ТехноСнаб»"],
    ids=["a speck before it, its role's brackets lost", "a cell's border before it", "its role in brackets"],
)
def test_a_number_on_the_line_a_buyers_label_opens_is_never_the_recipients(buyer: str) -> None:
    """A photo of a 1C invoice's two sheets side by side: OCR lost the supplier's line and read the buyer's with a
    speck before «Покупатель» and «(Заказчик)» as «Занаучик:» (r6_invoice_00_photo). The ИНН on the line the
    buyer's label opens is the buyer's, though it passes its check digits and no other ИНН contests it."""
    lines = [line.format(buyer=buyer) for line in TWO_SHEETS_SIDE_BY_SIDE]
    details, checks = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.recipient_inn is None and details.recipient_kpp is None
    assert checks["recipient_inn"].status != CheckStatus.VERIFIED


def test_the_suppliers_line_beside_the_buyers_keeps_its_number() -> None:
    """Where the supplier's line was read, its ИНН is the recipient's, verified; the buyer's stays out."""
    lines = [line.format(buyer='"Покупатель Занаучик: AO Техиобнаб»') for line in TWO_SHEETS_SIDE_BY_SIDE]
    lines.insert(2, "Поставщик (Исполнитель): ООО «Волна», ИНН 5736389392, КПП 573643001, г. Орёл")
    details, checks = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.recipient_inn == "5736389392" and checks["recipient_inn"].status == CheckStatus.VERIFIED


BILINGUAL_TOTALS = [
    "СЧЁТ № 2026-038 от 07.10.2026",
    'Получатель / Beneficiary АО "Меридиан"',
    "ИНН/КПП / TIN / KPP 3243560634 / 324301001",
    "Итого:",
    "Subtotal: 38,250.00 |",
    "НДС 20%:",
    "VAT 20%: RUB 229,500.00 |",
    "{due}",
    "{below}",
]


def _pooled(lines: list[str]) -> list[Candidate]:
    return pool_readings(extract_candidates(lines, Source.OCR), extract_candidates(lines, Source.INDRA))


def test_readers_agreeing_on_a_subtotal_verify_nothing_where_the_total_dues_label_has_no_figure() -> None:
    """A photo of a bilingual invoice: OCR shifted a row's figures, so both readers print the VAT «38,250.00» on the
    «Итого / Subtotal» line and «Всего к оплате» shows none (r6_invoice_07_photo, pooled). The two readers confirm
    the digits of the sum the parser chose, not that it is the total due: it stays, unverified."""
    lines = [line.format(due="Всего к оплате:", below="Total due:") for line in BILINGUAL_TOTALS]
    details, checks = resolve(_pooled(lines), classify(lines), Source.OCR)
    assert details.amount == "38250.00"
    assert checks["amount"].status == CheckStatus.UNVERIFIED and checks["amount"].rule == "total_due_unread"


@pytest.mark.parametrize(
    ("due", "below"),
    [("Всего к оплате:", "Total due: 229,500.00"), ("Итого с НДС 229 500,00", "Total due")],
    ids=["stacked over its figure", "beside it"],
)
def test_readers_agreeing_on_the_total_due_still_verify_it(due: str, below: str) -> None:
    """Where the total due's label reads its figure, the readers agreeing on it verify it as before."""
    lines = [line.format(due=due, below=below) for line in BILINGUAL_TOTALS if "38,250" not in line]
    details, checks = resolve(_pooled(lines), classify(lines), Source.OCR)
    assert details.amount == "229500.00" and checks["amount"].status == CheckStatus.VERIFIED


def test_readers_agreeing_on_a_total_beside_no_total_due_label_still_verify_it() -> None:
    """A page that prints no total due's label at all (a receipt's «ИТОГ», an act's «Итого»): nothing stands
    unread, and the readers agreeing verify its total."""
    lines = [line.format(due="", below="") for line in BILINGUAL_TOTALS if "VAT" not in line and "НДС" not in line]
    details, checks = resolve(_pooled(lines), classify(lines), Source.OCR)
    assert details.amount == "38250.00" and checks["amount"].rule == "readers_agree"


CARD_TRANSFER = [
    "< Перевод клиенту банка",
    "Перевод выполнен",
    "{sent}",
    "Получатель",
    "Марина Олеговна К.",
    "Карта получателя",
    "•• 7712",
    "Банк получателя",
    "Т-Банк",
    "Комиссия",
    "{fee}",
    "Сумма списания",
    "{debited}",
    "Счёт списания",
    "Дебетовая карта •• 1184",
    "Дата и время",
    "03.09.2026, 18:40",
]


def _card_transfer(sent: str = "-2 4/0Р", fee: str = "48 ₽", debited: str = "2 448 ₽") -> list[str]:
    return [line.format(sent=sent, fee=fee, debited=debited) for line in CARD_TRANSFER]


def test_a_fee_under_its_caption_is_no_amount_and_the_debit_less_it_is() -> None:
    """A bank app's card transfer in a dark theme prints the sum sent in a thin face over captioned rows; OCR
    garbles the thin «−2 400 ₽» («-2 4/0Р»), and the figure alone under «Комиссия» was then taken for the sum printed
    large atop the receipt. The fee is no amount; what was debited less the fee is the sum sent, unverified (it is
    worked out, not read)."""
    lines = _card_transfer()
    details, checks = resolve(extract_candidates(lines), classify(lines))
    assert details.document_type == DocumentType.BANK_TRANSFER
    assert details.amount == "2400.00" and checks["amount"].status == CheckStatus.UNVERIFIED


def test_readers_agreeing_on_a_debit_less_its_fee_do_not_verify_it() -> None:
    """Both readers read the same debit and fee: they confirm those figures, not that the page's debit holds its
    fee, so the sum worked out of them stays unverified."""
    lines = _card_transfer()
    details, checks = resolve(_pooled(lines), classify(lines), Source.OCR)
    assert details.amount == "2400.00" and checks["amount"].status == CheckStatus.UNVERIFIED


@pytest.mark.parametrize(
    ("sent", "fee", "debited", "amount"),
    [
        ("-2 400 ₽", "48 ₽", "2 448 ₽", "2400.00"),  # the sum sent read: the same
        ("-2 400 ₽", "0 ₽", "2 400 ₽", "2400.00"),  # no fee
        ("", "", "2 448 ₽", "2448.00"),  # no fee read: the debit is all there is
    ],
    ids=["sum read", "no fee", "fee unread"],
)
def test_a_card_transfers_sum(sent: str, fee: str, debited: str, amount: str) -> None:
    assert details_of(_card_transfer(sent, fee, debited)).amount == amount


def test_a_person_over_the_recipients_card_is_not_the_payer() -> None:
    """«Получатель» over a person over «Карта получателя» over a masked card: the card is the recipient's, so the
    person is no sender (a masked card under a person was taken for the sender's)."""
    details = details_of(_card_transfer())
    assert details.recipient_name == "Марина Олеговна К."
    assert details.payer_name is None


def test_a_person_over_a_masked_card_with_no_caption_is_still_the_sender() -> None:
    lines = ["Перевод по номеру телефона", "Отправитель", "Игорь Петрович С.", "Счёт", "•• 5521", "Сумма 1 200 ₽"]
    assert details_of(lines).payer_name == "Игорь Петрович С."


def test_a_figure_under_the_vat_caption_is_no_amount() -> None:
    """Any caption of a row that holds no payment detail owns the figure alone under it, as the fee's does."""
    lines = ["Оплата услуг", "1 500,00 ₽", "В том числе НДС", "250,00 ₽", "Дата 03.09.2026"]
    assert details_of(lines).amount == "1500.00"


ACT_FOOT = [
    "СЧЁТ-АКТ № 31 от 02.03.2026",
    "на оплату и о выполнении работ (оказании услуг)",
    "Исполнитель: ИП Белова Ольга Игоревна, ИНН 500100732259, адрес: 141400, г. Химки, ул. Мира, д. 3, р/с",
    "Заказчик: ООО «Север», ИНН 7707083893, КПП 770701001, адрес: 101000, г. Москва, ул. Лесная, д. 7",
    "Итого: 45 000,00",
    "Всего к оплате: 45 000,00",
    "{captions}",
    "ИП Белова Ольга Игоревна ООО «Север»",
    "/ подпись / / подпись /",
]


@pytest.mark.parametrize("captions", ["Исполнитель: Заказчик:", "Исполнитель: Заказчик", "Исполнитель: Покупатель"])
def test_a_role_captioned_beside_another_is_no_name(captions: str) -> None:
    """An act's foot prints both parties' captions on one row («Исполнитель: Заказчик:») over their names: the
    second caption is not the first party's name: both readers read it, while the second lost the first letters of
    the heading «Исполнитель:» (read «лолнитель:»), which ranked the caption over the name the first reader read."""
    lines = [line.format(captions=captions) for line in ACT_FOOT]
    garbled = [line.replace("Исполнитель: ИП", "лолнитель: ИП") for line in lines]
    candidates = pool_readings(extract_candidates(lines, Source.OCR), extract_candidates(garbled, Source.INDRA))
    details, _ = resolve(candidates, classify(lines), Source.OCR)
    assert details.recipient_name == "ИП Белова Ольга Игоревна"
    assert details.payer_name == "ООО «Север»"


@pytest.mark.parametrize(
    ("captions", "recipient", "payer"),
    [
        ("Исполнитель: Заказчик", "АО «Вектор»", "ООО «Север»"),
        ("Заказчик: Исполнитель:", "ООО «Север»", "АО «Вектор»"),
        ("Поставщик Покупатель", "АО «Вектор»", "ООО «Север»"),
    ],
)
def test_names_under_both_parties_captions_are_each_theirs(captions: str, recipient: str, payer: str) -> None:
    """A photo of an act whose requisites' paragraphs OCR ran together: the foot's captions over the two names,
    the columns read as one line («АО «Вектор» 000 «Север»»), still say who is who, column by column."""
    lines = [
        "СЧЁТ-АКТ № 144 от 24.02.2026",
        "ни + ИНН 5081810137, КПП 508143001, адрес: 380638, г. Воронеж, ул. Гагарина, А. 82, Р/с",
        "Всего к оплате: 89 014,00",
        captions,
        "АО «Вектор» 000 «Север»",
        "/ подпись / / подпись /",
    ]
    details = details_of(lines)
    assert (details.recipient_name, details.payer_name) == (recipient, payer)


def test_a_name_with_a_legal_form_inside_its_quotes_is_one_name() -> None:
    lines = ["Кассовый чек", "ООО «Торговый дом АО Север»", "ИНН 7707083893", "ИТОГ =100.00"]
    assert details_of(lines).recipient_name == "ООО «Торговый дом АО Север»"


TSZ_BILL = [
    "СЧЕТ-КВИТАНЦИЯ за апрель 2026 г. Лицевой счёт № 318842",
    "Получатель: ТСЖ «Берёзка» ИНН/КПП 7701234561/770101001 Р/с 40703810400000012345",
    'Банк ПАО "Сбербанк" БИК 044525225 К/с 30101810400000000225',
    "Плэтельщик Иванов Пётр Ильич Адрес: 101000, г. Москва, ул. Лесная, д. 5, кв. 7",
    "Услуга Тэриф Объём Нэчислено Перерэсчёт Итого",
    "Содержание жилья 41.20 52 2142.40 0.00 2142.40",
    "Всего зэ период 2142.40 0.00 2142.40",
    "{debt}",
    "ИТОГО К ОПЛАТЕ 3342.40",
    "{due}",
]


@pytest.mark.parametrize(
    ("debt", "due"),
    [
        ("Зздолженность нз.01.04.2025 1200.00", "Оплатить до 25.05.2026"),
        ("Задолженность нэ 01.04.2025 1200.00", "Оплатить до 25.05.2026"),
        ("Задолженность на 01.04.2025 1200.00", "Спяатить go 25.05.2026"),
    ],
    ids=["на read нз", "на read нэ", "до read go"],
)
def test_a_bills_balance_and_deadline_date_no_payment_even_misread(debt: str, due: str) -> None:
    """A ТСЖ's spreadsheet bill photographed in a face whose а OCR reads as з or э and whose д as g: the debt's
    «на 01.04.2025» read «нз.01.04.2025» and the deadline's «до 25.05.2026» read «go 25.05.2026» are a balance's
    moment and a deadline, as when read right; the bill, not yet paid, has no payment date."""
    lines = [line.format(debt=debt, due=due) for line in TSZ_BILL]
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.document_type == DocumentType.INVOICE
    assert details.payment_date is None
    assert details.amount == "3342.40"


SEALED_ORDER = [
    "0401060",
    "2004206 20.04.2026",
    "Поступ. в банк плат. Списано со сч. плат.",
    "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 78 20.04.2026 электронно",
    "{words}",
    "{payers_row}",
    'ПАО "Нева Трейд" Сч. № 40702810065555556444',
    "Плательщик",
    'АО БАНК "МОСКВА-СИТИ" БИК 044525800',
    "Банк плательщика Сч. № 30101810545250000800",
    'ПЕРМСКИЙ Ф-Л ПАО АКБ "МЕТАЛЛИНВЕСТБАНК" БИК 045773712',
    "Банк получателя Сч. № 30101810600000000712",
    "ИНН 6544127524 КПП 654443001 Сч. № 40702810158544509548",
    'ООО "Фермерская Лавка" Вид оп. 01 Срок плат.',
    "Наз. пл. Очер. плат. 5",
    "Получатель Код 0 Рез. поле",
    "Оплата по договору № 145-21 от 20.04.2026 за услуги. НДС не облагается",
    "Назначение платежа",
]
_WORDS = "Сумма прописью Сорок одна тысяча двести двадцать один рубль 00 копеек"


def _order(words: str, payers_row: str) -> list[str]:
    return [line.format(words=words, payers_row=payers_row) for line in SEALED_ORDER]


@pytest.mark.parametrize(
    "payers_row",
    ["ИНН 8874857481 КПП 887401001", "ИНН 8874857481 КПП 887401001 Сумм"],
    ids=["figure lost", "label and figure garbled"],
)
def test_a_payment_orders_sum_in_words_in_the_payers_rows_gives_the_amount(payers_row: str) -> None:
    """«Сумма прописью» stands among the payer's rows of the form, which the order's reader keeps from the generic
    one: the words are still the page's, the amount where no figure of it was read."""
    assert details_of(_order(_WORDS, payers_row)).amount == "41221.00"


@pytest.mark.parametrize(
    ("words", "payers_row"),
    [
        (_WORDS, "ИНН 8874857481 КПП 887401001 Сумма 41221-"),
        ("Сумма прописью Сорок одна тысяча двести двадцать один рублей alle 41221=", "ИНН 8874857481 КПП 887401001"),
    ],
    ids=["its «=» read as a dash", "its label lost beside the words"],
)
def test_a_payment_orders_figure_the_words_confirm_is_the_amount(words: str, payers_row: str) -> None:
    """Field 7 in the form's notation with its «Сумма» or its «=» garbled: the sum in words names its roubles, so
    it is the amount."""
    assert details_of(_order(words, payers_row)).amount == "41221.00"


def test_a_figure_the_words_do_not_name_is_no_payment_orders_amount() -> None:
    """A figure in the form's notation whose roubles the words do not name is not field 7; nor is one that ends in a
    bare dash where the words read other kopecks than «00», which the dash may have taken."""
    lines = _order(_WORDS.replace("00 копеек", "50 копеек"), "ИНН 8874857481 КПП 887401001 Сумма 41221-")
    assert details_of(lines).amount == "41221.50"  # the words alone
    lines = _order(_WORDS, "ИНН 8874857481 КПП 887401001 Сум 41222=")
    assert details_of(lines).amount == "41221.00"
