#!/bin/bash
# check-installed.sh BUILD_DIR SOURCE_DIR DOCS_BUILT: install the build into a
# scratch root and use it the way a user would: build consumer.c with
# pkg-config alone, run it, and load the typelib from Python. TAP output.
set -u

build=$1
src=$2
docs_built=$3
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

n=0
failed=0
check() {
  local name=$1; shift
  n=$((n + 1))
  if "$@" >"$dest/out.$n" 2>&1; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name"
    sed 's/^/# /' "$dest/out.$n"
    failed=1
  fi
}

echo "1..10"

check "meson install" meson install -C "$build" --no-rebuild --destdir "$dest/root"

pc=$(find "$dest/root" -name futures-glib-1.0.pc | head -n 1)
lib=$(find "$dest/root" -name 'libfutures-glib-1.0.so' | head -n 1)
typelib=$(find "$dest/root" -name Futures-1.0.typelib | head -n 1)
gir=$(find "$dest/root" -name Futures-1.0.gir | head -n 1)

check "headers under futures-glib-1.0/futures-glib/" \
  test -f "$(find "$dest/root" -path '*/include/futures-glib-1.0/futures-glib/futures-glib.h' | head -n 1)"
check "GIR and typelib installed" test -f "$gir" -a -f "$typelib"
check "French message catalog installed" \
  test -n "$(find "$dest/root" -path '*/fr/LC_MESSAGES/futures-glib-1.0.mo')"
if [ "$docs_built" = true ]; then
  check "gtk-doc HTML installed" \
    test -n "$(find "$dest/root" -path '*/gtk-doc/html/futures-glib/index.html')"
else
  n=$((n + 1)); echo "ok $n - gtk-doc HTML installed # SKIP documentation disabled"
fi

# The scratch root stands for the prefix: point the .pc file at it, as if
# the library had been installed there.
mkdir -p "$dest/pkgconfig"
prefix=$(pkg-config --variable=prefix "$pc")
sed "s|^prefix=.*|prefix=$dest/root$prefix|" "$pc" > "$dest/pkgconfig/futures-glib-1.0.pc"
export PKG_CONFIG_PATH="$dest/pkgconfig"
check "pkg-config knows futures-glib-1.0" pkg-config --exists futures-glib-1.0
# shellcheck disable=SC2046
check "consumer builds with pkg-config alone" \
  cc -Wall -Werror -o "$dest/consumer" "$src/consumer.c" \
     $(pkg-config --cflags --libs futures-glib-1.0)
check "consumer runs against the installed library" \
  env LD_LIBRARY_PATH="$(dirname "$lib")" "$dest/consumer"
check "Python loads the installed typelib" \
  env LD_LIBRARY_PATH="$(dirname "$lib")" GI_TYPELIB_PATH="$(dirname "$typelib")" \
  /usr/bin/python3 -c "
import gi
gi.require_version('Futures', '1.0')
from gi.repository import Futures
r = Futures.ThreadRouter.new()
r.start()
s, rc = r.pipe()
assert s.get_connection_id() == rc.props.connection_id
r.close_pipe(rc)
r.stop()
"

override=$(find "$dest/root" -path '*/gi/overrides/Futures.py' | head -n 1)
check "the installed Python override runs a Python callable" \
  env LD_LIBRARY_PATH="$(dirname "$lib")" GI_TYPELIB_PATH="$(dirname "$typelib")" \
  PYTHONPATH="$(dirname "$(dirname "$(dirname "$override")")")" \
  /usr/bin/python3 -c "
import gi
gi.require_version('Futures', '1.0')
from gi.repository import Futures, GLib
assert Futures.Executor.__module__ == 'gi.overrides.Futures', Futures.Executor.__module__
ex = Futures.Executor()
f = ex.submit_call(lambda a, b: [a, b], 1, 'x')
while not f.props.done:
    GLib.MainContext.default().iteration(True)
ex.shutdown(10000)
assert f.get_result() == [1, 'x'], f.get_result()
"

exit $failed
