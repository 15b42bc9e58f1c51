"""The eighth round's cash receipts: a small register's narrow tape (Касби-02Ф / Меркурий-185Ф, 48 mm of print in a
squeezed face, the date as «12-03-26», the fiscal numbers zero-padded after a colon), a Dreamkas-Ф «Кассатка» tape
whose items stand in a price / quantity / sum table and whose QR stands at the right of the fiscal block, a
supermarket's long tape (twenty to thirty items, weighed goods, a promotion's price) whose bonus card block («Сумма
без скидки», «Ваша экономия», bonuses earned and the balance) stands between «ИТОГ» and the fiscal block, a
marketplace pick-up point's tape that names each item's supplier before the item (the platform's name and ИНН only
at the foot), a café's receipt with a service charge as an item and the card terminal's slip under it whose total
adds the tips, and a receipt as an ОФД's site shows it, printed from the browser (the page's header with the print's
date, the ОФД's own name and ИНН, the receipt as a card in the left column and its QR in the right).

Truth: the receipt's seller (the register's owner, a platform that sells as an agent) and its «ИТОГ»; never a
slip's sum with tips, a bonus balance, a sum before discounts, the ОФД's ИНН or the print's date. Zero-padded ФД and
ФП are the numbers the QR carries (without the zeros)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import (
    EIGHTH_TAPE_FACES,
    EIGHTH_WEB_FACES,
    GREY,
    SecondPage,
    SqueezedPage,
    qr_image,
)
from bench.layouts.drawn import Drawn, receipt_details

_SHOP_GOODS = (
    "Хлеб пшеничный нарезной 400г",
    "Молоко 2,5% 900мл пюр-пак",
    "Кефир 1% 930г",
    "Сметана 20% 300г",
    "Творог 5% 200г",
    "Масло подсолнечное раф. 1л",
    "Сахар песок 1кг",
    "Макароны спагетти 450г",
    "Рис круглозерный 800г",
    "Гречка ядрица 800г",
    "Яйцо столовое С0 10шт",
    "Колбаса вареная Докторская 400г",
    "Сосиски молочные 450г",
    "Сыр полутвердый 45% 200г",
    "Чай черный 100 пак.",
    "Кофе растворимый 95г",
    "Печенье овсяное 300г",
    "Шоколад молочный 90г",
    "Вода питьевая 5л",
    "Сок яблочный 0,97л",
    "Туалетная бумага 4 рул.",
    "Средство для посуды 450мл",
    "Зубная паста 100мл",
    "Пакет фасовочный",
    "Курица тушка охл.",
    "Фарш домашний охл. 400г",
    "Огурцы короткоплодные",
    "Помидоры сливовидные",
    "Картофель мытый",
    "Лук репчатый",
    "Яблоки Голден",
    "Бананы",
    "Морковь мытая",
    "Мандарины",
)
_WEIGHED = {"Курица тушка охл.", "Огурцы короткоплодные", "Помидоры сливовидные", "Картофель мытый"}
_WEIGHED |= {"Лук репчатый", "Яблоки Голден", "Бананы", "Морковь мытая", "Мандарины"}
_KIOSK_GOODS = (
    "ЖУРНАЛ ТВ-ПРОГРАММА",
    "ГАЗЕТА АРГУМЕНТЫ",
    "ЗАЖИГАЛКА",
    "ВОДА 0,5Л",
    "ЖЕВ. РЕЗИНКА",
    "БАТАРЕЙКА АА",
    "ПРОЕЗДНОЙ БИЛЕТ",
    "КОНВЕРТ С МАРКОЙ",
)
_HARDWARE = (
    "Саморез по дереву 3,5х35 (100 шт)",
    "Лента малярная 48мм",
    "Перчатки х/б с ПВХ",
    "Валик малярный 180мм",
    "Краска ВД белая 3кг",
    "Герметик силиконовый",
    "Дюбель-гвоздь 6х40",
)
_PICKUP_GOODS = (
    "Футболка мужская хлопок",
    "Чехол для смартфона",
    "Кроссовки беговые",
    "Набор кухонных полотенец",
    "Детский конструктор",
    "Кабель USB-C 1 м",
    "Шампунь 400 мл",
    "Рюкзак городской",
    "Постельное бельё 1,5-сп.",
)
_OFD_HOSTS = ("first-ofd", "ofd-check", "online-ofd", "kassa-ofd")
_CAFE = (
    "Капучино 300мл",
    "Латте 400мл",
    "Раф ванильный",
    "Американо",
    "Круассан с миндалём",
    "Сырники со сметаной",
    "Омлет с ветчиной",
    "Брауни",
    "Тыквенный суп",
    "Лимонад манго-маракуйя",
)


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice([0, 90, 99, rng.randint(1, 99)])) / 100


def _fiscal(rng: random.Random) -> tuple[str, str, str]:
    return r.fiscal_drive(rng), r.fiscal_number(rng, 99999), r.fiscal_number(rng, 4294967295)


def _qr(when: datetime, total: Decimal, fiscal: tuple[str, str, str]) -> str:
    fn, fd, fp = fiscal
    return f"t={when:%Y%m%dT%H%M}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def small_register_narrow(rng: random.Random) -> Drawn:
    """A Касби-02Ф or Меркурий-185Ф kiosk register's narrow tape, set in capitals in a squeezed face: the ИП's name
    and ИНН, «КАССОВЫЙ ЧЕК ПРИХОД», each item on one line and «1.000 X 55.00 =55.00» under it, «ИТОГ», the payment
    form, «СНО: ПСН», the date as «ДАТА 12-03-26 ВРЕМЯ 14:25», then «ФН:», «ФД:» and «ФП:» zero-padded, the QR last."""
    seller = r.organisation(rng, sole_trader=rng.random() < 0.7)
    items = [
        (name, _price(rng, 25, 450), rng.choice([1, 1, 2])) for name in rng.sample(_KIOSK_GOODS, rng.randint(1, 3))
    ]
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    model = rng.choice(["КАСБИ-02Ф", "МЕРКУРИЙ-185Ф"])
    size = rng.randint(22, 24)
    page = SqueezedPage(640, rng.choice(EIGHTH_TAPE_FACES), size, margin=10, squeeze=rng.uniform(0.62, 0.68))
    page.line(seller.name.upper(), bold=True, align="center")
    page.line(seller.address.upper(), size - 2, align="center")
    page.line(f"ИНН:{seller.inn}", align="center")
    page.line(f"ККТ {model}", size - 2, align="center")
    page.rule(dashed=True)
    page.line("КАССОВЫЙ ЧЕК ПРИХОД", bold=True, align="center")
    page.pair(f"ЧЕК:{rng.randint(1, 999):04d}", f"СМЕНА:{rng.randint(1, 300):04d}")
    for name, price, qty in items:
        page.line(name)
        page.pair(f" {qty}.000 X {price:.2f}", f"={price * qty:.2f}")
        page.line(" НДС НЕ ОБЛАГАЕТСЯ", size - 2)
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    if rng.random() < 0.5:
        given = (total / 100).quantize(Decimal("1"), rounding="ROUND_CEILING") * 100
        page.pair("НАЛИЧНЫМИ", f"={given:.2f}")
        page.pair("СДАЧА", f"={given - total:.2f}")
    else:
        page.pair("ЭЛЕКТРОННЫМИ", f"={total:.2f}")
    page.pair("СНО:", "ПСН" if seller.kpp is None else "УСН ДОХОД")
    page.line(f"ДАТА {when:%d-%m-%y} ВРЕМЯ {when:%H:%M}")
    page.pair("РН ККТ:", r.digits(rng, 16))
    page.pair("ЗН ККТ:", r.digits(rng, 12))
    page.pair("ФН:", fiscal[0])
    page.pair("ФД:", fiscal[1].zfill(10))
    page.pair("ФП:", fiscal[2].zfill(10))
    page.line("САЙТ ФНС: WWW.NALOG.GOV.RU", size - 2)
    page.qr(_qr(when, total, fiscal), 260)
    return Drawn(page.finish(), "small-register-narrow", receipt_details(seller, total, when, fiscal), thermal=True)


def dreamkas_table(rng: random.Random) -> Drawn:
    """A Dreamkas-Ф («Кассатка») 57 mm tape: the shop's sign, «Кассовый чек / Приход», the items as a table of
    «Наименование», «Цена», «Кол.», «Сумма» in squeezed print, «ИТОГО К ОПЛАТЕ», «Безналичными», the VAT, then the
    fiscal block as rows at the left with the QR at the right, and «Дата/время» in ISO form."""
    shop = r.organisation(rng)
    items = [
        (name, _price(rng, 45, 1900), rng.choice([1, 1, 2, 3])) for name in rng.sample(_HARDWARE, rng.randint(2, 5))
    ]
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(19, 21)
    page = SqueezedPage(620, rng.choice(EIGHTH_TAPE_FACES), size, margin=10, squeeze=rng.uniform(0.7, 0.76))
    page.line(f"«{r.rng_word(rng)}» стройматериалы", size + 4, bold=True, align="center")
    page.line(shop.name, align="center")
    page.line(shop.address, size - 2, align="center")
    page.line("Кассовый чек / Приход", bold=True, align="center")
    page.pair("Наименование", "Цена  Кол.   Сумма", size - 2)
    page.rule(thickness=1)
    for name, price, qty in items:
        page.line(name)
        page.pair("", f"{price:.2f} x {qty}  {price * qty:.2f}")
    page.rule(thickness=1)
    page.pair("ИТОГО К ОПЛАТЕ:", f"{total:.2f}", size + 4, bold=True)
    page.pair("Безналичными", f"{total:.2f}")
    page.pair("в т.ч. НДС 20%", f"{r.vat_part(total, 20):.2f}")
    page.pair("Кассир:", r.person(rng).initials)
    top = page.y
    rows = [
        ("ИНН", shop.inn),
        ("Дата/время", f"{when:%Y-%m-%d %H:%M}"),
        ("РН ККТ", r.digits(rng, 16)),
        ("ФН", fiscal[0]),
        ("ФД", fiscal[1]),
        ("ФП", fiscal[2]),
        ("СНО", "ОСН" if shop.kpp else "УСН"),
    ]
    side = 230
    for label, value in rows:
        page.line(f"{label}: {value}", size - 2)
    page.y, bottom = top, page.y
    page.inset(qr_image(_qr(when, total, fiscal), side), x=page.width - page.margin - side - 8)
    page.y = max(bottom, page.y) + 10
    page.line("Чек онлайн: check.dreamkas.ru", size - 3, align="center")
    return Drawn(page.finish(), "dreamkas-table", receipt_details(shop, total, when, fiscal), thermal=True)


def supermarket_long_bonus(rng: random.Random) -> Drawn:
    """A supermarket's 80 mm tape of twenty to thirty items (weighed goods as «0.846 кг x 189.90», a promotion's
    price over its old one), «ИТОГ», the card payment, then a bonus card's block that names greater sums than the
    total («Сумма без скидки», «Ваша экономия», «Начислено бонусов», «Баланс бонусов»), then the fiscal block."""
    shop = r.organisation(rng, sole_trader=False)
    shop = r.Party(f"АО «Торговый дом {r.rng_word(rng)}»", shop.inn, shop.kpp, shop.address)
    lines: list[tuple[str, Decimal, Decimal, Decimal | None]] = []
    for name in rng.sample(_SHOP_GOODS, rng.randint(20, 30)):
        price = _price(rng, 29, 699)
        qty = Decimal(rng.randint(150, 2400)) / 1000 if name in _WEIGHED else Decimal(rng.choice([1, 1, 1, 2]))
        old = (price * Decimal("1.25")).quantize(Decimal("0.01")) if rng.random() < 0.25 else None
        lines.append((name, price, qty, old))
    sums = [(price * qty).quantize(Decimal("0.01")) for _, price, qty, _ in lines]
    total = sum(sums, Decimal(0))
    before = sum(((old or price) * qty).quantize(Decimal("0.01")) for _, price, qty, old in lines) + Decimal(
        rng.randint(50, 400)
    )
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(19, 21)
    page = SecondPage(rng.randint(560, 600), rng.choice(EIGHTH_TAPE_FACES), size, margin=12)
    page.line(f"Супермаркет «{r.rng_word(rng)}»", size + 4, bold=True, align="center")
    page.line(shop.name, align="center")
    page.line(shop.address, size - 2, align="center")
    page.line(f"ИНН {shop.inn}", align="center")
    page.line("КАССОВЫЙ ЧЕК  ПРИХОД", bold=True, align="center")
    page.rule(dashed=True)
    for (name, price, qty, old), line_sum in zip(lines, sums, strict=True):
        page.line(name, size - 1)
        if old is not None:
            page.pair("  Акция! Старая цена", f"{old:.2f}", size - 3)
        shown = f"{qty:.3f} кг" if name in _WEIGHED else f"{qty:.0f} шт"
        page.pair(f"  {shown} x {price:.2f}", f"={line_sum:.2f}", size - 1)
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("СУММА НДС 10%", f"={r.vat_part(total, 10):.2f}")
    page.rule()
    page.line(f"КАРТА «{r.rng_word(rng).upper()}» ****{r.digits(rng, 4)}", bold=True, align="center")
    page.pair("Сумма без скидки", f"{before:.2f}")
    page.pair("Ваша экономия", f"{before - total:.2f}")
    page.pair("Начислено бонусов", f"{(total / 50).quantize(Decimal('1'))}")
    page.pair("Баланс бонусов", f"{Decimal(rng.randint(100, 9000)) + total / 50:.2f}")
    page.rule()
    page.pair("Кассир", r.person(rng).initials)
    page.pair(f"{when:%d.%m.%Y %H:%M}", f"Смена {rng.randint(1, 700)} Чек {rng.randint(1, 600)}")
    page.pair("РН ККТ", r.digits(rng, 16))
    page.pair("ФН", fiscal[0])
    page.pair("ФД", fiscal[1])
    page.pair("ФП", fiscal[2])
    page.qr(_qr(when, total, fiscal), 230)
    return Drawn(page.finish(), "supermarket-long-bonus", receipt_details(shop, total, when, fiscal), thermal=True)


def pickup_supplier_first(rng: random.Random) -> Drawn:
    """A marketplace pick-up point's 80 mm tape: the point's sign and address, «Кассовый чек. Приход», each item
    under its supplier's name, ИНН and phone («Данные поставщика»), «Признак агента: комиссионер», «ИТОГ»,
    «Предварительная оплата (аванс)» offset or the card, and only at the foot the platform's name and ИНН."""
    platform = r.organisation(rng, sole_trader=False)
    platform = r.Party(f"ООО «{r.rng_word(rng)}-Маркетплейс»", platform.inn, platform.kpp, platform.address)
    items = [
        (name, _price(rng, 190, 5900), r.organisation(rng)) for name in rng.sample(_PICKUP_GOODS, rng.randint(2, 4))
    ]
    total = sum((price for _, price, _ in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(19, 21)
    page = SecondPage(rng.randint(560, 600), rng.choice(EIGHTH_TAPE_FACES), size, margin=12)
    page.line(f"ПУНКТ ВЫДАЧИ ЗАКАЗОВ № {rng.randint(1000, 99999)}", bold=True, align="center")
    page.line(r.address(rng), size - 2, align="center")
    page.line("Кассовый чек. Приход", bold=True, align="center")
    page.pair(f"{when:%d.%m.%Y %H:%M}", f"Чек № {rng.randint(1, 900)}")
    page.rule(dashed=True)
    for index, (name, price, supplier) in enumerate(items, 1):
        page.line("Данные поставщика:", size - 2)
        page.line(supplier.name, size - 2)
        page.pair("ИНН поставщика", supplier.inn, size - 2)
        page.pair("Тел. поставщика", f"+7{r.digits(rng, 10)}", size - 2)
        page.line(f"{index}. {name}", bold=True)
        page.pair("  1 x " + f"{price:.2f}", f"={price:.2f}")
        page.line("  Признак агента: комиссионер", size - 2)
        page.line("  НДС не облагается", size - 2)
        page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    if rng.random() < 0.5:
        page.pair("ПРЕДВАРИТЕЛЬНАЯ ОПЛАТА (АВАНС)", f"={total:.2f}", size - 1)
    else:
        page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("СНО", "ОСН")
    page.pair("ФН", fiscal[0])
    page.pair("ФД", fiscal[1])
    page.pair("ФП", fiscal[2])
    page.pair("РН ККТ", r.digits(rng, 16))
    page.qr(_qr(when, total, fiscal), 220)
    page.line(platform.name, bold=True, align="center")
    page.line(f"ИНН {platform.inn}", align="center")
    page.line(platform.address, size - 2, align="center")
    return Drawn(page.finish(), "pickup-supplier-first", receipt_details(platform, total, when, fiscal), thermal=True)


def cafe_service_tips_slip(rng: random.Random) -> Drawn:
    """A café's 80 mm receipt: the dishes, «Сервисный сбор 7%» as an item, «ИТОГ», the fiscal block and QR; under it
    the card terminal's slip of the same payment with the tips the guest added on the terminal («Сумма»,
    «Чаевые», «ВСЕГО»), the slip's own time a minute later and the acquiring bank's name."""
    company = r.organisation(rng)
    dishes = [(name, _price(rng, 120, 690), rng.choice([1, 1, 2])) for name in rng.sample(_CAFE, rng.randint(2, 5))]
    food = sum((price * qty for _, price, qty in dishes), Decimal(0))
    rate = rng.choice([5, 7, 10])
    service = (food * rate / 100).quantize(Decimal("0.01"))
    total = food + service
    tips = Decimal(rng.choice([50, 100, 150, 200, 300]))
    when = r.moment(rng, r.past_day(rng))
    fiscal = _fiscal(rng)
    size = rng.randint(19, 21)
    page = SecondPage(rng.randint(560, 600), rng.choice(EIGHTH_TAPE_FACES), size, margin=12)
    page.line(f"Кофейня «{r.rng_word(rng)}»", size + 4, bold=True, align="center")
    page.line(company.name, align="center")
    page.line(company.address, size - 2, align="center")
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", bold=True, align="center")
    page.pair(f"{when:%d.%m.%Y %H:%M}", f"Заказ {rng.randint(1, 400)}")
    page.rule(dashed=True)
    for name, price, qty in dishes:
        page.pair(name, f"{qty} x {price:.2f}")
    page.pair(f"Сервисный сбор {rate}%", f"1 x {service:.2f}")
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    page.pair("ОПЛАТА КАРТОЙ", f"={total:.2f}")
    page.pair("ИНН", company.inn)
    page.pair("ФН", fiscal[0])
    page.pair("ФД", fiscal[1])
    page.pair("ФП", fiscal[2])
    page.qr(_qr(when, total, fiscal), 220)
    page.rule()
    slip = when + timedelta(minutes=1)
    page.line(rng.choice(["ПАО СБЕРБАНК", "АО «АЛЬФА-БАНК»", "ВТБ (ПАО)"]), bold=True, align="center")
    page.line("ОПЛАТА", align="center")
    page.pair(f"{slip:%d.%m.%y %H:%M}", f"Терминал {r.digits(rng, 8)}")
    page.pair("Карта", f"**** {r.digits(rng, 4)}")
    page.pair("Сумма", f"{total:.2f} руб.")
    page.pair("Чаевые", f"{tips:.2f} руб.")
    page.pair("ВСЕГО", f"{total + tips:.2f} руб.", bold=True)
    page.line("ОДОБРЕНО", bold=True, align="center")
    page.pair("Код авторизации", r.digits(rng, 6))
    return Drawn(page.finish(), "cafe-service-tips-slip", receipt_details(company, total, when, fiscal), thermal=True)


def ofd_site_printed(rng: random.Random) -> Drawn:
    """A receipt as an ОФД's site shows it, printed from a browser on A4: the browser's header (the print's date and
    the page's title), the ОФД's header with its own name and ИНН, the receipt as a card in the left column (the seller,
    the items, «Итог», the fiscal fields named in words) and, in the right column, the QR with «Проверить чек в ФНС»
    and the buttons; the page's address and «1/1» at the foot."""
    seller = r.organisation(rng)
    operator = r.organisation(rng, sole_trader=False)
    operator = r.Party(f"ООО «{r.rng_word(rng)} ОФД»", operator.inn, operator.kpp, operator.address)
    items = [(name, _price(rng, 90, 3900), rng.choice([1, 1, 2])) for name in rng.sample(_HARDWARE, rng.randint(1, 4))]
    total = sum((price * qty for _, price, qty in items), Decimal(0))
    when = r.moment(rng, r.past_day(rng))
    printed = when + timedelta(days=rng.randint(2, 40), hours=rng.randint(1, 9))
    fiscal = _fiscal(rng)
    size = rng.randint(17, 19)
    page = SecondPage(1240, rng.choice(EIGHTH_WEB_FACES), size, margin=50)
    page.pair(f"{printed:%d.%m.%Y, %H:%M}", "Чек — просмотр чека онлайн", size - 4)
    page.gap(20)
    page.line(operator.name, size + 8, bold=True)
    page.line(f"Оператор фискальных данных · ИНН {operator.inn}", size - 3, colour=GREY)
    page.rule(thickness=1)
    page.gap(16)
    card_top = page.y
    column = 760
    card = SecondPage(column, page.face, size, margin=24)
    card.line("Кассовый чек", size + 4, bold=True)
    card.line("Приход", size, colour=GREY)
    card.line(seller.name, size + 2)
    card.line(seller.address, size - 3, colour=GREY)
    card.pair("ИНН пользователя", seller.inn, size - 2)
    card.rule(thickness=1)
    for name, price, qty in items:
        card.line(name)
        card.pair(f"{qty} × {price:.2f}", f"{price * qty:.2f}")
    card.rule(thickness=1)
    card.pair("Итог", f"{total:.2f} ₽", size + 6, bold=True)
    card.pair("Безналичными", f"{total:.2f}")
    for label, value in (
        ("Дата и время", f"{when:%d.%m.%Y %H:%M}"),
        ("Номер ФН", fiscal[0]),
        ("Номер ФД", fiscal[1]),
        ("ФП", fiscal[2]),
        ("РН ККТ", r.digits(rng, 16)),
        ("Смена", str(rng.randint(1, 900))),
    ):
        card.pair(label, value, size - 2)
    body = card.finish()
    page.inset(body, x=page.margin)
    page.y = card_top + 40
    page.inset(qr_image(_qr(when, total, fiscal), 300), x=page.margin + column + 60)
    page.gap(10)
    aside = page.margin + column + 60
    for text in ("Проверить чек в ФНС", "Скачать PDF", "Отправить на e-mail"):
        page.line(text, size - 2, indent=aside - page.margin, colour=GREY)
        page.gap(round(size * 0.5))
    page.y = max(page.y, card_top + body.height) + 30
    page.pair(f"https://check.{rng.choice(_OFD_HOSTS)}.ru/rec/{r.digits(rng, 12)}", "1/1", size - 5)
    return Drawn(
        page.finish(min_height=1754), "ofd-site-printed", receipt_details(seller, total, when, fiscal), thermal=False
    )


TEMPLATES = (
    small_register_narrow,
    dreamkas_table,
    supermarket_long_bonus,
    pickup_supplier_first,
    cafe_service_tips_slip,
    ofd_site_printed,
)
