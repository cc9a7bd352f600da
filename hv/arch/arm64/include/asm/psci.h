/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef JH_ASM_PSCI_H
#define JH_ASM_PSCI_H

#include <types.h>

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_SUSPEND_32	0x84000001
#define PSCI_CPU_SUSPEND_64	0xc4000001
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_32		0x84000003
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_32	0x84000004
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a
#define SMCCC_VERSION		0x80000000
#define SMCCC_ARCH_FEATURES	0x80000001

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS	(-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INTERNAL_FAILURE	(-6)

struct per_cpu;
struct trap_regs;

/* A call to the real firmware (QEMU's PSCI) from EL2. */
s64 psci_firmware_call(u64 fn, u64 a1, u64 a2, u64 a3);
/* A cell's PSCI or SMCCC call; returns the cell's x0. */
s64 psci_handle_call(struct per_cpu *cpu, struct trap_regs *regs);
/* hvc #0: PSCI, and in late launch the hyp stub's calls (refused) */
s64 psci_hvc0(struct per_cpu *cpu, struct trap_regs *regs);

#endif
