// The stand-in's HTML: plain pages with Keycloak's element ids and texts, so browser tests written against it also
// run against a real Keycloak (#kc-form-login, #username, #password, #kc-login, #input-error, #kc-error-message).

export function escape(value) {
  return String(value ?? '').replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"PT Sans",sans-serif;color:#1b1f24;
background:#f3f5f7;margin:0;line-height:1.45}
main{max-width:24rem;margin:2rem auto;padding:1.25rem;background:#fff;border:1px solid #d5dae0;border-radius:.5rem}
.brand{display:flex;align-items:center;gap:.75rem;font-weight:700;font-size:1.1rem}
.brand svg{width:2.5rem;height:2.5rem;flex:none}
h1{font-size:1.3rem}
label{display:block;margin-top:1rem;font-weight:600}
input[type=text],input[type=password]{width:100%;padding:.6rem;box-sizing:border-box;font:inherit;border:1px solid #d5dae0;
border-radius:.3rem;min-height:44px}
input[type=submit],button{margin-top:1.5rem;padding:.6rem 1rem;font:inherit;min-height:44px;border-radius:.4rem;
border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer;width:100%}
.hint{color:#5b6470;font-size:.9rem}
#input-error,#kc-error-message{color:#b3261e}
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}`;

/** The web app's mark (frontend/static/web/brand.svg), inline: the page may load nothing from elsewhere. */
const MARK = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" aria-hidden="true">
<rect width="64" height="64" rx="14" fill="#0b5cad"/><path d="M17 10h30v42l-5-4-5 4-5-4-5 4-5-4-5 4z" fill="#fff"/>
<path d="M22 19h20M22 26h20M22 33h12" stroke="#0b5cad" stroke-width="3.5" stroke-linecap="round"/>
<circle cx="45" cy="44" r="11" fill="#13703a" stroke="#fff" stroke-width="3"/>
<path d="M39.5 44.5l4 4 7-8" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

/** The project's name above every page, by language ('' for any other): the launcher passes the manifests' display
 * name and its translations (--brand, --brand-translation); none shows the mark alone. */
const BRANDS = new Map();

export function setBrand(text, language = '') {
  BRANDS.set(language, text);
}

/** The mark as the tab's icon, in the page itself: a browser asks for /favicon.ico otherwise, and gets a 404. */
const ICON = `data:image/svg+xml,${encodeURIComponent(MARK)}`;

/** The pages' words; the web app asks for its person's language with ``ui_locales``, else Accept-Language picks. */
const TEXT = {
  en: {
    title: 'Sign in to your account', username: 'Username or email', password: 'Password',
    signIn: 'Sign In', invalid: 'Invalid username or password.', error: 'We are sorry…', logoutTitle: 'Logging out',
    logoutAsk: 'Do you want to log out?', logout: 'Logout', loggedOut: 'You are logged out',
  },
  ru: {
    title: 'Вход в учётную запись', username: 'Имя пользователя или email',
    password: 'Пароль', signIn: 'Войти', invalid: 'Неверное имя пользователя или пароль.', error: 'Что-то пошло не так…',
    logoutTitle: 'Выход', logoutAsk: 'Выйти из учётной записи?', logout: 'Выйти', loggedOut: 'Вы вышли из учётной записи',
  },
};

/** The first of ``ui_locales`` (space-separated) the pages speak, else Accept-Language's best by q, else English. */
export function pickLanguage(uiLocales, acceptLanguage) {
  const spoken = (tag) => tag.trim().toLowerCase().split('-')[0];
  for (const tag of String(uiLocales ?? '').split(/\s+/)) if (spoken(tag) in TEXT) return spoken(tag);
  const ranked = String(acceptLanguage ?? '').split(',').map((part) => {
    const [tag, ...params] = part.split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { tag: spoken(tag), q: q ? Number(q.slice(2)) : 1 };
  }).filter(({ tag, q }) => tag in TEXT && q > 0).sort((a, b) => b.q - a.q);
  return ranked.length ? ranked[0].tag : 'en';
}

function page(title, body, language = 'en') {
  const brand = BRANDS.get(language) ?? BRANDS.get('') ?? '';
  return `<!DOCTYPE html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><link rel="icon" href="${ICON}"><style>${STYLE}</style></head>
<body><main><div class="brand" data-testid="brand">${MARK}<span>${escape(brand)}</span></div>${body}</main></body></html>`;
}

/** The username/password form; after a failed attempt it keeps the username and says why, as Keycloak does. */
export function loginPage(realmName, clientName, { username = '', invalid = false, language = 'en' } = {}) {
  const text = TEXT[language] ?? TEXT.en;
  const marks = invalid ? ' aria-invalid="true" aria-describedby="input-error"' : '';
  return page(`${text.title} — ${realmName}`, `
<h1 id="kc-page-title">${escape(text.title)}</h1>
<p class="hint">${escape(realmName)} — ${escape(clientName)}</p>
${invalid ? `<p id="input-error" role="alert">${escape(text.invalid)}</p>` : ''}
<form id="kc-form-login" method="post">
  <label for="username">${escape(text.username)}</label>
  <input id="username" name="username" type="text" value="${escape(username)}" autocomplete="username"
    autofocus required${marks}>
  <label for="password">${escape(text.password)}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${marks}>
  <input id="kc-login" name="login" type="submit" value="${escape(text.signIn)}">
</form>`, language);
}

export function errorPage(message) {
  return page('Error', `<h1>We are sorry…</h1><p id="kc-error-message">${escape(message)}</p>`);
}

/** Asked only when no id_token_hint vouches for the request; ``form`` is oidc-provider's hidden form. */
export function logoutConfirmationPage(form) {
  const submit = '<button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">Logout</button>';
  return page('Logging out', `<h1>Logging out</h1><p>Do you want to log out?</p>${form}${submit}`);
}

export function loggedOutPage() {
  return page('Logged out', '<h1>You are logged out</h1>');
}
