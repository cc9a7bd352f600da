// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * CPU bring-up: the inmate finds its CPUs by asking PSCI to start every
 * candidate MPIDR. Bare QEMU refuses CPUs that do not exist
 * (INVALID_PARAMETERS), the hypervisor refuses CPUs of other cells
 * (DENIED or INVALID_PARAMETERS), the caller itself is ALREADY_ON.
 */
#include "rt.h"

struct percpu percpu[JH_RT_MAX_CPUS];
u8 rt_stacks[JH_RT_MAX_CPUS][JH_RT_STACK_SIZE] __aligned(16);

extern char rt_secondary_start[];

static cpu_entry_t secondary_entry;
/*
 * In BSS (cleared at every start), not initialised data: a restart
 * without reloading the image keeps .data as the last run left it.
 */
static volatile unsigned int online;

/* How long a started CPU may take to report in: 1 s. */
#define CPU_START_TIMEOUT_US	1000000

unsigned int cpu_index(void)
{
	return (unsigned int)read_sysreg(tpidr_el1);
}

u64 cpu_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
}

unsigned int cpu_hw_number(void)
{
	return cpu_mpidr() & 0xff;
}

unsigned int cpus_online(void)
{
	return online ? online : 1;
}

static bool wait_online(unsigned int idx)
{
	u64 end = timer_now() + timer_us_to_ticks(CPU_START_TIMEOUT_US);

	while (READ_ONCE(percpu[idx].state) == CPU_STARTING) {
		if (timer_now() > end)
			return false;
		cpu_relax();
	}
	return true;
}

unsigned int cpus_start(cpu_entry_t entry)
{
	u64 self = cpu_mpidr();
	unsigned int next = 1, aff0;
	s64 ret;

	secondary_entry = entry;
	online = 1;
	for (aff0 = 0; aff0 < JH_RT_MAX_CPUS && next < JH_RT_MAX_CPUS;
	     aff0++) {
		u64 target = (self & ~0xffUL) | aff0;

		if (target == self)
			continue;
		percpu[next].mpidr = target;
		percpu[next].state = CPU_STARTING;
		dsb(sy);
		ret = psci_cpu_on(target, (unsigned long)rt_secondary_start,
				  next);
		if (ret != PSCI_SUCCESS) {
			percpu[next].state = CPU_ABSENT;
			continue;
		}
		if (!wait_online(next)) {
			/* Keep its number: it may still come up later. */
			printf("jh-rt: CPU MPIDR 0x%llx accepted CPU_ON but did not come up\n",
			       (unsigned long long)target);
			next++;
			continue;
		}
		online++;
		next++;
	}
	return online;
}

void cpus_wait_off(void)
{
	for (unsigned int i = 1; i < JH_RT_MAX_CPUS; i++)
		while (READ_ONCE(percpu[i].state) == CPU_ONLINE)
			cpu_relax();
}

void __noreturn cpu_off(void)
{
	unsigned int idx = cpu_index();

	irq_disable();
	timer_stop();
	dsb(sy);
	WRITE_ONCE(percpu[idx].state, CPU_OFF);
	dsb(sy);
	sev();
	psci_cpu_off();
	rt_park();
}

/* Called from start.S on a CPU started by cpus_start(). */
void __noreturn rt_secondary_main(unsigned int idx);

void __noreturn rt_secondary_main(unsigned int idx)
{
	percpu[idx].mpidr = cpu_mpidr();
	gic_cpu_init();
	dsb(sy);
	WRITE_ONCE(percpu[idx].state, CPU_ONLINE);
	sev();
	secondary_entry(idx);
	cpu_off();
}
