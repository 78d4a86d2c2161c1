#!/bin/sh
# check-only.sh BENCH: futures-bench's command line, not its figures.
# --only runs the workloads it names and no other; a name it does not
# know is refused with status 2 before anything runs.
set -eu
bench=$1

out=$("$bench" --quick --only w4)
printf '%s\n' "$out"
printf '%s\n' "$out" | grep -q '^W4 ' || { echo "FAIL: --only w4 did not run W4"; exit 1; }
if printf '%s\n' "$out" | grep -q '^W[12356] '; then
  echo "FAIL: --only w4 ran another workload"
  exit 1
fi

status=0
"$bench" --quick --only W4,W9 >/dev/null 2>&1 || status=$?
[ "$status" = 2 ] || { echo "FAIL: --only W4,W9 exited with $status, not 2"; exit 1; }
echo "ok: --only runs what it names and refuses an unknown name"
