// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Virtual console over ivshmem (doc/vconsole-protocol.md). Each peer's
 * output section: a 64-byte header, then a byte ring. The writer owns
 * its write position, the reader keeps its read position in its own
 * output section, so every word has exactly one writer.
 */
#include <stdarg.h>
#include "rt.h"
#include "vconsole.h"

/* header words */
#define VC_W_MAGIC		0
#define VC_W_VERSION		1
#define VC_W_SIZE		2
#define VC_W_WPOS		3	/* bytes written into my ring */
#define VC_W_RPOS		4	/* bytes read from the peer's ring */
#define VC_W_DROPPED		5	/* bytes I dropped (a record) */
#define VC_DATA_OFFSET		64

static u32 ring_size(u64 out_size)
{
	u32 size = 16;

	if (out_size < VC_DATA_OFFSET + 16)
		return 0;
	while ((u64)size * 2 <= out_size - VC_DATA_OFFSET &&
	       size < (1u << 30))
		size *= 2;
	return size;
}

int vconsole_init(struct vconsole *vc, struct ivshmem_dev *dev)
{
	unsigned long mine = ivshmem_output(dev, dev->id);

	if (dev->peers != 2)
		return -1;
	memset(vc, 0, sizeof(*vc));
	vc->dev = dev;
	vc->peer = dev->id ^ 1;
	vc->size = ring_size(dev->out_size);
	if (!vc->size)
		return -1;
	vc->mine = (volatile u32 *)mine;
	vc->theirs = (volatile const u32 *)ivshmem_output(dev, vc->peer);
	vc->tx = (volatile u8 *)mine + VC_DATA_OFFSET;
	vc->rx = (volatile const u8 *)vc->theirs + VC_DATA_OFFSET;
	vc->mine[VC_W_MAGIC] = 0;
	dmb(ish);
	vc->mine[VC_W_VERSION] = VCONSOLE_VERSION;
	vc->mine[VC_W_SIZE] = vc->size;
	vc->mine[VC_W_WPOS] = 0;
	vc->mine[VC_W_RPOS] = 0;
	vc->mine[VC_W_DROPPED] = 0;
	dmb(ish);
	vc->mine[VC_W_MAGIC] = VCONSOLE_MAGIC;
	ivshmem_set_state(dev, VCONSOLE_STATE_READY);
	return 0;
}

bool vconsole_connected(const struct vconsole *vc)
{
	return ivshmem_peer_state(vc->dev, vc->peer) ==
		       VCONSOLE_STATE_READY &&
	       vc->theirs[VC_W_MAGIC] == VCONSOLE_MAGIC &&
	       vc->theirs[VC_W_VERSION] == VCONSOLE_VERSION;
}

u32 vconsole_queue(struct vconsole *vc, const char *buf, u32 len)
{
	u32 n, room;

	/* before the reader attached, its read position is 0 */
	room = vc->size - (vc->wpos - vc->theirs[VC_W_RPOS]);
	if (room > vc->size)
		room = 0;	/* garbage from a reader restarting */
	dmb(ish);
	for (n = 0; n < len && n < room; n++)
		vc->tx[(vc->wpos + n) & (vc->size - 1)] = (u8)buf[n];
	vc->wpos += n;
	if (n < len) {
		vc->dropped += len - n;
		vc->mine[VC_W_DROPPED] = vc->dropped;
	}
	dmb(ish);
	vc->mine[VC_W_WPOS] = vc->wpos;
	return n;
}

void vconsole_flush(struct vconsole *vc)
{
	if (vc->signalled == vc->wpos)
		return;
	vc->signalled = vc->wpos;
	ivshmem_notify(vc->dev, vc->peer);
}

u32 vconsole_write(struct vconsole *vc, const char *buf, u32 len)
{
	u32 n = vconsole_queue(vc, buf, len);

	vconsole_flush(vc);
	return n;
}

int vconsole_printf(struct vconsole *vc, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (len > (int)sizeof(buf) - 1)
		len = sizeof(buf) - 1;
	return (int)vconsole_write(vc, buf, (u32)len);
}

bool vconsole_readable(const struct vconsole *vc)
{
	return vc->theirs[VC_W_MAGIC] == VCONSOLE_MAGIC &&
	       vc->theirs[VC_W_WPOS] != vc->rpos;
}

u32 vconsole_read(struct vconsole *vc, char *buf, u32 len)
{
	u32 avail, size, n;

	if (!vconsole_readable(vc))
		return 0;
	size = vc->theirs[VC_W_SIZE];
	avail = vc->theirs[VC_W_WPOS] - vc->rpos;
	if (!size || (size & (size - 1)) || avail > size)
		return 0;	/* a header we cannot trust */
	dmb(ish);
	for (n = 0; n < len && n < avail; n++)
		buf[n] = (char)vc->rx[(vc->rpos + n) & (size - 1)];
	vc->rpos += n;
	dmb(ish);
	vc->mine[VC_W_RPOS] = vc->rpos;
	return n;
}
