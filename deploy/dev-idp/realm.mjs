// The realm as Keycloak reads it from deploy/keycloak/realm-export.json: users with their passwords, group paths and
// roles; clients with their redirect URIs, web origins and mappers. Keycloak's own rules are reproduced where a client
// can tell the difference (redirect URI wildcards and loopback ports, "+" in web origins and post-logout URIs).

import { readFileSync } from 'node:fs';

// Keycloak ignores the port of a redirect URI on these two hosts (RFC 8252 §7.3; its RedirectUtils, INSTALLED_APP_*).
const LOOPBACK_PREFIXES = ['http://localhost', 'http://127.0.0.1'];

export class RealmError extends Error {}

export function loadRealm(file) {
  let representation;
  try {
    representation = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new RealmError(`cannot read the realm export ${file}: ${cause.message}`);
  }
  return new Realm(representation, file);
}

export class Realm {
  constructor(rep, file = 'the realm export') {
    const fail = (message) => { throw new RealmError(`${file}: ${message}`); };
    if (!rep.realm) fail('no "realm" name');
    this.name = rep.realm;
    this.accessTokenLifespan = rep.accessTokenLifespan ?? 300;
    this.accessCodeLifespan = rep.accessCodeLifespan ?? 60;
    this.ssoSessionIdleTimeout = rep.ssoSessionIdleTimeout ?? 1800;
    this.ssoSessionMaxLifespan = rep.ssoSessionMaxLifespan ?? 36000;
    this.loginWithEmailAllowed = rep.loginWithEmailAllowed ?? true;
    this.displayName = rep.displayName ?? rep.realm;
    this.texts = rep.localizationTexts ?? {}; // locale -> key -> text, for the ${key} in names (Keycloak's way)
    this.defaultLocale = rep.defaultLocale ?? 'en';
    // Keycloak's brute-force detection (its defaults where the export leaves a field out): after failureFactor wrong
    // passwords in a row a user is locked for waitIncrementSeconds, longer with each further round, at most
    // maxFailureWaitSeconds; the count starts over after maxDeltaTimeSeconds without a failure or at a success.
    this.bruteForce = rep.bruteForceProtected ? {
      failureFactor: rep.failureFactor ?? 30,
      waitIncrementSeconds: rep.waitIncrementSeconds ?? 60,
      maxFailureWaitSeconds: rep.maxFailureWaitSeconds ?? 900,
      maxDeltaTimeSeconds: rep.maxDeltaTimeSeconds ?? 43200,
    } : null;
    this.failures = new Map(); // user id -> { count, last, lockedUntil } (ms since the epoch)

    this.groups = new Map(); // path -> group representation
    const walk = (groups, parent) => {
      for (const group of groups ?? []) {
        const path = `${parent}/${group.name}`;
        if (group.path && group.path !== path) fail(`group "${group.name}" has path ${group.path}, expected ${path}`);
        this.groups.set(path, group);
        walk(group.subGroups, path);
      }
    };
    walk(rep.groups, '');

    this.roles = new Map((rep.roles?.realm ?? []).map((role) => [role.name, role]));
    this.defaultRole = rep.defaultRole?.name ?? `default-roles-${this.name}`;

    this.users = new Map();
    for (const user of rep.users ?? []) {
      if (!user.id) fail(`user "${user.username}" has no "id" (the token's sub)`);
      const password = (user.credentials ?? []).find((credential) => credential.type === 'password');
      if (password && password.value === undefined) {
        fail(`user "${user.username}" has a hashed password; the stand-in needs a plain "value" credential`);
      }
      for (const path of user.groups ?? []) {
        if (!this.groups.has(path)) fail(`user "${user.username}" is in unknown group ${path}`);
      }
      this.users.set(user.id, { ...user, password: password?.value });
    }

    this.clients = new Map();
    for (const client of rep.clients ?? []) {
      if (client.protocol && client.protocol !== 'openid-connect') continue;
      this.clients.set(client.clientId, new RealmClient(client));
    }
  }

  /** ``text`` with each ``${key}`` in ``language`` from the realm's localization texts, else its default locale's. */
  localize(text, language) {
    const texts = (locale) => this.texts[locale] ?? {};
    const textOf = (key) => texts(language)[key] ?? texts(this.defaultLocale)[key];
    return String(text ?? '').replace(/\$\{([^}]+)\}/g, (whole, key) => textOf(key) ?? whole);
  }

  /** The enabled, unlocked user whose username (or email, when the realm allows it) and password match, else
   * undefined; a wrong password counts towards the user's lockout, and a locked user is refused even the right one. */
  authenticate(login, password, now = Date.now()) {
    const user = this.findUser(login);
    if (!user) return undefined;
    const failures = this.failures.get(user.id);
    if (this.bruteForce && failures && failures.lockedUntil > now) return undefined;
    if (user.password !== undefined && user.password === password) {
      this.failures.delete(user.id);
      return user;
    }
    if (this.bruteForce) this.recordFailure(user.id, now);
    return undefined;
  }

  /** The enabled user a login names (username, or email when the realm allows it). */
  findUser(login) {
    const wanted = String(login ?? '').trim().toLowerCase();
    for (const user of this.users.values()) {
      const names = [user.username?.toLowerCase()];
      if (this.loginWithEmailAllowed && user.email) names.push(user.email.toLowerCase());
      if (user.enabled !== false && names.includes(wanted)) return user;
    }
    return undefined;
  }

  recordFailure(userId, now) {
    const rules = this.bruteForce;
    const previous = this.failures.get(userId);
    const fresh = !previous || now - previous.last > rules.maxDeltaTimeSeconds * 1000;
    const count = (fresh ? 0 : previous.count) + 1;
    let lockedUntil = fresh ? 0 : previous.lockedUntil;
    if (count % rules.failureFactor === 0) {
      const wait = Math.min(rules.waitIncrementSeconds * (count / rules.failureFactor), rules.maxFailureWaitSeconds);
      lockedUntil = now + wait * 1000;
    }
    this.failures.set(userId, { count, last: now, lockedUntil });
  }

  /** Realm roles as realm_access.roles lists them: the default role, direct, via groups; composites expanded. */
  rolesOf(user) {
    const direct = [this.defaultRole, ...(user.realmRoles ?? [])];
    for (const path of user.groups ?? []) {
      // A subgroup inherits its parents' role mappings.
      const parts = path.split('/').filter(Boolean);
      for (let depth = 1; depth <= parts.length; depth += 1) {
        direct.push(...(this.groups.get(`/${parts.slice(0, depth).join('/')}`)?.realmRoles ?? []));
      }
    }
    const roles = new Set();
    const expand = (name) => {
      if (roles.has(name)) return;
      roles.add(name);
      for (const child of this.roles.get(name)?.composites?.realm ?? []) expand(child);
    };
    direct.forEach(expand);
    return [...roles];
  }

  /** The user's claims, as Keycloak's default client scopes (profile, email) and its groups mapper give them. */
  userClaims(user, client) {
    const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
    const claims = {
      sub: user.id,
      email_verified: Boolean(user.emailVerified),
      preferred_username: user.username.toLowerCase(),
    };
    if (name) claims.name = name;
    if (user.firstName) claims.given_name = user.firstName;
    if (user.lastName) claims.family_name = user.lastName;
    if (user.email) claims.email = user.email.toLowerCase();
    const mapper = client?.groupsMapper;
    if (mapper) {
      const groups = user.groups ?? [];
      claims[mapper.claim] = mapper.fullPath ? groups : groups.map((path) => path.split('/').pop());
    }
    return claims;
  }
}

export class RealmClient {
  constructor(rep) {
    this.clientId = rep.clientId;
    this.name = rep.name || rep.clientId;
    this.enabled = rep.enabled !== false;
    this.publicClient = Boolean(rep.publicClient);
    this.secret = rep.secret;
    this.standardFlowEnabled = rep.standardFlowEnabled !== false;
    this.directAccessGrantsEnabled = Boolean(rep.directAccessGrantsEnabled);
    this.redirectUris = rep.redirectUris ?? [];
    const attributes = rep.attributes ?? {};
    this.pkceMethod = attributes['pkce.code.challenge.method'] || undefined;
    // "##" separates URIs; "+" means "the redirect URIs" (as in Keycloak's admin console).
    const postLogout = (attributes['post.logout.redirect.uris'] ?? '').split('##').filter(Boolean);
    this.postLogoutRedirectUris = postLogout.flatMap((uri) => (uri === '+' ? this.redirectUris : [uri]));
    // "+" allows the origins of the redirect URIs, "*" any origin.
    const redirectOrigins = this.redirectUris.map((uri) => URL.parse(uri.replace(/\*$/, ''))?.origin).filter(Boolean);
    this.webOrigins = (rep.webOrigins ?? []).flatMap((origin) => (origin === '+' ? redirectOrigins : [origin]));
    const mapper = (rep.protocolMappers ?? []).find((m) => m.protocolMapper === 'oidc-group-membership-mapper');
    this.groupsMapper = mapper && {
      claim: mapper.config?.['claim.name'] || 'groups',
      fullPath: mapper.config?.['full.path'] !== 'false',
    };
    // Keycloak's "aud" is "account" for users with the default account roles; an audience mapper makes it explicit.
    const audience = (rep.protocolMappers ?? []).find((m) => m.protocolMapper === 'oidc-audience-mapper');
    this.audience = audience?.config?.['included.custom.audience'] || audience?.config?.['included.client.audience']
      || 'account';
  }

  redirectUriAllowed(uri) {
    return keycloakRedirectAllowed(uri, this.redirectUris);
  }

  postLogoutRedirectUriAllowed(uri) {
    return keycloakRedirectAllowed(uri, this.postLogoutRedirectUris);
  }

  /** Keycloak's web origins check; ``extraOrigins`` (the stand-in's --web-origin) may end in ":*" for any port. */
  originAllowed(origin, extraOrigins = []) {
    const anyPort = (allowed) => allowed.endsWith(':*') && origin.replace(/:\d+$/, ':*') === allowed;
    return this.webOrigins.some((allowed) => allowed === '*' || allowed === origin)
      || extraOrigins.some((allowed) => allowed === origin || anyPort(allowed));
  }
}

/** Keycloak's redirect URI check: exact, or a prefix before a trailing "*"; a loopback port is ignored. */
export function keycloakRedirectAllowed(uri, valid) {
  const parsed = URL.parse(String(uri));
  // Stricter than Keycloak: no "user@host" tricks, no fragments.
  if (!parsed || parsed.username || parsed.password || parsed.hash) return false;
  const slash = uri.indexOf('/', 8);
  const redirect = slash === -1 ? uri.toLowerCase() : uri.slice(0, slash).toLowerCase() + uri.slice(slash);
  if (matchesRedirects(valid, redirect)) return true;
  const prefix = LOOPBACK_PREFIXES.find((loopback) => redirect.startsWith(`${loopback}:`));
  if (!prefix) return false;
  const path = redirect.indexOf('/', prefix.length);
  return matchesRedirects(valid, prefix + (path === -1 ? '' : redirect.slice(path)));
}

function matchesRedirects(valid, redirect) {
  return valid.some((allowed) => {
    if (!allowed.endsWith('*') || allowed.includes('?')) return allowed === redirect;
    const withoutQuery = redirect.split('?')[0];
    const stem = allowed.slice(0, -1);
    const stemWithoutSlash = stem.length > 1 && stem.endsWith('/') ? stem.slice(0, -1) : undefined;
    return withoutQuery.startsWith(stem) || stemWithoutSlash === withoutQuery;
  });
}
