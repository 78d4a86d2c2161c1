#!/bin/sh
# check-memory.sh BENCH: W4, the one figure of futures-bench that is not
# a timing: heap bytes per in-flight call (mallinfo2, GSlice off) are the
# same from run to run, so the goal is checked here. An in-flight call
# future must cost no more than a GTask run in a thread, measured the
# same way in the same run.
set -eu
bench=$1

out=$("$bench" --only W4)
printf '%s\n' "$out"
ours=$(printf '%s\n' "$out" | awk '/^  futures-glib call future / { print $(NF - 1) }')
gtask=$(printf '%s\n' "$out" | awk '/^  GTask \+ g_task_run_in_thread / { print $(NF - 1) }')
case "$ours$gtask" in
  ''|*[!0-9]*) echo "FAIL: could not read W4's figures (ours '$ours', GTask '$gtask')"; exit 1 ;;
esac
if [ "$ours" -gt "$gtask" ]; then
  echo "FAIL: an in-flight call costs $ours B, a GTask $gtask B"
  exit 1
fi
echo "ok: an in-flight call costs $ours B, a GTask $gtask B"
