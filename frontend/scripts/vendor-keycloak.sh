#!/usr/bin/env bash
# Refresh the vendored keycloak-js adapter from the npm registry: frontend/static/vendor/keycloak-<version>.js
# (+ LICENSE), the ES module the keycloak-js sample imports. It has no dependencies of its own.
# Usage: frontend/scripts/vendor-keycloak.sh [version]   (default: the pinned one below, matching Keycloak 26)
set -euo pipefail
VERSION="${1:-26.2.4}"
VENDOR="$(cd "$(dirname "$0")/../static/vendor" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "keycloak-js@$VERSION" >/dev/null && tar xzf "keycloak-js-$VERSION.tgz")
rm -f "$VENDOR"/keycloak-*.js
install -m 644 "$WORK/package/lib/keycloak.js" "$VENDOR/keycloak-$VERSION.js"
install -m 644 "$WORK/package/LICENSE.txt" "$VENDOR/keycloak.LICENSE"
echo "$VERSION" > "$VENDOR/keycloak.VERSION"
echo "vendored keycloak-js $VERSION into $VENDOR"
