"""Write frontend/locales/ru/LC_MESSAGES/messages.po from the template catalog and the Russian texts below.

Run after ``make translations`` extracted new strings: a string without a Russian text here fails the run, so a new
UI string cannot ship untranslated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALES = Path(__file__).resolve().parents[1] / "locales"

RU = {
    "The last hour, minute by minute:": "Последний час, поминутно:",
    "The last hour, minute by minute: calls as bars (at most %(calls)s a minute), p50 and p95 latency as lines "
    "(up to %(top)s ms)": (
        "Последний час, поминутно: вызовы столбцами (до %(calls)s в минуту), задержка p50 и p95 линиями (до %(top)s мс)"
    ),
    "calls": "вызовы",
    "Nothing here": "Здесь ничего нет",
    "This address leads nowhere. Go back to the start page.": "По этому адресу ничего нет. Вернитесь на главную.",
    "Start page": "На главную",
    "Send a smaller file: a photo or a scan of the document is enough.": (
        "Отправьте файл поменьше: достаточно фото или скана документа."
    ),
    "Something is missing from the form": "В форме чего-то не хватает",
    "Check the form and send it again.": "Проверьте форму и отправьте её снова.",
    "The service is busy or unavailable": "Сервис занят или недоступен",
    "The server is too busy right now": "Сервер сейчас перегружен",
    "Try again in a minute.": "Попробуйте снова через минуту.",
    "errors": "ошибки",
    "After": "После",
    "Applied": "Применён",
    "Ask the gallery's administrator to add you to one of these groups:": (
        "Попросите администратора галереи добавить вас в одну из этих групп:"
    ),
    "Back to the history": "Назад к истории",
    "Back to the receipt": "Назад к чеку",
    "Not saved": "Не сохранено",
    "Before": "До",
    "Calls": "Вызовы",
    "Choose a photo first": "Сначала выберите фото",
    "Choose a photo or drop it here": "Выберите фото или перетащите его сюда",
    "Choose a photo or scan of the receipt (JPEG, PNG, WebP, HEIC) or a PDF.": (
        "Выберите фото или скан чека (JPEG, PNG, WebP, HEIC) или PDF."
    ),
    "Copy": "Копировать",
    "Copy %(label)s": "Копировать %(label)s",
    "Download": "Скачать",
    "Download CSV": "Скачать CSV",
    "Download JSON": "Скачать JSON",
    "Error rate": "Доля ошибок",
    "Errors": "Ошибки",
    "Even the light": "Выравнивание освещения",
    "File": "Файл",
    "Files up to 25 MB are accepted. A phone photo or a scan at 300 dpi is well below that.": (
        "Принимаются файлы до 25 МБ. Фото с телефона или скан 300 dpi намного меньше."
    ),
    "Fill in %(fields)s to make the payment QR.": "Заполните %(fields)s, чтобы получить QR-код для оплаты.",
    "Find the document": "Поиск документа",
    "First call": "Первый вызов",
    "GOST R 56042-2014: scan it in a banking app to pay. It follows your edits.": (
        "ГОСТ Р 56042-2014: отсканируйте его в банковском приложении, чтобы оплатить. Учитывает ваши правки."
    ),
    "History": "История",
    "Language": "Язык",
    "Last call": "Последний вызов",
    "Latency p50, p95 and p99 per window; the tallest bar is %(top)s ms": (
        "Задержка p50, p95 и p99 по окнам; самый высокий столбец — %(top)s мс"
    ),
    "Level the lines": "Выравнивание строк",
    "Main": "Главное меню",
    "Model": "Модель",
    "Save to history": "Сохранить в историю",
    "Saved.": "Сохранено.",
    "Saved: %(label)s checked by you.": "Сохранено: %(label)s проверено вами.",
    "Saved: your check of %(label)s is taken back.": "Сохранено: ваша проверка поля %(label)s отменена.",
    "checked by you": "проверено вами",
    "Matches the document": "Совпадает с документом",
    "%(label)s matches the document": "%(label)s совпадает с документом",
    "Not saved: this value is no longer one to check (it was edited, or a rule decides it). Reload the page.": (
        "Не сохранено: это значение больше не нужно проверять (его изменили или его проверяет правило). "
        "Обновите страницу."
    ),
    "Not saved: the form names a field the details do not have. Reload the page.": (
        "Не сохранено: в форме указано поле, которого нет в реквизитах. Обновите страницу."
    ),
    "Not saved: this result is no longer stored (deleted or replaced). Reload the page.": (
        "Не сохранено: этого результата больше нет в хранилище (удалён или заменён). Обновите страницу."
    ),
    "Not saved: the form does not say which result to update. Reload the page and try again.": (
        "Не сохранено: в форме не указано, какой результат обновить. Обновите страницу и повторите."
    ),
    "Not saved: storage is not answering. Try again in a moment.": (
        "Не сохранено: хранилище не отвечает. Повторите попытку чуть позже."
    ),
    "ms": "мс",
    "/s": "/с",
    "min": "мин",
    "latency, the tallest bar %(top)s ms": "задержка, самый высокий столбец — %(top)s мс",
    "To fill in for the payment QR: %(fields)s": "Заполнить для QR-кода оплаты: %(fields)s",
    "This runtime does not serve this model.": "Эта модель здесь не обслуживается.",
    "Model stats": "Статистика моделей",
    "No access": "Нет доступа",
    "No models to show.": "Нет моделей для показа.",
    "No preview for this file type.": "Для этого типа файла нет превью.",
    "No receipts yet.": "Чеков пока нет.",
    "Nothing is lost: your photo is still here. Try again in a moment.": (
        "Ничего не потеряно: фото по-прежнему здесь. Повторите попытку чуть позже."
    ),
    "Payment QR": "QR-код для оплаты",
    "Payment details": "Реквизиты платежа",
    "Payment details from a photo of a receipt": "Реквизиты платежа по фото чека",
    "Preprocessing": "Предобработка",
    "Read a receipt": "Распознать чек",
    "Read by %(model)s. Check the values, correct them where needed: the QR and the downloads use what the form "
    "shows.": (
        "Распознано моделью %(model)s. Проверьте значения и исправьте, где нужно: QR-код и выгрузки берут то, "
        "что показано в форме."
    ),
    "Read the receipt": "Распознать",
    "Read your first one": "Распознайте первый",
    "Reading the receipt…": "Распознаём чек…",
    "Receipt": "Чек",
    "Result": "Результат",
    "Run": "Запустить",
    "Run a model": "Запуск модели",
    "Outputs of %(model)s.": "Выходы модели %(model)s.",
    "Reload the page and try again.": "Обновите страницу и попробуйте ещё раз.",
    "Remove noise": "Удаление шума",
    "Scale for reading": "Масштабирование",
    "Erase table rules": "Линии таблиц",
    "Sign in": "Войти",
    "Sign out": "Выйти",
    "Sign-in did not complete": "Вход не завершён",
    "Sign-in is unavailable": "Вход недоступен",
    "Size": "Размер",
    "Skip to content": "К содержимому",
    "Something went wrong": "Что-то пошло не так",
    "Stats": "Статистика",
    "Status": "Статус",
    "Step": "Шаг",
    "Steps, %(ms)s ms in all": "Шаги, всего %(ms)s мс",
    "Storage is not answering right now": "Хранилище сейчас не отвечает",
    "Stored after the reading.": "Сохраняется после распознавания.",
    "Take a photo of a Russian receipt, invoice or bank transfer: the app reads the recipient, ИНН, БИК, accounts "
    "and amount, checks every number against its check digits and makes a payment QR for your banking app.": (
        "Сфотографируйте чек, счёт или квитанцию о переводе: приложение прочитает получателя, ИНН, БИК, счета и "
        "сумму, проверит каждый номер по контрольным цифрам и сделает QR-код для оплаты в банковском приложении."
    ),
    "The file is too large": "Файл слишком большой",
    "The identity provider is not answering. Try again in a minute.": (
        "Сервер входа не отвечает. Попробуйте через минуту."
    ),
    "The module API is not answering; the figures will come back when it does.": (
        "API модели не отвечает; цифры появятся, когда он вернётся."
    ),
    "The photo after preprocessing": "Фото после предобработки",
    "The photo as uploaded": "Фото в том виде, как загружено",
    "The reading service is not answering right now": "Сервис распознавания сейчас не отвечает",
    "The result could not be saved to your history (storage is not answering); the details below are still yours "
    "to use.": ("Результат не удалось сохранить в историю (хранилище не отвечает); реквизиты ниже можно использовать."),
    "The service refused the request": "Сервис отклонил запрос",
    "The sign-in was cancelled or has expired. Please sign in again.": ("Вход отменён или устарел. Войдите ещё раз."),
    "This file is not a photo we can read": "Этот файл не похож на фото, которое можно распознать",
    "This form has expired": "Форма устарела",
    "This receipt was not found": "Чек не найден",
    "Throughput": "Пропускная способность",
    "Time": "Время",
    "Try again": "Повторить",
    "Turn upright": "Поворот",
    "Upload": "Загрузить",
    "Uploaded": "Загружен",
    "Version": "Версия",
    "Versions served": "Обслуживаемые версии",
    "What happened": "Что сделано",
    "Window": "Окно",
    "You are signed in as %(name)s, but your account is not in a group that may use the receipt models.": (
        "Вы вошли как %(name)s, но ваша учётная запись не состоит в группе, которой разрешены модели распознавания."
    ),
    "Your photo is stored. Try again in a moment.": "Фото сохранено. Повторите попытку чуть позже.",
    "Your receipts": "Ваши чеки",
    "edited": "изменено",
    "model": "модель",
    "no": "нет",
    "not read yet": "ещё не распознан",
    "read": "распознан",
    "yes": "да",
    "checked": "проверено",
    "corrected, look": "исправлено, посмотрите",
    "wrong": "ошибка",
    "not checked": "не проверено",
    "Summary": "Итог",
    "Recipient not read": "Получатель не прочитан",
    "Fields to check: %(count)s": "Проверьте полей: %(count)s",
    "A paid receipt": "Оплаченный чек",
    "No field fails its check": "Проверки не нашли ошибок",
    "Receipt check": "Проверка чека",
    "Download PNG": "Скачать PNG",
    "Share": "Поделиться",
    "No payment QR while %(fields)s fails its check: correct it, and the QR appears.": (
        "QR-кода для оплаты не будет, пока %(fields)s не проходит проверку: исправьте, и он появится."
    ),
    "This receipt is already paid, so there is no payment QR. The tax service can confirm the receipt is genuine.": (
        "Этот чек уже оплачен, поэтому QR-кода для оплаты нет. Подлинность чека можно проверить в ФНС."
    ),
    "Total": "Итог",
    "Date": "Дата",
    "Search": "Поиск",
    "Show more (%(shown)s of %(total)s shown)": "Показать ещё (показано %(shown)s из %(total)s)",
    "JPEG, PNG, WebP, HEIC or PDF, up to 25 MB.": "JPEG, PNG, WebP, HEIC или PDF, до 25 МБ.",
    "Take a photo": "Сфотографировать",
    "Choose a file": "Выбрать файл",
    "Uploading": "Загрузка",
    "Preparing the photo…": "Подготовка фото…",
    "Reading and checking the details…": "Распознаём и проверяем реквизиты…",
    "Recipient, ИНН, amount, date": "Получатель, ИНН, сумма, дата",
    "No receipt matches “%(query)s”.": "Нет квитанций по запросу «%(query)s».",
    "Photo": "Фото",
    "Recipient": "Получатель",
    "Amount": "Сумма",
    "Delete": "Удалить",
    "confirmed": "подтверждён",
    "To check: %(count)s": "Проверить: %(count)s",
    "Delete this receipt and its reading?": "Удалить эту квитанцию и её распознавание?",
    "Delete %(name)s": "Удалить «%(name)s»",
    "Check it at the tax service": "Проверить в ФНС",
    "Fill in ФН, ФД and ФП to check it at the tax service.": "Заполните ФН, ФД и ФП, чтобы проверить чек в ФНС.",
    "The file is too large: up to 25 MB. Choose another file.": "Файл слишком большой: до 25 МБ. Выберите другой файл.",
    "This file is not a photo or a PDF. Choose another file.": "Это не фото и не PDF. Выберите другой файл.",
    "Choose another file": "Выбрать другой файл",
    "Technical detail": "Техническая подробность",
    "This photo is hard to read": "Это фото трудно прочитать",
    "Most details could not be read reliably. Another photo will do better than correcting them by hand: lay the "
    "document flat, in good light, with the whole page in the frame.": (
        "Большую часть реквизитов не удалось уверенно прочитать. Новое фото поможет лучше, чем исправления вручную: "
        "положите документ ровно, при хорошем свете, чтобы в кадр попала вся страница."
    ),
    "Take another photo": "Сделать другое фото",
    "Hard to read: take another photo": "Плохо читается: сделайте другое фото",
    "Not a payment document": "Это не платёжный документ",
    "This is a statement, not a payment document: an account's operations, a debt or a balance, or a "
    "reconciliation. It lists many sums and none of them is the payment. Upload the receipt, bill or payment order "
    "of the one payment you need.": (
        "Это выписка по счёту, справка о задолженности или об остатке, акт сверки, а не платёжный документ: в нём "
        "много сумм, и ни одна из них не платёж. Загрузите чек, счёт или платёжное поручение нужного платежа."
    ),
    "Nothing was read in time": "Не успели ничего прочитать",
    "The reading stopped at its time limit before it found any details, most likely because the service was busy. "
    "Your photo is stored: try again in a moment.": (
        "Чтение остановилось по лимиту времени, не найдя ни одного реквизита: скорее всего, сервис был занят. Фото "
        "сохранено: попробуйте ещё раз чуть позже."
    ),
    "No payment details found": "Платёжные реквизиты не найдены",
    "The document was read, but it shows no recipient, amount or account to pay. Upload a receipt, an invoice or a "
    "bank transfer confirmation.": (
        "Документ прочитан, но в нём нет ни получателя, ни суммы, ни счёта для оплаты. Загрузите чек, счёт на оплату "
        "или подтверждение перевода."
    ),
    "No payment details were read": "Платёжные реквизиты не прочитаны",
    "Upload another document": "Загрузить другой документ",
    "The photo, with the place the chosen field was read marked": "Фото, на котором отмечено, где прочитано поле",
    "Choose a field to see where on the photo it was read.": "Выберите поле, чтобы увидеть, где на фото оно прочитано.",
    "Confirmed": "Подтверждено",
    # The monitoring pages (admins)
    "Monitoring": "Мониторинг",
    "Requests": "Запросы",
    "Publications": "Публикации",
    "Service logs": "Журналы сервисов",
    "The module API could not answer:": "API модуля не смог ответить:",
    "From the shared store: every replica's entries.": "Из общего хранилища: записи всех реплик.",
    "From one runtime's memory: only the replica that answered. Set RECEIPT_MONITORING_STORE to see every replica.": (
        "Из памяти одного рантайма: только ответившая реплика. Задайте RECEIPT_MONITORING_STORE, чтобы видеть все."
    ),
    "User": "Пользователь",
    "any": "любой",
    "errors (not 200)": "ошибки (не 200)",
    "Show": "Показать",
    "Filter": "Отобрать",
    "Served by:": "Ответили реплики:",
    "Latency": "Задержка",
    "Replica": "Реплика",
    "Payload (redacted)": "Запрос (без личных данных)",
    "No requests match.": "Подходящих запросов нет.",
    "Show more": "Показать больше",
    "Event": "Событие",
    "Image (git tag)": "Образ (git-тег)",
    "By": "Кто",
    "loaded": "загружена",
    "switched to": "переключено на",
    "rolled back to": "откат на",
    "unloaded": "выгружена",
    "was": "была",
    "No publication events yet.": "Событий публикации пока нет.",
    "Service": "Сервис",
    "From level": "Уровень от",
    "This web app's own lines, from its memory: no shared store is set.": (
        "Строки самого веб-приложения из его памяти: общее хранилище не задано."
    ),
    "The file service keeps its lines in the shared store only; without one they are in its JSON log on stdout.": (
        "Файловый сервис хранит строки только в общем хранилище; без него они в его JSON-журнале в stdout."
    ),
    "Level": "Уровень",
    "Message": "Сообщение",
    "Logger": "Логгер",
    "Traceback": "Трассировка",
    "No log lines.": "Строк журнала нет.",
    "Admins only": "Только для администраторов",
    "You are signed in as %(name)s, but the monitoring pages are for the platform's admins.": (
        "Вы вошли как %(name)s, но страницы мониторинга доступны только администраторам платформы."
    ),
    "An administrator is a member of one of these groups:": "Администратор — участник одной из этих групп:",
    "The API manifest names no admin groups, so nobody may browse them.": (
        "В манифесте API не названы группы администраторов, поэтому их не видит никто."
    ),
    "Your results": "Ваши результаты",
    "No results yet.": "Результатов пока нет.",
    "Run a model on a file": "Запустить модель на файле",
    "Preview": "Превью",
    "done": "готово",
    "failed": "ошибка",
    "stored": "сохранён",
    "Delete this file and its result?": "Удалить этот файл и его результат?",
    "The newest %(shown)s of %(total)s files.": "Показаны последние %(shown)s; всего файлов: %(total)s.",
    "The model cannot use this file": "Модель не может обработать этот файл",
    "Choose a file of a type it takes; the detail below says what it found.": (
        "Выберите файл того типа, который она принимает; ниже подробно сказано, что в нём оказалось."
    ),
    "Choose a smaller file.": "Выберите файл поменьше.",
    "Try again in a moment.": "Попробуйте ещё раз через минуту.",
    "The model is not answering right now": "Модель сейчас не отвечает",
    "Your file is stored: open it from your results later.": "Файл сохранён: откройте его позже из ваших результатов.",
    "This file is not among yours": "Среди ваших файлов такого нет",
    "Back to your results": "Назад к результатам",
    "Summed over every replica by Prometheus; replicas reporting: %(count)s.": (
        "Сумма по всем репликам из Prometheus; реплик в отчёте: %(count)s."
    ),
    "From the one runtime process that answered: Prometheus, which sums every replica, did not answer.": (
        "Только из ответившего процесса среды выполнения: Prometheus, который суммирует все реплики, не ответил."
    ),
    "From the one runtime process that answered: with several replicas these are its calls only.": (
        "Только из ответившего процесса среды выполнения: при нескольких репликах это лишь его вызовы."
    ),
}


def main() -> int:
    with (LOCALES / "messages.pot").open("rb") as source:
        catalog = read_po(source, locale="ru")
    catalog.project, catalog.version, catalog.fuzzy = "receipt-extractor web", "1", False
    catalog.copyright_holder = "receipt-extractor authors"
    missing = []
    for message in catalog:
        if not message.id:
            continue
        text = RU.get(str(message.id))
        if text is None:
            missing.append(str(message.id))
        message.string = text or ""
    if missing:
        sys.stderr.write("no Russian text for:\n" + "\n".join(missing) + "\n")
        return 1
    target = LOCALES / "ru" / "LC_MESSAGES" / "messages.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        write_po(out, catalog, omit_header=False, sort_output=True, width=120)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
