// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI config space and sysfs resource decoding (see pci.h). Register
 * offsets and capability layouts from the PCI Local Bus 3.0 and PCI
 * Express Base specifications.
 */
#include "probe/pci.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jh-cell-format.h"

/* Linux IORESOURCE_* bits in sysfs "resource" */
#define IORES_IO	0x00000100ull
#define IORES_MEM	0x00000200ull
#define IORES_PREFETCH	0x00002000ull
#define IORES_MEM_64	0x00100000ull

static uint16_t cfg16(const uint8_t *c, size_t o)
{
	return (uint16_t)(c[o] | c[o + 1] << 8);
}

static uint32_t cfg32(const uint8_t *c, size_t o)
{
	return (uint32_t)cfg16(c, o) | (uint32_t)cfg16(c, o + 2) << 16;
}

static void add_cap(struct jh_probe_pci *d, uint16_t id, uint16_t start,
		    uint16_t len, bool write)
{
	struct jh_probe_pci_cap *c;

	if (d->num_caps == JH_PROBE_PCI_MAX_CAPS)
		return;
	c = &d->caps[d->num_caps++];
	c->id = id;
	c->start = start;
	c->len = len;
	c->write = write;
}

/* Length of a standard capability: known structures by their layout,
 * others up to the nearest capability above it (capabilities do not
 * overlap; the list need not be in address order), at least the 2-byte
 * header. */
static uint16_t std_cap_len(struct jh_probe_pci *d, const uint8_t *c,
			    uint8_t id, uint8_t at, uint8_t upper)
{
	uint16_t ctrl = cfg16(c, at + 2u);

	switch (id) {
	case 0x03:		/* VPD */
	case 0x0c:		/* standard hot-plug controller */
	case 0x12:		/* SATA */
		return 8;
	case 0x04:		/* slot identification */
	case 0x0a:		/* debug port */
		return 4;
	case 0x13:		/* advanced features */
		return 6;
	case 0x0f:		/* AMD IOMMU capability block */
		return 24;
	case 0x01:		/* power management */
		return 8;
	case 0x05:		/* MSI */
		d->msi_64bit = ctrl & (1u << 7);
		d->msi_maskable = ctrl & (1u << 8);
		d->msi_vectors = (uint8_t)(1u << ((ctrl >> 1) & 7));
		return (uint16_t)(10 + (d->msi_64bit ? 4 : 0) +
				  (d->msi_maskable ? 10 : 0));
	case 0x0d:		/* bridge subsystem vendor id */
		return 8;
	case 0x09:		/* vendor specific: length in byte 2 */
		return c[at + 2u] >= 3 ? c[at + 2u] : 3;
	case 0x10:		/* PCI Express */
		d->is_pcie = true;
		return (ctrl & 0xf) >= 2 ? 60 : 36;
	case 0x11:		/* MSI-X */
		d->msix_vectors = (uint16_t)((ctrl & 0x7ff) + 1);
		d->msix_bir = c[at + 4u] & 7;
		d->msix_offset = cfg32(c, at + 4u) & ~7u;
		return 12;
	default:
		return upper > at ? (uint16_t)(upper - at) : 2;
	}
}

/* The nearest capability start above `at` in a standard list (0 if
 * none); bounded walk, loops are caught by the caller. */
static uint8_t next_cap_above(const uint8_t *cfg, uint8_t first, uint8_t at)
{
	uint8_t best = 0, p = first;

	for (int guard = 0; p >= 0x40 && guard < 48; guard++) {
		if (p > at && (!best || p < best))
			best = p;
		p = cfg[p + 1u] & 0xfc;
	}
	return best;
}

static uint16_t ext_cap_len(const uint8_t *c, uint16_t id, uint16_t at,
			    uint16_t next)
{
	switch (id) {
	case 0x01:		/* AER */
		return 0x48;
	case 0x03:		/* device serial number */
		return 12;
	case 0x0b:		/* vendor specific: length in bits 31:20 */
		return (uint16_t)(cfg32(c, at + 4u) >> 20) >= 8 ?
			(uint16_t)(cfg32(c, at + 4u) >> 20) : 8;
	case 0x0d:		/* ACS */
	case 0x0e:		/* ARI */
		return 8;
	case 0x10:		/* SR-IOV */
		return 64;
	default:
		return next > at ? (uint16_t)(next - at) : 4;
	}
}

bool jh_probe_pci_parse_config(struct jh_probe_pci *d, const uint8_t *cfg,
			       size_t len, char *err, size_t err_size)
{
	uint8_t seen[256] = { 0 };
	uint8_t at, first;
	int guard;

	if (len < 64) {
		snprintf(err, err_size,
			 "only %zu bytes of config space (need 64)", len);
		return false;
	}
	if (len > sizeof(d->config))
		len = sizeof(d->config);
	memcpy(d->config, cfg, len);
	d->config_len = len;
	d->vendor = cfg16(cfg, 0);
	d->device = cfg16(cfg, 2);
	d->class_code = cfg32(cfg, 8) >> 8;
	d->header_type = cfg[0x0e] & 0x7f;
	d->intx_pin = cfg[0x3d] <= 4 ? cfg[0x3d] : 0;
	d->num_caps = 0;
	if (!(cfg16(cfg, 6) & (1u << 4)))	/* status: capability list */
		return true;
	first = at = cfg[d->header_type == 2 ? 0x14 : 0x34] & 0xfc;
	for (guard = 0; at; guard++) {
		uint8_t id, next;
		uint16_t cap_len;

		if (at < 0x40 || (size_t)at + 4 > len || len < 256) {
			if (len < 256 && at >= 0x40) {
				snprintf(err, err_size,
					 "config space cut at %zu bytes "
					 "(read as root to see capabilities)",
					 len);
			} else {
				snprintf(err, err_size,
					 "capability pointer 0x%02x out of "
					 "range", at);
			}
			return false;
		}
		if (seen[at] || guard > 48) {
			snprintf(err, err_size,
				 "capability list loops at 0x%02x", at);
			return false;
		}
		seen[at] = 1;
		id = cfg[at];
		next = cfg[at + 1u] & 0xfc;
		cap_len = std_cap_len(d, cfg, id, at,
				      next_cap_above(cfg, first, at));
		/* never past the standard space (a v1 PCIe capability at
		 * 0xe0 would be) */
		if (at + cap_len > 0x100)
			cap_len = (uint16_t)(0x100 - at);
		add_cap(d, id, at, cap_len,
			id == 0x01 || id == 0x05 || id == 0x10 || id == 0x11);
		at = next;
	}
	if (len >= 4096 && d->is_pcie) {
		uint16_t ext = 0x100;
		uint8_t ext_seen[1024] = { 0 };

		for (guard = 0; ext; guard++) {
			uint32_t h = cfg32(cfg, ext);
			uint16_t id = h & 0xffff;
			uint16_t next = (h >> 20) & 0xffc;
			uint16_t cap_len;

			if (h == 0 || h == 0xffffffff)
				break;	/* no extended capabilities */
			if (ext_seen[ext / 4] || guard > 96) {
				snprintf(err, err_size,
					 "extended capability list loops at "
					 "0x%03x", ext);
				return false;
			}
			ext_seen[ext / 4] = 1;
			cap_len = ext_cap_len(cfg, id, ext, next);
			if (ext + cap_len > 0x1000)
				cap_len = (uint16_t)(0x1000 - ext);
			add_cap(d, (uint16_t)(id | JH_PCI_EXT_CAP), ext,
				cap_len, false);
			if (next && next < 0x100) {
				snprintf(err, err_size,
					 "extended capability pointer 0x%03x "
					 "out of range", next);
				return false;
			}
			ext = next;
		}
	}
	return true;
}

bool jh_probe_pci_parse_resource(struct jh_probe_pci *d, const char *text,
				 char *err, size_t err_size)
{
	const char *p = text;

	for (int i = 0; i < 6; i++) {
		uint64_t start, end, flags;
		char *q;
		struct jh_probe_pci_bar *b = &d->bars[i];

		start = strtoull(p, &q, 16);
		if (q == p)
			goto bad;
		p = q;
		end = strtoull(p, &q, 16);
		if (q == p)
			goto bad;
		p = q;
		flags = strtoull(p, &q, 16);
		if (q == p)
			goto bad;
		p = q;
		memset(b, 0, sizeof(*b));
		if (i > 0 && d->bars[i - 1].is64 && !d->bars[i - 1].upper &&
		    d->bars[i - 1].size) {
			b->upper = true;
			continue;
		}
		if (!(flags & (IORES_IO | IORES_MEM)) || end < start)
			continue;
		b->start = start;
		b->size = end - start + 1;
		b->io = flags & IORES_IO;
		b->is64 = flags & IORES_MEM_64;
		b->prefetch = flags & IORES_PREFETCH;
	}
	return true;
bad:
	snprintf(err, err_size, "resource file is not \"start end flags\" "
		 "lines");
	return false;
}

bool jh_probe_pci_parse_bdf(const char *s, uint16_t *domain, uint8_t *bus,
			    uint8_t *dev, uint8_t *fn)
{
	unsigned d, b, v, f;
	char tail;

	if (sscanf(s, "%4x:%2x:%2x.%1x%c", &d, &b, &v, &f, &tail) != 4 ||
	    v > 31 || f > 7)
		return false;
	*domain = (uint16_t)d;
	*bus = (uint8_t)b;
	*dev = (uint8_t)v;
	*fn = (uint8_t)f;
	return true;
}

bool jh_probe_pci_msix_window(const struct jh_probe_pci *d, uint64_t *addr,
			      uint64_t *size)
{
	const struct jh_probe_pci_bar *b;

	if (!d->msix_vectors || d->msix_bir > 5)
		return false;
	b = &d->bars[d->msix_bir];
	if (!b->size || b->io || d->msix_offset >= b->size)
		return false;
	*addr = b->start + d->msix_offset;
	*size = ((uint64_t)d->msix_vectors * 16 + 0xfff) & ~0xfffull;
	return true;
}
