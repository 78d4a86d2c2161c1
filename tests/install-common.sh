# install-common.sh: what the checks that install futures-glib and use it
# from outside the build tree share (consumer/check-installed.sh,
# installed/check-installed-tests.sh source it). It gives:
#
#   $scratch                a directory removed when the script exits
#   check NAME COMMAND...   one TAP result: ok when COMMAND succeeds; its
#                           output is shown as comments when it fails
#   skip NAME REASON        one TAP result, skipped
#   $n, $failed             results so far, and 1 once one has failed
#   use_installed ROOT      find the library, typelib, .pc file and Python
#                           override installed under ROOT ($installed_lib,
#                           $installed_typelib, $installed_pc,
#                           $installed_override) and export
#                           LD_LIBRARY_PATH, GI_TYPELIB_PATH and PYTHONPATH
#                           so that programs use them, as they would use a
#                           system-wide installation; unset G_TEST_SRCDIR
#                           and G_TEST_BUILDDIR, which lead into the build
#                           tree.
# shellcheck shell=bash disable=SC2034  # the variables are for the caller

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

n=0
failed=0

check() {
  local name=$1; shift
  n=$((n + 1))
  if "$@" >"$scratch/out.$n" 2>&1; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name"
    sed 's/^/# /' "$scratch/out.$n"
    failed=1
  fi
}

skip() {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

use_installed() {
  local root=$1
  installed_pc=$(find "$root" -name futures-glib-1.0.pc | head -n 1)
  installed_lib=$(find "$root" -name 'libfutures-glib-1.0.so' | head -n 1)
  installed_typelib=$(find "$root" -name Futures-1.0.typelib | head -n 1)
  installed_override=$(find "$root" -path '*/gi/overrides/Futures.py' | head -n 1)
  # gi/overrides/Futures.py lies in the site directory.
  export LD_LIBRARY_PATH=${installed_lib%/*}
  export GI_TYPELIB_PATH=${installed_typelib%/*}
  export PYTHONPATH=${installed_override%/gi/overrides/Futures.py}
  unset G_TEST_SRCDIR G_TEST_BUILDDIR
}
