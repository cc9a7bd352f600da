// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cells the lifecycle tests create at run time, one role per build
 * (ROLE_*): they talk to the hypervisor through their comm region at
 * guest 0x80000000 and print through the debug console.
 */
#include "guest.h"

#define HEARTBEAT	((volatile u32 *)(JH_COMM_REGION_INMATE_ADDR + 0x100))
/* where the scrubbing test keeps its secret (inside the 1 MiB of RAM) */
#define SECRET_ADDR	((volatile u32 *)0x80000ul)
#define SECRET		0x5ec2e7u

static __attribute__((unused)) u64 now_ms(void)
{
	u64 t, hz;

	asm volatile("isb\n\tmrs %0, cntpct_el0" : "=r"(t));
	asm volatile("mrs %0, cntfrq_el0" : "=r"(hz));
	return t / hz * 1000 + t % hz * 1000 / hz;
}

static __attribute__((unused)) void say(const char *s)
{
	puts("cell: ");
	puts(s);
}

/* Answer messages: approve shutdown after @deny_first denials. */
static void __attribute__((noreturn, unused)) serve(unsigned int deny_first,
					    int kick)
{
	for (;;) {
		u32 msg = COMM->msg_to_cell;

		if (kick)
			(*HEARTBEAT)++;
		if (msg == JH_MSG_NONE) {
			relax();
			continue;
		}
		COMM->msg_to_cell = JH_MSG_NONE;
		asm volatile("dmb ish" : : : "memory");
		if (msg == JH_MSG_SHUTDOWN_REQUEST && deny_first) {
			deny_first--;
			say("shutdown request denied\n");
			COMM->reply_from_cell = JH_MSG_REQUEST_DENIED;
		} else if (msg == JH_MSG_SHUTDOWN_REQUEST) {
			say("shutdown request approved\n");
			COMM->reply_from_cell = JH_MSG_REQUEST_APPROVED;
		} else if (msg == JH_MSG_RECONFIG_COMPLETED) {
			say("reconfiguration completed\n");
			COMM->reply_from_cell = JH_MSG_RECEIVED;
		} else {
			COMM->reply_from_cell = JH_MSG_UNKNOWN;
		}
	}
}

void guest_main(void)
{
#if defined(ROLE_QUICK)
	system_off();
#elif defined(ROLE_SECRET)
	*SECRET_ADDR = SECRET;
	say("secret written\n");
	system_off();
#elif defined(ROLE_READER)
	say("secret reads ");
	puthex(*SECRET_ADDR);
	puts("\n");
	system_off();
#elif defined(ROLE_LOCKER)
	u64 end;

	COMM->cell_state = JH_CELL_RUNNING_LOCKED;
	say("locked\n");
	end = now_ms() + 50;
	while (now_ms() < end)
		relax();
	COMM->cell_state = JH_CELL_RUNNING;
	say("unlocked\n");
	serve(1, 0);
#elif defined(ROLE_MUTE)
	say("running, answering nothing\n");
	for (;;)
		relax();
#elif defined(ROLE_HANG)
	unsigned int n;
	u64 next = now_ms();

	say("alive, kicking the watchdog\n");
	for (n = 0; n < 10;) {
		if (now_ms() >= next) {
			(*HEARTBEAT)++;
			next += 5;
			n++;
		}
		relax();
	}
	say("hanging with interrupts masked\n");
	asm volatile("msr daifset, #0xf" : : : "memory");
	for (;;)
		relax();
#elif defined(ROLE_PROBE)
	say("hypervisor get info = ");
	putdec(hvc(JH_HC_HYPERVISOR_GET_INFO, JH_INFO_NUM_CELLS, 0));
	puts("\n");
	system_off();
#elif defined(ROLE_SERVE)
	say("serving\n");
	serve(0, 1);
#else
#error no ROLE_ given
#endif
}
