#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Every file in the source tree names its license: an SPDX line in its
first lines, or a Files: entry in .reuse/dep5 (for files that cannot carry
one). License texts under LICENSES/ are exempt. Prints each offender."""
import fnmatch
import os
import sys

SKIP_DIRS = {'.git', '__pycache__'}
HEAD_BYTES = 2048


def dep5_patterns(root):
    pats = []
    path = os.path.join(root, '.reuse', 'dep5')
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('Files:'):
                pats += line.split()[1:]
    return pats


def main():
    root = os.path.abspath(sys.argv[1])
    pats = dep5_patterns(root)
    bad = []
    count = 0
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and
                       not (rel_dir == '.' and d.startswith('build'))]
        for name in filenames:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if rel.startswith('LICENSES' + os.sep):
                continue
            count += 1
            if any(fnmatch.fnmatch(rel, p) for p in pats):
                continue
            with open(os.path.join(root, rel), 'rb') as f:
                head = f.read(HEAD_BYTES)
            if b'SPDX-License-Identifier:' not in head:
                bad.append(rel)
    for rel in sorted(bad):
        print(f'{rel}: no SPDX-License-Identifier line and not in .reuse/dep5')
    print(f'{count} files checked, {len(bad)} without a license line')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
