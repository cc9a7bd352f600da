/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jh: the command-line tool that drives the jh kernel driver (/dev/jh,
 * /sys/kernel/jh) to enable the hypervisor under a running Linux and to
 * manage cells. Shared declarations of the command groups.
 */
#ifndef JH_CLI_H
#define JH_CLI_H

/* Exit statuses: success, operational failure, usage error. */
#define JH_EXIT_OK		0
#define JH_EXIT_FAIL		1
#define JH_EXIT_USAGE		2

/*
 * Print "jh: <message>" and a usage line (when usage is not NULL) to
 * stderr; returns JH_EXIT_USAGE.
 */
int usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "jh: <message>" to stderr; returns JH_EXIT_FAIL. */
int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Command groups: argv[0] is the command word ("enable", "cell", ...). */
int cmd_enable(int argc, char **argv);
int cmd_disable(int argc, char **argv);
int cmd_cell(int argc, char **argv);
int cmd_console(int argc, char **argv);

/* Sub-commands of `cell` that read sysfs (cell_info.c). */
int cmd_cell_list(int argc, char **argv);
int cmd_cell_stats(int argc, char **argv);

#endif /* JH_CLI_H */
