// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot-time partitioning: the boot CPU checks the bundle and the images,
 * builds the cells and starts them. Nothing is used before it is checked.
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <console.h>
#include <control.h>
#include <lifecycle.h>
#include <page_pool.h>
#include <percpu.h>
#include <printk.h>
#include <string.h>

extern u8 __hv_start[], __hv_end[];

static void __noreturn boot_failed(void)
{
	printk("jh: boot failed, stopping\n");
	arch_system_exit(2);
}

/*
 * The hypervisor reads images out of root memory and scrubs memory that
 * changes hands: it maps the RAM of the root cell (every run-time cell's
 * RAM comes out of it) and of the boot-time cells.
 */
int map_cell_ram(void)
{
	unsigned int n, i;

	for (n = 0; n < num_cells; n++) {
		const struct jh_memory *m = jh_cell_mem_regions(cells[n].desc);

		for (i = 0; i < cells[n].desc->num_memory_regions; i++)
			if (!(m[i].flags & (JH_MEM_IO | JH_MEM_COMM_REGION)) &&
			    arch_map_hv_ram(m[i].phys_start, m[i].size)) {
				printk("jh: boot error: no memory to map cell "
				       "RAM\n");
				return -ENOMEM;
			}
	}
	return 0;
}

void __noreturn hv_boot_main(void)
{
	const struct jh_bundle_header *hdr = (const void *)JH_BUNDLE_ADDR;
	const struct jh_memory *hv;
	u64 hv_end = (u64)__hv_end;

	hv_image_start = (u64)__hv_start;
	hv_image_end = hv_end;
	if (!memcmp(hdr->magic, JH_BUNDLE_MAGIC, sizeof(hdr->magic)))
		early_console = arch_early_console(hdr->flags);
	printk("\njh hypervisor: boot-time partitioning, bundle at 0x%lx\n",
	       (u64)JH_BUNDLE_ADDR);
	if (bundle_parse(hdr, JH_BUNDLE_MAX_SIZE) || images_check())
		boot_failed();

	hv = &boot.system->hypervisor_memory;
	page_pool_init(hv_end, hv->phys_start + hv->size - hv_end);
	/* the bundle stays: cells keep pointing at their descriptors */
	page_pool_reserve(JH_BUNDLE_ADDR, hdr->total_size);
	boot.digest_data = hdr;
	boot.digest_size = hdr->total_size;
	if (arch_init() || cells_create() || inmates_load() || map_cell_ram())
		boot_failed();
	integrity_init();
	image_error_prefix = "jh: cell create rejected: ";
	arch_mmu_enable();
	printk("jh: %u cells, hypervisor 0x%lx-0x%lx, page pool %lu/%lu "
	       "pages used\n", num_cells, (u64)__hv_start, hv_end - 1,
	       page_pool_used(), page_pool_pages());
	cells_start();
}
