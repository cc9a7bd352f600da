// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Hypercall wrappers. Without a hypervisor an hvc would be undefined (or
 * taken by QEMU's own EL2-less PSCI), so they refuse with -ENOSYS.
 */
#include "hypercall.h"
#include "rt.h"

s64 jh_hypercall(u64 code, u64 arg1, u64 arg2)
{
	if (rt_env.standalone)
		return -JH_RT_ENOSYS;
	return jh_hypercall_raw(code, arg1, arg2);
}

s64 jh_hc_disable(void)
{
	return jh_hypercall(JH_HC_DISABLE, 0, 0);
}

s64 jh_hc_cell_create(u64 image_address)
{
	return jh_hypercall(JH_HC_CELL_CREATE, image_address, 0);
}

s64 jh_hc_cell_start(u32 id)
{
	return jh_hypercall(JH_HC_CELL_START, id, 0);
}

s64 jh_hc_cell_set_loadable(u32 id)
{
	return jh_hypercall(JH_HC_CELL_SET_LOADABLE, id, 0);
}

s64 jh_hc_cell_destroy(u32 id)
{
	return jh_hypercall(JH_HC_CELL_DESTROY, id, 0);
}

s64 jh_hc_hypervisor_get_info(u32 type)
{
	return jh_hypercall(JH_HC_HYPERVISOR_GET_INFO, type, 0);
}

s64 jh_hc_cell_get_state(u32 id)
{
	return jh_hypercall(JH_HC_CELL_GET_STATE, id, 0);
}

s64 jh_hc_cpu_get_info(u32 cpu, u32 type)
{
	return jh_hypercall(JH_HC_CPU_GET_INFO, cpu, type);
}

s64 jh_hc_debug_console_putc(char c)
{
	return jh_hypercall(JH_HC_DEBUG_CONSOLE_PUTC, (u8)c, 0);
}
