/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PCI functions as jh-probe sees them: config space (capabilities, MSI,
 * MSI-X, INTx pin, header type) and what Linux assigned (BAR addresses
 * and sizes, routed interrupt, IOMMU group, parent bridge).
 *
 * The parsers take bytes and text, not files, so they can be fed from
 * sysfs, a snapshot or libpci alike (pci_sysfs.c, pci_libpci.c).
 */
#ifndef JH_PROBE_PCI_H
#define JH_PROBE_PCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JH_PROBE_PCI_MAX_CAPS 48

struct jh_probe_pci_cap {
	uint16_t id;		/* JH_PCI_EXT_CAP set for extended caps */
	uint16_t start, len;
	bool write;		/* the cell may write it directly */
};

struct jh_probe_pci_bar {
	uint64_t start, size;	/* size 0: not implemented / unassigned */
	bool io, is64, prefetch;
	bool upper;		/* upper half of the previous 64-bit BAR */
};

struct jh_probe_pci {
	uint16_t domain;
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint32_t class_code;	/* base, sub, prog-if */
	uint8_t header_type;	/* 0 device, 1 bridge, 2 cardbus */
	uint8_t config[4096];
	size_t config_len;	/* 64, 256 or 4096 */
	struct jh_probe_pci_bar bars[6];
	uint8_t intx_pin;	/* 0 none, 1..4 */
	int64_t irq;		/* Linux's number for it, -1 unknown */
	bool enabled;		/* Linux enabled it (INTx routed) */
	int32_t iommu_group;	/* -1: none */
	bool has_parent;	/* sits behind a bridge */
	uint8_t parent_bus, parent_dev, parent_fn;
	/* from capabilities */
	struct jh_probe_pci_cap caps[JH_PROBE_PCI_MAX_CAPS];
	size_t num_caps;
	uint8_t msi_vectors;	/* 0: no MSI */
	bool msi_64bit, msi_maskable;
	uint16_t msix_vectors;	/* 0: no MSI-X */
	uint8_t msix_bir;
	uint32_t msix_offset;
	bool is_pcie;
};

/*
 * Decode config space (`len` bytes, at least 64) into ids, header type,
 * INTx pin, capabilities, MSI and MSI-X. Malformed capability lists
 * (loops, pointers out of range) stop the walk with a message in `err`
 * and return false; what was read before stays valid.
 */
bool jh_probe_pci_parse_config(struct jh_probe_pci *d, const uint8_t *cfg,
			       size_t len, char *err, size_t err_size);

/* Decode a sysfs "resource" file (one "start end flags" line per
 * resource; the first six are the BARs). */
bool jh_probe_pci_parse_resource(struct jh_probe_pci *d, const char *text,
				 char *err, size_t err_size);

/* "0000:00:1f.2" -> domain, bus, dev, fn. */
bool jh_probe_pci_parse_bdf(const char *s, uint16_t *domain, uint8_t *bus,
			    uint8_t *dev, uint8_t *fn);

/* The MSI-X table window: address and 4 KiB-rounded size; false when
 * the device has no MSI-X or the table's BAR is not assigned. */
bool jh_probe_pci_msix_window(const struct jh_probe_pci *d, uint64_t *addr,
			      uint64_t *size);

#endif /* JH_PROBE_PCI_H */
