/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cell lifecycle at run time (doc/lifecycle.md): the management
 * hypercalls, the message protocol over the comm regions, the cell
 * watchdogs and the hypervisor's integrity digest.
 */
#ifndef JH_HV_LIFECYCLE_H
#define JH_HV_LIFECYCLE_H

#include "types.h"
#include <jh-cell-interface.h>

struct per_cpu;
struct cell;

/* jh addition: "verify integrity" hypercall (root cell only) */
#define JH_HC_VERIFY_INTEGRITY		0x100
/* its argument: 0 re-check (0 or -EIO), 1..8 digest word (u32) n-1 */
#define JH_INTEGRITY_CHECK		0

/*
 * jh addition to the comm region: a cell with a watchdog shows it is
 * alive by changing this u32 (the runtime increments it) within every
 * watchdog period. Beyond the Jailhouse layout, inside the same page.
 */
#define JH_COMM_HEARTBEAT_OFFSET	0x100

/* msg_reply_timeout 0 means this many milliseconds */
#define MSG_REPLY_TIMEOUT_DEFAULT_MS	100
/* largest cell image the create hypercall accepts */
#define CELL_IMAGE_MAX_PAGES		16

static inline volatile u32 *comm_heartbeat(struct jh_comm_region *comm)
{
	return (volatile u32 *)((u8 *)comm + JH_COMM_HEARTBEAT_OFFSET);
}

s64 hc_disable(struct per_cpu *cpu, u64 a1, u64 a2);
s64 hc_cell_create(struct per_cpu *cpu, u64 image_gpa, u64 a2);
s64 hc_cell_start(struct per_cpu *cpu, u64 id, u64 a2);
s64 hc_cell_set_loadable(struct per_cpu *cpu, u64 id, u64 a2);
s64 hc_cell_destroy(struct per_cpu *cpu, u64 id, u64 a2);
s64 hc_verify_integrity(struct per_cpu *cpu, u64 what, u64 a2);

/* Hand every resource of a stopped cell back to the root cell. */
void cell_release(struct cell *cell);

/* Watchdogs: (re)arm on the calling root CPU; timer interrupt. */
void watchdog_arm(struct per_cpu *cpu);
void watchdog_tick(struct per_cpu *cpu);
/* After boot: watch the started boot-time cells from @cpu if it stays. */
void watchdog_boot(struct per_cpu *cpu, bool stays);

/* Digest of the code and the boot bundle: compute once, re-check. */
void integrity_init(void);
int integrity_verify(void);
u32 integrity_word(unsigned int n);

#endif
