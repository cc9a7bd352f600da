// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console selection: the system image names the debug console type; the
 * matching driver is looked up among the registered ones at run time.
 */
#include <boot.h>
#include <console.h>

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

void console_putc(char c)
{
	const struct console_driver *drv = console ? console : early_console;

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
