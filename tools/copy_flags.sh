#!/usr/bin/env bash
# Copy the country flags (ISO 3166 alpha-2, 4:3 SVG) of the npm package flag-icons (MIT) into static/flags,
# with its licence. Flags drawn as images render the same everywhere, unlike flag emoji (which many
# desktops show as two letters). Run after `bash tools/install_npm_tools.sh`; the result is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=var/npm/node_modules/flag-icons
[ -d "$SOURCE/flags/4x3" ] || { echo "run bash tools/install_npm_tools.sh first" >&2; exit 1; }
rm -rf static/flags
mkdir -p static/flags
cp "$SOURCE"/flags/4x3/??.svg static/flags/
{
  echo "Flags from the npm package flag-icons $(node -p "require('./$SOURCE/package.json').version"), only the"
  echo "two-letter (ISO 3166-1 alpha-2) ones, unchanged. Licence of flag-icons:"
  echo
  cat "$SOURCE/LICENSE"
} > static/flags/LICENSE
echo "$(ls static/flags/*.svg | wc -l) flags copied into static/flags"
