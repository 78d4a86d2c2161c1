#!/usr/bin/python3
# run_example.py: run a Python example as a test, failing it when any of
# its callbacks raised.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# PyGObject prints an exception raised in a signal handler or callback
# (through sys.excepthook) and carries on, so an example whose handler
# breaks would still exit with status 0: here it exits with 1.
#
#   run_example.py EXAMPLE.py [ARGUMENTS...]

import runpy
import sys

raised = []


def excepthook(*exc_info):
    raised.append(exc_info)
    sys.__excepthook__(*exc_info)


sys.excepthook = excepthook
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name='__main__')
if raised:
    print(f'{sys.argv[0]}: {len(raised)} exception(s) raised in callbacks', file=sys.stderr)
    sys.exit(1)
