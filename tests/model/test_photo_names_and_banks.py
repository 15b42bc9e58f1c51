"""Names and banks on photographed pages that OCR read whole, with a photo's specks, a grid's border or a leader's
dots around them (bench/layouts, photo level): the parser took the specks with the value, or refused the value for
them. Each case is the OCR text the parser got, cut to the rows that matter."""

from __future__ import annotations

from tests.text_reading import details_of

_SBP_RECEIPT = [
    "Квитанция об операции",
    "Перевод по номеру телефона через Систему быстрых платежей",
    "Дата и время операции 21.04.2026 07:40",
    "Отправитель Волков Олег Иванович",
    "Получатель _ Михаил Иванович М. TTS",
    "Сумма операции | 2 751.00 руб.",
]


def test_a_person_named_with_the_surnames_initial_ends_there() -> None:
    # r3_transfer_05_photo: the specks after a bank app's «Имя Отчество Ф.» are no part of the name
    assert details_of(_SBP_RECEIPT).recipient_name == "Михаил Иванович М."


def test_a_lone_small_letter_after_a_banks_name_is_a_speck() -> None:
    # transfer_09_photo: a phone's screen, a speck read as «а» after the bank's name
    lines = [
        "ФИО получателя Алексей Николаевич М.",
        "Дата операции 15.04.2026 21:53:26",
        "Банк получателя Т-Банк а",
        "Отправитель Артём Олегович М.",
    ]
    assert details_of(lines).bank_name == "Т-Банк"


def test_a_banks_name_that_ends_with_its_form_after_a_bracket_goes_on_into_no_next_line() -> None:
    # r6_invoice_05_photo (Indra): «ИНГ БАНК (ЕВРАЗИЯ) АО» is whole; the customer's requisites under it are not its own
    lines = [
        "СЧЕТ-АКТ № 144 от 24.02.2026",
        "4ота Рани» ИНН 5081810137, КПП 508143001, адрес: 380638, г. Воронеж, ул. Гагарина, А. 52 Р/с",
        "_ Г224080739 в ИНГ БАНК (ЕВРАЗИЯ) АО, БИК 044525222 к/с 30101810500000000222",
        "Ага% ИНН 6236130932, KПП 623601001, адрес: 332360 г. Пермь, ул. Школьная, д. 63. 0Ф: 125 РЕ.",
    ]
    assert details_of(lines).bank_name == "ИНГ БАНК (ЕВРАЗИЯ) АО"


def test_a_quittances_leader_read_as_small_words_before_a_person_is_no_part_of_the_name() -> None:
    # r2_transfer_04_photo / r2_transfer_00_photo: a T-Bank quittance's dotted leaders read as lower-case words
    lines = [
        "ТБАНК 09.10.2026 09:05:22",
        "Итого 85 386,00 P",
        "Отправитель................. инок Михаил Викторович С.",
        "Телефон получателя...................————.... ин. +7 (902) 763-61-57",
        "Получатель.................... оси ооонионоиноноксоитинсониин, Николай Петрович 3.",
    ]
    details = details_of(lines)
    assert (details.recipient_name, details.payer_name) == ("Николай Петрович З.", "Михаил Викторович С.")
    lines[4] = "Получатель.............. линии ининниинниизнинничичинннннни Роман Николаевич Н."
    assert details_of(lines).recipient_name == "Роман Николаевич Н."


_ORDER_HEAD = [
    "0401060",
    "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 175 11.02.2026 электронно",
    "Сумма прописью Пятьсот семьдесят две тысячи семьсот девятнадцать рублей 00 копеек",
]
_ORDER_FOOT = [
    "Получатель Код 0 Рез. поле",
    "Оплата по договору № 114-14 от 11.02.2026 за услуги. НДС не облагается",
    "Назначение платежа",
]


def test_a_payment_orders_name_cell_ends_at_its_border() -> None:
    # r6_transfer_07_photo: the grid's rule read as «=|», field 20's «Наз. пл.» garbled beside it and wrapped below
    lines = [
        *_ORDER_HEAD,
        "ИНН 3387279713 КПП 338743001",
        '000 "Пекарня у Дома"',
        "Плательщик",
        'ПЕРМСКИЙ РФ АО "РОССЕЛЬХОЗБАНК" г 30101810800000000897',
        "Банк получателя",
        "ИНН 161521733659 knno я Срок плат:",
        "ИП Павлов Сергей Николаевич =| Пал Очер. плат,",
        "аз. пл.",
        *_ORDER_FOOT,
    ]
    assert details_of(lines).recipient_name == "ИП Павлов Сергей Николаевич"


def test_a_payment_orders_kpp_on_a_row_of_its_own_leaves_the_name_under_it() -> None:
    # r6_transfer_03_photo (Indra): the recipient's КПП read on a row of its own under its ИНН's
    lines = [
        *_ORDER_HEAD,
        "ИНН 8874857481 КПП 887401001 Сумма 41221=",
        'ПАО "Нева Трейд" Сч. № 40702810065555556444',
        "Плательщик",
        'АО БАНК "МОСКВА-СИТИ" БИК 044525800',
        "Банк плательщика Сч. № 30101810345250000800",
        'ПЕРМСКИЙ Ф-Л ПАО АКБ "МЕТАЛЛИНВЕСТБАНК" БИК 045773712',
        "Банк получателя Сч. № 30101810600000000712",
        "ИНН 6544127324 Сч. № 40702810158544509348",
        "КПП 654443001",
        'ООО "Фермерская Лавка" Видоп. 01 Срок плат.',
        "Наз. пл. Очер. плат. 5",
        *_ORDER_FOOT,
    ]
    assert details_of(lines).recipient_name == 'ООО "Фермерская Лавка"'


def test_a_payers_account_beside_its_name_ends_it_however_its_caption_was_read() -> None:
    # transfer_03_photo: «Сч. №» read «Сч. №º» (Indra) or «| Cu. NP» with a digit of the account lost (Tesseract)
    read = ("ООО «Лесная Поляна» Сч. №º 40702810272759079937", "000 «Лесная Поляна» | Cu. NP 407028 102727590793")
    for payer_row in read:
        lines = [
            *_ORDER_HEAD,
            "ИНН 3561572584 | КПП 356101001 Сумма 437489",
            payer_row,
            "Плательщик",
            'KY КБ "ПРИСКО КАПИТАЛ БАНК", АО -ГК | БИК 044525652 |',
            "Банк плательщика |",
            "ВОРОНЕЖСКИЙ РФ AO БИК | 042007811",
            "Банк получателя |",
            "ИНН 579137102915 КПП Cu. № 40802810914791230238",
            "ИП Соловьёв Николай Олегович. Вид оп. 01 Срок плат.",
            *_ORDER_FOOT,
        ]
        assert details_of(lines).payer_name == "ООО «Лесная Поляна»", payer_row


def test_a_bik_after_a_banks_name_ends_it_whatever_blur_left_of_its_caption() -> None:
    # r11_transfer_03_photo: «БИК» read «ЗК ВИК ня ‘» before its digits, on the bank's row of the grid
    lines = [
        *_ORDER_HEAD,
        "ИНН 2468108471 КПП 246801001 Сумма `649154=",
        "ООО «ПромЛайн» Сч. № 40702810512423976624",
        "Плательщик",
        "ПАО Банк ЗЕНИТ г. Москва БИК 044525272",
        "Банк плательщика Сч. № 30101810000000000272",
        'КУ ПАО "УРАЛТРАНСБАНК" - ГК "АСВ" г. Екатеринбург ЗК ВИК ня ‘046577406 е',
        "Банк получателя Сч. № 30101810765770000406",
        "ИНН 5171801916 | КПП 517101001 Сч. № 40702810186181683657",
        "ПАО «Светлый Дом» Вид оп. 01 Срок плат.",
        *_ORDER_FOOT,
    ]
    assert details_of(lines).bank_name == 'КУ ПАО "УРАЛТРАНСБАНК" - ГК "АСВ" г. Екатеринбург'


def test_specks_beside_a_partys_label_leave_the_name_to_the_line_under_it() -> None:
    # r2_transfer_07_photo: a phone's receipt, specks on the captions' rows, the names under them
    lines = [
        "1 500,00 P a",
        "Платёж выполнен ь : ый",
        "24 октября 2026 г, 15:09 me ра ™",
        "Получатель ® в",
        "000 «Т2 Мобайл» Е. # |",
        "ИНН получателя Г 7 а",
        "7743895280 : —",
        "Списано с карты р р",
        "Плательщик № : ome",
        "Андрей Сергеевич Л. ‚ ae",
        "Номер квитанции | Е Е",
    ]
    details = details_of(lines)
    assert (details.recipient_name, details.payer_name) == ("ООО «Т2 Мобайл»", "Андрей Сергеевич Л.")


def test_latin_specks_before_a_purpose_are_no_part_of_it() -> None:
    # r2_transfer_04_photo: a quittance's leader read «. ee» before the message
    lines = ["ТБАНК 09.10.2026 09:05:22", "Итого 85 386,00 P", "Сообщение. ee За квартиру", "Банк получателя... Банк"]
    assert details_of(lines).purpose == "За квартиру"


def test_a_partys_labels_last_word_parted_by_ocr_is_still_the_labels() -> None:
    # r3_transfer_00_photo: Сбер's «ФИО получателя перевода» read «перев ода» over the name
    lines = [
        "Чек по операции",
        "10.04.2026 13:09:18 (МСК)",
        "Перевод с карты на карту",
        "ФИО получателя перев ода",
        "Михаил Андреевич П.",
        "Номер карты получателя |",
        "ФИО отправителя",
        "Сергей Андреевич С.",
        "Сумма перевода",
        "84999,00 P",
    ]
    assert details_of(lines).recipient_name == "Михаил Андреевич П."


def test_a_partys_caption_alone_with_a_letter_misread_is_the_caption() -> None:
    # r6_transfer_01_photo: a narrow SBP screen's «Отправитель» read «Отпраеитель» over the sender's name
    lines = [
        "06.08.2026 19:11:09",
        "Итого",
        "6 133,18 руб.",
        "Перевод по СБП",
        "Отпраеитель",
        "Олег Сергеевич С.",
        "Телефон получателя",
        "+7 (977) 202-59-62",
        "Получатель",
        "Николай Андреевич З.",
    ]
    assert details_of(lines).payer_name == "Олег Сергеевич С."


def test_a_sole_traders_form_read_in_before_a_full_name_is_ip() -> None:
    # r13_invoice_05_photo: a rent bill's head «ИП Павлов Артём Николаевич», its П read as Н
    lines = [
        "ИН Павлов Артём Николаевич ы",
        "380340, г. Пермь, ул. Ленина, д. 83 %",
        "P/c 40802810368216459690 В |",
        "СЧЕТ № А-176 от 3 сентября 2026 г. .",
        "Арендатор: ИП Морозов Михаил Николаевич, ИНН 390610834404 |",
        "Всего к оплате: 106 617,16",
        "Индивидуальный предприниматель Павлов А. Н.",
    ]
    assert details_of(lines).recipient_name == "ИП Павлов Артём Николаевич"


def test_a_speck_before_the_payers_caption_leaves_it_the_caption() -> None:
    # r14_transfer_05_photo: «р Плательщик» under the payer's name and account
    lines = [
        *_ORDER_HEAD,
        "ИНН 065799364141 knno Cymma 273323=",
        "ИП Козлов Андрей Сергеевич Cu. № 40802810032864318169",
        "р Плательщик",
        'КУ КБ "ЭКСПРЕСС-КРЕДИТ" (АО) - ГК БИК 044525457 |',
        "Банк плательщика Cy. № 30101810345250000457",
        'ГК "АСВ" - КУ АО БАНК "РКБ" г. Самара. БИК 047308818 |',
        "Банк получателя Cu. № 30101810522027300818 |",
        "ИНН 5800068769 КПП 580043001 Cu. № 40702810954462845370 |",
        "АО «Лесная Поляна» Вид оп. 01 Срок плат.",
        *_ORDER_FOOT,
    ]
    assert details_of(lines).payer_name == "ИП Козлов Андрей Сергеевич"


def test_a_companys_form_read_in_small_letters_before_its_quoted_name_is_ooo() -> None:
    # r11_invoice_02_photo: a carrier's header «ООО «Полимер-М Логистик»» read «ooo «…»»
    lines = ["ooo «Полимер-М Логистик»", "ИНН 2821369419 КПП 282143001", "Счёт-оферта № 26-71621822 от 11.07.2026"]
    assert details_of(lines).recipient_name == "ООО «Полимер-М Логистик»"


def test_specks_around_a_labelled_persons_row_leave_the_person() -> None:
    # r11_transfer_04_photo: a bank's transfer page photographed at an angle, specks on both sides of the row
    lines = [
        "per к Дата и время операции 08.05.2026 14:41 у",
        "ие es Отправитель Попов Дмитрий Юрьевич ар",
        "ое Cree? списания 40817810----- 7446 $",
    ]
    assert details_of(lines).payer_name == "Попов Дмитрий Юрьевич"


def test_a_speck_after_the_payers_account_leaves_the_name_beside_it() -> None:
    # r11_transfer_03_photo: the payer's account cell ends with its border and a speck, «… 4070…6624 | j»
    lines = [
        *_ORDER_HEAD,
        "ИНН 2468108471 КПП 246801001 Сумма `649154= —",
        "ООО «ПромЛайн» Сч. № 40702810512423976624 | j",
        "Плательцик ay",
        "ПАО Банк ЗЕНИТ г. Москва БИК 044525272",
        "Банк плательщика с ‚сч. № 30101810000000000272 | a i",
        'КУ ПАО "УРАЛТРАНСБАНК" - ГК "АСВ" г. Екатеринбург БИК 046577406',
        "Банк получателя CH. № 30101810765770000406 | м ;",
        "ИНН 5171801916 | КПП 517101001 Сч. № 40702810186181683657 — Е т",
        "ПАО «Светлый Дом» — Е Вид оп. 01 'Срок плат. Е ры at",
        *_ORDER_FOOT,
    ]
    assert details_of(lines).payer_name == "ООО «ПромЛайн»"
