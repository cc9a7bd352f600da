// SPDX-License-Identifier: GPL-2.0-only
/*
 * spi-steal: tries to enable and route to itself an SPI (STEAL_INTID,
 * fixed at build time) that the cell does not own, and reports whether
 * each write took effect, then undoes what did. Under the hypervisor
 * both must be refused (writes ignored); standalone both take effect.
 *
 * Output:
 *   spi-steal: INTID 33 enable: before 0 after 1: took effect
 *   spi-steal: INTID 33 route: before 0x0 after 0x1: took effect
 * (v2: the route is the ITARGETSR CPU mask, v3 the IROUTER affinity.)
 */
#include "rt.h"

#ifndef STEAL_INTID
#define STEAL_INTID		33
#endif

int inmate_main(void)
{
	u32 intid = STEAL_INTID;
	bool was_enabled, now_enabled;
	u64 before, after, target = cpu_mpidr();

	was_enabled = gic_irq_enabled(intid);
	gic_enable_irq(intid);
	now_enabled = gic_irq_enabled(intid);
	printf("spi-steal: INTID %u enable: before %d after %d: %s\n", intid,
	       was_enabled, now_enabled,
	       was_enabled ? "already enabled" :
	       now_enabled ? "took effect" : "no effect");

	before = gic_spi_route(intid);
	/* If it points at us already, aim at a neighbour instead. */
	if (before == gic_route_for_cpu(target))
		target ^= 1;
	gic_set_spi_route(intid, gic_route_for_cpu(target));
	after = gic_spi_route(intid);
	printf("spi-steal: INTID %u route: before 0x%llx after 0x%llx: %s\n",
	       intid, (unsigned long long)before,
	       (unsigned long long)after,
	       after != before ? "took effect" : "no effect");

	/* Undo what took effect. */
	if (after != before)
		gic_set_spi_route(intid, before);
	if (!was_enabled && now_enabled)
		gic_disable_irq(intid);
	return 0;
}
