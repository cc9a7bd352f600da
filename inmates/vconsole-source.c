// SPDX-License-Identifier: GPL-2.0-only
/*
 * vconsole-source: a cell whose console is carried over ivshmem to the
 * other peer of the link (doc/vconsole-protocol.md). It writes
 * VCON_LINES lines to the virtual console, then waits for a "quit" line
 * typed on the other side (the input direction) and answers it.
 *
 * Own console (the hypervisor's), for the record:
 *   vconsole-source: connected as peer 0, ring 8192 bytes
 *   vconsole-source: got 'quit' from the sink, 0 bytes dropped
 *
 * Built as vconsole-source-printf (-DVCON_PRINTF), the runtime console
 * itself moves to the virtual console once the sink is there: the lines
 * are plain printf()s, and everything after them (the 'quit' report,
 * the runtime's exit line) is carried too.
 */
#include "rt.h"
#include "vconsole.h"

#ifndef VCON_LINES
#define VCON_LINES		20
#endif
#define WAIT_US			2000000

static struct ivshmem_dev dev;
static struct vconsole vc;

/* What goes over the virtual console in either build. */
#ifdef VCON_PRINTF
#define carried(...)		printf(__VA_ARGS__)
#else
#define carried(...)		vconsole_printf(&vc, __VA_ARGS__)
#endif

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
#ifdef VCON_PRINTF
	console_select_vconsole(&vc);
#endif
	for (n = 0; n < VCON_LINES; n++)
		carried("vconsole-source: line %u of %u on the carried "
			"console\n", n + 1, VCON_LINES);
	carried("vconsole-source: done, type quit\n");
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
	/* own console; in the printf build the virtual console as well */
	printf("vconsole-source: got '%s' from the sink, %u bytes dropped\n",
	       line, vc.dropped);
	carried("vconsole-source: bye\n");
	return 0;
}
