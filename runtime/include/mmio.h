/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Device register access. Single aligned accesses of the named width, so
 * that a trapping hypervisor sees a decodable instruction (ISV set).
 */
#ifndef JH_RT_MMIO_H
#define JH_RT_MMIO_H

#include "types.h"

static inline u8 mmio_read8(unsigned long addr)
{
	u8 v;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u32 mmio_read32(unsigned long addr)
{
	u32 v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u64 mmio_read64(unsigned long addr)
{
	u64 v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void mmio_write8(unsigned long addr, u8 v)
{
	__asm__ volatile("strb %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void mmio_write32(unsigned long addr, u32 v)
{
	__asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void mmio_write64(unsigned long addr, u64 v)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

#endif /* JH_RT_MMIO_H */
