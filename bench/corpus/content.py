"""What the synthetic documents say: people, organisations, banks, purposes and identifiers that validate.

Every identifier is built from random digits completed by its check digits (``model.checks``), so an extractor
that verifies checksums is measured on documents where checksums hold, as on real ones. Everything is drawn
from a ``random.Random`` the caller seeds, so one seed gives one corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from model.checks import account_control_key, inn_check_digits

KOPECK = Decimal("0.01")

_REGIONS = ("77", "78", "50", "47", "66", "16", "54", "52", "61", "23", "63", "74", "02", "24", "59", "36", "38")
_BIK_REGIONS = ("45", "40", "52", "65", "57", "36", "60", "80", "92", "73", "75", "50", "35")

_MALE_SURNAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
    "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
    "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
    "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
    "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов",
)  # fmt: skip
_MALE_NAMES = (
    ("Александр", "Александрович", "Александровна"), ("Алексей", "Алексеевич", "Алексеевна"),
    ("Андрей", "Андреевич", "Андреевна"), ("Артём", "Артёмович", "Артёмовна"), ("Борис", "Борисович", "Борисовна"),
    ("Вадим", "Вадимович", "Вадимовна"), ("Василий", "Васильевич", "Васильевна"),
    ("Виктор", "Викторович", "Викторовна"), ("Владимир", "Владимирович", "Владимировна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"), ("Евгений", "Евгеньевич", "Евгеньевна"), ("Иван", "Иванович", "Ивановна"),
    ("Игорь", "Игоревич", "Игоревна"), ("Кирилл", "Кириллович", "Кирилловна"), ("Максим", "Максимович", "Максимовна"),
    ("Михаил", "Михайлович", "Михайловна"), ("Николай", "Николаевич", "Николаевна"), ("Олег", "Олегович", "Олеговна"),
    ("Павел", "Павлович", "Павловна"), ("Роман", "Романович", "Романовна"), ("Сергей", "Сергеевич", "Сергеевна"),
    ("Юрий", "Юрьевич", "Юрьевна"),
)  # fmt: skip
_FEMALE_NAMES = (
    "Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Екатерина", "Светлана", "Юлия", "Анастасия",
    "Дарья", "Марина", "Людмила", "Валентина", "Галина", "Ксения", "Полина", "Виктория", "Алина", "Софья",
)  # fmt: skip

_NAME_HEADS = (
    "Техно", "Строй", "Агро", "Энерго", "Мед", "Транс", "Инвест", "Торг", "Сиб", "Урал", "Волга", "Нева", "Альфа",
    "Эко", "Проф", "Сервис", "Инфо", "Гео", "Тех", "Промо", "Лидер", "Мега", "Дом", "Авто", "Фарм", "Нефте",
)  # fmt: skip
_NAME_TAILS = (
    "сервис", "торг", "мир", "групп", "лайн", "пром", "снаб", "альянс", "маркет", "систем", "строй", "логистик",
    "ресурс", "комплект", "проект", "плюс", "центр", "тех", "софт", "трейд",
)  # fmt: skip
_NAME_WORDS = (
    "Ромашка", "Северный ветер", "Вектор", "Гермес", "Меридиан", "Пятёрочка-Юг", "Кедр", "Светлый дом", "Орион",
    "Горизонт", "Золотой колос", "Белые ночи", "Парус", "Восход", "Три медведя", "Зелёная долина", "Магистраль",
    "Полярная звезда", "Домашний очаг", "Берёзка", "Кристалл", "Феникс", "Синяя птица", "Радуга", "Стройка века",
)  # fmt: skip
_LEGAL_FORMS = (("ООО", 0.6), ("АО", 0.15), ("ПАО", 0.05), ("ИП", 0.2))
_LONG_FORMS = {
    "ООО": "Общество с ограниченной ответственностью",
    "АО": "Акционерное общество",
    "ПАО": "Публичное акционерное общество",
}

_CITIES = (
    ("г. Москва", "1"), ("г. Санкт-Петербург", "19"), ("г. Екатеринбург", "620"), ("г. Казань", "420"),
    ("г. Новосибирск", "630"), ("г. Нижний Новгород", "603"), ("г. Самара", "443"), ("г. Ростов-на-Дону", "344"),
    ("г. Краснодар", "350"), ("г. Пермь", "614"), ("г. Воронеж", "394"), ("г. Челябинск", "454"),
)  # fmt: skip
_STREETS = (
    "ул. Ленина", "ул. Мира", "пр-т Победы", "ул. Советская", "ул. Садовая", "Ленинградское ш.", "ул. Гагарина",
    "ул. Строителей", "наб. Обводного канала", "ул. Пушкина", "Кутузовский пр-т", "ул. Красная", "пер. Чистый",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Bank:
    name: str
    bic: str
    corr_account: str


REAL_BANKS = (
    Bank("ПАО Сбербанк", "044525225", "30101810400000000225"),
    Bank("АО «ТБанк»", "044525974", "30101810145250000974"),
    Bank("АО «Альфа-Банк»", "044525593", "30101810200000000593"),
    Bank("Банк ВТБ (ПАО)", "044525187", "30101810700000000187"),
    Bank("Банк ГПБ (АО)", "044525823", "30101810200000000823"),
    Bank("АО «Райффайзенбанк»", "044525700", "30101810200000000700"),
    Bank("ПАО «Промсвязьбанк»", "044525555", "30101810400000000555"),
    Bank("ПАО Росбанк", "044525256", "30101810000000000256"),
    Bank("Северо-Западный банк ПАО Сбербанк", "044030653", "30101810500000000653"),
    Bank("Уральский банк ПАО Сбербанк", "046577674", "30101810500000000674"),
    Bank("ПАО «МТС-Банк»", "044525232", "30101810600000000232"),
    Bank("АО «Россельхозбанк»", "044525111", "30101810200000000111"),
)
"""Real banks as published by the Bank of Russia; a test checks each against the control-key rule."""

_BANK_WORDS = (
    "Кедр", "Северный кредит", "Волго-Камский", "Приморье", "Уралфинанс", "Зенит-Юг", "Левобережный", "Таврический",
    "Енисей", "Ладога", "Алтайкапитал", "Развитие", "Меткомбанк", "Солид", "Экспобанк", "Новиком", "Интеза Север",
)  # fmt: skip
_BANK_PATTERNS = ("АО «Банк {}»", "ООО КБ «{}»", "ПАО «Банк {}»", "АО КБ «{}»", "Банк «{}» (АО)")

_TRANSFER_PURPOSES = (
    "Оплата по счёту № {n} от {d}", "Оплата по договору № {n}/{y} от {d}", "Перевод собственных средств",
    "Возврат долга", "Возврат займа по договору от {d}", "Подарок",
    "Оплата за аренду квартиры", "Оплата услуг по счёту № {n}", "Членские взносы за {y} год",
)  # fmt: skip
_INVOICE_PURPOSES = (
    "Оплата по счёту № {n} от {d}", "Оплата по счёту № {n} от {d}. НДС не облагается",
    "Оплата по договору № {n}/{y} от {d}", "Оплата услуг по счёту № {n} от {d}, в т.ч. НДС 20%",
    "Арендная плата по договору № {n} от {d}", "Оплата за товар по счёту № {n}",
)  # fmt: skip
_INVOICE_ITEMS = (
    ("Консультационные услуги", "усл"), ("Бумага офисная А4, 500 л.", "шт"), ("Абонентское обслуживание", "мес"),
    ("Картридж лазерный", "шт"), ("Доставка груза", "усл"), ("Разработка сайта, этап 1", "усл"),
    ("Монтаж вентиляции", "усл"), ("Кабель ВВГнг 3х2,5", "м"), ("Аренда помещения", "мес"),
    ("Техническое обслуживание", "усл"), ("Ноутбук офисный", "шт"), ("Обучение персонала", "чел"),
    ("Перевозка пассажиров", "рейс"), ("Поверка счётчиков", "шт"), ("Лицензия на ПО, 1 год", "шт"),
)  # fmt: skip
_RECEIPT_ITEMS = (
    ("Молоко 3,2% 1 л", 60, 130, "шт"), ("Хлеб Бородинский", 35, 80, "шт"), ("Кофе зерновой 1 кг", 900, 2500, "шт"),
    ("Сыр Российский", 600, 1200, "кг"), ("Бензин АИ-95", 50, 70, "л"), ("Вода питьевая 5 л", 90, 200, "шт"),
    ("Яблоки Гала", 90, 250, "кг"), ("Шоколад молочный", 70, 180, "шт"), ("Кабель USB-C", 250, 1200, "шт"),
    ("Пакет-майка", 5, 15, "шт"), ("Масло сливочное 82%", 150, 350, "шт"), ("Корм для кошек", 40, 700, "шт"),
    ("Батарейки AA 4 шт", 150, 500, "шт"), ("Услуги автомойки", 500, 2500, "шт"), ("Шампунь 400 мл", 180, 600, "шт"),
    ("Капучино 0,3", 150, 320, "шт"), ("Круассан", 90, 220, "шт"), ("Нурофен таб. 200 мг", 150, 450, "шт"),
    ("Тетрадь 48 л", 40, 120, "шт"), ("Лампа светодиодная", 90, 400, "шт"), ("Бананы", 90, 180, "кг"),
    ("Огурцы гладкие", 120, 350, "кг"), ("Колбаса докторская", 500, 900, "кг"),
)  # fmt: skip
"""(name, lowest price, highest price, unit): pieces, or a weighed (кг) or measured (л) quantity."""

_FISCAL_DRIVE_MODELS = ("9960440", "9961440", "9282000", "7281440", "9287440", "7380440")


@dataclass(frozen=True, slots=True)
class Person:
    surname: str
    name: str
    patronymic: str

    @property
    def full(self) -> str:
        return f"{self.surname} {self.name} {self.patronymic}"

    @property
    def initials(self) -> str:
        """Как в платёжках: «Иванов И. И.»."""
        return f"{self.surname} {self.name[0]}. {self.patronymic[0]}."

    @property
    def bank_style(self) -> str:
        """How mobile banks hide a client's surname: «Иван Иванович И.»."""
        return f"{self.name} {self.patronymic} {self.surname[0]}."


@dataclass(frozen=True, slots=True)
class Recipient:
    """An organisation, ИП or person paid; ``name`` is exactly how the documents print it."""

    name: str
    inn: str | None
    kpp: str | None
    account: str
    bank: Bank
    address: str


@dataclass(frozen=True, slots=True)
class Item:
    name: str
    unit: str
    quantity: Decimal
    price: Decimal

    @property
    def total(self) -> Decimal:
        return (self.quantity * self.price).quantize(KOPECK, ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Fiscal:
    """The 54-ФЗ requisites of a cash receipt; ``register_number`` (РН ККТ) is a 16-digit look-alike of ФН."""

    drive_number: str
    document_number: str
    sign: str
    register_number: str
    shift: int
    receipt_number: int


def random_digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def random_inn(rng: random.Random, *, individual: bool) -> str:
    """12 digits for a person or ИП, 10 for an organisation; region and tax office first, as real ones."""
    body = rng.choice(_REGIONS) + f"{rng.randint(1, 51):02d}" + random_digits(rng, 6 if individual else 5)
    return body + inn_check_digits(body)


def random_kpp(rng: random.Random, inn: str) -> str:
    """The tax office of the ИНН, reason 01 (head office) or 43 (branch), serial 001."""
    return inn[:4] + rng.choice(("01", "01", "01", "43")) + "001"


def _with_key(account: str, prefix: str) -> str:
    key = account_control_key(account, prefix)
    return account[:8] + str(key) + account[9:]


def random_bank(rng: random.Random) -> Bank:
    """A made-up bank with a BIK and к/с that validate (commercial banks end their BIK in 050–999)."""
    bic = "04" + rng.choice(_BIK_REGIONS) + f"{rng.randint(1, 99):02d}" + f"{rng.randint(50, 999):03d}"
    middle = "00000000" if rng.random() < 0.5 else bic[2:6] + "0000"
    corr = _with_key("30101810" + "0" + middle + bic[6:], "0" + bic[4:6])
    name = rng.choice(_BANK_PATTERNS).format(rng.choice(_BANK_WORDS))
    return Bank(name, bic, corr)


def pick_bank(rng: random.Random) -> Bank:
    return rng.choice(REAL_BANKS) if rng.random() < 0.6 else random_bank(rng)


def random_account(rng: random.Random, bic: str, prefix: str) -> str:
    """A 20-digit account: balance prefix, 810 (roubles), control key, branch and serial."""
    return _with_key(prefix + "810" + "0" + random_digits(rng, 11), bic[6:9])


def random_person(rng: random.Random) -> Person:
    surname = rng.choice(_MALE_SURNAMES)
    first, male_patronymic, female_patronymic = rng.choice(_MALE_NAMES)
    if rng.random() < 0.5:
        return Person(surname, first, male_patronymic)
    return Person(_female_surname(surname), rng.choice(_FEMALE_NAMES), female_patronymic)


def _female_surname(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ёв", "ев", "ин")) else surname


def random_address(rng: random.Random) -> str:
    city, index_head = rng.choice(_CITIES)
    index = index_head + random_digits(rng, 6 - len(index_head))
    return f"{index}, {city}, {rng.choice(_STREETS)}, д. {rng.randint(1, 180)}"


def _org_title(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(_NAME_WORDS)
    return rng.choice(_NAME_HEADS) + rng.choice(_NAME_TAILS)


def _quoted(title: str, rng: random.Random) -> str:
    return f"«{title}»" if rng.random() < 0.75 else f'"{title}"'


def random_organisation(rng: random.Random, *, long_form: bool = False, upper: bool = False) -> Recipient:
    """An ООО/АО/ПАО (10-digit ИНН, КПП, account 40702) or an ИП (12-digit ИНН, no КПП, account 40802)."""
    form = rng.choices([form for form, _ in _LEGAL_FORMS], [weight for _, weight in _LEGAL_FORMS])[0]
    bank = pick_bank(rng)
    if form == "ИП":
        person = random_person(rng)
        name = f"ИП {person.full if long_form else person.initials}"
        inn = random_inn(rng, individual=True)
        kpp = None
        account = random_account(rng, bank.bic, "40802")
    else:
        prefix = _LONG_FORMS[form] if long_form else form
        name = f"{prefix} {_quoted(_org_title(rng), rng)}"
        inn = random_inn(rng, individual=False)
        kpp = random_kpp(rng, inn)
        account = random_account(rng, bank.bic, "40702")
    return Recipient(name.upper() if upper else name, inn, kpp, account, bank, random_address(rng))


def random_individual(rng: random.Random) -> Recipient:
    """A private person paid by requisites: a 40817 account, no ИНН on the document."""
    bank = pick_bank(rng)
    account = random_account(rng, bank.bic, "40817")
    return Recipient(random_person(rng).full, None, None, account, bank, random_address(rng))


def random_moment(rng: random.Random) -> datetime:
    """A moment in 2019–2025, shop hours more likely than the night."""
    start = datetime(2019, 1, 1)
    day = start + timedelta(days=rng.randrange((date(2025, 12, 31) - start.date()).days + 1))
    return day.replace(hour=rng.choice(range(7, 23)), minute=rng.randrange(60), second=rng.randrange(60))


def random_amount(rng: random.Random, low: float = 10, high: float = 500_000) -> Decimal:
    """Log-uniform between ``low`` and ``high``: small payments are common, large ones occur."""
    value = Decimal(str(low * (high / low) ** rng.random())).quantize(KOPECK, ROUND_HALF_UP)
    if rng.random() < 0.4:
        value = value.quantize(Decimal(1), ROUND_HALF_UP)
    return max(Decimal(str(low)), min(value, Decimal(str(high)))).quantize(KOPECK)


def _fill(template: str, rng: random.Random, moment: datetime) -> str:
    earlier = moment - timedelta(days=rng.randint(0, 40))
    return template.format(n=rng.randint(1, 999), d=earlier.strftime("%d.%m.%Y"), y=earlier.year)


def transfer_purpose(rng: random.Random, moment: datetime) -> str:
    return _fill(rng.choice(_TRANSFER_PURPOSES), rng, moment)


def invoice_purpose(rng: random.Random, moment: datetime) -> str:
    return _fill(rng.choice(_INVOICE_PURPOSES), rng, moment)


def invoice_items(rng: random.Random) -> list[Item]:
    """One to four lines whose total stays in 10–500 000 ₽."""
    count = rng.choice((1, 1, 2, 3, 4))
    items = []
    for name, unit in rng.sample(_INVOICE_ITEMS, count):
        quantity = Decimal(rng.choice((1, 1, 1, 2, 3, 5, 10, 12)))
        price = random_amount(rng, 50, 120_000 / count)
        items.append(Item(name, unit, quantity, price))
    return items


def receipt_items(rng: random.Random) -> list[Item]:
    """Shop lines: whole pieces, a weighed 0.356 кг or 32.5 л of fuel, prices with kopecks."""
    items = []
    for name, low, high, unit in rng.sample(_RECEIPT_ITEMS, rng.randint(1, 6)):
        if unit == "кг":
            quantity = Decimal(rng.randint(150, 2500)) / 1000
        elif unit == "л":
            quantity = Decimal(rng.randint(100, 500)) / 10
        else:
            quantity = Decimal(rng.choice((1, 1, 1, 2, 3)))
        price = (Decimal(rng.randint(low * 100, high * 100)) / 100).quantize(KOPECK)
        items.append(Item(name, unit, quantity, price))
    return items


def random_fiscal(rng: random.Random) -> Fiscal:
    drive = rng.choice(_FISCAL_DRIVE_MODELS)
    return Fiscal(
        drive_number=drive + random_digits(rng, 16 - len(drive)),
        document_number=str(rng.randint(1, 250_000)),
        sign=str(rng.randint(10**8, 4_294_967_295)),
        register_number="000" + random_digits(rng, 13),
        shift=rng.randint(1, 400),
        receipt_number=rng.randint(1, 300),
    )


def random_phone(rng: random.Random) -> str:
    return f"+7 (9{random_digits(rng, 2)}) {random_digits(rng, 3)}-{random_digits(rng, 2)}-{random_digits(rng, 2)}"


_ONES = (
    ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"),
    ("", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"),
)
_TEENS = (
    "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать",
    "семнадцать", "восемнадцать", "девятнадцать",
)  # fmt: skip
_TENS = ("", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто")
_HUNDREDS = (
    "", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот",
)  # fmt: skip


def _plural(number: int, one: str, few: str, many: str) -> str:
    if number % 100 in range(11, 20):
        return many
    return {1: one, 2: few, 3: few, 4: few}.get(number % 10, many)


def _triad(number: int, *, feminine: bool) -> list[str]:
    words = [_HUNDREDS[number // 100]]
    tens, ones = divmod(number % 100, 10)
    if tens == 1:
        words.append(_TEENS[ones])
    else:
        words += [_TENS[tens], _ONES[feminine][ones]]
    return [word for word in words if word]


def amount_in_words(amount: Decimal) -> str:
    """«Одна тысяча двести тридцать четыре рубля 56 копеек», as invoices print the total (below a billion)."""
    rubles = int(amount)
    kopecks = int((amount - rubles) * 100)
    millions, rest = divmod(rubles, 1_000_000)
    thousands, units = divmod(rest, 1000)
    words: list[str] = []
    if millions:
        words += [*_triad(millions, feminine=False), _plural(millions, "миллион", "миллиона", "миллионов")]
    if thousands:
        words += [*_triad(thousands, feminine=True), _plural(thousands, "тысяча", "тысячи", "тысяч")]
    words += _triad(units, feminine=False) or ([] if words else ["ноль"])
    text = " ".join(words)
    ruble_word = _plural(rubles, "рубль", "рубля", "рублей")
    kopeck_word = _plural(kopecks, "копейка", "копейки", "копеек")
    return f"{text[0].upper()}{text[1:]} {ruble_word} {kopecks:02d} {kopeck_word}"


_SBP_BANKS = (
    "Сбербанк", "Т-Банк", "Альфа-Банк", "ВТБ", "Газпромбанк", "Райффайзенбанк", "Озон Банк", "Яндекс Банк",
    "Совкомбанк", "Почта Банк", "МТС Банк", "Россельхозбанк", "Банк Точка", "ОТП Банк",
)  # fmt: skip
_TAX_SYSTEMS = ("ОСН", "УСН доход", "УСН доход - расход", "ПСН")


@dataclass(frozen=True, slots=True)
class Transfer:
    """A mobile-bank payment: to a phone number through the СБП (no account shown) or by requisites."""

    by_phone: bool
    recipient: Recipient
    recipient_name: str
    bank_name: str
    phone: str
    payer: Person
    card_tail: str
    amount: Decimal
    moment: datetime
    purpose: str | None
    document_number: str
    operation_id: str


@dataclass(frozen=True, slots=True)
class Invoice:
    """A счёт на оплату or payment notice; the total is what the payer owes."""

    recipient: Recipient
    payer: Recipient
    number: int
    moment: datetime
    items: tuple[Item, ...]
    vat_rate: int | None
    purpose: str
    contract: str

    @property
    def amount(self) -> Decimal:
        return sum((item.total for item in self.items), Decimal("0.00"))

    @property
    def vat(self) -> Decimal:
        return vat_part(self.amount, self.vat_rate)


@dataclass(frozen=True, slots=True)
class Receipt:
    """A retail cash receipt (54-ФЗ); the seller is the recipient."""

    seller: Recipient
    items: tuple[Item, ...]
    moment: datetime
    fiscal: Fiscal
    cashier: Person
    cashless: bool
    tax_system: str
    vat_rate: int | None

    @property
    def amount(self) -> Decimal:
        return sum((item.total for item in self.items), Decimal("0.00"))

    @property
    def vat(self) -> Decimal:
        return vat_part(self.amount, self.vat_rate)


def vat_part(total: Decimal, rate: int | None) -> Decimal:
    """VAT included in ``total`` at ``rate`` percent (Russian prices include it)."""
    if rate is None:
        return Decimal("0.00")
    return (total * rate / (100 + rate)).quantize(KOPECK, ROUND_HALF_UP)


def random_transfer(rng: random.Random) -> Transfer:
    by_phone = rng.random() < 0.45
    moment = random_moment(rng)
    if by_phone:
        recipient = random_individual(rng)
        person_name = random_person(rng).bank_style
        recipient_name, bank_name = person_name, rng.choice(_SBP_BANKS)
        purpose = "Перевод по номеру телефона" if rng.random() < 0.3 else None
    else:
        recipient = random_organisation(rng) if rng.random() < 0.7 else random_individual(rng)
        recipient_name, bank_name = recipient.name, recipient.bank.name
        purpose = transfer_purpose(rng, moment)
    return Transfer(
        by_phone=by_phone,
        recipient=recipient,
        recipient_name=recipient_name,
        bank_name=bank_name,
        phone=random_phone(rng),
        payer=random_person(rng),
        card_tail=random_digits(rng, 4),
        amount=random_amount(rng),
        moment=moment,
        purpose=purpose,
        document_number=random_digits(rng, rng.choice((6, 9, 12))),
        operation_id="A" + random_digits(rng, 4) + "".join(rng.choice("0123456789ABCDEF") for _ in range(27)),
    )


def random_invoice(rng: random.Random, *, long_form: bool = False) -> Invoice:
    moment = random_moment(rng)
    number = rng.randint(1, 999)
    items = tuple(invoice_items(rng))
    vat_rate = rng.choice((20, 20, 10, None))
    if rng.random() < 0.6:
        total = sum((item.total for item in items), Decimal("0.00"))
        vat_note = "НДС не облагается" if vat_rate is None else f"в т.ч. НДС {vat_rate}% {vat_part(total, vat_rate)}"
        purpose = f"Оплата по счёту № {number} от {moment:%d.%m.%Y}, {vat_note}"
    else:
        purpose = invoice_purpose(rng, moment)
    return Invoice(
        recipient=random_organisation(rng, long_form=long_form),
        payer=random_individual(rng) if rng.random() < 0.3 else random_organisation(rng),
        number=number,
        moment=moment,
        items=items,
        vat_rate=vat_rate,
        purpose=purpose,
        contract=f"Договор № {rng.randint(1, 300)}/{moment.year % 100} от {moment - timedelta(days=90):%d.%m.%Y}",
    )


def random_receipt(rng: random.Random) -> Receipt:
    return Receipt(
        seller=random_organisation(rng, upper=rng.random() < 0.5),
        items=tuple(receipt_items(rng)),
        moment=random_moment(rng),
        fiscal=random_fiscal(rng),
        cashier=random_person(rng),
        cashless=rng.random() < 0.7,
        tax_system=rng.choice(_TAX_SYSTEMS),
        vat_rate=rng.choice((20, 10, None)),
    )
