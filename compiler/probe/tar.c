// SPDX-License-Identifier: GPL-2.0-only
/*
 * ustar archives for snapshots (see tar.h). The header layout is POSIX
 * 1003.1-1988 "ustar": 512-byte blocks, octal text numbers, a checksum
 * over the header with the checksum field read as spaces.
 */
#include "probe/tar.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 512

/* Field offsets within a ustar header block. */
enum {
	H_NAME = 0, H_NAME_LEN = 100,
	H_MODE = 100, H_UID = 108, H_GID = 116,
	H_SIZE = 124, H_SIZE_LEN = 12,
	H_MTIME = 136, H_CHKSUM = 148, H_TYPE = 156,
	H_LINK = 157, H_LINK_LEN = 100,
	H_MAGIC = 257, H_VERSION = 263,
	H_PREFIX = 345, H_PREFIX_LEN = 155,
};

static void put_octal(unsigned char *field, size_t width, uint64_t value)
{
	/* width - 1 digits and a NUL, zero-padded */
	field[width - 1] = 0;
	for (size_t i = width - 1; i-- > 0;) {
		field[i] = (unsigned char)('0' + (value & 7));
		value >>= 3;
	}
}

/* Split a long path into prefix and name at a '/' as ustar requires. */
static bool put_path(unsigned char *h, const char *path)
{
	size_t len = strlen(path);

	if (len <= H_NAME_LEN) {
		memcpy(h + H_NAME, path, len);
		return true;
	}
	for (size_t cut = len; cut-- > 0;) {
		if (path[cut] != '/')
			continue;
		if (cut <= H_PREFIX_LEN && len - cut - 1 <= H_NAME_LEN &&
		    len - cut - 1 > 0) {
			memcpy(h + H_PREFIX, path, cut);
			memcpy(h + H_NAME, path + cut + 1, len - cut - 1);
			return true;
		}
	}
	return false;
}

static bool write_header(FILE *out, const char *path, char type,
			 const char *link, size_t size)
{
	unsigned char h[BLOCK];
	unsigned sum = 0;

	memset(h, 0, sizeof(h));
	if (!put_path(h, path)) {
		errno = ENAMETOOLONG;
		return false;
	}
	put_octal(h + H_MODE, 8, type == '2' ? 0777 : 0644);
	put_octal(h + H_UID, 8, 0);
	put_octal(h + H_GID, 8, 0);
	put_octal(h + H_SIZE, H_SIZE_LEN, size);
	put_octal(h + H_MTIME, 12, 0);
	h[H_TYPE] = (unsigned char)type;
	if (link) {
		size_t n = strlen(link);

		if (n > H_LINK_LEN) {
			errno = ENAMETOOLONG;
			return false;
		}
		memcpy(h + H_LINK, link, n);
	}
	memcpy(h + H_MAGIC, "ustar", 6);
	memcpy(h + H_VERSION, "00", 2);
	memset(h + H_CHKSUM, ' ', 8);
	for (size_t i = 0; i < BLOCK; i++)
		sum += h[i];
	put_octal(h + H_CHKSUM, 7, sum);
	h[H_CHKSUM + 7] = ' ';
	return fwrite(h, 1, BLOCK, out) == BLOCK;
}

bool jh_tar_write_file(FILE *out, const char *path, const void *data,
		       size_t len)
{
	static const unsigned char zero[BLOCK];
	size_t pad = (BLOCK - len % BLOCK) % BLOCK;

	if (!write_header(out, path, '0', NULL, len))
		return false;
	if (len && fwrite(data, 1, len, out) != len)
		return false;
	return fwrite(zero, 1, pad, out) == pad;
}

bool jh_tar_write_symlink(FILE *out, const char *path, const char *target)
{
	return write_header(out, path, '2', target, 0);
}

bool jh_tar_write_end(FILE *out)
{
	static const unsigned char zero[2 * BLOCK];

	return fwrite(zero, 1, sizeof(zero), out) == sizeof(zero);
}

/* ------------------------------------------------------------ reading */

/* Parse an octal field; spaces and NULs end it. False on other bytes. */
static bool get_octal(const unsigned char *f, size_t width, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;

	while (i < width && f[i] == ' ')
		i++;
	for (; i < width && f[i] >= '0' && f[i] <= '7'; i++) {
		if (v >> 61)
			return false;
		v = (v << 3) | (uint64_t)(f[i] - '0');
	}
	for (; i < width; i++)
		if (f[i] != ' ' && f[i] != 0)
			return false;
	*out = v;
	return true;
}

static char *field_str(const unsigned char *f, size_t width)
{
	size_t n = strnlen((const char *)f, width);
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, f, n);
	s[n] = 0;
	return s;
}

static char *normalise(char *p)
{
	char *s = p;

	while (s[0] == '.' && s[1] == '/')
		s += 2;
	while (*s == '/')
		s++;
	memmove(p, s, strlen(s) + 1);
	return p;
}

static bool all_zero(const unsigned char *b)
{
	for (size_t i = 0; i < BLOCK; i++)
		if (b[i])
			return false;
	return true;
}

bool jh_tar_parse(struct jh_tar *tar, unsigned char *buf, size_t len,
		  char *err, size_t err_size)
{
	size_t off = 0;

	memset(tar, 0, sizeof(*tar));
	tar->buf = buf;
	tar->buf_len = len;
	while (off + BLOCK <= len) {
		const unsigned char *h = buf + off;
		uint64_t size, sum;
		unsigned calc = 0;
		struct jh_tar_entry e;

		if (all_zero(h))
			return true;	/* end of archive */
		if (!get_octal(h + H_CHKSUM, 8, &sum)) {
			snprintf(err, err_size,
				 "header at offset %zu: bad checksum field "
				 "(not a tar archive, or damaged)",
				 off);
			return false;
		}
		for (size_t i = 0; i < BLOCK; i++)
			calc += (i >= H_CHKSUM && i < H_CHKSUM + 8) ?
				' ' : h[i];
		if (calc != sum) {
			snprintf(err, err_size,
				 "header at offset %zu: checksum mismatch "
				 "(not a tar archive, or damaged)", off);
			return false;
		}
		if (!get_octal(h + H_SIZE, H_SIZE_LEN, &size) ||
		    size > len - off - BLOCK) {
			snprintf(err, err_size,
				 "header at offset %zu: size runs past the "
				 "end of the archive", off);
			return false;
		}
		memset(&e, 0, sizeof(e));
		if (memcmp(h + H_MAGIC, "ustar", 5) == 0 && h[H_PREFIX]) {
			char *pre = field_str(h + H_PREFIX, H_PREFIX_LEN);
			char *name = field_str(h + H_NAME, H_NAME_LEN);
			size_t n = strlen(pre) + strlen(name) + 2;

			e.path = malloc(n);
			if (!e.path)
				abort();
			snprintf(e.path, n, "%s/%s", pre, name);
			free(pre);
			free(name);
		} else {
			e.path = field_str(h + H_NAME, H_NAME_LEN);
		}
		normalise(e.path);
		if (h[H_TYPE] == '2') {
			e.is_symlink = true;
			e.link = field_str(h + H_LINK, H_LINK_LEN);
		}
		e.data = h + BLOCK;
		e.len = (size_t)size;
		/* keep regular files and links; skip directories etc. */
		if (h[H_TYPE] == '0' || h[H_TYPE] == 0 || h[H_TYPE] == '2') {
			if (tar->n == tar->cap) {
				tar->cap = tar->cap ? 2 * tar->cap : 64;
				tar->entries = realloc(tar->entries,
					tar->cap * sizeof(*tar->entries));
				if (!tar->entries)
					abort();
			}
			tar->entries[tar->n++] = e;
		} else {
			free(e.path);
			free(e.link);
		}
		off += BLOCK + ((size_t)size + BLOCK - 1) / BLOCK * BLOCK;
	}
	if (off < len && len - off < BLOCK) {
		snprintf(err, err_size,
			 "archive ends inside a header (offset %zu)", off);
		return false;
	}
	return true;	/* no end marker: accept, like GNU tar */
}

void jh_tar_free(struct jh_tar *tar)
{
	for (size_t i = 0; i < tar->n; i++) {
		free(tar->entries[i].path);
		free(tar->entries[i].link);
	}
	free(tar->entries);
	free(tar->buf);
	memset(tar, 0, sizeof(*tar));
}

const struct jh_tar_entry *jh_tar_find(const struct jh_tar *tar,
				       const char *path)
{
	/* later entries win, as when extracting */
	for (size_t i = tar->n; i-- > 0;)
		if (strcmp(tar->entries[i].path, path) == 0)
			return &tar->entries[i];
	return NULL;
}
