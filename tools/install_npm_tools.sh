#!/usr/bin/env bash
# npm packages the project uses outside the app, installed into var/npm (not committed):
#   axe-core     accessibility checks in the browser tests (tests/browser/test_accessibility.py)
#   world-atlas  Natural Earth 110m countries, input of tools/build_world_map.py (the map's paths are
#                committed in timeline/data/geo/world.json, so only rebuilding the map needs it)
#   flag-icons   country flags as SVG (MIT), copied into static/flags by tools/copy_flags.sh (committed)
# Idempotent and quiet when everything is there; exits non-zero when npm is missing or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=var/npm
PACKAGES=(axe-core@4.14.1 world-atlas@2.0.2 flag-icons@7.5.0)

missing=()
for spec in "${PACKAGES[@]}"; do
  name=${spec%@*}
  version=${spec##*@}
  installed=$(node -p "require('./$PREFIX/node_modules/$name/package.json').version" 2>/dev/null || true)
  [ "$installed" = "$version" ] || missing+=("$spec")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v npm >/dev/null; then
  echo "npm is not installed (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
mkdir -p "$PREFIX"
# All of them at once: npm prunes the packages an install does not name.
npm install --prefix "$PREFIX" --no-audit --no-fund --no-save --loglevel=error "${PACKAGES[@]}"
