#!/usr/bin/env bash
# Refresh the vendored Swagger UI from the npm registry: frontend/static/swagger-ui (the docs page's script, style and
# favicon, and the oauth2-redirect page Authorize's realm sign-in returns to), then rewrite its VERSION file.
# Usage: frontend/scripts/vendor-swagger-ui.sh [version]   (default: the pinned one below)
set -euo pipefail
VERSION="${1:-5.35.0}"
VENDOR="$(cd "$(dirname "$0")/../static/swagger-ui" && pwd)"
FILES=(swagger-ui-bundle.js swagger-ui.css favicon-32x32.png oauth2-redirect.html oauth2-redirect.js)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent --json "swagger-ui-dist@$VERSION" >pack.json && tar xzf "swagger-ui-dist-$VERSION.tgz")
INTEGRITY="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["integrity"])' "$WORK/pack.json")"
for name in "${FILES[@]}" LICENSE NOTICE swagger-ui-bundle.js.LICENSE.txt; do
  install -m 644 "$WORK/package/$name" "$VENDOR/$name"
done
{
  echo "$VERSION"
  echo "# swagger-ui-dist@$VERSION from npm (npm pack), files copied verbatim; Apache-2.0, see LICENSE and NOTICE;"
  echo "# bundled third-party licenses in swagger-ui-bundle.js.LICENSE.txt. To upgrade: npm pack swagger-ui-dist@X, copy"
  echo "# the same files (frontend/scripts/vendor-swagger-ui.sh), update this file (the tests compare the checksums below)."
  echo "# npm integrity $INTEGRITY"
  (cd "$VENDOR" && sha256sum "${FILES[@]}")
} >"$VENDOR/VERSION"
echo "vendored swagger-ui-dist $VERSION into $VENDOR"
