"""The module's own explanations (preprocessing steps, field checks, why a file cannot be read) in the interface's
language; the services' refusals are worded in ``app.web.i18n``.

The module words them in English for logs and API clients; the page shows them to people who may read only Russian.
Its texts are built from a small set of phrases, so each phrase has its Russian here, in the order a longer phrase
must win over a shorter one it contains; a phrase the module adds later stays in English until it is added here
(the test reads the sample's steps and checks in Russian and finds no English word left).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.web.i18n import SERVICE_PHRASES, phrases, translated
from app.web.receipt.payment import FIELDS

_LABELS = {field.name: field.ru for field in FIELDS}


def _decimal_comma(template: str) -> Callable[[re.Match[str]], str]:
    """``template`` filled in with the phrase's measures written as Russian writes them: 0.3 → 0,3, ×1.40 → ×1,40."""
    return lambda match: re.sub(r"(\d)\.(\d)", r"\1,\2", match.expand(template))


_PHRASES: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    # preprocessing steps (model/preprocess)
    (r"turned off", "выключено"),
    (r"no document outline found; kept the whole frame", "контур документа не найден; кадр оставлен целиком"),
    (r"quad covers (\S+) of the frame \(([^)]*)\)", r"документ занимает \1 кадра (\2)"),
    (r"no text to judge orientation by", "нет текста, по которому понять поворот"),
    (
        r"upright: read (\d+)% confident as it is, (\d+) readings",
        r"ровно: прочитано как есть с уверенностью \1%, значений: \2",
    ),
    (r"already upright", "уже ровно"),
    (r"turned (\d+)° back counter-clockwise", r"повёрнуто на \1° против часовой стрелки"),
    (r"OSD found nothing", "OSD ничего не нашёл"),
    (r"OSD unsure \(conf ([\d.]+)\)", _decimal_comma(r"OSD не уверен (уверенность \1)")),
    (r"OSD conf ([\d.]+)", _decimal_comma(r"OSD, уверенность \1")),
    (r"OCR word confidence per assumed turn", "уверенность OCR по словам для каждого поворота"),
    (r"vertical lines", "вертикальные строки"),
    (r"horizontal lines", "горизонтальные строки"),
    (r"line direction unclear", "направление строк неясно"),
    (r"no clear text lines to measure skew on", "нет чётких строк, чтобы измерить наклон"),
    (r"skew ([-+\d.]+)° below ([\d.]+)°", _decimal_comma(r"наклон \1° меньше \2°")),
    (r"levelled text lines tilted ([-+\d.]+)°", _decimal_comma(r"выровнены строки с наклоном \1°")),
    (r"divided by the paper's brightness \((\d+) px closing\)", r"поделено на яркость бумаги (закрытие \1 px)"),
    (r"(\d+) light-grey text lines darkened", r"затемнено светло-серых строк: \1"),
    (r"non-local means", "нелокальное среднее"),
    (r"no text to measure x-height", "нет текста, чтобы измерить высоту строчных"),
    (r"x-height ([\d.]+) px", _decimal_comma(r"высота строчных \1 px")),
    (r"kept size", "размер сохранён"),
    (r"resized ×([\d.]+) to (\d+×\d+)", _decimal_comma(r"масштаб ×\1, до \2")),
    (r"no text to measure a rule's length against", "нет текста, чтобы судить о длине линий"),
    (r"no table's grid", "сетки таблицы нет"),
    (r"the rules of (\d+) table grids painted as paper", r"линии сеток таблиц закрашены цветом бумаги: \1"),
    # field checks (model/resolve.py, app/web/receipt/checks.py)
    (
        r"(\w+) fails its check digits or format",
        lambda m: f"{_LABELS.get(m[1], m[1])}: не сходятся контрольные цифры или формат",
    ),
    (r"perhaps (\S+)", r"возможно, \1"),
    (
        r"is the only single OCR confusion that passes",
        "— единственная замена одного символа, спутанного OCR, которая проходит проверку",
    ),
    # a БИК and its account repaired from the directory (model/bank_check.py)
    (r"read (\d+); ", r"прочитано \1; "),
    (
        r"the Bank of Russia's БИК directory of (\S+) does not list it; (\d+) is the only БИК one OCR confusion from it"
        r" that it lists beside the account read or one confusion from it",
        r"его нет в справочнике БИК Банка России на \1; \2 — единственный БИК в одной ошибке OCR от прочитанного,"
        r" который справочник указывает с прочитанным счётом или счётом в одной ошибке от него",
    ),
    (
        r"(\d+), one OCR confusion from it, is the account the Bank of Russia's БИК directory of (\S+) lists for the"
        r" БИК (\d+) repaired",
        r"\1 (одна ошибка OCR от прочитанного) — счёт, который справочник БИК Банка России на \2 указывает для"
        r" исправленного БИК \3",
    ),
    (
        r"the Bank of Russia's БИК directory of (\S+) lists it for the БИК (\d+), a repair of the БИК read",
        r"справочник БИК Банка России на \1 указывает его для БИК \2, исправленного из прочитанного",
    ),
    (r"compare it with the document", "сверьте с документом"),
    (r"read (\S+), which", r"прочитано \1, что"),
    (r"read (\S+) \((\d+) digits\)", r"прочитано \1 (\2 цифр)"),
    (r"left empty: only the QR can say which", "поле оставлено пустым: только QR может сказать, какое верно"),
    (r"check digits match", "контрольные цифры сходятся"),
    (r"fails its check digits", "не сходятся контрольные цифры"),
    (r"well formed; nothing on the page confirms its digits", "формат верный; ничто на странице не подтверждает цифры"),
    (r"not a КПП's shape", "не похоже на КПП"),
    (
        r"the shape of a bank's or a Bank of Russia division's \(04…\) БИК",
        "формат БИК банка или подразделения Банка России (04…)",
    ),
    (r"the shape of a treasury office's \(00–02…\) БИК", "формат БИК органа Федерального казначейства (00–02…)"),
    (r"the shape of a foreign bank's \(10…\) БИК", "формат БИК иностранного банка (10…)"),
    (r"the shape of a Bank of Russia client's \(2…\) БИК", "формат БИК клиента Банка России (2…)"),
    (r"no к/с confirms its digits", "нет к/с, чтобы подтвердить цифры"),
    (
        r"starts as no БИК the Bank of Russia issues \(04 banks, 00–02 treasury offices, 10 foreign banks, 2… its"
        r" other clients\)",
        "так не начинается ни один БИК Банка России (04 — банки, 00–02 — органы казначейства, 10 — иностранные банки,"
        " 2… — прочие клиенты)",
    ),
    (
        r"a correspondent account's shape \(301…, or a treasury office's ЕКС 40102…\); no БИК to check its key against",
        "формат к/с (301…) или ЕКС казначейства (40102…); нет БИК, чтобы проверить ключ",
    ),
    (r"not a correspondent account \(301…\) nor a ЕКС \(40102…\)", "не к/с (301…) и не ЕКС (40102…)"),
    (r"or is a template's zeros", "или это нули из бланка"),
    (
        r"is all zeros: a blank template's placeholder, which no bank issues",
        "— одни нули: заполнитель из пустого бланка, такого счёта банк не открывает",
    ),
    (
        r"a казначейский счёт \(03…\): it carries no control key, so nothing on the page confirms its digits",
        "казначейский счёт (03…): контрольного ключа у него нет, цифры ничто на странице не подтверждает",
    ),
    (r"not a казначейский счёт \(03…, 20 digits\)", "не казначейский счёт (03…, 20 цифр)"),
    (
        r"a ЕКС \(40102…\) whose key matches the Bank of Russia division of the БИК (\d+) \(digits 5–6\)",
        r"ЕКС (40102…): ключ сходится с подразделением Банка России в БИК \1 (5–6-я цифры)",
    ),
    (
        r"is not a ЕКС \(40102…\) that fits the БИК (\d+): a treasury office has no к/с",
        r"не ЕКС (40102…) для БИК \1: у органа казначейства нет к/с",
    ),
    (
        r"no key rule ties an account to the БИК (\d+); nothing confirms its digits",
        r"ни одно правило ключа не связывает счёт с БИК \1; цифры ничто не подтверждает",
    ),
    (r"no БИК or к/с to check its key against", "нет БИК или к/с, чтобы проверить ключ"),
    (r"not 20 digits", "не 20 цифр"),
    (
        r"a plausible date; no rule can tell which of the page's dates it is",
        "правдоподобная дата; правила не скажут, какая это из дат на странице",
    ),
    (
        r"16 digits with a known drive prefix; only the receipt's QR can confirm the rest",
        "16 цифр с известным префиксом ФН; остальное подтвердит только QR чека",
    ),
    (
        r"a 32-bit number as fiscal numbers are; only the receipt's QR can confirm it",
        "32-битное число, как фискальные номера; подтвердит только QR чека",
    ),
    (
        r"the к/с confirms its last five digits; nothing on the page confirms its region code \(digits 3–4\)",
        "к/с подтверждает последние пять цифр; код региона (3–4-я цифры) ничто на странице не подтверждает",
    ),
    # why a value its check digits or key passed is not verified (model/resolve.py): longer phrases first
    (
        r", but nothing confirms the БИК (\d+) it passes with, neither a к/с read that fits it nor the Bank of "
        r"Russia's БИК directory of ([\d-]+), which does not list it \(a misread БИК is mostly no bank's\)",
        r", но БИК \1, с которым он сходится, ничто не подтверждает: ни подходящий к/с, ни справочник БИК Банка "
        r"России на \2, где его нет (неверно прочитанный БИК чаще всего ничей)",
    ),
    (
        r", but nothing confirms the БИК (\d+) it passes with, neither a к/с read that fits it nor the Bank of "
        r"Russia's БИК directory of ([\d-]+)",
        r", но БИК \1, с которым он сходится, ничто не подтверждает: ни подходящий к/с, ни справочник БИК Банка "
        r"России на \2",
    ),
    (
        r", but the bank code it passes with is the last three digits of the к/с (\d+), which nothing confirms",
        r", но код банка, с которым он сходится, — последние три цифры к/с \1, а их ничто не подтверждает",
    ),
    (
        r", but its digits 6–8, (\d+), are not the rouble's (\d+): a misread currency code",
        r", но его 6–8-я цифры, \1, не рублёвые \2: код валюты прочитан неверно",
    ),
    (
        r", but the к/с read with it, (\d+), fails that БИК: the page's bank digits are misread",
        r", но прочитанный с ним к/с \1 не подходит к этому БИК: цифры банка на странице прочитаны неверно",
    ),
    (
        r", but the OCR read its digits unsure \((\d+)% confident, on a page read (\d+)% confident\)",
        r", но OCR прочитал его цифры неуверенно (\1%, страница прочитана с уверенностью \2%)",
    ),
    (
        r", but OCR also read the number as (.+?), which differs in its last digits: the page is unsure of them",
        r", но OCR прочитал номер и как \1, а это расходится в последних цифрах: страница в них не уверена",
    ),
    (r", and a key passes one misreading in ten", ", а ключ пропускает одну ошибку чтения из десяти"),
    (
        r", and a check digit passes about one misreading in ten",
        ", а контрольная цифра пропускает примерно одну ошибку чтения из десяти",
    ),
    (r"does not fit the к/с", "не подходит к к/с"),
    (r"does not fit the БИК (\d+)", r"не подходит к БИК \1"),
    (r"its key matches the БИК (\d+)", r"ключ сходится с БИК \1"),
    (r"its key matches the bank code the к/с ends with", "ключ сходится с кодом банка в конце к/с"),
    (
        r"its tax office \(digits 1–4\) is the one that issued the ИНН; nothing on the page confirms digits 5–9",
        "налоговая (1–4-я цифры) та же, что выдала ИНН; 5–9-ю цифры ничто на странице не подтверждает",
    ),
    (
        r"left out: the ИНН has 12 digits \(an individual entrepreneur\), who has no КПП; it is another party's",
        "не взят: ИНН из 12 цифр (ИП), у ИП нет КПП; этот КПП чужой",
    ),
    # why a file cannot be read (model/documents.py, model/sandbox.py); the services' words are app.web.i18n's
    (r"the file is empty \(0 bytes\)", "файл пуст (0 байт)"),
    (
        r"not an image or PDF \(accepted: ([^)]*)\); the file starts with",
        r"это не изображение и не PDF (принимаются: \1); начало файла:",
    ),
    (
        r"the image is (\d+×\d+) px \((\d+) MP\); the limit is (\d+) MP",
        r"изображение \1 px (\2 Мп), а можно не больше \3 Мп",
    ),
    (
        r"the (\w+) image is refused as a possible decompression bomb",
        r"изображение \1 отклонено: похоже на «бомбу» при распаковке",
    ),
    (
        r"the (\w+) image is damaged or truncated and cannot be decoded",
        r"изображение \1 повреждено или обрезано, его не прочесть",
    ),
    (
        r"the image is only (\d+×\d+) px; a receipt needs at least a few hundred",
        r"изображение всего \1 px, а для чека нужно хотя бы несколько сотен",
    ),
    (
        r"the PDF is damaged or password-protected and cannot be opened",
        "PDF повреждён или защищён паролем, его не открыть",
    ),
    (r"the PDF has no pages", "в PDF нет страниц"),
    (r"a page of the PDF cannot be rendered", "страницу PDF не удалось отрисовать"),
    (r"the preview could not be drawn", "не удалось нарисовать предпросмотр"),
    (  # app/web/decodes.py
        r"the server is decoding (\d+) other document\(s\) and none finished within ([\d.]+) s; the file is not at "
        r"fault, try again in a few seconds",
        r"сервер уже читает другие документы (\1), и ни один не закончился за \2 с; файл ни при чём, "
        r"попробуйте ещё раз через несколько секунд",
    ),
    (r"decoding the file was stopped: it", "чтение файла остановлено:"),
    (r"needed more than (\d+) MB", r"понадобилось больше \1 МБ"),
    (r"was still running after ([\d.]+) s", r"работа шла дольше \1 с"),
    (r"used more than ([\d.]+) s of processor time", r"ушло больше \1 с процессорного времени"),
    (
        r"crashed the decoder \(([^)]*)\), most often a sign of going past",
        r"декодер упал (\1), обычно от превышения предела:",
    ),
    (
        r"\(a receipt needs a fraction of ([\d.]+) s and (\d+) MB\); is it a PDF built to be expensive\?",
        r"(чеку хватает доли от \1 с и \2 МБ); не собран ли этот PDF нарочно тяжёлым?",
    ),
    # a person's check refused (person_checks.py, routes/checking.py)
    (r"no field '(\w+)' among a receipt's details", r"среди реквизитов чека нет поля «\1»"),
    (
        r"the form does not say which result \(processed_id\) to update",
        "форма не говорит, какой результат (processed_id) обновить",
    ),
    (r"(\w+): nothing to check, it is empty", lambda m: f"{_LABELS.get(m[1], m[1])}: сверять нечего, поле пусто"),
    (
        r"(\w+): nothing to check, its check is (\w+): only a repaired value is checked by a person",
        lambda m: (
            f"{_LABELS.get(m[1], m[1])}: сверять нечего, статус проверки — {m[2]}; человек сверяет только "
            "исправленные значения"
        ),
    ),
    # the БИК directory (model/bank_check.py)
    (r"not in the Bank of Russia's БИК directory of (\S+)", r"нет в справочнике БИК Банка России на \1"),
    (r"the Bank of Russia's БИК directory of (\S+) lists (\d+) as", r"справочник БИК Банка России на \1: \2 —"),
    (
        r"the Bank of Russia's БИК directory of (\S+) lists it for БИК (\d+)",
        r"справочник БИК Банка России на \1 даёт его для БИК \2",
    ),
    (r"the Bank of Russia's БИК directory of (\S+) names БИК (\d+)", r"справочник БИК Банка России на \1: БИК \2 —"),
    (r"the к/с and bank name read agree", "прочитанные к/с и название банка совпадают"),
    (r"the к/с read agrees", "прочитанный к/с совпадает"),
    (r"the bank name read agrees", "прочитанное название банка совпадает"),
    (r"shown without the marks OCR added \(read «", "показано без знаков, добавленных при распознавании (прочитано «"),
    (r"not the к/с (\d+) read", r"а не прочитанный к/с \1"),
    (r"no к/с read", "к/с не прочитан"),
    (r"not «", "а не «"),
    (r"no rule can confirm it", "ни одно правило не может это подтвердить"),
    (r"other sources read", "другие источники прочитали"),
    (r"(\w+) and ([\w, ]+) read the same", r"\1 и \2 прочитали одно и то же"),
)
_COMPILED = phrases(_PHRASES)


def explained(text: object, language: str) -> str:
    """``text`` (a step's or a check's detail, a refusal) in ``language``: Russian phrase by phrase (the module's, then
    the services'), else as it was said."""
    return translated(translated(text, language, _COMPILED), language, SERVICE_PHRASES)
