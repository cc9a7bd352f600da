// SPDX-License-Identifier: GPL-2.0-only
/*
 * Root cell probing its identity-mapped range 0x48000000-0x5fffffff:
 * memory it kept and the root-shared page of cell B are readable; cell
 * A's RAM at 0x50000000 was carved out, so reading it stops the root.
 */
#include "guest.h"

static void peek(const char *what, u64 addr)
{
	prefix();
	puts("rootpeek: reading ");
	puts(what);
	puts(" at ");
	puthex(addr);
	puts("\n");
	(void)*(volatile u32 *)addr;
	prefix();
	puts("rootpeek: ");
	puts(what);
	puts(" readable\n");
}

void guest_main(u64 context)
{
	(void)context;
	peek("own memory", 0x4ff00000);
	peek("root-shared page of B", 0x52000000);
	peek("last own page", 0x5ffff000);
	peek("cell A's RAM", 0x50000000);
	prefix();
	puts("ERROR: NOT STOPPED\n");
	system_off();
}
