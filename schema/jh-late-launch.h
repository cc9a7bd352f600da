/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Late launch: how a driver in a running Linux (at EL1, its hyp stub at
 * EL2) loads the hypervisor and hands itself over as the root cell.
 *
 * 1. The driver reserves the system image's hypervisor_memory (hidden
 *    from Linux with mem= or a no-map reserved-memory node), maps it and
 *    copies the flat hypervisor binary (hv.bin) to its start. The binary
 *    begins with struct jh_hv_header; the driver checks magic, version and
 *    that link_address equals hypervisor_memory.phys_start.
 * 2. It copies the system image into hypervisor memory at
 *    JH_LATE_SYSIMG_OFFSET (at most JH_LATE_SYSIMG_MAX bytes).
 * 3. On every online CPU, one CPU after the other, with interrupts off:
 *      x0 = 0 (the Linux stub's HVC_SET_VECTORS),
 *      x1 = link_address + late_vectors_offset        ; hvc #0
 *    then
 *      x0 = JH_LATE_ENABLE, x1 = physical address of the system image,
 *      x2 = its size, x3 = physical address of the Linux stub's vectors,
 *      x4 = the number of CPUs that will enter in this enable   ; hvc #0
 *    x0 on return: 0 = this CPU now runs as part of the root cell;
 *    a negative errno = it did not (the hypervisor has put the stub's
 *    vectors and EL2 state back; its console says why). All other
 *    general registers, SP_EL1 and every EL1 system register are kept.
 * 4. Disable: JH_HC_DISABLE (jh-cell-interface.h) on every CPU, one after
 *    the other. On success that CPU returns at EL1 with stage 2 off and
 *    the stub's vectors and EL2 state back; once the last CPU has left,
 *    the driver may release the memory.
 *
 * The hypervisor keeps its console (everything it prints) in a ring in its
 * own memory, at console_offset, for the driver to read.
 */
#ifndef JH_LATE_LAUNCH_H
#define JH_LATE_LAUNCH_H

#include "jh-cell-format.h"

#define JH_HV_MAGIC			"JHHVIMG"	/* 8 bytes with NUL */
#define JH_HV_HEADER_VERSION		1

/* x0 of the enabling hvc ("JHEN") */
#define JH_LATE_ENABLE			0x4a48454eull

/* Where the driver puts the system image, from the hypervisor's start. */
#define JH_LATE_SYSIMG_OFFSET		0x00200000ull
#define JH_LATE_SYSIMG_MAX		0x00100000ull

struct jh_hv_header {
	jh_u32 branch;			/* first instruction (boot-time entry) */
	jh_u32 reserved0;
	char magic[8];
	jh_u32 version;
	jh_u32 header_size;		/* sizeof(struct jh_hv_header) */
	jh_u64 link_address;		/* physical address it must sit at */
	jh_u64 image_size;		/* bytes of hv.bin (code and data) */
	jh_u64 core_size;		/* with bss, page aligned */
	jh_u64 late_vectors_offset;	/* 2 KiB aligned vector table */
	jh_u64 console_offset;		/* struct jh_hv_console */
	jh_u32 max_cpus;
	jh_u32 reserved1;
} JH_PACKED;

JH_ASSERT_SIZE(struct jh_hv_header, 72);
JH_ASSERT_OFF(struct jh_hv_header, magic, 8);
JH_ASSERT_OFF(struct jh_hv_header, link_address, 24);
JH_ASSERT_OFF(struct jh_hv_header, late_vectors_offset, 48);
JH_ASSERT_OFF(struct jh_hv_header, console_offset, 56);

/*
 * The console ring. head counts every byte ever written; byte n lives at
 * buf[n % size]. The hypervisor bumps seq to an odd value while it writes
 * and to the next even value when done, so a reader copies, re-reads seq
 * and retries when it changed or was odd.
 */
#define JH_HV_CONSOLE_SIZE		16384

struct jh_hv_console {
	volatile jh_u32 seq;
	jh_u32 size;			/* JH_HV_CONSOLE_SIZE */
	volatile jh_u64 head;
	char buf[JH_HV_CONSOLE_SIZE];
} JH_PACKED;

JH_ASSERT_OFF(struct jh_hv_console, head, 8);
JH_ASSERT_OFF(struct jh_hv_console, buf, 16);

#endif /* JH_LATE_LAUNCH_H */
