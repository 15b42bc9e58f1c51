// The stand-in's HTML: plain pages with Keycloak's element ids and texts, so browser tests written against it also
// run against a real Keycloak (#kc-form-login, #username, #password, #kc-login, #input-error, #kc-error-message).

export function escape(value) {
  return String(value ?? '').replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin-top:1rem}
input[type=text],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box}
input[type=submit],button{margin-top:1.5rem;padding:.5rem 1rem}
#input-error,#kc-error-message{color:#b00020}
:focus-visible{outline:3px solid #1a73e8}`;

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

/** The username/password form; after a failed attempt it keeps the username and says why, as Keycloak does. */
export function loginPage(realmName, clientName, { username = '', error } = {}) {
  const invalid = error ? ' aria-invalid="true" aria-describedby="input-error"' : '';
  return page(`Sign in to ${realmName}`, `
<h1 id="kc-page-title">Sign in to your account</h1>
<p>${escape(realmName)} — ${escape(clientName)}</p>
${error ? `<p id="input-error" role="alert">${escape(error)}</p>` : ''}
<form id="kc-form-login" method="post">
  <label for="username">Username or email</label>
  <input id="username" name="username" type="text" value="${escape(username)}" autocomplete="username"
    autofocus required${invalid}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
  <input id="kc-login" name="login" type="submit" value="Sign In">
</form>`);
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
