// SPDX-License-Identifier: GPL-2.0-only
/*
 * The jh device: its path, opening it and ioctls with error reports.
 * A regular file works as the device for tests: read() behaves the same,
 * and every ioctl fails with ENOTTY.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "device.h"

#define DEFAULT_DEVICE	"/dev/jh"

const char *device_path(void)
{
	const char *p = getenv("JH_DEVICE");

	return p && *p ? p : DEFAULT_DEVICE;
}

void report_errno(enum jh_op op, const char *what, int err)
{
	const char *name = errno_name(err);

	if (name)
		fprintf(stderr, "jh: %s: %s (%s)\n", what,
			op_error_text(op, err), name);
	else
		fprintf(stderr, "jh: %s: %s (errno %d)\n", what,
			op_error_text(op, err), err);
}

int device_open(int flags)
{
	const char *path = device_path();
	int fd;

	do {
		fd = open(path, flags | O_CLOEXEC);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0)
		report_errno(OP_OPEN, path, errno);
	return fd;
}

int device_ioctl(int fd, unsigned long request, void *arg, enum jh_op op,
		 const char *what)
{
	int ret = ioctl(fd, request, arg);

	if (ret < 0) {
		report_errno(op, what, errno);
		return -1;
	}
	return ret;
}
