/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jh driver: shared state and helpers of the module's parts.
 *
 * jh-main.c    module init/exit, /dev/jh (ioctls, console read)
 * jh-el2.c     may we take EL2? (VHE, KVM, stub vectors)
 * jh-enable.c  load the hypervisor and enter it on every CPU; disable
 * jh-cell.c    non-root cells: create, load, start, shut down, destroy
 * jh-sysfs.c   /sys/kernel/jh
 * jh-sysfs-dma.c  cells/<id>/dma_*: DMA fault counters
 */
#ifndef JH_DRIVER_H
#define JH_DRIVER_H

#include <linux/cpumask.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include "jh-cell-format.h"
#include "jh-cell-interface.h"
#include "jh-late-launch.h"
#include "jh-driver-abi.h"

#define JH_CELL_IMAGE_MAX	(1024 * 1024)

/* A cell as the driver knows it (the root cell is id 0). */
struct jh_cell {
	struct kobject kobj;
	struct list_head entry;
	u32 id;
	char name[JH_CELL_NAME_MAX + 1];
	struct cpumask cpus;
	/* the cell image given at create time (for loadable regions) */
	struct jh_cell_desc *desc;
	size_t desc_size;
};

struct jh_state {
	struct mutex lock;		/* every operation below */
	bool enabled;
	struct device *dev;		/* the misc device, for firmware */
	phys_addr_t hv_phys;		/* hypervisor_memory */
	size_t hv_size;
	void *hv_mem;			/* write-back mapping of it */
	struct jh_hv_console *console;
	struct cpumask entered;		/* CPUs in the hypervisor */
	struct jh_cell *root;
	struct list_head cells;		/* non-root cells */
};

extern struct jh_state jh;

/* Management hypercall: hvc #JH_HVC_IMM, code in x0, arguments x1, x2. */
static inline long jh_hypercall(unsigned long code, unsigned long arg1,
				unsigned long arg2)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;

	asm volatile("hvc %3"
		     : "+r" (x0), "+r" (x1), "+r" (x2)
		     : "i" (JH_HVC_IMM)
		     : "memory");
	return (long)x0;
}

/* Clean and invalidate to the point of coherency (EL2 with MMU off). */
void jh_flush_dcache(const void *addr, size_t size);

/* jh-el2.c */
int jh_el2_check(void);
phys_addr_t jh_stub_vectors_phys(void);
int jh_stub_set_vectors(phys_addr_t vectors);

/* jh-enable.c */
int jh_enable(const void __user *image, u64 size);
int jh_disable(void);
ssize_t jh_console_read(char __user *buf, size_t count, loff_t *ppos);

/* jh-cell.c */
int jh_cell_create(const void __user *image, u64 size);
int jh_cell_load(const struct jh_ioc_cell_load *req);
int jh_cell_start(const struct jh_ioc_cell_id *id);
int jh_cell_shutdown(const struct jh_ioc_cell_id *id);
int jh_cell_destroy(const struct jh_ioc_cell_id *id);
struct jh_cell *jh_cell_new(u32 id, const char *name,
			    const struct cpumask *cpus);
void jh_cell_delete(struct jh_cell *cell);

/* jh-sysfs.c */
int jh_sysfs_init(void);
void jh_sysfs_exit(void);
int jh_sysfs_add_cell(struct jh_cell *cell);
void jh_sysfs_del_cell(struct jh_cell *cell);
void jh_sysfs_cell_release(struct kobject *kobj);
/* cells/<id>/dma_* (jh-sysfs-dma.c) */
extern const struct attribute_group jh_dma_group;

#endif /* JH_DRIVER_H */
