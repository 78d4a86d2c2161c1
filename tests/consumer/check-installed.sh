#!/bin/bash
# check-installed.sh BUILD_DIR SOURCE_DIR DOCS_BUILT: install the build into a
# scratch root and use it the way a user would: build consumer.c with
# pkg-config alone, run it, and load the typelib from Python. TAP output.
set -u

build=$1
src=$2
docs_built=$3
# shellcheck source=tests/install-common.sh
source "$(dirname "$0")/../install-common.sh"

echo "1..10"

check "meson install" meson install -C "$build" --no-rebuild --destdir "$scratch/root"
use_installed "$scratch/root"
gir=$(find "$scratch/root" -name Futures-1.0.gir | head -n 1)

check "headers under futures-glib-1.0/futures-glib/" \
  test -f "$(find "$scratch/root" -path '*/include/futures-glib-1.0/futures-glib/futures-glib.h' | head -n 1)"
check "GIR and typelib installed" test -f "$gir" -a -f "$installed_typelib"
check "French message catalog installed" \
  test -n "$(find "$scratch/root" -path '*/fr/LC_MESSAGES/futures-glib-1.0.mo')"
if [ "$docs_built" = true ]; then
  check "gtk-doc HTML installed" \
    test -n "$(find "$scratch/root" -path '*/gtk-doc/html/futures-glib/index.html')"
else
  skip "gtk-doc HTML installed" "documentation disabled"
fi

# The scratch root stands for the prefix: point the .pc file at it, as if
# the library had been installed there.
mkdir -p "$scratch/pkgconfig"
prefix=$(pkg-config --variable=prefix "$installed_pc")
sed "s|^prefix=.*|prefix=$scratch/root$prefix|" "$installed_pc" > "$scratch/pkgconfig/futures-glib-1.0.pc"
export PKG_CONFIG_PATH="$scratch/pkgconfig"
check "pkg-config knows futures-glib-1.0" pkg-config --exists futures-glib-1.0
# shellcheck disable=SC2046
check "consumer builds with pkg-config alone" \
  cc -Wall -Werror -o "$scratch/consumer" "$src/consumer.c" \
     $(pkg-config --cflags --libs futures-glib-1.0)
check "consumer runs against the installed library" "$scratch/consumer"
check "Python loads the installed typelib" \
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

check "the installed Python override runs a Python callable" \
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
