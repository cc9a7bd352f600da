// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Exception dispatch: interrupts go to the GIC driver, an expected fault
 * of a probe is recorded, everything else is reported and stops the
 * inmate.
 */
#include "rt.h"

#define ESR_EC(esr)	(((esr) >> 26) & 0x3f)

static const char *const origin_names[] = {
	"current EL with SP0", "current EL with SPx",
	"lower EL (AArch64)", "lower EL (AArch32)",
};

static const char *const type_names[] = {
	"synchronous", "IRQ", "FIQ", "SError",
};

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case 0x00:
		return "unknown/undefined instruction";
	case 0x01:
		return "WFI/WFE trapped";
	case 0x07:
		return "FP/SIMD access";
	case 0x0e:
		return "illegal execution state";
	case 0x15:
		return "SVC";
	case 0x16:
		return "HVC";
	case 0x17:
		return "SMC";
	case 0x18:
		return "system register access";
	case 0x20:
	case 0x21:
		return "instruction abort";
	case 0x22:
		return "PC alignment fault";
	case 0x24:
	case 0x25:
		return "data abort";
	case 0x26:
		return "SP alignment fault";
	case 0x2f:
		return "SError";
	case 0x3c:
		return "BRK";
	default:
		return "other";
	}
}

static void report(const struct exception_frame *f, u64 slot)
{
	u64 esr = read_sysreg(esr_el1), far = read_sysreg(far_el1);

	console_lock();
	printf("jh-rt: UNEXPECTED EXCEPTION: %s from %s on CPU %u (MPIDR 0x%llx)\n",
	       type_names[slot & 3], origin_names[(slot >> 2) & 3],
	       cpu_index(), (unsigned long long)cpu_mpidr());
	printf("jh-rt:   ESR 0x%08llx (EC 0x%02x: %s) FAR 0x%016llx\n",
	       (unsigned long long)esr, (unsigned int)ESR_EC(esr),
	       ec_name(ESR_EC(esr)), (unsigned long long)far);
	printf("jh-rt:   ELR 0x%016llx SPSR 0x%08llx\n",
	       (unsigned long long)f->elr, (unsigned long long)f->spsr);
	for (int i = 0; i < 31; i += 3) {
		printf("jh-rt:  ");
		for (int j = i; j < i + 3 && j < 31; j++)
			printf(" x%-2d 0x%016llx", j,
			       (unsigned long long)f->x[j]);
		printf("\n");
	}
	console_unlock();
}

void rt_handle_exception(struct exception_frame *frame, u64 slot)
{
	struct percpu *pc = &percpu[cpu_index()];

	if ((slot & 3) == EXC_IRQ) {
		gic_handle_irq(frame->entry_ticks);
		return;
	}
	/* an EL0 routine of user_call() is done (svc) or faulted */
	if ((slot & 3) == EXC_SYNC && (slot >> 2) == 2 &&
	    user_exception(frame))
		return;
	if ((slot & 3) == EXC_SYNC && pc->probe_armed) {
		pc->probe_esr = read_sysreg(esr_el1);
		pc->probe_faulted = true;
		pc->probe_armed = false;
		/* Skip the one probing instruction. */
		frame->elr += 4;
		return;
	}
	report(frame, slot);
	rt_fatal_stop();
}

void probe_arm(void)
{
	struct percpu *pc = &percpu[cpu_index()];

	pc->probe_faulted = false;
	pc->probe_armed = true;
}

bool probe_disarm(u64 *esr)
{
	struct percpu *pc = &percpu[cpu_index()];

	pc->probe_armed = false;
	if (!pc->probe_faulted)
		return true;
	if (esr)
		*esr = pc->probe_esr;
	return false;
}

bool probe_read32(unsigned long addr, u32 *val, u64 *esr)
{
	u32 v = 0;

	probe_arm();
	__asm__ volatile("ldr %w0, [%1]" : "+r"(v) : "r"(addr) : "memory");
	if (!probe_disarm(esr))
		return false;
	*val = v;
	return true;
}

bool probe_write32(unsigned long addr, u32 val, u64 *esr)
{
	probe_arm();
	__asm__ volatile("str %w0, [%1]" : : "r"(val), "r"(addr) : "memory");
	return probe_disarm(esr);
}
