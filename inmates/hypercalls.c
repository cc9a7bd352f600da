// SPDX-License-Identifier: GPL-2.0-only
/*
 * hypercalls: a non-root cell calls every hypercall and checks the
 * answers the cell interface prescribes: cell management (disable,
 * create, start, set loadable, destroy, get state) is refused, get-info
 * answers, CPU info answers for the cell's own CPU and is refused for a
 * CPU of another cell, an unknown code gives -ENOSYS. The management calls
 * use arguments that would be harmless even if one were wrongly accepted
 * (invalid cell ids, image address 0) -- except disable, which a broken
 * hypervisor would then carry out, failing visibly.
 *
 * Standalone there is no hypervisor: every wrapper must return -ENOSYS.
 *
 * Output: one line per call, "hypercalls: <name>(<args>) = <result>: ok"
 * or ": FAILED (expected ...)", then "hypercalls: N calls, N failed".
 */
#include "rt.h"

/* A CPU number no cell of a QEMU virt board owns. */
#define FOREIGN_CPU_PROBE	7

enum expect {
	REFUSED,	/* negative */
	ANSWERED,	/* zero or positive */
	NOSYS,		/* -ENOSYS */
};

static unsigned int calls, failures;

static void check(const char *what, s64 result, enum expect e)
{
	bool ok = e == REFUSED ? result < 0 :
		  e == ANSWERED ? result >= 0 : result == -JH_RT_ENOSYS;

	calls++;
	if (!ok)
		failures++;
	printf("hypercalls: %s = %lld: %s\n", what, (long long)result,
	       ok ? "ok" : e == REFUSED ? "FAILED (expected refusal)" :
	       e == ANSWERED ? "FAILED (expected an answer)" :
	       "FAILED (expected -ENOSYS)");
}

static void standalone(void)
{
	check("disable()", jh_hc_disable(), NOSYS);
	check("hypervisor_get_info(cells)",
	      jh_hc_hypervisor_get_info(JH_INFO_NUM_CELLS), NOSYS);
	check("cpu_get_info(own, state)",
	      jh_hc_cpu_get_info(cpu_hw_number(), JH_CPU_INFO_STATE), NOSYS);
	check("debug_console_putc(nul)", jh_hc_debug_console_putc(0), NOSYS);
}

static void in_a_cell(void)
{
	unsigned int own = cpu_hw_number();
	unsigned int foreign = own == FOREIGN_CPU_PROBE ? 6 :
			       FOREIGN_CPU_PROBE;

	check("cell_create(0)", jh_hc_cell_create(0), REFUSED);
	check("cell_start(0xffff)", jh_hc_cell_start(0xffff), REFUSED);
	check("cell_set_loadable(0xffff)", jh_hc_cell_set_loadable(0xffff),
	      REFUSED);
	check("cell_destroy(0)", jh_hc_cell_destroy(0), REFUSED);
	check("cell_get_state(0)", jh_hc_cell_get_state(0), REFUSED);
	check("hypervisor_get_info(cells)",
	      jh_hc_hypervisor_get_info(JH_INFO_NUM_CELLS), ANSWERED);
	check("cpu_get_info(own, state)",
	      jh_hc_cpu_get_info(own, JH_CPU_INFO_STATE), ANSWERED);
	check("cpu_get_info(foreign, state)",
	      jh_hc_cpu_get_info(foreign, JH_CPU_INFO_STATE), REFUSED);
	check("unknown code 0x4242", jh_hypercall(0x4242, 0, 0), NOSYS);
	check("disable()", jh_hc_disable(), REFUSED);
}

int inmate_main(void)
{
	if (rt_env.standalone)
		standalone();
	else
		in_a_cell();
	printf("hypercalls: %u calls, %u failed\n", calls, failures);
	return failures ? 1 : 0;
}
