#!/usr/bin/env python3
# run-installed-tests.py: run the installed tests of futures-glib the way
# gnome-desktop-testing-runner does, and report every test case.
#
# usage: run-installed-tests.py [--first N] [--timeout SECONDS] DIR
#
# DIR holds the installed .test files (datadir/installed-tests/
# futures-glib-1.0). Each one's Exec runs, split like a shell would, in a
# fresh empty working directory, with G_TEST_SRCDIR and G_TEST_BUILDDIR
# removed from the environment so that nothing reaches back into a build
# tree. Its TAP output becomes TAP on our stdout, one line per case,
# numbered from N and named "FILE.test: CASE"; "#" lines pass through.
# A program that exits with an error, times out, bails out or reports
# another number of cases than it planned, without reporting a failed
# case, adds one "not ok" of its own: a crash never looks like a pass.
# No plan line: the caller prints it. Exit status 1 when anything failed.
#
# Plain Python 3, no PyGObject: the tests pick their own interpreter.

import argparse
import configparser
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile

RESULT = re.compile(r'^(not ok|ok)\b\s*(?:\d+\b)?\s*(?:- )?(.*)$')
PLAN = re.compile(r'^1\.\.(\d+)')
RUNNABLE_TYPES = {'session', 'session-exclusive'}
KEEP_STDERR_LINES = 40
SKIPPED = 77  # the exit status of a program that skipped itself


class Report:
    def __init__(self, first):
        self.number = first - 1
        self.failed = False

    def result(self, ok, name, directive=''):
        self.number += 1
        self.failed |= not ok
        status = 'ok' if ok else 'not ok'
        print(f'{status} {self.number} - {name}{directive}', flush=True)

    @staticmethod
    def comment(text):
        for line in text.rstrip('\n').splitlines():
            print(f'# {line}' if line else '#')


def read_test_file(path):
    keyfile = configparser.ConfigParser(interpolation=None)
    keyfile.optionxform = str
    keyfile.read(path, encoding='utf-8')
    return keyfile['Test'] if keyfile.has_section('Test') else {}


def run_one(path, timeout, env, report):
    name = os.path.basename(path)
    try:
        test = read_test_file(path)
        argv = shlex.split(test.get('Exec', ''))
    except (configparser.Error, ValueError) as e:
        report.result(False, f'{name}: not a readable .test file ({e})')
        return
    if not argv:
        report.result(False, f'{name}: no [Test] group with an Exec line')
        return
    test_type = test.get('Type', 'session')
    if test_type not in RUNNABLE_TYPES:
        report.result(True, name, f' # SKIP Type={test_type}')
        return
    tap = test.get('Output', '') == 'TAP'

    with tempfile.TemporaryDirectory(prefix='futures-installed-test-') as cwd:
        try:
            # A session of its own, so that a timeout stops its worker
            # processes too.
            proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, errors='replace', start_new_session=True)
        except OSError as e:
            report.result(False, f'{name}: cannot run {argv[0]} ({e.strerror})')
            return
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
            if proc.returncode in (0, SKIPPED):
                error = None
            elif proc.returncode < 0:
                error = f'killed by {signal.Signals(-proc.returncode).name}'
            else:
                error = f'exited with status {proc.returncode}'
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            error = f'timed out after {timeout} s'

    planned = None
    reported = failed = 0
    bailed = None
    for line in stdout.splitlines() if tap else []:
        if m := RESULT.match(line):
            reported += 1
            failed += m.group(1) == 'not ok'
            case, _, directive = m.group(2).partition(' # ')
            report.result(m.group(1) == 'ok', f'{name}: {case.strip()}',
                          f' # {directive}' if directive else '')
        elif m := PLAN.match(line):
            planned = int(m.group(1))
        elif line.startswith('Bail out!'):
            bailed = line
        elif line.startswith('#'):
            print(line)

    if error is None and proc.returncode == SKIPPED and reported == 0:
        report.result(True, name, ' # SKIP the program skipped itself')
        return
    if bailed and error is None:
        error = bailed
    if error is None and tap and planned is None:
        error = 'printed no TAP plan'
    if error is None and planned is not None and reported != planned:
        error = f'planned {planned} cases, reported {reported}'
    if error is not None:
        # A failure the program did not report itself (a crash, a
        # timeout) counts once.
        if failed == 0:
            report.result(False, f'{name}: {error}')
        Report.comment(' '.join(shlex.quote(a) for a in argv))
        Report.comment('\n'.join(stderr.splitlines()[-KEEP_STDERR_LINES:]))
    elif not tap:
        report.result(True, name)
    elif reported == 0:
        report.result(True, name, ' # SKIP no test cases')


def main():
    parser = argparse.ArgumentParser(
        description='Run the installed .test files of futures-glib; TAP output.')
    parser.add_argument('--first', type=int, default=1,
                        help='number of the first TAP result (default 1)')
    parser.add_argument('--timeout', type=int, default=300,
                        help='seconds one .test file may run (default 300)')
    parser.add_argument('dir', help='directory of the installed .test files')
    args = parser.parse_args()

    tests = sorted(f for f in os.listdir(args.dir) if f.endswith('.test'))
    report = Report(args.first)
    if not tests:
        report.result(False, f'no .test files in {args.dir}')
    env = {k: v for k, v in os.environ.items()
           if k not in ('G_TEST_SRCDIR', 'G_TEST_BUILDDIR')}
    for test in tests:
        run_one(os.path.join(args.dir, test), args.timeout, env, report)
    return 1 if report.failed else 0


if __name__ == '__main__':
    sys.exit(main())
