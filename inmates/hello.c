// SPDX-License-Identifier: GPL-2.0-only
/*
 * hello: every CPU of the inmate greets, then the inmate exits.
 *
 * Output (one line per CPU, then a summary):
 *   hello: CPU 1 (MPIDR 0x1, logical 1) of <where> says hello
 *   hello: 2 CPUs greeted
 */
#include "rt.h"

static volatile unsigned int greeted;
static const char *where;

static void greet(unsigned int logical)
{
	printf("hello: CPU %u (MPIDR 0x%llx, logical %u) of %s says hello\n",
	       cpu_hw_number(), (unsigned long long)cpu_mpidr(), logical,
	       where);
	__atomic_fetch_add(&greeted, 1, __ATOMIC_RELAXED);
}

int inmate_main(void)
{
	unsigned int cpus;

	/*
	 * The comm region carries no cell name (Jailhouse layout); say what
	 * we know about the cell instead.
	 */
	where = "standalone inmate";
	if (comm_region())
		where = "a cell (comm region found)";
	else if (!rt_env.standalone)
		where = "a cell (no comm region)";

	cpus = cpus_start(greet);
	greet(0);
	cpus_wait_off();
	printf("hello: %u CPUs online, %u greeted\n", cpus, greeted);
	return greeted == cpus ? 0 : 1;
}
