/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * System register access and the barriers and hints that go with it.
 */
#ifndef JH_RT_SYSREG_H
#define JH_RT_SYSREG_H

#include "types.h"

#define read_sysreg(reg) ({						\
	u64 __val;							\
	__asm__ volatile("mrs %0, " #reg : "=r"(__val));		\
	__val;								\
})

#define write_sysreg(reg, val) do {					\
	u64 __val = (u64)(val);						\
	__asm__ volatile("msr " #reg ", %0" : : "r"(__val));		\
} while (0)

/* GICv3 CPU interface registers by encoding (older assemblers). */
#define ICC_SRE_EL1		S3_0_C12_C12_5
#define ICC_PMR_EL1		S3_0_C4_C6_0
#define ICC_BPR1_EL1		S3_0_C12_C12_3
#define ICC_IGRPEN1_EL1		S3_0_C12_C12_7
#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_CTLR_EL1		S3_0_C12_C12_4
#define ICC_SGI1R_EL1		S3_0_C12_C11_5

#define isb()		__asm__ volatile("isb" : : : "memory")
#define dsb(opt)	__asm__ volatile("dsb " #opt : : : "memory")
#define dmb(opt)	__asm__ volatile("dmb " #opt : : : "memory")
#define wfi()		__asm__ volatile("wfi" : : : "memory")
#define wfe()		__asm__ volatile("wfe" : : : "memory")
#define sev()		__asm__ volatile("sev" : : : "memory")

/*
 * Every busy-wait loop must call this: under QEMU's icount all vCPUs run
 * round-robin in one thread, and a CPU that spins without a hint may keep
 * the CPU it waits for from ever running.
 */
#define cpu_relax()	__asm__ volatile("yield" : : : "memory")

static inline void irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

#define MPIDR_AFF_MASK		0xff00ffffffUL

#endif /* JH_RT_SYSREG_H */
