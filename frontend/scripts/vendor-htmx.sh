#!/usr/bin/env bash
# Refresh the vendored htmx from the npm registry: frontend/static/vendor/htmx-<version>.min.js (+ LICENSE).
# Usage: frontend/scripts/vendor-htmx.sh [version]   (default: the pinned one below; htmx 2.x keeps xhr progress)
set -euo pipefail
VERSION="${1:-2.0.11}"
VENDOR="$(cd "$(dirname "$0")/../static/vendor" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "htmx.org@$VERSION" >/dev/null && tar xzf "htmx.org-$VERSION.tgz")
rm -f "$VENDOR"/htmx-*.min.js
cp "$WORK/package/dist/htmx.min.js" "$VENDOR/htmx-$VERSION.min.js"
cp "$WORK/package/LICENSE" "$VENDOR/htmx.LICENSE"
echo "$VERSION" > "$VENDOR/htmx.VERSION"
echo "vendored htmx $VERSION into $VENDOR"
