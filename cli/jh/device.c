// SPDX-License-Identifier: GPL-2.0-only
/*
 * The jh device: its path, opening it and ioctls with error reports.
 * A regular file works as the device for tests: read() behaves the same,
 * and every ioctl fails with ENOTTY.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "device.h"
#include "sysfs.h"

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

/*
 * The driver answers every cell operation with EINVAL while the
 * hypervisor is off; sysfs tells that case apart from a refused request.
 */
static bool hypervisor_off(void)
{
	char v[16];

	return sysfs_read("enabled", v, sizeof(v)) && !strcmp(v, "0");
}

static int device_ioctl(int fd, unsigned long request, void *arg,
			enum jh_op op, const char *what)
{
	int ret = ioctl(fd, request, arg);
	int err = errno;

	if (ret >= 0)
		return ret;
	if (err == EINVAL && op >= OP_CELL_CREATE && op <= OP_CELL_DESTROY &&
	    hypervisor_off())
		fprintf(stderr, "jh: %s: the hypervisor is not enabled ('jh "
			"enable SYSTEM.cell' first) (EINVAL)\n", what);
	else
		report_errno(op, what, err);
	return -1;
}

int device_call(unsigned long request, void *arg, enum jh_op op,
		const char *what)
{
	int fd = device_open(O_RDWR);
	int ret;

	if (fd < 0)
		return -1;
	ret = device_ioctl(fd, request, arg, op, what);
	close(fd);
	return ret;
}
