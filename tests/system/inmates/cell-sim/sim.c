// SPDX-License-Identifier: GPL-2.0-only
/*
 * cell-sim: a stand-in for the hypervisor at EL2 that offers an inmate
 * the cell interface, so the runtime's "in a cell" paths can be tested on
 * QEMU before (and independently of) the real hypervisor:
 *
 * - a comm region at 0x80000000 (signature, revision, console flags or a
 *   PL011 console descriptor, GIC version and addresses), with the
 *   message "reconfiguration completed" pending;
 * - hypercalls: debug-console putc (8), hypervisor get info (5), CPU get
 *   info (7, own CPUs only), the root-only ones refused with -EPERM;
 * - PSCI through trapped SMC (HCR_EL2.TSC): CPU_ON only for the cell's
 *   CPUs (others DENIED), SYSTEM_OFF reports the cell state the inmate
 *   left in the comm region and ends QEMU (semihosting exit: 0 if the
 *   state is "shut down").
 *
 * There is no stage 2: this checks the runtime, not isolation. The cell
 * starts on the lowest CPU of its set, so it need not be CPU 0.
 *
 * Configuration (written by QEMU: -device loader,addr=...,data=...):
 *   0x47fff000 u32 CPU mask of the cell (0: CPU 0 only)
 *   0x47fff004 u32 console: 0 debug-console hypercall (flags permitted +
 *                  active), 1 PL011 described in the comm region,
 *                  2 hypercall permitted but not active (no descriptor)
 *   0x47fff008 u32 if non-zero: comm region revision to write instead
 *   0x47fff00c u32 if non-zero: GIC version to write instead
 *   0x47fff010 u32 if non-zero: the message to leave pending (default 2,
 *                  reconfiguration completed)
 *   0x47fff014 u32 restarts: so many times, SYSTEM_OFF restarts the cell
 *                  at its entry on the calling CPU without resetting any
 *                  EL1 state (MMU and caches stay as the inmate left
 *                  them), with a fresh comm region
 * The inmate is loaded by QEMU too; it must be linked at 0x40080000.
 */
#include <stdbool.h>

#include "jh-cell-interface.h"

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define SIM_CONFIG		0x47fff000UL
#define SIM_MAX_CPUS		8
#define INMATE_ENTRY		0x40080000UL
#define UART			0x09000000UL

#define PSCI_CPU_ON		0xc4000003u
#define PSCI_SYSTEM_OFF		0x84000008u
#define PSCI_DENIED		(-3)

#define HCR_RW			(1ul << 31)
#define HCR_TSC			(1ul << 19)

#define read_sysreg(r) ({						\
	u64 __v;							\
	__asm__ volatile("mrs %0, " #r : "=r"(__v));			\
	__v;								\
})
#define write_sysreg(r, v)						\
	__asm__ volatile("msr " #r ", %0" : : "r"((u64)(v)))

struct frame {
	u64 x[31];
	u64 pad;
};

struct boot {
	volatile u64 entry;
	volatile u64 context;
};

static struct boot boot[SIM_MAX_CPUS];
static u32 cell_cpus, console_mode, comm_revision, comm_gic_version;
static u32 comm_message, restarts_left;

void sim_main(void);
void sim_secondary_main(u64 cpu);
void sim_trap(struct frame *f, u64 slot);
void sim_park(void) __attribute__((noreturn));
void sim_enter_el1(u64 entry, u64 context) __attribute__((noreturn));
extern char sim_secondary_start[];

static void uart_putc(char c)
{
	volatile u32 *fr = (volatile u32 *)(UART + 0x18);

	while (*fr & (1u << 5))
		__asm__ volatile("yield");
	*(volatile u32 *)UART = (u8)c;
}

static void puts_sim(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

static void put_hex(u64 v)
{
	int shift = 60;

	puts_sim("0x");
	while (shift > 0 && !((v >> shift) & 0xf))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

static s64 firmware_psci(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 : : "memory");
	return (s64)x0;
}

static void semihosting_exit(u64 code)
{
	volatile u64 block[2] = { 0x20026, code };
	register u64 x0 __asm__("x0") = 0x18;
	register u64 x1 __asm__("x1") = (u64)block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
}

static unsigned int gic_version(void)
{
	return ((read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf) ? 3 : 2;
}

static void write_comm_region(void)
{
	volatile struct jh_comm_region *c =
		(volatile struct jh_comm_region *)JH_COMM_REGION_INMATE_ADDR;
	const char *sig = JH_COMM_SIGNATURE;
	volatile char *p = (volatile char *)c;

	for (unsigned int i = 0; i < sizeof(*c); i++)
		p[i] = 0;
	for (unsigned int i = 0; i < sizeof(c->signature); i++)
		c->signature[i] = sig[i];
	c->revision = comm_revision ? comm_revision : JH_COMM_REVISION;
	c->cell_state = JH_CELL_RUNNING;
	/* A message for the inmate to answer (see the selftest inmate). */
	c->msg_to_cell = comm_message ? comm_message :
					JH_MSG_RECONFIG_COMPLETED;
	if (console_mode == 0)
		c->flags = JH_COMM_FLAG_PUTC_PERMITTED |
			   JH_COMM_FLAG_PUTC_ACTIVE;
	else if (console_mode == 2)
		c->flags = JH_COMM_FLAG_PUTC_PERMITTED;
	if (console_mode == 1) {
		c->console.address = UART;
		c->console.size = 0x1000;
		c->console.type = JH_CON_TYPE_PL011;
		c->console.flags = JH_CON_ACCESS_MMIO | JH_CON_REGDIST_4;
	}
	c->gic_version = comm_gic_version ? comm_gic_version : gic_version();
	c->gicd_base = 0x08000000;
	c->gicc_base = gic_version() == 2 ? 0x08010000 : 0;
	c->gicr_base = gic_version() == 3 ? 0x080a0000 : 0;
}

/* EL2 state for running a cell CPU at EL1; SMC traps to us. */
static void prepare_el1(void)
{
	write_sysreg(hcr_el2, HCR_RW | HCR_TSC);
	write_sysreg(cnthctl_el2, read_sysreg(cnthctl_el2) | 3);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, read_sysreg(mpidr_el1));
	write_sysreg(cptr_el2, 0x33ff);
	write_sysreg(hstr_el2, 0);
	if (gic_version() == 3) {
		write_sysreg(S3_4_C12_C9_5, read_sysreg(S3_4_C12_C9_5) | 0xf);
		__asm__ volatile("isb");
		write_sysreg(S3_4_C12_C11_0, 0);
	}
	write_sysreg(sctlr_el1, 0x30d00800);
	__asm__ volatile("isb");
}

void sim_main(void)
{
	volatile u32 *cfg = (volatile u32 *)SIM_CONFIG;
	unsigned int first = 0;
	s64 r;

	cell_cpus = cfg[0] ? cfg[0] : 1;
	console_mode = cfg[1];
	comm_revision = cfg[2];
	comm_gic_version = cfg[3];
	comm_message = cfg[4];
	restarts_left = cfg[5];
	write_comm_region();
	while (!(cell_cpus & (1u << first)))
		first++;
	puts_sim("cell-sim: cell CPUs ");
	put_hex(cell_cpus);
	puts_sim(", console mode ");
	put_hex(console_mode);
	puts_sim(", GICv");
	put_hex(gic_version());
	puts_sim(", starting CPU ");
	put_hex(first);
	puts_sim("\n");

	if (first == 0) {
		prepare_el1();
		sim_enter_el1(INMATE_ENTRY, 0);
	}
	boot[first].entry = INMATE_ENTRY;
	boot[first].context = 0;
	__asm__ volatile("dsb sy" : : : "memory");
	r = firmware_psci(PSCI_CPU_ON, first, (u64)sim_secondary_start,
			  first);
	if (r) {
		puts_sim("cell-sim: CPU_ON failed ");
		put_hex((u64)r);
		puts_sim("\n");
	}
	/* CPU 0 is not the cell's: it stays here. */
}

void sim_secondary_main(u64 cpu)
{
	prepare_el1();
	sim_enter_el1(boot[cpu].entry, boot[cpu].context);
}

/* Returns true if the cell is to be restarted instead. */
static bool system_off(void)
{
	volatile struct jh_comm_region *c =
		(volatile struct jh_comm_region *)JH_COMM_REGION_INMATE_ADDR;
	u32 state = c->cell_state;

	puts_sim("cell-sim: SYSTEM_OFF from CPU ");
	put_hex(read_sysreg(mpidr_el1) & 0xff);
	puts_sim(", cell state ");
	put_hex(state);
	puts_sim(", reply ");
	put_hex(c->reply_from_cell);
	puts_sim("\n");
	if (restarts_left) {
		restarts_left--;
		puts_sim("cell-sim: restarting the cell without reset\n");
		write_comm_region();
		return true;
	}
	semihosting_exit(state == JH_CELL_SHUT_DOWN ? 0 : 1);
	firmware_psci(PSCI_SYSTEM_OFF, 0, 0, 0);
	return false;
}

static void psci(struct frame *f)
{
	u32 fn = (u32)f->x[0];
	u64 target = f->x[1], cpu = target & 0xff;

	if (fn == PSCI_CPU_ON) {
		if ((target & ~0xfful) || cpu >= SIM_MAX_CPUS ||
		    !(cell_cpus & (1u << cpu))) {
			f->x[0] = (u64)PSCI_DENIED;
			return;
		}
		boot[cpu].entry = f->x[2];
		boot[cpu].context = f->x[3];
		__asm__ volatile("dsb sy" : : : "memory");
		f->x[0] = firmware_psci(PSCI_CPU_ON, target,
					(u64)sim_secondary_start, cpu);
		return;
	}
	if (fn == PSCI_SYSTEM_OFF) {
		if (system_off()) {
			/* Back to the entry at EL1h, masked, x0 = 0. */
			write_sysreg(elr_el2, INMATE_ENTRY);
			write_sysreg(spsr_el2, 0x3c5);
			f->x[0] = 0;
		}
		return;
	}
	f->x[0] = firmware_psci(fn, f->x[1], f->x[2], f->x[3]);
}

static void hypercall(struct frame *f, u32 imm)
{
	if (imm != JH_HVC_IMM) {
		f->x[0] = (u64)-1;
		return;
	}
	switch (f->x[0]) {
	case JH_HC_DEBUG_CONSOLE_PUTC:
		if (console_mode == 1) {
			f->x[0] = (u64)-1;	/* -EPERM */
			break;
		}
		uart_putc((char)f->x[1]);
		f->x[0] = 0;
		break;
	case JH_HC_HYPERVISOR_GET_INFO:
		f->x[0] = f->x[1] == JH_INFO_NUM_CELLS ? 2 : 0;
		break;
	case JH_HC_CPU_GET_INFO:
		/* Running, for the cell's CPUs; others are not its business. */
		f->x[0] = f->x[1] < SIM_MAX_CPUS &&
			  (cell_cpus & (1u << f->x[1])) ? 0 : (u64)-1;
		break;
	case JH_HC_DISABLE:
	case JH_HC_CELL_CREATE:
	case JH_HC_CELL_START:
	case JH_HC_CELL_SET_LOADABLE:
	case JH_HC_CELL_DESTROY:
	case JH_HC_CELL_GET_STATE:
		/* Root-cell only: the simulated cell is not the root. */
		f->x[0] = (u64)-1;	/* -EPERM */
		break;
	default:
		f->x[0] = (u64)-38;		/* -ENOSYS */
		break;
	}
}

void sim_trap(struct frame *f, u64 slot)
{
	u64 esr = read_sysreg(esr_el2);
	u32 ec = (esr >> 26) & 0x3f;

	if (slot == 8 && ec == 0x16) {
		hypercall(f, esr & 0xffff);
		return;
	}
	if (slot == 8 && ec == 0x17) {
		write_sysreg(elr_el2, read_sysreg(elr_el2) + 4);
		psci(f);
		return;
	}
	puts_sim("cell-sim: unexpected trap, slot ");
	put_hex(slot);
	puts_sim(" ESR ");
	put_hex(esr);
	puts_sim(" ELR ");
	put_hex(read_sysreg(elr_el2));
	puts_sim("\n");
	semihosting_exit(2);
	sim_park();
}
