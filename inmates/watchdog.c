// SPDX-License-Identifier: GPL-2.0-only
/*
 * watchdog: keeps the jh cell watchdog happy for a while, then stops
 * kicking it (as a hung cell would) and spins with interrupts masked.
 * The hypervisor should stop the cell as failed (doc/lifecycle.md).
 *
 * Output:
 *   watchdog: kicking every 5 ms
 *   watchdog: 10 kicks, now hanging
 */
#include "rt.h"
#include "watchdog.h"

#define KICKS		10
#define KICK_US		5000

int inmate_main(void)
{
	unsigned int n;

	if (!comm_region()) {
		printf("watchdog: no comm region, nothing to show\n");
		return 1;
	}
	printf("watchdog: kicking every %u ms\n", KICK_US / 1000);
	for (n = 0; n < KICKS; n++) {
		jh_watchdog_kick();
		timer_delay_us(KICK_US);
	}
	printf("watchdog: %u kicks, now hanging\n", KICKS);
	irq_disable();
	for (;;)
		cpu_relax();
	return 0;
}
