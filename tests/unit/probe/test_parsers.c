// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of jh-probe's parsers: ustar, device tree blobs, ACPI
 * tables, PCI config space, resource trees, CPU lists, cell requests and
 * the root-directory abstraction. Damaged input must give a message,
 * never a crash: every prefix and many byte flips of valid input are fed
 * to the binary parsers (ASan/valgrind watch the reads).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jh-cell-format.h"
#include "probe/acpi.h"
#include "probe/collect.h"
#include "probe/emit.h"
#include "probe/fdt.h"
#include "probe/pci.h"
#include "probe/probe.h"
#include "probe/resources.h"
#include "probe/root.h"
#include "probe/tar.h"

#define FIXTURES "tests/golden/probe/fixtures/"

/* ------------------------------------------------------------ tar */

static unsigned char *make_tar(size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	char long_path[200];

	memset(long_path, 'a', sizeof(long_path));
	memcpy(long_path + 90, "/", 1);
	long_path[150] = 0;	/* needs the ustar prefix field */
	ck_assert(jh_tar_write_file(f, "proc/cpuinfo", "hello\n", 6));
	ck_assert(jh_tar_write_symlink(f, "sys/x/iommu_group",
				       "../../kernel/iommu_groups/7"));
	ck_assert(jh_tar_write_file(f, long_path, "", 0));
	ck_assert(jh_tar_write_end(f));
	fclose(f);
	*len = n;
	return (unsigned char *)buf;
}

START_TEST(tar_round_trip)
{
	size_t len;
	unsigned char *buf = make_tar(&len);
	struct jh_tar t;
	char err[256];
	const struct jh_tar_entry *e;

	ck_assert_uint_eq(len % 512, 0);
	ck_assert(jh_tar_parse(&t, buf, len, err, sizeof(err)));
	ck_assert_uint_eq(t.n, 3);
	e = jh_tar_find(&t, "proc/cpuinfo");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->len, 6);
	ck_assert(!memcmp(e->data, "hello\n", 6));
	e = jh_tar_find(&t, "sys/x/iommu_group");
	ck_assert(e && e->is_symlink);
	ck_assert_str_eq(e->link, "../../kernel/iommu_groups/7");
	ck_assert_uint_eq(strlen(t.entries[2].path), 150);
	jh_tar_free(&t);
}
END_TEST

START_TEST(tar_damaged)
{
	size_t len;
	unsigned char *good = make_tar(&len);
	char err[256];

	/* every prefix: parses or fails, never reads outside */
	for (size_t cut = 0; cut < len; cut += 7) {
		struct jh_tar t;
		unsigned char *b = malloc(cut ? cut : 1);

		memcpy(b, good, cut);
		jh_tar_parse(&t, b, cut, err, sizeof(err));
		jh_tar_free(&t);
	}
	/* a flipped byte in the header: the checksum catches it */
	{
		struct jh_tar t;
		unsigned char *b = malloc(len);

		memcpy(b, good, len);
		b[3] ^= 0x20;
		ck_assert(!jh_tar_parse(&t, b, len, err, sizeof(err)));
		ck_assert(strstr(err, "checksum mismatch"));
		jh_tar_free(&t);
	}
	/* a size that runs past the end, with a fixed-up checksum */
	{
		struct jh_tar t;
		unsigned char *b = malloc(len);
		unsigned sum = 0;

		memcpy(b, good, len);
		memcpy(b + 124, "77777777777", 11);
		memset(b + 148, ' ', 8);
		for (int i = 0; i < 512; i++)
			sum += b[i];
		snprintf((char *)b + 148, 8, "%06o", sum);
		ck_assert(!jh_tar_parse(&t, b, len, err, sizeof(err)));
		ck_assert(strstr(err, "runs past the end"));
		jh_tar_free(&t);
	}
	free(good);
}
END_TEST

/* ------------------------------------------------------------ root */

START_TEST(root_over_snapshot)
{
	struct jh_probe_root r;
	char err[256], **names, *link;
	size_t n, len;
	unsigned char *data;

	ck_assert(jh_probe_root_open_tar(&r, FIXTURES "x86-q35.tar", err,
					 sizeof(err)));
	n = jh_probe_root_list(&r, "sys/bus/pci/devices", &names);
	ck_assert_uint_eq(n, 11);
	ck_assert_str_eq(names[0], "0000:00:00.0");
	ck_assert_str_eq(names[10], "0000:01:01.0");
	jh_probe_root_free_list(names, n);
	link = jh_probe_root_readlink(&r,
		"sys/bus/pci/devices/0000:01:01.0");
	ck_assert(link && strstr(link, "0000:00:06.0/0000:01:01.0"));
	free(link);
	data = jh_probe_root_read(&r, "proc/cpuinfo", &len, err,
				  sizeof(err));
	ck_assert(data && strstr((char *)data, "processor"));
	free(data);
	ck_assert_ptr_null(jh_probe_root_read(&r, "proc/nothing", &len, err,
					      sizeof(err)));
	ck_assert_str_eq(err, "not in the snapshot");
	ck_assert(jh_probe_root_exists(&r, "sys/firmware/acpi"));
	ck_assert(!jh_probe_root_exists(&r, "sys/firmware/fdt"));
	jh_probe_root_close(&r);
}
END_TEST

/* ------------------------------------------------------------ fdt */

struct dtb {
	unsigned char s[1024], str[256];
	size_t n, ns;
};

static void be(struct dtb *d, uint32_t v)
{
	d->s[d->n++] = (unsigned char)(v >> 24);
	d->s[d->n++] = (unsigned char)(v >> 16);
	d->s[d->n++] = (unsigned char)(v >> 8);
	d->s[d->n++] = (unsigned char)v;
}

static void node(struct dtb *d, const char *name)
{
	size_t l = strlen(name) + 1;

	be(d, 1);
	memcpy(d->s + d->n, name, l);
	d->n += (l + 3) & ~(size_t)3;
}

static void prop(struct dtb *d, const char *name, const uint32_t *cells,
		 size_t nc, const char *str)
{
	size_t len = str ? strlen(str) + 1 : 4 * nc;

	be(d, 3);
	be(d, (uint32_t)len);
	be(d, (uint32_t)d->ns);
	memcpy(d->str + d->ns, name, strlen(name) + 1);
	d->ns += strlen(name) + 1;
	if (str) {
		memset(d->s + d->n, 0, (len + 3) & ~(size_t)3);
		memcpy(d->s + d->n, str, len);
		d->n += (len + 3) & ~(size_t)3;
	} else {
		for (size_t i = 0; i < nc; i++)
			be(d, cells[i]);
	}
}

/* / { #address-cells=2 #size-cells=2; soc { compatible simple-bus;
 * #address-cells=1 #size-cells=1; ranges = <0 0 0x10000000 0x100000>;
 * uart@1000 { compatible "arm,pl011"; reg = <0x1000 0x1000>; } } } */
static unsigned char *make_dtb(size_t *len)
{
	static struct dtb d;
	static const uint32_t two = 2, one = 1;
	static const uint32_t ranges[] = { 0, 0, 0x10000000, 0x100000 };
	static const uint32_t reg[] = { 0x1000, 0x1000 };
	unsigned char *blob;
	size_t total;

	memset(&d, 0, sizeof(d));
	node(&d, "");
	prop(&d, "#address-cells", &two, 1, NULL);
	prop(&d, "#size-cells", &two, 1, NULL);
	node(&d, "soc");
	prop(&d, "compatible", NULL, 0, "simple-bus");
	prop(&d, "#address-cells", &one, 1, NULL);
	prop(&d, "#size-cells", &one, 1, NULL);
	prop(&d, "ranges", ranges, 4, NULL);
	node(&d, "uart@1000");
	prop(&d, "compatible", NULL, 0, "arm,pl011");
	prop(&d, "reg", reg, 2, NULL);
	be(&d, 2);
	be(&d, 2);
	be(&d, 2);
	be(&d, 9);
	total = 40 + d.n + d.ns;
	blob = calloc(1, total);
	{
		uint32_t h[10] = { 0xd00dfeed, (uint32_t)total, 40,
				   (uint32_t)(40 + d.n), 40, 17, 16, 0,
				   (uint32_t)d.ns, (uint32_t)d.n };

		for (int i = 0; i < 10; i++) {
			blob[4 * i] = (unsigned char)(h[i] >> 24);
			blob[4 * i + 1] = (unsigned char)(h[i] >> 16);
			blob[4 * i + 2] = (unsigned char)(h[i] >> 8);
			blob[4 * i + 3] = (unsigned char)h[i];
		}
	}
	memcpy(blob + 40, d.s, d.n);
	memcpy(blob + 40 + d.n, d.str, d.ns);
	*len = total;
	return blob;
}

START_TEST(fdt_translate)
{
	size_t len;
	unsigned char *blob = make_dtb(&len);
	struct jh_fdt f;
	char err[256];
	uint64_t a, s;
	int uart = -1;

	ck_assert_msg(jh_fdt_parse(&f, blob, len, err, sizeof(err)), "%s",
		      err);
	ck_assert_uint_eq(f.num_nodes, 3);
	for (size_t i = 0; i < f.num_nodes; i++)
		if (jh_fdt_compatible(&f, (int)i, "arm,pl011"))
			uart = (int)i;
	ck_assert_int_eq(uart, 2);
	ck_assert(jh_fdt_reg(&f, uart, 0, &a, &s));
	ck_assert_uint_eq(a, 0x10001000);
	ck_assert_uint_eq(s, 0x1000);
	ck_assert(!jh_fdt_reg(&f, uart, 1, &a, &s));
	jh_fdt_free(&f);
	free(blob);
}
END_TEST

START_TEST(fdt_damaged)
{
	size_t len;
	unsigned char *good = make_dtb(&len);
	char err[256];

	for (size_t cut = 0; cut < len; cut++) {
		struct jh_fdt f;
		unsigned char *b = malloc(cut ? cut : 1);

		memcpy(b, good, cut);
		/* shorter than the header's totalsize: always refused */
		ck_assert(!jh_fdt_parse(&f, b, cut, err, sizeof(err)));
		free(b);
	}
	for (size_t i = 0; i < len; i++) {
		for (int bit = 0; bit < 8; bit += 3) {
			struct jh_fdt f;
			unsigned char *b = malloc(len);

			memcpy(b, good, len);
			b[i] ^= (unsigned char)(1u << bit);
			if (jh_fdt_parse(&f, b, len, err, sizeof(err))) {
				uint64_t a, s;

				for (size_t n = 0; n < f.num_nodes; n++)
					jh_fdt_reg(&f, (int)n, 0, &a, &s);
				jh_fdt_free(&f);
			}
			free(b);
		}
	}
	free(good);
}
END_TEST

START_TEST(fdt_fixture)
{
	struct jh_probe_root r;
	struct jh_fdt f;
	char err[256];
	size_t len;
	unsigned char *blob;
	int gic = -1;
	uint64_t a, s;

	ck_assert(jh_probe_root_open_tar(&r, FIXTURES "arm64-virt.tar", err,
					 sizeof(err)));
	blob = jh_probe_root_read(&r, "sys/firmware/fdt", &len, err,
				  sizeof(err));
	ck_assert_ptr_nonnull(blob);
	ck_assert(jh_fdt_parse(&f, blob, len, err, sizeof(err)));
	for (size_t i = 0; i < f.num_nodes; i++)
		if (jh_fdt_compatible(&f, (int)i, "arm,gic-v3"))
			gic = (int)i;
	ck_assert_int_ge(gic, 0);
	ck_assert(jh_fdt_reg(&f, gic, 0, &a, &s));
	ck_assert_uint_eq(a, 0x08000000);
	ck_assert(jh_fdt_reg(&f, gic, 1, &a, &s));
	ck_assert_uint_eq(a, 0x080a0000);
	jh_fdt_free(&f);
	free(blob);
	jh_probe_root_close(&r);
}
END_TEST

/* A minimal arm64 machine: GICv3, a PL011 whose interrupt is given with
 * interrupts-extended, chosen stdout-path, as a snapshot in memory. */
static unsigned char *blob_of(struct dtb *d, size_t *len)
{
	size_t total = 40 + d->n + d->ns;
	unsigned char *blob = calloc(1, total);
	uint32_t h[10] = { 0xd00dfeed, (uint32_t)total, 40,
			   (uint32_t)(40 + d->n), 40, 17, 16, 0,
			   (uint32_t)d->ns, (uint32_t)d->n };

	for (int i = 0; i < 10; i++) {
		blob[4 * i] = (unsigned char)(h[i] >> 24);
		blob[4 * i + 1] = (unsigned char)(h[i] >> 16);
		blob[4 * i + 2] = (unsigned char)(h[i] >> 8);
		blob[4 * i + 3] = (unsigned char)h[i];
	}
	memcpy(blob + 40, d->s, d->n);
	memcpy(blob + 40 + d->n, d->str, d->ns);
	*len = total;
	return blob;
}

START_TEST(fdt_interrupts_extended)
{
	static struct dtb d;
	static const uint32_t two = 2, three = 3, one = 1;
	static const uint32_t gic_reg[] = { 0, 0x08000000, 0, 0x10000,
					    0, 0x080a0000, 0, 0xf60000 };
	static const uint32_t maint[] = { 1, 9, 4 };
	static const uint32_t uart_reg[] = { 0, 0x09000000, 0, 0x1000 };
	static const uint32_t uart_irq[] = { 1, 0, 1, 4 };
	char *tarbuf = NULL, err[256];
	size_t tarlen = 0, dtblen;
	unsigned char *dtb;
	FILE *f = open_memstream(&tarbuf, &tarlen);
	struct jh_probe_root r;
	struct jh_probe *p;
	const char *iomem = "09000000-09000fff : 9000000.pl011\n"
			    "40000000-7fffffff : System RAM\n";
	const struct jh_board_device *uart = NULL;

	memset(&d, 0, sizeof(d));
	node(&d, "");
	prop(&d, "#address-cells", &two, 1, NULL);
	prop(&d, "#size-cells", &two, 1, NULL);
	prop(&d, "interrupt-parent", &one, 1, NULL);
	node(&d, "intc@8000000");
	prop(&d, "compatible", NULL, 0, "arm,gic-v3");
	prop(&d, "phandle", &one, 1, NULL);
	prop(&d, "#interrupt-cells", &three, 1, NULL);
	prop(&d, "reg", gic_reg, 8, NULL);
	prop(&d, "interrupts", maint, 3, NULL);
	be(&d, 2);
	node(&d, "pl011@9000000");
	prop(&d, "compatible", NULL, 0, "arm,pl011");
	prop(&d, "reg", uart_reg, 4, NULL);
	prop(&d, "interrupts-extended", uart_irq, 4, NULL);
	be(&d, 2);
	node(&d, "chosen");
	prop(&d, "stdout-path", NULL, 0, "/pl011@9000000:115200n8");
	be(&d, 2);
	be(&d, 2);
	be(&d, 9);
	dtb = blob_of(&d, &dtblen);
	ck_assert(jh_tar_write_file(f, "jh-snapshot/info",
				    "machine=aarch64\n", 16));
	ck_assert(jh_tar_write_file(f, "sys/firmware/fdt", dtb, dtblen));
	ck_assert(jh_tar_write_file(f, "proc/iomem", iomem, strlen(iomem)));
	ck_assert(jh_tar_write_file(f, "sys/devices/system/cpu/online",
				    "0\n", 2));
	ck_assert(jh_tar_write_end(f));
	fclose(f);
	free(dtb);
	ck_assert(jh_probe_root_open_tar_buffer(&r, "mem.tar",
		(unsigned char *)tarbuf, tarlen, err, sizeof(err)));
	p = jh_probe_run(&r);
	jh_probe_root_close(&r);
	ck_assert_uint_eq(p->board->irqchips.n, 1);
	ck_assert_uint_eq(p->board->irqchips.v[0].gicr, 0x080a0000);
	ck_assert_uint_eq(p->board->irqchips.v[0].maintenance_irq, 25);
	for (size_t i = 0; i < p->board->devices.n; i++)
		if (!strcmp(p->board->devices.v[i].name, "uart0"))
			uart = &p->board->devices.v[i];
	ck_assert_ptr_nonnull(uart);
	ck_assert_uint_eq(uart->irqs.n, 1);
	ck_assert_uint_eq(uart->irqs.v[0].irq, 33);
	ck_assert_int_ge(p->console_dev, 0);
	ck_assert_uint_eq(uart->console_type, JH_CON_TYPE_PL011);
	jh_probe_free(p);
}
END_TEST

/* ------------------------------------------------------------ ACPI */

static void checksum(unsigned char *t, size_t len)
{
	uint8_t sum = 0;

	t[9] = 0;
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + t[i]);
	t[9] = (uint8_t)(0x100 - sum);
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

START_TEST(acpi_madt)
{
	unsigned char t[80] = "APIC";
	struct jh_acpi_madt m;
	char err[256];
	size_t len = 44 + 8 + 12 + 8;

	put32(t + 4, (uint32_t)len);
	/* local APIC: id 3, enabled */
	t[44] = 0; t[45] = 8; t[47] = 3; put32(t + 48, 1);
	/* IOAPIC id 5 at 0xfec00000, GSI base 0 */
	t[52] = 1; t[53] = 12; t[54] = 5; put32(t + 56, 0xfec00000);
	/* local APIC disabled */
	t[64] = 0; t[65] = 8; t[67] = 9; put32(t + 68, 0);
	checksum(t, len);
	ck_assert_msg(jh_acpi_parse_madt(t, len, &m, err, sizeof(err)), "%s",
		      err);
	ck_assert_uint_eq(m.num_cpus, 1);
	ck_assert_uint_eq(m.apic_ids[0], 3);
	ck_assert_uint_eq(m.num_ioapics, 1);
	ck_assert_uint_eq(m.ioapics[0].id, 5);
	ck_assert_uint_eq(m.ioapics[0].address, 0xfec00000);
	/* a zero-length entry must not loop */
	t[65] = 0;
	checksum(t, len);
	ck_assert(!jh_acpi_parse_madt(t, len, &m, err, sizeof(err)));
	ck_assert(strstr(err, "bad length"));
	/* checksum */
	t[65] = 8;
	t[20] ^= 1;
	ck_assert(!jh_acpi_parse_madt(t, len, &m, err, sizeof(err)));
	ck_assert(strstr(err, "checksum"));
	/* a length field larger than the data read */
	ck_assert(!jh_acpi_parse_madt(t, 40, &m, err, sizeof(err)));
}
END_TEST

static unsigned char *fixture_table(const char *snap, const char *sig,
				    size_t *len)
{
	struct jh_probe_root r;
	char err[256], path[64];
	unsigned char *t;

	ck_assert(jh_probe_root_open_tar(&r, snap, err, sizeof(err)));
	snprintf(path, sizeof(path), "sys/firmware/acpi/tables/%s", sig);
	t = jh_probe_root_read(&r, path, len, err, sizeof(err));
	jh_probe_root_close(&r);
	ck_assert_ptr_nonnull(t);
	return t;
}

START_TEST(acpi_fixtures)
{
	size_t len;
	unsigned char *t;
	char err[256];
	struct jh_acpi_dmar *d = malloc(sizeof(*d));
	struct jh_acpi_ivrs *v = malloc(sizeof(*v));
	struct jh_acpi_mcfg m;

	t = fixture_table(FIXTURES "x86-q35.tar", "DMAR", &len);
	ck_assert(jh_acpi_parse_dmar(t, len, d, err, sizeof(err)));
	ck_assert_uint_eq(d->num_units, 1);
	ck_assert_uint_eq(d->units[0].base, 0xfed90000);
	ck_assert_uint_eq(d->num_ioapics, 1);
	ck_assert_uint_eq(d->ioapics[0].bdf, 0xff00);
	ck_assert_uint_ge(d->units[0].num_scopes, 10);
	/* every prefix of the table: refused or parsed, in bounds */
	for (size_t cut = 0; cut < len; cut++)
		jh_acpi_parse_dmar(t, cut, d, err, sizeof(err));
	free(t);
	t = fixture_table(FIXTURES "x86-q35-amd.tar", "IVRS", &len);
	ck_assert(jh_acpi_parse_ivrs(t, len, v, err, sizeof(err)));
	ck_assert_uint_ge(v->num_units, 1);
	ck_assert_uint_eq(v->units[0].base, 0xfed80000);
	ck_assert_uint_eq(v->num_ioapics, 1);
	ck_assert_uint_eq(v->ioapics[0].bdf, 0xa0);
	for (size_t i = 36; i < len; i++) {
		/* damage one byte and fix the checksum: the structure
		 * checks must hold on their own */
		unsigned char *b = malloc(len);

		memcpy(b, t, len);
		b[i] = 0xff;
		checksum(b, len);
		jh_acpi_parse_ivrs(b, len, v, err, sizeof(err));
		free(b);
	}
	free(t);
	t = fixture_table(FIXTURES "x86-q35.tar", "MCFG", &len);
	ck_assert(jh_acpi_parse_mcfg(t, len, &m, err, sizeof(err)));
	ck_assert_uint_eq(m.n, 1);
	ck_assert_uint_eq(m.e[0].base, 0xb0000000);
	ck_assert_uint_eq(m.e[0].end_bus, 255);
	free(t);
	free(d);
	free(v);
}
END_TEST

/* ------------------------------------------------------------ PCI */

START_TEST(pci_config)
{
	uint8_t cfg[256] = { 0 };
	struct jh_probe_pci *d = calloc(1, sizeof(*d));
	char err[256];

	cfg[0] = 0x86; cfg[1] = 0x80; cfg[2] = 0x34; cfg[3] = 0x12;
	cfg[6] = 0x10;			/* capability list */
	cfg[0x0b] = 0x02;		/* network */
	cfg[0x3d] = 1;			/* INTA */
	cfg[0x34] = 0x40;
	cfg[0x40] = 0x05; cfg[0x41] = 0x50;	/* MSI, 64-bit, 4 vectors */
	cfg[0x42] = 0x80 | (2 << 1);
	cfg[0x50] = 0x11; cfg[0x51] = 0x00;	/* MSI-X, 8 vectors, BIR 2 */
	cfg[0x52] = 7; cfg[0x54] = 0x02 | 0x00; cfg[0x55] = 0x20;
	ck_assert_msg(jh_probe_pci_parse_config(d, cfg, sizeof(cfg), err,
						sizeof(err)), "%s", err);
	ck_assert_uint_eq(d->vendor, 0x8086);
	ck_assert_uint_eq(d->intx_pin, 1);
	ck_assert_uint_eq(d->num_caps, 2);
	ck_assert_uint_eq(d->msi_vectors, 4);
	ck_assert(d->msi_64bit && !d->msi_maskable);
	ck_assert_uint_eq(d->caps[0].len, 14);
	ck_assert_uint_eq(d->msix_vectors, 8);
	ck_assert_uint_eq(d->msix_bir, 2);
	ck_assert_uint_eq(d->msix_offset, 0x2000);
	/* a loop in the capability list */
	cfg[0x51] = 0x40;
	ck_assert(!jh_probe_pci_parse_config(d, cfg, sizeof(cfg), err,
					     sizeof(err)));
	ck_assert(strstr(err, "loops"));
	/* a pointer into the header */
	cfg[0x51] = 0x10;
	ck_assert(!jh_probe_pci_parse_config(d, cfg, sizeof(cfg), err,
					     sizeof(err)));
	ck_assert(strstr(err, "out of range"));
	/* only 64 bytes readable (not root) */
	ck_assert(!jh_probe_pci_parse_config(d, cfg, 64, err, sizeof(err)));
	ck_assert(strstr(err, "read as root"));
	free(d);
}
END_TEST

START_TEST(pci_resource)
{
	struct jh_probe_pci *d = calloc(1, sizeof(*d));
	char err[256];
	const char *res =
		"0x00000000fea80000 0x00000000fea9ffff 0x0000000000040200\n"
		"0x000000000000d0c0 0x000000000000d0df 0x0000000000040101\n"
		"0x0000008000300000 0x0000008000303fff 0x000000000014220c\n"
		"0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
		"0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
		"0x0000000000000000 0x0000000000000000 0x0000000000000000\n";
	uint16_t dom;
	uint8_t bus, dev, fn;

	ck_assert(jh_probe_pci_parse_resource(d, res, err, sizeof(err)));
	ck_assert_uint_eq(d->bars[0].start, 0xfea80000);
	ck_assert_uint_eq(d->bars[0].size, 0x20000);
	ck_assert(d->bars[1].io);
	ck_assert(d->bars[2].is64 && d->bars[2].prefetch);
	ck_assert(d->bars[3].upper);
	ck_assert(!jh_probe_pci_parse_resource(d, "garbage", err,
					       sizeof(err)));
	ck_assert(jh_probe_pci_parse_bdf("0000:01:1f.7", &dom, &bus, &dev,
					 &fn));
	ck_assert(bus == 1 && dev == 0x1f && fn == 7);
	ck_assert(!jh_probe_pci_parse_bdf("0000:01:20.0", &dom, &bus, &dev,
					  &fn));
	ck_assert(!jh_probe_pci_parse_bdf("0000:01:1f.0x", &dom, &bus, &dev,
					  &fn));
	free(d);
}
END_TEST

/* ------------------------------------------------------------ text */

START_TEST(resources_text)
{
	struct jh_probe_res_list l;
	char err[256];

	ck_assert(jh_probe_parse_resources(
		"00000000-00000fff : Reserved\n"
		"00100000-3ffdbfff : System RAM\n"
		"  28800000-29601d31 : Kernel code\n"
		"100000000-8ffffffff : PCI Bus 0000:00\n", &l, err,
		sizeof(err)));
	ck_assert_uint_eq(l.n, 4);
	ck_assert(!l.v[1].leaf && l.v[2].leaf);
	ck_assert_uint_eq(l.v[2].depth, 1);
	ck_assert_uint_eq(l.v[3].end, 0x8ffffffffull);
	ck_assert_str_eq(l.v[3].name, "PCI Bus 0000:00");
	ck_assert(!l.all_zero);
	jh_probe_res_free(&l);
	ck_assert(jh_probe_parse_resources("00000000-00000000 : a\n", &l, err,
					   sizeof(err)));
	ck_assert(l.all_zero);
	jh_probe_res_free(&l);
	ck_assert(!jh_probe_parse_resources("0010-0001 : backwards\n", &l,
					    err, sizeof(err)));
	ck_assert(strstr(err, "line 1"));
	ck_assert(!jh_probe_parse_resources("ok-0001 : x\n", &l, err,
					    sizeof(err)));
}
END_TEST

START_TEST(cpu_lists)
{
	bool set[16] = { false };

	ck_assert(jh_probe_parse_cpulist("0-3,6", set, 16));
	ck_assert(set[0] && set[3] && !set[4] && set[6]);
	ck_assert(!jh_probe_parse_cpulist("3-1", set, 16));
	ck_assert(!jh_probe_parse_cpulist("16", set, 16));
	ck_assert(!jh_probe_parse_cpulist("1,,2", set, 16));
	ck_assert(!jh_probe_parse_cpulist("x", set, 16));
}
END_TEST

START_TEST(cell_requests)
{
	struct jh_probe_cell_req r;
	char err[256];
	uint64_t v;

	ck_assert(jh_probe_parse_cell_req(
		"rtos:cpus=2-3,6,mem=256M,devices=uart1+nic0", &r, err,
		sizeof(err)));
	ck_assert_str_eq(r.name, "rtos");
	ck_assert(r.cpus[2] && r.cpus[3] && r.cpus[6] && !r.cpus[4]);
	ck_assert_uint_eq(r.mem, 256u << 20);
	ck_assert_uint_eq(r.num_devices, 2);
	ck_assert_str_eq(r.devices[1], "nic0");
	jh_probe_cell_req_free(&r);
	/* devices may also be separated by commas */
	ck_assert(jh_probe_parse_cell_req("b:cpus=1,devices=a,b,mem=4K", &r,
					  err, sizeof(err)));
	ck_assert_uint_eq(r.num_devices, 2);
	ck_assert_str_eq(r.devices[1], "b");
	ck_assert_uint_eq(r.mem, 4096);
	jh_probe_cell_req_free(&r);
	ck_assert(!jh_probe_parse_cell_req("rtos:mem=16M", &r, err,
					   sizeof(err)));
	ck_assert(strstr(err, "cpus= is missing"));
	ck_assert(!jh_probe_parse_cell_req("rtos:cpus=1,mem=100", &r, err,
					   sizeof(err)));
	ck_assert(strstr(err, "whole pages"));
	ck_assert(!jh_probe_parse_cell_req("no colon", &r, err,
					   sizeof(err)));
	ck_assert(!jh_probe_parse_cell_req("a b:cpus=1,mem=4K", &r, err,
					   sizeof(err)));
	ck_assert(jh_probe_parse_size("4 KiB", &v) && v == 4096);
	ck_assert(jh_probe_parse_size("0x1000", &v) && v == 4096);
	ck_assert(!jh_probe_parse_size("99999999999999999999G", &v));
}
END_TEST

/* ------------------------------------------------------------ whole */

START_TEST(probe_fixture_arm64)
{
	struct jh_probe_root r;
	struct jh_probe *p;
	char err[256];
	const struct jh_board *b;

	ck_assert(jh_probe_root_open_tar(&r, FIXTURES "arm64-virt.tar", err,
					 sizeof(err)));
	p = jh_probe_run(&r);
	jh_probe_root_close(&r);
	b = p->board;
	ck_assert_uint_eq(p->notes.n, 0);
	ck_assert_uint_eq(b->arch, JH_ARCH_ARM64);
	ck_assert_uint_eq(b->cpus.n, 4);
	ck_assert_uint_eq(b->cpus.v[3].hw_id, 3);
	ck_assert_uint_eq(b->irqchips.n, 1);
	ck_assert_uint_eq(b->irqchips.v[0].kind, JH_IRQCHIP_GICV3);
	ck_assert_uint_eq(b->irqchips.v[0].maintenance_irq, 25);
	ck_assert_uint_eq(b->iommus.n, 1);
	ck_assert_uint_eq(b->iommus.v[0].type, JH_IOMMU_SMMUV3);
	ck_assert(b->has_pci);
	ck_assert_uint_eq(b->pci_ecam, 0x3f000000);	/* highmem=off */
	ck_assert_uint_eq(b->pci_end_bus, 15);
	ck_assert_int_ge(p->console_dev, 0);
	ck_assert_str_eq(b->devices.v[p->console_dev].name, "uart0");
	/* INTx of the device behind the root port: swizzled to the
	 * port's slot 5, pin A -> SPI 3 + (5 % 4) = INTID 36 */
	for (size_t i = 0; i < b->pci_devices.n; i++)
		if (b->pci_devices.v[i].bdf == 0x0100) {
			ck_assert_int_eq(b->pci_devices.v[i].intx_line, 36);
			ck_assert_int_ge(b->pci_devices.v[i].bridge, 0);
			ck_assert_uint_eq(b->pci_devices.v[i].stream_ids.v[0],
					  0x100);
		}
	jh_probe_free(p);
}
END_TEST

/* ------------------------------------------------------------ live dir */

static void put_file(const char *dir, const char *rel, const char *text)
{
	char path[512], cmd[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
	ck_assert_int_eq(system(cmd), 0);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A made-up x86 system in a directory: most sources missing. The probe
 * must name each gap, read what is there, and the collector must copy
 * the same files and list what it skipped. */
START_TEST(probe_sparse_dir)
{
	char dir[] = "/tmp/jh-probe-test-XXXXXX", tarpath[600], err[256];
	struct jh_probe_root r;
	struct jh_probe *p;
	bool saw_mcfg = false, saw_iomem = false;
	FILE *devnull = fopen("/dev/null", "w");
	unsigned char *skipped;
	size_t len;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	put_file(dir, "proc/cpuinfo", "processor\t: 0\nvendor_id\t: X\n"
		 "apicid\t\t: 4\n\nprocessor\t: 1\napicid\t\t: 6\n");
	put_file(dir, "sys/devices/system/cpu/online", "0-1\n");
	put_file(dir, "sys/devices/system/cpu/cpu0/cache/index3/level", "3\n");
	put_file(dir, "sys/devices/system/cpu/cpu0/cache/index3/type",
		 "Unified\n");
	put_file(dir,
		 "sys/devices/system/cpu/cpu0/cache/index3/shared_cpu_list",
		 "0-1\n");
	put_file(dir, "sys/fs/resctrl/info/L3CODE/cbm_mask", "fffff\n");
	put_file(dir, "sys/fs/resctrl/info/L3DATA/cbm_mask", "fffff\n");
	put_file(dir, "sys/fs/resctrl/info/L2/cbm_mask", "ff\n");
	put_file(dir, "sys/firmware/acpi/tables/APIC", "garbage");
	jh_probe_root_open_dir(&r, dir);
	p = jh_probe_run(&r);
	ck_assert_uint_eq(p->board->arch, JH_ARCH_X86);
	ck_assert_uint_eq(p->board->cpus.n, 2);
	ck_assert_uint_eq(p->board->cpus.v[1].hw_id, 6);
	ck_assert_int_eq(p->board->cpus.v[0].l3_group, 0);
	ck_assert(p->board->cache_alloc.present);
	ck_assert_uint_eq(p->board->cache_alloc.l3_cbm_length, 20);
	ck_assert(p->board->cache_alloc.l3_cdp);
	ck_assert_uint_eq(p->board->cache_alloc.l2_cbm_length, 8);
	ck_assert(!p->board->cache_alloc.l2_cdp);
	for (size_t i = 0; i < p->notes.n; i++) {
		saw_mcfg |= strstr(p->notes.v[i], "MCFG") &&
			    strstr(p->notes.v[i], "fill in board.pci.ecam");
		saw_iomem |= strstr(p->notes.v[i], "/proc/iomem") != NULL;
	}
	ck_assert(saw_mcfg && saw_iomem);
	/* no RAM: planning refuses, saying why */
	{
		struct jh_probe_emit_opts o = { .hv_size = 1u << 20 };

		ck_assert(!jh_probe_plan(p, &o, devnull));
	}
	jh_probe_free(p);
	jh_probe_root_close(&r);

	/* the collector on the same tree */
	snprintf(tarpath, sizeof(tarpath), "%s.tar", dir);
	ck_assert_int_eq(jh_probe_collect(dir, tarpath, devnull), 0);
	ck_assert(jh_probe_root_open_tar(&r, tarpath, err, sizeof(err)));
	ck_assert(jh_probe_root_exists(&r, "sys/fs/resctrl/info/L2/cbm_mask"));
	ck_assert(jh_probe_root_exists(&r, "sys/firmware/acpi/tables/APIC"));
	skipped = jh_probe_root_read(&r, "jh-snapshot/skipped", &len, err,
				     sizeof(err));
	ck_assert_ptr_nonnull(skipped);
	ck_assert(strstr((char *)skipped, "proc/iomem"));
	ck_assert(strstr((char *)skipped, "sys/bus/pci/devices"));
	free(skipped);
	p = jh_probe_run(&r);
	ck_assert_uint_eq(p->board->cache_alloc.l3_cbm_length, 20);
	jh_probe_free(p);
	jh_probe_root_close(&r);
	fclose(devnull);
	{
		char cmd[700];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", dir, tarpath);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("probe");
	TCase *tc = tcase_create("parsers");
	SRunner *r;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, tar_round_trip);
	tcase_add_test(tc, tar_damaged);
	tcase_add_test(tc, root_over_snapshot);
	tcase_add_test(tc, fdt_translate);
	tcase_add_test(tc, fdt_damaged);
	tcase_add_test(tc, fdt_fixture);
	tcase_add_test(tc, fdt_interrupts_extended);
	tcase_add_test(tc, acpi_madt);
	tcase_add_test(tc, acpi_fixtures);
	tcase_add_test(tc, pci_config);
	tcase_add_test(tc, pci_resource);
	tcase_add_test(tc, resources_text);
	tcase_add_test(tc, cpu_lists);
	tcase_add_test(tc, cell_requests);
	tcase_add_test(tc, probe_fixture_arm64);
	tcase_add_test(tc, probe_sparse_dir);
	suite_add_tcase(s, tc);
	r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? 1 : 0;
}
