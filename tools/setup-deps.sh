#!/bin/bash
# setup-deps.sh: install the Debian 12 packages futures-glib needs to build,
# test and document itself, but only those that are missing.
#
# Sourced by run-demo and run-tests; safe to run again at any time.

futures_required_packages=(
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-bin
  gobject-introspection libgirepository1.0-dev gir1.2-glib-2.0
  gettext
)

# libglib2.0-doc: the GLib, GObject and GIO manuals, which the reference
# links into (the doc check fails on every link that resolves nowhere).
futures_test_packages=(
  python3-gi gjs valgrind
  gtk-doc-tools docbook-xml docbook-xsl libglib2.0-doc
  gnome-desktop-testing
  # The GTK 4 example and its test: an X server without a screen, a font
  # to draw text with, and ImageMagick's import for the screenshots.
  libgtk-4-dev xvfb xauth fonts-dejavu-core imagemagick
  # Static analysis: scan-build (a Perl script) drives clang's analyzer.
  clang clang-tools perl cppcheck
)

# tools/run-fuzzers: clang, and libFuzzer with the sanitizer runtimes,
# which Debian 12 ships apart from clang itself.
futures_fuzz_packages=(
  clang libclang-rt-14-dev
)

futures_missing_packages() {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$pkg"
    fi
  done
}

futures_install_packages() {
  local missing
  missing=$(futures_missing_packages "$@")
  [ -z "$missing" ] && return 0

  echo "Installing missing Debian packages:" $missing
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q || return 1
  # shellcheck disable=SC2086
  $sudo apt-get install -y -q --no-install-recommends $missing || return 1
}
