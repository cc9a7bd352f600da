// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh-ioctl: one raw ioctl on /dev/jh, for the driver's own tests (the
 * `jh` tool checks images itself, so it never shows what the driver
 * does with bad input). Prints the result and exits 0 on success, 1 on
 * failure.
 *
 *   jh-ioctl enable SYSTEM-IMAGE
 *   jh-ioctl create CELL-IMAGE
 *   jh-ioctl load ID FILE ADDRESS
 *   jh-ioctl start|shutdown|destroy ID
 *   jh-ioctl disable
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "jh-driver-abi.h"

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f) {
		perror(path);
		exit(1);
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (!buf)
				exit(1);
		}
		size_t got = fread(buf + n, 1, cap - n, f);

		if (!got)
			break;
		n += got;
	}
	fclose(f);
	*size = n;
	return buf;
}

static int usage(void)
{
	fputs("usage: jh-ioctl enable FILE | create FILE | load ID FILE ADDR |"
	      " start ID | shutdown ID | destroy ID | disable\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct jh_ioc_cell_id id = { 0 };
	struct jh_ioc_load_image img;
	struct jh_ioc_cell_load load;
	struct jh_ioc_system sys;
	unsigned long req;
	void *arg = NULL;
	size_t size;
	int fd, ret;

	if (argc < 2)
		return usage();
	fd = open("/dev/" JH_DEVICE_NAME, O_RDWR);
	if (fd < 0) {
		perror("/dev/" JH_DEVICE_NAME);
		return 1;
	}
	if (!strcmp(argv[1], "enable") || !strcmp(argv[1], "create")) {
		if (argc != 3)
			return usage();
		sys.image = (uintptr_t)read_file(argv[2], &size);
		sys.size = size;
		arg = &sys;
		req = argv[1][0] == 'e' ? JH_IOC_ENABLE : JH_IOC_CELL_CREATE;
	} else if (!strcmp(argv[1], "disable")) {
		req = JH_IOC_DISABLE;
	} else if (!strcmp(argv[1], "load")) {
		if (argc != 5)
			return usage();
		id.id = strtoul(argv[2], NULL, 0);
		img.source = (uintptr_t)read_file(argv[3], &size);
		img.size = size;
		img.address = strtoull(argv[4], NULL, 0);
		load.cell = id;
		load.num_images = 1;
		load.padding = 0;
		load.images = (uintptr_t)&img;
		arg = &load;
		req = JH_IOC_CELL_LOAD;
	} else if (argc == 3) {
		id.id = strtoul(argv[2], NULL, 0);
		arg = &id;
		if (!strcmp(argv[1], "start"))
			req = JH_IOC_CELL_START;
		else if (!strcmp(argv[1], "shutdown"))
			req = JH_IOC_CELL_SHUTDOWN;
		else if (!strcmp(argv[1], "destroy"))
			req = JH_IOC_CELL_DESTROY;
		else
			return usage();
	} else {
		return usage();
	}
	ret = ioctl(fd, req, arg);
	if (ret < 0) {
		printf("jh-ioctl %s: errno %d (%s)\n", argv[1], errno,
		       strerror(errno));
		return 1;
	}
	printf("jh-ioctl %s: %d\n", argv[1], ret);
	return 0;
}
