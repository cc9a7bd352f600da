/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Virtual console over an ivshmem 2.0 link (doc/vconsole-protocol.md):
 * a byte stream each way, one ring in each peer's output section. The
 * peer whose console is carried writes its output and reads its input;
 * the other end (the sink) does the reverse.
 */
#ifndef JH_RT_VCONSOLE_H
#define JH_RT_VCONSOLE_H

#include "types.h"
#include "ivshmem.h"

#define VCONSOLE_PROTOCOL	0x4a43		/* user-defined range */
#define VCONSOLE_MAGIC		0x4356484a	/* "JHVC" */
#define VCONSOLE_VERSION	1
#define VCONSOLE_STATE_READY	1

struct vconsole {
	struct ivshmem_dev *dev;
	u32 peer;
	volatile u32 *mine;		/* header of my output section */
	volatile const u32 *theirs;	/* header of the peer's */
	volatile u8 *tx;
	volatile const u8 *rx;
	u32 size;			/* my ring, power of two */
	u32 wpos;			/* local copy of my write position */
	u32 rpos;			/* local copy of my read position */
	u32 dropped;			/* bytes lost to a full ring */
	u32 signalled;			/* wpos at the last doorbell */
};

/* Set up my side of the stream with the other peer of a 2-peer link. */
int vconsole_init(struct vconsole *vc, struct ivshmem_dev *dev);
/* Is the other end there (state ready, header valid)? */
bool vconsole_connected(const struct vconsole *vc);
/*
 * Queue bytes and ring the peer's doorbell. Never blocks: what does not
 * fit is dropped and counted (a console must not stop its cell).
 */
u32 vconsole_write(struct vconsole *vc, const char *buf, u32 len);
int vconsole_printf(struct vconsole *vc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Queue bytes without ringing the doorbell (published at once, so a
 * reader that looks finds them); vconsole_flush() rings it if anything
 * was queued since the last doorbell.
 */
u32 vconsole_queue(struct vconsole *vc, const char *buf, u32 len);
void vconsole_flush(struct vconsole *vc);
/* Take up to @len received bytes; returns how many (0: none). */
u32 vconsole_read(struct vconsole *vc, char *buf, u32 len);
bool vconsole_readable(const struct vconsole *vc);

#endif /* JH_RT_VCONSOLE_H */
