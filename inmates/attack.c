// SPDX-License-Identifier: GPL-2.0-only
/*
 * attack: reads, then writes, a guest address fixed at build time
 * (ATTACK_ADDRESS) that the cell does not own. Under the hypervisor the
 * first access must stop the cell (state "failed", a report on the
 * hypervisor console); the inmate never gets to print the result line.
 * Standalone the access either faults (the runtime reports the data
 * abort and exits with 99) or, if the address is real memory there,
 * succeeds and the inmate exits with 1.
 *
 * Output before the access:
 *   attack: reading 0x40000000
 */
#include "rt.h"

#ifndef ATTACK_ADDRESS
#error "ATTACK_ADDRESS must be given at build time"
#endif

int inmate_main(void)
{
	unsigned long addr = ATTACK_ADDRESS;
	u32 v;

	printf("attack: reading 0x%lx\n", addr);
	v = mmio_read32(addr);
	printf("attack: read 0x%lx = 0x%08x: NOT STOPPED\n", addr, v);
	printf("attack: writing 0x%lx\n", addr);
	mmio_write32(addr, ~v);
	printf("attack: wrote 0x%lx: NOT STOPPED\n", addr);
	mmio_write32(addr, v);
	return 1;
}
