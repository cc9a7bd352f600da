// SPDX-License-Identifier: GPL-2.0-only
/*
 * "Fake Linux": plays a kernel at EL1 (MMU on, its own vectors, timer
 * interrupt, IPIs between two CPUs, a Linux-like GIC setup) and its jh
 * driver, and late-launches the hypervisor exactly as
 * schema/jh-late-launch.h says. Each check prints "late: ok ..." or
 * "late: FAIL ..."; the run ends with "late: PASS" or "late: FAILED n".
 *
 * Inputs (QEMU loader devices, see run.py): a parameter block at
 * PARAMS with the physical addresses of hv.bin, system images (good
 * and broken), cell images and the cell binary.
 */
#include <stdint.h>
#include <jh-cell-interface.h>
#include <jh-late-launch.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;

#define PARAMS		0x47f00000ul
#define HV_BASE		0x7fc00000ul
#define HV_SIZE		0x400000ul
#define UART		0x09000000ul
#define GICD		0x08000000ul
#define GICR(cpu)	(0x080a0000ul + 0x20000ul * (cpu))
#define GICC		0x08010000ul
#define CELL_RAM	0x70000000ul

#define STUB_PING	4
#define STUB_READ	0x100
#define STUB_MAGIC	0x57ab
#define HVC_STUB_ERR	0xbadca11
#define NUM_STUB_REGS	17

#define PSCI_CPU_OFF		0x84000002ul
#define PSCI_CPU_ON		0xc4000003ul
#define PSCI_AFFINITY_INFO	0xc4000004ul
#define PSCI_SYSTEM_OFF		0x84000008ul

#define EINVAL	22
#define EBUSY	16
#define EPERM	1

#define TIMER_PPI	30
#define SPI_OWNED	40	/* in the root cell's irqchip */
#define SPI_FOREIGN	100	/* not in it */
#define IPI		1

struct params {
	u64 magic;
	u64 gic;
	u64 hv_bin, hv_bin_size;
	u64 sys_good, sys_good_size;
	u64 sys_bad, sys_bad_size;
	u64 sys_nocpu, sys_nocpu_size;
	u64 cell2, cell2_size;
	u64 cell1, cell1_size;
	u64 inmate, inmate_size;
};

#define P	((const volatile struct params *)PARAMS)

extern char stub_vectors[], el1_vectors[], secondary_el2[], secondary_el1[];
long canary_hvc0(u64 fn, u64 a1, u64 a2, u64 a3, u64 a4, u64 *bad);
long canary_hvc_jh(u64 fn, u64 a1, u64 a2, u64 a3, u64 a4, u64 *bad);
void fp_fill(u64 seed);
u64 fp_check(u64 seed);

/* shared between the CPUs (the image is loaded zeroed by QEMU) */
enum { CMD_NONE, CMD_ENABLE, CMD_DISABLE, CMD_IPI0, CMD_OFF };
static volatile u32 cmd[2], done[2], ready[2], restarted_ok;
static volatile long result[2];
static volatile u32 timer_hits[2], sgi_hits[2];
/* timer interrupts still to re-arm already expired (timer_rearm_test) */
static volatile u32 timer_rearm;
static volatile u32 print_lock;
static volatile u64 stub_regs[2][NUM_STUB_REGS];
static unsigned int failures, checks;
static u64 l1_table[512] __attribute__((aligned(4096)));

#define sysreg_rd(r)	({ u64 __v; asm volatile("mrs %0, " #r : "=r"(__v)); \
			   __v; })
#define sysreg_wr(r, v)	asm volatile("msr " #r ", %0" : : "r"((u64)(v)))
#define isb()		asm volatile("isb" : : : "memory")

static unsigned int cpu_id(void)
{
	return sysreg_rd(mpidr_el1) & 0xff;
}

static void relax(void)
{
	asm volatile("yield" : : : "memory");
}

/* MMIO as Linux does it: one plain load or store (a trapped access
 * needs a valid syndrome, which writeback addressing does not give) */
static u32 r32(u64 a)
{
	u32 v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static void w32(u64 a, u32 v)
{
	asm volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static u8 r8(u64 a)
{
	u8 v;

	asm volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static void w8(u64 a, u8 v)
{
	asm volatile("strb %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static void w64(u64 a, u64 v)
{
	asm volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory");
}

/* ---- output ---- */
static void putc_raw(char c)
{
	while (r32(UART + 0x18) & 0x20)
		relax();
	w32(UART, (u8)c);
}

static void puts_raw(const char *s)
{
	while (*s) {
		if (*s == '\n')
			putc_raw('\r');
		putc_raw(*s++);
	}
}

static void lock(void)
{
	while (__atomic_exchange_n(&print_lock, 1, __ATOMIC_ACQUIRE))
		relax();
}

static void unlock(void)
{
	__atomic_store_n(&print_lock, 0, __ATOMIC_RELEASE);
}

static void fmt_hex(char *buf, u64 v)
{
	int shift, n = 0;

	buf[n++] = '0';
	buf[n++] = 'x';
	for (shift = 60; shift > 0 && !(v >> shift); shift -= 4)
		;
	for (; shift >= 0; shift -= 4)
		buf[n++] = "0123456789abcdef"[(v >> shift) & 0xf];
	buf[n] = 0;
}

/* one line: "late: <tag> <what> <value>" */
static void say(const char *tag, const char *what, u64 v, int hex)
{
	char buf[24];
	long s = (long)v;
	int n = 0;

	lock();
	puts_raw("late: ");
	puts_raw(tag);
	puts_raw(" cpu");
	putc_raw('0' + cpu_id());
	puts_raw(": ");
	puts_raw(what);
	if (hex == 1) {
		fmt_hex(buf, v);
		puts_raw(" ");
		puts_raw(buf);
	} else if (hex == 0) {
		char tmp[24];
		u64 u = s < 0 ? -(u64)s : (u64)s;

		do {
			tmp[n++] = '0' + u % 10;
			u /= 10;
		} while (u);
		puts_raw(" ");
		if (s < 0)
			putc_raw('-');
		while (n)
			putc_raw(tmp[--n]);
	}
	puts_raw("\n");
	unlock();
}

static void check(int ok, const char *what, u64 v)
{
	__atomic_add_fetch(&checks, 1, __ATOMIC_RELAXED);
	if (!ok)
		__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
	say(ok ? "ok" : "FAIL", what, v, 0);
}

static void check_hex(int ok, const char *what, u64 v)
{
	__atomic_add_fetch(&checks, 1, __ATOMIC_RELAXED);
	if (!ok)
		__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
	say(ok ? "ok" : "FAIL", what, v, 1);
}

void fake_exception(u64 esr, u64 elr, u64 far)
{
	say("FAIL", "unexpected EL1 exception, ESR", esr, 1);
	say("FAIL", "  at ELR", elr, 1);
	say("FAIL", "  FAR", far, 1);
	for (;;)
		asm volatile("wfe");
}

static long smc(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	asm volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : :
		     "memory");
	return (long)x0;
}

static long hvc0(u64 fn, u64 a1)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = a1;

	asm volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "memory");
	return (long)x0;
}

static long hvc_jh(u64 code, u64 a1)
{
	register u64 x0 asm("x0") = code;
	register u64 x1 asm("x1") = a1;

	asm volatile("hvc #0x4a48" : "+r"(x0), "+r"(x1) : : "memory");
	return (long)x0;
}

static u64 now_ms(void)
{
	u64 t = sysreg_rd(cntpct_el0), hz = sysreg_rd(cntfrq_el0);

	return t / hz * 1000 + t % hz * 1000 / hz;
}

/* ---- EL1 state: MMU on, vectors, distinctive registers ---- */
static void el1_setup(unsigned int cpu)
{
	if (cpu == 0) {
		/* identity: 0-1 GiB devices, 1-2 GiB normal memory */
		l1_table[0] = 0x0 | (1 << 2) | (1 << 10) | 1;
		l1_table[1] = 0x40000000 | (0 << 2) | (3 << 8) | (1 << 10) | 1;
	}
	sysreg_wr(mair_el1, 0x04ff);
	sysreg_wr(tcr_el1, 32 | (1 << 8) | (1 << 10) | (3 << 12) |
		  (1ul << 23) | (2ul << 32));
	sysreg_wr(ttbr0_el1, (u64)l1_table);
	sysreg_wr(ttbr1_el1, 0x41230000ul);
	sysreg_wr(vbar_el1, (u64)el1_vectors);
	sysreg_wr(cpacr_el1, 3ul << 20);	/* FP at EL1/EL0 */
	sysreg_wr(tpidr_el1, 0x7100 + cpu);
	sysreg_wr(tpidr_el0, 0x7000 + cpu);
	sysreg_wr(tpidrro_el0, 0x7200 + cpu);
	sysreg_wr(contextidr_el1, 0x55 + cpu);
	sysreg_wr(sp_el0, 0x12345670ul + cpu);
	sysreg_wr(cntkctl_el1, 3);
	sysreg_wr(elr_el1, 0xe1e1e1e0ul);
	sysreg_wr(spsr_el1, 0x3c5);
	sysreg_wr(far_el1, 0xfa0000ul + cpu);
	sysreg_wr(par_el1, 0x800ul);
	sysreg_wr(csselr_el1, 2);
	isb();
	asm volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");
	sysreg_wr(sctlr_el1, 0x30d00800ul | (1 << 12) | (1 << 2) | 1);
	isb();
}

#define NUM_EL1_REGS 19
static void el1_snapshot(u64 *r)
{
	r[0] = sysreg_rd(sctlr_el1);
	r[1] = sysreg_rd(ttbr0_el1);
	r[2] = sysreg_rd(ttbr1_el1);
	r[3] = sysreg_rd(tcr_el1);
	r[4] = sysreg_rd(mair_el1);
	r[5] = sysreg_rd(vbar_el1);
	r[6] = sysreg_rd(tpidr_el1);
	r[7] = sysreg_rd(tpidr_el0);
	r[8] = sysreg_rd(tpidrro_el0);
	r[9] = sysreg_rd(contextidr_el1);
	r[10] = sysreg_rd(cpacr_el1);
	r[11] = sysreg_rd(cntkctl_el1);
	r[12] = sysreg_rd(sp_el0);
	r[13] = sysreg_rd(elr_el1);
	r[14] = sysreg_rd(spsr_el1);
	r[15] = sysreg_rd(far_el1);
	r[16] = sysreg_rd(par_el1);
	r[17] = sysreg_rd(csselr_el1);
	r[18] = sysreg_rd(fpcr);
}

/* ---- GIC as Linux sets it up ---- */
static void gic_dist_init(void)
{
	unsigned int irq;

	if (P->gic == 3) {
		w32(GICD, 0);
		while (r32(GICD) & (1u << 31))
			relax();
		for (irq = 32; irq < 128; irq += 32)
			w32(GICD + 0x80 + irq / 8, ~0u);
		for (irq = 32; irq < 128; irq++)
			w64(GICD + 0x6000 + irq * 8, 0);
		w32(GICD, (1 << 4) | 3);
		while (r32(GICD) & (1u << 31))
			relax();
	} else {
		w32(GICD, 0);
		for (irq = 32; irq < 128; irq++)
			w8(GICD + 0x800 + irq, 1);
		w32(GICD, 1);
	}
	for (irq = 32; irq < 128; irq++)
		w8(GICD + 0x400 + irq, 0xa0);
	w8(GICD + 0x400 + SPI_OWNED, 0x80);
	w32(GICD + 0x100 + (SPI_OWNED / 32) * 4, 1u << (SPI_OWNED % 32));
	w32(GICD + 0x100 + (SPI_FOREIGN / 32) * 4, 1u << (SPI_FOREIGN % 32));
}

static void gic_cpu_init(unsigned int cpu)
{
	unsigned int n;

	if (P->gic == 3) {
		u64 rd = GICR(cpu), sgi = rd + 0x10000;

		w32(rd + 0x14, r32(rd + 0x14) & ~2u);
		while (r32(rd + 0x14) & 4)
			relax();
		w32(sgi + 0x80, ~0u);
		for (n = 0; n < 32; n++)
			w8(sgi + 0x400 + n, 0xa0);
		w32(sgi + 0x100, 0xffff | (1u << TIMER_PPI));
		sysreg_wr(S3_0_C12_C12_5, 7);		/* ICC_SRE_EL1 */
		isb();
		sysreg_wr(S3_0_C4_C6_0, 0xf0);		/* ICC_PMR_EL1 */
		sysreg_wr(S3_0_C12_C12_3, 0);		/* ICC_BPR1_EL1 */
		sysreg_wr(S3_0_C12_C12_4, 2);		/* ICC_CTLR: EOImode */
		sysreg_wr(S3_0_C12_C12_7, 1);		/* ICC_IGRPEN1_EL1 */
		isb();
	} else {
		for (n = 0; n < 32; n++)
			w8(GICD + 0x400 + n, 0xa0);
		w32(GICD + 0x100, 0xffff | (1u << TIMER_PPI));
		w32(GICC + 0x4, 0xf0);
		w32(GICC + 0x0, 1 | (1 << 9));
	}
}

static void send_ipi(unsigned int target)
{
	asm volatile("dsb ish" : : : "memory");
	if (P->gic == 3) {
		sysreg_wr(S3_0_C12_C11_5, ((u64)IPI << 24) | (1u << target));
		isb();
	} else {
		w32(GICD + 0xf00, (1u << (16 + target)) | IPI);
	}
}

void fake_irq(void)
{
	unsigned int cpu = cpu_id();
	u32 iar = P->gic == 3 ? (u32)sysreg_rd(S3_0_C12_C12_0) :
				r32(GICC + 0xc);
	u32 id = iar & 0x3ff;

	if (id >= 1020)
		return;
	if (id == TIMER_PPI && timer_rearm) {
		/* the next deadline has passed already: the line stays
		 * high while the interrupt is active */
		timer_rearm--;
		sysreg_wr(cntp_cval_el0, sysreg_rd(cntpct_el0));
		isb();
		timer_hits[cpu]++;
	} else if (id == TIMER_PPI) {
		sysreg_wr(cntp_ctl_el0, 0);
		timer_hits[cpu]++;
	} else if (id == IPI) {
		sgi_hits[cpu]++;
	} else {
		say("note", "other interrupt", id, 0);
	}
	if (P->gic == 3) {
		sysreg_wr(S3_0_C12_C12_1, iar);		/* EOIR: drop */
		isb();
		sysreg_wr(S3_0_C12_C11_1, iar);		/* DIR */
	} else {
		w32(GICC + 0x10, iar);
		w32(GICC + 0x1000, iar);
	}
}

/* One timer interrupt through whatever interface this CPU has now. */
static void timer_test(const char *when)
{
	unsigned int cpu = cpu_id(), before = timer_hits[cpu], n;

	sysreg_wr(cntp_tval_el0, 2000);
	sysreg_wr(cntp_ctl_el0, 1);
	isb();
	asm volatile("msr daifclr, #2");
	for (n = 0; n < 100000 && timer_hits[cpu] == before; n++)
		asm volatile("wfi");
	asm volatile("msr daifset, #2");
	check(timer_hits[cpu] == before + 1, when, timer_hits[cpu] - before);
}

/*
 * Linux's timer when the host is slow: the handler sets a deadline that
 * has already passed, so the level line never drops, and the interrupt
 * must come again right after the handler deactivates it. Polled, not
 * in wfi, so that a lost interrupt fails the check instead of hanging;
 * nothing else may touch the GIC meanwhile (the other CPU is off): on
 * QEMU's GICv2 only the hypervisor's physical deactivation makes the
 * pending line reach the CPU again (gic-v2.c, eoi_via_maintenance).
 */
static void timer_rearm_test(const char *when)
{
	unsigned int cpu = cpu_id(), before = timer_hits[cpu], n;

	timer_rearm = 3;
	sysreg_wr(cntp_tval_el0, 2000);
	sysreg_wr(cntp_ctl_el0, 1);
	isb();
	asm volatile("msr daifclr, #2");
	for (n = 0; n < 2000000 && timer_hits[cpu] != before + 4; n++)
		relax();
	asm volatile("msr daifset, #2");
	sysreg_wr(cntp_ctl_el0, 0);
	timer_rearm = 0;
	check(timer_hits[cpu] == before + 4, when, timer_hits[cpu] - before);
}

/* CPU 0 sends an IPI to CPU 1 (which runs with interrupts on). */
static void ipi_to1(const char *when)
{
	unsigned int before = sgi_hits[1], n;

	send_ipi(1);
	for (n = 0; n < 2000000 && sgi_hits[1] == before; n++)
		relax();
	check(sgi_hits[1] == before + 1, when, sgi_hits[1] - before);
}

/* CPU 1 sends an IPI to CPU 0 (which waits with interrupts on). */
static void run_on1(u32 c)
{
	u32 d = done[1];

	cmd[1] = c;
	while (done[1] == d)
		relax();
}

static void ipi_to0(const char *when)
{
	unsigned int before = sgi_hits[0], n;

	asm volatile("msr daifclr, #2");
	run_on1(CMD_IPI0);
	for (n = 0; n < 2000000 && sgi_hits[0] == before; n++)
		relax();
	asm volatile("msr daifset, #2");
	check(sgi_hits[0] == before + 1, when, sgi_hits[0] - before);
}

/* ---- the driver part ---- */
/* from hv.bin's header: after enable, hypervisor memory is off limits
 * (but for the console ring) */
static u64 vectors_off, console_off;

static volatile struct jh_hv_console *ring(void)
{
	return (volatile void *)(HV_BASE + console_off);
}

static int same_bytes(const volatile char *a, const char *b, unsigned int n)
{
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

/* Does the console ring hold @needle? (copy under the seq protocol) */
static char ring_copy[JH_HV_CONSOLE_SIZE + 1];

static int ring_contains(const char *needle)
{
	volatile struct jh_hv_console *r = ring();
	u64 head, n, len, start;
	u32 seq;
	unsigned int tries;

	for (tries = 0; tries < 100; tries++) {
		seq = r->seq;
		asm volatile("dmb ish" : : : "memory");
		head = r->head;
		len = head < JH_HV_CONSOLE_SIZE ? head : JH_HV_CONSOLE_SIZE;
		start = head - len;
		for (n = 0; n < len; n++)
			ring_copy[n] = r->buf[(start + n) % JH_HV_CONSOLE_SIZE];
		ring_copy[len] = 0;
		asm volatile("dmb ish" : : : "memory");
		if (!(seq & 1) && r->seq == seq)
			break;
	}
	for (n = 0; ring_copy[n]; n++) {
		const char *a = &ring_copy[n], *b = needle;

		while (*b && *a == *b) {
			a++;
			b++;
		}
		if (!*b)
			return 1;
	}
	return 0;
}

static void copy(u64 dst, u64 src, u64 size)
{
	u64 n;

	for (n = 0; n + 8 <= size; n += 8)
		*(volatile u64 *)(dst + n) = *(volatile u64 *)(src + n);
	for (; n < size; n++)
		*(volatile u8 *)(dst + n) = *(volatile u8 *)(src + n);
}

/* Load hv.bin as a driver would: over memory full of garbage. */
static void load_hypervisor(void)
{
	const struct jh_hv_header *src = (const void *)P->hv_bin;
	u64 n;

	for (n = 0; n < HV_SIZE; n += 8)
		w64(HV_BASE + n, 0x5a5a5a5a5a5a5a5aul);
	check(same_bytes(src->magic, JH_HV_MAGIC, 8) &&
	      src->version == JH_HV_HEADER_VERSION &&
	      src->header_size == sizeof(*src) &&
	      src->link_address == HV_BASE && src->image_size ==
	      P->hv_bin_size, "hv.bin header as the contract says", 1);
	vectors_off = src->late_vectors_offset;
	console_off = src->console_offset;
	check(vectors_off % 0x800 == 0 && vectors_off < src->image_size &&
	      console_off + sizeof(struct jh_hv_console) <= src->image_size,
	      "  vectors 2 KiB aligned, console ring inside the image", 1);
	copy(HV_BASE, P->hv_bin, src->image_size);
}

static void put_sysimg(u64 addr, u64 size)
{
	copy(HV_BASE + JH_LATE_SYSIMG_OFFSET, addr, size);
}

static void read_stub_regs(unsigned int cpu, volatile u64 *r)
{
	unsigned int n;

	(void)cpu;
	for (n = 0; n < NUM_STUB_REGS; n++)
		r[n] = hvc0(STUB_READ + n, 0);
}

/* The stub is back: it answers, with the EL2 registers it had. */
static void check_stub_back(const char *when)
{
	unsigned int cpu = cpu_id(), n, same = 1;
	u64 now[NUM_STUB_REGS];

	check(hvc0(STUB_PING, 0) == STUB_MAGIC, when, cpu);
	read_stub_regs(cpu, now);
	for (n = 0; n < NUM_STUB_REGS; n++)
		if (now[n] != stub_regs[cpu][n]) {
			say("FAIL", "stub EL2 register changed, index", n, 0);
			say("FAIL", "  was", stub_regs[cpu][n], 1);
			say("FAIL", "  now", now[n], 1);
			same = 0;
		}
	check(same, "  every saved EL2 register of the stub is back", cpu);
}

/*
 * The enabling sequence of the contract on this CPU, with canaries in
 * the general registers, FP registers and EL1 registers watched.
 */
static long enable_here(u64 sys, u64 size, u64 ncpus)
{
	u64 before[NUM_EL1_REGS], after[NUM_EL1_REGS], bad = 0, fp;
	unsigned int cpu = cpu_id(), n, same = 1;
	long r;

	read_stub_regs(cpu, stub_regs[cpu]);
	el1_snapshot(before);
	fp_fill(0xf00d0000ul + cpu);
	r = canary_hvc0(0, HV_BASE + vectors_off, 0, 0, 0,
			&bad);
	check(r == 0 && !bad, "HVC_SET_VECTORS to the hypervisor", r);
	r = canary_hvc0(JH_LATE_ENABLE, sys, size, (u64)stub_vectors, ncpus,
			&bad);
	fp = fp_check(0xf00d0000ul + cpu);
	el1_snapshot(after);
	for (n = 0; n < NUM_EL1_REGS; n++)
		if (before[n] != after[n]) {
			say("FAIL", "EL1 register changed, index", n, 0);
			same = 0;
		}
	check_hex(!bad, "  general registers x1-x30 and SP kept (changed)",
		  bad);
	check_hex(!fp, "  FP registers kept (changed)", fp);
	check(same, "  EL1 system registers kept", same);
	return r;
}

static long disable_here(void)
{
	u64 before[NUM_EL1_REGS], after[NUM_EL1_REGS], bad = 0, fp;
	unsigned int cpu = cpu_id(), n, same = 1;
	long r;

	el1_snapshot(before);
	fp_fill(0xd15a0000ul + cpu);
	r = canary_hvc_jh(JH_HC_DISABLE, 0x11, 0x22, 0x33, 0x44, &bad);
	fp = fp_check(0xd15a0000ul + cpu);
	el1_snapshot(after);
	for (n = 0; n < NUM_EL1_REGS; n++)
		if (before[n] != after[n]) {
			say("FAIL", "EL1 register changed, index", n, 0);
			same = 0;
		}
	check_hex(!bad, "  general registers x1-x30 and SP kept (changed)",
		  bad);
	check_hex(!fp, "  FP registers kept (changed)", fp);
	check(same, "  EL1 system registers kept", same);
	return r;
}

/* ---- the second CPU ---- */
static void secondary_loop(unsigned int cpu)
{
	ready[cpu] = 1;
	asm volatile("msr daifclr, #2");
	for (;;) {
		u32 c = cmd[cpu];

		if (c == CMD_NONE) {
			relax();
			continue;
		}
		asm volatile("msr daifset, #2");
		if (c == CMD_ENABLE) {
			result[cpu] = enable_here(HV_BASE +
						  JH_LATE_SYSIMG_OFFSET,
						  P->sys_good_size, 2);
		} else if (c == CMD_DISABLE) {
			result[cpu] = disable_here();
			if (result[cpu] == 0)
				check_stub_back("stub answers again on this "
						"CPU");
		} else if (c == CMD_IPI0) {
			send_ipi(0);
		} else if (c == CMD_OFF) {
			ready[cpu] = 0;
			cmd[cpu] = CMD_NONE;
			done[cpu]++;
			smc(PSCI_CPU_OFF, 0, 0, 0);
			say("FAIL", "CPU_OFF returned", 0, 0);
		}
		cmd[cpu] = CMD_NONE;
		done[cpu]++;
		asm volatile("msr daifclr, #2");
	}
}

void fake_el1_restarted(unsigned int cpu, u64 ctx, u64 el, u64 sctlr)
{
	restarted_ok = ctx == 0xc0ffee00ul + cpu && el == 4 && !(sctlr & 1);
	el1_setup(cpu);
	gic_cpu_init(cpu);
	secondary_loop(cpu);
}

static long state_of(long id)
{
	return hvc_jh(JH_HC_CELL_GET_STATE, id);
}

static int wait_state(long id, long state)
{
	u64 end = now_ms() + 2000;

	while (now_ms() < end) {
		if (state_of(id) == state)
			return 1;
		relax();
	}
	return 0;
}

/* Create, load, start a cell; it says hello and shuts down; destroy. */
static void cell_cycle(u64 image, const char *name, int try_disable)
{
	long id = hvc_jh(JH_HC_CELL_CREATE, image);

	check(id > 0, name, id);
	check(hvc_jh(JH_HC_CELL_SET_LOADABLE, id) == 0, "  set loadable", 0);
	copy(CELL_RAM, P->inmate, P->inmate_size);
	check(hvc_jh(JH_HC_CELL_START, id) == 0, "  start", 0);
	check(wait_state(id, JH_CELL_SHUT_DOWN), "  ran and shut down", id);
	if (try_disable) {
		u64 bad = 0;

		check(canary_hvc_jh(JH_HC_DISABLE, 0, 0, 0, 0, &bad) == -EBUSY,
		      "  disable while a cell exists: -EBUSY", 0);
	}
	check(hvc_jh(JH_HC_CELL_DESTROY, id) == 0, "  destroy", 0);
}

static void main0(void)
{
	u64 good = P->sys_good, good_size = P->sys_good_size;
	long r;
	unsigned int n;

	el1_setup(0);
	say("ok", "fake Linux at EL1, MMU on", P->gic, 0);
	gic_dist_init();
	gic_cpu_init(0);
	timer_test("timer interrupt before enable");
	r = smc(PSCI_CPU_ON, 1, (u64)secondary_el2, 1);
	for (n = 0; n < 10000000 && !ready[1]; n++)
		relax();
	check(r == 0 && ready[1], "CPU 1 started by Linux (at EL2)", r);
	ipi_to1("IPI 0->1 before enable");
	ipi_to0("IPI 1->0 before enable");
	load_hypervisor();

	/* refusals: nothing changes, the stub stays */
	put_sysimg(P->sys_bad, P->sys_bad_size);
	r = enable_here(HV_BASE + JH_LATE_SYSIMG_OFFSET, P->sys_bad_size, 2);
	check(r == -EINVAL, "enable with a broken system image: -EINVAL", r);
	check_stub_back("  stub answers, hypervisor not entered");
	check(ring_contains("system image: bad signature"),
	      "  console ring says why", 0);
	put_sysimg(P->sys_nocpu, P->sys_nocpu_size);
	r = enable_here(HV_BASE + JH_LATE_SYSIMG_OFFSET, P->sys_nocpu_size, 2);
	check(r == -EINVAL, "enable, root cell lacks running CPU 1: -EINVAL",
	      r);
	check_stub_back("  stub answers");
	check(ring_contains("CPU 1 runs Linux but is not a CPU of the root"),
	      "  console ring names the CPU", 0);
	put_sysimg(good, good_size);
	r = enable_here(HV_BASE + JH_LATE_SYSIMG_OFFSET, good_size, 1);
	check(r == -EINVAL, "enable announcing 1 CPU while 2 run: -EINVAL", r);
	check_stub_back("  stub answers");
	r = enable_here(HV_BASE + JH_LATE_SYSIMG_OFFSET,
			JH_LATE_SYSIMG_MAX + 1, 2);
	check(r == -EINVAL, "enable with an oversized system image: -EINVAL",
	      r);
	check_stub_back("  stub answers");

	/* enable on CPU 0 */
	r = enable_here(HV_BASE + JH_LATE_SYSIMG_OFFSET, good_size, 2);
	check(r == 0, "enable on CPU 0", r);
	if (r)
		goto out;
	check(hvc_jh(JH_HC_HYPERVISOR_GET_INFO, JH_INFO_MEM_POOL_SIZE) > 0,
	      "hypervisor answers get-info", 0);
	check(hvc_jh(JH_HC_HYPERVISOR_GET_INFO, JH_INFO_NUM_CELLS) == 1,
	      "  one cell (the root)", 0);
	check(hvc0(STUB_PING, 0) != STUB_MAGIC, "stub gone on CPU 0", 0);
	check(!((r32(GICD + 0x100 + (SPI_FOREIGN / 32) * 4) >>
		 (SPI_FOREIGN % 32)) & 1),
	      "GICD trapped: a foreign SPI reads disabled", 0);
	check(((r32(GICD + 0x100 + (SPI_OWNED / 32) * 4) >> (SPI_OWNED % 32))
	       & 1) == 1, "  own SPI still enabled as Linux left it", 0);
	check(r8(GICD + 0x400 + SPI_OWNED) == 0x80,
	      "  and with Linux's priority", r8(GICD + 0x400 + SPI_OWNED));
	check(hvc_jh(JH_HC_CELL_CREATE, P->cell2) == -EBUSY,
	      "cell create before every CPU entered: -EBUSY", 0);
	ipi_to1("IPI 0->1 while only CPU 0 entered (sent physically)");
	ipi_to0("IPI 1->0 while only CPU 0 entered (injected)");
	timer_test("timer interrupt under the hypervisor");

	run_on1(CMD_ENABLE);
	check(result[1] == 0, "enable on CPU 1", result[1]);
	check(ring_contains("late launch complete"),
	      "console ring (read from the root cell): launch complete", 0);
	ipi_to1("IPI 0->1 under the hypervisor");
	ipi_to0("IPI 1->0 under the hypervisor");

	r = hvc0(0, HV_BASE + vectors_off);
	check(r == -EBUSY, "HVC_SET_VECTORS again: -EBUSY", r);
	r = hvc0(JH_LATE_ENABLE, 0);
	check(r == -EBUSY, "enable again: -EBUSY", r);

	/* cells on an off root CPU, and on one Linux switched off */
	check(smc(PSCI_AFFINITY_INFO, 2, 0, 0) == 1, "root CPU 2 is off", 0);
	cell_cycle(P->cell2, "cell c2 on CPU 2 created", 1);
	check(ring_contains("late-cell: hello from CPU 2"),
	      "  its output is in the console ring", 0);
	timer_test("timer interrupt after a cell ran");
	r = hvc_jh(JH_HC_CELL_CREATE, P->cell1);
	check(r == -EBUSY, "cell on CPU 1 while Linux runs there: -EBUSY", r);
	check(ring_contains("CPU 1 is not a free CPU of the root cell"),
	      "  console ring names the CPU", 0);
	run_on1(CMD_OFF);
	for (n = 0; n < 1000000 && smc(PSCI_AFFINITY_INFO, 1, 0, 0) != 1; n++)
		relax();
	check(smc(PSCI_AFFINITY_INFO, 1, 0, 0) == 1,
	      "Linux switched CPU 1 off (PSCI CPU_OFF)", 0);
	cell_cycle(P->cell1, "cell c1 on CPU 1 created", 0);
	check(ring_contains("late-cell: hello from CPU 1"),
	      "  its output is in the console ring", 0);
	timer_test("timer interrupt after a cell ran on CPU 1");
	timer_rearm_test("timer re-armed expired in its handler: 4 "
			 "interrupts, CPU 1 off");
	r = smc(PSCI_CPU_ON, 1, (u64)secondary_el1, 0xc0ffee01ul);
	for (n = 0; n < 10000000 && !ready[1]; n++)
		relax();
	check(r == 0 && ready[1], "Linux started CPU 1 again (PSCI CPU_ON)",
	      r);
	check(restarted_ok, "  at its entry, EL1, MMU off, x0 = context", 0);
	ipi_to1("IPI 0->1 to the restarted CPU");
	ipi_to0("IPI 1->0 from the restarted CPU");
	check(hvc_jh(JH_HC_HYPERVISOR_GET_INFO, JH_INFO_NUM_CELLS) == 1,
	      "one cell left", 0);

	/* disable, CPU 1 first */
	run_on1(CMD_DISABLE);
	check(result[1] == 0, "disable on CPU 1", result[1]);
	ipi_to1("IPI 0->1 to the CPU that left (sent physically)");
	ipi_to0("IPI 1->0 from the CPU that left (injected)");
	r = disable_here();
	check(r == 0, "disable on CPU 0", r);
	check_stub_back("stub answers again on this CPU");
	r = hvc_jh(JH_HC_HYPERVISOR_GET_INFO, JH_INFO_NUM_CELLS);
	check(r == HVC_STUB_ERR, "hypercalls reach the stub now", r);
	check(ring_contains("hypervisor disabled"),
	      "console ring: hypervisor disabled", 0);
	check(!(ring()->seq & 1), "  ring seq even at rest", ring()->seq);
	timer_test("timer interrupt after disable");
	ipi_to1("IPI 0->1 after disable");
	ipi_to0("IPI 1->0 after disable");
out:
	lock();
	puts_raw(failures ? "late: FAILED\n" : "late: PASS\n");
	unlock();
	say("note", "checks", checks, 0);
	say("note", "failures", failures, 0);
	smc(PSCI_SYSTEM_OFF, 0, 0, 0);
}

void fake_el1_main(unsigned int cpu)
{
	if (cpu == 0)
		main0();
	el1_setup(cpu);
	gic_cpu_init(cpu);
	secondary_loop(cpu);
}
