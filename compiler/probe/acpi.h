/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ACPI tables jh-probe reads on x86: MCFG (PCI config space), MADT
 * (CPUs' APIC ids, IOAPICs), DMAR (Intel VT-d units, IOAPIC source ids)
 * and IVRS (AMD IOMMUs). Each parser checks the table's signature,
 * length and checksum and bounds-checks every sub-structure; a table that
 * fails gives an error message and no partial result.
 */
#ifndef JH_PROBE_ACPI_H
#define JH_PROBE_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JH_ACPI_MAX 16

struct jh_acpi_mcfg {
	size_t n;
	struct {
		uint64_t base;
		uint16_t segment;
		uint8_t start_bus, end_bus;
	} e[JH_ACPI_MAX];
};

struct jh_acpi_ioapic {
	uint8_t id;
	uint32_t address, gsi_base;
};

struct jh_acpi_madt {
	size_t num_cpus;
	uint32_t apic_ids[256];	/* enabled local (x2)APICs, table order */
	size_t num_ioapics;
	struct jh_acpi_ioapic ioapics[JH_ACPI_MAX];
};

/* An IOAPIC named in a DMAR device scope or an IVRS special entry. */
struct jh_acpi_ioapic_source {
	uint8_t ioapic_id;
	uint16_t bdf;
};

struct jh_acpi_dmar {
	size_t num_units;
	struct {
		uint64_t base;
		uint32_t size;	/* register set size in bytes */
		uint16_t segment;
		bool include_all;
		/* PCI device scopes: 1 endpoint, 2 sub-hierarchy (bridge) */
		size_t num_scopes;
		struct {
			uint8_t type;
			uint16_t bdf;
		} scopes[64];
	} units[JH_ACPI_MAX];
	size_t num_ioapics;
	struct jh_acpi_ioapic_source ioapics[JH_ACPI_MAX];
};

struct jh_acpi_ivrs {
	size_t num_units;
	struct {
		uint8_t type;	/* IVHD type 0x10, 0x11, 0x40 */
		uint16_t bdf;	/* the IOMMU's own PCI function */
		uint16_t cap_offset;
		uint64_t base;
		uint16_t segment;
		uint32_t features;	/* IVHD type 10 feature reporting */
	} units[JH_ACPI_MAX];
	size_t num_ioapics;
	struct jh_acpi_ioapic_source ioapics[JH_ACPI_MAX];
};

bool jh_acpi_parse_mcfg(const unsigned char *t, size_t len,
			struct jh_acpi_mcfg *out, char *err, size_t err_size);
bool jh_acpi_parse_madt(const unsigned char *t, size_t len,
			struct jh_acpi_madt *out, char *err, size_t err_size);
bool jh_acpi_parse_dmar(const unsigned char *t, size_t len,
			struct jh_acpi_dmar *out, char *err, size_t err_size);
bool jh_acpi_parse_ivrs(const unsigned char *t, size_t len,
			struct jh_acpi_ivrs *out, char *err, size_t err_size);

#endif /* JH_PROBE_ACPI_H */
