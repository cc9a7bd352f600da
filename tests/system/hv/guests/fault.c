// SPDX-License-Identifier: GPL-2.0-only
/* A cell that writes to memory it does not own; it must be stopped. */
#include "guest.h"

void guest_main(u64 context)
{
	(void)context;
	prefix();
	puts("touching unowned memory\n");
	*(volatile u32 *)0x20000000ul = 0xbad;
	prefix();
	puts("ERROR: NOT STOPPED\n");
	system_off();
}
