// SPDX-License-Identifier: GPL-2.0-only
/*
 * selftest: checks the runtime's own pieces from inside: formatting,
 * memory functions, counter and delays, PSCI answers, the spinlock under
 * contention from every CPU, fault probing, hypercalls and the comm
 * region as the environment predicts them.
 *
 * Output: one line per check, "selftest: <check>: ok" or
 * "selftest: <check>: FAILED (...)", then "selftest: N checks, N failed".
 */
#include "rt.h"
#include "spinlock.h"

/* Standalone: an address with nothing behind it (bare QEMU, -m 256M). */
#ifndef SELFTEST_UNMAPPED
#define SELFTEST_UNMAPPED	0x50000000UL
#endif
#define LOCK_ROUNDS		200

static unsigned int checks, failures;

static void __printf(2, 3) result(bool ok, const char *fmt, ...)
{
	char what[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	checks++;
	if (!ok)
		failures++;
	printf("selftest: %s: %s\n", what, ok ? "ok" : "FAILED");
}

static void check_format(void)
{
	char buf[64];
	int n;

	n = snprintf(buf, sizeof(buf), "%d|%5u|%-4x|%08lx|%c|%s|%p", -12, 34u,
		     0xabu, 0x1234ul, 'z', "str", (void *)0x10);
	result(n == 34 && !strncmp(buf,
		"-12|   34|ab  |00001234|z|str|0x10", sizeof(buf)),
	       "snprintf \"%s\" (%d)", buf, n);
}

static void check_memory(void)
{
	char a[16], b[16];
	bool up, down;

	memcpy(a, "0123456789abcde", sizeof(a));
	memset(b, 'x', sizeof(b));
	/* Overlapping move up, then down again. */
	memmove(a + 1, a, 8);
	up = !memcmp(a, "001234567", 9);
	memmove(a, a + 1, 8);
	down = !memcmp(a, "012345677", 9);
	result(up && down && b[0] == 'x' && b[15] == 'x' &&
	       strlen("four") == 4 && strnlen("four", 2) == 2 &&
	       strncmp("abc", "abd", 3) < 0 && strncmp("ab", "ab", 5) == 0,
	       "memory and string functions");
}

static void check_timer(void)
{
	u64 freq = timer_frequency(), t0, t1;

	t0 = timer_now();
	timer_delay_us(1000);
	t1 = timer_now();
	result(freq && t1 - t0 >= freq / 1000,
	       "counter %llu Hz, 1 ms delay took %llu ticks",
	       (unsigned long long)freq, (unsigned long long)(t1 - t0));
}

static void check_psci(void)
{
	u32 v = psci_version();
	s64 self = psci_cpu_on(cpu_mpidr(), 0, 0);
	/* Aff0 0xff: no such CPU on QEMU, never a CPU of a cell. */
	s64 none = psci_cpu_on((cpu_mpidr() & ~0xfful) | 0xff, 0, 0);

	result(v >= 0x2, "PSCI version %u.%u", v >> 16, v & 0xffff);
	result(self == PSCI_ALREADY_ON || self == PSCI_DENIED,
	       "CPU_ON of itself: %s", psci_error_name(self));
	result(none == PSCI_INVALID_PARAMETERS || none == PSCI_DENIED,
	       "CPU_ON of a missing CPU: %s", psci_error_name(none));
}

static struct spinlock lock = SPINLOCK_INIT;
static volatile u64 counter;

static void hammer(unsigned int cpu)
{
	u64 v;

	(void)cpu;
	for (int i = 0; i < LOCK_ROUNDS; i++) {
		spin_lock(&lock);
		/* A read-modify-write that loses updates without the lock. */
		v = counter;
		cpu_relax();
		counter = v + 1;
		spin_unlock(&lock);
	}
}

static void check_lock(void)
{
	unsigned int cpus = cpus_start(hammer);

	hammer(0);
	cpus_wait_off();
	result(counter == (u64)cpus * LOCK_ROUNDS,
	       "spinlock on %u CPUs: %llu of %llu increments", cpus,
	       (unsigned long long)counter,
	       (unsigned long long)cpus * LOCK_ROUNDS);
}

/* A message the hypervisor left is answered by the protocol's rules. */
static void check_message(volatile struct jh_comm_region *c)
{
	u32 msg = comm_poll_message(false);
	u32 want = msg == JH_MSG_SHUTDOWN_REQUEST ? JH_MSG_REQUEST_DENIED :
		   msg == JH_MSG_RECONFIG_COMPLETED ? JH_MSG_RECEIVED :
		   JH_MSG_UNKNOWN;

	if (msg == JH_MSG_NONE) {
		result(true, "no message pending");
		return;
	}
	result(c->msg_to_cell == JH_MSG_NONE && c->reply_from_cell == want,
	       "answered message %u with %u", msg, c->reply_from_cell);
}

static void check_environment(void)
{
	s64 r = jh_hc_hypervisor_get_info(JH_INFO_NUM_CELLS);
	u64 esr = 0;
	u32 v;

	if (rt_env.standalone) {
		result(r == -JH_RT_ENOSYS, "hypercall standalone: %lld",
		       (long long)r);
		result(comm_region() == NULL, "no comm region standalone");
		result(!probe_read32(SELFTEST_UNMAPPED, &v, &esr) &&
		       ((esr >> 26) & 0x3f) == 0x25,
		       "probe of unmapped 0x%lx faults (ESR 0x%llx)",
		       SELFTEST_UNMAPPED, (unsigned long long)esr);
		result(probe_read32(JH_RT_DEFAULT_UART + 0x18, &v, &esr),
		       "probe of the UART flag register reads 0x%x", v);
	} else {
		volatile struct jh_comm_region *c = comm_region();

		result(r >= 1, "hypervisor reports %lld cells", (long long)r);
		result(c != NULL, "comm region found");
		if (!c)
			return;
		result(c->gic_version == gic_version(),
		       "GIC version of the comm region (%u) in use",
		       c->gic_version);
		result(c->cell_state == JH_CELL_RUNNING,
		       "cell state running (%u)", c->cell_state);
		check_message(c);
	}
}

static void check_mmu(void)
{
	u64 sctlr = read_sysreg(sctlr_el1);

	/* M, C, I: translation, data and instruction caches. */
	result(mmu_enabled() && (sctlr & 0x1005) == 0x1005,
	       "MMU and caches on (SCTLR_EL1 0x%llx)",
	       (unsigned long long)sctlr);
}

int inmate_main(void)
{
	check_mmu();
	check_format();
	check_memory();
	check_timer();
	check_psci();
	check_lock();
	check_environment();
	printf("selftest: %u checks, %u failed\n", checks, failures);
	return failures ? 1 : 0;
}
