// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console selection: the system image names the debug console type; the
 * matching driver is looked up among the registered ones at run time.
 * Everything printed also goes into the console ring (struct
 * jh_hv_console, schema/jh-late-launch.h), which the late-launch driver
 * reads; the image header gives its offset.
 */
#include <boot.h>
#include <console.h>
#include <jh-late-launch.h>

extern const struct console_driver __console_drivers_start[];
extern const struct console_driver __console_drivers_end[];

const struct console_driver *early_console;
static const struct console_driver *console;

int console_select(const struct jh_console *con)
{
	const struct console_driver *drv;

	if (con->type == JH_CON_TYPE_NONE) {
		console = NULL;
		return 0;
	}
	for (drv = __console_drivers_start; drv < __console_drivers_end; drv++)
		if (drv->type == con->type) {
			if (drv->init(con))
				return -EINVAL;
			console = drv;
			return 0;
		}
	return -ENOENT;
}

/* Part of hv.bin (initialised), on pages of its own (hv.lds). */
struct jh_hv_console hv_console_ring
	__attribute__((section(".console_ring"), aligned(4096))) = {
	.size = JH_HV_CONSOLE_SIZE,
};

/*
 * seq is odd while a printk writes (console_ring_begin/end, printk.c,
 * under the console lock): a reader that sees seq change or odd copies
 * again. Bytes go in one by one, cheaply.
 */
void console_ring_begin(void)
{
	hv_console_ring.seq++;
	asm volatile("dmb ish" : : : "memory");
}

void console_ring_end(void)
{
	asm volatile("dmb ish" : : : "memory");
	hv_console_ring.seq++;
}

static void ring_putc(char c)
{
	struct jh_hv_console *r = &hv_console_ring;
	u64 head = r->head;

	r->buf[head % JH_HV_CONSOLE_SIZE] = c;
	r->head = head + 1;
}

void console_putc(char c)
{
	const struct console_driver *drv = console ? console : early_console;

	ring_putc(c);
	if (!drv)
		return;
	if (c == '\n')
		drv->putc('\r');
	drv->putc(c);
}

int console_select_checked(const struct jh_console *con)
{
	int err = console_select(con);

	if (err == -ENOENT)
		return boot_error("system image", "debug console type %u has "
				  "no driver in this hypervisor", con->type);
	if (err)
		return boot_error("system image", "debug console at 0x%lx "
				  "(type %u) is not usable", con->address,
				  con->type);
	return 0;
}
