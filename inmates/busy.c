// SPDX-License-Identifier: GPL-2.0-only
/*
 * busy: stays running for BUSY_MS milliseconds (virtual-timer ticks of
 * 1 ms, sleeping in between) and answers the hypervisor's messages in the
 * comm region by a build-time policy (BUSY_POLICY):
 *   0  approve shutdown requests, then exit         (inmate "busy")
 *   1  deny shutdown requests                       (inmate "busy-deny")
 *   2  lock the cell (state running-locked) at start and deny shutdown
 *      requests                                     (inmate "busy-locked")
 * For the hypervisor's tests of cell shutdown, destroy and the message
 * protocol. Standalone there are no messages; it runs its time and exits.
 *
 * Output:
 *   busy: running 2000 ms, shutdown requests approved
 *   busy: message 1 answered 3
 *   busy: shutting down on request after 12 ms
 * or at the end:
 *   busy: done after 2000 ms, 0 messages
 */
#include "rt.h"

#ifndef BUSY_MS
#define BUSY_MS			2000
#endif
#ifndef BUSY_POLICY
#define BUSY_POLICY		0
#endif

static volatile unsigned int ticks;
static u64 period, deadline;

static void on_irq(u32 intid, u64 entry_ticks)
{
	(void)entry_ticks;
	if (intid != TIMER_VIRT_INTID)
		return;
	ticks++;
	deadline += period;
	timer_set_deadline(deadline);
}

int inmate_main(void)
{
	bool approve = BUSY_POLICY == 0;
	volatile struct jh_comm_region *c = comm_region();
	unsigned int messages = 0;
	u32 msg;

	if (BUSY_POLICY == 2)
		comm_set_state(JH_CELL_RUNNING_LOCKED);
	printf("busy: running %u ms, shutdown requests %s%s\n", BUSY_MS,
	       approve ? "approved" : "denied",
	       BUSY_POLICY == 2 ? ", cell locked" : "");

	period = timer_us_to_ticks(1000);
	irq_set_handler(on_irq);
	gic_enable_irq(TIMER_VIRT_INTID);
	deadline = timer_now() + period;
	timer_set_deadline(deadline);
	irq_enable();

	while (ticks < BUSY_MS) {
		wfi();
		msg = comm_poll_message(approve);
		if (msg == JH_MSG_NONE)
			continue;
		messages++;
		printf("busy: message %u answered %u\n", msg,
		       c ? c->reply_from_cell : 0);
		if (msg == JH_MSG_SHUTDOWN_REQUEST && approve) {
			printf("busy: shutting down on request after %u ms\n",
			       ticks);
			break;
		}
	}
	irq_disable();
	timer_stop();
	gic_disable_irq(TIMER_VIRT_INTID);
	if (ticks >= BUSY_MS)
		printf("busy: done after %u ms, %u messages\n", ticks,
		       messages);
	return 0;
}
