/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Build-time limits of the runtime, shared by C and assembly. Override
 * with -D on the compiler command line (both runtime and inmate).
 */
#ifndef JH_RT_CONFIG_H
#define JH_RT_CONFIG_H

/* CPUs one inmate can use; stacks are allocated statically. */
#ifndef JH_RT_MAX_CPUS
#define JH_RT_MAX_CPUS		8
#endif

/* Stack per CPU, bytes (multiple of 16). */
#ifndef JH_RT_STACK_SIZE
#define JH_RT_STACK_SIZE	4096
#endif

#endif /* JH_RT_CONFIG_H */
