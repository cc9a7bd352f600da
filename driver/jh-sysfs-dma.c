// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/kernel/jh/cells/<id>/dma_*: a cell's DMA faults as the hypervisor
 * counts them (JH_HC_DMA_FAULT_INFO, doc/dma-isolation.md). The files
 * exist for every cell; a hypervisor that counts nothing (not enabled,
 * or one without that hypercall: -ENOSYS) reads as no fault ("0",
 * "none"), the same as a system without an SMMU, whose counters stay 0.
 */
#include <linux/kobject.h>
#include <linux/sched/signal.h>
#include <linux/sysfs.h>

#include "jh.h"

#define to_cell(k) container_of(k, struct jh_cell, kobj)

/* Same rule as jh-sysfs.c: never block on the lock in a read. */
static long jh_dma_info(struct kobject *kobj, unsigned long type)
{
	long val = -ENOSYS;

	if (!mutex_trylock(&jh.lock))
		return restart_syscall();
	if (jh.enabled)
		val = jh_hypercall(JH_HC_DMA_FAULT_INFO, to_cell(kobj)->id,
				   type);
	mutex_unlock(&jh.lock);
	return val;
}

static ssize_t jh_dma_count_show(struct kobject *kobj, char *buf,
				 unsigned long type)
{
	long val = jh_dma_info(kobj, type);

	if (val == -ENOSYS)
		val = 0;
	if (val < 0)
		return val;
	return sysfs_emit(buf, "%ld\n", val);
}

#define JH_DMA_ATTR(attr_name, type)					\
static ssize_t attr_name##_show(struct kobject *kobj,			\
				struct kobj_attribute *attr, char *buf)	\
{									\
	return jh_dma_count_show(kobj, buf, type);			\
}									\
static struct kobj_attribute attr_name##_attr = __ATTR_RO(attr_name)

JH_DMA_ATTR(dma_faults, JH_DMA_INFO_COUNT);
JH_DMA_ATTR(dma_events, JH_DMA_INFO_EVENTS);
JH_DMA_ATTR(dma_quiesced, JH_DMA_INFO_QUIESCED);

/* "stream 0x0010 address 0x41000000 type F_TRANSLATION", or "none" */
static ssize_t dma_fault_last_show(struct kobject *kobj,
				   struct kobj_attribute *attr, char *buf)
{
	long sid, addr, type;
	const char *name;

	sid = jh_dma_info(kobj, JH_DMA_INFO_LAST_STREAM);
	if (sid == -ENOENT || sid == -ENOSYS)
		return sysfs_emit(buf, "none\n");
	if (sid < 0)
		return sid;
	addr = jh_dma_info(kobj, JH_DMA_INFO_LAST_ADDRESS);
	type = jh_dma_info(kobj, JH_DMA_INFO_LAST_TYPE);
	if (addr < 0 || type < 0)	/* the cell went meanwhile */
		return sysfs_emit(buf, "none\n");
	name = jh_dma_fault_type_name(type);
	if (name)
		return sysfs_emit(buf, "stream 0x%04lx address 0x%lx type %s\n",
				  sid, addr, name);
	return sysfs_emit(buf, "stream 0x%04lx address 0x%lx type 0x%02lx\n",
			  sid, addr, type);
}

static struct kobj_attribute dma_fault_last_attr = __ATTR_RO(dma_fault_last);

static struct attribute *jh_dma_attrs[] = {
	&dma_faults_attr.attr,
	&dma_events_attr.attr,
	&dma_quiesced_attr.attr,
	&dma_fault_last_attr.attr,
	NULL,
};

const struct attribute_group jh_dma_group = {
	.attrs = jh_dma_attrs,
};
