/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Basic types and compiler helpers for the freestanding inmate runtime.
 */
#ifndef JH_RT_TYPES_H
#define JH_RT_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define BIT(n)			(1UL << (n))
#define __aligned(n)		__attribute__((aligned(n)))
#define __noreturn		__attribute__((noreturn))
#define __weak			__attribute__((weak))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define __unused		__attribute__((unused))

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

#endif /* JH_RT_TYPES_H */
