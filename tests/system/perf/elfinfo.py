# SPDX-License-Identifier: GPL-2.0-only
"""What run-perf.py needs from an ELF64 little-endian file, read from its
section headers: a symbol's value and the size of the loaded image
(text/data/bss the way binutils' `size` counts them)."""
import struct

SHT_SYMTAB, SHT_NOBITS = 2, 8
SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 1, 2, 4


def _sections(data):
    if data[:4] != b'\x7fELF' or data[4] != 2 or data[5] != 1:
        raise ValueError('not a 64-bit little-endian ELF file')
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3a)
    secs = []
    for i in range(shnum):
        (name, typ, flags, _addr, off, size, link, _info, _align,
         entsize) = struct.unpack_from('<IIQQQQIIQQ', data,
                                       shoff + i * shentsize)
        secs.append({'name': name, 'type': typ, 'flags': flags,
                     'offset': off, 'size': size, 'link': link,
                     'entsize': entsize})
    strtab = secs[shstrndx]
    for s in secs:
        end = data.index(b'\0', strtab['offset'] + s['name'])
        s['name'] = data[strtab['offset'] + s['name']:end].decode()
    return secs


def symbol(path, name):
    """Value of the symbol NAME; ValueError if it is not there."""
    with open(path, 'rb') as f:
        data = f.read()
    secs = _sections(data)
    for s in secs:
        if s['type'] != SHT_SYMTAB:
            continue
        strs = secs[s['link']]['offset']
        for off in range(s['offset'], s['offset'] + s['size'], 24):
            st_name, = struct.unpack_from('<I', data, off)
            value, = struct.unpack_from('<Q', data, off + 8)
            end = data.index(b'\0', strs + st_name)
            if data[strs + st_name:end].decode() == name:
                return value
    raise ValueError('%s: no symbol %s' % (path, name))


def size(path):
    """{'text', 'data', 'bss'} in bytes over the allocated sections."""
    with open(path, 'rb') as f:
        secs = _sections(f.read())
    out = {'text': 0, 'data': 0, 'bss': 0}
    for s in secs:
        if not s['flags'] & SHF_ALLOC:
            continue
        if s['type'] == SHT_NOBITS:
            out['bss'] += s['size']
        elif s['flags'] & SHF_WRITE:
            out['data'] += s['size']
        else:
            out['text'] += s['size']
    return out


def functions(path):
    """(name, address) of every code symbol: functions and the plain
    labels of assembly (STT_FUNC, STT_NOTYPE) defined in a section."""
    with open(path, 'rb') as f:
        data = f.read()
    secs = _sections(data)
    out = []
    for s in secs:
        if s['type'] != SHT_SYMTAB:
            continue
        strs = secs[s['link']]['offset']
        for off in range(s['offset'] + 24, s['offset'] + s['size'], 24):
            st_name, st_info, _other, shndx = struct.unpack_from(
                '<IBBH', data, off)
            value, = struct.unpack_from('<Q', data, off + 8)
            end = data.index(b'\0', strs + st_name)
            name = data[strs + st_name:end].decode()
            if (st_info & 0xf) in (0, 2) and shndx != 0 and name and \
                    not name.startswith('$'):
                out.append((name, value))
    return out
