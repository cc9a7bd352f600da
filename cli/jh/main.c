// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh: enable the jh hypervisor under a running Linux (late launch) and
 * manage its cells, through the jh kernel driver.
 *
 * Exit status: 0 success, 1 the operation failed, 2 usage error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jh.h"

#ifndef JH_VERSION
#define JH_VERSION "unknown"
#endif

static void help(FILE *out)
{
	fputs("usage: jh COMMAND [ARGUMENTS]\n"
	      "\n"
	      "Enable the jh hypervisor under the running Linux, which becomes\n"
	      "its root cell, and manage cells (through the jh driver).\n"
	      "\n"
	      "  jh enable SYSTEM.cell             load the hypervisor "
	      "(/lib/firmware/jh-hv.bin)\n"
	      "  jh disable                        switch it off again\n"
	      "  jh cell create CELL.cell          create a cell "
	      "(its CPUs leave Linux)\n"
	      "  jh cell load NAME IMAGE[@ADDR]... copy images into the cell "
	      "(ADDR: guest\n"
	      "                                    address, hex or decimal, "
	      "default 0)\n"
	      "  jh cell start NAME                start the cell\n"
	      "  jh cell shutdown NAME             stop it (it keeps its "
	      "resources)\n"
	      "  jh cell destroy NAME              destroy it, resources "
	      "back to Linux\n"
	      "  jh cell list                      list the cells\n"
	      "  jh cell stats NAME                the cell's exit counters\n"
	      "  jh console [-f]                   print the hypervisor "
	      "console (-f: follow)\n"
	      "  jh --help | --version\n"
	      "\n"
	      "NAME is a cell's name, or its id when it is a decimal number.\n"
	      "Environment: JH_DEVICE (default /dev/jh), JH_SYSFS (default\n"
	      "/sys/kernel/jh).\n"
	      "Exit status: 0 success, 1 the operation failed, 2 usage "
	      "error.\n"
	      "See jh(1).\n", out);
}

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fputs("jh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (usage)
		fprintf(stderr, "usage: %s\n", usage);
	fputs("(try 'jh --help')\n", stderr);
	return JH_EXIT_USAGE;
}

int fail(const char *fmt, ...)
{
	va_list ap;

	fputs("jh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return JH_EXIT_FAIL;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} commands[] = {
		{ "enable", cmd_enable },
		{ "disable", cmd_disable },
		{ "cell", cmd_cell },
		{ "console", cmd_console },
	};
	const char *cmd;

	if (argc < 2)
		return usage_error("jh COMMAND [ARGUMENTS]",
				   "no command given");
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") ||
	    !strcmp(cmd, "help")) {
		help(stdout);
		return JH_EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("jh %s\n", JH_VERSION);
		return JH_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(cmd, commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	if (cmd[0] == '-')
		return usage_error("jh COMMAND [ARGUMENTS]",
				   "unknown option '%s'", cmd);
	return usage_error("jh COMMAND [ARGUMENTS]",
			   "unknown command '%s' (commands: enable, disable, "
			   "cell, console)", cmd);
}
