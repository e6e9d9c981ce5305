#!/bin/sh
# check-po.sh — every translatable string reaches po/vi.po, fully translated.
#
# 1. Every source file that marks strings (_(), N_(), ngettext) is listed in
#    po/POTFILES.in (as libadwaita's check-potfiles.sh does).
# 2. Extracting the strings and merging them into po/vi.po leaves nothing
#    untranslated or fuzzy, and msgfmt --check accepts the result.
set -eu
src=${1:?source dir}
cd "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
for f in $(git ls-files '*.c' '*.h' '*.ui' 2>/dev/null || find core sync server app -name '*.c'); do
  case "$f" in tests/*|bench/*|tools/*) continue ;; esac
  if grep -qE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext|ngettext)[ ]*\(' "$f" || grep -q 'translatable="yes"' "$f"; then
    if ! grep -qx "$f" po/POTFILES.in; then
      echo "po/POTFILES.in: missing $f" >&2
      status=1
    fi
  fi
done
while read -r f; do
  case "$f" in ''|'#'*) continue ;; esac
  [ -f "$f" ] || { echo "po/POTFILES.in: $f does not exist" >&2; status=1; }
done < po/POTFILES.in

# The language follows each file's extension: C, GtkBuilder .ui, GSettings schemas.
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --add-comments=TRANSLATORS \
  --files-from=po/POTFILES.in --output="$tmp/hotich.pot" --package-name=hotich
msgmerge --quiet --no-fuzzy-matching "po/vi.po" "$tmp/hotich.pot" --output-file="$tmp/vi.po"
stats=$(msgfmt --check --statistics --output-file=/dev/null "$tmp/vi.po" 2>&1)
echo "vi.po: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "po/vi.po is not complete; untranslated or fuzzy:" >&2
    msgattrib --untranslated --only-fuzzy "$tmp/vi.po" 2>/dev/null | head -40 >&2 || true
    msgattrib --untranslated "$tmp/vi.po" | grep '^msgid' | head -40 >&2
    status=1 ;;
esac
exit $status
