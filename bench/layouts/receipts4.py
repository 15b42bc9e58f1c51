"""The fourth round's cash receipts, one register maker each as people photograph them most: an АТОЛ supermarket
tape with discounts and a loyalty card, a Штрих-М pharmacy tape with marked goods and «ФПД», an Эвотор fuel
station's tape («ТРК», litres, the fiscal block beside the QR), a Меркурий kiosk's narrow tape where the cash handed
over exceeds the sum (change), an online shop's receipt printed from a browser on A4 (the print header's date is
the day of printing, not of payment), and a payment agent's tape that sells for suppliers («ПОСТАВЩИК» per item).

ФД and ФП are printed with leading zeros by some registers; the QR carries them without."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from bench.layouts import requisites as r
from bench.layouts.canvas import (
    FOURTH_PAGE_FACES,
    FOURTH_TAPE_FACES,
    GREY,
    SecondPage,
)
from bench.layouts.drawn import Drawn, receipt_details

_GROCERIES = (
    "Хлеб Бородинский нарезка 300г",
    "Молоко 2,5% ПЭТ 900мл",
    "Яйцо куриное С1 10шт",
    "Бананы вес",
    "Сметана 15% 300г",
    "Сосиски Молочные 450г",
    "Вода питьевая негаз. 5л",
    "Гречка ядрица 900г",
    "Масло сливочное 82,5% 180г",
    "Огурцы среднеплодные вес",
    "Шоколад молочный 90г",
    "Кефир 1% 930мл",
)
_MEDICINES = (
    "Ибупрофен таб. п/о 200мг №50",
    "Нурофен Экспресс капс. 200мг №16",
    "Цетиризин таб. 10мг №20",
    "Мирамистин р-р 0,01% 150мл",
    "Пластырь бактерицидный 1,9х7,2 №20",
    "Аквамарис спрей назал. 30мл",
    "Витамин D3 2000 МЕ капс. №60",
    "Термометр электронный",
)
_FUELS = ("АИ-92 К5", "АИ-95 К5", "АИ-95 ЭКТО+", "ДТ ЕВРО К5", "АИ-98 К5")
_SHOP_GOODS = (
    "Кабель USB Type-C — Type-C, 1 м",
    "Фильтр для пылесоса HEPA H13",
    "Лампа светодиодная E27 11 Вт, 4000K",
    "Рюкзак городской 22 л, серый",
    "Набор отвёрток прецизионных 24 в 1",
    "Термокружка 450 мл",
)
_AGENT_SERVICES = (
    ("Оплата услуг связи, тел. +7 9{0} ***-**-{1}", "ПАО «Мобильные ТелеСистемы»"),
    ("Пополнение транспортной карты № ***{1}", "ГУП «Организатор перевозок»"),
    ("Оплата интернета, л/с {0}{1}", "АО «ЭР-Телеком Холдинг»"),
    ("Погашение кредита, договор № {0}-{1}", "ООО МФК «Быстроденьги»"),
)


def _price(rng: random.Random, low: int = 30, high: int = 900) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice([0, 99, 90, 49, 50, rng.randint(1, 99)])) / 100


def _fiscal(rng: random.Random, zeros: bool) -> tuple[str, str, str, str, str]:
    """ФН, ФД and ФП as the QR carries them, then ФД and ФП as the tape prints them (zero-padded when ``zeros``)."""
    fn = r.fiscal_drive(rng)
    fd = r.fiscal_number(rng, rng.choice([9999, 99999, 999999]))
    fp = r.fiscal_number(rng, 4294967295)
    if zeros:
        return fn, fd, fp, fd.zfill(rng.choice([8, 10])), fp.zfill(10)
    return fn, fd, fp, fd, fp


def _qr(when: datetime, total: Decimal, fn: str, fd: str, fp: str, *, seconds: bool = True) -> str:
    stamp = when.strftime("%Y%m%dT%H%M%S" if seconds else "%Y%m%dT%H%M")
    return f"t={stamp}&s={total:.2f}&fn={fn}&i={fd}&fp={fp}&n=1"


def _card_slip(page: SecondPage, rng: random.Random, total: Decimal, size: int) -> None:
    """The card terminal's slip printed on the same tape after the receipt: «ОПЛАТА», the card masked, «ОДОБРЕНО»."""
    page.rule(dashed=True)
    page.line("ОПЛАТА", bold=True, align="center")
    page.pair("Терминал:", r.digits(rng, 8), size)
    page.pair("Карта:", f"MIR ****{r.digits(rng, 4)}", size)
    page.pair("Сумма (Руб):", f"{total:.2f}", size)
    page.line("ОДОБРЕНО", bold=True, align="center")


def atol_supermarket(rng: random.Random) -> Drawn:
    """An АТОЛ 30Ф's 80 mm tape of a supermarket chain: each item with its price, a discount line under some
    («Скидка по карте -12.34»), «ПОДИТОГ» before the discounts, «СКИДКА» in all, «ИТОГ» after, the loyalty card's
    masked number and its points, «БЕЗНАЛИЧНЫМИ» with the card terminal's slip after it, ФД zero-padded."""
    chain = r.organisation(rng, sole_trader=False)
    chain = r.Party(f"АО «Торговый дом «{r.rng_word(rng)}»", chain.inn, chain.kpp, chain.address)
    items = []
    for name in rng.sample(_GROCERIES, rng.randint(4, 8)):
        price, qty = _price(rng, 40, 600), Decimal(rng.choice([1, 1, 1, 2, 3]))
        discount = (price * qty * Decimal(rng.choice([5, 10, 15, 20])) / 100).quantize(Decimal("0.01"))
        items.append((name, price, qty, discount if rng.random() < 0.4 else Decimal(0)))
    subtotal = sum((price * qty for _, price, qty, _ in items), Decimal(0))
    discounts = sum((discount for *_, discount in items), Decimal(0))
    total = subtotal - discounts
    when = r.moment(rng, r.past_day(rng))
    fn, fd, fp, fd_printed, fp_printed = _fiscal(rng, zeros=True)
    size = rng.randint(19, 21)
    page = SecondPage(rng.randint(570, 600), rng.choice(FOURTH_TAPE_FACES), size, margin=12)
    page.line(f"Супермаркет «{r.rng_word(rng)}»", size + 4, bold=True, align="center")
    page.line(chain.name, align="center")
    page.line(chain.address, size - 3, align="center")
    page.line("КАССОВЫЙ ЧЕК / ПРИХОД", bold=True, align="center")
    page.pair(f"Смена № {rng.randint(10, 999)}", f"Чек № {rng.randint(1, 800)}")
    page.pair(when.strftime("%d-%m-%y %H:%M"), f"Касса {rng.randint(1, 14):02d}")
    page.rule(dashed=True)
    for index, (name, price, qty, discount) in enumerate(items, 1):
        page.line(f"{index}. {name}")
        page.pair(f"   {qty} шт x {price:.2f}", f"={price * qty:.2f}")
        if discount:
            page.pair("   Скидка по карте", f"-{discount:.2f}", size - 2)
        page.pair("   НДС 10%" if index % 3 else "   НДС 20%", "", size - 3)
    page.rule(dashed=True)
    page.pair("ПОДИТОГ", f"={subtotal:.2f}")
    page.pair("СКИДКА", f"={discounts:.2f}")
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    page.pair("БЕЗНАЛИЧНЫМИ", f"={total:.2f}")
    page.pair("СУММА НДС 10%", f"={r.vat_part(total * 2 / 3, 10):.2f}", size - 2)
    page.pair("СУММА НДС 20%", f"={r.vat_part(total / 3, 20):.2f}", size - 2)
    page.line(f"Карта покупателя: **** {r.digits(rng, 4)}", size - 2)
    page.pair("Начислено баллов", str(int(total // 10)), size - 2)
    page.pair("Баланс баллов", str(rng.randint(100, 9000)), size - 2)
    page.rule(dashed=True)
    page.pair("СНО:", "ОСН", size - 2)
    page.line(f"Кассир: {r.person(rng).initials}", size - 2)
    page.line(f"ИНН: {chain.inn}")
    page.pair("РН ККТ:", r.digits(rng, 16), size - 2)
    page.pair("ЗН ККТ:", "0" + r.digits(rng, 13), size - 2)
    page.pair("ФН:", fn, size - 1)
    page.pair("ФД:", fd_printed, size - 1)
    page.pair("ФП:", fp_printed, size - 1)
    page.line("Сайт ФНС: www.nalog.gov.ru", size - 3)
    page.gap(8)
    page.qr(_qr(when, total, fn, fd, fp), rng.randint(200, 240))
    page.line("СПАСИБО ЗА ПОКУПКУ!", align="center")
    _card_slip(page, rng, total, size - 2)
    return Drawn(
        page.finish(), "atol-supermarket", receipt_details(chain, total, when, (fn, fd_printed, fp_printed)), True
    )


def shtrih_pharmacy(rng: random.Random) -> Drawn:
    """A Штрих-М-01Ф's tape of a pharmacy: «ККТ ШТРИХ-М-01Ф» in the header, marked medicines («[М+]»), a pensioner's
    discount by a percentage, prices with «*» before the sum («*1234.00»), the fiscal sign called «ФПД», «ДАТА» and
    «ВРЕМЯ» apart, «ИТОГО» rather than «ИТОГ», and no VAT charged on medicines but 20 % on other goods."""
    pharmacy = r.organisation(rng, sole_trader=False)
    pharmacy = r.Party(f"ООО «Аптека {r.rng_word(rng)}»", pharmacy.inn, pharmacy.kpp, pharmacy.address)
    items = [(name, _price(rng, 90, 1400), Decimal(rng.choice([1, 1, 2]))) for name in rng.sample(_MEDICINES, 3)]
    items = items[: rng.randint(1, 3)]
    gross = sum((price * qty for _, price, qty in items), Decimal(0))
    percent = rng.choice([0, 3, 5])
    discount = (gross * percent / 100).quantize(Decimal("0.01"))
    total = gross - discount
    when = r.moment(rng, r.past_day(rng))
    fn, fd, fp, fd_printed, fp_printed = _fiscal(rng, zeros=rng.random() < 0.5)
    size = rng.randint(18, 20)
    page = SecondPage(rng.randint(520, 560), rng.choice(FOURTH_TAPE_FACES), size, margin=12)
    page.line(pharmacy.name, bold=True, align="center")
    page.line(f"Аптечный пункт № {rng.randint(1, 300)}", align="center")
    page.line(pharmacy.address, size - 3, align="center")
    page.line(f"ИНН {pharmacy.inn}", align="center")
    page.line("ККТ ШТРИХ-М-01Ф", size - 2, align="center")
    page.pair(f"ДАТА {when:%d.%m.%Y}", f"ВРЕМЯ {when:%H:%M}")
    page.pair("КАССОВЫЙ ЧЕК", f"№{rng.randint(1, 400):04d}")
    page.line("ПРИХОД", bold=True)
    for name, price, qty in items:
        page.line(name)
        page.pair(f"{qty:.3f} X {price:.2f}", f"*{price * qty:.2f}")
        page.line("[М+] ТОВАР, ПОЛНЫЙ РАСЧЕТ, НДС 10%", size - 4)
    if discount:
        page.pair(f"СКИДКА ПЕНСИОННАЯ {percent}%", f"*{discount:.2f}")
    page.rule()
    page.pair("ИТОГО", f"*{total:.2f}", size + 6, bold=True)
    cash = rng.random() < 0.4
    page.pair("НАЛИЧНЫМИ" if cash else "ЭЛЕКТРОННЫМИ", f"*{total:.2f}")
    page.pair("СУММА НДС 10%", f"*{r.vat_part(total, 10):.2f}")
    page.pair("СНО", "УСН доход - расход" if rng.random() < 0.5 else "ОСН", size - 2)
    page.pair("ФАРМАЦЕВТ", r.person(rng).initials, size - 2)
    page.pair("РН ККТ", r.digits(rng, 16), size - 2)
    page.pair("ЗН ККТ", r.digits(rng, 12), size - 2)
    page.pair("ФН", fn)
    page.pair("ФД", fd_printed)
    page.pair("ФПД", fp_printed)
    page.pair("САЙТ ФНС", "nalog.gov.ru", size - 2)
    page.gap(8)
    page.qr(_qr(when, total, fn, fd, fp), rng.randint(180, 220))
    page.line("Будьте здоровы!", align="center")
    return Drawn(
        page.finish(), "shtrih-pharmacy", receipt_details(pharmacy, total, when, (fn, fd_printed, fp_printed)), True
    )


def evotor_fuel(rng: random.Random) -> Drawn:
    """An Эвотор's tape of a fuel station: «ТРК № 4» with the fuel, litres to three places at the price per litre, a
    prepayment at the till («ПРЕДОПЛАТА ТРК» is not printed on the receipt of the fill), the fiscal block in a column
    beside the QR, the date as «14:22 06.12.26», and a second sum line (the card) of the same total."""
    station = r.organisation(rng, sole_trader=False)
    station = r.Party(f"ООО «{r.rng_word(rng)}-Ойл»", station.inn, station.kpp, station.address)
    fuel = rng.choice(_FUELS)
    price = Decimal(rng.randint(5400, 7400)) / 100
    litres = Decimal(rng.randint(5000, 60000)) / 1000
    fill = (price * litres).quantize(Decimal("0.01"))
    total = fill
    coffee = _price(rng, 90, 250) if rng.random() < 0.4 else Decimal(0)
    total += coffee
    when = r.moment(rng, r.past_day(rng))
    fn, fd, fp, fd_printed, fp_printed = _fiscal(rng, zeros=False)
    size = rng.randint(18, 21)
    page = SecondPage(rng.randint(560, 600), rng.choice(FOURTH_TAPE_FACES), size, margin=14)
    page.line(f"АЗС № {rng.randint(1, 120)}", size + 4, bold=True, align="center")
    page.line(station.name, align="center")
    page.line(station.address, size - 3, align="center")
    page.line(f"ИНН {station.inn}", align="center")
    page.line("Кассовый чек. Приход", bold=True)
    page.pair(when.strftime("%H:%M %d.%m.%y"), f"Чек {rng.randint(1, 900)}")
    page.rule()
    page.line(f"ТРК № {rng.randint(1, 8)}: {fuel}")
    page.pair(f"{litres:.3f} л x {price:.2f}", f"= {fill:.2f}")
    page.line("НДС 20%", size - 3)
    if coffee:
        page.line("Кофе Американо 0,3")
        page.pair(f"1 x {coffee:.2f}", f"= {coffee:.2f}")
        page.line("НДС 20%", size - 3)
    page.rule()
    page.pair("ИТОГ", f"= {total:.2f}", size + 6, bold=True)
    page.pair("Безналичными", f"= {total:.2f}")
    page.pair("Сумма НДС 20%", f"= {r.vat_part(total, 20):.2f}", size - 2)
    page.pair("Кассир", r.person(rng).initials, size - 2)
    page.pair("РН ККТ", r.digits(rng, 16), size - 3)
    page.gap(6)
    page.qr_beside(
        _qr(when, total, fn, fd, fp, seconds=False),
        rng.randint(190, 210),
        [("ФН", fn), ("ФД", fd_printed), ("ФП", fp_printed), ("СНО", "ОСН"), ("ЗН", r.digits(rng, 14))],
        size - 3,
    )
    page.line("Эвотор — чек в приложении", size - 4, colour=GREY)
    return Drawn(page.finish(), "evotor-fuel", receipt_details(station, total, when, (fn, fd, fp)), True)


def mercury_kiosk(rng: random.Random) -> Drawn:
    """A Меркурий-185Ф's narrow 57 mm tape of a kiosk run by an ИП (12-digit ИНН, no КПП): few goods in capitals,
    «НАЛИЧНЫМИ» with the cash handed over (more than the sum) and «СДАЧА», «ИТОГ» in double height, «БЕЗ НДС», the
    date as «06/12/2026 14:22», ФП zero-padded to ten digits."""
    owner = r.organisation(rng, sole_trader=True)
    goods = [(name.upper(), _price(rng, 25, 300), Decimal(1)) for name in rng.sample(_GROCERIES, rng.randint(1, 3))]
    total = sum((price for _, price, _ in goods), Decimal(0))
    handed = Decimal(((int(total) // 100) + 1) * 100 + rng.choice([0, 0, 500, 900]))
    when = r.moment(rng, r.past_day(rng))
    fn, fd, fp, fd_printed, fp_printed = _fiscal(rng, zeros=True)
    size = rng.randint(16, 18)
    page = SecondPage(rng.randint(400, 420), rng.choice(FOURTH_TAPE_FACES), size, margin=8)
    page.line(owner.name.upper(), bold=True, align="center")
    page.line(f"ИНН {owner.inn}", align="center")
    page.line("МЕРКУРИЙ-185Ф", size - 2, align="center")
    page.line(when.strftime("%d/%m/%Y %H:%M"), align="center")
    page.line(f"ЧЕК {rng.randint(1, 300):05d}   ПРИХОД", bold=True)
    for name, price, _ in goods:
        page.line(name, size - 1)
        page.pair("1 X", f"={price:.2f}")
    page.rule(dashed=True)
    page.pair("ИТОГ", f"={total:.2f}", size + 10, bold=True)
    page.pair("НАЛИЧНЫМИ", f"={handed:.2f}")
    page.pair("СДАЧА", f"={handed - total:.2f}")
    page.pair("БЕЗ НДС", f"={total:.2f}", size - 2)
    page.pair("СНО", "ПСН", size - 2)
    page.line(f"РН ККТ {r.digits(rng, 16)}", size - 2)
    page.line(f"ЗН ККТ {r.digits(rng, 10)}", size - 2)
    page.line(f"ФН {fn}")
    page.line(f"ФД {fd_printed}")
    page.line(f"ФП {fp_printed}")
    page.gap(6)
    page.qr(_qr(when, total, fn, fd, fp), rng.randint(170, 190))
    return Drawn(
        page.finish(), "mercury-kiosk", receipt_details(owner, total, when, (fn, fd_printed, fp_printed)), True
    )


def browser_print(rng: random.Random) -> Drawn:
    """An online shop's receipt opened from an e-mail and printed on A4 from a browser: the print header (the date and
    time of printing, days after the payment, and the page's title), the footer (the link and «1/1»), the receipt in
    the middle of the page as the ОФД's mail shows it, the delivery as its own item, «Сумма НДС» lines."""
    shop = r.organisation(rng, sole_trader=False)
    shop = r.Party(f"ООО «Интернет Решения {r.rng_word(rng)}»", shop.inn, shop.kpp, shop.address)
    goods = [(name, _price(rng, 300, 6000), Decimal(rng.choice([1, 1, 2]))) for name in rng.sample(_SHOP_GOODS, 3)]
    goods = goods[: rng.randint(1, 3)]
    delivery = Decimal(rng.choice([0, 199, 299, 390]))
    total = sum((price * qty for _, price, qty in goods), Decimal(0)) + delivery
    when = r.moment(rng, r.past_day(rng))
    printed = when + timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 9))
    fn, fd, fp, fd_printed, fp_printed = _fiscal(rng, zeros=False)
    size = rng.randint(20, 22)
    page = SecondPage(1654, rng.choice(FOURTH_PAGE_FACES), size, margin=70)
    page.pair(printed.strftime("%d.%m.%Y, %H:%M"), f"Кассовый чек № {fd} — {shop.name}", size - 6)
    page.gap(80)
    inner = SecondPage(900, page.face, size, margin=40)
    inner.line("Кассовый чек", size + 10, bold=True, align="center")
    inner.line("Приход", size + 2, align="center")
    inner.line(when.strftime("%d.%m.%Y %H:%M"), size, align="center", colour=GREY)
    inner.gap(10)
    inner.line(shop.name, bold=True)
    inner.pair("ИНН", shop.inn)
    inner.pair("Место расчётов", "shop.example.ru", size - 2)
    inner.rule()
    for index, (name, price, qty) in enumerate(goods, 1):
        inner.line(f"{index}. {name}")
        inner.pair(f"{qty} × {r.grouped(price)} ₽", f"{r.grouped(price * qty)} ₽", colour=GREY)
        inner.line("НДС 20%  ·  Полный расчёт  ·  Товар", size - 5, colour=GREY)
    if delivery:
        inner.line(f"{len(goods) + 1}. Доставка курьером")
        inner.pair(f"1 × {r.grouped(delivery)} ₽", f"{r.grouped(delivery)} ₽", colour=GREY)
        inner.line("НДС 20%  ·  Полный расчёт  ·  Услуга", size - 5, colour=GREY)
    inner.rule()
    inner.pair("Итог", f"{r.grouped(total)} ₽", size + 6, bold=True)
    inner.pair("Безналичными", f"{r.grouped(total)} ₽")
    inner.pair("НДС 20%", f"{r.grouped(r.vat_part(total, 20))} ₽")
    inner.pair("СНО", "ОСН", size - 2)
    inner.pair("РН ККТ", r.digits(rng, 16), size - 2)
    inner.pair("ЗН ККТ", r.digits(rng, 14), size - 2)
    inner.pair("ФН", fn, size - 2)
    inner.pair("ФД", fd_printed, size - 2)
    inner.pair("ФП", fp_printed, size - 2)
    inner.pair("Эл. адрес отправителя", "noreply@ofd.example.ru", size - 4)
    inner.gap(10)
    inner.qr(_qr(when, total, fn, fd, fp), 230)
    page.inset(inner.finish())
    footer = round(page.width * 1.414) - 70
    page.y = max(page.y + 40, footer)
    page.pair(f"https://mail.example.ru/message/{r.digits(rng, 12)}", "1/1", size - 6)
    return Drawn(page.finish(), "browser-print-a4", receipt_details(shop, total, when, (fn, fd, fp)))


def payment_agent(rng: random.Random) -> Drawn:
    """A payment agent's tape (a self-service kiosk's register): the agent is the seller, each payment names its
    supplier («ПОСТАВЩИК», his ИНН and phone), «ПЛАТЕЖНЫЙ АГЕНТ» as the agent's sign, the agent's fee as an item of
    its own, «ПРИНЯТО» (the banknotes put in) above «ИТОГ», ФД and ФП zero-padded."""
    agent = r.organisation(rng, sole_trader=False)
    agent = r.Party(f"ООО «Платёжный сервис {r.rng_word(rng)}»", agent.inn, agent.kpp, agent.address)
    payments = []
    for template, supplier_name in rng.sample(_AGENT_SERVICES, rng.randint(1, 2)):
        text = template.format(r.digits(rng, 2), r.digits(rng, 4))
        supplier = r.organisation(rng, sole_trader=False)
        payments.append((text, supplier_name, supplier.inn, Decimal(rng.choice([100, 200, 300, 500, 1000, 1500]))))
    fee = Decimal(rng.choice([0, 0, 10, 25, 50]))
    total = sum((value for *_, value in payments), Decimal(0)) + fee
    accepted = Decimal(((int(total) // 50) + 1) * 50) if rng.random() < 0.5 else total
    when = r.moment(rng, r.past_day(rng))
    fn, fd, fp, fd_printed, fp_printed = _fiscal(rng, zeros=True)
    size = rng.randint(17, 19)
    page = SecondPage(rng.randint(520, 560), rng.choice(FOURTH_TAPE_FACES), size, margin=10)
    page.line(agent.name, bold=True, align="center")
    page.line(f"ИНН {agent.inn}", align="center")
    page.line(f"Терминал № {r.digits(rng, 6)}, {r.address(rng)}", size - 3)
    page.line(f"КАССОВЫЙ ЧЕК № {rng.randint(1, 9999)}", bold=True)
    page.line(f"ПРИХОД   {when:%d.%m.%Y %H:%M:%S}")
    page.rule(dashed=True)
    for text, supplier_name, supplier_inn, value in payments:
        page.line(text)
        page.pair("1 X", f"={value:.2f}")
        page.line("ПЛАТЕЖНЫЙ АГЕНТ", size - 3)
        page.line(f"ПОСТАВЩИК: {supplier_name}", size - 3)
        page.line(f"ИНН ПОСТАВЩИКА: {supplier_inn}", size - 3)
        page.line(f"ТЕЛ. ПОСТАВЩИКА: +7{r.digits(rng, 10)}", size - 3)
        page.line("НДС НЕ ОБЛАГАЕТСЯ", size - 3)
    if fee:
        page.line("Вознаграждение платёжного агента")
        page.pair("1 X", f"={fee:.2f}")
    page.rule(dashed=True)
    page.pair("ПРИНЯТО", f"={accepted:.2f}")
    page.pair("ИТОГ", f"={total:.2f}", size + 6, bold=True)
    page.pair("НАЛИЧНЫМИ", f"={total:.2f}")
    if accepted > total:
        page.pair("ЗАЧИСЛЕНО НА АВАНС", f"={accepted - total:.2f}", size - 2)
    page.pair("СНО", "УСН доход", size - 2)
    page.pair("РН ККТ", r.digits(rng, 16), size - 2)
    page.pair("ФН №", fn)
    page.pair("ФД №", fd_printed)
    page.pair("ФП", fp_printed)
    page.line("Сохраняйте чек до зачисления платежа", size - 3)
    page.gap(6)
    page.qr(_qr(when, total, fn, fd, fp), rng.randint(180, 210))
    return Drawn(
        page.finish(), "payment-agent-tape", receipt_details(agent, total, when, (fn, fd_printed, fp_printed)), True
    )


TEMPLATES = (atol_supermarket, shtrih_pharmacy, evotor_fuel, mercury_kiosk, browser_print, payment_agent)
