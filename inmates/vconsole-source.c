// SPDX-License-Identifier: GPL-2.0-only
/*
 * vconsole-source: a cell whose console is carried over ivshmem to the
 * other peer of the link (doc/vconsole-protocol.md). It writes
 * VCON_LINES lines to the virtual console, then waits for a "quit" line
 * typed on the other side (the input direction) and answers it.
 *
 * Own console (the hypervisor's), for the record:
 *   vconsole-source: connected as peer 0, ring 16320 bytes
 *   vconsole-source: got 'quit' from the sink, 0 bytes dropped
 */
#include "rt.h"
#include "vconsole.h"

#ifndef VCON_LINES
#define VCON_LINES		20
#endif
#define WAIT_US			2000000

static struct ivshmem_dev dev;
static struct vconsole vc;

static bool sink_ready(void *arg)
{
	(void)arg;
	return vconsole_connected(&vc);
}

static bool input_or_gone(void *arg)
{
	(void)arg;
	return vconsole_readable(&vc) ||
	       ivshmem_peer_state(&dev, vc.peer) != VCONSOLE_STATE_READY;
}

int inmate_main(void)
{
	char line[32];
	u32 len = 0, n;

	if (ivshmem_find(&dev, 0, 0) || dev.protocol != VCONSOLE_PROTOCOL ||
	    vconsole_init(&vc, &dev)) {
		printf("vconsole-source: no virtual console device\n");
		return 1;
	}
	irq_set_handler(ivshmem_default_irq);
	ivshmem_irq_enable(&dev, false);
	if (!ivshmem_wait(sink_ready, NULL, WAIT_US)) {
		printf("vconsole-source: the sink never came up\n");
		return 1;
	}
	printf("vconsole-source: connected as peer %u, ring %u bytes\n",
	       dev.id, vc.size);
	for (n = 0; n < VCON_LINES; n++)
		vconsole_printf(&vc, "vconsole-source: line %u of %u on the "
				"carried console\n", n + 1, VCON_LINES);
	vconsole_printf(&vc, "vconsole-source: done, type quit\n");
	/* input: collect one line */
	while (len < sizeof(line) - 1) {
		char c;

		if (!ivshmem_wait(input_or_gone, NULL, WAIT_US) ||
		    !vconsole_read(&vc, &c, 1)) {
			printf("vconsole-source: no input\n");
			return 1;
		}
		if (c == '\n')
			break;
		line[len++] = c;
	}
	line[len] = 0;
	printf("vconsole-source: got '%s' from the sink, %u bytes dropped\n",
	       line, vc.dropped);
	vconsole_printf(&vc, "vconsole-source: bye\n");
	return 0;
}
