// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * PSCI through the conduit chosen at start.
 */
#include "psci.h"

static enum psci_conduit conduit = PSCI_CONDUIT_SMC;

void psci_set_conduit(enum psci_conduit c)
{
	conduit = c;
}

enum psci_conduit psci_conduit(void)
{
	return conduit;
}

s64 psci_call(u32 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	if (conduit == PSCI_CONDUIT_HVC)
		__asm__ volatile("hvc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 : : "memory");
	else
		__asm__ volatile("smc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 : : "memory");
	/* PSCI returns a 32-bit signed value in w0 for 32-bit calls. */
	return (s64)(s32)x0;
}

u32 psci_version(void)
{
	return (u32)psci_call(PSCI_VERSION, 0, 0, 0);
}

s64 psci_cpu_on(u64 mpidr, unsigned long entry, u64 context)
{
	return psci_call(PSCI_CPU_ON, mpidr, entry, context);
}

s64 psci_cpu_off(void)
{
	return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

s64 psci_system_off(void)
{
	return psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
}

const char *psci_error_name(s64 ret)
{
	switch (ret) {
	case PSCI_SUCCESS:
		return "SUCCESS";
	case PSCI_NOT_SUPPORTED:
		return "NOT_SUPPORTED";
	case PSCI_INVALID_PARAMETERS:
		return "INVALID_PARAMETERS";
	case PSCI_DENIED:
		return "DENIED";
	case PSCI_ALREADY_ON:
		return "ALREADY_ON";
	case PSCI_ON_PENDING:
		return "ON_PENDING";
	case PSCI_INTERNAL_FAILURE:
		return "INTERNAL_FAILURE";
	case PSCI_NOT_PRESENT:
		return "NOT_PRESENT";
	case PSCI_DISABLED:
		return "DISABLED";
	case PSCI_INVALID_ADDRESS:
		return "INVALID_ADDRESS";
	default:
		return "unknown";
	}
}
