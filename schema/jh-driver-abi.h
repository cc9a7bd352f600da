/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The interface between the jh kernel driver (driver/) and user space
 * (the `jh` tool): ioctls on /dev/jh, reads of the hypervisor console from
 * /dev/jh, and the sysfs tree under /sys/kernel/jh.
 *
 * ioctls return 0 (CELL_CREATE: the new cell's id) or -1 with errno set;
 * doc/late-launch.md lists every errno and what it means.
 *
 * read() on /dev/jh returns hypervisor console bytes from the file offset,
 * counted in bytes ever written (struct jh_hv_console.head); an offset the
 * ring has already overwritten is moved up to the oldest byte kept. It
 * returns 0 when nothing new is there (it never blocks): `jh console -f`
 * polls.
 *
 * sysfs (/sys/kernel/jh):
 *   enabled                 0 or 1
 *   mem_pool_size, mem_pool_used, remap_pool_size, remap_pool_used (pages)
 *   cells/<id>/name, state ("running", "running/locked", "shut down",
 *     "failed", "failed/comm-rev"), cpus_assigned, cpus_failed (CPU lists
 *     like "1-2,4"), statistics/<counter> (summed over the cell's CPUs:
 *     vmexits_total, vmexits_mmio, vmexits_management, vmexits_hypercall,
 *     vmexits_maintenance, vmexits_virq, vmexits_vsgi, vmexits_psci,
 *     vmexits_smccc),
 *     dma_faults, dma_events, dma_quiesced (the cell's DMA faults, the
 *     SMMU event records behind them, its streams switched to abort:
 *     JH_HC_DMA_FAULT_INFO), dma_fault_last ("stream 0x0010 address
 *     0x41000000 type F_TRANSLATION", or "none"). They exist for every
 *     cell: without an SMMU, or with a hypervisor that lacks the
 *     hypercall (ENOSYS), they read "0" and "none".
 */
#ifndef JH_DRIVER_ABI_H
#define JH_DRIVER_ABI_H

#ifdef __KERNEL__
#include <linux/ioctl.h>
#include <linux/types.h>
#else
#include <sys/ioctl.h>
#include <stdint.h>
#endif

#include "jh-cell-format.h"

#define JH_DEVICE_NAME			"jh"
#define JH_SYSFS_DIR			"/sys/kernel/jh"
/* request_firmware() name of the flat hypervisor binary */
#define JH_HV_FIRMWARE			"jh-hv.bin"
#define JH_CELL_NAME_MAX		31

struct jh_ioc_system {
	jh_u64 image;			/* user pointer to the system image */
	jh_u64 size;
};

struct jh_ioc_cell_create {
	jh_u64 image;			/* user pointer to a cell image */
	jh_u64 size;
};

/* A cell by id (id >= 0) or, with id = -1, by its NUL-terminated name. */
struct jh_ioc_cell_id {
	jh_u32 id;			/* (u32)-1 = look up by name */
	jh_u32 padding;
	char name[JH_CELL_NAME_MAX + 1];
};

struct jh_ioc_load_image {
	jh_u64 source;			/* user pointer */
	jh_u64 size;
	jh_u64 address;			/* guest-physical address in the cell */
};

struct jh_ioc_cell_load {
	struct jh_ioc_cell_id cell;
	jh_u32 num_images;
	jh_u32 padding;
	jh_u64 images;			/* user pointer to jh_ioc_load_image[] */
};

#define JH_IOC_MAGIC			'J'
#define JH_IOC_ENABLE		_IOW(JH_IOC_MAGIC, 0, struct jh_ioc_system)
#define JH_IOC_DISABLE		_IO(JH_IOC_MAGIC, 1)
#define JH_IOC_CELL_CREATE	_IOW(JH_IOC_MAGIC, 2, struct jh_ioc_cell_create)
#define JH_IOC_CELL_LOAD	_IOW(JH_IOC_MAGIC, 3, struct jh_ioc_cell_load)
#define JH_IOC_CELL_START	_IOW(JH_IOC_MAGIC, 4, struct jh_ioc_cell_id)
#define JH_IOC_CELL_SHUTDOWN	_IOW(JH_IOC_MAGIC, 5, struct jh_ioc_cell_id)
#define JH_IOC_CELL_DESTROY	_IOW(JH_IOC_MAGIC, 6, struct jh_ioc_cell_id)

#endif /* JH_DRIVER_ABI_H */
