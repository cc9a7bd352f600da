// SPDX-License-Identifier: GPL-2.0-only
/*
 * Binary images -> the typed model, trusting nothing.
 *
 * Order of validation: the fixed header must fit; signature, revision and
 * architecture must be right; the size computed from the counts (in 64
 * bits, so it cannot wrap) must fit the buffer; only then are the arrays
 * read. Bytes the model cannot hold (padding, the zeroed head of the
 * embedded root cell, bytes after the name's NUL) must be zero, so every
 * accepted image is reproduced byte for byte by the writer.
 *
 * Each problem is reported with the byte offset and the field; header
 * problems stop the read, item problems are all collected.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image-internal.h"
#include "jh-cell-format.h"
#include "le.h"

#define OFF(type, field) offsetof(struct type, field)

/* 2^20 CPUs: what the language can name. */
#define JH_IMAGE_MAX_CPU_SET (1u << 17)
/* 4096 entries of 128 interrupts: far beyond any real interrupt chip. */
#define JH_IMAGE_MAX_IRQCHIPS 4096u

struct rd {
	const uint8_t *buf;
	size_t len;
	const char *file;	/* interned in the diagnostics engine */
	struct jh_diags *d;
	struct jh_system *sys;
	bool ok;
};

static struct jh_loc loc_at(const struct rd *r, uint64_t off,
			    const char *array, int32_t index)
{
	return jh_image_loc(r->file, off, array, index);
}

/* Report a problem in field `field` at byte offset `off`. */
__attribute__((format(printf, 6, 7)))
static void bad(struct rd *r, uint64_t off, const char *array, int32_t index,
		const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	jh_error(r->d, loc_at(r, off, array, index), "%s: %s", field, msg);
	r->ok = false;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void get_console(const uint8_t *p, struct jh_console_desc *c)
{
	c->address = jh_get64(p + OFF(jh_console, address));
	c->size = jh_get32(p + OFF(jh_console, size));
	c->type = jh_get16(p + OFF(jh_console, type));
	c->flags = jh_get16(p + OFF(jh_console, flags));
	c->divider = jh_get32(p + OFF(jh_console, divider));
	c->gate_nr = jh_get32(p + OFF(jh_console, gate_nr));
	c->clock_reg = jh_get64(p + OFF(jh_console, clock_reg));
	c->board_dev = -1;
}

static void get_memory(const uint8_t *p, struct jh_region *m)
{
	m->phys_start = jh_get64(p + OFF(jh_memory, phys_start));
	m->virt_start = jh_get64(p + OFF(jh_memory, virt_start));
	m->size = jh_get64(p + OFF(jh_memory, size));
	m->flags = jh_get64(p + OFF(jh_memory, flags));
}

static const char *arch_name(unsigned int arch)
{
	static const char *const names[] = { "x86", "arm", "arm64" };

	return arch < 3 ? names[arch] : "?";
}

/* Allocate a model array for `n` entries at once (n was checked against
 * the buffer length, so this is bounded by the input size). */
#define RESERVE(vec, count) do { \
	(vec)->v = jh_xcalloc((count) ? (count) : 1, sizeof(*(vec)->v)); \
	(vec)->cap = (count) ? (count) : 1; \
	(vec)->n = (count); \
} while (0)

/*
 * The cell descriptor at `base`. For the root cell inside a system image
 * (`embedded`), the first 8 bytes must be zero. Returns false when the
 * descriptor cannot be trusted (then nothing else is read).
 */
static bool read_cell_desc(struct rd *r, size_t base, bool embedded,
			   struct jh_cell *c)
{
	const uint8_t *p = r->buf + base;
	const uint8_t *name = p + OFF(jh_cell_desc, name);
	const uint8_t *nul;
	bool ok = true;

	if (embedded && !all_zero(p, 8)) {
		bad(r, base, NULL, -1, "root_cell.signature", "the embedded "
		    "root cell descriptor must have its signature, "
		    "architecture and revision zero");
		ok = false;
	}
	nul = memchr(name, 0, JH_CELL_NAME_MAXLEN + 1);
	if (!nul) {
		bad(r, base + OFF(jh_cell_desc, name), NULL, -1, "name",
		    "not NUL-terminated within %d bytes",
		    JH_CELL_NAME_MAXLEN + 1);
		return false;
	}
	for (const uint8_t *q = name; q < nul; q++)
		if (*q < 0x20 || *q > 0x7e) {
			bad(r, base + (size_t)(q - p), NULL, -1, "name",
			    "byte 0x%02x is not printable ASCII", *q);
			ok = false;
			break;
		}
	if (!all_zero(nul, (size_t)(name + JH_CELL_NAME_MAXLEN + 1 - nul))) {
		bad(r, base + (size_t)(nul - p), NULL, -1, "name",
		    "bytes after the terminating NUL must be zero");
		ok = false;
	}
	memcpy(c->name, name, (size_t)(nul - name) + 1);
	c->id = jh_get32(p + OFF(jh_cell_desc, id));
	c->flags = jh_get32(p + OFF(jh_cell_desc, flags));
	c->cpu_set_size = jh_get32(p + OFF(jh_cell_desc, cpu_set_size));
	c->vpci_irq_base = jh_get32(p + OFF(jh_cell_desc, vpci_irq_base));
	c->cpu_reset_address =
		jh_get64(p + OFF(jh_cell_desc, cpu_reset_address));
	c->msg_reply_timeout =
		jh_get64(p + OFF(jh_cell_desc, msg_reply_timeout));
	get_console(p + OFF(jh_cell_desc, console), &c->console);
	c->console.loc = loc_at(r, base + OFF(jh_cell_desc, console),
				"console", -1);
	c->loc = loc_at(r, base, NULL, -1);
	c->name_loc = loc_at(r, base + OFF(jh_cell_desc, name), NULL, -1);
	c->cpus_loc = loc_at(r, base + sizeof(struct jh_cell_desc),
			     "cpu_set", -1);
	c->flags_loc = loc_at(r, base + OFF(jh_cell_desc, flags), NULL, -1);
	return ok;
}

/* A region must not run past the end of the 64-bit address space, in
 * physical or in guest addresses. */
static void check_region_end(struct rd *r, const struct jh_region *m,
			     size_t off, const char *array, int32_t index)
{
	uint64_t last = m->size - 1;

	if (m->size == 0)
		return;
	if (m->phys_start > UINT64_MAX - last)
		bad(r, off + OFF(jh_memory, size), array, index, "size",
		    "0x%llx from phys_start 0x%llx runs past the end of the "
		    "address space", (unsigned long long)m->size,
		    (unsigned long long)m->phys_start);
	else if (m->virt_start > UINT64_MAX - last)
		bad(r, off + OFF(jh_memory, size), array, index, "size",
		    "0x%llx from virt_start 0x%llx runs past the end of the "
		    "address space", (unsigned long long)m->size,
		    (unsigned long long)m->virt_start);
}

/* Count of array `which`, read from the descriptor at `base`. */
static uint32_t desc_count(const struct rd *r, size_t base,
			   size_t count_off)
{
	return jh_get32(r->buf + base + count_off);
}

/*
 * Check the declared size against the buffer and read the arrays of the
 * cell whose descriptor is at `base`; `arrays` is where they start.
 */
static bool read_cell_arrays(struct rd *r, size_t base, size_t arrays,
			     struct jh_cell *c)
{
	static const struct {
		size_t count_off, item;
		const char *name;
	} arr[] = {
		{ OFF(jh_cell_desc, num_memory_regions),
		  sizeof(struct jh_memory), "num_memory_regions" },
		{ OFF(jh_cell_desc, num_cache_regions),
		  sizeof(struct jh_cache), "num_cache_regions" },
		{ OFF(jh_cell_desc, num_irqchips),
		  sizeof(struct jh_irqchip), "num_irqchips" },
		{ OFF(jh_cell_desc, num_pio_regions),
		  sizeof(struct jh_pio), "num_pio_regions" },
		{ OFF(jh_cell_desc, num_pci_devices),
		  sizeof(struct jh_pci_device), "num_pci_devices" },
		{ OFF(jh_cell_desc, num_pci_caps),
		  sizeof(struct jh_pci_capability), "num_pci_caps" },
		{ OFF(jh_cell_desc, num_stream_ids), sizeof(uint32_t),
		  "num_stream_ids" },
	};
	uint64_t end = (uint64_t)arrays + c->cpu_set_size;
	const uint8_t *a;
	uint32_t n;

	/* The hypervisor walks the set in 64-bit words (and the language
	 * can only size it so): a partial word is not a valid set. */
	if (c->cpu_set_size > JH_IMAGE_MAX_CPU_SET) {
		bad(r, base + OFF(jh_cell_desc, cpu_set_size), NULL, -1,
		    "cpu_set_size", "%u bytes are more than the %u (%u CPUs) "
		    "this reader accepts", c->cpu_set_size,
		    JH_IMAGE_MAX_CPU_SET, JH_IMAGE_MAX_CPU_SET * 8);
		return false;
	}
	if (c->cpu_set_size % 8) {
		bad(r, base + OFF(jh_cell_desc, cpu_set_size), NULL, -1,
		    "cpu_set_size", "%u is not a multiple of 8 (the set is "
		    "made of 64-bit words)", c->cpu_set_size);
		return false;
	}

	/* The model keeps a location per interrupt (128 per entry, ~6 KiB):
	 * bound the entries so a small file cannot demand gigabytes. */
	n = desc_count(r, base, OFF(jh_cell_desc, num_irqchips));
	if (n > JH_IMAGE_MAX_IRQCHIPS) {
		bad(r, base + OFF(jh_cell_desc, num_irqchips), NULL, -1,
		    "num_irqchips", "%u entries are more than the %u this "
		    "reader accepts (%u interrupts)", n,
		    JH_IMAGE_MAX_IRQCHIPS,
		    JH_IMAGE_MAX_IRQCHIPS * JH_IRQCHIP_PINS);
		return false;
	}
	if (end > r->len) {
		bad(r, base + OFF(jh_cell_desc, cpu_set_size), NULL, -1,
		    "cpu_set_size", "%u bytes of cpu set end at byte %llu, "
		    "past the end of the %zu-byte file", c->cpu_set_size,
		    (unsigned long long)end, r->len);
		return false;
	}
	for (size_t i = 0; i < sizeof(arr) / sizeof(arr[0]); i++) {
		n = desc_count(r, base, arr[i].count_off);
		end += (uint64_t)n * arr[i].item;
		if (end > r->len) {
			bad(r, base + arr[i].count_off, NULL, -1, arr[i].name,
			    "%u entries of %zu bytes end at byte %llu, past "
			    "the end of the %zu-byte file (a count in the "
			    "descriptor is wrong, or the file is truncated)",
			    n, arr[i].item, (unsigned long long)end, r->len);
			return false;
		}
	}

	a = r->buf + arrays;
	if (c->cpu_set_size) {
		c->cpu_set = jh_xmalloc(c->cpu_set_size);
		memcpy(c->cpu_set, a, c->cpu_set_size);
	}
	a += c->cpu_set_size;

	n = desc_count(r, base, arr[0].count_off);
	RESERVE(&c->mem, n);
	for (uint32_t i = 0; i < n; i++, a += sizeof(struct jh_memory)) {
		struct jh_region *m = &c->mem.v[i];

		get_memory(a, m);
		m->loc = loc_at(r, (size_t)(a - r->buf), "memory_regions",
				(int32_t)i);
		m->scrub_loc = JH_LOC_NONE;
		check_region_end(r, m, (size_t)(a - r->buf), "memory_regions",
				 (int32_t)i);
	}

	n = desc_count(r, base, arr[1].count_off);
	RESERVE(&c->cache, n);
	for (uint32_t i = 0; i < n; i++, a += sizeof(struct jh_cache)) {
		struct jh_cache_part *k = &c->cache.v[i];
		size_t off = (size_t)(a - r->buf);

		k->start = jh_get32(a + OFF(jh_cache, start));
		k->size = jh_get32(a + OFF(jh_cache, size));
		k->type = jh_get8(a + OFF(jh_cache, type));
		k->flags = jh_get16(a + OFF(jh_cache, flags));
		k->level = JH_CACHE_LEVEL_L3;
		k->loc = loc_at(r, off, "cache_regions", (int32_t)i);
		if (a[OFF(jh_cache, padding)])
			bad(r, off + OFF(jh_cache, padding), "cache_regions",
			    (int32_t)i, "padding", "must be 0, is 0x%02x",
			    a[OFF(jh_cache, padding)]);
	}

	n = desc_count(r, base, arr[2].count_off);
	RESERVE(&c->irqchips, n);
	for (uint32_t i = 0; i < n; i++, a += sizeof(struct jh_irqchip)) {
		struct jh_cell_irqchip *q = &c->irqchips.v[i];

		q->address = jh_get64(a + OFF(jh_irqchip, address));
		q->id = jh_get32(a + OFF(jh_irqchip, id));
		q->pin_base = jh_get32(a + OFF(jh_irqchip, pin_base));
		for (int w = 0; w < 4; w++)
			q->pin_bitmap[w] = jh_get32(a +
				OFF(jh_irqchip, pin_bitmap) + 4 * w);
		q->board_chip = -1;
		q->loc = loc_at(r, (size_t)(a - r->buf), "irqchips",
				(int32_t)i);
		/* the 128 interrupts from pin_base must be 32-bit numbers */
		if (q->pin_base > UINT32_MAX - (JH_IRQCHIP_PINS - 1))
			bad(r, (size_t)(a - r->buf) + OFF(jh_irqchip, pin_base),
			    "irqchips", (int32_t)i, "pin_base",
			    "0x%x: the 128 interrupts from there run past "
			    "0xffffffff (at most 0x%x)", q->pin_base,
			    UINT32_MAX - (JH_IRQCHIP_PINS - 1));
		for (int b = 0; b < JH_IRQCHIP_PINS; b++)
			q->pin_loc[b] = q->loc;
	}

	n = desc_count(r, base, arr[3].count_off);
	RESERVE(&c->pio, n);
	for (uint32_t i = 0; i < n; i++, a += sizeof(struct jh_pio)) {
		c->pio.v[i].base = jh_get16(a + OFF(jh_pio, base));
		c->pio.v[i].length = jh_get16(a + OFF(jh_pio, length));
		c->pio.v[i].loc = loc_at(r, (size_t)(a - r->buf),
					 "pio_regions", (int32_t)i);
		if ((uint32_t)c->pio.v[i].base + c->pio.v[i].length > 0x10000)
			bad(r, (size_t)(a - r->buf) + OFF(jh_pio, length),
			    "pio_regions", (int32_t)i, "length",
			    "ports 0x%x + 0x%x run past the last port 0xffff",
			    c->pio.v[i].base, c->pio.v[i].length);
	}

	n = desc_count(r, base, arr[4].count_off);
	RESERVE(&c->pci, n);
	for (uint32_t i = 0; i < n; i++, a += sizeof(struct jh_pci_device)) {
		struct jh_pci_dev *v = &c->pci.v[i];

		v->type = jh_get8(a + OFF(jh_pci_device, type));
		v->iommu = jh_get8(a + OFF(jh_pci_device, iommu));
		v->domain = jh_get16(a + OFF(jh_pci_device, domain));
		v->bdf = jh_get16(a + OFF(jh_pci_device, bdf));
		for (int b = 0; b < JH_PCI_NUM_BARS; b++)
			v->bar_mask[b] = jh_get32(a +
				OFF(jh_pci_device, bar_mask) + 4 * b);
		v->caps_start = jh_get16(a + OFF(jh_pci_device, caps_start));
		v->num_caps = jh_get16(a + OFF(jh_pci_device, num_caps));
		v->num_msi_vectors =
			jh_get8(a + OFF(jh_pci_device, num_msi_vectors));
		v->msi_flags = jh_get8(a + OFF(jh_pci_device, msi_flags));
		v->num_msix_vectors =
			jh_get16(a + OFF(jh_pci_device, num_msix_vectors));
		v->msix_region_size =
			jh_get16(a + OFF(jh_pci_device, msix_region_size));
		v->msix_address =
			jh_get64(a + OFF(jh_pci_device, msix_address));
		v->shmem_regions_start =
			jh_get32(a + OFF(jh_pci_device, shmem_regions_start));
		v->shmem_dev_id = jh_get8(a + OFF(jh_pci_device, shmem_dev_id));
		v->shmem_peers = jh_get8(a + OFF(jh_pci_device, shmem_peers));
		v->shmem_protocol =
			jh_get16(a + OFF(jh_pci_device, shmem_protocol));
		v->board_dev = -1;
		v->link = -1;
		v->loc = loc_at(r, (size_t)(a - r->buf), "pci_devices",
				(int32_t)i);
	}

	n = desc_count(r, base, arr[5].count_off);
	RESERVE(&c->caps, n);
	for (uint32_t i = 0; i < n;
	     i++, a += sizeof(struct jh_pci_capability)) {
		struct jh_pci_cap *k = &c->caps.v[i];

		k->id = jh_get16(a + OFF(jh_pci_capability, id));
		k->start = jh_get16(a + OFF(jh_pci_capability, start));
		k->len = jh_get16(a + OFF(jh_pci_capability, len));
		k->flags = jh_get16(a + OFF(jh_pci_capability, flags));
		k->loc = loc_at(r, (size_t)(a - r->buf), "pci_caps",
				(int32_t)i);
	}

	n = desc_count(r, base, arr[6].count_off);
	RESERVE(&c->stream_ids, n);
	for (uint32_t i = 0; i < n; i++, a += 4) {
		c->stream_ids.v[i].id = jh_get32(a);
		c->stream_ids.v[i].loc = loc_at(r, (size_t)(a - r->buf),
						"stream_ids", (int32_t)i);
	}
	return true;
}

/* Cross-references inside the cell: every index in range. */
static void check_references(struct rd *r, const struct jh_cell *c)
{
	for (size_t i = 0; i < c->pci.n; i++) {
		const struct jh_pci_dev *v = &c->pci.v[i];
		uint64_t off = (uint64_t)v->loc.offset;

		if (v->iommu >= JH_MAX_IOMMU_UNITS)
			bad(r, off + OFF(jh_pci_device, iommu), "pci_devices",
			    (int32_t)i, "iommu", "index %u out of range (the "
			    "system has %d IOMMU units)", v->iommu,
			    JH_MAX_IOMMU_UNITS);
		if ((uint32_t)v->caps_start + v->num_caps > c->caps.n)
			bad(r, off + OFF(jh_pci_device, caps_start),
			    "pci_devices", (int32_t)i, "caps_start",
			    "capabilities %u..%u out of range (the cell has "
			    "%zu)", v->caps_start,
			    (unsigned int)v->caps_start + v->num_caps,
			    c->caps.n);
		if (v->type == JH_PCI_TYPE_IVSHMEM &&
		    (uint64_t)v->shmem_regions_start + 2 + v->shmem_peers >
		    c->mem.n)
			bad(r, off + OFF(jh_pci_device, shmem_regions_start),
			    "pci_devices", (int32_t)i, "shmem_regions_start",
			    "regions %u..%llu (state table, shared section, "
			    "%u output sections) out of range (the cell has "
			    "%zu memory regions)", v->shmem_regions_start,
			    (unsigned long long)v->shmem_regions_start + 2 +
			    v->shmem_peers, v->shmem_peers, c->mem.n);
	}
	for (size_t i = 0; i < c->pci.n; i++) {
		const struct jh_pci_dev *v = &c->pci.v[i];

		if (v->msi_flags & ~(JH_PCI_MSI_64BITS | JH_PCI_MSI_MASKABLE))
			bad(r, (uint64_t)v->loc.offset +
			    OFF(jh_pci_device, msi_flags), "pci_devices",
			    (int32_t)i, "msi_flags", "reserved bits set "
			    "(0x%02x)", v->msi_flags);
	}
}

/* Header of either image: signature, architecture, revision. */
static bool read_head(struct rd *r, const char *sig, uint8_t *arch)
{
	uint16_t rev;

	if (memcmp(r->buf, sig, JH_SIGNATURE_SIZE) != 0)
		return false;
	*arch = r->buf[5];
	rev = jh_get16(r->buf + 6);
	if (rev != JH_CONFIG_REVISION) {
		bad(r, 6, NULL, -1, "revision", "%u is not supported (this "
		    "reader knows revision %d)", rev, JH_CONFIG_REVISION);
		return false;
	}
	if (*arch > JH_ARCH_ARM64) {
		bad(r, 5, NULL, -1, "architecture", "unknown value %u (0 x86, "
		    "1 arm, 2 arm64)", *arch);
		return false;
	}
	return true;
}

/* All images read into one model must agree on the architecture. */
static bool set_arch(struct rd *r, uint8_t arch)
{
	if (r->sys->cells.n == 0) {
		r->sys->arch = arch;
		return true;
	}
	if (r->sys->arch != arch) {
		bad(r, 5, NULL, -1, "architecture", "%s, but the images read "
		    "before are %s", arch_name(arch),
		    arch_name(r->sys->arch));
		return false;
	}
	return true;
}

static void read_iommus(struct rd *r)
{
	for (int i = 0; i < JH_MAX_IOMMU_UNITS; i++) {
		size_t off = OFF(jh_system_desc, iommu_units) +
			     (size_t)i * sizeof(struct jh_iommu);
		struct jh_iommu_unit *u = &r->sys->iommu_units[i];

		u->type = jh_get32(r->buf + off + OFF(jh_iommu, type));
		u->base = jh_get64(r->buf + off + OFF(jh_iommu, base));
		u->size = jh_get32(r->buf + off + OFF(jh_iommu, size));
		memcpy(u->raw, r->buf + off + 16, sizeof(u->raw));
		u->loc = loc_at(r, off, "iommu_units", i);
		/* the AMD part of the union is 8 of its 12 bytes */
		if (u->type == JH_IOMMU_AMD && !all_zero(u->raw + 8, 4))
			bad(r, off + 24, "iommu_units", i, "amd",
			    "bytes 8..11 of the type-specific part are unused "
			    "by AMD units and must be 0");
	}
}

static void read_platform(struct rd *r)
{
	const size_t base = OFF(jh_system_desc, platform);
	const uint8_t *p = r->buf + base;
	struct jh_system *s = r->sys;

	if (s->arch == JH_ARCH_X86) {
		s->platform.x86.pm_timer_address =
			jh_get16(p + OFF(jh_platform_x86, pm_timer_address));
		s->platform.x86.apic_mode =
			jh_get8(p + OFF(jh_platform_x86, apic_mode));
		s->platform.x86.vtd_interrupt_limit =
			jh_get32(p + OFF(jh_platform_x86,
					 vtd_interrupt_limit));
		s->platform.x86.tsc_khz =
			jh_get32(p + OFF(jh_platform_x86, tsc_khz));
		s->platform.x86.apic_khz =
			jh_get32(p + OFF(jh_platform_x86, apic_khz));
		if (p[OFF(jh_platform_x86, padding)])
			bad(r, base + OFF(jh_platform_x86, padding), NULL, -1,
			    "platform.x86.padding", "must be 0");
		if (!all_zero(p + sizeof(struct jh_platform_x86),
			      sizeof(struct jh_platform_arm) -
			      sizeof(struct jh_platform_x86)))
			bad(r, base + sizeof(struct jh_platform_x86), NULL,
			    -1, "platform", "bytes past the x86 platform "
			    "fields must be 0");
		return;
	}
	s->platform.arm.maintenance_irq =
		jh_get8(p + OFF(jh_platform_arm, maintenance_irq));
	s->platform.arm.gic_version =
		jh_get8(p + OFF(jh_platform_arm, gic_version));
	s->platform.arm.gicd_base = jh_get64(p + OFF(jh_platform_arm, gicd_base));
	s->platform.arm.gicc_base = jh_get64(p + OFF(jh_platform_arm, gicc_base));
	s->platform.arm.gich_base = jh_get64(p + OFF(jh_platform_arm, gich_base));
	s->platform.arm.gicv_base = jh_get64(p + OFF(jh_platform_arm, gicv_base));
	s->platform.arm.gicr_base = jh_get64(p + OFF(jh_platform_arm, gicr_base));
	if (!all_zero(p + OFF(jh_platform_arm, padding), 2))
		bad(r, base + OFF(jh_platform_arm, padding), NULL, -1,
		    "platform.arm.padding", "must be 0");
}

/* Add a cell to the model; the root cell goes first. */
static struct jh_cell *new_cell(struct jh_system *sys, bool root)
{
	struct jh_cell *c = jh_system_add_cell(sys, NULL);

	if (root && sys->cells.n > 1) {
		struct jh_cell tmp = *c;

		memmove(&sys->cells.v[1], &sys->cells.v[0],
			(sys->cells.n - 1) * sizeof(*c));
		sys->cells.v[0] = tmp;
		c = &sys->cells.v[0];
	}
	c->is_root = root;
	return c;
}

/* Bytes of a cell descriptor and its arrays, as read. */
static size_t standard_size(const struct jh_cell *c)
{
	return sizeof(struct jh_cell_desc) + c->cpu_set_size +
	       c->mem.n * sizeof(struct jh_memory) +
	       c->cache.n * sizeof(struct jh_cache) +
	       c->irqchips.n * sizeof(struct jh_irqchip) +
	       c->pio.n * sizeof(struct jh_pio) +
	       c->pci.n * sizeof(struct jh_pci_device) +
	       c->caps.n * sizeof(struct jh_pci_capability) +
	       c->stream_ids.n * sizeof(uint32_t);
}

/* The tail: nothing, or exactly one well-formed extension block. */
static bool read_tail(struct rd *r, size_t end, struct jh_cell *c)
{
	if (end == r->len)
		return true;
	return jh_ext_read(r->buf, r->len, end, r->file, r->d, c);
}

static bool read_system(struct rd *r)
{
	const size_t head = sizeof(struct jh_system_desc) -
			    sizeof(struct jh_cell_desc);
	struct jh_system *s = r->sys;
	struct jh_cell *c;
	uint8_t arch;
	size_t cell_index;

	if (r->len < sizeof(struct jh_system_desc)) {
		bad(r, r->len, NULL, -1, "system descriptor", "truncated: "
		    "the file has %zu bytes, the descriptor needs %zu", r->len,
		    sizeof(struct jh_system_desc));
		return false;
	}
	if (!read_head(r, JH_SYSTEM_SIGNATURE, &arch))
		return false;
	if (s->image_file) {
		bad(r, 0, NULL, -1, "signature", "a second system image (the "
		    "first was %s)", s->image_file);
		return false;
	}
	if (!set_arch(r, arch))
		return false;
	s->arch = arch;
	s->revision = JH_CONFIG_REVISION;
	s->image_file = jh_system_strdup(s, r->file);
	s->loc = loc_at(r, 0, NULL, -1);
	s->flags = jh_get32(r->buf + OFF(jh_system_desc, flags));
	get_memory(r->buf + OFF(jh_system_desc, hypervisor_memory),
		   &s->hypervisor_memory);
	s->hypervisor_memory.loc = loc_at(r,
		OFF(jh_system_desc, hypervisor_memory), "hypervisor_memory",
		-1);
	s->hypervisor_memory.scrub_loc = JH_LOC_NONE;
	check_region_end(r, &s->hypervisor_memory,
			 OFF(jh_system_desc, hypervisor_memory),
			 "hypervisor_memory", -1);
	get_console(r->buf + OFF(jh_system_desc, debug_console),
		    &s->debug_console);
	s->debug_console.loc = loc_at(r, OFF(jh_system_desc, debug_console),
				      "debug_console", -1);
	s->pci_mmconfig_base =
		jh_get64(r->buf + OFF(jh_system_desc, pci_mmconfig_base));
	s->pci_mmconfig_end_bus =
		jh_get8(r->buf + OFF(jh_system_desc, pci_mmconfig_end_bus));
	s->pci_is_virtual =
		jh_get8(r->buf + OFF(jh_system_desc, pci_is_virtual));
	s->pci_domain = jh_get16(r->buf + OFF(jh_system_desc, pci_domain));
	if (s->pci_is_virtual > 1)
		bad(r, OFF(jh_system_desc, pci_is_virtual), NULL, -1,
		    "pci_is_virtual", "%u, must be 0 or 1", s->pci_is_virtual);
	read_iommus(r);
	read_platform(r);

	c = new_cell(s, true);
	cell_index = (size_t)(c - s->cells.v);
	c->image_file = s->image_file;
	if (!read_cell_desc(r, head, true, c))
		return false;
	if (!read_cell_arrays(r, head, sizeof(struct jh_system_desc), c))
		return false;
	c = &s->cells.v[cell_index];
	check_references(r, c);
	return read_tail(r, head + standard_size(c), c) && r->ok;
}

static bool read_cell(struct rd *r)
{
	struct jh_cell *c;
	uint8_t arch;

	if (r->len < sizeof(struct jh_cell_desc)) {
		bad(r, r->len, NULL, -1, "cell descriptor", "truncated: the "
		    "file has %zu bytes, the descriptor needs %zu", r->len,
		    sizeof(struct jh_cell_desc));
		return false;
	}
	if (!read_head(r, JH_CELL_SIGNATURE, &arch))
		return false;
	if (!set_arch(r, arch))
		return false;
	c = new_cell(r->sys, false);
	c->image_file = jh_system_strdup(r->sys, r->file);
	if (!read_cell_desc(r, 0, false, c))
		return false;
	if (!read_cell_arrays(r, 0, sizeof(struct jh_cell_desc), c))
		return false;
	check_references(r, c);
	return read_tail(r, standard_size(c), c) && r->ok;
}

bool jh_image_read(const uint8_t *buf, size_t len, const char *file,
		   struct jh_diags *d, struct jh_system *sys)
{
	struct rd r = { buf, len, NULL, d, sys, true };

	r.file = jh_diags_intern(d, file ? file : "<image>");
	if (len < JH_SIGNATURE_SIZE) {
		bad(&r, 0, NULL, -1, "signature", "file of %zu bytes is too "
		    "short to be an image", len);
		return false;
	}
	if (memcmp(buf, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE) == 0)
		return read_system(&r);
	if (memcmp(buf, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE) == 0)
		return read_cell(&r);
	bad(&r, 0, NULL, -1, "signature", "not a jh/Jailhouse image: expected "
	    "\"JHSYS\" (system) or \"JHCLL\" (cell)");
	return false;
}
