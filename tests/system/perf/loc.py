# SPDX-License-Identifier: GPL-2.0-only
"""Lines of code of the hypervisor: non-blank lines of its .c, .h and .S
files that hold something besides comments (C /* */ and // comments
removed first; a line with code and a comment counts)."""
import os
import re

METHOD = ('non-blank lines of .c/.h/.S files after removing /* */ and // '
          'comments')
_COMMENTS = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"',
                       re.DOTALL)


def _strip(text):
    # keep string literals (a "//" inside one is not a comment)
    return _COMMENTS.sub(lambda m: m.group(0) if m.group(0)[0] == '"'
                         else ('\n' * m.group(0).count('\n')), text)


def count_file(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        text = _strip(f.read())
    return sum(1 for line in text.splitlines() if line.strip())


def _count_dir(top):
    n = 0
    for root, _dirs, files in os.walk(top):
        for name in files:
            if name.endswith(('.c', '.h', '.S')):
                n += count_file(os.path.join(root, name))
    return n


def count_tree(hv):
    """hv/: core (core + include), arch, drivers and the total."""
    core = _count_dir(os.path.join(hv, 'core')) + \
        _count_dir(os.path.join(hv, 'include'))
    arch = _count_dir(os.path.join(hv, 'arch'))
    drivers = _count_dir(os.path.join(hv, 'drivers'))
    return {'core': core, 'arch': arch, 'drivers': drivers,
            'total': _count_dir(hv)}
