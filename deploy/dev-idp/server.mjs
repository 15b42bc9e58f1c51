// Development identity provider: a Keycloak stand-in for laptops and tests, where Keycloak itself cannot run.
//
// It serves Keycloak's URL layout for one realm read from the same realm export a real Keycloak imports
// (deploy/keycloak/realm-export.json), on top of `oidc-provider` (an OpenID Certified provider):
//
//   {issuer}/.well-known/openid-configuration      {issuer} = http://HOST:PORT/realms/REALM
//   {issuer}/protocol/openid-connect/auth          login form checked against the realm's users; no consent
//   {issuer}/protocol/openid-connect/token         authorization_code (+PKCE S256), refresh_token, password
//   {issuer}/protocol/openid-connect/certs         JWKS
//   {issuer}/protocol/openid-connect/userinfo
//   {issuer}/protocol/openid-connect/logout        RP-initiated logout (id_token_hint, post_logout_redirect_uri)
//   {issuer}/protocol/openid-connect/token/introspect, {issuer}/protocol/openid-connect/revoke
//
// Access tokens are JWTs with Keycloak's claims (typ "Bearer", azp, sid, scope, preferred_username, email, name,
// groups with full paths, realm_access.roles). Dev only: passwords are plain text in the realm file.
//
//   node server.mjs [--host 127.0.0.1] [--port 8080] [--realm-file PATH] [--jwks-file PATH] [--web-origin ORIGIN]...
//                   [--brand NAME] [--brand-translation LANG=NAME]...
//   (or DEV_IDP_HOST, DEV_IDP_PORT, DEV_IDP_REALM_FILE, DEV_IDP_JWKS_FILE, DEV_IDP_WEB_ORIGINS="a b")
//
//   --jwks-file   signing key to reuse (made and saved there on first start); without it, a new key per start
//   --web-origin  an extra CORS origin for every client, on top of the realm's webOrigins; "http://127.0.0.1:*"
//                 allows any port (a stand-in option for tests on random ports; Keycloak has no port wildcard)
//   --brand       the project's name above the pages (its display name in manifests/module.yaml), and
//   --brand-translation  that name in another language, e.g. ru=Распознавание чеков

import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import * as jose from 'jose';
import Provider, { errors } from 'oidc-provider';
// Two internals, pinned by package-lock.json: the provider's own "log out now" step, and its in-memory storage.
import { confirm as endSessionConfirm } from 'oidc-provider/lib/actions/end_session.js';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

import { errorPage, loggedOutPage, loginPage, logoutConfirmationPage, pickLanguage, setBrand } from './pages.mjs';
import { loadRealm, RealmError } from './realm.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
// The resource indicator oidc-provider binds every access token (a JWT, which needs an audience) to; the audience
// itself comes from the client's audience mapper ("account", as in Keycloak).
const ACCOUNT_RESOURCE = 'urn:keycloak:account';
// Keycloak's default client scopes: they apply to every request, so their claims are in every token.
const DEFAULT_SCOPES = ['profile', 'email'];
const TOKEN_SCOPES = ['openid', ...DEFAULT_SCOPES];
const USER_CLAIMS = [
  'sub', 'groups', 'name', 'given_name', 'family_name', 'preferred_username', 'email', 'email_verified',
];

function options() {
  const env = process.env;
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: env.DEV_IDP_HOST || '127.0.0.1' },
      port: { type: 'string', default: env.DEV_IDP_PORT || '8080' },
      'realm-file': {
        type: 'string', default: env.DEV_IDP_REALM_FILE || resolve(HERE, '../keycloak/realm-export.json'),
      },
      'jwks-file': { type: 'string', default: env.DEV_IDP_JWKS_FILE },
      'web-origin': {
        type: 'string', multiple: true, default: (env.DEV_IDP_WEB_ORIGINS || '').split(/\s+/).filter(Boolean),
      },
      brand: { type: 'string', default: '' },
      'brand-translation': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n\n')[0];
    process.stdout.write(`${header.replace(/^\/\/ ?/gm, '')}\n`);
    process.exit(0);
  }
  return values;
}

/** The signing key: read from --jwks-file when it exists, else made now (and saved there when a path was given). */
async function signingKeys(file) {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  const keys = { keys: [{ ...jwk, kid: await jose.calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' }] };
  if (file) writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

async function main() {
  const args = options();
  setBrand(args.brand);
  for (const pair of args['brand-translation']) {
    const [language, ...name] = pair.split('=');
    setBrand(name.join('='), language);
  }
  const realm = loadRealm(resolve(args['realm-file']));
  const port = Number(args.port);
  const prefix = `/realms/${realm.name}`;
  const issuer = `http://${args.host.includes(':') ? `[${args.host}]` : args.host}:${port}${prefix}`;
  const extraOrigins = args['web-origin'];
  const jwks = await signingKeys(args['jwks-file']);
  const publicKeys = jose.createLocalJWKSet({ keys: jwks.keys.map(({ d, p, q, dp, dq, qi, ...key }) => key) });
  const realmClient = (clientId) => realm.clients.get(clientId);
  const accountServer = (client) => ({
    scope: TOKEN_SCOPES.join(' '),
    audience: realmClient(client.clientId).audience,
    accessTokenFormat: 'jwt',
    accessTokenTTL: realm.accessTokenLifespan,
    jwt: { sign: { alg: 'RS256' } },
  });

  const provider = new Provider(issuer, {
    clients: [...realm.clients.values()].filter((client) => client.enabled).map(oidcClient),
    jwks,
    // Sessions, codes and refresh tokens in memory on purpose: a restart signs everyone out. 15 s clock tolerance.
    adapter: createMemoryAdapter(15),
    findAccount(ctx, sub) {
      const user = realm.users.get(sub);
      if (!user || user.enabled === false) return undefined;
      return { accountId: sub, claims: () => realm.userClaims(user, realmClient(ctx.oidc.client?.clientId)) };
    },
    // Under "openid", the claims go into every ID token whatever the scope says, as Keycloak's default scopes do.
    claims: { openid: USER_CLAIMS, profile: [], email: [] },
    scopes: TOKEN_SCOPES,
    responseTypes: ['code'], // Keycloak's standard flow; no implicit or hybrid here
    features: {
      devInteractions: { enabled: false }, // its login accepts anyone; ours checks the realm's passwords
      pushedAuthorizationRequests: { enabled: false },
      // In discovery from oidc-provider, answered by this wrapper: the provider cannot read its own JWTs there.
      userinfo: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => ACCOUNT_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource, client) => accountServer(client),
      },
    },
    formats: { customizers: { jwt: keycloakAccessToken } },
    // Keycloak requires PKCE where the client's attribute says so; oidc-provider also requires it of public clients.
    pkce: {
      required: (ctx, client) => client.clientAuthMethod === 'none' || Boolean(realmClient(client.clientId).pkceMethod),
    },
    // Keycloak issues refresh tokens without offline_access (they end with the session).
    issueRefreshToken: (ctx, client) => client.grantTypeAllowed('refresh_token'),
    // consentRequired=false in the realm: grant what was asked, never show a consent screen.
    loadExistingGrant,
    allowOmittingSingleRegisteredRedirectUri: false,
    clientBasedCORS: (ctx, origin, client) => Boolean(
      realmClient(client.clientId)?.originAllowed(origin, extraOrigins),
    ),
    routes: {
      authorization: '/protocol/openid-connect/auth',
      token: '/protocol/openid-connect/token',
      jwks: '/protocol/openid-connect/certs',
      userinfo: '/protocol/openid-connect/userinfo',
      end_session: '/protocol/openid-connect/logout',
      introspection: '/protocol/openid-connect/token/introspect',
      revocation: '/protocol/openid-connect/revoke',
    },
    interactions: { url: (ctx, interaction) => `${prefix}/login-actions/authenticate/${interaction.uid}` },
    ttl: {
      AccessToken: realm.accessTokenLifespan,
      AuthorizationCode: realm.accessCodeLifespan,
      IdToken: realm.accessTokenLifespan,
      RefreshToken: realm.ssoSessionIdleTimeout,
      Session: realm.ssoSessionMaxLifespan,
      Grant: realm.ssoSessionMaxLifespan,
      Interaction: 1800,
    },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(out.error_description || out.error);
    },
  });

  // Keycloak's redirect rules (a trailing "*", any port on loopback hosts) instead of oidc-provider's exact match.
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(uri) {
    return Boolean(realmClient(this.clientId)?.redirectUriAllowed(uri));
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(uri) {
    return Boolean(realmClient(this.clientId)?.postLogoutRedirectUriAllowed(uri));
  };
  provider.Client.prototype.includeSid = () => true; // Keycloak puts the session id in every token of a session
  // keycloak-js decodes the refresh token as a JWT (Keycloak's are HS512 JWTs that clients never verify): give it
  // Keycloak's claims in a JWT-shaped value. The provider still stores and finds the token by its whole value, so the
  // third part is 256 random bits, as unguessable as the provider's own opaque ids, not a signature anyone checks.
  provider.RefreshToken.prototype.generateTokenId = function jwtShapedRefreshTokenId() {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      exp: now + this.expiration, iat: now, jti: randomUUID(), iss: issuer, aud: issuer, sub: this.accountId,
      typ: 'Refresh', azp: this.clientId, sid: this.sessionUid, scope: this.scope,
    };
    const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.${randomBytes(32).toString('base64url')}`;
  };
  provider.registerGrantType('password', passwordGrant, ['username', 'password', 'scope']);

  /** The oidc-provider client of a realm client: the grants its flags allow, its secret, its URIs. */
  function oidcClient(client) {
    const grantTypes = [
      ...(client.standardFlowEnabled ? ['authorization_code'] : []),
      'refresh_token',
      ...(client.directAccessGrantsEnabled ? ['password'] : []),
    ];
    const auth = client.publicClient
      ? { token_endpoint_auth_method: 'none' } // client_secret_basic also accepts client_secret_post
      : { token_endpoint_auth_method: 'client_secret_basic', client_secret: client.secret };
    return {
      client_id: client.clientId,
      client_name: realm.localize(client.name, realm.defaultLocale),
      ...auth,
      grant_types: grantTypes,
      response_types: client.standardFlowEnabled ? ['code'] : [],
      redirect_uris: client.standardFlowEnabled ? client.redirectUris : [],
      post_logout_redirect_uris: client.postLogoutRedirectUris,
    };
  }

  // oidc-provider keeps no record of JWT access tokens. This one lets userinfo, introspection and revocation refuse a
  // token whose grant has ended (logout, a revoked refresh token), as Keycloak refuses one of an ended session.
  const issuedAccessTokens = new Map(); // jti -> { grantId, exp, revoked }
  setInterval(() => {
    for (const [jti, { exp }] of issuedAccessTokens) if (exp * 1000 < Date.now()) issuedAccessTokens.delete(jti);
  }, 60_000).unref();

  /** Keycloak's access-token claims, written over what oidc-provider puts in the JWT (and the token recorded). */
  function keycloakAccessToken(ctx, token, jwt) {
    issuedAccessTokens.set(jwt.payload.jti, { grantId: token.grantId, exp: jwt.payload.exp });
    const user = realm.users.get(token.accountId);
    const client = realmClient(token.clientId);
    jwt.header = { typ: 'JWT' }; // oidc-provider says "at+jwt"
    delete jwt.payload.client_id;
    Object.assign(jwt.payload, {
      typ: 'Bearer',
      azp: token.clientId,
      sid: token.sid,
      scope: [...new Set([...(token.scope ?? '').split(' ').filter(Boolean), ...DEFAULT_SCOPES])].join(' '),
      acr: '1',
      'allowed-origins': client?.webOrigins ?? [],
      ...(user && { realm_access: { roles: realm.rolesOf(user) }, ...realm.userClaims(user, client) }),
    });
  }

  async function loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    const grant = (grantId && await provider.Grant.find(grantId))
      || new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
    grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
    for (const [resource, server] of Object.entries(ctx.oidc.resourceServers ?? {})) {
      grant.addResourceScope(resource, server.scope);
    }
    await grant.save();
    return grant;
  }

  /** grant_type=password (Keycloak's "direct access grants"): tokens of the same shape and key, for scripts. */
  async function passwordGrant(ctx) {
    const { client, params } = ctx.oidc;
    if (!realmClient(client.clientId)?.directAccessGrantsEnabled) {
      throw new errors.UnauthorizedClient('Client not allowed for direct access grants');
    }
    const user = realm.authenticate(params.username, params.password);
    if (!user) throw new errors.InvalidGrant('Invalid user credentials');
    const requested = (params.scope ?? '').split(' ').filter((scope) => TOKEN_SCOPES.includes(scope));
    const scope = [...new Set([...requested, ...DEFAULT_SCOPES])].join(' ');
    const grant = new provider.Grant({ clientId: client.clientId, accountId: user.id });
    grant.addOIDCScope(scope);
    grant.addResourceScope(ACCOUNT_RESOURCE, scope);
    const common = { accountId: user.id, client, grantId: await grant.save(), gty: 'password', sid: randomUUID() };
    const accessToken = new provider.AccessToken(common);
    accessToken.resourceServer = new provider.ResourceServer(ACCOUNT_RESOURCE, accountServer(client));
    accessToken.scope = scope;
    const authTime = Math.floor(Date.now() / 1000);
    const refreshToken = new provider.RefreshToken({
      ...common, scope, resource: ACCOUNT_RESOURCE, rotations: 0, authTime, expiresWithSession: false,
    });
    const body = {
      access_token: await accessToken.save(),
      expires_in: accessToken.expiration,
      refresh_token: await refreshToken.save(),
      refresh_expires_in: refreshToken.expiration,
      token_type: 'Bearer',
      session_state: common.sid,
      scope,
    };
    if (requested.includes('openid')) {
      const idToken = new provider.IdToken(realm.userClaims(user, realmClient(client.clientId)), { ctx });
      idToken.scope = scope;
      Object.entries({ auth_time: authTime, sid: common.sid, typ: 'ID', azp: client.clientId })
        .forEach(([claim, value]) => idToken.set(claim, value));
      body.id_token = await idToken.issue({ use: 'idtoken' });
    }
    ctx.body = body;
  }

  /** A valid id_token_hint logs out at once, as in Keycloak; without one, the user confirms. */
  async function logoutSource(ctx, form) {
    if (ctx.oidc.entities.IdTokenHint) {
      ctx.oidc.params.logout = 'yes'; // all of the session's clients, as the confirmation's "yes" would
      await endSessionConfirm.at(-1)(ctx);
      return;
    }
    ctx.body = logoutConfirmationPage(form);
  }

  async function postLogoutSuccessSource(ctx) {
    ctx.body = loggedOutPage();
  }

  /** The claims of an access token signed by us, unexpired, and of a grant still alive; else undefined. */
  async function liveAccessToken(token) {
    let payload;
    try {
      ({ payload } = await jose.jwtVerify(token, publicKeys, { issuer, typ: 'JWT' }));
    } catch {
      return undefined;
    }
    const record = issuedAccessTokens.get(payload.jti);
    if (payload.typ !== 'Bearer' || !record || record.revoked) return undefined;
    return await provider.Grant.find(record.grantId) ? payload : undefined;
  }

  /** The realm client a request authenticates as (HTTP Basic, or client_id/client_secret fields), else undefined. */
  function authenticatedClient(req, form) {
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const unescape = (part) => decodeURIComponent(part.replace(/\+/g, ' '));
      [clientId, secret] = [unescape(decoded.slice(0, colon)), unescape(decoded.slice(colon + 1))];
    }
    const client = realmClient(clientId);
    if (!client?.enabled) return undefined;
    if (client.publicClient) return secret ? undefined : client;
    const digest = (value) => createHash('sha256').update(String(value ?? '')).digest();
    return secret && timingSafeEqual(digest(secret), digest(client.secret)) ? client : undefined;
  }

  async function userinfo(req, res) {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const payload = token && await liveAccessToken(token);
    const user = payload && realm.users.get(payload.sub);
    if (!user) {
      const description = token ? 'Token verification failed' : 'Missing token';
      const challenge = { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"` };
      return sendJson(res, 401, { error: 'invalid_token', error_description: description }, challenge);
    }
    return sendJson(res, 200, realm.userClaims(user, realmClient(payload.azp)));
  }

  /** RFC 7662, for confidential clients only (as in Keycloak): our JWT access tokens and our refresh tokens. */
  async function introspect(req, res) {
    const form = new URLSearchParams(await readBody(req));
    const client = authenticatedClient(req, form);
    if (!client || client.publicClient) {
      return sendJson(res, 401, { error: 'invalid_client', error_description: 'Authentication failed.' });
    }
    const token = form.get('token') ?? '';
    const access = await liveAccessToken(token);
    if (access) {
      const extra = { client_id: access.azp, username: access.preferred_username, token_type: 'Bearer' };
      return sendJson(res, 200, { ...access, ...extra, active: true });
    }
    const refresh = await provider.RefreshToken.find(token);
    if (refresh && await provider.Grant.find(refresh.grantId)) {
      const { accountId: sub, clientId, sid, scope, exp, iat } = refresh;
      const claims = { typ: 'Refresh', iss: issuer, sub, client_id: clientId, azp: clientId, sid, scope, exp, iat };
      return sendJson(res, 200, { ...claims, active: true });
    }
    return sendJson(res, 200, { active: false });
  }

  /** RFC 7009: an access token is refused from now on; a refresh token ends its whole grant. */
  async function revoke(req, res) {
    const form = new URLSearchParams(await readBody(req));
    const client = authenticatedClient(req, form);
    if (!client) return sendJson(res, 401, { error: 'invalid_client', error_description: 'Authentication failed.' });
    const token = form.get('token') ?? '';
    const access = await liveAccessToken(token);
    if (access?.azp === client.clientId) issuedAccessTokens.get(access.jti).revoked = true;
    const refresh = !access && await provider.RefreshToken.find(token);
    if (refresh?.clientId === client.clientId) {
      await Promise.all([
        provider.RefreshToken.revokeByGrantId(refresh.grantId),
        provider.Grant.adapter.destroy(refresh.grantId),
      ]);
    }
    res.writeHead(200);
    return res.end();
  }

  /** The login step of an authorization: GET shows the form, POST checks the password and resumes the flow. */
  async function login(req, res) {
    const details = await provider.interactionDetails(req, res);
    const clientName = realmClient(details.params.client_id)?.name;
    if (details.prompt.name === 'consent') {
      // Only when a client insists (prompt=consent): consentRequired=false, so granted without asking.
      const grant = (details.grantId && await provider.Grant.find(details.grantId))
        || new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      grant.addResourceScope(ACCOUNT_RESOURCE, details.params.scope);
      const consent = { grantId: await grant.save() };
      return provider.interactionFinished(req, res, { consent }, { mergeWithLastSubmission: true });
    }
    const language = pickLanguage(details.params.ui_locales, req.headers['accept-language']);
    const names = [realm.localize(realm.displayName, language), realm.localize(clientName, language)];
    if (req.method !== 'POST') return sendHtml(res, loginPage(...names, { language }));
    const form = new URLSearchParams(await readBody(req));
    const user = realm.authenticate(form.get('username'), form.get('password'));
    if (!user) {
      const retry = { username: form.get('username'), invalid: true, language };
      return sendHtml(res, loginPage(...names, retry));
    }
    const result = { login: { accountId: user.id } };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }

  function allowOriginForUserinfo(req, res) {
    const { origin } = req.headers;
    if (origin && [...realm.clients.values()].some((client) => client.originAllowed(origin, extraOrigins))) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
  }

  const providerCallback = provider.callback();
  const endpoint = (name) => `${prefix}/protocol/openid-connect/${name}`;

  async function route(req, res, path) {
    if (path === endpoint('userinfo') && ['GET', 'POST'].includes(req.method)) {
      allowOriginForUserinfo(req, res);
      return userinfo(req, res);
    }
    if (path === endpoint('token/introspect') && req.method === 'POST') return introspect(req, res);
    if (path === endpoint('revoke') && req.method === 'POST') return revoke(req, res);
    if (path.startsWith(`${prefix}/login-actions/authenticate/`)) return login(req, res);
    if (path === prefix || path.startsWith(`${prefix}/`)) {
      // oidc-provider routes the path below the issuer; originalUrl tells it where it is mounted.
      req.originalUrl = req.url;
      req.url = req.url.slice(prefix.length) || '/';
      return providerCallback(req, res);
    }
    return sendJson(res, 404, { error: 'Realm does not exist' });
  }

  const server = createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    const path = req.url.split('?')[0];
    res.on('finish', () => {
      // One line per request, the path without its query (codes and tokens travel there).
      const ms = (Number(process.hrtime.bigint() - started) / 1e6).toFixed(1);
      console.log(`${new Date().toISOString()} ${req.method} ${path} ${res.statusCode} ${ms}ms`);
    });
    allowCredentialsWhereOriginAllowed(res);
    try {
      await route(req, res, path);
    } catch (error) {
      if (!(error instanceof errors.OIDCProviderError)) console.error(error);
      if (!res.headersSent) sendHtml(res, errorPage(error.error_description || error.message), error.statusCode ?? 500);
    }
  });
  server.on('error', (error) => {
    console.error(`dev-idp: cannot listen on ${args.host}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, args.host, () => {
    const users = [...realm.users.values()].map((user) => user.username).join(', ');
    console.log(`dev identity provider for realm "${realm.name}": ${issuer} (users: ${users})`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * Keycloak answers an allowed origin with Access-Control-Allow-Credentials: true, and keycloak-js relies on it: it
 * sends its token requests with credentials: 'include', which a browser refuses to read otherwise. The header is added
 * only where the provider (or the userinfo wrapper) has already allowed the origin, just before the head is written.
 */
function allowCredentialsWhereOriginAllowed(res) {
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadWithCredentials(...args) {
    if (res.getHeader('Access-Control-Allow-Origin')) res.setHeader('Access-Control-Allow-Credentials', 'true');
    return writeHead.apply(this, args);
  };
}

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function sendHtml(res, body, status = 200) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

function readBody(req) {
  return new Promise((resolveBody, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

main().catch((error) => {
  console.error(error instanceof RealmError ? `dev-idp: ${error.message}` : error);
  process.exit(1);
});
