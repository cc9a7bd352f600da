// SPDX-License-Identifier: GPL-2.0-only
/*
 * QEMU semihosting: an early console for errors found before the system
 * image names the real console, and an exit with a status code so tests
 * can tell "all cells shut down" from "a cell failed". Used only when the
 * boot bundle says QEMU runs with -semihosting.
 */
#include <arch.h>
#include <console.h>
#include <jh-boot-bundle.h>
#include <asm/semihost.h>

#define SYS_WRITEC		0x03
#define SYS_EXIT		0x18
#define ADP_STOPPED_APP_EXIT	0x20026

static u64 semihost_call(u64 op, u64 arg)
{
	register u64 x0 asm("x0") = op;
	register u64 x1 asm("x1") = arg;

	asm volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

static void semihost_putc(char c)
{
	semihost_call(SYS_WRITEC, (u64)&c);
}

static int semihost_init(const struct jh_console *con __unused)
{
	return 0;
}

static const struct console_driver semihost_console = {
	.name = "semihosting",
	.type = JH_CON_TYPE_NONE,
	.init = semihost_init,
	.putc = semihost_putc,
};

const struct console_driver *arch_early_console(u32 bundle_flags)
{
	return bundle_flags & JH_BUNDLE_SEMIHOSTING ? &semihost_console :
						      NULL;
}

void __noreturn semihost_exit(int code)
{
	u64 block[2] = { ADP_STOPPED_APP_EXIT, (u64)code };

	for (;;)
		semihost_call(SYS_EXIT, (u64)block);
}
