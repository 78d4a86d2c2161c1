#!/usr/bin/env python3
# count-results.py: add up the results of one or more meson test runs.
#
# usage: count-results.py LABEL=testlog.json [LABEL=testlog.json ...]
#
# Each TAP test program counts one result per test case it reports; a
# program that crashed or bailed out counts one failure more than the cases
# it reported as failed, so a crash can never look like a pass. Other tests
# count one result each. Prints a line per run and, last, the closing line
# "N passed, N failed, N skipped".

import json
import re
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b(.*)$')
PASSING = {'OK', 'EXPECTEDFAIL'}


def count_log(path):
    passed = failed = skipped = 0
    failures = []
    with open(path, encoding='utf-8', errors='replace') as log:
        for line in log:
            entry = json.loads(line)
            result = entry['result']
            tap = [TAP_LINE.match(l) for l in entry.get('stdout', '').splitlines()]
            tap = [m for m in tap if m]
            if not tap:
                if result == 'SKIP':
                    skipped += 1
                elif result in PASSING:
                    passed += 1
                else:
                    failed += 1
                    failures.append(entry['name'])
                continue
            case_failures = 0
            for m in tap:
                if m.group(1) == 'not ok':
                    failed += 1
                    case_failures += 1
                elif '# SKIP' in m.group(2).upper():
                    skipped += 1
                else:
                    passed += 1
            if result not in PASSING and result != 'SKIP':
                failures.append(entry['name'])
                if case_failures == 0:
                    failed += 1
    return passed, failed, skipped, failures


def main(argv):
    total = [0, 0, 0]
    for arg in argv[1:]:
        label, _, path = arg.partition('=')
        try:
            passed, failed, skipped, failures = count_log(path)
        except OSError as e:
            print(f'{label}: no results ({e.strerror}): counted as 1 failure')
            passed, failed, skipped, failures = 0, 1, 0, [label]
        print(f'{label}: {passed} passed, {failed} failed, {skipped} skipped')
        for name in failures:
            print(f'  FAILED: {name}')
        total[0] += passed
        total[1] += failed
        total[2] += skipped
    print(f'{total[0]} passed, {total[1]} failed, {total[2]} skipped')
    return 1 if total[1] else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
