// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh-dump --raw: a field-by-field listing of an image with byte offsets.
 * The image is validated first, so the listing never reads out of bounds.
 * Field tables are the ABI of doc/abi.md, one row per field.
 */
#include <stdlib.h>
#include <string.h>

#include "image-internal.h"
#include "image-raw.h"
#include "jh-cell-ext.h"
#include "jh-cell-format.h"
#include "le.h"

#define OFF(type, field) offsetof(struct type, field)

enum kind { NUM, TEXT, ZERO };

struct field {
	const char *name;
	size_t off;
	unsigned int size;
	enum kind kind;
};

#define F(type, field, sz) { #field, OFF(type, field), sz, NUM }

static const struct field console_fields[] = {
	F(jh_console, address, 8), F(jh_console, size, 4),
	F(jh_console, type, 2), F(jh_console, flags, 2),
	F(jh_console, divider, 4), F(jh_console, gate_nr, 4),
	F(jh_console, clock_reg, 8), { NULL, 0, 0, NUM }
};

static const struct field cell_fields[] = {
	{ "signature", 0, 5, TEXT }, F(jh_cell_desc, architecture, 1),
	F(jh_cell_desc, revision, 2), { "name", 8, 32, TEXT },
	F(jh_cell_desc, id, 4), F(jh_cell_desc, flags, 4),
	F(jh_cell_desc, cpu_set_size, 4),
	F(jh_cell_desc, num_memory_regions, 4),
	F(jh_cell_desc, num_cache_regions, 4),
	F(jh_cell_desc, num_irqchips, 4), F(jh_cell_desc, num_pio_regions, 4),
	F(jh_cell_desc, num_pci_devices, 4), F(jh_cell_desc, num_pci_caps, 4),
	F(jh_cell_desc, num_stream_ids, 4), F(jh_cell_desc, vpci_irq_base, 4),
	F(jh_cell_desc, cpu_reset_address, 8),
	F(jh_cell_desc, msg_reply_timeout, 8), { NULL, 0, 0, NUM }
};

static const struct field memory_fields[] = {
	F(jh_memory, phys_start, 8), F(jh_memory, virt_start, 8),
	F(jh_memory, size, 8), F(jh_memory, flags, 8), { NULL, 0, 0, NUM }
};

static const struct field cache_fields[] = {
	F(jh_cache, start, 4), F(jh_cache, size, 4), F(jh_cache, type, 1),
	{ "padding", 9, 1, ZERO }, F(jh_cache, flags, 2), { NULL, 0, 0, NUM }
};

static const struct field irqchip_fields[] = {
	F(jh_irqchip, address, 8), F(jh_irqchip, id, 4),
	F(jh_irqchip, pin_base, 4), { "pin_bitmap[0]", 16, 4, NUM },
	{ "pin_bitmap[1]", 20, 4, NUM }, { "pin_bitmap[2]", 24, 4, NUM },
	{ "pin_bitmap[3]", 28, 4, NUM }, { NULL, 0, 0, NUM }
};

static const struct field pio_fields[] = {
	F(jh_pio, base, 2), F(jh_pio, length, 2), { NULL, 0, 0, NUM }
};

static const struct field pci_fields[] = {
	F(jh_pci_device, type, 1), F(jh_pci_device, iommu, 1),
	F(jh_pci_device, domain, 2), F(jh_pci_device, bdf, 2),
	{ "bar_mask[0]", 6, 4, NUM }, { "bar_mask[1]", 10, 4, NUM },
	{ "bar_mask[2]", 14, 4, NUM }, { "bar_mask[3]", 18, 4, NUM },
	{ "bar_mask[4]", 22, 4, NUM }, { "bar_mask[5]", 26, 4, NUM },
	F(jh_pci_device, caps_start, 2), F(jh_pci_device, num_caps, 2),
	F(jh_pci_device, num_msi_vectors, 1), F(jh_pci_device, msi_flags, 1),
	F(jh_pci_device, num_msix_vectors, 2),
	F(jh_pci_device, msix_region_size, 2),
	F(jh_pci_device, msix_address, 8),
	F(jh_pci_device, shmem_regions_start, 4),
	F(jh_pci_device, shmem_dev_id, 1), F(jh_pci_device, shmem_peers, 1),
	F(jh_pci_device, shmem_protocol, 2), { NULL, 0, 0, NUM }
};

static const struct field cap_fields[] = {
	F(jh_pci_capability, id, 2), F(jh_pci_capability, start, 2),
	F(jh_pci_capability, len, 2), F(jh_pci_capability, flags, 2),
	{ NULL, 0, 0, NUM }
};

static const struct field stream_id_fields[] = {
	{ "id", 0, 4, NUM }, { NULL, 0, 0, NUM }
};

static const struct field system_fields[] = {
	{ "signature", 0, 5, TEXT }, F(jh_system_desc, architecture, 1),
	F(jh_system_desc, revision, 2), F(jh_system_desc, flags, 4),
	{ NULL, 0, 0, NUM }
};

static const struct field system_pci_fields[] = {
	F(jh_system_desc, pci_mmconfig_base, 8),
	F(jh_system_desc, pci_mmconfig_end_bus, 1),
	F(jh_system_desc, pci_is_virtual, 1), F(jh_system_desc, pci_domain, 2),
	{ NULL, 0, 0, NUM }
};

static const struct field iommu_fields[] = {
	F(jh_iommu, type, 4), F(jh_iommu, base, 8), F(jh_iommu, size, 4),
	{ "union.bytes_0_7", 16, 8, NUM },
	{ "union.bytes_8_11", 24, 4, NUM }, { NULL, 0, 0, NUM }
};

static const struct field x86_fields[] = {
	F(jh_platform_x86, pm_timer_address, 2),
	F(jh_platform_x86, apic_mode, 1), { "padding", 3, 1, ZERO },
	F(jh_platform_x86, vtd_interrupt_limit, 4),
	F(jh_platform_x86, tsc_khz, 4), F(jh_platform_x86, apic_khz, 4),
	{ NULL, 0, 0, NUM }
};

static const struct field arm_fields[] = {
	F(jh_platform_arm, maintenance_irq, 1),
	F(jh_platform_arm, gic_version, 1), { "padding", 2, 2, ZERO },
	F(jh_platform_arm, gicd_base, 8), F(jh_platform_arm, gicc_base, 8),
	F(jh_platform_arm, gich_base, 8), F(jh_platform_arm, gicv_base, 8),
	F(jh_platform_arm, gicr_base, 8), { NULL, 0, 0, NUM }
};

static const struct field ext_header_fields[] = {
	{ "magic", 0, 5, TEXT }, { "reserved", 5, 1, ZERO },
	{ "version", 6, 2, NUM }, { "header_size", 8, 2, NUM },
	{ "num_records", 10, 2, NUM }, { "total_length", 12, 4, NUM },
	{ NULL, 0, 0, NUM }
};

static void print_fields(FILE *out, const uint8_t *buf, size_t base,
			 const char *prefix, const struct field *f)
{
	for (; f->name; f++) {
		const uint8_t *p = buf + base + f->off;

		fprintf(out, "0x%06zx  %-3u %s%s", base + f->off, f->size,
			prefix, f->name);
		if (f->kind == TEXT) {
			fputs(" = \"", out);
			for (unsigned int i = 0; i < f->size && p[i]; i++)
				fputc(p[i], out);
			fputs("\"\n", out);
		} else {
			uint64_t v = jh_le_get(p, f->size);

			fprintf(out, " = 0x%llx (%llu)\n",
				(unsigned long long)v, (unsigned long long)v);
		}
	}
}

static void print_array(FILE *out, const uint8_t *buf, size_t *pos,
			const char *name, uint32_t n, size_t item,
			const struct field *f)
{
	char prefix[64];

	for (uint32_t i = 0; i < n; i++, *pos += item) {
		snprintf(prefix, sizeof(prefix), "%s[%u].", name, i);
		print_fields(out, buf, *pos, prefix, f);
	}
}

static size_t print_cell(FILE *out, const uint8_t *buf, size_t base,
		       const char *prefix)
{
	const uint8_t *d = buf + base;
	char pre[64];
	size_t pos = base + sizeof(struct jh_cell_desc);
	uint32_t cpus = jh_get32(d + OFF(jh_cell_desc, cpu_set_size));

	print_fields(out, buf, base, prefix, cell_fields);
	snprintf(pre, sizeof(pre), "%sconsole.", prefix);
	print_fields(out, buf, base + OFF(jh_cell_desc, console), pre,
		     console_fields);
	for (uint32_t i = 0; i < cpus; i++)
		fprintf(out, "0x%06zx  1   cpu_set[%u] = 0x%02x\n", pos + i, i,
			buf[pos + i]);
	pos += cpus;
	print_array(out, buf, &pos, "memory_regions",
		    jh_get32(d + OFF(jh_cell_desc, num_memory_regions)),
		    sizeof(struct jh_memory), memory_fields);
	print_array(out, buf, &pos, "cache_regions",
		    jh_get32(d + OFF(jh_cell_desc, num_cache_regions)),
		    sizeof(struct jh_cache), cache_fields);
	print_array(out, buf, &pos, "irqchips",
		    jh_get32(d + OFF(jh_cell_desc, num_irqchips)),
		    sizeof(struct jh_irqchip), irqchip_fields);
	print_array(out, buf, &pos, "pio_regions",
		    jh_get32(d + OFF(jh_cell_desc, num_pio_regions)),
		    sizeof(struct jh_pio), pio_fields);
	print_array(out, buf, &pos, "pci_devices",
		    jh_get32(d + OFF(jh_cell_desc, num_pci_devices)),
		    sizeof(struct jh_pci_device), pci_fields);
	print_array(out, buf, &pos, "pci_caps",
		    jh_get32(d + OFF(jh_cell_desc, num_pci_caps)),
		    sizeof(struct jh_pci_capability), cap_fields);
	print_array(out, buf, &pos, "stream_ids",
		    jh_get32(d + OFF(jh_cell_desc, num_stream_ids)), 4,
		    stream_id_fields);
	fprintf(out, "0x%06zx      end of the standard image\n", pos);
	return pos;
}

/* The extension block at `pos` (already validated). */
static void print_ext(FILE *out, const uint8_t *buf, size_t pos)
{
	uint16_t num = jh_get16(buf + pos + 10);

	print_fields(out, buf, pos, "extension.", ext_header_fields);
	pos += sizeof(struct jh_ext_header);
	for (uint16_t i = 0; i < num; i++) {
		uint16_t type = jh_get16(buf + pos);
		uint16_t length = jh_get16(buf + pos + 2);

		fprintf(out, "0x%06zx  2   extension.record[%u].type = %u\n",
			pos, i, type);
		fprintf(out, "0x%06zx  2   extension.record[%u].length = %u\n",
			pos + 2, i, length);
		for (uint16_t w = 0; w + 4 <= length; w += 4)
			fprintf(out, "0x%06zx  4   extension.record[%u]."
				"data[%u] = 0x%x (%u)\n", pos + 4 + w, i,
				w / 4, jh_get32(buf + pos + 4 + w),
				jh_get32(buf + pos + 4 + w));
		pos += jh_ext_record_span(length);
	}
}

bool jh_image_print_raw(const uint8_t *buf, size_t len, const char *file,
			struct jh_diags *d, FILE *out)
{
	struct jh_system sys;
	size_t end;
	bool ok;

	jh_system_init(&sys);
	ok = jh_image_read(buf, len, file, d, &sys);
	if (!ok) {
		jh_system_free(&sys);
		return false;
	}
	fprintf(out, "# %s: %zu bytes\n# offset  size field = value\n", file,
		len);
	if (memcmp(buf, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE) == 0) {
		const size_t head = OFF(jh_system_desc, root_cell);
		const struct field *plat = sys.arch == JH_ARCH_X86 ?
					   x86_fields : arm_fields;
		char pre[48];

		print_fields(out, buf, 0, "", system_fields);
		print_fields(out, buf, OFF(jh_system_desc, hypervisor_memory),
			     "hypervisor_memory.", memory_fields);
		print_fields(out, buf, OFF(jh_system_desc, debug_console),
			     "debug_console.", console_fields);
		print_fields(out, buf, 0, "", system_pci_fields);
		for (int i = 0; i < JH_MAX_IOMMU_UNITS; i++) {
			snprintf(pre, sizeof(pre), "iommu_units[%d].", i);
			print_fields(out, buf, OFF(jh_system_desc,
						   iommu_units) +
				     (size_t)i * sizeof(struct jh_iommu), pre,
				     iommu_fields);
		}
		print_fields(out, buf, OFF(jh_system_desc, platform),
			     sys.arch == JH_ARCH_X86 ? "platform.x86." :
			     "platform.arm.", plat);
		end = print_cell(out, buf, head, "root_cell.");
	} else {
		end = print_cell(out, buf, 0, "");
	}
	if (end < len)
		print_ext(out, buf, end);
	jh_system_free(&sys);
	return true;
}
