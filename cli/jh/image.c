// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading files and telling a jh image from anything else before the
 * driver sees it: a wrong file is then named in the message, instead of
 * coming back from the kernel as a bare EINVAL. The hypervisor checks the
 * content in full; this only checks what identifies an image.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jh-cell-format.h"

#include "image.h"

/* Images and inmate binaries beyond this are surely a wrong file. */
#define FILE_MAX	(1ull << 30)

void file_free(struct file_data *f)
{
	free(f->data);
	f->data = NULL;
	f->size = 0;
}

/* Read everything from fd into out (the size is not trusted: it may be
 * a pipe, or a file that changes). */
static int read_all(int fd, struct file_data *out)
{
	size_t cap = 64 * 1024, len = 0;
	unsigned char *buf = malloc(cap);

	if (!buf)
		return ENOMEM;
	for (;;) {
		ssize_t n;

		if (len == cap) {
			unsigned char *nb;

			if (cap >= FILE_MAX) {
				free(buf);
				return EFBIG;
			}
			cap *= 2;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				return ENOMEM;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			free(buf);
			return err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	out->data = buf;
	out->size = len;
	return 0;
}

bool file_read(const char *path, struct file_data *out)
{
	struct stat st;
	int fd, err;

	out->data = NULL;
	out->size = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "jh: %s: cannot open: %s\n", path,
			strerror(errno));
		return false;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "jh: %s: is a directory, not a file\n", path);
		close(fd);
		return false;
	}
	err = read_all(fd, out);
	close(fd);
	if (err == EFBIG) {
		fprintf(stderr, "jh: %s: larger than 1 GiB: not an image\n",
			path);
		return false;
	}
	if (err) {
		fprintf(stderr, "jh: %s: cannot read: %s\n", path,
			strerror(err));
		return false;
	}
	return true;
}

bool image_looks_like_jh(const struct file_data *f)
{
	return f->size >= JH_SIGNATURE_SIZE &&
	       (!memcmp(f->data, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE) ||
		!memcmp(f->data, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE));
}

/* Bytes of a cell descriptor plus its variable arrays. */
static uint64_t cell_size(const struct jh_cell_desc *c)
{
	return sizeof(*c) + (uint64_t)c->cpu_set_size +
	       (uint64_t)c->num_memory_regions * sizeof(struct jh_memory) +
	       (uint64_t)c->num_cache_regions * sizeof(struct jh_cache) +
	       (uint64_t)c->num_irqchips * sizeof(struct jh_irqchip) +
	       (uint64_t)c->num_pio_regions * sizeof(struct jh_pio) +
	       (uint64_t)c->num_pci_devices * sizeof(struct jh_pci_device) +
	       (uint64_t)c->num_pci_caps * sizeof(struct jh_pci_capability) +
	       (uint64_t)c->num_stream_ids * sizeof(jh_u32);
}

static const char *arch_name(unsigned int arch)
{
	switch (arch) {
	case JH_ARCH_X86: return "x86";
	case JH_ARCH_ARM: return "arm";
	case JH_ARCH_ARM64: return "arm64";
	}
	return "unknown";
}

bool image_check(const char *path, const struct file_data *f,
		 enum image_kind want)
{
	const bool sys = want == IMAGE_SYSTEM;
	const char *want_sig = sys ? JH_SYSTEM_SIGNATURE : JH_CELL_SIGNATURE;
	const char *use = sys ? "jh enable needs the system image "
				"(system.cell from jh-compile)"
			      : "jh cell create needs a cell image "
				"(<cell>.cell from jh-compile)";
	const size_t head = sys ? sizeof(struct jh_system_desc)
				: sizeof(struct jh_cell_desc);
	struct jh_system_desc sd;
	struct jh_cell_desc cd;
	const struct jh_cell_desc *cell;
	unsigned int arch, rev;
	uint64_t need;

	if (f->size == 0) {
		fprintf(stderr, "jh: %s: empty file, not a jh image\n", path);
		return false;
	}
	if (!image_looks_like_jh(f)) {
		fprintf(stderr, "jh: %s: not a jh image (no JHSYS or JHCLL "
			"signature): %s\n", path, use);
		return false;
	}
	if (memcmp(f->data, want_sig, JH_SIGNATURE_SIZE)) {
		fprintf(stderr, "jh: %s: is %s, not %s: %s\n", path,
			sys ? "a cell image (JHCLL)"
			    : "the system image (JHSYS)",
			sys ? "the system image" : "a cell image", use);
		return false;
	}
	if (f->size < head) {
		fprintf(stderr, "jh: %s: truncated: %zu bytes, a %s header "
			"alone has %zu\n", path, f->size,
			sys ? "system image" : "cell image", head);
		return false;
	}
	/* Copies: the file data has no alignment guarantee. */
	if (sys) {
		memcpy(&sd, f->data, sizeof(sd));
		cell = &sd.root_cell;
		arch = sd.architecture;
		rev = sd.revision;
		need = sizeof(sd) - sizeof(sd.root_cell) + cell_size(cell);
	} else {
		memcpy(&cd, f->data, sizeof(cd));
		cell = &cd;
		arch = cd.architecture;
		rev = cd.revision;
		need = cell_size(cell);
	}
	if (rev != JH_CONFIG_REVISION) {
		fprintf(stderr, "jh: %s: configuration revision %u, this jh "
			"understands %u: compile it again with jh-compile\n",
			path, rev, JH_CONFIG_REVISION);
		return false;
	}
	if (arch != JH_ARCH_ARM64) {
		fprintf(stderr, "jh: %s: an image for %s (architecture %u); "
			"the jh hypervisor runs on arm64\n", path,
			arch_name(arch), arch);
		return false;
	}
	if (need > f->size) {
		fprintf(stderr, "jh: %s: truncated: its header describes "
			"%llu bytes, the file has %zu\n", path,
			(unsigned long long)need, f->size);
		return false;
	}
	return true;
}

void image_cell_name(const struct file_data *f, char *name, size_t size)
{
	const struct jh_cell_desc *c = (const void *)f->data;
	size_t n = 0;

	if (size == 0)
		return;
	while (n + 1 < size && n < sizeof(c->name) && c->name[n])
		n++;
	memcpy(name, c->name, n);
	name[n] = '\0';
}
