/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Wrappers for every hypercall of schema/jh-cell-interface.h:
 * hvc #0x4a48, code in x0, arguments in x1 and x2, result in x0.
 * Standalone (no hypervisor) they return -ENOSYS without trapping.
 */
#ifndef JH_RT_HYPERCALL_H
#define JH_RT_HYPERCALL_H

#include "jh-cell-interface.h"
#include "types.h"

#define JH_RT_ENOSYS	38

/* The raw call; works standalone too (and then faults). */
static inline s64 jh_hypercall_raw(u64 code, u64 arg1, u64 arg2)
{
	register u64 x0 __asm__("x0") = code;
	register u64 x1 __asm__("x1") = arg1;
	register u64 x2 __asm__("x2") = arg2;

	__asm__ volatile("hvc #0x4a48"
			 : "+r"(x0)
			 : "r"(x1), "r"(x2)
			 : "memory");
	return (s64)x0;
}

s64 jh_hypercall(u64 code, u64 arg1, u64 arg2);

s64 jh_hc_disable(void);
s64 jh_hc_cell_create(u64 image_address);
s64 jh_hc_cell_start(u32 id);
s64 jh_hc_cell_set_loadable(u32 id);
s64 jh_hc_cell_destroy(u32 id);
s64 jh_hc_hypervisor_get_info(u32 type);
s64 jh_hc_cell_get_state(u32 id);
s64 jh_hc_cpu_get_info(u32 cpu, u32 type);
s64 jh_hc_debug_console_putc(char c);

#endif /* JH_RT_HYPERCALL_H */
