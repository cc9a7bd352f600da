// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI functions of the running system through libpci (live runs only; a
 * snapshot is read from its sysfs files by probe_pci.c). libpci chooses
 * the best access method the system has and reads the full config space
 * where the kernel allows it. The result has the same form as the sysfs
 * reader's, so everything after it is shared.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pci/pci.h>

#include "probe/probe.h"

/* libpci's error callback must not return */
static jmp_buf libpci_fail;
static char libpci_msg[256];

static void PCI_NONRET on_error(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(libpci_msg, sizeof(libpci_msg), msg, ap);
	va_end(ap);
	longjmp(libpci_fail, 1);
}

static void on_warning(char *msg, ...)
{
	(void)msg;	/* e.g. a method that is not available: not ours */
}

static int cmp_dev(const void *a, const void *b)
{
	const struct jh_probe_pci_info *x = a, *y = b;
	uint32_t kx = (uint32_t)x->raw.domain << 16 | x->raw.bus << 8 |
		      x->raw.dev << 3 | x->raw.fn;
	uint32_t ky = (uint32_t)y->raw.domain << 16 | y->raw.bus << 8 |
		      y->raw.dev << 3 | y->raw.fn;

	return kx < ky ? -1 : kx > ky;
}

static void fill_bars(struct jh_probe_pci *d, struct pci_dev *dev)
{
	bool io_flags = dev->known_fields & PCI_FILL_IO_FLAGS;

	for (int i = 0; i < 6; i++) {
		struct jh_probe_pci_bar *b = &d->bars[i];
		pciaddr_t base = dev->base_addr[i];

		memset(b, 0, sizeof(*b));
		if (i && d->bars[i - 1].is64 && !d->bars[i - 1].upper &&
		    d->bars[i - 1].size) {
			b->upper = true;
			continue;
		}
		if (!dev->size[i])
			continue;
		if (io_flags) {
			b->io = dev->flags[i] & PCI_IORESOURCE_IO;
			b->is64 = dev->flags[i] & PCI_IORESOURCE_MEM_64;
			b->prefetch = dev->flags[i] & PCI_IORESOURCE_PREFETCH;
		} else {
			b->io = base & PCI_BASE_ADDRESS_SPACE_IO;
			b->is64 = !b->io && (base & PCI_BASE_ADDRESS_MEM_TYPE_MASK)
				  == PCI_BASE_ADDRESS_MEM_TYPE_64;
			b->prefetch = !b->io &&
				      (base & PCI_BASE_ADDRESS_MEM_PREFETCH);
		}
		b->start = base & (b->io ? PCI_ADDR_IO_MASK :
				   PCI_ADDR_MEM_MASK);
		b->size = dev->size[i];
	}
}

bool jh_probe_pci_libpci(struct jh_probe *p, const struct jh_probe_root *root)
{
	struct pci_access *volatile acc = pci_alloc();
	struct pci_dev *dev;

	acc->error = on_error;
	acc->warning = on_warning;
	if (setjmp(libpci_fail)) {
		jh_probe_note(p, "libpci: %s: reading sysfs directly instead",
			      libpci_msg);
		pci_cleanup(acc);
		p->pci_info.n = 0;
		return false;
	}
	pci_init(acc);
	pci_scan_bus(acc);
	for (dev = acc->devices; dev; dev = dev->next) {
		struct jh_probe_pci_info *info = jh_vec_push(&p->pci_info);
		struct jh_probe_pci *d = &info->raw;
		uint8_t cfg[4096];
		size_t len = 0;
		char err[256], path[128], *text;
		const char *group;

		memset(info, 0, sizeof(*info));
		info->keep = true;
		pci_fill_info(dev, PCI_FILL_IDENT | PCI_FILL_IRQ |
			      PCI_FILL_BASES | PCI_FILL_SIZES |
			      PCI_FILL_CLASS | PCI_FILL_IO_FLAGS |
			      PCI_FILL_IOMMU_GROUP);
		/* as much config space as the kernel lets us read */
		if (pci_read_block(dev, 0, cfg, 4096))
			len = 4096;
		else if (pci_read_block(dev, 0, cfg, 256))
			len = 256;
		else if (pci_read_block(dev, 0, cfg, 64))
			len = 64;
		d->domain = (uint16_t)dev->domain;
		d->bus = dev->bus;
		d->dev = dev->dev;
		d->fn = dev->func;
		if (!jh_probe_pci_parse_config(d, cfg, len, err,
					       sizeof(err)))
			jh_probe_note(p, "PCI device %04x:%02x:%02x.%x: %s",
				      d->domain, d->bus, d->dev, d->fn, err);
		if (len < 64) {
			p->pci_info.n--;
			continue;
		}
		fill_bars(d, dev);
		d->irq = dev->irq;
		d->iommu_group = -1;
		group = pci_get_string_property(dev, PCI_FILL_IOMMU_GROUP);
		if (group)
			d->iommu_group = (int32_t)strtol(group, NULL, 10);
		/* the bridge above it: from sysfs (libpci 3.9's
		 * PCI_FILL_PARENT leaks memory on every call) */
		jh_probe_pci_parent(d, root);
		/* libpci does not say whether Linux enabled it */
		snprintf(path, sizeof(path),
			 "sys/bus/pci/devices/%04x:%02x:%02x.%x/enable",
			 d->domain, d->bus, d->dev, d->fn);
		text = jh_probe_read_text(p, root, path, false);
		d->enabled = !text || strcmp(text, "0") != 0;
		free(text);
	}
	pci_cleanup(acc);
	if (p->pci_info.n)
		qsort(p->pci_info.v, p->pci_info.n, sizeof(*p->pci_info.v),
		      cmp_dev);
	return true;
}
