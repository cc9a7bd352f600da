// SPDX-License-Identifier: GPL-2.0-only
/*
 * Enable: check the system image and the hypervisor binary, copy both
 * into the hypervisor's memory (hidden from Linux), then enter the
 * hypervisor on every online CPU, one after the other, so that the
 * running Linux becomes its root cell (schema/jh-late-launch.h).
 * Disable: every CPU leaves the hypervisor again; EL2 goes back to the
 * hyp stub. The hypervisor console ring is read from its memory.
 */
#include <linux/arm-smccc.h>
#include <linux/cpu.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <uapi/linux/psci.h>
#include <asm/cache.h>
#include <asm/cputype.h>

#include "jh.h"

void jh_flush_dcache(const void *addr, size_t size)
{
	unsigned long line = 4UL << ((read_cpuid_cachetype() >> 16) & 0xf);
	unsigned long p = (unsigned long)addr & ~(line - 1);
	unsigned long end = (unsigned long)addr + size;

	for (; p < end; p += line)
		asm volatile("dc civac, %0" : : "r" (p) : "memory");
	asm volatile("dsb sy" : : : "memory");
}

/* The system image as the hypervisor will read it: complete and sane. */
static int jh_check_system(const struct jh_system_desc *sys, u64 size)
{
	const struct jh_memory *hv = &sys->hypervisor_memory;

	if (size < sizeof(*sys)) {
		pr_err("jh: system image too short (%llu bytes, the "
		       "descriptor alone is %zu)\n", size, sizeof(*sys));
		return -EINVAL;
	}
	if (memcmp(sys->signature, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE)) {
		pr_err("jh: not a system image (signature is not "
		       JH_SYSTEM_SIGNATURE ")\n");
		return -EINVAL;
	}
	if (sys->revision != JH_CONFIG_REVISION) {
		pr_err("jh: system image revision %u, this driver reads %u\n",
		       sys->revision, JH_CONFIG_REVISION);
		return -EINVAL;
	}
	if (sys->architecture != JH_ARCH_ARM64) {
		pr_err("jh: system image is for architecture %u, not arm64\n",
		       sys->architecture);
		return -EINVAL;
	}
	if (jh_system_image_size(sys) > size) {
		pr_err("jh: system image truncated: %llu bytes, its counts "
		       "need %llu\n", size, jh_system_image_size(sys));
		return -EINVAL;
	}
	if (size > JH_LATE_SYSIMG_MAX) {
		pr_err("jh: system image of %llu bytes is larger than %llu\n",
		       size, JH_LATE_SYSIMG_MAX);
		return -E2BIG;
	}
	if (!hv->size || (hv->phys_start | hv->size) & (PAGE_SIZE - 1) ||
	    hv->phys_start + hv->size < hv->phys_start) {
		pr_err("jh: hypervisor_memory 0x%llx size 0x%llx is not a "
		       "page-aligned range\n", hv->phys_start, hv->size);
		return -EINVAL;
	}
	if (hv->size < JH_LATE_SYSIMG_OFFSET + size) {
		pr_err("jh: hypervisor_memory of 0x%llx bytes cannot hold the "
		       "system image at 0x%llx\n", hv->size,
		       JH_LATE_SYSIMG_OFFSET);
		return -EINVAL;
	}
	/* Linux must not own it: mem= or a no-map reserved-memory node */
	if (region_intersects(hv->phys_start, hv->size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("jh: hypervisor_memory 0x%llx-0x%llx overlaps Linux "
		       "RAM; hide it (mem= or a no-map reserved-memory node)\n",
		       hv->phys_start, hv->phys_start + hv->size - 1);
		return -EBUSY;
	}
	return 0;
}

static int jh_check_hv(const struct firmware *fw,
		       const struct jh_system_desc *sys)
{
	const struct jh_hv_header *h = (const void *)fw->data;
	u64 hv_size = sys->hypervisor_memory.size;

	if (fw->size < sizeof(*h) || memcmp(h->magic, JH_HV_MAGIC, 8)) {
		pr_err("jh: " JH_HV_FIRMWARE " is not a jh hypervisor "
		       "binary (no " JH_HV_MAGIC " header)\n");
		return -EINVAL;
	}
	if (h->version != JH_HV_HEADER_VERSION ||
	    h->header_size < sizeof(*h)) {
		pr_err("jh: " JH_HV_FIRMWARE " header version %u (size %u), "
		       "this driver reads version %u\n", h->version,
		       h->header_size, JH_HV_HEADER_VERSION);
		return -EINVAL;
	}
	if (h->link_address != sys->hypervisor_memory.phys_start) {
		pr_err("jh: " JH_HV_FIRMWARE " is linked at 0x%llx, the "
		       "system image's hypervisor_memory starts at 0x%llx\n",
		       h->link_address, sys->hypervisor_memory.phys_start);
		return -EINVAL;
	}
	if (h->image_size > fw->size || h->image_size > h->core_size) {
		pr_err("jh: " JH_HV_FIRMWARE " sizes wrong: file %zu, image "
		       "%llu, core %llu\n", fw->size, h->image_size,
		       h->core_size);
		return -EINVAL;
	}
	if (h->core_size > JH_LATE_SYSIMG_OFFSET) {
		pr_err("jh: " JH_HV_FIRMWARE " needs %llu bytes, more than the "
		       "0x%llx before the system image\n", h->core_size,
		       JH_LATE_SYSIMG_OFFSET);
		return -E2BIG;
	}
	if (h->late_vectors_offset & 0x7ff ||
	    h->late_vectors_offset + 0x800 > h->image_size) {
		pr_err("jh: " JH_HV_FIRMWARE " late vectors at 0x%llx are not "
		       "a 2 KiB aligned table inside the image\n",
		       h->late_vectors_offset);
		return -EINVAL;
	}
	if (h->console_offset & 7 ||
	    h->console_offset + sizeof(struct jh_hv_console) > hv_size) {
		pr_err("jh: " JH_HV_FIRMWARE " console at 0x%llx is outside "
		       "the hypervisor memory\n", h->console_offset);
		return -EINVAL;
	}
	if (h->max_cpus < num_online_cpus()) {
		pr_err("jh: " JH_HV_FIRMWARE " supports %u CPUs, %u are "
		       "online\n", h->max_cpus, num_online_cpus());
		return -EINVAL;
	}
	return 0;
}

/*
 * Test hooks (tests/system/linux/lost-cpu.sh): one CPU fails as a real
 * failure would, so that the recovery paths run. -1: off.
 */
static int test_fail_enter_cpu = -1;
module_param(test_fail_enter_cpu, int, 0644);
MODULE_PARM_DESC(test_fail_enter_cpu, "test only: entering the hypervisor "
		 "on this CPU fails (-EIO) without calling it");
static int test_fail_online_cpu = -1;
module_param(test_fail_online_cpu, int, 0644);
MODULE_PARM_DESC(test_fail_online_cpu, "test only: disable cannot bring "
		 "this CPU online (-EIO; add_cpu() not called)");

/* MPIDR of each CPU, noted when it enters (for PSCI AFFINITY_INFO) */
static u64 jh_mpidr[NR_CPUS];

struct jh_enable_args {
	phys_addr_t vectors;		/* the hypervisor's late vectors */
	phys_addr_t sysimg;
	u64 sysimg_size;
	phys_addr_t stub;
	unsigned int cpus;
	long result;
};

/* Runs on the CPU to enter, interrupts off (smp_call_function_single). */
static void jh_enter_cpu(void *data)
{
	struct jh_enable_args *a = data;
	register unsigned long x0 asm("x0");
	register unsigned long x1 asm("x1");
	register unsigned long x2 asm("x2");
	register unsigned long x3 asm("x3");
	register unsigned long x4 asm("x4");

	jh_mpidr[smp_processor_id()] = read_cpuid_mpidr() &
					MPIDR_HWID_BITMASK;
	if (smp_processor_id() == test_fail_enter_cpu) {
		a->result = -EIO;
		return;
	}
	if (jh_stub_set_vectors(a->vectors)) {
		a->result = -EIO;
		return;
	}
	x0 = JH_LATE_ENABLE;
	x1 = a->sysimg;
	x2 = a->sysimg_size;
	x3 = a->stub;
	x4 = a->cpus;
	asm volatile("hvc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3), "+r" (x4)
		     : : "memory");
	a->result = (long)x0;
}

static void jh_leave_cpu(void *data)
{
	long *result = data;

	*result = jh_hypercall(JH_HC_DISABLE, 0, 0);
}

/* Disable on the CPUs in @cpus; 0 or the first error. */
static int jh_leave_cpus(const struct cpumask *cpus)
{
	unsigned int cpu;
	long result;
	int err = 0;

	for_each_cpu(cpu, cpus) {
		result = -ENODEV;
		if (smp_call_function_single(cpu, jh_leave_cpu, &result, 1) ||
		    result) {
			pr_err("jh: CPU %u cannot leave the hypervisor (%ld)\n",
			       cpu, result);
			if (!err)
				err = result ? (int)result : -EIO;
			continue;
		}
		cpumask_clear_cpu(cpu, &jh.entered);
	}
	return err;
}

/* The last lines of the hypervisor console, into the kernel log. */
static void jh_dump_console(void)
{
	struct jh_hv_console *c = jh.console;
	char line[128];
	size_t len = 0;
	u64 head, from, n;

	/* it may have written with its MMU off: no stale lines */
	jh_flush_dcache(c, sizeof(*c));
	head = READ_ONCE(c->head);
	from = head > 2048 ? head - 2048 : 0;
	for (n = from; n <= head; n++) {
		char ch = n < head ? c->buf[n % JH_HV_CONSOLE_SIZE] : '\n';

		if (ch != '\n')
			line[len++] = ch;
		if (ch == '\n' || len == sizeof(line) - 1) {
			line[len] = 0;
			if (len)
				pr_err("jh: hv: %s\n", line);
			len = 0;
		}
	}
}

static int jh_load_and_enter(const struct firmware *fw,
			     const struct jh_system_desc *sys, u64 size)
{
	const struct jh_hv_header *h = (const void *)fw->data;
	struct jh_enable_args args = { 0 };
	unsigned int cpu;
	int err = 0;

	jh.hv_phys = sys->hypervisor_memory.phys_start;
	jh.hv_size = sys->hypervisor_memory.size;
	jh.hv_mem = memremap(jh.hv_phys, jh.hv_size, MEMREMAP_WB);
	if (!jh.hv_mem) {
		pr_err("jh: cannot map hypervisor_memory 0x%llx\n",
		       (u64)jh.hv_phys);
		return -ENOMEM;
	}
	memset(jh.hv_mem, 0, jh.hv_size);
	memcpy(jh.hv_mem, fw->data, h->image_size);
	memcpy(jh.hv_mem + JH_LATE_SYSIMG_OFFSET, sys, size);
	jh.console = jh.hv_mem + h->console_offset;
	/* the hypervisor starts with its MMU off: no stale cache lines */
	jh_flush_dcache(jh.hv_mem, jh.hv_size);

	args.vectors = jh.hv_phys + h->late_vectors_offset;
	args.sysimg = jh.hv_phys + JH_LATE_SYSIMG_OFFSET;
	args.sysimg_size = size;
	args.stub = jh_stub_vectors_phys();

	cpus_read_lock();
	args.cpus = num_online_cpus();
	cpumask_clear(&jh.entered);
	for_each_online_cpu(cpu) {
		args.result = -ENODEV;
		err = smp_call_function_single(cpu, jh_enter_cpu, &args, 1);
		if (!err && args.result)
			err = (int)args.result;
		if (err) {
			pr_err("jh: CPU %u did not enter the hypervisor (%d)\n",
			       cpu, err);
			break;
		}
		cpumask_set_cpu(cpu, &jh.entered);
	}
	if (err && !cpumask_empty(&jh.entered) &&
	    jh_leave_cpus(&jh.entered)) {
		/* CPUs stay in it: keep its memory */
		cpus_read_unlock();
		jh_dump_console();
		pr_err("jh: enable failed half-way and CPUs %*pbl cannot "
		       "leave: the hypervisor stays in place\n",
		       cpumask_pr_args(&jh.entered));
		return err;
	}
	cpus_read_unlock();
	if (err)
		jh_dump_console();
	/*
	 * Linux keeps a mapping of the console ring only (the hypervisor
	 * lends those pages to the root cell); the rest of its memory is
	 * now the hypervisor's alone.
	 */
	jh.console = NULL;
	memunmap(jh.hv_mem);
	jh.hv_mem = NULL;
	if (err)
		return err;
	jh.console = memremap(jh.hv_phys + h->console_offset,
			      sizeof(*jh.console), MEMREMAP_WB);
	if (!jh.console)
		pr_warn("jh: cannot map the hypervisor console; /dev/jh "
			"reads nothing\n");
	return 0;
}

int jh_enable(const void __user *image, u64 size)
{
	const struct firmware *fw = NULL;
	struct jh_system_desc *sys;
	struct jh_cell *root;
	int err;

	if (jh.enabled) {
		pr_err("jh: the hypervisor is already enabled\n");
		return -EBUSY;
	}
	if (size < sizeof(*sys) || size > JH_LATE_SYSIMG_MAX) {
		pr_err("jh: system image size %llu outside %zu..%llu\n", size,
		       sizeof(*sys), JH_LATE_SYSIMG_MAX);
		return -EINVAL;
	}
	sys = memdup_user(image, size);
	if (IS_ERR(sys))
		return PTR_ERR(sys);
	err = jh_check_system(sys, size);
	if (!err)
		err = jh_el2_check();
	if (err)
		goto out;
	err = request_firmware(&fw, JH_HV_FIRMWARE, jh.dev);
	if (err) {
		pr_err("jh: cannot load /lib/firmware/" JH_HV_FIRMWARE
		       " (%d)\n", err);
		goto out;
	}
	err = jh_check_hv(fw, sys);
	if (err)
		goto out;
	root = jh_cell_new(0, sys->root_cell.name, cpu_online_mask);
	if (!root) {
		err = -ENOMEM;
		goto out;
	}
	err = jh_load_and_enter(fw, sys, size);
	if (err) {
		jh_cell_delete(root);
		goto out;
	}
	cpumask_copy(&root->cpus, &jh.entered);
	jh.root = root;
	jh.enabled = true;
	/* the module cannot go while CPUs run in the hypervisor */
	__module_get(THIS_MODULE);
	if (jh_sysfs_add_cell(root))
		pr_warn("jh: no sysfs entry for the root cell\n");
	pr_info("jh: hypervisor enabled on CPUs %*pbl, root cell '%s'\n",
		cpumask_pr_args(&jh.entered), root->name);
out:
	release_firmware(fw);
	kfree(sys);
	return err;
}

/*
 * PSCI AFFINITY_INFO of a root CPU, answered by the hypervisor from its
 * own view: 0 on, 1 off, 2 on pending, or a PSCI error. An SMC: the
 * hypervisor traps every SMC of its cells (Linux's SMCCC conduit may be
 * "none" when the firmware predates SMCCC 1.1).
 */
static long jh_cpu_power_state(unsigned int cpu)
{
	struct arm_smccc_res res;

	arm_smccc_smc(PSCI_0_2_FN64_AFFINITY_INFO, jh_mpidr[cpu], 0, 0, 0, 0,
		      0, 0, &res);
	return (long)res.a0;
}

static const char *jh_power_state_name(long state)
{
	switch (state) {
	case PSCI_0_2_AFFINITY_LEVEL_ON:
		return "running";
	case PSCI_0_2_AFFINITY_LEVEL_ON_PENDING:
		return "starting";
	}
	return "in an unknown state";
}

/*
 * Root CPUs that entered but are offline in Linux now (taken offline by
 * hand, or a CPU Linux failed to bring up): bring each online again so
 * that it leaves the hypervisor running Linux. One that cannot come back
 * is acceptable only when the hypervisor has it powered off: it does not
 * run the root cell, so it has nothing to leave (the hypervisor disables
 * when every CPU that runs in it has left) and Linux can start it again
 * afterwards, natively. One that still runs under the hypervisor (stuck
 * in Linux's early boot code) would keep it alive: refuse. Called with
 * the CPU hotplug lock held; @lost gets the CPUs that stay offline.
 */
static int jh_check_offline_cpus(struct cpumask *lost)
{
	unsigned int cpu;
	long state;

	cpumask_clear(lost);
	for_each_cpu(cpu, &jh.entered) {
		if (cpu_online(cpu))
			continue;
		state = jh_cpu_power_state(cpu);
		if (state != PSCI_0_2_AFFINITY_LEVEL_OFF) {
			pr_err("jh: disable refused: CPU %u is offline in "
			       "Linux but the hypervisor has it %s (PSCI %ld); "
			       "bring it online and disable again\n", cpu,
			       jh_power_state_name(state), state);
			return -EBUSY;
		}
		cpumask_set_cpu(cpu, lost);
	}
	return 0;
}

int jh_disable(void)
{
	struct cpumask in, lost;
	unsigned int cpu;
	int err;

	if (!jh.enabled) {
		pr_err("jh: the hypervisor is not enabled\n");
		return -EINVAL;
	}
	if (!list_empty(&jh.cells)) {
		pr_err("jh: cells exist: destroy them before disabling\n");
		return -EBUSY;
	}
	/*
	 * A root CPU taken offline by hand waits in the hypervisor; it
	 * leaves it best running Linux again.
	 */
	for_each_cpu(cpu, &jh.entered) {
		if (cpu_online(cpu))
			continue;
		err = cpu == test_fail_online_cpu ? -EIO : add_cpu(cpu);
		if (err)
			pr_warn("jh: CPU %u is offline and does not come back "
				"online (%d)\n", cpu, err);
		else
			pr_info("jh: CPU %u brought online to leave the "
				"hypervisor\n", cpu);
	}
	cpus_read_lock();
	/* under the lock: no CPU goes offline or online from here on */
	err = jh_check_offline_cpus(&lost);
	if (err) {
		cpus_read_unlock();
		return err;
	}
	cpumask_andnot(&in, &jh.entered, &lost);
	err = jh_leave_cpus(&in);
	if (!err)
		cpumask_clear(&jh.entered);
	cpus_read_unlock();
	if (err) {
		/* those that left run Linux natively; a retry goes on */
		cpumask_and(&in, &in, &jh.entered);
		pr_err("jh: disable failed (%d); CPUs %*pbl still run in the "
		       "hypervisor: disable again\n", err,
		       cpumask_pr_args(&in));
		return err;
	}
	if (!cpumask_empty(&lost))
		pr_warn("jh: CPUs %*pbl stay offline: the hypervisor had them "
			"powered off, Linux can bring them online again "
			"(/sys/devices/system/cpu/cpuN/online)\n",
			cpumask_pr_args(&lost));
	jh.enabled = false;
	jh_sysfs_del_cell(jh.root);
	jh_cell_delete(jh.root);
	jh.root = NULL;
	if (jh.console)
		memunmap(jh.console);
	jh.console = NULL;
	module_put(THIS_MODULE);
	pr_info("jh: hypervisor disabled, EL2 back to Linux\n");
	return 0;
}

/*
 * Bytes from *ppos on (counted in bytes ever written); a position the
 * ring has overwritten moves up to the oldest byte kept. Never blocks.
 */
ssize_t jh_console_read(char __user *buf, size_t count, loff_t *ppos)
{
	struct jh_hv_console *c;
	char *tmp;
	u64 head, pos;
	u32 seq;
	size_t n, i;
	ssize_t ret;
	int tries = 0;

	mutex_lock(&jh.lock);
	c = jh.console;
	if (!c) {
		mutex_unlock(&jh.lock);
		return 0;
	}
	count = min_t(size_t, count, JH_HV_CONSOLE_SIZE);
	tmp = kmalloc(count ? count : 1, GFP_KERNEL);
	if (!tmp) {
		mutex_unlock(&jh.lock);
		return -ENOMEM;
	}
	do {
		seq = READ_ONCE(c->seq);
		smp_rmb();
		head = READ_ONCE(c->head);
		pos = *ppos < 0 ? 0 : *ppos;
		if (head > JH_HV_CONSOLE_SIZE &&
		    pos < head - JH_HV_CONSOLE_SIZE)
			pos = head - JH_HV_CONSOLE_SIZE;
		n = pos < head ? min_t(u64, count, head - pos) : 0;
		for (i = 0; i < n; i++)
			tmp[i] = c->buf[(pos + i) % JH_HV_CONSOLE_SIZE];
		smp_rmb();
		/* a writer that died half-way must not hang the reader */
		if (++tries > 1000)
			break;
		cpu_relax();
	} while ((seq & 1) || READ_ONCE(c->seq) != seq);
	mutex_unlock(&jh.lock);
	ret = n;
	if (n && copy_to_user(buf, tmp, n))
		ret = -EFAULT;
	else
		*ppos = pos + n;
	kfree(tmp);
	return ret;
}
