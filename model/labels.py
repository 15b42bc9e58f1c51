"""The labels that name each field on a payment document, and how a label's value is found beside or under it.

Each label is matched in reading order; its value is the rest of the line or, for stacked layouts, the next line.
Tesseract prints short Cyrillic labels with Latin look-alikes (ИНН → UHH, БИК → BUK), so labels are matched through
a look-alike character class (``model.values.label``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from model.checks import inn_valid
from model.normalize import kopecks_shown, normalize_text, separator_lost
from model.schema import Candidate, Source
from model.values import (
    BIK_STARTS,
    COMPANY_FORM_AS_READ,
    CORR_ACCOUNT_STARTS,
    GARBLED_INN,
    NOBODY_NAMED,
    NUMBER_SIGN,
    ROLE_ALONE,
    after_a_speck_and_its_code,
    bank_after_account,
    bank_after_in,
    columns_misread,
    digits_behind_a_border,
    digits_of,
    form_columns,
    garbled_inn,
    label,
    read_amount,
    read_bank,
    read_card_payment,
    read_counted_sum,
    read_drive_number,
    read_inn,
    read_issue_date,
    read_kpp,
    read_name,
    read_payment_date,
    read_purpose,
    settlement_account,
    without_enclosing_quotes,
)


@dataclass(frozen=True)
class Rule:
    """One label of a field: where it may stand, how its value is read, and the score of that reading."""

    field: str
    pattern: re.Pattern[str]
    read: Callable[[str], str | None]
    anywhere: bool
    score: float


_ANYWHERE, _LINE_START = True, False
TOTAL_DUE = "total_due"
"""The candidates' field that records what each label of the total due («Всего к оплате», «Итого с НДС», «К оплате»)
read on the page: its figure, or "" where the label stands without one (``model.resolve``: two readers agreeing on
another sum, «Итого» before VAT, confirm its digits, not that it is the total due)."""
_TOTAL_DUE_SCORE = 3.0
DEBITED = "debited"
"""A field of its own for what left the payer's account, fee and all (``model.fees.debits``)."""
DEDUCTED = "deducted"
"""A field of its own for what a bill sets off against its total (an advance paid, a discount: ``model.deductions``)."""
TOTAL_SCORE = 2.0
"""The score of a total's label («ИТОГ», «Итого», «Всего», «К оплате»): below it stand a bare «Сумма» and a card
payment's line, which a page states as well as its total or instead of it."""

_NAME_THEN_ITS_INN = re.compile(r"^\s*(?P<name>[^,]{3,}),\s*" + label("инн") + r"\W{0,3}\d{10}(?:\d{2})?(?!\d)", re.I)


def _name_before_its_inn(text: str) -> str | None:
    """The payee's name that opens a run of its requisites, «ИП Соловьёв Алексей Андреевич, ИНН 156459444221, р/с …»
    after «Реквизиты для оплаты:» (a workshop's bill): a name only where its ИНН follows it, since the caption may
    stand over an account or a bank alone."""
    found = _NAME_THEN_ITS_INN.match(text)
    return read_name(found["name"]) if found else None


# field, its labels (longest first is not needed: alternatives are sorted), how to read the value, where the label may
# stand, and a score that orders readings of equal trust ("Всего к оплате" beats 1C's "Всего наименований N, на сумму",
# a restatement OCR misreads more often, which beats a receipt's "ИТОГ", which beats "Итого" before VAT and "Всего";
# those beat "Сумма", a label beats a bare shape). The total due's own phrases name nothing else, so they count also
# behind a stamp's specks on their line.
# An agent's receipt names the agent's principal ("ИНН поставщика"), a cash receipt its cashier's, its fiscal data
# operator's and a business buyer's ИНН ("ИНН кассира", "ИНН ОФД", "ИНН покупателя"), a payment order or a transfer its
# payer ("ИНН плательщика", "Счёт списания"): those are read so that their labels are not taken for the payee's (a
# valid ИНН, verified by its check digits, of the wrong party), and are left out of the payment details.
_RULE_TABLE: tuple[tuple[str, str, Callable[[str], str | None], bool, float], ...] = (
    ("recipient_inn", "инн получателя; инн пользователя; инн продавца; инн", read_inn, _ANYWHERE, 1.0),
    ("recipient_kpp", "кпп получателя; кпп", read_kpp, _ANYWHERE, 1.0),
    ("bank_bic", "бик банка; бик", digits_behind_a_border(9, BIK_STARTS), _ANYWHERE, 1.0),
    # a budget payment names the treasury office's ЕКС where a bank's к/с stands, and the payee's казначейский счёт
    ("bank_corr_account", "к/с; к/сч; кор/сч; корр/сч; кор. сч.; корр. сч.; кор. счет; кор. счёт; корр. счет; "
     "корр. счёт; корреспондентский счет; корреспондентский счёт; сч. банка; екс; единый казначейский счет; "
     "единый казначейский счёт; единого казначейского счета; единого казначейского счёта; счет банка получателя; "
     "счёт банка получателя; счета банка получателя", digits_behind_a_border(20, CORR_ACCOUNT_STARTS), _ANYWHERE, 1.0),
    ("recipient_account", "р/с; р/сч; р/счет; расч. счет; расч. счёт; расчетный счет; расчётный счёт; счет получателя; "
     "счёт получателя; номер счета; номер счёта; счет №; счёт №; сч. №; счет; счёт; казначейский счет; "
     "казначейский счёт; казначейского счета; казначейского счёта", settlement_account, _ANYWHERE, 1.0),
    # one digit more or fewer than the shape is read too, so the check can call it invalid rather than say nothing;
    # an ОФД's web receipt or the tax service's app writes the labels out («Заводской номер фискального накопителя»,
    # «ФИСКАЛЬНЫЙ ДОКУМЕНТ #160139»)
    ("fiscal_drive_number", "фн №; фн; номер фн; фн n; заводской номер фн; номер фискального накопителя; заводской "
     "номер фискального накопителя; фискальный накопитель", read_drive_number, _ANYWHERE, 1.0),
    ("fiscal_document_number", "фд №; фд; номер фд; фд n; порядковый номер фд; номер фискального документа; "
     "порядковый номер фискального документа; фискальный документ; фискальный документ №",
     digits_of(*range(1, 12)), _ANYWHERE, 1.0),
    ("fiscal_sign", "фп; фпд; фп n; фискальный признак; фискальный признак документа", digits_of(*range(1, 12)),
     _ANYWHERE, 1.0),
    # an ЭКЛЗ-era register's «ККМ с ФП 1035943»: a register with fiscal memory (фискальная память) and its serial,
    # read so that its «ФП» is no fiscal sign's label (a 54-ФЗ ФП is a ФН's, and such a receipt has no ФН)
    ("register_serial", "ккм с фп; ккт с фп", digits_of(*range(1, 12)), _ANYWHERE, 1.0),
    ("amount", "итого к оплате; всего к оплате; сумма к оплате; итого с ндс; всего с ндс", read_amount, _ANYWHERE,
     _TOTAL_DUE_SCORE),
    ("amount", "к оплате", read_amount, _LINE_START, _TOTAL_DUE_SCORE),
    ("amount", "всего наименований", read_counted_sum, _LINE_START, 2.5),
    # a cash receipt's «ИТОГ» is its fiscal total, after the rounding and discounts that «ВСЕГО» comes before; a
    # register with two columns of totals prints it on the right («ОКРУГЛЕНИЕ: 0.22   ИТОГ: 217.00»); printed double
    # size, its wide О is often lost («ИТГ ≡142.00»)
    ("amount", "итог; итг", read_amount, _ANYWHERE, 2.2),
    ("amount", "итого; всего", read_amount, _LINE_START, 2.0),
    # a service's app or web page states the total of an order or a trip in words of its own («Общая стоимость
    # 2691₽» over «Поездка 2691₽» on a taxi app's trip, «Итоговая сумма: 231.97»)
    ("amount", "общая стоимость; итоговая сумма; итоговая стоимость", read_amount, _LINE_START, 2.0),
    # the sum a page names as the payment's outranks a bare «Сумма …» of something else: a fine's «Сумма штрафа» before
    # the discount for paying early, over «Сумма платежа», what was paid
    ("amount", "сумма перевода; сумма платежа; сумма операции; сумма списания", read_amount, _LINE_START, 1.1),
    ("amount", "сумма", read_amount, _LINE_START, 1.0),
    # what left the payer's account, fee and all («Итого списано 70 952,50 ₽» under «Сумма платежа» and «Комиссия»):
    # no total due, so its «Итого» is no total's label; ``model.fees.debits`` ranks it under the sum sent; an ATM's or
    # a terminal's cheque prints the cash handed in, fee and all, as «ИТОГО ВНЕСЕНО» under «СУММА ПЛАТЕЖА»
    (DEBITED, "итого списано; всего списано; итого внесено; всего внесено", read_amount, _LINE_START, 1.0),
    # what a bill sets off against its total before the sum due («Итого» over «Зачтено авансом: 31 560,00» over
    # «Всего к оплате»): no amount, only the difference between two of them (``model.deductions``)
    (DEDUCTED, "зачтено авансом; зачтено; зачёт аванса; зачет аванса; аванс; предоплата; скидка; сумма скидки",
     read_amount, _LINE_START, 1.0),
    # what the recipient's account was credited, in its own currency on a transfer abroad («1 504,43 UZS» for «10
    # RUR» debited, ВТБ's «Сумма выплаты 449.65 AMD»): read so that its «Сумма» is not the amount, since the payer's
    # document states what was paid
    ("credited_amount", "сумма зачисления; сумма к зачислению; сумма выплаты; сумма к выплате", read_amount,
     _LINE_START, 1.0),
    # a card pays a receipt's exact total (cash may be more: the change), so its line is the total when blur took the
    # «ИТОГ» line; below any total's label, as a payment split between cash and card is not
    # a register's small Э reads as З, its bar joined to the lower curve («ЗЛЕКТРОННЫМИ ; 39.99»)
    ("amount", "плат. картой; оплата картой; безналичными; электронными; злектронными", read_card_payment, _LINE_START,
     0.9),
    # the operation's own date outranks the day the bank executed it («Дата операции 18.02.2026 11:39:22» over
    # «Дата исполнения 19.02.2026» on a bank app's receipt): the payer paid when he made the operation, also where
    # the label names its time («Дата и время операции 27.03.2026 13:29:01» over «Дата проведения 29.03.2026»)
    ("payment_date", "дата операции; дата перевода; дата и время операции; дата и время перевода", read_payment_date,
     _LINE_START, 2.2),
    # a bank's print of a payment states when it was created and when the bank executed it («Дата создания
    # 03.01.2026 10:39» over «Дата исполнения 04.01.2026»): a draft is no payment, which was made when executed
    ("payment_date", "дата исполнения; дата проведения; дата списания", read_payment_date, _LINE_START, 2.1),
    ("payment_date", "дата платежа; дата и время; дата, время; дата оплаты; дата", read_payment_date, _LINE_START,
     2.0),
    # the day a certificate or a bill was made («Дата формирования справки: 11.03.2026», days after the transfer it
    # certifies): below the operation's own date, which outranks it wherever the page labels one
    ("payment_date", "дата", read_issue_date, _LINE_START, 1.5),
    ("recipient_name", "получатель платежа; наименование получателя; наименование получателя платежа; "
     "фио получателя; ф.и.о. получателя; имя получателя; получатель; продавец; поставщик; исполнитель; арендодатель; "
     "кому; организация; пользователь; наименование пользователя; наименование юл или ип; наименование юл; "
     "наименование ип", read_name, _LINE_START, 1.0),
    ("recipient_name", "реквизиты для оплаты", _name_before_its_inn, _LINE_START, 0.9),
    ("bank_name", "банк получателя; наименование банка; банк; банк получателя средств; наименование банка "
     "получателя; наименование банка получателя средств; название банка; название банка получателя", read_bank,
     _LINE_START, 1.0),
    ("bank_name", "в", bank_after_in, _ANYWHERE, 0.5),
    ("bank_name", "р/с; р/сч; расчетный счет; расчётный счёт", bank_after_account, _ANYWHERE, 0.5),
    # «Назначение перевода» on a bank's receipt of a transfer abroad: its second word is the label's, not the purpose's
    ("purpose", "назначение платежа; назначение перевода; назначение; сообщение получателю; сообщение", read_purpose,
     _LINE_START, 1.0),
    # a cash deposit slip (form 0402001) names where the cash comes from, «Источник поступления: Оплата по счёту …»
    ("purpose", "источник поступления", read_purpose, _LINE_START, 1.0),
    # a ПД-4's «Наименование платежа: Государственная пошлина …» as a row of a list, with its colon only: the
    # caption of the same words in brackets stands under its cell, its value above it (``model.fields._CAPTIONS``)
    ("purpose", "наименование платежа:", read_purpose, _LINE_START, 1.0),
    # a bill's instruction, «В назначении платежа указывать: «Оплата … по соглашению № 263/26 …»»: the words it asks
    # for are the purpose
    ("purpose", "в назначении платежа указывать; в назначении платежа указать; в назначении платежа укажите",
     read_purpose, _LINE_START, 1.0),
    ("supplier_inn", "инн поставщика", read_inn, _ANYWHERE, 1.0),
    # a 54-ФЗ receipt names others' ИНН too: its cashier's, its fiscal data operator's, a business buyer's
    ("others_inn", "инн кассира; инн офд; инн оператора; инн оператора фискальных данных; инн покупателя; "
     "инн клиента", read_inn, _ANYWHERE, 1.0),
    # the payer's own requisites, read so that their «ИНН», «КПП», «счёт» are not taken for the payee's
    # a счёт-фактура prints each party's pair under one label, «ИНН/КПП покупателя 2926…/1894…»
    ("payer_inn", "инн плательщика; инн отправителя; инн заказчика; инн/кпп покупателя; инн/кпп плательщика; "
     "инн/кпп заказчика", read_inn, _ANYWHERE, 1.0),
    ("payer_kpp", "кпп плательщика; кпп отправителя; кпп покупателя; кпп заказчика", read_kpp, _ANYWHERE, 1.0),
    ("payer_account", "счет плательщика; счёт плательщика; сч. плательщика; р/с плательщика; счет отправителя; "
     "счёт отправителя; счет списания; счёт списания; с моего счета; с моего счёта", settlement_account, _ANYWHERE,
     1.0),  # a bank's application form: «Прошу осуществить перевод денежных средств с моего счета» over «№: 4081…»
    ("supplier_name", "наименование поставщика; данные поставщика", read_name, _LINE_START, 1.0),
    # a bank's receipt names its client, the payer, in as many ways as the payee: «Ф.И.О. отправителя», «Имя
    # плательщика», «РЕКВИЗИТЫ ПЛАТЕЛЬЩИКА:» over the name; a quittance or a cash order whom the money came from,
    # «Принято от: Кузнецов Дмитрий Олегович», a cash deposit slip's «От кого»; a provider's subscriber, «Абонент:
    # ООО …» (with its colon: «Абонентская плата» is a service), a lawyer's client, «Доверитель: …», an insurer's
    # policyholder, «Страхователь: …»
    ("payer_name", "фио отправителя; фио плательщика; ф.и.о. отправителя; ф. и. о. отправителя; ф.и.о. плательщика; "
     "ф. и. о. плательщика; плательщик; отправитель; имя отправителя; имя плательщика; наименование плательщика; "
     "реквизиты плательщика; покупатель; заказчик; арендатор; абонент:; доверитель; страхователь; принято от; от кого",
     read_name, _LINE_START, 1.0),
    # a bill's account holder, «ФИО: ИВАНОВ ИВАН ИВАНОВИЧ» on a ЕПД or ПД-4: with its colon only, since «ФИО
    # Клиента» or «ФИО получателя» caption other people; below the payer's own labels
    ("payer_name", "фио:; ф.и.о.:; ф. и. о.:", read_name, _LINE_START, 0.9),
    # a bill's pair of rows, «Лицевой счёт: 499584507   Плательщик: Павлов Михаил Сергеевич», its payer printed at the
    # right of the account: the label with its colon anywhere on its line
    ("payer_name", "плательщик:", read_name, _ANYWHERE, 0.9),
)  # fmt: skip


_ROLE_WORD = r"(?:исполнит|заказ|продав|покупат|поставщ|плательщ|получат|арендат|арендод)[а-яё]*"
"""A party's role as 1C prints it in brackets, from its stem on, so that OCR's ending for it («Заказни») still reads."""
_LEGAL_FORM_NEXT = rf"(?=(?:{COMPANY_FORM_AS_READ}|ИП)(?![а-яёa-z\d]))"
"""A legal form that opens a party's name, as OCR reads its letters (``COMPANY_FORM_AS_READ``), or «ИП»."""
_ROLE = (
    r"(?:\s*[(\[{]\s*(?:(?:[а-яё]{5,}|ф[\s.,]*и[\s.,]*о[\s.,]*)\s*(?:[)\]}|]|(?=[:;]))"
    r"|" + _ROLE_WORD + r"(?:\s*[-–—]|(?=\s))"
    r"|[а-яё]{5,}\s+" + _LEGAL_FORM_NEXT + r")"
    r"|\s+" + _ROLE_WORD + r"\s*[)\]}]\s*[:;]?\s*=?"
    r")?"
)
"""The party's role in parentheses after its label, as 1C prints it: «Поставщик (Исполнитель):», «Покупатель
(Заказчик):», or what the label asks for, as a ПД-4 prints it: «Плательщик (Ф.И.О.):». It belongs to the label,
never to the name, also where OCR lost its closing bracket before the colon («Покупатель (Заказчик: ПАО …»), or
lost both, the role's word then followed by a space or a dash («Покупатель (Заказчик ООО «Вектор»», «(Заказни-ПАО
…»): only a role's word, since a name in brackets is no role; or a word garbled past the role's stem and a legal form
after it, which no name in brackets has before its own («Покупатель (Зажжазник O00 «Светлый Дом»», r8_invoice_08_hard).
Also the role's word that lost its opening bracket, its closing one kept («Покупатель Заказчик): = АО …»,
r8_invoice_07_hard), and the «=» a blurred colon's dots read as."""


_PD4_LEFT_COLUMN = r"(?:(?:" + "|".join(map(label, ("извещение", "квитанция", "кассир"))) + r")(?![а-яёa-z])[\s|:.-]+)?"
_SIDE_MENU_ITEM = r"(?:(?:истори[яеи]|вклад[ыь]|настройк[иu]|кредит[ыь]|шаблон[ыь])\s+(?=(?-i:[А-ЯЁ])))?"
"""A web bank's side menu item that OCR reads on the row of the details beside it («История Получатель …»,
«Настройки Банк получателя Филиал …», «Вкладь ИНН получателя …», r17_transfer_02 and 05: a desktop screenshot),
its last letter also misread: a menu's word, then the row's label with its capital. Not before a party's name: a
row read across the menu's column garbles a name beside it («История Получатель 0 Bota» for «ООО «Волна»»), which
no check can catch, where a number has its check digits and a bank's name the БИК directory."""
_MENU_BLIND_FIELDS = frozenset({"recipient_name", "payer_name"})
_LINE_START_PREFIX = r"^[\s|*•:\[‘’‚'`-]*" + _PD4_LEFT_COLUMN
"""What may stand before a label that opens its line: a cell's border («[», «|»), a tick OCR reads before a capital
letter's serif («‘Абонент: 000 «Орбита»», «‘Аренда …», «‘Оплатить до …» on a clean provider's bill) or at its foot
(«‚АНК ПОЛУЧАТЕЛЯ:», a cut tape's «Б» left as its lower tail), and a ПД-4's
left column, whose words OCR reads on the row of the right column beside them: «Извещение Получатель: …»,
«Квитанция Получатель: …», «Кассир Сумма: 56803 руб. 00 коп.»."""
_SPECK_BEFORE_A_TOTAL = r"(?:(?:[^\W\d_]|[©®]\)?)\s+(?=[^\W\d_]{3}))?"
"""And before a total's label, one letter alone: a speck of the photo's edge or of a fold that OCR read as one («о
Всего: 92640.00»), or an app's icon read as «©» («© Сумма 350P», QIWI's). Only a total's: a lone «в» or «с» before
another label is a word of the line («в Банк …»)."""


_SEPARATOR = r"[\s.:№#|—–-]*"
"""What stands between a label and its value: a colon, «№», a dash («Банк получателя — ПАО Сбербанк») or a
two-column table's border («ФД | 215530»), which would otherwise be read as the digit 1 glued to the value."""


_ANYWHERE_PREFIX = r"(?<![а-яёa-z0])"
"""What may not stand right before a label found anywhere on its line: a letter (the label's letters are then part
of another word, the «ФД» of «ОФД»), nor a zero, which is that word's letter O read as a digit: a receipt's «Сайт
ОФД:», the fiscal data operator's site, read «Сайт 0$Д:» (its Ф as «$»), names no ФД."""


_LABEL_END = r"(?:i(?![а-яёa-z\d])|(?![а-яёa-z]))"
"""Where a label ends: before anything but a letter, or at a Latin «i» that ends the word, the colon after it as
Indra OCR reads a receipt's small print («K On/aTEi. ..533.70», «Номер ссылкиї»; its «ї» and «і» are no Russian
letters and end a label anyway)."""


_AFTER_A_PAIRS_NUMBER = frozenset({"payer_name"})
_PAIRS_NUMBER_BEFORE = r"(?<=\d\s)"
"""A payer's label inside its line stands after the number of the pair to its left («Лицевой счёт: 499584507
Плательщик: …»); after letters it is a photo's specks or a page's background read into a row (a hostel bill's
«ae et а Плательщик: Попов Павел ия в общежитии …»)."""


_WORDS = frozenset({"того", "сего"})
"""Clipped captions that are words of their own (``_clipped_spellings``): «Итого», «Всего» without their first
letter."""


def _clipped_spellings(spellings: Sequence[str]) -> list[str]:
    """A line-start caption's spellings without their first letter, as a terminal's tape cut at its left edge prints
    them («УММА:», «ЛАТЕЛЬЩИК:», «АЗНАЧЕНИЕ:», «АНК ПОЛУЧАТЕЛЯ:», r3_transfer_03_hard): only where what is left holds
    four letters or more and is no word of its own (``_WORDS``), so that a line's own first word is no
    caption."""
    clipped = []
    for spelling in map(str.strip, spellings):
        rest = spelling[1:]
        words = rest.split()
        if rest[:1].isalpha() and len(words[0]) >= 2 and sum(map(str.isalpha, rest)) >= 4 and rest not in _WORDS:
            clipped.append(rest)
    return sorted(clipped, key=len, reverse=True)


def _rules() -> list[Rule]:
    """The table's rules, and a caption that names the payer in brackets after whom it captions, a clinic's «Пациент
    (плательщик): Кузнецов Дмитрий Иванович»: the brackets say the person is the payer, whatever the caption's word."""
    rules = []
    for field_name, labels, read, anywhere, score in _RULE_TABLE:
        spellings = sorted(labels.split(";"), key=len, reverse=True)
        alternatives = "|".join(label(spelling.strip()) for spelling in spellings)
        if not anywhere and (clipped := _clipped_spellings(spellings)):
            alternatives += "|" + "|".join(map(label, clipped))
        speck = _SPECK_BEFORE_A_TOTAL if field_name == "amount" else ""
        menu = "" if field_name in _MENU_BLIND_FIELDS else _SIDE_MENU_ITEM
        prefix, role = (_ANYWHERE_PREFIX, "") if anywhere else (_LINE_START_PREFIX + menu + speck, _ROLE)
        if anywhere and field_name in _AFTER_A_PAIRS_NUMBER:
            prefix = _PAIRS_NUMBER_BEFORE
        pattern = re.compile(prefix + r"(?:" + alternatives + r")" + _LABEL_END + role + _SEPARATOR, re.IGNORECASE)
        rules.append(Rule(field_name, pattern, read, anywhere, score))
    payer_in_brackets = _LINE_START_PREFIX + r"[а-яё]{3,}\s*[(\[{]\s*" + label("плательщик") + r"[а-я]?\s*[)\]}|]?"
    rules.append(Rule("payer_name", re.compile(payer_in_brackets + _SEPARATOR, re.IGNORECASE), read_name, False, 1.0))
    return rules


RULES = _rules()
ANY_LABEL = re.compile("|".join(rule.pattern.pattern for rule in RULES if not rule.anywhere), re.IGNORECASE)
_OTHER_CAPTIONS = (
    "основание", "статус", "комиссия", "сумма комиссии", "номер операции", "идентификатор операции", "счет списания",
    "счёт списания", "телефон", "тел.", "адрес", "огрн", "огрнип", "оплатить не позднее", "оплатить до",
    "срок оплаты", "срок уплаты", "счет действителен", "счёт действителен", "кассир", "смена", "в том числе ндс",
    "в т.ч. ндс", "итого без ндс", "банковские реквизиты", "реквизиты", "кбк", "октмо", "уин", "доступно", "лицевой",
)  # fmt: skip
OTHER_CAPTION = re.compile(
    r"^[\s|*•:\[-]*(?:" + "|".join(label(caption) for caption in _OTHER_CAPTIONS) + r")(?![а-яёa-z])", re.IGNORECASE
)
"""Captions of rows that hold no field of the schema (the contract behind an invoice, a transfer's status and fee, a
phone, an address, a deadline, a budget payment's КБК, ОКТМО and УИН, a bank app's «Доступно после операции», the
card's balance left, a ПД-4's «Лицевой счёт» however OCR read its second word, «Лицевой utr.»): a line opening with one
is that row, never a name or a purpose under a label, nor the rest of one wrapped from above (a bank's name went on
into «Лицевой utr. 07933783 …», r4_invoice_01_hard)."""
_FORM_CELLS = (
    "поступ. в банк плат.", "списано со сч. плат.", "вид оп.", "срок плат.", "очер. плат.", "наз. пл.", "рез. поле",
    "подписи", "отметки банка", "м.п.",
)  # fmt: skip
FORM_CELL = re.compile(
    r"^[\s|*•:\[-]*(?:" + "|".join(label(caption) for caption in _FORM_CELLS) + r")(?![а-яёa-z])", re.IGNORECASE
)
"""The captions of a платёжное поручение's own cells (also in the bank grid atop a 1C invoice): never a value
under a label («Получатель» over «Поступ. в банк плат.» in a text layer's order). Unlike ``OTHER_CAPTION`` they make
no row of a list: the grid prints them beside its cells."""
_TO_PAY = label("на") + r"[\s,.]*" + label("оплату")
"""«на оплату», a speck between its words read as a comma («СЧЁТ HA, ОПЛАТУ», a faxed bill)."""
_GARBLED_WORD = r"(?<![\w-])[^\W\d_]{3,6}\s+"
"""A title's first word as OCR garbled it («CURT НА ОПЛАТУ» for «СЧЁТ НА ОПЛАТУ», a faxed clinic's bill): a title
still, where its number and date follow («№ 4956 от 01.03.2026»), which no other line on «на оплату» prints."""
INVOICE_WORD = r"(?:" + label("счет") + r"|(?<![а-яёa-z])[(\[{<|]?ч[еeё][тt])"
"""«Счёт», also with its first letter lost or read as a bracket («(чёт на оплату»): a large bold or condensed С
prints as an open curve. No word starts with «чёт»; «отчёт», «учёт» have letters before it."""
TITLE = re.compile(
    "|".join(
        [
            INVOICE_WORD + r"\w*\s*" + _TO_PAY,
            _GARBLED_WORD + _TO_PAY + r"[^№]{0,60}" + NUMBER_SIGN + r"\s*[\w/-]+\s+" + label("от") + r"\s*\d",
            INVOICE_WORD + r"\s*-\s*" + label("оферт"),
            label("квитанци"),
            label("извещение"),
            label("кассовый чек"),
            label("платежное поручение"),
            label("платёжное поручение"),
            label("налоговое уведомление"),
        ]
    ),
    re.IGNORECASE,
)
"""A document's title, also in OCR's Latin look-alikes: «Счет Ha оплату». A label alone on its line never takes it for
its value («Плательщик» over «ПЛАТЕЖНОЕ ПОРУЧЕНИЕ №478612» in a text layer's order). A title's date is the
document's (``model.unlabelled``): a tax office's payment slip is dated only by the notice it comes with, whose
title it prints over its own («Налоговое уведомление № 459089743 от 26.07.2026»). A carrier's «Счёт-оферта № 26-…
от 11.07.2026» under a 1C grid's «Получатель» caption is its title, no payee's name."""
_LEGAL_FORM_ALONE = (
    r"^\W*(?:(?:публичное|непубличное|открытое|закрытое)?\s*акционерное\s+общество|общество\s+с\s+ограниченной"
    r"\s+ответственностью|индивидуальный\s+предприниматель|п?ао|ооо|оао|зао|ип|нко)\W*$"
)
_DANGLING = {
    # «№» is no word character: after a space it dangles too («… по кредитному договору №» / «4598338749 от …»)
    "purpose": re.compile(r"(?:\b(?:от|по|за|и|в|на|с|к|для)|№|[,-])$", re.IGNORECASE),
    # a form after the name's closing bracket or quote ends it: «ИНГ БАНК (ЕВРАЗИЯ) АО» goes on into no next line
    "bank_name": re.compile(r"(?<![\w-])(?:(?<![)»\"”] )(?:ПАО|АО|ООО|ЗАО|ОАО|АКБ|КБ|банк)|[«\"-])$", re.IGNORECASE),
    # a party's name: an adjective in lower case, which its noun follows («… учреждение высшего» / «образования …»),
    # its legal form alone, a preposition of its place («УМВД РОССИИ ПО Г.» / «ХАБАРОВСКУ»), an open quote; not a
    # bare «Г.» or «И», a person's initial
    "recipient_name": re.compile(
        r"(?<![\w-])(?-i:[а-яё]+)(?:ого|его|ое|ее|ый|ий|ой|ая|яя|ых|их)$|"
        + _LEGAL_FORM_ALONE
        + r"|(?<![\w-])(?:по|при|для|им\.?|(?:по|в|во|при)\s+г\.)$|(?:[«,-]|\s\")$",
        re.IGNORECASE,
    ),
}
"""Endings that leave a value unfinished, so it continues on the next line: "Оплата по" / "договору № 5",
"Северо-Западный банк ПАО" / "Сбербанк", "… образовательное учреждение высшего" / "образования «… университет»",
«ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО» / «"МОСЭНЕРГОСБЫТ"»."""
_DANGLING["payer_name"] = _DANGLING["recipient_name"]
_DANGLING["bank_name"] = re.compile(
    _DANGLING["bank_name"].pattern
    + r"|(?<![\w-])(?:г\.|"
    + label("по")
    + "|"
    + label("при")
    + r"|банка)$|(?<![\w-])"
    + label("по")
    + r"\s+[а-яё-]+(?:ому|ему|ой|ей)$",
    re.IGNORECASE,
)
"""A bank's city after its «г.» on the next line: «ОТДЕЛЕНИЕ ОРЁЛ БАНКА РОССИИ//УФК по Орловской области г.» /
«Орёл»; the treasury office's region after its «по», also read «no» («… БАНКА РОССИИ//УФК по» / «Ярославской области
г. Ярославль»), or after the region's adjective, which its noun follows («…//УФК ПО ЧУКОТСКОМУ» / «АВТОНОМНОМУ ОКРУГУ
г. Анадырь»); the Bank of Russia's division wrapped after its «БАНКА» («ОТДЕЛЕНИЕ ТУЛА БАНКА» / «РОССИИ//УФК по
Тульской области,» / «г Тула», a letter's narrow column)."""
_REGION_ENDS = re.compile(r"(?<![\w-])(?:област[иь]|кра[яй]|республик[аи])\W*$", re.IGNORECASE)
_CITY_OPENS = re.compile(r"^\W*г\.?\s+(?-i:[А-ЯЁ])", re.IGNORECASE)
"""A treasury office's region, then its city on the next line: «… УФК по Тульской области,» / «г Тула»."""
_CITY_ALONE = re.compile(
    r"^[\s|]*[гГ](?:\.\s*|\s+)(?-i:[А-ЯЁ])[а-яё]+(?:-[а-яё]+-[А-ЯЁа-яё][а-яё]+|-[А-ЯЁ][а-яё]+)?"
    r"(?:\s+(?-i:[А-ЯЁ])[а-яё]+)?[\W_]*$",
    re.IGNORECASE,
)
_NAMES_A_CITY = re.compile(r"(?<![а-яёa-z])г(?:\.\s*|\s+)(?-i:[А-ЯЁ])", re.IGNORECASE)
"""A bank's city alone on the line under its name, «КУ КБ "НЕФТЯНОЙ АЛЬЯНС" (ПАО) - ГК "АСВ", БИК 044525994» over
«г.Москва» (a form's name cell wrapped beside its БИК cell): «name, city» is how a bank is printed, so the city is
the name's, where the name names none yet. Only a city alone: «г. Москва, ул. Вавилова, д. 19» is an address."""


def _unclosed(value: str) -> bool:
    """A bracket or a quote opened and not closed: «УФК по Орловской области (УГИБДД ГУ МВД России по Орловской» /
    «области)», a budget payee's administrator wrapped in its brackets."""
    return value.count("(") > value.count(")") or value.count("«") > value.count("»")


_WRAP_REACH = 4
"""How many lines a wrapped value goes on over: a госпошлина's purpose on a narrow receipt takes four."""


_GOES_ON_IN_LOWER_CASE = frozenset({"purpose"})
_LOWER_CASE_START = re.compile(r"^\s*[а-яё]")
"""A purpose wrapped before a word: the next line goes on in lower case («Оплата по договору № 354/2025» / «от
05.07.2025»), where a new row's label or value would start with a capital."""


_AWAITS_ITS_NUMBER = re.compile(
    r"(?<![а-яё])(?:постановлени|договор|сч[её]т|заказ|квитанци|решени|акт|накладн|уведомлени|извещени)[а-яё]{0,3}$",
    re.IGNORECASE,
)
_NUMBER_FIRST = re.compile(r"^\W{0,2}(?:№\s*)?\d[\w/-]*\d(?:\s+от\s+\d{1,2}[./]\d{1,2}[./]\d{2,4})?(?:\s|$)")
"""A purpose wrapped before its document's number: «Штраф по постановлению» / «18810399451651592900 от 22.07.2026» (a
fine paid by its УИН), «Оплата по договору» / «№ 115 от 01.07.2026». The number of the document named last goes
on the next line; a sum with its kopecks (its comma) or a row's caption does not start that way."""


_VALUES_LIKE_LABELS = frozenset({"bank_name"})
"""Fields whose value may start with the field's own label word: "Банк Точка", "Банк ВТБ (ПАО)"."""


def _value_like_its_label(rule: Rule, rest: str, following: str) -> bool:
    """A label alone on its line over a line starting with the label's bare word and going on: "Банк получателя" /
    "Банк Точка" (but not over "Банк получателя: Т-Банк", a label of its own)."""
    if rule.field not in _VALUES_LIKE_LABELS or rule.anywhere or rest.strip():
        return False
    below = rule.pattern.match(following)
    return below is not None and len(below.group().split()) == 1 and bool(following[below.end() :].strip())


def _a_latin_word(matched: str) -> bool:
    """A label's look-alike spelling in three lower-case Latin letters or more is a word of another text: OCR spells a
    label's Cyrillic capitals in Latin capitals («UHH», «BUK»), while «utr.» in the middle of a ПД-4's garbled
    «Лицевой счёт» matched «ИТГ» (a receipt's «ИТОГ» without its О) and gave the bill the period's year as a
    total."""
    letters = [char for char in matched if char.isalpha()]
    return len(letters) >= 3 and all("a" <= char <= "z" for char in letters)


def label_matches(line: str) -> list[tuple[Rule, re.Match[str]]]:
    """Each rule's labels on ``line``, less those inside a longer label of another field: the "счёт" of
    "Корр. счёт" is not the recipient's account; and less a label found anywhere that a line-start rule of its field
    read up to the same value («Плательщик: …» opening its line is read once)."""
    matches = []
    for rule in RULES:
        for match in rule.pattern.finditer(line):
            if rule.anywhere and _a_latin_word(match.group()):
                continue
            matches.append((rule, match))
            if not rule.anywhere:
                break
    return [
        (rule, match)
        for rule, match in matches
        if not any(
            other.field != rule.field
            and outer.start() <= match.start()
            and match.end() <= outer.end()
            and outer.end() - outer.start() > match.end() - match.start()
            for other, outer in matches
        )
        and not (
            rule.anywhere
            and any(
                other.field == rule.field and not other.anywhere and outer.end() == match.end()
                for other, outer in matches
            )
        )
    ]


def read_labelled(
    line: str, below: Sequence[str], read_whole: set[str], source: Source, patients: bool = False
) -> tuple[list[Candidate], set[str]]:
    """The values the labels on ``line`` name (``below``: the lines under it, where a stacked or wrapped value goes
    on), and the fields whose whole next line is their value ("Банк получателя" over "Банк Точка"), which
    ``read_whole`` passes back for that next line: its own "Банк" is no label. ``patients``: the page treats them or
    takes a car in (``model.values.receives_no_money``), and its «Дата приёма» is a visit's or the car's."""
    following = below[0] if below else ""
    found: list[Candidate] = []
    next_read_whole: set[str] = set()
    for matched, match in label_matches(line):
        rule = _on_a_patients_page(matched) if patients else matched
        if rule.field in read_whole and not rule.anywhere:
            continue  # the line under "Банк получателя" is its value, "Банк" and all
        if rule.field == "payer_name" and _ROLE_IN_A_SENTENCE.match(line):
            continue  # «страхователь Зайцев Евгений Сергеевич. НДС …»: a purpose's wrapped words, no caption
        rest = line[match.end() :]
        if rule.field in _CAPTIONS_OVER_A_GRID and GRID_CELL.match(rest):
            rest = ""  # «ПОЛУЧАТЕЛЬ | Сч.№ 4050…» over the name: the caption's own cell is the one under it
        if rule.field == "purpose" and (second_word := _PURPOSES_SECOND_WORD.match(rest)):
            rest = rest[second_word.end() :]  # «Назначение плітежа»: the caption's own word garbled, its value after it
        if rule.field == "amount" and _SPECK_DIGIT.match(rest) and _SUM_ON_ITS_OWN.match(following):
            rest = ""  # «Сумма пер\вода 5» over «4900,00 Я»: the sum is the one stacked under the caption
        if _value_like_its_label(rule, rest, following):
            value = rule.read(following)
            next_read_whole.add(rule.field)
        else:
            value = _read_value(rule, rest, below)
        if value is None and rule.field == "recipient_inn" and (garbled := garbled_inn(rest)) is not None:
            found.append(Candidate(GARBLED_INN, garbled, source, rule.score))  # weighed against the ИНН chosen
        if value is not None:
            figure = rest if any(ch.isdigit() for ch in rest) else following  # «Сумма платежа» over «280 22500 P»
            # kopecks read are shown, whatever figure comes first («Итого к оплате за ноябрь 2026: 2 370,06»); the
            # figure's own, also under a label that goes on in words («Сумма платежа, руб.» over «1 500,00»)
            shown = not value.endswith(".00") or kopecks_shown(after_a_speck_and_its_code(figure))
            unread = rule.field == "amount" and not shown
            mended = rule.field == "amount" and separator_lost(figure)  # its shape read it: never confirmed by it
            whose = rule.field in _WHOSE_FIELDS and NAMES_THE_RECIPIENT.search(match.group()) is not None
            misread = rule.field == "amount" and columns_misread(figure)
            found.append(
                Candidate(
                    rule.field,
                    value,
                    source,
                    rule.score,
                    by_shape=mended,
                    named_whose=whose,
                    kopecks_unread=unread,
                    columns_misread=misread,
                )
            )
    misread_inns = _inn_of_a_garbled_pair(line, found, source) + _inn_under_a_caption_read_ahh(line, found, source)
    return found + _kpps_beside_their_inn(line, found, source) + misread_inns, next_read_whole


_SPECK_DIGIT = re.compile(r"^\D*(?<!\S)\d[^\w%]*$")
"""One digit alone at the end of a total's caption, nothing else with digits: a crack or a speck across the caption
that OCR read as a digit («Сумма пер\\вода 5», a cracked screen), where the sum stands on the line under. Not a rate
(«Сумма НДС 18%» over its sum, a receipt's VAT line)."""
_SUM_ON_ITS_OWN = re.compile(r"^[\W_]*\d{1,3}(?:[\s\u00a0]?\d{3})*[.,]\d{2}(?!\d)\D{0,6}$")
"""A sum with its kopecks alone on its line, a currency sign or specks after it («4900,00 Я >»): the value of a
caption stacked over it. A speck of one or two digits on the caption's line is no sum beside it (``_SPECK_DIGIT``)."""


def _on_a_patients_page(rule: Rule) -> Rule:
    """The rule as a clinic's page reads it: a date under «Дата приёма» is the visit's (``read_payment_date``)."""
    return replace(rule, read=partial(read_payment_date, patients=True)) if rule.read is read_payment_date else rule


_PURPOSES_SECOND_WORD = re.compile(
    r"^\W*(?:[пn]\S{3,5}[жk][аa]|[пn][еe]\S{2,4}[оo]д[аa])(?:\W*$|[\s:.-]+(?=\S))", re.IGNORECASE
)
"""The second word of «Назначение платежа» / «Назначение перевода» after «Назначение», garbled past the longer
label's spellings: alone (Indra's «Назначение плітежа» on a dark screen, r13_transfer_01_hard), the purpose standing
under the caption, or before the purpose on its line («Назначение плазежа Аренда за март …», r4_transfer_04_hard;
«Назнацение платсжа КБК …», r7_invoice_06_hard). No
purpose opens with a word of that shape, a genitive of «платёж» or «перевод»."""
_CAPTIONS_OVER_A_GRID = frozenset({"recipient_name", "bank_name"})
GRID_CELL = re.compile(r"^\W*(?:ИНН|КПП|БИК|Сч\.?\s*№|[рк]/с)(?![а-яёa-z])[\d\W]*$", re.IGNORECASE)
"""A payment grid's requisite cell: «Сч.№ 40501…», «БИК 046015001». A grid that captions its rows above their values
(an Access report's «Образец заполнения платежного поручения»: «ПОЛУЧАТЕЛЬ» beside the account's cell, the payee's
name in the cell under it; «БАНК ПОЛУЧАТЕЛЯ» beside the БИК's, the bank's name under it) puts that cell after a
party's caption on the caption's row; the caption's own value is then the stacked one under it, never the cell
beside, and the cell's number is read by its own label. Only a cell with nothing but its number: a list's row
«Поставщик: ИНН 6161… КПП ИП «Островский В.Г»» names the party after its requisites."""


_ROW_CAPTION = re.compile(r"(?<!\w)[А-ЯЁ][а-яё]+(?:\s+[а-яё]+){0,3}\s?:")
"""A cell's caption in a header row: a capitalised word or a few, ending in a colon («Дата и время:»)."""
_AFTER_THE_LAST_CAPTION = re.compile(r"\W{0,3}(?:[^\W\d_]\W{0,2})?")
"""What may follow the row's last caption: specks, or one letter alone (a web page's closing «×» read as «X»)."""
_LAST_CELLS_SUM = re.compile(r"(?<![\d:.,])(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)[.,]\d{2}\W{0,2}$")
_A_LETTER = re.compile(r"[^\W\d_]")
_LAST_CELL_SCORE = TOTAL_SCORE - 0.1
"""Below a total read beside its label: which cell is the caption's is inferred from the cells' order."""


def read_the_last_captions_cells(lines: Sequence[str], source: Source) -> list[Candidate]:
    """A header row of captions side by side, their values on the row under them in the same order (a shop's web
    receipt: «Продавец: ООО "Союз" Дата и время: Итоговая сумма:» over «24.02.2023 15:04 231.97»): a total's caption
    ending the row names the row's last cell, a sum with its kopecks. Only under two captions or more, and over a
    row of figures alone (no word: a row of text under a caption is no row of cells)."""
    return [
        found for line, following in itertools.pairwise(lines) for found in _last_captions_cell(line, following, source)
    ]


def _last_captions_cell(line: str, following: str, source: Source) -> list[Candidate]:
    captions = list(_ROW_CAPTION.finditer(line))
    if len(captions) < 2 or _A_LETTER.search(following) or (cell := _LAST_CELLS_SUM.search(following)) is None:
        return []
    last = captions[-1]
    if not _AFTER_THE_LAST_CAPTION.fullmatch(line[last.end() :]):
        return []
    totals = [rule for rule in RULES if rule.field == "amount" and not rule.anywhere and rule.score >= TOTAL_SCORE]
    if not any(rule.pattern.match(last.group()) for rule in totals) or (value := read_amount(cell[0])) is None:
        return []
    return [Candidate("amount", value, source, _LAST_CELL_SCORE)]


_FORM_TOTAL_ROW = re.compile(
    r"(?<![а-яёa-z])[кkхx]\s*[оo0][пл]л[аaи]т[а-яёa-z]{0,2}\W{0,3}(?=[(\[{]\s*\d\s*[)\]}])", re.IGNORECASE
)
"""A счёт-фактура's or УПД's total row, «Всего к оплате (9)», its caption garbled past its label's spellings («р к
оплато (9)», «Всаго к оплате (9)», «Вевго x оплате (8)», Indra's «Всаго к оллате (9)», «к оллите (9)»): the
caption's last words before the row's number in the form, its «(9)» (read «(8)» as well)."""


def read_form_total_rows(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The sum with tax of a form's total row (``_FORM_TOTAL_ROW``) whose label of the total due went unread, as
    ``read_amount`` reads that label's row: only a row of three sums or more, the form's columns (without tax, the
    tax, with tax), gives one, so that the words «к оплате» before a bracketed figure elsewhere give none."""
    found = []
    for line in lines:
        if (row := _FORM_TOTAL_ROW.search(line)) is None or any(
            rule.field == "amount" and rule.score >= _TOTAL_DUE_SCORE for rule, _ in label_matches(line)
        ):
            continue
        if form_columns(row_text := line[row.end() :]) and (value := read_amount(row_text)) is not None:
            found.append(
                Candidate("amount", value, source, _TOTAL_DUE_SCORE, columns_misread=columns_misread(row_text))
            )
    return found


def read_totals_due(lines: Sequence[str], source: Source) -> list[Candidate]:
    """What each label of the total due on the page read (``TOTAL_DUE``): its figure, or "" for none."""
    found = []
    for index, line in enumerate(lines):
        for rule, match in label_matches(line):
            if rule.field == "amount" and rule.score == _TOTAL_DUE_SCORE:
                value = _read_value(rule, line[match.end() :], lines[index + 1 :])
                found.append(Candidate(TOTAL_DUE, value or "", source))
    return found


NAMES_THE_RECIPIENT = re.compile(
    "|".join(label(word) for word in ("получател", "продавц", "поставщик", "пользовател")), re.IGNORECASE
)
"""A label's words that say whose its value is: the recipient's («ИНН получателя», «Счёт получателя», «БИК банка
получателя», «ИНН продавца»), not merely what kind of number it is («ИНН», «БИК»)."""
_WHOSE_FIELDS = frozenset(
    {"recipient_inn", "recipient_kpp", "recipient_account", "bank_bic", "bank_corr_account", "bank_name"}
)


_KPP_OF_INN = {"recipient_inn": "recipient_kpp", "payer_inn": "payer_kpp"}
_KPPS = frozenset(_KPP_OF_INN.values())
_KPP_BESIDE_INN_SCORE = 0.9
_AFTER_INN = re.compile(r"[\s/|,;:]*(?:([^\W\d_]{1,4})[\s.,:;№|!]*)?(\d{9})(?!\d)")


def kpp_beside_inn(line: str, inn: str) -> str | None:
    """The nine digits right after ``inn`` on ``line``: its КПП, as every form prints the pair («ИНН 7707083893 КПП
    770701001», «ИНН/КПП 7707083893/770701001»), whatever OCR made of the КПП's label in a face it reads badly
    («КИП», «КИ», «КИТ», a court fee's ПД-4's «КИ!»), but not a value another label names («ИНН 7707083893 БИК
    044525225»). With its label unread, only nine digits whose region (digits 1-2) is the ИНН's: a blurred pair
    («ИНИ 8015699959, КИЙ 501901001», both misread) gives nothing rather than a КПП that may be another number."""
    at = re.search(r"(?<!\d)" + re.escape(inn) + r"(?!\d)", line)
    after = _AFTER_INN.match(line, at.end()) if at is not None else None
    if after is None or (after[1] is not None and any(r.field not in _KPPS for r, _ in label_matches(after[1]))):
        return None
    return after[2] if after[2][:2] == inn[:2] else None


def _kpps_beside_their_inn(line: str, found: list[Candidate], source: Source) -> list[Candidate]:
    """The КПП beside a labelled ИНН whose own label OCR lost: the payer's beside the payer's ИНН."""
    kpps = []
    for candidate in found:
        kpp_field = _KPP_OF_INN.get(candidate.field)
        if kpp_field is None or any(c.field == kpp_field for c in found):
            continue
        if (kpp := kpp_beside_inn(line, candidate.value)) is not None:
            kpps.append(Candidate(kpp_field, kpp, source, _KPP_BESIDE_INN_SCORE, named_whose=candidate.named_whose))
    return kpps


_GARBLED_PAIR = re.compile(
    r"(?<!\S)\S{2,5}\s*/\s*(?P<label>"
    + label("кпп")
    + r"\s+"
    + label("получателя")
    + r")\W*(?P<inn>\d{10}|\d{12})\s*/\s*\d{9}(?!\d)",
    re.IGNORECASE,
)
_GARBLED_PAIR_SCORE = 0.8


def _inn_of_a_garbled_pair(line: str, found: list[Candidate], source: Source) -> list[Candidate]:
    """The ИНН of an «ИНН/КПП получателя 7727… / 7708…» pair whose «ИНН» OCR garbled past reading («ИПШ/КПП
    получателя», a fax's): the label's «/КПП получателя» and the pair's «/» say the first number is the payee's
    ИНН, where no label reads it (its check digits still decide)."""
    if any(c.field == "recipient_inn" for c in found) or (pair := _GARBLED_PAIR.search(line)) is None:
        return []
    return [Candidate("recipient_inn", pair["inn"], source, _GARBLED_PAIR_SCORE, named_whose=True)]


_CAPTION_READ_AHH = re.compile(r"(?<![^\W\d_])[AА][HН][HН]\s*:?\s*(?P<inn>\d{10}|\d{12})(?!\d)")
"""«ИНН» whose И blur or sun stripes made an А, «AHH 7020504200» (a provider's requisites in one running line):
no word of its own, so the caption of the ten or twelve digits after it."""


def _inn_under_a_caption_read_ahh(line: str, found: list[Candidate], source: Source) -> list[Candidate]:
    """The ИНН after a caption read «AHH» (``_CAPTION_READ_AHH``), where no label read one on its line: only when
    its check digits pass, which ten or twelve digits of another number seldom do; their failing leaves nothing."""
    if any(c.field == "recipient_inn" for c in found) or (caption := _CAPTION_READ_AHH.search(line)) is None:
        return []
    return [Candidate("recipient_inn", caption["inn"], source, 1.0)] if inn_valid(caption["inn"]) else []


_NAME_FIELDS = frozenset({"recipient_name", "payer_name", "supplier_name"})
_BIK_CELL = re.compile(r"(?<![а-яёa-z])" + label("бик") + r"(?![а-яёa-z])", re.IGNORECASE)
_PAYEE_CELL = re.compile(r"(?<![а-яёa-z])(?:" + label("инн") + "|" + label("кпп") + r")(?![а-яёa-z])", re.IGNORECASE)


def _read_value(rule: Rule, rest: str, below: Sequence[str]) -> str | None:
    """The value after the label, or under it when the label ends its line (a stacked layout), with the lines it
    wraps onto. A party's name is never a grid's bank row: 1C prints the caption «Получатель» under its cell, and
    the row under the caption is then the bank's, with its БИК."""
    following = below[0] if below else ""
    if not rest.strip():
        # stacked layout: the value sits under its label
        if _LABELS_WRAPPED_REST.match(following):
            return None  # «Сообщение» over «получателю:» and nothing after: the label wrapped, its value empty
        if rule.field in _NAME_FIELDS and _BIK_CELL.search(following):
            return None
        if rule.field == "bank_name" and _PAYEE_CELL.search(following):
            return None  # 1C's caption «Банк получателя» over the payee's row «ИНН … КПП …», specks before it
        if rule.field == "amount" and _A_WORD_AND_ITS_COUNT.match(following):
            return None
        return continued(rule.field, rule.read(following), below[1:]) if _follows_freely(following) else None
    beside = _LABELS_LAST_WORD.fullmatch(rest) or _SPECKS_ALONE.fullmatch(rest)
    if rule.field in _NAME_FIELDS and beside and _follows_freely(following):
        return continued(rule.field, rule.read(following), below[1:])
    value = continued(rule.field, rule.read(rest), below)
    if value is not None and rule.field == "purpose":
        value = without_enclosing_quotes(value)
    if value is None and _QUALIFIER.fullmatch(rest) and not _UNITS_OF_AN_UNREAD_SUM.search(rest):
        if ROLE_ALONE.match(rest) or _SIGNATURE.search(rest) or NOBODY_NAMED.match(rest):
            return None  # «Исполнитель: Заказчик:» over both names: the next caption, not a qualifier of this one
        return rule.read(f"{rest} {following}") if _follows_freely(following) else None  # «Дата документа:» over a date
    return value


_A_WORD_AND_ITS_COUNT = re.compile(r"^\W*(?!руб|rub)[а-яёa-z]{3,}\.?\s*[№#]?\s*\d{1,2}\W*$", re.IGNORECASE)
"""A word and a number of one or two digits, nothing else, on the line under a total's label: what the word numbers,
never a sum (a sum under a total shows its kopecks or stands alone). An ЭКЛЗ-era ККМ prints «Итого» over its sales
by department, «Отдел 1» (Indra's «Отлел 1»), and a total stacked under its label read the department as 1.00."""
_SIGNATURE = re.compile(r"(?<![а-яё])подпис", re.IGNORECASE)
"""A signature's caption after a label on its row, a ПД-4's «Дата ____ Подпись плательщика ____»: a form's row of
blanks for the payer's hand, the next caption's, not a qualifier of the label, and the blank between them its value
(empty); the line under the row is the form's footer («Взносы … оплатить до 30 июня 2026 г.»), no date of it."""
_LABELS_WRAPPED_REST = re.compile(r"^\W*[а-яё][а-яё\s]*:\s*$")
"""Lower-case words and a colon alone on the line under a label: the label's own rest, wrapped by a narrow column
(Уралсиб's «Сообщение» over «получателю:», OCR's «получатслю:»), not its value: a value opens with a capital or a
digit. Nothing after the colon: the label's value is empty."""
_LABELS_LAST_WORD = re.compile(r"\W*(?:[а-яё]{4,}|[а-яё]{2,}\s[а-яё]{2,})\W*")
"""One lower-case word after a party's label, with the name under them: the label's own last word, «ФИО получателя
перевода» over «Михаил Андреевич П.» (a Сбер «Чек по операции»), also parted in two by OCR («перев ода»), never a
name, which is capitalised."""
_SPECKS_ALONE = re.compile(r"\s*(?:(?:[^\w\s]+|[^\W\d_][^\w\s]*|(?-i:[a-z]{2,3})[^\w\s]*)(?:\s+|$))+")
"""Marks, single letters and bits of two or three small Latin letters, nothing else, after a party's label: a
photographed screen's specks beside its caption («Получатель ® в», «Плательщик № : ome»), the name on the line under
it. No name is made of them (a Latin name's words are longer, a Russian one's capitalised)."""
_QUALIFIER = re.compile(r"[^\d]{1,30}")
"""Words after a label that hold no value of its field («Дата документа:», «Дата и время операции», «Сумма в
рублях»): the label goes on with them, and its value stands on the next line as a stacked label's does. They are
read with it, so that «ИТОГО БЕЗ СКИДКИ:» or «Итого без НДС:» over a figure stays a subtotal. Only where the words
gave no value: «Получатель: ООО «Ромашка»» is read on its line."""

_UNITS_OF_AN_UNREAD_SUM = re.compile(
    r"(?<![а-яёa-z])(?:[рp]|руб)\.?(?![а-яёa-z])[^\d]{0,8}?(?<![а-яёa-z])(?:[кk]|коп)\.?(?![а-яёa-z])", re.IGNORECASE
)
"""The rest of a total's line holding a sum's units, roubles then kopecks, and no figure: «Итого к оплате: 966 р. 30
к.» read «Итого к оплате: р ОИ к.». The sum stood on that line and OCR lost its figures; the next line («Срок оплаты
счета - в течение 10 дней») is not where it went on."""


def _follows_freely(following: str) -> bool:
    """The next line is no label's and no title: it may hold a value, or the rest of one."""
    return (
        bool(following)
        and not ANY_LABEL.search(following)
        and not TITLE.search(following)
        and not OTHER_CAPTION.match(following)
        and not FORM_CELL.match(following)
        and not _NAMES_ITS_NUMBER.match(following)
    )


_NAMES_ITS_NUMBER = re.compile(
    r"^\W*(?:"
    + "|".join(label(word) for word in ("эклз", "ккм", "ккт", "рн ккт", "зн ккт", "инн", "фн", "фд", "фп"))
    + r")(?![а-яёa-z])",
    re.IGNORECASE,
)
"""A line that opens with the name of a number of its own, a register's («ЭКЛЗ 7021050376», «ККМ 00044377») or a
fiscal one («ФН 8710…», «ИНН …»): the value of none of the labels over it. An ЭКЛЗ-era register prints its fiscal
mode's mark «ФП» alone on a grey band over the ЭКЛЗ's number, and the ФП then took that number as its own, the З of
«ЭКЛЗ» read as a 3 in front."""


_CAPTIONED_ROW = re.compile(r"^\W*[а-яёa-z][\w .,/()«»\"-]{1,40}:\s*\S", re.IGNORECASE)
"""A row of its own with its caption, «Номер операции: 6834244152», «счёт списания: •••• 3186»: a caption no label
rule knows, so ``_follows_freely`` lets it pass, but no name or purpose goes on into one."""
_LABEL_REACH = 3
"""How far into a line a label may start and the line still be that label's row: a cell's border or a speck."""


_LETTER = re.compile(r"[^\W\d_]")
"""A label has a letter: the «в» label's look-alike «8» inside a number («98450.00 руб.») is a digit of it."""


def labelled_row(line: str) -> bool:
    """A line that is some label's row: a line-start label anywhere on it (``ANY_LABEL``), or any label at its
    start («СЧЁТ ПОЛУЧАТЕЛЯ: 4070…», «кор. счёт», «БИК 0445…»). Its words are that label's, never a name captioned
    under them nor the rest of a value wrapped from above; a 1C grid's bank row, «ПАО Сбербанк г. Москва | БИК |
    044525225», opens with the name."""
    opens = any(match.start() <= _LABEL_REACH and _LETTER.search(match[0]) for _, match in label_matches(line))
    return ANY_LABEL.search(line) is not None or OTHER_CAPTION.match(line) is not None or opens


def _row_of_its_own(line: str) -> bool:
    return _CAPTIONED_ROW.match(line) is not None or labelled_row(line)


_PERSON_FIELDS = frozenset({"recipient_name", "payer_name"})
_SURNAME_AND_NAME = re.compile(r"^[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+$")
_ENDS_WITH_A_PERSON = re.compile(r"\s[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+$")
_PATRONYMIC = r"^\s*[А-ЯЁ][а-яё]+(?:ович|евич|ич|овн|евн|ичн|иничн)(?:[ауыеи]|ом|ой)?"
_PATRONYMIC_ALONE = re.compile(_PATRONYMIC + r"\s*$")
"""A person's full name wrapped before the patronymic, as a wide face (a monospaced one) wraps a transfer's row:
«Отправитель Виноградов Евгений» over «Евгеньевич»; in a purpose, in any case («за Пилюшина Олега» over
«Александровича»)."""
_PATRONYMIC_FIRST = re.compile(_PATRONYMIC + r"(?=[\s.,;)]|$)")
"""A purpose wrapped before the patronymic of the person it names, the sentence going on after it: «…, страхователь
Лебедев Дмитрий» over «Николаевич. НДС не облагается» (an insurer's bill)."""
_ROLE_IN_A_SENTENCE = re.compile(
    r"^\s*(?:страхователь|плательщик|заказчик|покупатель|доверитель|арендатор|абонент)\s+(?=[А-ЯЁ])"
)
"""A party's role in lower case before its name, opening a purpose's wrapped line: «Оплата страховой премии по полису
ОСАГО …,» over «страхователь Зайцев Евгений Сергеевич. НДС не облагается». A word of the sentence, no caption that
opens a row of its own (which a page prints capitalized, «Страхователь: …»)."""


def continued(field_name: str, value: str | None, below: Sequence[str]) -> str | None:
    """``value`` with the lines under it joined on for as long as it stops unfinished (``_DANGLING``, a purpose's
    next line going on in lower case, a name's patronymic alone): wrapped onto them."""
    for following in below[:_WRAP_REACH]:
        if value is None or not _goes_on(field_name, value, following):
            break
        words = _ROLE_IN_A_SENTENCE.sub("", following, count=1) if field_name == "purpose" else following
        if not _follows_freely(words) or _row_of_its_own(words):
            break
        if sum(ch.isalnum() or ch.isspace() for ch in following) < 0.75 * len(following):
            break  # specks ("—--енла---е * SE"), not words
        if field_name == "bank_name" and _BIK_ROW_UNCAPTIONED.match(following):
            break
        value = normalize_text(f"{value} {_MARGIN_BAR.sub('', following)}")
    return value


_BIK_ROW_UNCAPTIONED = re.compile(r"^\W*(?:[^\W\d_]{1,3}\W*)?0\d{8}\W*$")
"""A БИК's row whose caption blur garbled to a letter or two («И» 041909707» under «Банк получателя "СЕВЕРСТРОЙБАНК”
AO», a photographed housing payment): a БИК's nine digits, never the rest of a bank's name."""


_FORM_AFTER_A_NAME = re.compile(r"[)»\"”]\s+(?:ПАО|АО|ООО|ЗАО|ОАО|АКБ|КБ)$", re.IGNORECASE)
_QUOTED_NAME_OPENS = re.compile(r"^\s*[«\"“]\w")
"""A branch's quoted name, then its bank's form at the line's end, the bank's quoted name wrapped under it («ФИЛИАЛ
"ЕКАТЕРИНБУРГСКИЙ" АО» / «"АЛЬФА-БАНК"»): the one way a form after a closing quote goes on (``_DANGLING`` ends «ИНГ
БАНК (ЕВРАЗИЯ) АО» there, above a customer's ИНН)."""


_MARGIN_BAR = re.compile(r"^[\s|¦]+")
"""A quoted letter's margin bar that OCR reads as «|» before each wrapped line («| РОССИИ//УФК по …»): no part of
the value."""


def _goes_on(field_name: str, value: str, following: str) -> bool:
    dangling = _DANGLING.get(field_name)
    if dangling is not None and dangling.search(value) is not None:
        return True
    if field_name in _DANGLING and _unclosed(value):
        return True
    if field_name == "bank_name" and _REGION_ENDS.search(value) and _CITY_OPENS.match(following):
        return True
    if field_name == "bank_name" and _CITY_ALONE.match(following) and not _NAMES_A_CITY.search(value):
        return True
    if field_name == "bank_name" and _FORM_AFTER_A_NAME.search(value) and _QUOTED_NAME_OPENS.match(following):
        return True
    if field_name in _GOES_ON_IN_LOWER_CASE and _LOWER_CASE_START.match(following) is not None:
        return True
    if field_name in _GOES_ON_IN_LOWER_CASE and _AWAITS_ITS_NUMBER.search(value) and _NUMBER_FIRST.match(following):
        return True
    if field_name in _PERSON_FIELDS:
        person = _SURNAME_AND_NAME.match(value)  # the whole name: «Отправитель Виноградов Евгений»
        patronymic = _PATRONYMIC_ALONE
    elif field_name in _GOES_ON_IN_LOWER_CASE:
        person = _ENDS_WITH_A_PERSON.search(value)  # «… за Пилюшина Олега»
        patronymic = _PATRONYMIC_FIRST
    else:
        return False
    return person is not None and patronymic.match(following) is not None
