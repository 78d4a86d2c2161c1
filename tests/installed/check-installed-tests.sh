#!/bin/bash
# check-installed-tests.sh SOURCE_DIR WORK_DIR INTROSPECTION NLS: what a
# distribution does with -Dinstalled_tests=true. Build futures-glib for a
# prefix under WORK_DIR (a build directory kept there between runs, so the
# build is incremental; the prefix is emptied every time), install it,
# and run every installed .test file against the installed library, with
# LD_LIBRARY_PATH, GI_TYPELIB_PATH and PYTHONPATH pointing into the prefix
# as they would point into /usr. INTROSPECTION and NLS are the features
# of the calling build (enabled, disabled or auto). TAP output: the steps,
# one result per test case of every .test file, and a last run through
# gnome-desktop-testing-runner when it is installed.
set -u

src=$1
work=$2
introspection=$3
nls=$4
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/install-common.sh
source "$here/../install-common.sh"

build=$work/build
prefix=$work/prefix
options=(--prefix "$prefix" -Dinstalled_tests=true -Dtests=true
         -Dintrospection="$introspection" -Dnls="$nls"
         -Ddocumentation=disabled -Dexamples=false)

plan_and_exit() {
  echo "1..$n"
  exit $failed
}

if [ -f "$build/build.ninja" ]; then
  check "configure with -Dinstalled_tests=true" meson setup --reconfigure "$build" "$src" "${options[@]}"
else
  check "configure with -Dinstalled_tests=true" meson setup "$build" "$src" "${options[@]}"
fi
[ $failed = 0 ] || plan_and_exit
check "build" ninja -C "$build"
[ $failed = 0 ] || plan_and_exit
rm -rf "$prefix"
check "install into the scratch prefix" meson install -C "$build" --no-rebuild
[ $failed = 0 ] || plan_and_exit
use_installed "$prefix"

metadir=$prefix/share/installed-tests/futures-glib-1.0
execdir=$prefix/libexec/installed-tests/futures-glib-1.0
check ".test files in share/installed-tests/futures-glib-1.0" \
  compgen -G "$metadir/*.test"
check "no white-box test is installed" \
  test ! -e "$execdir/test-wakeup" -a ! -e "$execdir/test-wire"

# Every case of every installed test, numbered on from ours.
python3 "$here/run-installed-tests.py" --first $((n + 1)) "$metadir" >"$scratch/results" ||
  failed=1
cat "$scratch/results"
n=$((n + $(grep -cE '^(not )?ok ' "$scratch/results")))

# The runner distributions use: every .test file passes under it too.
# shellcheck disable=SC2317  # run through check
gdtr_passes_every_test() {
  local tests status
  tests=$(compgen -G "$metadir/*.test" | wc -l)
  gnome-desktop-testing-runner -p 1 -d "$prefix/share" futures-glib-1.0 >"$scratch/gdtr" 2>&1
  status=$?
  cat "$scratch/gdtr"
  [ "$status" = 0 ] && grep -q "SUMMARY: total=$tests; passed=$tests;" "$scratch/gdtr"
}
if command -v gnome-desktop-testing-runner >/dev/null; then
  check "gnome-desktop-testing-runner passes every .test file" gdtr_passes_every_test
else
  skip "gnome-desktop-testing-runner passes every .test file" \
    "gnome-desktop-testing-runner is not installed (Debian package gnome-desktop-testing)"
fi

plan_and_exit
