// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI SYSTEM_RESET acts on the calling cell only: the cell restarts at
 * its reset address (memory is kept, so a counter tells the runs apart),
 * then switches itself off.
 */
#include "guest.h"

static volatile u32 boots;	/* RAM starts zeroed; kept over the reset */

void guest_main(u64 context)
{
	(void)context;
	boots++;
	prefix();
	puts("reset guest, run ");
	putdec(boots);
	puts(", cell state ");
	putdec(COMM->cell_state);
	puts(" ppi 27 enabled ");
	putdec(irq_enabled(27));
	puts("\n");
	/* leave interrupt state behind: the reset must clear it */
	irq_enable(27);
	if (boots == 1)
		smc(0x84000009ul, 0, 0, 0);	/* PSCI SYSTEM_RESET */
	if (boots != 2) {
		prefix();
		puts("ERROR: reset did not restart the cell\n");
	}
	system_off();
}
