// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cell without the virtual-console flag: putc must answer -EPERM. It
 * cannot print, so it signals through its ending: a clean SYSTEM_OFF
 * when the answer was right, an access violation (cell failed) if not.
 */
#include "guest.h"

void guest_main(u64 context)
{
	(void)context;
	if (hvc(JH_HC_DEBUG_CONSOLE_PUTC, 'X', 0) == -1)
		system_off();
	*(volatile u32 *)0x20000000ul = 0xbad;
	for (;;)
		asm volatile("wfe");
}
