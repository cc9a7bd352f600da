// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cell the fake Linux creates at run time: it greets through the
 * hypervisor's debug console (hypercall 8, so its line lands in the
 * console ring) and shuts itself down.
 */
#include "guest.h"

void guest_main(void)
{
	puts("late-cell: hello from CPU ");
	putdec(cpu_id());
	puts("\n");
	system_off();
}
