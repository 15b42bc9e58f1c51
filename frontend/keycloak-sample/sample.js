// The keycloak-js sample: sign in with the real adapter, then call the module and file APIs cross-origin with the
// bearer token. Every answer is shown as it came; a request the browser refuses (CORS) is shown as refused.
import Keycloak from '/static/vendor/keycloak-26.2.4.js';

const $ = (id) => document.getElementById(id);

/** Show an answer in one of the <pre> boxes: data-state says ok, error (an HTTP error) or refused (no answer). */
function show(id, state, value) {
  const box = $(id);
  box.dataset.state = state;
  box.textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

const config = await (await fetch('config.json')).json();
$('origin').textContent = window.location.origin;
for (const element of document.querySelectorAll('.model')) element.textContent = config.model;
for (const element of document.querySelectorAll('.project')) element.textContent = config.project;
document.title = `keycloak-js sample — ${config.project}`;

// Against the dev identity provider (a Keycloak stand-in) the login-status iframe is off; against Keycloak it may stay.
const keycloak = new Keycloak({ url: config.url, realm: config.realm, clientId: config.clientId });
const authenticated = await keycloak.init({ pkceMethod: 'S256', checkLoginIframe: false });

/** fetch with a fresh access token; {status, body} or, when the browser refuses the request, a thrown TypeError. */
async function call(base, path, init = {}) {
  await keycloak.updateToken(30);
  const headers = { ...(init.headers || {}), Authorization: `Bearer ${keycloak.token}` };
  const response = await fetch(base + path, { ...init, headers });
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  return { status: response.status, body };
}

/** Run one call and show its outcome in box ``id``; the answer's body, or null when it failed. */
async function shown(id, request) {
  show(id, 'pending', '…');
  try {
    const { status, body } = await request();
    show(id, status < 400 ? 'ok' : 'error', { status, body });
    return status < 400 ? body : null;
  } catch (error) {
    show(id, 'refused', `The browser refused the request (${error}): is ${window.location.origin} in the API manifest's CORS allowOrigin?`);
    return null;
  }
}

if (!authenticated) {
  $('state').textContent = 'Sign in to call the APIs.';
  $('sign-in').hidden = false;
  $('sign-in').addEventListener('click', () => keycloak.login());
} else {
  const claims = keycloak.tokenParsed;
  $('user').textContent = `Signed in as ${claims.preferred_username}`;
  $('state').textContent = `Token of client ${claims.azp} for ${claims.preferred_username}; groups: ${(claims.groups || []).join(', ') || 'none'}.`;
  $('sign-out').hidden = false;
  $('sign-out').addEventListener('click', () => keycloak.logout({ redirectUri: window.location.href }));
  $('photo').disabled = false;
  await Promise.all([
    shown('stats', () => call(config.moduleApi, `/v2/models/${config.model}/stats`)),
    shown('files', () => call(config.fileApi, '/files')),
  ]);
  $('photo').addEventListener('change', async (event) => {
    const [photo] = event.target.files;
    if (!photo) return;
    const form = new FormData();
    form.append('file', photo);
    show('infer', 'pending', `Uploading ${photo.name}…`);
    const stored = await shown('infer', () => call(config.fileApi, '/files', { method: 'POST', body: form }));
    if (!stored) return;
    const request = {
      inputs: [{ name: 'image', datatype: 'BYTES', shape: [1], parameters: { content_type: 'file_id' }, data: [stored.id] }],
      parameters: { preprocess: true },
      outputs: [{ name: 'payment_details' }, { name: 'checks' }],
    };
    const answer = await shown('infer', () => call(config.moduleApi, `/v2/models/${config.model}/infer`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request),
    }));
    if (answer) {
      const details = JSON.parse(answer.outputs.find((output) => output.name === 'payment_details').data[0]);
      show('infer', 'ok', { file_id: stored.id, model_version: answer.model_version, payment_details: details });
    }
    await shown('files', () => call(config.fileApi, '/files'));
  });
}
