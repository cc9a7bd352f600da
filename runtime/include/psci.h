/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * PSCI calls. The conduit is SMC under the hypervisor (it traps SMC) and
 * on bare QEMU with virtualization=on; HVC on bare QEMU without EL2.
 */
#ifndef JH_RT_PSCI_H
#define JH_RT_PSCI_H

#include "types.h"

#define PSCI_VERSION			0x84000000u
#define PSCI_CPU_OFF			0x84000002u
#define PSCI_CPU_ON			0xc4000003u
#define PSCI_AFFINITY_INFO		0xc4000004u
#define PSCI_SYSTEM_OFF			0x84000008u
#define PSCI_SYSTEM_RESET		0x84000009u
#define PSCI_FEATURES			0x8400000au

#define PSCI_SUCCESS			0
#define PSCI_NOT_SUPPORTED		-1
#define PSCI_INVALID_PARAMETERS		-2
#define PSCI_DENIED			-3
#define PSCI_ALREADY_ON			-4
#define PSCI_ON_PENDING			-5
#define PSCI_INTERNAL_FAILURE		-6
#define PSCI_NOT_PRESENT		-7
#define PSCI_DISABLED			-8
#define PSCI_INVALID_ADDRESS		-9

enum psci_conduit {
	PSCI_CONDUIT_SMC,
	PSCI_CONDUIT_HVC,
};

void psci_set_conduit(enum psci_conduit conduit);
enum psci_conduit psci_conduit(void);

/* Raw call through the conduit. */
s64 psci_call(u32 fn, u64 a1, u64 a2, u64 a3);

u32 psci_version(void);
s64 psci_cpu_on(u64 mpidr, unsigned long entry, u64 context);
s64 psci_cpu_off(void);
s64 psci_system_off(void);
const char *psci_error_name(s64 ret);

#endif /* JH_RT_PSCI_H */
