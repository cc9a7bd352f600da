/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Access to the jh device (/dev/jh, or $JH_DEVICE for tests): open it,
 * issue an ioctl, and say clearly what went wrong when either fails.
 */
#ifndef JH_CLI_DEVICE_H
#define JH_CLI_DEVICE_H

#include "errors.h"

/* $JH_DEVICE when set and not empty, else /dev/jh. */
const char *device_path(void);

/*
 * Open the device with the open(2) flags given. On failure print why
 * (naming the path) and return -1.
 */
int device_open(int flags);

/*
 * Open the device, ioctl(request, arg), close it. On failure print
 * "jh: <what>: <explanation> (<ERRNO>)" for the operation op (or why the
 * device did not open) and return -1; otherwise return the ioctl's
 * (non-negative) result.
 */
int device_call(unsigned long request, void *arg, enum jh_op op,
		const char *what);

/* Print "jh: <what>: <explanation of err for op> (<ERRNO>)". */
void report_errno(enum jh_op op, const char *what, int err);

#endif /* JH_CLI_DEVICE_H */
