// SPDX-License-Identifier: GPL-2.0-only
/*
 * vconsole-sink: the other end of a virtual console
 * (doc/vconsole-protocol.md). Every line the carried cell writes is
 * printed on this cell's console as "[vcon] <line>"; when the source
 * asks for input, the sink types "quit". It ends when the source's cell
 * goes down (its state drops to 0).
 *
 * Built as vconsole-sink-root, it is linked at 0x40000000 for the root
 * cell, whose RAM is identity-mapped (the root cell's reset address in
 * tests/system/ivshmem/vconsole-root-gicv*.yaml).
 *
 * Output:
 *   [vcon] vconsole-source: line 1 of 20 on the carried console
 *   ...
 *   vconsole-sink: peer went down, 23 lines carried
 */
#include "rt.h"
#include "vconsole.h"

#define WAIT_US			2000000

static struct ivshmem_dev dev;
static struct vconsole vc;

/* @arg: has the source been seen? Only then can it go down. */
static bool data_or_gone(void *arg)
{
	return vconsole_readable(&vc) ||
	       (*(bool *)arg && !vconsole_connected(&vc));
}

static bool starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

int inmate_main(void)
{
	char line[128], buf[64];
	u32 len = 0, lines = 0, n, i;
	bool seen_peer = false;

	if (ivshmem_find(&dev, 0, 0) || dev.protocol != VCONSOLE_PROTOCOL ||
	    vconsole_init(&vc, &dev)) {
		printf("vconsole-sink: no virtual console device\n");
		return 1;
	}
	printf("vconsole-sink: peer %u of %u, device %02x:%02x.%x, INTID %u\n",
	       dev.id, dev.peers, dev.bdf >> 8, (dev.bdf >> 3) & 0x1f,
	       dev.bdf & 7, dev.intid);
	irq_set_handler(ivshmem_default_irq);
	ivshmem_irq_enable(&dev, false);
	for (;;) {
		if (!ivshmem_wait(data_or_gone, &seen_peer, WAIT_US)) {
			printf("vconsole-sink: nothing from the source\n");
			return 1;
		}
		if (vconsole_connected(&vc))
			seen_peer = true;
		n = vconsole_read(&vc, buf, sizeof(buf));
		if (!n && seen_peer && !vconsole_connected(&vc))
			break;
		for (i = 0; i < n; i++) {
			if (buf[i] != '\n' && len < sizeof(line) - 1) {
				line[len++] = buf[i];
				continue;
			}
			line[len] = 0;
			printf("[vcon] %s\n", line);
			lines++;
			if (starts_with(line, "vconsole-source: done"))
				vconsole_write(&vc, "quit\n", 5);
			len = 0;
		}
	}
	printf("vconsole-sink: peer went down, %u lines carried\n", lines);
	return 0;
}
