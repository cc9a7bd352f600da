/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What each errno of the jh driver means for the operation that got it:
 * one table, so that the man page, doc/late-launch.md and the tool agree.
 */
#ifndef JH_CLI_ERRORS_H
#define JH_CLI_ERRORS_H

enum jh_op {
	OP_OPEN,		/* opening the device */
	OP_ENABLE,
	OP_DISABLE,
	OP_CELL_CREATE,
	OP_CELL_LOAD,
	OP_CELL_START,
	OP_CELL_SHUTDOWN,
	OP_CELL_DESTROY,
	OP_CONSOLE,		/* reading the console */
};

/* "EBUSY" for EBUSY; NULL for an errno without a name here. */
const char *errno_name(int err);

/*
 * The explanation of err for op: what went wrong and what to do. Never
 * NULL: an errno the table does not know falls back to strerror().
 */
const char *op_error_text(enum jh_op op, int err);

#endif /* JH_CLI_ERRORS_H */
