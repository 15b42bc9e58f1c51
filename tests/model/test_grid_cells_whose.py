"""A payment order's grid read row by row, where OCR put a cell on its own line away from the row it stands on: the
payer's bank's «Сч. №» cell read under «Банк плательщика» (the recipient's bank then follows), the payer's account
read with its caption lost (bench/layouts transfer_03_clean, r3_transfer_06_hard). Whose a number is follows from
the grid's place: the recipient's bank prints its к/с under its БИК, and no recipient's account stands above
«Банк получателя»."""

from __future__ import annotations

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails, Source

_HEAD = [
    "0401060",
    "18.12.2026 18.12.2026",
    "Поступ.в банк плат. Списано со сч. плат.",
    "ПЛАТЁЖНОЕ ПОРУЧЕНИЕ № 160 18.12.2026 электронно",
    "Дата Вид платежа",
    "Сумма прописью Четыреста тридцать семь",
    "тысяч четыреста",
    "восемьдесят девять рублей",
    "00 копеек",
]
_TAIL = [
    "Наз. пл. Очер. плат. 5",
    "Код 0 Рез. поле",
    "Оплата по счёту № 163 от 18.12.2026 за товары. В т.ч. НДС 20%",
    "Назначение платежа",
    "Подписи Отметки банка",
]


def _resolved(lines: list[str]) -> PaymentDetails:
    return resolve(extract_candidates(lines, Source.OCR), classify(lines), Source.OCR)[0]


def test_the_payers_banks_corr_account_read_under_its_caption_is_not_the_recipients_bank() -> None:
    """transfer_03_clean as Tesseract read it: the payer's bank's «Сч. №» cell on a line of its own under «Банк
    плательщика», over the recipient's bank; the recipient's bank's к/с, read «5010…» for «3010…», no к/с at all."""
    lines = [
        *_HEAD,
        "ИНН 3561572584 КПП 356101001 Сумма 437489=",
        "ООО «Лесная Поляна» Сч. № 40702810272759079937",
        "Плательщик",
        'КУ КБ "ПРИСКО КАПИТАЛ БАНК", АО - ГК БИК 044525652',
        '"АСВ"',
        "Банк плательщика",
        "Сч. № 30101810645250000652",
        "ВОРОНЕЖСКИЙ РФ АО БИК 042007811",
        '"РОССЕЛЬХОЗБАНК"',
        "Банк получателя",
        "Сч. № 50101810700000000811",
        "ИНН 579137102913 КПП Сч. № 40802810914791230238",
        "ИП Соловьёв Николай Олегович Вид оп. 01 Срок плат.",
        "Получатель",
        *_TAIL,
    ]
    details = _resolved(lines)
    assert details.bank_bic == "042007811"
    assert details.bank_corr_account != "30101810645250000652"
    assert details.recipient_account == "40802810914791230238"
    read_right = [*lines[:19], "Сч. № 30101810700000000811", *lines[20:]]
    assert _resolved(read_right).bank_corr_account == "30101810700000000811"


def test_the_payers_account_with_its_captions_lost_is_not_the_recipients() -> None:
    """r3_transfer_06_hard: «Плательщик» and «Банк плательщика» blurred past reading, the payer's account over the
    recipient's bank; the recipient's own account, under «Банк получателя», garbled. The payer's is no reading of
    the recipient's."""
    lines = [
        *_HEAD,
        "ИНН 1384885984 КПП 138401001 Сумма 437489=",
        '000 "Волна см 14070281 0381183868719',
        "Renae — is i a",
        '(Bove плательщика "5 | - loom 3001810245250',
        "ОКЦ № 7 ГУ Банка России по ЦФО//УФК по Тульской области Бик 017003983",
        "Банк получателя jouw _ 4010281 0445370000059",
        "ИНН 7727406020 КПП 770801001 [Cu ~ [081 0064300000001 8500",
        "Казначейство России (ФНС России) Вид оп. 01 Срок плат.",
        "Получатель",
        *_TAIL,
    ]
    details = _resolved(lines)
    assert details.recipient_account != "40702810381183868719"
    assert details.bank_bic == "017003983"


def test_a_title_whose_first_word_ocr_read_in_latin_still_makes_the_page_the_form() -> None:
    """r11_transfer_07_photo's second reading: «ПЛАТЕЖНОЕ» read in Latin look-alikes («[UIATERHOE»), and the form's
    code too («6.401060»). Read as any page, the payer's name and account over «Плательщик» were the recipient's;
    as the form, with «Банк получателя» unread, whose each is cannot be told and none is read."""
    lines = [
        "SE ЕАИС ЕЕ Td",
        'п» mut 2 "< с naar 6.401060',
        "[UIATERHOE ПОРУЧЕНИЕ № 585 ЕЕ yd ЕСЕНИН",
        "7 hastens",
        "Пятьсот пятьдесят две тысячи четыреста тридцать шесть рублей 00 копеек",
        "ИНН 00287 aaa $e",
        'ООО "Сфера Плюс” 40702810949983627126',
        "Плательщик",
        'КУ АКБ КРОССИНВЕСТАНК: (OAO)-TK ACB" Массы ge Туи',
        "ЕАН CEE (T_T",
        "УИ Means 103 -AsG ARTA | aa EDR ara roe STR: [RM a NT СТЕНЕ",
        "Оплата по счёту № 955 от 21.08.2026 за товар. Сумма 552436-00, в т.ч. НДС (20%) 92072-67",
        "Отметки банка",
    ]
    details = _resolved(lines)
    assert details.document_type == "bank_transfer"
    assert (details.recipient_name, details.recipient_account) == (None, None)
