// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh enable SYSTEM.cell, jh disable: switching the hypervisor on under
 * the running Linux and off again.
 */
#include <stdint.h>
#include <stdio.h>

#include "jh-driver-abi.h"

#include "device.h"
#include "image.h"
#include "jh.h"

#define ENABLE_USAGE	"jh enable SYSTEM.cell"
#define DISABLE_USAGE	"jh disable"

int cmd_enable(int argc, char **argv)
{
	struct jh_ioc_system arg;
	struct file_data img;
	char what[4200];
	char root[JH_CELL_NAME_MAX + 1];
	int ret;

	if (argc != 2)
		return usage_error(ENABLE_USAGE, argc < 2 ?
				   "enable: no system image given" :
				   "enable: one system image only");
	if (!file_read(argv[1], &img))
		return JH_EXIT_FAIL;
	if (!image_check(argv[1], &img, IMAGE_SYSTEM)) {
		file_free(&img);
		return JH_EXIT_FAIL;
	}
	{
		/* the root cell's name, for the confirmation */
		struct file_data rc = {
			img.data + offsetof(struct jh_system_desc, root_cell),
			img.size - offsetof(struct jh_system_desc, root_cell),
		};
		image_cell_name(&rc, root, sizeof(root));
	}
	arg.image = (jh_u64)(uintptr_t)img.data;
	arg.size = img.size;
	snprintf(what, sizeof(what), "enable %s", argv[1]);
	ret = device_call(JH_IOC_ENABLE, &arg, OP_ENABLE, what);
	file_free(&img);
	if (ret < 0)
		return JH_EXIT_FAIL;
	printf("hypervisor enabled, Linux runs as root cell \"%s\"\n", root);
	return JH_EXIT_OK;
}

int cmd_disable(int argc, char **argv)
{
	int ret;

	(void)argv;
	if (argc != 1)
		return usage_error(DISABLE_USAGE,
				   "disable: takes no arguments");
	ret = device_call(JH_IOC_DISABLE, NULL, OP_DISABLE, "disable");
	if (ret < 0)
		return JH_EXIT_FAIL;
	printf("hypervisor disabled\n");
	return JH_EXIT_OK;
}
