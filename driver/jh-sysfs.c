// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/kernel/jh (schema/jh-driver-abi.h): whether the hypervisor runs,
 * its memory pool use, and per cell (cells/<id>/) name, state, CPUs and
 * exit statistics summed over the cell's CPUs, its DMA faults
 * (jh-sysfs-dma.c). Values come from the
 * hypervisor's information hypercalls at the time of the read.
 */
#include <linux/kobject.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "jh.h"

static struct kobject *jh_kobj;
static struct kobject *jh_cells_kobj;

/*
 * Destroy removes a cell's directory while holding jh.lock, and removal
 * waits for running reads: readers must not block on the lock.
 */
#define JH_SYSFS_LOCK()					\
	do {						\
		if (!mutex_trylock(&jh.lock))		\
			return restart_syscall();	\
	} while (0)

static ssize_t enabled_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", jh.enabled);
}

static ssize_t jh_info_show(char *buf, unsigned long type)
{
	long val = 0;

	JH_SYSFS_LOCK();
	if (jh.enabled)
		val = jh_hypercall(JH_HC_HYPERVISOR_GET_INFO, type, 0);
	mutex_unlock(&jh.lock);
	if (val < 0)
		return val;
	return sysfs_emit(buf, "%ld\n", val);
}

#define JH_INFO_ATTR(attr_name, type)					\
static ssize_t attr_name##_show(struct kobject *kobj,			\
				struct kobj_attribute *attr, char *buf)	\
{									\
	return jh_info_show(buf, type);					\
}									\
static struct kobj_attribute attr_name##_attr = __ATTR_RO(attr_name)

static struct kobj_attribute enabled_attr = __ATTR_RO(enabled);
JH_INFO_ATTR(mem_pool_size, JH_INFO_MEM_POOL_SIZE);
JH_INFO_ATTR(mem_pool_used, JH_INFO_MEM_POOL_USED);
JH_INFO_ATTR(remap_pool_size, JH_INFO_REMAP_POOL_SIZE);
JH_INFO_ATTR(remap_pool_used, JH_INFO_REMAP_POOL_USED);

static struct attribute *jh_attrs[] = {
	&enabled_attr.attr,
	&mem_pool_size_attr.attr,
	&mem_pool_used_attr.attr,
	&remap_pool_size_attr.attr,
	&remap_pool_used_attr.attr,
	NULL,
};

static const struct attribute_group jh_group = {
	.attrs = jh_attrs,
};

/* Per cell */

#define to_cell(k) container_of(k, struct jh_cell, kobj)

static ssize_t name_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_cell(kobj)->name);
}

static const char *const jh_state_names[] = {
	[JH_CELL_RUNNING] = "running",
	[JH_CELL_RUNNING_LOCKED] = "running/locked",
	[JH_CELL_SHUT_DOWN] = "shut down",
	[JH_CELL_FAILED] = "failed",
	[JH_CELL_FAILED_COMM_REV] = "failed/comm-rev",
};

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	struct jh_cell *cell = to_cell(kobj);
	long state = JH_CELL_RUNNING;

	JH_SYSFS_LOCK();
	/* the root cell runs as long as the hypervisor does */
	if (cell->id && jh.enabled)
		state = jh_hypercall(JH_HC_CELL_GET_STATE, cell->id, 0);
	mutex_unlock(&jh.lock);
	if (state < 0)
		return state;
	if (state >= ARRAY_SIZE(jh_state_names))
		return sysfs_emit(buf, "unknown (%ld)\n", state);
	return sysfs_emit(buf, "%s\n", jh_state_names[state]);
}

static ssize_t cpus_assigned_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	struct jh_cell *cell = to_cell(kobj);
	ssize_t n;

	JH_SYSFS_LOCK();
	n = sysfs_emit(buf, "%*pbl\n", cpumask_pr_args(&cell->cpus));
	mutex_unlock(&jh.lock);
	return n;
}

static ssize_t cpus_failed_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	struct jh_cell *cell = to_cell(kobj);
	struct cpumask failed;
	unsigned int cpu;

	cpumask_clear(&failed);
	JH_SYSFS_LOCK();
	if (jh.enabled)
		for_each_cpu(cpu, &cell->cpus)
			if (jh_hypercall(JH_HC_CPU_GET_INFO, cpu,
					 JH_CPU_INFO_STATE) == JH_CPU_FAILED)
				cpumask_set_cpu(cpu, &failed);
	mutex_unlock(&jh.lock);
	return sysfs_emit(buf, "%*pbl\n", cpumask_pr_args(&failed));
}

static struct kobj_attribute name_attr = __ATTR_RO(name);
static struct kobj_attribute state_attr = __ATTR_RO(state);
static struct kobj_attribute cpus_assigned_attr = __ATTR_RO(cpus_assigned);
static struct kobj_attribute cpus_failed_attr = __ATTR_RO(cpus_failed);

static struct attribute *jh_cell_attrs[] = {
	&name_attr.attr,
	&state_attr.attr,
	&cpus_assigned_attr.attr,
	&cpus_failed_attr.attr,
	NULL,
};

static const struct attribute_group jh_cell_group = {
	.attrs = jh_cell_attrs,
};

static ssize_t jh_stat_show(struct kobject *kobj, char *buf,
			    unsigned int stat)
{
	struct jh_cell *cell = to_cell(kobj);
	unsigned int cpu;
	u64 sum = 0;
	long val;

	JH_SYSFS_LOCK();
	if (jh.enabled)
		for_each_cpu(cpu, &cell->cpus) {
			val = jh_hypercall(JH_HC_CPU_GET_INFO, cpu,
					   JH_CPU_INFO_STAT_BASE + stat);
			if (val > 0)
				sum += val;
		}
	mutex_unlock(&jh.lock);
	return sysfs_emit(buf, "%llu\n", sum);
}

#define JH_STAT_ATTR(attr_name, stat)					\
static ssize_t attr_name##_show(struct kobject *kobj,			\
				struct kobj_attribute *attr, char *buf)	\
{									\
	return jh_stat_show(kobj, buf, stat);				\
}									\
static struct kobj_attribute attr_name##_attr = __ATTR_RO(attr_name)

JH_STAT_ATTR(vmexits_total, JH_CPU_STAT_VMEXITS_TOTAL);
JH_STAT_ATTR(vmexits_mmio, JH_CPU_STAT_VMEXITS_MMIO);
JH_STAT_ATTR(vmexits_management, JH_CPU_STAT_VMEXITS_MANAGEMENT);
JH_STAT_ATTR(vmexits_hypercall, JH_CPU_STAT_VMEXITS_HYPERCALL);
JH_STAT_ATTR(vmexits_maintenance, JH_CPU_STAT_VMEXITS_MAINTENANCE);
JH_STAT_ATTR(vmexits_virq, JH_CPU_STAT_VMEXITS_VIRQ);
JH_STAT_ATTR(vmexits_vsgi, JH_CPU_STAT_VMEXITS_VSGI);
JH_STAT_ATTR(vmexits_psci, JH_CPU_STAT_VMEXITS_PSCI);
JH_STAT_ATTR(vmexits_smccc, JH_CPU_STAT_VMEXITS_SMCCC);

static struct attribute *jh_stat_attrs[] = {
	&vmexits_total_attr.attr,
	&vmexits_mmio_attr.attr,
	&vmexits_management_attr.attr,
	&vmexits_hypercall_attr.attr,
	&vmexits_maintenance_attr.attr,
	&vmexits_virq_attr.attr,
	&vmexits_vsgi_attr.attr,
	&vmexits_psci_attr.attr,
	&vmexits_smccc_attr.attr,
	NULL,
};

static const struct attribute_group jh_stat_group = {
	.name = "statistics",
	.attrs = jh_stat_attrs,
};

static const struct attribute_group *jh_cell_groups[] = {
	&jh_cell_group,
	&jh_stat_group,
	&jh_dma_group,	/* jh-sysfs-dma.c */
	NULL,
};

void jh_sysfs_cell_release(struct kobject *kobj)
{
	struct jh_cell *cell = to_cell(kobj);

	kfree(cell->desc);
	kfree(cell);
}

static struct kobj_type jh_cell_ktype = {
	.release = jh_sysfs_cell_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = jh_cell_groups,
};

int jh_sysfs_add_cell(struct jh_cell *cell)
{
	return kobject_init_and_add(&cell->kobj, &jh_cell_ktype,
				    jh_cells_kobj, "%u", cell->id);
}

void jh_sysfs_del_cell(struct jh_cell *cell)
{
	if (cell && cell->kobj.state_in_sysfs)
		kobject_del(&cell->kobj);
}

int jh_sysfs_init(void)
{
	int err;

	jh_kobj = kobject_create_and_add("jh", kernel_kobj);
	if (!jh_kobj)
		return -ENOMEM;
	err = sysfs_create_group(jh_kobj, &jh_group);
	if (err)
		goto fail;
	jh_cells_kobj = kobject_create_and_add("cells", jh_kobj);
	if (!jh_cells_kobj) {
		err = -ENOMEM;
		goto fail;
	}
	return 0;
fail:
	kobject_put(jh_kobj);
	return err;
}

void jh_sysfs_exit(void)
{
	kobject_put(jh_cells_kobj);
	kobject_put(jh_kobj);
}
