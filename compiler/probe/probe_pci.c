// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI functions from sysfs (/sys/bus/pci/devices/<bdf>/{config, resource,
 * irq, iommu_group}), the same files on a live system and in a snapshot.
 * Each function becomes a board PCI device with a name derived from its
 * class.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jh-cell-format.h"
#include "probe/probe.h"

#define DEVS "sys/bus/pci/devices"

static const char *class_name(const struct jh_probe_pci *d)
{
	uint32_t cls = d->class_code >> 8;

	if (d->vendor == 0x1af4 && (d->device == 0x1110))
		return "ivshmem";
	if (d->vendor == 0x1af4 && (d->device == 0x1005 || d->device == 0x1044))
		return "rng";
	switch (cls) {
	case 0x0100: case 0x0180: case 0x0108: return "disk";
	case 0x0106: return "sata";
	case 0x0200: return "nic";
	case 0x0300: return "display";
	case 0x0500: return "memory";
	case 0x0600: return "host-bridge";
	case 0x0601: return "isa-bridge";
	case 0x0604: return "bridge";
	case 0x0c03: return "usb";
	case 0x0c05: return "smbus";
	case 0x0806: return "iommu";
	default: return "pci";
	}
}

static void unique_name(struct jh_probe *p, const char *base, char *out,
			size_t size)
{
	for (unsigned k = 0;; k++) {
		bool clash = false;

		snprintf(out, size, "%s%u", base, k);
		for (size_t i = 0; i < p->board->pci_devices.n; i++)
			if (p->board->pci_devices.v[i].name &&
			    !strcmp(p->board->pci_devices.v[i].name, out))
				clash = true;
		for (size_t i = 0; i < p->board->devices.n; i++)
			if (!strcmp(p->board->devices.v[i].name, out))
				clash = true;
		if (!clash)
			return;
	}
}

void jh_probe_pci_parent(struct jh_probe_pci *d,
			 const struct jh_probe_root *root)
{
	char path[128], *link;

	/* the device link's path shows the bridges above it:
	 * .../pci0000:00/0000:00:06.0/0000:01:01.0 */
	snprintf(path, sizeof(path), DEVS "/%04x:%02x:%02x.%x", d->domain,
		 d->bus, d->dev, d->fn);
	link = jh_probe_root_readlink(root, path);
	if (link) {
		char *last = strrchr(link, '/'), *prev;
		uint16_t dom;

		if (last) {
			*last = 0;
			prev = strrchr(link, '/');
			if (prev && jh_probe_pci_parse_bdf(prev + 1, &dom,
				&d->parent_bus, &d->parent_dev,
				&d->parent_fn))
				d->has_parent = true;
		}
		free(link);
	}
}

/* Read one function; false (with a note) when its config space is
 * missing, which makes it useless. */
static bool read_function(struct jh_probe *p, const struct jh_probe_root *root,
			  const char *bdf, struct jh_probe_pci *d)
{
	char path[256], err[256];
	unsigned char *cfg;
	size_t len;
	char *text, *link;

	memset(d, 0, sizeof(*d));
	d->irq = -1;
	d->iommu_group = -1;
	if (!jh_probe_pci_parse_bdf(bdf, &d->domain, &d->bus, &d->dev,
				    &d->fn)) {
		jh_probe_note(p, "/%s/%s: not a PCI address, skipped", DEVS,
			      bdf);
		return false;
	}
	snprintf(path, sizeof(path), DEVS "/%s/config", bdf);
	cfg = jh_probe_root_read(root, path, &len, err, sizeof(err));
	if (!cfg) {
		jh_probe_note(p, "/%s: %s: PCI device %s skipped; add it to "
			      "board.pci by hand", path, err, bdf);
		return false;
	}
	if (!jh_probe_pci_parse_config(d, cfg, len, err, sizeof(err))) {
		if (len < 64) {
			jh_probe_note(p, "/%s: %s: PCI device %s skipped",
				      path, err, bdf);
			free(cfg);
			return false;
		}
		jh_probe_note(p, "/%s: %s: check caps of PCI device %s", path,
			      err, bdf);
	}
	free(cfg);
	snprintf(path, sizeof(path), DEVS "/%s/resource", bdf);
	text = jh_probe_read_text(p, root, path, true);
	if (!text || !jh_probe_pci_parse_resource(d, text, err, sizeof(err)))
		jh_probe_note(p, "/%s: %s: fill in the BARs of PCI device %s",
			      path, text ? err : "unreadable", bdf);
	free(text);
	snprintf(path, sizeof(path), DEVS "/%s/irq", bdf);
	text = jh_probe_read_text(p, root, path, false);
	if (text) {
		char *e;
		long v = strtol(text, &e, 10);

		if (e != text && !*e && v >= 0)
			d->irq = v;
		free(text);
	}
	/* before pci_enable_device() Linux has not routed INTx: sysfs irq
	 * is then only what firmware wrote into the line register */
	snprintf(path, sizeof(path), DEVS "/%s/enable", bdf);
	text = jh_probe_read_text(p, root, path, false);
	d->enabled = !text || strcmp(text, "0") != 0;
	free(text);
	snprintf(path, sizeof(path), DEVS "/%s/iommu_group", bdf);
	link = jh_probe_root_readlink(root, path);
	if (link) {
		const char *slash = strrchr(link, '/');

		d->iommu_group = (int32_t)strtol(slash ? slash + 1 : link,
						 NULL, 10);
		free(link);
	}
	jh_probe_pci_parent(d, root);
	return true;
}

/* INTx on a device-tree system: swizzle the pin up to the root bus and
 * look it up in the host's interrupt-map. */
static int32_t dt_intx(const struct jh_probe *p,
		       const struct jh_probe_pci *d)
{
	uint32_t pin = d->intx_pin, hi;
	uint8_t bus = d->bus, dev = d->dev, fn = d->fn;
	const struct jh_probe_pci *cur = d;

	while (cur && cur->has_parent) {
		const struct jh_probe_pci *up = NULL;

		pin = ((pin - 1 + dev) % 4) + 1;
		for (size_t i = 0; i < p->pci_info.n; i++) {
			const struct jh_probe_pci *q = &p->pci_info.v[i].raw;

			if (q->bus == cur->parent_bus &&
			    q->dev == cur->parent_dev &&
			    q->fn == cur->parent_fn)
				up = q;
		}
		if (!up)
			return -1;
		bus = up->bus;
		dev = up->dev;
		fn = up->fn;
		cur = up;
	}
	hi = (uint32_t)(bus << 16 | dev << 11 | fn << 8) & p->intx_map.mask_hi;
	pin &= p->intx_map.mask_pin;
	for (size_t i = 0; i < p->intx_map.n; i++)
		if (p->intx_map.e[i].hi == hi && p->intx_map.e[i].pin == pin)
			return (int32_t)p->intx_map.e[i].intid;
	return -1;
}

/* VT-d: the unit whose device scope names the device or a bridge above
 * it; else the unit that includes all PCI devices (AMD: the one IOMMU). */
static int32_t x86_iommu(const struct jh_probe *p, const struct jh_probe_pci *d)
{
	uint16_t bdf = (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn);

	for (size_t i = 0; i < p->iommu_scopes.n; i++)
		if (!p->iommu_scopes.v[i].bridge &&
		    p->iommu_scopes.v[i].bdf == bdf)
			return p->iommu_scopes.v[i].iommu;
	for (const struct jh_probe_pci *cur = d; cur && cur->has_parent;) {
		uint16_t up = (uint16_t)(cur->parent_bus << 8 |
					 cur->parent_dev << 3 |
					 cur->parent_fn);
		const struct jh_probe_pci *next = NULL;

		for (size_t i = 0; i < p->iommu_scopes.n; i++)
			if (p->iommu_scopes.v[i].bridge &&
			    p->iommu_scopes.v[i].bdf == up)
				return p->iommu_scopes.v[i].iommu;
		for (size_t i = 0; i < p->pci_info.n; i++) {
			const struct jh_probe_pci *q = &p->pci_info.v[i].raw;

			if ((uint16_t)(q->bus << 8 | q->dev << 3 | q->fn) == up)
				next = q;
		}
		cur = next;
	}
	return p->pci_iommu;
}

void jh_probe_pci(struct jh_probe *p, const struct jh_probe_root *root)
{
	struct jh_board *b = p->board;
	bool live = root->dir && !strcmp(root->dir, "/");

	if (!live || !jh_probe_pci_libpci(p, root)) {
		char **names;
		size_t n = jh_probe_root_list(root, DEVS, &names);

		for (size_t i = 0; i < n; i++) {
			struct jh_probe_pci_info *info =
				jh_vec_push(&p->pci_info);

			memset(info, 0, sizeof(*info));
			if (!read_function(p, root, names[i], &info->raw)) {
				p->pci_info.n--;
				continue;
			}
			info->keep = true;
		}
		jh_probe_root_free_list(names, n);
	}
	if (!p->pci_info.n) {
		if (b->has_pci)
			jh_probe_note(p, "no PCI functions found: fill in "
				      "board.pci.devices");
		return;
	}
	for (size_t i = 0; i < p->pci_info.n; i++) {
		struct jh_probe_pci *d = &p->pci_info.v[i].raw;
		struct jh_board_pci_device *bd = jh_vec_push(&b->pci_devices);
		char name[64];

		memset(bd, 0, sizeof(*bd));
		unique_name(p, class_name(d), name, sizeof(name));
		bd->name = jh_board_strdup(b, name);
		bd->type = d->header_type == 1 ? JH_PCI_TYPE_BRIDGE :
			   JH_PCI_TYPE_DEVICE;
		bd->domain = d->domain;
		bd->bdf = (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn);
		bd->bridge = -1;
		bd->loc = JH_LOC_NONE;
		if (d->domain != b->pci_domain)
			jh_probe_note(p, "PCI device %s is in domain %u, the "
				      "host bridge described is %u", name,
				      d->domain, b->pci_domain);
		for (int k = 0; k < 6; k++) {
			bd->bars[k].start = d->bars[k].start;
			bd->bars[k].size = d->bars[k].size;
			bd->bars[k].io = d->bars[k].io;
			bd->bars[k].is64 = d->bars[k].is64;
			bd->bars[k].prefetch = d->bars[k].prefetch;
		}
		bd->intx_pin = d->intx_pin;
		bd->intx_line = -1;
		if (d->intx_pin) {
			if (b->arch == JH_ARCH_X86 && d->enabled)
				bd->intx_line = d->irq > 0 && d->irq < 256 ?
						(int32_t)d->irq : -1;
			else if (p->has_intx_map)
				bd->intx_line = dt_intx(p, d);
			if (bd->intx_line < 0)
				jh_probe_note(p, "PCI device %s: INTx %c is "
					      "not routed as far as Linux "
					      "tells: fill in intx-line",
					      name, 'a' + d->intx_pin - 1);
		}
		bd->num_msi_vectors = d->msi_vectors;
		bd->msi_flags = (uint8_t)((d->msi_64bit ? JH_PCI_MSI_64BITS :
					   0) | (d->msi_maskable ?
					   JH_PCI_MSI_MASKABLE : 0));
		if (d->msix_vectors) {
			uint64_t a, s;

			bd->num_msix_vectors = d->msix_vectors;
			if (jh_probe_pci_msix_window(d, &a, &s)) {
				bd->msix_address = a;
				bd->msix_region_size = (uint16_t)
					(s > 0xf000 ? 0xf000 : s);
			} else {
				jh_probe_note(p, "PCI device %s: MSI-X table "
					      "BAR %u not assigned: fill in "
					      "msix.address", name,
					      d->msix_bir);
			}
		}
		for (size_t k = 0; k < d->num_caps; k++) {
			struct jh_board_pci_cap *cap = jh_vec_push(&bd->caps);

			cap->id = d->caps[k].id;
			cap->start = d->caps[k].start;
			cap->len = d->caps[k].len;
			cap->flags = d->caps[k].write ? JH_PCICAPS_WRITE : 0;
			cap->loc = JH_LOC_NONE;
		}
		bd->iommu = -1;
		if (b->arch == JH_ARCH_X86) {
			bd->iommu = x86_iommu(p, d);
		} else if (p->has_iommu_map) {
			uint32_t rid = bd->bdf;

			if (rid >= p->iommu_map.rid_base &&
			    rid - p->iommu_map.rid_base < p->iommu_map.len) {
				bd->iommu = p->iommu_map.iommu;
				*jh_vec_push(&bd->stream_ids) = rid -
					p->iommu_map.rid_base +
					p->iommu_map.sid_base;
			}
		}
		/* bridges (class 06) forward their children's DMA, they do
		 * not master the bus themselves */
		bd->dma = bd->type == JH_PCI_TYPE_DEVICE &&
			  (d->class_code >> 16) != 0x06;
		/* an AMD IOMMU is a PCI function: the hypervisor's, and
		 * the IOMMU unit needs its MSI capability offset */
		for (size_t u = 0; u < b->iommus.n; u++) {
			struct jh_board_iommu *io = &b->iommus.v[u];

			if (io->type != JH_IOMMU_AMD ||
			    (io->raw[0] | io->raw[1] << 8) != bd->bdf)
				continue;
			p->pci_info.v[i].keep = false;
			p->pci_info.v[i].why = "the IOMMU itself: the "
					       "hypervisor drives it";
			bd->dma = false;
			bd->iommu = -1;
			/* the first MSI capability in list order, the one
			 * a driver finds */
			for (size_t k = d->num_caps; k-- > 0;)
				if (d->caps[k].id == 0x05)
					io->raw[3] = (uint8_t)d->caps[k].start;
		}
	}
	/* Arm: the I/O window is needed when a kept device has I/O BARs */
	if (p->pcie_io_dev >= 0)
		for (size_t i = 0; i < p->pci_info.n; i++)
			for (int k = 0; k < 6; k++)
				if (p->pci_info.v[i].keep &&
				    p->pci_info.v[i].raw.bars[k].io &&
				    p->pci_info.v[i].raw.bars[k].size)
					p->dev_info.v[p->pcie_io_dev].keep =
						true;
	/* bridges: after all functions exist */
	for (size_t i = 0; i < p->pci_info.n; i++) {
		const struct jh_probe_pci *d = &p->pci_info.v[i].raw;

		if (!d->has_parent)
			continue;
		for (size_t k = 0; k < p->pci_info.n; k++) {
			const struct jh_probe_pci *q = &p->pci_info.v[k].raw;

			if (q->bus == d->parent_bus && q->dev == d->parent_dev &&
			    q->fn == d->parent_fn)
				b->pci_devices.v[i].bridge = (int32_t)k;
		}
	}
	if (!b->has_pci)
		jh_probe_note(p, "PCI devices found but no host bridge "
			      "(MCFG / device tree): fill in board.pci.ecam");
}
