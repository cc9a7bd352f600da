// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generates the corpus of malformed images in tests/golden/image/bad/:
 *   make-bad OUTDIR
 * Each file is a valid sample image (tests/unit/image/sample.c) with one
 * named defect. The corpus is checked in; the golden test regenerates it
 * and compares, so it stays reproducible, and runs jh-dump on every file
 * against bad/<name>.expected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "image/image-file.h"
#include "image/image.h"
#include "jh-cell-format.h"
#include "sample.h"

struct img {
	uint8_t *b;
	size_t len;
};

static struct img sys_arm, sys_x86, cell, cell_ext;
static const char *outdir;
static struct jh_diags diags;
static int status;

/* Cell "linux-2" of variant 0: 16-byte cpu set, 8 regions, 4 cache,
 * 3 irqchips, 3 pio, 4 PCI devices, 5 caps, 2 stream ids. */
enum {
	CPUS = 16, MEM = 8, CACHE = 4, IRQ = 3, PIO = 3, PCI = 4, CAPS = 5,
	MEM_OFF = 132 + CPUS,
	CACHE_OFF = MEM_OFF + 32 * MEM,
	PCI_OFF = CACHE_OFF + 12 * CACHE + 32 * IRQ + 4 * PIO,
};

static struct img copy(const struct img *src, size_t len)
{
	struct img i = { malloc(len ? len : 1), len };

	memcpy(i.b, src->b, len < src->len ? len : src->len);
	if (len > src->len)
		memset(i.b + src->len, 0, len - src->len);
	return i;
}

static void put(struct img *i, size_t off, unsigned int n, uint64_t v)
{
	for (unsigned int k = 0; k < n; k++, v >>= 8)
		i->b[off + k] = (uint8_t)v;
}

static void emit(const char *name, struct img i)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s.cell", outdir, name);
	if (!jh_write_file_atomic(path, i.b, i.len, &diags))
		status = 1;
	free(i.b);
}

static struct img make(const struct jh_system *s, size_t c)
{
	struct img i;

	i.b = c ? jh_image_write_cell(s, c, JH_ABI_JH, &diags, &i.len)
		: jh_image_write_system(s, JH_ABI_JH, &diags, &i.len);
	if (!i.b) {
		fputs("make-bad: cannot build a sample image\n", stderr);
		exit(1);
	}
	return i;
}

static void header_defects(void)
{
	struct img i;

	emit("empty", copy(&cell, 0));
	emit("short-signature", copy(&cell, 3));
	i = copy(&cell, cell.len);
	memcpy(i.b, "ELF\x7f\x02", 5);
	emit("bad-signature", i);
	emit("system-truncated-header", copy(&sys_arm, 300));
	emit("cell-truncated-header", copy(&cell, 100));
	i = copy(&cell, cell.len);
	put(&i, 6, 2, 13);
	emit("revision-13", i);
	i = copy(&cell, cell.len);
	put(&i, 5, 1, 7);
	emit("architecture-unknown", i);
	i = copy(&cell, cell.len);
	memset(i.b + 8, 'n', 32);
	emit("name-unterminated", i);
	i = copy(&cell, cell.len);
	i.b[8 + 20] = 'x';
	emit("name-garbage-after-nul", i);
	i = copy(&cell, cell.len);
	i.b[9] = '\n';
	emit("name-control-character", i);
	i = copy(&sys_arm, sys_arm.len);
	memcpy(i.b + 356, "JHCLL", 5);
	emit("root-cell-head-not-zero", i);
}

static void size_defects(void)
{
	struct img i;

	i = copy(&cell, cell.len);
	put(&i, 48, 4, 0x10000);
	emit("cpu-set-past-end", i);
	i = copy(&cell, cell.len);
	put(&i, 48, 4, 0x100000);
	emit("cpu-set-too-large", i);
	i = copy(&cell, cell.len);
	put(&i, 52, 4, MEM + 1);
	emit("memory-count-past-end", i);
	i = copy(&cell, cell.len);
	put(&i, 48, 4, CPUS - 4);	/* half a 64-bit word */
	emit("cpu-set-partial-word", i);
	i = copy(&cell, cell.len);
	put(&i, MEM_OFF + 32 + 16, 8, 0xfffffffff8000000ull);
	emit("region-wraps-address-space", i);
	i = copy(&cell, cell.len);
	put(&i, 76, 4, 0xffffffff);
	emit("stream-id-count-huge", i);
	emit("stream-ids-truncated", copy(&cell, cell.len - 2));
	i = copy(&cell, cell.len);
	put(&i, 60, 4, 100000);		/* refused before the size check */
	emit("irqchip-count-implausible", i);
	i = copy(&sys_arm, sys_arm.len);
	put(&i, 356 + 68, 4, 40);
	emit("system-pci-count-past-end", i);
}

static void reference_defects(void)
{
	struct img i;

	i = copy(&cell, cell.len);
	put(&i, PCI_OFF + 30, 2, 4);	/* caps 4..7 of 5 */
	emit("pci-caps-out-of-range", i);
	i = copy(&cell, cell.len);
	put(&i, PCI_OFF + 1, 1, 8);
	emit("pci-iommu-index-8", i);
	i = copy(&cell, cell.len);
	put(&i, PCI_OFF + 2 * 56 + 48, 4, 5);
	emit("ivshmem-regions-out-of-range", i);
	i = copy(&cell, cell.len);
	put(&i, PCI_OFF + 35, 1, 0x84);
	emit("msi-flags-reserved", i);
	i = copy(&cell, cell.len);
	put(&i, CACHE_OFF + 12 * CACHE + 12, 4, 0xffffffff);
	emit("irqchip-pin-base-too-high", i);
	i = copy(&cell, cell.len);
	put(&i, CACHE_OFF + 9, 1, 0x5a);
	emit("cache-padding-not-zero", i);
	i = copy(&sys_x86, sys_x86.len);
	put(&i, 312 + 3, 1, 1);
	emit("x86-padding-not-zero", i);
	i = copy(&sys_x86, sys_x86.len);
	put(&i, 340, 1, 0xff);
	emit("x86-platform-tail-not-zero", i);
	i = copy(&sys_arm, sys_arm.len);
	put(&i, 314, 2, 0xffff);
	emit("arm-padding-not-zero", i);
	i = copy(&sys_arm, sys_arm.len);
	put(&i, 85, 1, 2);
	emit("pci-is-virtual-2", i);
	i = copy(&sys_arm, sys_arm.len);
	put(&i, 88 + 24, 4, 0xdeadbeef);	/* unit 0 is AMD */
	emit("amd-iommu-unused-bytes", i);
	i = copy(&cell, cell.len);
	put(&i, PCI_OFF - 4 * PIO + 2, 2, 0xff08);	/* 0x3f8 + 0xff08 */
	emit("pio-past-last-port", i);
}

static void extension_defects(void)
{
	const size_t std = cell_ext.len - 52;	/* block of variant 0 */
	struct img i;

	i = copy(&cell, cell.len + 7);
	memcpy(i.b + cell.len, "garbage", 7);
	emit("trailing-garbage", i);
	emit("extension-header-truncated", copy(&cell_ext, std + 10));
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 5, 1, 1);
	emit("extension-reserved-not-zero", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 6, 2, 2);
	emit("extension-version-2", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 8, 2, 20);
	emit("extension-header-size", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 12, 4, 0x10000);
	emit("extension-total-length", i);
	emit("extension-cut-in-record", copy(&cell_ext, cell_ext.len - 4));
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 10, 2, 5);
	emit("extension-too-many-records", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 10, 2, 3);
	emit("extension-too-few-records", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 24, 2, 1);	/* second record: type 1 again */
	emit("extension-records-out-of-order", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 16, 2, 0x77);
	emit("extension-unknown-record", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 20, 4, 0x100);
	emit("extension-unknown-cell-flag", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 28, 4, 0);
	emit("extension-watchdog-zero", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 26, 2, 2);
	emit("extension-watchdog-length", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 40, 4, 8);
	emit("extension-preserve-out-of-range", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 40, 4, 0);
	emit("extension-preserve-not-increasing", i);
	i = copy(&cell_ext, cell_ext.len);
	put(&i, std + 48, 4, 4);
	emit("extension-l2-out-of-range", i);
	i = copy(&cell, cell.len + 16);
	memcpy(i.b + cell.len, "JHEXT", 5);
	put(&i, cell.len + 6, 2, 1);
	put(&i, cell.len + 8, 2, 16);
	put(&i, cell.len + 12, 4, 16);
	emit("extension-empty", i);
}

int main(int argc, char **argv)
{
	struct jh_system s0, s1;

	if (argc != 2) {
		fputs("usage: make-bad OUTDIR\n", stderr);
		return 2;
	}
	outdir = argv[1];
	mkdir(outdir, 0755);
	jh_diags_init(&diags);
	sample_system(&s0, 0);
	sample_system(&s1, 1);
	sys_arm = make(&s0, 0);
	sys_x86 = make(&s1, 0);
	cell = make(&s0, 2);
	cell_ext = make(&s0, 1);
	header_defects();
	size_defects();
	reference_defects();
	extension_defects();
	jh_diags_print(&diags, stderr, false, false);
	free(sys_arm.b);
	free(sys_x86.b);
	free(cell.b);
	free(cell_ext.b);
	jh_system_free(&s0);
	jh_system_free(&s1);
	jh_diags_free(&diags);
	return status;
}
