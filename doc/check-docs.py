#!/usr/bin/env python3
# check-docs.py: the documentation test (futures-glib-doc-check), TAP.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Fails on anything wrong with the gtk-doc reference, with zero tolerance.

Run by meson from doc/meson.build once the reference is built; the
arguments repeat the ones given to gnome.gtkdoc() there, so the checks see
the same build. Each check is one TAP test case:

1. gtkdoc-check passes (what gnome.gtkdoc's check: true used to run).
2. Coverage: every symbol documented, none incomplete, no undeclared
   symbol, no unused documentation.
3. gtk-doc warns about nothing. meson does not keep the output of the doc
   build, so the last three stages (gtkdoc-mkdb, gtkdoc-mkhtml,
   gtkdoc-fixxref) run again here in a scratch copy of the doc build
   directory, with the same arguments, and every line they print counts:
   "no link for" from fixxref (a cross-reference nothing resolves, such as
   a GLib name while the GLib manuals are not installed), mkdb's warnings,
   xsltproc's errors. One message is not a fault: gtk-doc 1.33 says
   "Property X has no documentation" for every property whose blurb is
   NULL (the project's style), documented or not; whether a property is
   documented is check 2's business, as mkdb counts properties there.
4. No link in the HTML is broken: every link to a local file reaches an
   existing file and, with a #fragment, an existing anchor in it (links
   into the GLib, GObject and GIO manuals included), and no unresolved
   cross-reference is left over.
5. The index pages and the annotation glossary are there and complete:
   every symbol in the full index, every annotation used explained.
6. Every function that returns a pointer that is not const annotates its
   ownership ((transfer full) or (transfer none)); the scanner assumes
   one silently otherwise.
7. Every guide page is in the book, and the guide has every topic the
   project promises (REQUIRED_GUIDES).
"""

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

# The guide's refentry ids, one per topic the reference must cover.
REQUIRED_GUIDES = {
    'futures-overview': 'overview',
    'futures-threading': 'threading rules',
    'futures-cancellation': 'cancellation',
    'futures-process-workers': 'process workers',
    'futures-task-types': 'writing a task type',
    'futures-testing': 'testing',
    'futures-from-gtask': 'coming from GTask',
    'futures-bindings': 'bindings from Python and JavaScript',
    'futures-gtk': 'using futures in a GTK application',
}

BLURB_WARNING = re.compile(
    r'^\S+\.args:\d+: warning: Property \S+ has no documentation\.$')

MAX_DIAGNOSTICS = 60


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def result(self, name, problems):
        self.n += 1
        if problems:
            self.failed += 1
            print(f'not ok {self.n} - {name}')
            for line in problems[:MAX_DIAGNOSTICS]:
                for part in str(line).splitlines() or ['']:
                    print(f'#   {part}')
            if len(problems) > MAX_DIAGNOSTICS:
                print(f'#   ... and {len(problems) - MAX_DIAGNOSTICS} more')
        else:
            print(f'ok {self.n} - {name}')
        sys.stdout.flush()


def read_lines(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return f.read().splitlines()


def check_gtkdoc_check(opts):
    env = dict(os.environ, DOC_MODULE=opts.module, DOC_MAIN_SGML_FILE=opts.main_xml)
    proc = subprocess.run(['gtkdoc-check'], cwd=opts.build_dir, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, check=False)
    if proc.returncode != 0:
        return [f'gtkdoc-check exited with {proc.returncode}'] + proc.stdout.splitlines()
    return []


def check_coverage(opts):
    problems = []
    base = os.path.join(opts.build_dir, opts.module)
    lines = read_lines(base + '-undocumented.txt')
    wanted = {
        r'^(\d+)% symbol docs coverage\.$': '100',
        r'^(\d+) symbols? incomplete\.$': '0',
        r'^(\d+) not documented\.$': '0',
    }
    for pattern, value in wanted.items():
        found = [m.group(1) for m in map(re.compile(pattern).match, lines) if m]
        if found != [value]:
            problems.append(f'{opts.module}-undocumented.txt: expected a line /{pattern}/ '
                            f'with {value}, found {found or "none"}')
    listed = [l for l in lines[4:] if l.strip()]
    problems += [f'undocumented or incomplete: {l}' for l in listed]
    for suffix, what in (('-undeclared.txt', 'documented but not declared'),
                         ('-unused.txt', 'documentation not used')):
        path = base + suffix
        if os.path.exists(path):
            problems += [f'{what}: {l}' for l in read_lines(path) if l.strip()]
    return problems


def run_stage(cmd, cwd):
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, check=False)
    lines = [l for l in proc.stdout.splitlines() if l.strip()]
    if proc.returncode != 0:
        lines.append(f'{os.path.basename(cmd[0])} exited with {proc.returncode}')
    return lines


def check_warnings(opts):
    """mkdb, mkhtml and fixxref again, in a scratch copy; no output allowed."""
    m = opts.module
    scratch = tempfile.mkdtemp(prefix='futures-doc-check-')
    try:
        work = os.path.join(scratch, 'doc')
        shutil.copytree(opts.build_dir, work, symlinks=True,
                        ignore=shutil.ignore_patterns('html', '*.stamp'))
        os.mkdir(os.path.join(work, 'html'))
        # As meson's gtkdochelper runs them (meson 1.0).
        mkdb = (['gtkdoc-mkdb', f'--module={m}', '--output-format=xml',
                 '--expand-content-files=' + ' '.join(opts.expand)]
                + [f'--source-dir={d}' for d in opts.source_dir]
                + ['--xml-mode', f'--main-sgml-file={opts.main_xml}']
                + opts.mkdb_arg)
        mkhtml = (['gtkdoc-mkhtml', '--path=' + os.pathsep.join((opts.source_doc_dir, work)), m]
                  + opts.html_arg + ['../' + opts.main_xml])
        fixxref = ['gtkdoc-fixxref', f'--module={m}', '--module-dir=html'] + opts.fixxref_arg
        output = []
        for cmd, cwd in ((mkdb, work), (mkhtml, os.path.join(work, 'html')), (fixxref, work)):
            output += [f'{os.path.basename(cmd[0])}: {l}' for l in run_stage(cmd, cwd)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    problems = [l for l in output if not BLURB_WARNING.match(l.split(': ', 1)[1])]
    if any('no link for' in l for l in problems):
        problems.insert(0, '(links into GLib, GObject and GIO need their manuals: '
                        'the Debian package libglib2.0-doc, see tools/setup-deps.sh)')
    return problems


class Page:
    """The ids and names of a page, and its links (with line numbers).

    gtk-doc's HTML is regular enough for regular expressions, which read
    the large GLib pages many times faster than an HTML parser.
    """

    ANCHOR = re.compile(r'<[A-Za-z][^>]*?\s(?:id|name)="([^"]*)"')
    LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"', re.I)
    LEFTOVER = re.compile(r'<gtkdoclink\b[^>]*>', re.I)

    def __init__(self, path):
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
        self.text = text
        self.ids = {html.unescape(m) for m in self.ANCHOR.findall(text)}
        self.links = [(m.start(), html.unescape(m.group(1))) for m in self.LINK.finditer(text)]
        self.leftovers = [(m.start(), m.group(0)) for m in self.LEFTOVER.finditer(text)]

    def line(self, offset):
        return self.text.count('\n', 0, offset) + 1


_pages = {}


def parse_page(path):
    if path not in _pages:
        _pages[path] = Page(path)
    return _pages[path]


def check_links(opts):
    problems = []
    html_dir = os.path.join(opts.build_dir, 'html')
    pages = sorted(f for f in os.listdir(html_dir) if f.endswith('.html'))
    n_links = 0
    for name in pages:
        path = os.path.join(html_dir, name)
        page = parse_page(path)
        for offset, target in page.leftovers:
            problems.append(f'{name}:{page.line(offset)}: unresolved cross-reference {target}')
        for offset, href in page.links:
            url = urllib.parse.urlsplit(href)
            if url.scheme in ('http', 'https', 'mailto', 'ftp'):
                continue  # not checked offline
            n_links += 1
            if href == '#':
                continue  # gtk-doc's "Top" shortcut: the page itself
            if url.scheme not in ('', 'file') or (not url.path and not url.fragment):
                problems.append(f'{name}:{page.line(offset)}: bad link "{href}"')
                continue
            if url.path:
                target = urllib.parse.unquote(url.path)
                if not os.path.isabs(target):
                    target = os.path.normpath(os.path.join(html_dir, target))
            else:
                target = path
            if not os.path.isfile(target):
                problems.append(f'{name}:{page.line(offset)}: link to a missing file: {href}')
                continue
            if url.fragment and target.endswith('.html'):
                if urllib.parse.unquote(url.fragment) not in parse_page(target).ids:
                    problems.append(f'{name}:{page.line(offset)}: link to a missing anchor: {href}')
    if n_links == 0:
        problems.append(f'no links at all in {html_dir}')
    return problems


def sections_symbols(opts):
    """The public symbols of the sections file."""
    symbols = []
    private = False
    for line in read_lines(os.path.join(opts.source_doc_dir, opts.module + '-sections.txt')):
        line = line.strip()
        if line.startswith('<SECTION>'):
            private = False
        elif line.startswith('<SUBSECTION'):
            private = 'Private' in line
        elif line and not line.startswith(('<', '#')) and not private:
            symbols.append(line)
    return symbols


def check_indexes(opts):
    problems = []
    html_dir = os.path.join(opts.build_dir, 'html')
    for name in ('api-index-full.html', 'api-index-deprecated.html',
                 'annotation-glossary.html'):
        if not os.path.isfile(os.path.join(html_dir, name)):
            problems.append(f'missing {name}')
    if problems:
        return problems

    index = parse_page(os.path.join(html_dir, 'api-index-full.html'))
    indexed = {urllib.parse.urlsplit(href).fragment for _, href in index.links}
    with open(os.path.join(html_dir, 'api-index-full.html'), encoding='utf-8') as f:
        index_text = f.read()
    symbols = sections_symbols(opts)
    for symbol in symbols:
        if symbol not in index_text:
            problems.append(f'api-index-full.html does not list {symbol}')
    if len(indexed) < len(symbols) // 2:
        problems.append(f'api-index-full.html has only {len(indexed)} entries')

    # Annotations show as <acronym>s ("transfer full", "closure" for
    # "closure user_data", ...) explained by the glossary's entries.
    glossary = parse_page(os.path.join(html_dir, 'annotation-glossary.html'))
    prefix = 'annotation-glossterm-'
    terms = {urllib.parse.unquote(i)[len(prefix):] for i in glossary.ids if i.startswith(prefix)}
    used = set()
    for name in os.listdir(html_dir):
        if name.endswith('.html') and name != 'annotation-glossary.html':
            with open(os.path.join(html_dir, name), encoding='utf-8') as f:
                used.update(re.findall(r'<span class="acronym">([^<]+)</span>', f.read()))
    if not used:
        problems.append('no annotation anywhere in the reference: are they lost?')
    for term in sorted(used):
        if term not in terms and term.split()[0] not in terms:
            problems.append(f'annotation-glossary.html does not explain "{term}"')
    for must in ('transfer full', 'transfer none', 'nullable', 'out', 'scope async'):
        if must not in terms:
            problems.append(f'annotation-glossary.html has no entry "{must}"')
    return problems


def check_transfer(opts):
    """Every function that returns a non-const pointer says who owns it."""
    problems = []
    html_dir = os.path.join(opts.build_dir, 'html')
    with open(os.path.join(opts.build_dir, opts.module + '-decl.txt'), encoding='utf-8') as f:
        decl = f.read()
    functions = re.findall(r'<FUNCTION>\n<NAME>(\w+)</NAME>\n<RETURNS>(.*?)</RETURNS>', decl)
    pages = {}
    for name in os.listdir(html_dir):
        if name.endswith('.html'):
            with open(os.path.join(html_dir, name), encoding='utf-8') as f:
                pages[name] = f.read()
    n_checked = 0
    for function, returns in functions:
        returns = returns.strip()
        if '*' not in returns or returns.startswith('const '):
            continue
        n_checked += 1
        anchor = f'<a name="{function.replace("_", "-")}.returns"></a>'
        section = next((text[text.index(anchor):].split('<hr>', 1)[0]
                        for text in pages.values() if anchor in text), None)
        if section is None:
            problems.append(f'{function}() ({returns}): no "Returns" section')
        elif not re.search(r'<span class="acronym">transfer (full|none|container|floating)</span>',
                           section):
            problems.append(f'{function}() ({returns}): no (transfer ...) annotation on its return value')
    if n_checked == 0:
        problems.append('no function returning a pointer found: is the decl file empty?')
    return problems


def check_guide(opts):
    problems = []
    html_dir = os.path.join(opts.build_dir, 'html')
    with open(os.path.join(opts.source_doc_dir, opts.main_xml), encoding='utf-8') as f:
        main_xml = f.read()
    ids = set()
    for page in opts.expand:
        name = os.path.basename(page)
        with open(page, encoding='utf-8') as f:
            m = re.search(r'<refentry\s+id="([^"]+)"', f.read())
        if not m:
            problems.append(f'{name}: no <refentry id="...">')
            continue
        ids.add(m.group(1))
        if f'href="xml/{name}"' not in main_xml:
            problems.append(f'{opts.main_xml} does not include xml/{name}')
        if not os.path.isfile(os.path.join(html_dir, m.group(1) + '.html')):
            problems.append(f'{name}: no page {m.group(1)}.html in the HTML')
    guide = os.path.join(html_dir, 'guide.html')
    listed = {os.path.splitext(urllib.parse.urlsplit(h).path)[0]
              for _, h in parse_page(guide).links} if os.path.isfile(guide) else set()
    for page_id, topic in REQUIRED_GUIDES.items():
        if page_id not in ids:
            problems.append(f'no guide page about {topic} (refentry id {page_id})')
        elif page_id not in listed:
            problems.append(f'guide.html does not list {page_id}')
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--module', required=True)
    parser.add_argument('--main-xml', required=True)
    parser.add_argument('--build-dir', required=True, help='the doc build directory')
    parser.add_argument('--source-doc-dir', required=True, help='doc/ in the source tree')
    parser.add_argument('--source-dir', action='append', default=[],
                        help='a directory of headers and sources, as for gtkdoc-scan')
    parser.add_argument('--expand', action='append', default=[],
                        help='a guide page (absolute path)')
    parser.add_argument('--mkdb-arg', action='append', default=[])
    parser.add_argument('--html-arg', action='append', default=[])
    parser.add_argument('--fixxref-arg', action='append', default=[])
    opts = parser.parse_args()

    checks = [
        ('gtkdoc-check passes', check_gtkdoc_check),
        ('every symbol documented, none incomplete, undeclared or unused', check_coverage),
        ('gtk-doc (mkdb, mkhtml, fixxref) prints no warning, no "no link for"', check_warnings),
        ('every local link and anchor in the HTML resolves', check_links),
        ('index pages and annotation glossary present and complete', check_indexes),
        ('every returned pointer has a (transfer) annotation', check_transfer),
        ('every guide page in the book, every guide topic present', check_guide),
    ]
    print(f'1..{len(checks)}')
    tap = Tap()
    for name, check in checks:
        try:
            problems = check(opts)
        except Exception as exc:  # noqa: B902 - a crash is a failure of that check
            problems = [f'{type(exc).__name__}: {exc}']
        tap.result(name, problems)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
