/* SPDX-License-Identifier: GPL-2.0-only */
/* Basic types and helpers for the freestanding hypervisor. */
#ifndef JH_HV_TYPES_H
#define JH_HV_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define PAGE_SIZE		((u64)0x1000)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define ALIGNED(x, a)		(((x) & ((a) - 1)) == 0)
#define BIT(n)			((u64)1 << (n))
#define MIN(a, b)		((a) < (b) ? (a) : (b))

#define __noreturn		__attribute__((noreturn))
#define __aligned(n)		__attribute__((aligned(n)))
#define __unused		__attribute__((unused))

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

/* Linux-compatible error numbers, returned negated to cells. */
#define EPERM		1
#define ENOENT		2
#define EIO		5
#define E2BIG		7
#define ENOMEM		12
#define EBUSY		16
#define EEXIST		17
#define EINVAL		22
#define ERANGE		34
#define ENOSYS		38

/* Does [s1, s1+l1) intersect [s2, s2+l2)? Lengths must not wrap. */
static inline bool ranges_overlap(u64 s1, u64 l1, u64 s2, u64 l2)
{
	return s1 < s2 + l2 && s2 < s1 + l1;
}

/* Is [s, s+l) inside [outer, outer+ol)? */
static inline bool range_within(u64 s, u64 l, u64 outer, u64 ol)
{
	return s >= outer && l <= ol && s - outer <= ol - l;
}

#endif
