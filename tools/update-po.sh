#!/bin/sh
# update-po.sh — re-extract the translatable strings and merge them into po/vi.po.
#
# Uses exactly the xgettext options of tests/check-po.sh. The template is written
# to a temporary directory and never committed.
#
# Usage: tools/update-po.sh [source-dir]   (default: the repository root)
set -eu
src=${1:-$(dirname "$0")/..}
cd "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The language follows each file's extension: C, GtkBuilder .ui, GSettings schemas.
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --add-comments=TRANSLATORS \
  --files-from=po/POTFILES.in --output="$tmp/hotich.pot" --package-name=hotich
msgmerge --update --no-fuzzy-matching --backup=none po/vi.po "$tmp/hotich.pot"
msgfmt --check --statistics --output-file=/dev/null po/vi.po
