/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef JH_HV_HYPERCALL_H
#define JH_HV_HYPERCALL_H

#include "percpu.h"
#include "types.h"

/* Dispatch a cell's hypercall; returns the value for the cell's x0. */
s64 hypercall(struct per_cpu *cpu, u64 code, u64 arg1, u64 arg2);

#endif
