#!/bin/sh
# tools/deps.sh — installs the Debian 12 packages the project needs, if missing.
#
# Sourced by run.sh and test.sh so that a bare machine (CI, a new clerk PC,
# the next developer) needs nothing but this repository.

HOTICH_DEPS="meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-bin libcjson-dev libsqlite3-dev sqlite3 libsodium-dev nettle-dev check
  gettext python3
  postgresql libpq-dev libmicrohttpd-dev libcurl4-openssl-dev zlib1g-dev libjemalloc-dev
  libxlsxwriter-dev
  libdeflate-dev libisal-dev
  uuid-dev
  openssl
  libcairo2-dev libpango1.0-dev libqrencode-dev libpoppler-glib-dev libzbar-dev fonts-noto-core
  poppler-utils zbar-tools
  libgtk-4-dev libadwaita-1-dev xvfb xauth dbus-daemon desktop-file-utils appstream"

hotich_install_deps ()
{
  missing=""
  for p in $HOTICH_DEPS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "Installing:$missing" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2 || return 1
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing >&2 || return 1
}
