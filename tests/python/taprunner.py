# taprunner.py: run a unittest module and report it as TAP for meson.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys
import traceback
import unittest


class TapResult(unittest.TestResult):
    def __init__(self, stream):
        super().__init__()
        self.stream = stream
        self.number = 0

    def _emit(self, ok, test, detail=None, directive=''):
        self.number += 1
        status = 'ok' if ok else 'not ok'
        self.stream.write(f'{status} {self.number} - {test.id()}{directive}\n')
        if detail:
            for line in detail.rstrip().splitlines():
                self.stream.write(f'# {line}\n')
        self.stream.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self._emit(True, test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._emit(False, test, ''.join(traceback.format_exception(*err)))

    def addError(self, test, err):
        super().addError(test, err)
        self._emit(False, test, ''.join(traceback.format_exception(*err)))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._emit(True, test, directive=f' # SKIP {reason}')


def main(module='__main__'):
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[module])
    sys.stdout.write(f'1..{suite.countTestCases()}\n')
    result = TapResult(sys.stdout)
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
