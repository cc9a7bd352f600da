// SPDX-License-Identifier: GPL-2.0-only
/*
 * The typed model -> binary images, byte for byte as Jailhouse
 * configuration revision 14 (doc/abi.md), plus the jh extension block
 * when a cell uses a feature revision 14 cannot express.
 *
 * Every byte the model does not set is zero. Layout happens entirely in
 * memory; callers write files only when every image was laid out.
 */
#include <stdlib.h>
#include <string.h>

#include "image-internal.h"
#include "jh-cell-format.h"
#include "le.h"

#define OFF(type, field) offsetof(struct type, field)

static void put_console(uint8_t *p, const struct jh_console_desc *c)
{
	jh_put64(p + OFF(jh_console, address), c->address);
	jh_put32(p + OFF(jh_console, size), c->size);
	jh_put16(p + OFF(jh_console, type), c->type);
	jh_put16(p + OFF(jh_console, flags), c->flags);
	jh_put32(p + OFF(jh_console, divider), c->divider);
	jh_put32(p + OFF(jh_console, gate_nr), c->gate_nr);
	jh_put64(p + OFF(jh_console, clock_reg), c->clock_reg);
}

static void put_memory(uint8_t *p, const struct jh_region *r)
{
	jh_put64(p + OFF(jh_memory, phys_start), r->phys_start);
	jh_put64(p + OFF(jh_memory, virt_start), r->virt_start);
	jh_put64(p + OFF(jh_memory, size), r->size);
	jh_put64(p + OFF(jh_memory, flags), r->flags);
}

/* Size of the standard part (descriptor + arrays) of a cell's image. */
static uint64_t arrays_size(const struct jh_cell *c)
{
	return (uint64_t)c->cpu_set_size +
	       (uint64_t)c->mem.n * sizeof(struct jh_memory) +
	       (uint64_t)c->cache.n * sizeof(struct jh_cache) +
	       (uint64_t)c->irqchips.n * sizeof(struct jh_irqchip) +
	       (uint64_t)c->pio.n * sizeof(struct jh_pio) +
	       (uint64_t)c->pci.n * sizeof(struct jh_pci_device) +
	       (uint64_t)c->caps.n * sizeof(struct jh_pci_capability) +
	       (uint64_t)c->stream_ids.n * sizeof(uint32_t);
}

/* Can the model's cell be laid out at all? (counts fit their fields) */
static bool cell_fits(const struct jh_cell *c, struct jh_diags *d)
{
	const size_t counts[] = { c->mem.n, c->cache.n, c->irqchips.n,
				  c->pio.n, c->pci.n, c->caps.n,
				  c->stream_ids.n };
	bool ok = true;

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		if (counts[i] > UINT32_MAX) {
			jh_error(d, c->loc, "cell '%s': too many array "
				 "entries for a 32-bit count", c->name);
			ok = false;
		}
	if (c->cpu_set_size && !c->cpu_set) {
		jh_error(d, c->cpus_loc, "cell '%s': cpu set of %u bytes has "
			 "no contents", c->name, c->cpu_set_size);
		ok = false;
	}
	for (size_t i = 0; i < c->cache.n; i++) {
		enum jh_cache_level lv = c->cache.v[i].level;

		if (lv != 0 && lv != JH_CACHE_LEVEL_L2 &&
		    lv != JH_CACHE_LEVEL_L3) {
			jh_error(d, c->cache.v[i].loc, "cell '%s': cache "
				 "level %d is not supported (2 or 3)",
				 c->name, (int)lv);
			ok = false;
		}
	}
	if (memchr(c->name, '\0', sizeof(c->name)) == NULL) {
		jh_error(d, c->name_loc, "cell name is not terminated");
		ok = false;
	}
	return ok;
}

/*
 * Write the 132-byte cell descriptor at `p` and the arrays right after
 * it. `embedded`: the root cell inside a system image, whose first 8
 * bytes (signature, architecture, revision) stay zero.
 */
static void put_cell(uint8_t *p, const struct jh_system *sys,
		     const struct jh_cell *c, bool embedded)
{
	uint8_t *a = p + sizeof(struct jh_cell_desc);

	if (!embedded) {
		memcpy(p, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE);
		jh_put8(p + OFF(jh_cell_desc, architecture), sys->arch);
		jh_put16(p + OFF(jh_cell_desc, revision), JH_CONFIG_REVISION);
	}
	memcpy(p + OFF(jh_cell_desc, name), c->name, strlen(c->name));
	jh_put32(p + OFF(jh_cell_desc, id), c->id);
	jh_put32(p + OFF(jh_cell_desc, flags), c->flags);
	jh_put32(p + OFF(jh_cell_desc, cpu_set_size), c->cpu_set_size);
	jh_put32(p + OFF(jh_cell_desc, num_memory_regions),
		 (uint32_t)c->mem.n);
	jh_put32(p + OFF(jh_cell_desc, num_cache_regions),
		 (uint32_t)c->cache.n);
	jh_put32(p + OFF(jh_cell_desc, num_irqchips),
		 (uint32_t)c->irqchips.n);
	jh_put32(p + OFF(jh_cell_desc, num_pio_regions), (uint32_t)c->pio.n);
	jh_put32(p + OFF(jh_cell_desc, num_pci_devices), (uint32_t)c->pci.n);
	jh_put32(p + OFF(jh_cell_desc, num_pci_caps), (uint32_t)c->caps.n);
	jh_put32(p + OFF(jh_cell_desc, num_stream_ids),
		 (uint32_t)c->stream_ids.n);
	jh_put32(p + OFF(jh_cell_desc, vpci_irq_base), c->vpci_irq_base);
	jh_put64(p + OFF(jh_cell_desc, cpu_reset_address),
		 c->cpu_reset_address);
	jh_put64(p + OFF(jh_cell_desc, msg_reply_timeout),
		 c->msg_reply_timeout);
	put_console(p + OFF(jh_cell_desc, console), &c->console);

	if (c->cpu_set_size)
		memcpy(a, c->cpu_set, c->cpu_set_size);
	a += c->cpu_set_size;
	for (size_t i = 0; i < c->mem.n; i++, a += sizeof(struct jh_memory))
		put_memory(a, &c->mem.v[i]);
	for (size_t i = 0; i < c->cache.n; i++, a += sizeof(struct jh_cache)) {
		const struct jh_cache_part *k = &c->cache.v[i];

		jh_put32(a + OFF(jh_cache, start), k->start);
		jh_put32(a + OFF(jh_cache, size), k->size);
		jh_put8(a + OFF(jh_cache, type), k->type);
		jh_put16(a + OFF(jh_cache, flags), k->flags);
	}
	for (size_t i = 0; i < c->irqchips.n;
	     i++, a += sizeof(struct jh_irqchip)) {
		const struct jh_cell_irqchip *q = &c->irqchips.v[i];

		jh_put64(a + OFF(jh_irqchip, address), q->address);
		jh_put32(a + OFF(jh_irqchip, id), q->id);
		jh_put32(a + OFF(jh_irqchip, pin_base), q->pin_base);
		for (int w = 0; w < 4; w++)
			jh_put32(a + OFF(jh_irqchip, pin_bitmap) + 4 * w,
				 q->pin_bitmap[w]);
	}
	for (size_t i = 0; i < c->pio.n; i++, a += sizeof(struct jh_pio)) {
		jh_put16(a + OFF(jh_pio, base), c->pio.v[i].base);
		jh_put16(a + OFF(jh_pio, length), c->pio.v[i].length);
	}
	for (size_t i = 0; i < c->pci.n;
	     i++, a += sizeof(struct jh_pci_device)) {
		const struct jh_pci_dev *v = &c->pci.v[i];

		jh_put8(a + OFF(jh_pci_device, type), v->type);
		jh_put8(a + OFF(jh_pci_device, iommu), v->iommu);
		jh_put16(a + OFF(jh_pci_device, domain), v->domain);
		jh_put16(a + OFF(jh_pci_device, bdf), v->bdf);
		for (int b = 0; b < JH_PCI_NUM_BARS; b++)
			jh_put32(a + OFF(jh_pci_device, bar_mask) + 4 * b,
				 v->bar_mask[b]);
		jh_put16(a + OFF(jh_pci_device, caps_start), v->caps_start);
		jh_put16(a + OFF(jh_pci_device, num_caps), v->num_caps);
		jh_put8(a + OFF(jh_pci_device, num_msi_vectors),
			v->num_msi_vectors);
		jh_put8(a + OFF(jh_pci_device, msi_flags), v->msi_flags);
		jh_put16(a + OFF(jh_pci_device, num_msix_vectors),
			 v->num_msix_vectors);
		jh_put16(a + OFF(jh_pci_device, msix_region_size),
			 v->msix_region_size);
		jh_put64(a + OFF(jh_pci_device, msix_address),
			 v->msix_address);
		jh_put32(a + OFF(jh_pci_device, shmem_regions_start),
			 v->shmem_regions_start);
		jh_put8(a + OFF(jh_pci_device, shmem_dev_id), v->shmem_dev_id);
		jh_put8(a + OFF(jh_pci_device, shmem_peers), v->shmem_peers);
		jh_put16(a + OFF(jh_pci_device, shmem_protocol),
			 v->shmem_protocol);
	}
	for (size_t i = 0; i < c->caps.n;
	     i++, a += sizeof(struct jh_pci_capability)) {
		const struct jh_pci_cap *k = &c->caps.v[i];

		jh_put16(a + OFF(jh_pci_capability, id), k->id);
		jh_put16(a + OFF(jh_pci_capability, start), k->start);
		jh_put16(a + OFF(jh_pci_capability, len), k->len);
		jh_put16(a + OFF(jh_pci_capability, flags), k->flags);
	}
	for (size_t i = 0; i < c->stream_ids.n; i++, a += 4)
		jh_put32(a, c->stream_ids.v[i].id);
}

static void put_iommu(uint8_t *p, const struct jh_iommu_unit *u)
{
	jh_put32(p + OFF(jh_iommu, type), u->type);
	jh_put64(p + OFF(jh_iommu, base), u->base);
	jh_put32(p + OFF(jh_iommu, size), u->size);
	memcpy(p + 16, u->raw, sizeof(u->raw));
}

static void put_platform(uint8_t *p, const struct jh_system *s)
{
	if (s->arch == JH_ARCH_X86) {
		jh_put16(p + OFF(jh_platform_x86, pm_timer_address),
			 s->platform.x86.pm_timer_address);
		jh_put8(p + OFF(jh_platform_x86, apic_mode),
			s->platform.x86.apic_mode);
		jh_put32(p + OFF(jh_platform_x86, vtd_interrupt_limit),
			 s->platform.x86.vtd_interrupt_limit);
		jh_put32(p + OFF(jh_platform_x86, tsc_khz),
			 s->platform.x86.tsc_khz);
		jh_put32(p + OFF(jh_platform_x86, apic_khz),
			 s->platform.x86.apic_khz);
		return;
	}
	jh_put8(p + OFF(jh_platform_arm, maintenance_irq),
		s->platform.arm.maintenance_irq);
	jh_put8(p + OFF(jh_platform_arm, gic_version),
		s->platform.arm.gic_version);
	jh_put64(p + OFF(jh_platform_arm, gicd_base), s->platform.arm.gicd_base);
	jh_put64(p + OFF(jh_platform_arm, gicc_base), s->platform.arm.gicc_base);
	jh_put64(p + OFF(jh_platform_arm, gich_base), s->platform.arm.gich_base);
	jh_put64(p + OFF(jh_platform_arm, gicv_base), s->platform.arm.gicv_base);
	jh_put64(p + OFF(jh_platform_arm, gicr_base), s->platform.arm.gicr_base);
}

/*
 * Common tail of both writers: size check, extension policy, allocation.
 * `head` is the size of what precedes the cell's arrays.
 */
static uint8_t *alloc_image(const struct jh_cell *c, size_t head,
			    enum jh_abi abi, struct jh_diags *d, size_t *len,
			    size_t *ext_off)
{
	uint64_t size;
	size_t ext;

	if (!cell_fits(c, d))
		return NULL;
	if (abi == JH_ABI_JAILHOUSE_R14 && jh_ext_needed(c, d, true))
		return NULL;
	ext = abi == JH_ABI_JAILHOUSE_R14 ? 0 : jh_ext_size(c);
	size = head + arrays_size(c);
	if (size + ext > SIZE_MAX / 2) {
		jh_error(d, c->loc, "cell '%s': image too large", c->name);
		return NULL;
	}
	*ext_off = (size_t)size;
	*len = (size_t)size + ext;
	return jh_xcalloc(1, *len);
}

uint8_t *jh_image_write_system(const struct jh_system *sys, enum jh_abi abi,
			       struct jh_diags *d, size_t *len)
{
	const size_t head = sizeof(struct jh_system_desc) -
			    sizeof(struct jh_cell_desc);
	const struct jh_cell *root;
	size_t ext_off;
	uint8_t *img;

	if (sys->cells.n == 0 || !sys->cells.v[0].is_root) {
		jh_error(d, sys->loc, "no root cell: the system image embeds "
			 "the root cell, which must come first");
		return NULL;
	}
	root = &sys->cells.v[0];
	img = alloc_image(root, head + sizeof(struct jh_cell_desc), abi, d,
			  len, &ext_off);
	if (!img)
		return NULL;
	memcpy(img, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE);
	jh_put8(img + OFF(jh_system_desc, architecture), sys->arch);
	jh_put16(img + OFF(jh_system_desc, revision), JH_CONFIG_REVISION);
	jh_put32(img + OFF(jh_system_desc, flags), sys->flags);
	put_memory(img + OFF(jh_system_desc, hypervisor_memory),
		   &sys->hypervisor_memory);
	put_console(img + OFF(jh_system_desc, debug_console),
		    &sys->debug_console);
	jh_put64(img + OFF(jh_system_desc, pci_mmconfig_base),
		 sys->pci_mmconfig_base);
	jh_put8(img + OFF(jh_system_desc, pci_mmconfig_end_bus),
		sys->pci_mmconfig_end_bus);
	jh_put8(img + OFF(jh_system_desc, pci_is_virtual), sys->pci_is_virtual);
	jh_put16(img + OFF(jh_system_desc, pci_domain), sys->pci_domain);
	for (int i = 0; i < JH_MAX_IOMMU_UNITS; i++)
		put_iommu(img + OFF(jh_system_desc, iommu_units) +
			  i * sizeof(struct jh_iommu), &sys->iommu_units[i]);
	put_platform(img + OFF(jh_system_desc, platform), sys);
	put_cell(img + head, sys, root, true);
	if (*len > ext_off)
		jh_ext_write(root, img + ext_off);
	return img;
}

uint8_t *jh_image_write_cell(const struct jh_system *sys, size_t cell,
			     enum jh_abi abi, struct jh_diags *d,
			     size_t *len)
{
	const struct jh_cell *c;
	size_t ext_off;
	uint8_t *img;

	if (cell >= sys->cells.n || sys->cells.v[cell].is_root) {
		jh_error(d, sys->loc, "internal: cell %zu is not a non-root "
			 "cell of the system", cell);
		return NULL;
	}
	c = &sys->cells.v[cell];
	img = alloc_image(c, sizeof(struct jh_cell_desc), abi, d, len,
			  &ext_off);
	if (!img)
		return NULL;
	put_cell(img, sys, c, false);
	if (*len > ext_off)
		jh_ext_write(c, img + ext_off);
	return img;
}
