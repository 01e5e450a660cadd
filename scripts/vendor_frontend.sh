#!/usr/bin/env bash
# Re-fetch the vendored front-end files from the npm registry, so the vendoring is reproducible:
#   govuk-frontend's built CSS, JS and assets → cpmo/web/static/govuk/
#   axe-core's axe.min.js (for the browser tests' accessibility checks) → tests/browser/vendor/
# Usage: scripts/vendor_frontend.sh [GOVUK_FRONTEND_VERSION] [AXE_CORE_VERSION]
set -euo pipefail
cd "$(dirname "$0")/.."

GOVUK_VERSION="${1:-6.6.0}"
AXE_VERSION="${2:-4.14.1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "govuk-frontend@$GOVUK_VERSION" "axe-core@$AXE_VERSION" >/dev/null)
mkdir -p "$work/govuk" "$work/axe"
tar -xzf "$work/govuk-frontend-$GOVUK_VERSION.tgz" -C "$work/govuk"
tar -xzf "$work/axe-core-$AXE_VERSION.tgz" -C "$work/axe"

dist="$work/govuk/package/dist/govuk"
static="cpmo/web/static/govuk"
rm -rf "$static"
mkdir -p "$static/assets"
cp -R "$dist/assets/images" "$dist/assets/manifest.json" "$static/assets/"
cp "$dist/govuk-frontend.min.js" "$static/"
# The built CSS points at /assets/…; make those URLs relative to the stylesheet so the
# assets are found wherever the app serves its static folder.
sed -e 's#url(/assets/#url(assets/#g' "$dist/govuk-frontend.min.css" >"$static/govuk-frontend.min.css"
# The GDS Transport typeface is licensed for services on GOV.UK only, and cpmo is not one:
# unless GOVUK_FONTS=1, leave the font files out and drop their @font-face rules, so text
# falls back to the stylesheet's own "arial, sans-serif" (GOV.UK Frontend's advice for
# services off GOV.UK).
if [ "${GOVUK_FONTS:-0}" = 1 ]; then
  cp -R "$dist/assets/fonts" "$static/assets/"
  fonts="GDS Transport fonts included (GOVUK_FONTS=1)"
else
  sed -i -e 's#@font-face{font-family:GDS Transport;[^}]*}##g' "$static/govuk-frontend.min.css"
  fonts="GDS Transport fonts left out (@font-face rules removed): not a GOV.UK service"
fi
{
  echo "govuk-frontend $GOVUK_VERSION, from the npm registry (package/dist/govuk)."
  echo "Fetched by scripts/vendor_frontend.sh; the CSS's url(/assets/…) were made relative."
  echo "$fonts."
} >"$static/VERSION"
{
  echo "govuk-frontend $GOVUK_VERSION — licence (from the package's README and package.json)"
  echo
  sed -n '/^## Licence/,/^## /p' "$work/govuk/package/README.md" | sed '$d'
  echo "package.json \"license\": $(node -p "require('$work/govuk/package/package.json').license")"
  echo
  echo "The MIT License (MIT)"
  echo "Copyright (c) Crown Copyright (Government Digital Service)"
  echo
  echo "Permission is hereby granted, free of charge, to any person obtaining a copy of this"
  echo "software and associated documentation files (the \"Software\"), to deal in the Software"
  echo "without restriction, including without limitation the rights to use, copy, modify,"
  echo "merge, publish, distribute, sublicense, and/or sell copies of the Software, and to"
  echo "permit persons to whom the Software is furnished to do so, subject to the following"
  echo "conditions:"
  echo
  echo "The above copyright notice and this permission notice shall be included in all copies"
  echo "or substantial portions of the Software."
  echo
  echo "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,"
  echo "INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR"
  echo "PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE"
  echo "FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR"
  echo "OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER"
  echo "DEALINGS IN THE SOFTWARE."
} >"$static/LICENSE.txt"

vendor="tests/browser/vendor"
mkdir -p "$vendor"
cp "$work/axe/package/axe.min.js" "$vendor/axe.min.js"
cp "$work/axe/package/LICENSE" "$vendor/axe-core.LICENSE"
echo "axe-core $AXE_VERSION, from the npm registry; fetched by scripts/vendor_frontend.sh." \
  >"$vendor/VERSION"
echo "vendored govuk-frontend $GOVUK_VERSION and axe-core $AXE_VERSION"
