// SPDX-License-Identifier: GPL-2.0-only
/*
 * Late launch, the architecture-neutral part: the first CPU that enables
 * checks the system image placed after the hypervisor, builds the root
 * cell from it (the running Linux, as it is) and commits only when
 * nothing can fail any more; every other online CPU joins; disable lets
 * each CPU go back to Linux alone. CPUs the root cell lists but Linux
 * does not run (offline) stay "off" root CPUs: Linux's PSCI CPU_ON
 * starts them later, or a new cell takes them.
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <control.h>
#include <iommu.h>
#include <late.h>
#include <lifecycle.h>
#include <page_pool.h>
#include <percpu.h>
#include <printk.h>
#include <stdarg.h>
#include <jh-late-launch.h>

extern u8 __hv_start[], __hv_end[];
int map_cell_ram(void);

volatile u32 hv_late_active __attribute__((section(".data")));

static spinlock_t late_lock;

static int refuse(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int refuse(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk_line("jh: enable refused: ", "late launch", fmt, ap);
	va_end(ap);
	return err;
}

/* Root CPUs that run Linux outside the hypervisor (not entered yet, or
 * left by disable), not counting @except. */
static unsigned int cpus_outside(unsigned int except)
{
	unsigned int n, count = 0;

	for (n = 0; n < MAX_CPUS; n++)
		if (n != except && per_cpu(n)->native &&
		    per_cpu(n)->power == CPU_POWER_ON)
			count++;
	return count;
}

/* Does any CPU besides @except run a cell under the hypervisor? */
static bool cpus_inside(unsigned int except)
{
	unsigned int n;

	for (n = 0; n < MAX_CPUS; n++)
		if (n != except && !per_cpu(n)->native &&
		    per_cpu(n)->power != CPU_POWER_OFF)
			return true;
	return false;
}

bool late_ready(void)
{
	return !boot.late || !cpus_outside(MAX_CPUS);
}

/*
 * Which CPUs run Linux now (the firmware knows): each must be a root
 * cell CPU and enter; the root cell's other CPUs stay off.
 */
static int check_cpus(unsigned int self, u64 ncpus, u64 *running)
{
	const struct jh_cell_desc *root = boot.cell[0];
	unsigned int n, count = 0;

	*running = 0;
	for (n = 0; n < MAX_CPUS; n++) {
		int state = arch_cpu_firmware_state(n);
		bool in_root = jh_cell_has_cpu(root, n);

		if (n == self || state == 0 || state == 2) {
			if (!in_root)
				return refuse(-EINVAL, "CPU %u runs Linux "
					      "but is not a CPU of the root "
					      "cell", n);
			*running |= BIT(n);
			count++;
		} else if (in_root && state < 0) {
			printk("jh: warning: root cell CPU %u does not exist "
			       "on this machine\n", n);
		}
	}
	if (ncpus != count)
		return refuse(-EINVAL, "%lu CPUs are to enter, but %u CPUs run "
			      "Linux: every online CPU must enter", ncpus,
			      count);
	return 0;
}

/* The root cell may read the console ring (and nothing else of ours). */
static int map_console_ring(void)
{
	extern u8 __console_ring_start[], __console_ring_end[];
	const struct jh_cell_desc *rd = root_cell()->desc;
	const struct jh_memory *m = jh_cell_mem_regions(rd);
	struct jh_memory ring = {
		.phys_start = (u64)__console_ring_start,
		.virt_start = (u64)__console_ring_start,
		.size = (u64)(__console_ring_end - __console_ring_start),
		.flags = JH_MEM_READ,
	};
	unsigned int i;

	for (i = 0; i < rd->num_memory_regions; i++)
		if (ranges_overlap(m[i].virt_start, m[i].size,
				   ring.virt_start, ring.size)) {
			printk("jh: warning: root memory region %u hides the "
			       "console ring (0x%lx): the driver cannot read "
			       "it while enabled\n", i, ring.virt_start);
			return 0;
		}
	return arch_map_memory(root_cell(), &ring, ring.phys_start);
}

/* First CPU: everything that can fail, before anything changes. */
static int first_cpu(unsigned int cpu, u64 sysimg, u64 size, u64 ncpus)
{
	const struct jh_memory *hv;
	struct cell *root;
	u64 running;
	unsigned int n;
	int err;

	hv_image_start = (u64)__hv_start;
	hv_image_end = (u64)__hv_end;
	boot.late = true;
	image_error_prefix = "jh: enable refused: ";
	printk("\njh hypervisor: late launch on CPU %u, system image at "
	       "0x%lx (%lu bytes), %lu CPUs to enter\n", cpu, sysimg, size,
	       ncpus);
	if (size < sizeof(struct jh_system_desc) || size > JH_LATE_SYSIMG_MAX ||
	    sysimg < hv_image_end || sysimg + size < sysimg)
		return refuse(-EINVAL, "system image 0x%lx+0x%lx: it must lie "
			      "after the hypervisor (0x%lx) and hold at most "
			      "0x%lx bytes", sysimg, size, hv_image_end,
			      (u64)JH_LATE_SYSIMG_MAX);
	boot.system = (const void *)sysimg;
	boot.system_size = size;
	boot.num_cells = 1;
	boot.digest_data = boot.system;
	boot.digest_size = size;
	if (images_check())
		return -EINVAL;
	hv = &boot.system->hypervisor_memory;
	if (hv->phys_start != hv_image_start)
		return refuse(-EINVAL, "hypervisor_memory starts at 0x%lx, but "
			      "the hypervisor is linked at 0x%lx",
			      hv->phys_start, hv_image_start);
	if (!range_within(sysimg, size, hv->phys_start, hv->size))
		return refuse(-EINVAL, "the system image 0x%lx+0x%lx is not "
			      "inside hypervisor_memory", sysimg, size);
	err = arch_late_check();
	if (!err)
		err = check_cpus(cpu, ncpus, &running);
	if (err)
		return err;
	page_pool_init(hv_image_end, hv->phys_start + hv->size - hv_image_end);
	page_pool_reserve(sysimg, size);
	if (arch_late_init() || (err = cells_create()) || map_cell_ram() ||
	    map_console_ring()) {
		iommu_shutdown();	/* SMMUs back as found */
		/* iommu_init: -EBUSY an SMMU in use by Linux, -EINVAL one
		 * refused (absent, unsuitable) */
		return refuse(err == -EBUSY || err == -EINVAL ? err : -ENOMEM,
			      "building the root cell failed (see above)");
	}
	integrity_init();
	image_error_prefix = "jh: cell create rejected: ";

	root = root_cell();
	for (n = 0; n < MAX_CPUS; n++) {
		if (!cell_owns_cpu(root, n))
			continue;
		per_cpu(n)->power = (running >> n) & 1 ? CPU_POWER_ON :
						       CPU_POWER_OFF;
		per_cpu(n)->native = (running >> n) & 1;
		if ((running >> n) & 1)
			root->cpus_on++;
		else
			printk("jh: root cell CPU %u is off (Linux may start "
			       "it with PSCI CPU_ON)\n", n);
	}
	root->state = JH_CELL_RUNNING;
	cell_started();
	printk("jh: root cell '%s' built, hypervisor 0x%lx-0x%lx, page pool "
	       "%lu/%lu pages used\n", root->name, hv_image_start,
	       hv_image_end - 1, page_pool_used(), page_pool_pages());
	return 0;
}

/* This CPU starts running the root cell where Linux left off. */
static void join(struct per_cpu *cpu)
{
	bool complete;

	arch_late_cpu_enter(cpu);
	spin_lock(&late_lock);
	__atomic_store_n(&cpu->native, false, __ATOMIC_SEQ_CST);
	complete = !cpus_outside(MAX_CPUS);
	spin_unlock(&late_lock);
	printk("jh: CPU %u entered the root cell\n", cpu->id);
	if (complete)
		printk("jh: late launch complete: every online CPU runs the "
		       "root cell '%s'\n", root_cell()->name);
}

int late_enable(unsigned int cpu, u64 sysimg, u64 size, u64 ncpus)
{
	struct per_cpu *c;
	int err;

	if (!hv_late_active) {
		err = first_cpu(cpu, sysimg, size, ncpus);
		if (err)
			return err;
		/* committed: from here on the hypervisor runs */
		hv_late_active = 1;
		join(per_cpu(cpu));
		return 0;
	}
	/* later CPUs: the translation exists, the MMU can go on first */
	arch_mmu_enable();
	c = per_cpu(cpu);
	spin_lock(&late_lock);
	if (c->cell != root_cell() || !c->native ||
	    c->power != CPU_POWER_ON) {
		spin_unlock(&late_lock);
		return refuse(-EBUSY, "CPU %u did not run Linux when the "
			      "hypervisor was enabled", cpu);
	}
	spin_unlock(&late_lock);
	(void)ncpus;	/* the first CPU's count was checked */
	join(c);
	return 0;
}

s64 late_disable(struct per_cpu *cpu, struct trap_regs *regs)
{
	extern spinlock_t mgmt_lock;
	unsigned int n;
	bool last;

	if (cpu->cell != root_cell())
		return -EPERM;
	spin_lock(&mgmt_lock);
	for (n = 1; n < MAX_CELLS; n++)
		if (cells[n].exists) {
			spin_unlock(&mgmt_lock);
			return -EBUSY;
		}
	/* from now on SGIs for this CPU are sent as physical ones */
	__atomic_store_n(&cpu->native, true, __ATOMIC_SEQ_CST);
	spin_lock(&late_lock);
	last = !cpus_inside(cpu->id);
	spin_unlock(&late_lock);
	spin_unlock(&mgmt_lock);
	printk("jh: CPU %u left the hypervisor%s\n", cpu->id,
	       last ? ": hypervisor disabled" : "");
	if (last) {
		iommu_shutdown();	/* SMMUs back as found at enable */
		hv_late_active = 0;
	}
	arch_late_cpu_leave(cpu, regs, last);
}
