// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Watchdog kick: change the heartbeat word the hypervisor looks at on
 * every tick of its watchdog timer. Any change counts, so a simple
 * increment (wrapping) is enough.
 */
#include "comm.h"
#include "watchdog.h"

void jh_watchdog_kick(void)
{
	volatile struct jh_comm_region *comm = comm_region();
	volatile u32 *beat;

	if (!comm)
		return;
	beat = (volatile u32 *)((volatile u8 *)comm +
				JH_COMM_HEARTBEAT_OFFSET);
	*beat = *beat + 1;
}
