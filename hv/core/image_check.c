// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of the system image and the cell images before anything in them
 * is used. Nothing in an image is trusted: every count is compared with
 * the real length, every index and address range is checked, and each
 * failure names the image and the field.
 */
#include <arch.h>
#include <boot.h>
#include <cell_ext.h>
#include <mmio.h>
#include <console.h>
#include <printk.h>
#include <string.h>

#define MAX_MEM_REGIONS		64
#define MAX_CPU_SET_SIZE	128

/* Names for messages; indexed like boot.cell[]. */
static char where[MAX_CELLS][48];

static void set_where(unsigned int n, const struct jh_cell_desc *c)
{
	static const char root[] = "root cell";
	char *w = where[n];
	size_t len;

	if (n == 0) {
		memcpy(w, root, sizeof(root));
		return;
	}
	memcpy(w, "cell '", 6);
	len = strnlen(c->name, JH_CELL_NAME_MAXLEN);
	memcpy(w + 6, c->name, len);
	memcpy(w + 6 + len, "'", 2);
}

static bool header_ok(const struct jh_cell_desc *c, unsigned int n)
{
	if (memcmp(c->signature, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE)) {
		boot_error(where[n], "bad signature (not a cell image)");
		return false;
	}
	if (c->architecture != JH_ARCH_ARM64) {
		boot_error(where[n], "architecture %u, expected %u (arm64)",
			   c->architecture, JH_ARCH_ARM64);
		return false;
	}
	if (c->revision != JH_CONFIG_REVISION) {
		boot_error(where[n], "revision %u, expected %u", c->revision,
			   JH_CONFIG_REVISION);
		return false;
	}
	return true;
}

static int check_console(const char *w, const struct jh_console *con,
			 const struct jh_memory *hv)
{
	if (con->type > JH_CON_TYPE_MAX)
		return boot_error(w, "console type %u unknown", con->type);
	if (con->flags & ~JH_CON_FLAGS_KNOWN)
		return boot_error(w, "console flags 0x%x unknown", con->flags);
	if (con->type != JH_CON_TYPE_NONE && con->address &&
	    ranges_overlap(con->address, con->size ? con->size : 1,
			   hv->phys_start, hv->size))
		return boot_error(w, "console at 0x%lx overlaps hypervisor "
				  "memory", con->address);
	return 0;
}

/* The read/write section of an ivshmem device may be empty (size 0). */
static bool ivshmem_empty_rw(const struct jh_cell_desc *c, unsigned int i,
			     const struct jh_memory *m)
{
	const struct jh_pci_device *pci = jh_cell_pci_devices(c);
	unsigned int n;

	for (n = 0; n < c->num_pci_devices && !m->size; n++)
		if (pci[n].type == JH_PCI_TYPE_IVSHMEM &&
		    (u64)pci[n].shmem_regions_start + 1 == i)
			return true;
	return false;
}

static int check_region(const char *w, unsigned int i,
			const struct jh_memory *m,
			const struct jh_memory *hv)
{
	bool io = m->flags & JH_MEM_IO;
	bool subpage = region_is_subpage(m);

	if (m->flags & ~JH_MEM_FLAGS_KNOWN)
		return boot_error(w, "memory region %u: unknown flags 0x%lx",
				  i, m->flags);
	if (!m->size)
		return boot_error(w, "memory region %u: size 0", i);
	if (m->phys_start + m->size < m->phys_start ||
	    m->virt_start + m->size < m->virt_start)
		return boot_error(w, "memory region %u: address range wraps",
				  i);
	if (m->virt_start + m->size > arch_max_guest_address())
		return boot_error(w, "memory region %u: guest address 0x%lx "
				  "beyond the limit 0x%lx", i,
				  m->virt_start + m->size - 1,
				  arch_max_guest_address() - 1);
	if (subpage && !io)
		return boot_error(w, "memory region %u: 0x%lx+0x%lx is not "
				  "page aligned (only I/O regions may be "
				  "sub-page)", i, m->virt_start, m->size);
	if (arch_check_cell_guest_range(m))
		return boot_error(w, "memory region %u (guest 0x%lx+0x%lx) "
				  "hides the GIC the cell must reach there", i,
				  m->virt_start, m->size);
	if (m->flags & JH_MEM_COMM_REGION) {
		if (m->size != PAGE_SIZE || subpage)
			return boot_error(w, "memory region %u: comm region "
					  "must be one aligned page", i);
		return 0;	/* backed by a hypervisor page, not phys */
	}
	if (m->phys_start + m->size > arch_max_phys_address())
		return boot_error(w, "memory region %u: physical address "
				  "0x%lx beyond the limit 0x%lx", i,
				  m->phys_start + m->size - 1,
				  arch_max_phys_address() - 1);
	if (!subpage && !ALIGNED(m->phys_start, PAGE_SIZE))
		return boot_error(w, "memory region %u: physical address "
				  "0x%lx is not page aligned", i,
				  m->phys_start);
	if (ranges_overlap(m->phys_start, m->size, hv->phys_start, hv->size))
		return boot_error(w, "memory region %u (0x%lx+0x%lx) overlaps "
				  "hypervisor memory", i, m->phys_start,
				  m->size);
	if (arch_check_cell_region(m))
		return boot_error(w, "memory region %u (0x%lx+0x%lx) covers a "
				  "device the hypervisor owns", i,
				  m->phys_start, m->size);
	return 0;
}

static int check_cell(unsigned int n, const struct jh_cell_desc *c,
		      u64 size, const struct jh_memory *hv, bool started,
		      struct cell_ext *ext)
{
	const char *w = where[n];
	const struct jh_memory *mem;
	const struct jh_irqchip *chip;
	const struct jh_pci_device *pci;
	unsigned int i, j, comm = 0, cpu;
	bool reset_ok = false;
	u64 need = jh_cell_image_size(c);
	int err;

	if (n == 0)
		need = jh_system_image_size(boot.system);
	/* anything after the arrays must be a valid extension block */
	err = cell_ext_parse(w, c, n == 0 ? (const u8 *)boot.system :
			     (const u8 *)c, size, need, ext);
	if (err)
		return err;
	if (strnlen(c->name, sizeof(c->name)) >= sizeof(c->name) ||
	    !c->name[0])
		return boot_error(w, "name empty or not NUL-terminated");
	if (c->flags & ~JH_CELL_FLAGS_KNOWN)
		return boot_error(w, "unknown flags 0x%x", c->flags);
	if (c->flags & JH_CELL_AARCH32)
		return boot_error(w, "AArch32 cells are not supported");
	if (!c->cpu_set_size || c->cpu_set_size > MAX_CPU_SET_SIZE)
		return boot_error(w, "cpu_set_size %u out of range",
				  c->cpu_set_size);
	for (cpu = MAX_CPUS; cpu < c->cpu_set_size * 8; cpu++)
		if (jh_cell_has_cpu(c, cpu))
			return boot_error(w, "CPU %u does not exist (at most "
					  "%u CPUs)", cpu, MAX_CPUS);
	for (cpu = 0; cpu < MAX_CPUS && !jh_cell_has_cpu(c, cpu); cpu++)
		;
	if (cpu == MAX_CPUS)
		return boot_error(w, "no CPU");
	if (c->num_memory_regions > MAX_MEM_REGIONS)
		return boot_error(w, "%u memory regions (at most %u)",
				  c->num_memory_regions, MAX_MEM_REGIONS);
	err = check_console(w, &c->console, hv);
	if (err)
		return err;

	mem = jh_cell_mem_regions(c);
	for (i = 0; i < c->num_memory_regions; i++) {
		if (ivshmem_empty_rw(c, i, &mem[i]))
			continue;
		err = check_region(w, i, &mem[i], hv);
		if (err)
			return err;
		if (mem[i].flags & JH_MEM_COMM_REGION && ++comm > 1)
			return boot_error(w, "more than one comm region");
		for (j = 0; j < i; j++)
			if (ranges_overlap(mem[i].virt_start, mem[i].size,
					   mem[j].virt_start, mem[j].size))
				return boot_error(w, "memory regions %u and %u "
						  "overlap in the guest", j, i);
		if (range_within(c->cpu_reset_address, 4, mem[i].virt_start,
				 mem[i].size) &&
		    (mem[i].flags & JH_MEM_EXECUTE) &&
		    !(mem[i].flags & (JH_MEM_IO | JH_MEM_COMM_REGION)))
			reset_ok = true;
	}
	if (!reset_ok && started)
		return boot_error(w, "cpu_reset_address 0x%lx is not in an "
				  "executable RAM region",
				  c->cpu_reset_address);

	if (c->num_cache_regions)
		printk("jh: warning: %s: cache regions ignored on arm64\n", w);
	chip = jh_cell_irqchips(c);
	for (i = 0; i < c->num_irqchips; i++) {
		const char *problem = arch_irqchip_problem(&chip[i]);

		if (problem)
			return boot_error(w, "irqchip %u at 0x%lx: %s", i,
					  chip[i].address, problem);
		for (j = 0; j < JH_IRQCHIP_PINS; j++) {
			u64 irq = (u64)chip[i].pin_base + j;

			if (jh_irqchip_has_pin(&chip[i], (u32)irq) &&
			    irq >= arch_num_irqs())
				return boot_error(w, "irqchip %u: interrupt "
						  "%lu does not exist (%u "
						  "lines)", i, irq,
						  arch_num_irqs());
		}
	}
	if (c->num_pio_regions)
		return boot_error(w, "port I/O regions are x86 only");
	pci = jh_cell_pci_devices(c);
	for (i = 0; i < c->num_pci_devices; i++) {
		if ((u32)pci[i].caps_start + pci[i].num_caps > c->num_pci_caps)
			return boot_error(w, "PCI device %u: capabilities "
					  "%u+%u beyond the %u present", i,
					  pci[i].caps_start, pci[i].num_caps,
					  c->num_pci_caps);
		if (pci[i].type == JH_PCI_TYPE_IVSHMEM &&
		    pci[i].shmem_regions_start >= c->num_memory_regions)
			return boot_error(w, "PCI device %u: shared memory "
					  "region index %u out of range", i,
					  pci[i].shmem_regions_start);
	}
	/* PCI devices: vpci.c emulates ivshmem, warns about others */
	/* stream IDs: checked and applied by the SMMU driver (iommu.h) */
	return 0;
}

static int check_system(void)
{
	const struct jh_system_desc *sys = boot.system;
	const struct jh_memory *hv = &sys->hypervisor_memory;
	const struct jh_cell_desc *root = &sys->root_cell;
	u64 hv_start = hv_image_start, hv_end = hv_image_end;
	unsigned int i;
	int err;

	if (boot.system_size < sizeof(*sys))
		return boot_error("system image", "%lu bytes, shorter than "
				  "the %lu-byte descriptor", boot.system_size,
				  (u64)sizeof(*sys));
	if (memcmp(sys->signature, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE))
		return boot_error("system image", "bad signature");
	if (sys->architecture != JH_ARCH_ARM64)
		return boot_error("system image", "architecture %u, expected "
				  "%u (arm64)", sys->architecture,
				  JH_ARCH_ARM64);
	if (sys->revision != JH_CONFIG_REVISION)
		return boot_error("system image", "revision %u, expected %u",
				  sys->revision, JH_CONFIG_REVISION);
	err = check_console("system image: debug_console",
			    &sys->debug_console, hv);
	if (err)
		return err;
	/* from here on, errors go to the board's console too */
	err = console_select_checked(&sys->debug_console);
	if (err)
		return err;
	if (sys->flags & ~JH_SYS_FLAGS_KNOWN)
		return boot_error("system image", "unknown flags 0x%x",
				  sys->flags);
	if (hv->phys_start + hv->size < hv->phys_start ||
	    !ALIGNED(hv->phys_start | hv->size, PAGE_SIZE))
		return boot_error("system image", "hypervisor_memory "
				  "0x%lx+0x%lx not page aligned or wrapping",
				  hv->phys_start, hv->size);
	if (!range_within(hv_start, hv_end - hv_start, hv->phys_start,
			  hv->size))
		return boot_error("system image", "hypervisor_memory "
				  "0x%lx+0x%lx does not hold the hypervisor "
				  "(0x%lx-0x%lx)", hv->phys_start, hv->size,
				  hv_start, hv_end - 1);
	if (!boot.late &&
	    !range_within(JH_BUNDLE_ADDR, JH_BUNDLE_MAX_SIZE, hv->phys_start,
			  hv->size))
		return boot_error("system image", "hypervisor_memory "
				  "0x%lx+0x%lx does not hold the boot bundle "
				  "area 0x%lx+0x%lx", hv->phys_start, hv->size,
				  (u64)JH_BUNDLE_ADDR, (u64)JH_BUNDLE_MAX_SIZE);
	for (i = 0; i < JH_MAX_IOMMU_UNITS; i++) {
		if (sys->iommu_units[i].type > JH_IOMMU_TYPE_MAX)
			return boot_error("system image", "IOMMU unit %u: "
					  "unknown type %u", i,
					  sys->iommu_units[i].type);
		if (sys->iommu_units[i].type != JH_IOMMU_NONE &&
		    sys->iommu_units[i].type != JH_IOMMU_SMMUV3)
			printk("jh: warning: IOMMU unit %u ignored: only "
			       "SMMUv3 units are supported\n", i);
	}
	err = arch_check_platform(sys);
	if (err)
		return err;
	/* upstream leaves the embedded root header zero; accept both */
	for (i = 0; i < 8 && !((const u8 *)root)[i]; i++)
		;
	if (i < 8 && !header_ok(root, 0))
		return -EINVAL;
	return 0;
}

/* How the cells fit together: CPUs, interrupts, names. */
static int check_together(void)
{
	const struct jh_cell_desc *root = boot.cell[0];
	unsigned int a, b, cpu, i, j;

	for (a = 1; a < boot.num_cells; a++) {
		const struct jh_cell_desc *ca = boot.cell[a];

		for (cpu = 0; cpu < MAX_CPUS; cpu++) {
			if (!jh_cell_has_cpu(ca, cpu))
				continue;
			if (!jh_cell_has_cpu(root, cpu))
				return boot_error(where[a], "CPU %u is not "
						  "in the root cell's set",
						  cpu);
			for (b = 1; b < a; b++)
				if (jh_cell_has_cpu(boot.cell[b], cpu))
					return boot_error(where[a], "CPU %u "
							  "is also in %s", cpu,
							  where[b]);
		}
		for (b = 0; b < a; b++)
			if (!memcmp(ca->name, boot.cell[b]->name,
				    sizeof(ca->name)))
				return boot_error(where[a], "name used twice");
		for (b = 1; b < a; b++) {
			const struct jh_irqchip *x = jh_cell_irqchips(ca);
			const struct jh_irqchip *y =
				jh_cell_irqchips(boot.cell[b]);

			for (i = 0; i < ca->num_irqchips; i++)
				for (j = 0; j < boot.cell[b]->num_irqchips; j++)
					for (cpu = 0; cpu < JH_IRQCHIP_PINS;
					     cpu++) {
						u32 irq = x[i].pin_base + cpu;

						if (irq >= 32 &&
						    jh_irqchip_has_pin(&x[i],
								       irq) &&
						    jh_irqchip_has_pin(&y[j],
								       irq))
							return boot_error(
								where[a],
								"interrupt %u "
								"is also "
								"given to %s",
								irq, where[b]);
					}
		}
	}
	return 0;
}

int images_check(void)
{
	unsigned int n;
	int err;

	err = check_system();
	if (err)
		return err;
	boot.cell[0] = &boot.system->root_cell;
	boot.cell_size[0] = boot.system_size;
	for (n = 0; n < boot.num_cells; n++) {
		if (n > 0) {
			if (boot.cell_size[n] < sizeof(struct jh_cell_desc)) {
				return boot_error("cell image", "#%u: %lu "
						  "bytes, shorter than a "
						  "descriptor", n,
						  boot.cell_size[n]);
			}
		}
		set_where(n, boot.cell[n]);
		if (n > 0 && !header_ok(boot.cell[n], n))
			return -EINVAL;
		err = check_cell(n, boot.cell[n], boot.cell_size[n],
				 &boot.system->hypervisor_memory,
				 boot.has_inmate[n], &boot.ext[n]);
		if (err)
			return err;
	}
	return check_together();
}

int image_check_one(unsigned int slot, const struct jh_cell_desc *c,
		    u64 size, struct cell_ext *ext)
{
	if (slot == 0 || slot >= MAX_CELLS)
		return -EINVAL;
	if (size < sizeof(*c))
		return boot_error("cell image", "%lu bytes, shorter than a "
				  "descriptor", size);
	set_where(slot, c);
	if (!header_ok(c, slot))
		return -EINVAL;
	return check_cell(slot, c, size, &boot.system->hypervisor_memory,
			  true, ext);
}
