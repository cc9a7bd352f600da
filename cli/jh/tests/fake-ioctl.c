// SPDX-License-Identifier: GPL-2.0-only
/*
 * A stand-in for the jh driver's ioctls, preloaded (LD_PRELOAD) into the
 * jh tool by the host tests: it logs what jh asked for, decoded with the
 * ABI header, and answers as the driver would.
 *
 *   JH_FAKE_IOCTL      "ok" (return 0), "ok:N" (return N, the new cell's
 *                      id for CELL_CREATE) or an errno number (fail with it)
 *   JH_FAKE_IOCTL_LOG  file the decoded requests are appended to
 *
 * Other ioctls (and every ioctl when JH_FAKE_IOCTL is unset) go to the C
 * library's.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jh-driver-abi.h"

static void log_cell(FILE *f, const struct jh_ioc_cell_id *c)
{
	if (c->id == (jh_u32)-1)
		fprintf(f, " name=%.*s", JH_CELL_NAME_MAX + 1, c->name);
	else
		fprintf(f, " id=%u", c->id);
}

static void log_request(unsigned long req, void *arg)
{
	const char *path = getenv("JH_FAKE_IOCTL_LOG");
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	if (req == JH_IOC_ENABLE) {
		const struct jh_ioc_system *s = arg;

		fprintf(f, "ENABLE size=%llu sig=%.5s\n",
			(unsigned long long)s->size,
			(const char *)(uintptr_t)s->image);
	} else if (req == JH_IOC_DISABLE) {
		fprintf(f, "DISABLE\n");
	} else if (req == JH_IOC_CELL_CREATE) {
		const struct jh_ioc_cell_create *c = arg;

		fprintf(f, "CELL_CREATE size=%llu sig=%.5s\n",
			(unsigned long long)c->size,
			(const char *)(uintptr_t)c->image);
	} else if (req == JH_IOC_CELL_LOAD) {
		const struct jh_ioc_cell_load *l = arg;
		const struct jh_ioc_load_image *img =
			(const void *)(uintptr_t)l->images;

		fprintf(f, "CELL_LOAD");
		log_cell(f, &l->cell);
		fprintf(f, " images=%u", l->num_images);
		for (jh_u32 i = 0; i < l->num_images; i++) {
			const unsigned char *src =
				(const void *)(uintptr_t)img[i].source;

			fprintf(f, " [0x%llx %llu first=0x%02x]",
				(unsigned long long)img[i].address,
				(unsigned long long)img[i].size, src[0]);
		}
		fprintf(f, "\n");
	} else if (req == JH_IOC_CELL_START || req == JH_IOC_CELL_SHUTDOWN ||
		   req == JH_IOC_CELL_DESTROY) {
		fprintf(f, "%s", req == JH_IOC_CELL_START ? "CELL_START" :
			req == JH_IOC_CELL_SHUTDOWN ? "CELL_SHUTDOWN" :
			"CELL_DESTROY");
		log_cell(f, arg);
		fprintf(f, "\n");
	} else {
		fprintf(f, "UNKNOWN 0x%lx\n", req);
	}
	fclose(f);
}

int ioctl(int fd, unsigned long req, ...)
{
	const char *how = getenv("JH_FAKE_IOCTL");
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!how) {
		int (*real)(int, unsigned long, ...) =
			(int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT,
								"ioctl");

		return real(fd, req, arg);
	}
	log_request(req, arg);
	if (!strcmp(how, "ok"))
		return 0;
	if (!strncmp(how, "ok:", 3))
		return atoi(how + 3);
	errno = atoi(how);
	return -1;
}
