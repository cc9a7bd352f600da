/* SPDX-License-Identifier: GPL-2.0-only */
/* System register access and the EL2 bits the hypervisor uses. */
#ifndef JH_ASM_SYSREGS_H
#define JH_ASM_SYSREGS_H

#include <types.h>

#define read_sysreg(r) ({					\
	u64 __v;						\
	asm volatile("mrs %0, " #r : "=r"(__v));		\
	__v;							\
})
#define write_sysreg(r, v) \
	asm volatile("msr " #r ", %0" : : "r"((u64)(v)))

#define isb()		asm volatile("isb" : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")

/* HCR_EL2 */
#define HCR_VM		BIT(0)
#define HCR_SWIO	BIT(1)
#define HCR_FMO		BIT(3)
#define HCR_IMO		BIT(4)
#define HCR_AMO		BIT(5)
#define HCR_TSC		BIT(19)
#define HCR_TIDCP	BIT(20)
#define HCR_RW		BIT(31)

/* ESR_EL2 exception classes */
#define ESR_EC(esr)		(((esr) >> 26) & 0x3f)
#define EC_HVC64		0x16
#define EC_SMC64		0x17
#define EC_SYSREG		0x18
#define EC_IABT_LOW		0x20
#define EC_DABT_LOW		0x24
#define EC_DABT_CUR		0x25

/* data abort ISS */
#define ISS_ISV			BIT(24)
#define ISS_SAS(esr)		(((esr) >> 22) & 3)
#define ISS_SSE			BIT(21)
#define ISS_SRT(esr)		(((esr) >> 16) & 0x1f)
#define ISS_SF			BIT(15)
#define ISS_S1PTW		BIT(7)
#define ISS_WNR			BIT(6)

/* SPSR for entering EL1h with all exceptions masked */
#define SPSR_EL1H_MASKED	0x3c5
/* SCTLR_EL1 architectural reset: MMU and caches off, RES1 bits */
#define SCTLR_EL1_RESET		0x30d00800

/* MPIDR affinity fields */
#define MPIDR_AFF_MASK		0xff00ffffffull

#endif
