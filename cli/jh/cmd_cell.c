// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh cell create|load|start|shutdown|destroy: the cell management ioctls;
 * `cell list` and `cell stats` read sysfs (cell_info.c).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jh-driver-abi.h"

#include "device.h"
#include "image.h"
#include "jh.h"

#define CELL_USAGE	"jh cell create|load|start|shutdown|destroy|list|stats ..."
#define CREATE_USAGE	"jh cell create CELL.cell"
#define LOAD_USAGE	"jh cell load NAME IMAGE[@ADDR]..."

/* A cell named on the command line: an id when it is a decimal number. */
static bool cell_key(const char *key, struct jh_ioc_cell_id *c)
{
	size_t len = strlen(key);
	unsigned long long v = 0;
	bool digits = len > 0 && len <= 9;

	memset(c, 0, sizeof(*c));
	for (size_t i = 0; digits && i < len; i++) {
		if (key[i] < '0' || key[i] > '9')
			digits = false;
		else
			v = v * 10 + (unsigned)(key[i] - '0');
	}
	if (digits) {
		c->id = (jh_u32)v;
		return true;
	}
	if (len == 0 || len > JH_CELL_NAME_MAX)
		return false;
	c->id = (jh_u32)-1;
	memcpy(c->name, key, len);
	return true;
}

static int bad_cell_key(const char *usage, const char *cmd, const char *key)
{
	if (!*key)
		return usage_error(usage, "cell %s: empty cell name", cmd);
	return usage_error(usage, "cell %s: '%s' cannot be a cell name "
			   "(at most %d characters)", cmd, key,
			   JH_CELL_NAME_MAX);
}

static int cell_create(int argc, char **argv)
{
	struct jh_ioc_cell_create arg;
	struct file_data img;
	char name[JH_CELL_NAME_MAX + 1];
	char what[4200];
	int id;

	if (argc != 2)
		return usage_error(CREATE_USAGE, argc < 2 ?
				   "cell create: no cell image given" :
				   "cell create: one cell image only");
	if (!file_read(argv[1], &img))
		return JH_EXIT_FAIL;
	if (!image_check(argv[1], &img, IMAGE_CELL)) {
		file_free(&img);
		return JH_EXIT_FAIL;
	}
	image_cell_name(&img, name, sizeof(name));
	arg.image = (jh_u64)(uintptr_t)img.data;
	arg.size = img.size;
	snprintf(what, sizeof(what), "cell create %s", argv[1]);
	id = device_call(JH_IOC_CELL_CREATE, &arg, OP_CELL_CREATE, what);
	file_free(&img);
	if (id < 0)
		return JH_EXIT_FAIL;
	printf("cell \"%s\" created, id %d\n", name, id);
	return JH_EXIT_OK;
}

/* A guest address: 0x... in hex, else decimal; the whole text. */
static bool parse_address(const char *s, jh_u64 *out)
{
	unsigned int base = 10;
	jh_u64 v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned int)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned int)(*s - 'A' + 10);
		else
			return false;
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*out = v;
	return true;
}

struct load_item {
	char *path;		/* the IMAGE part, a copy */
	jh_u64 address;
	struct file_data data;
};

static void free_items(struct load_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].path);
		file_free(&items[i].data);
	}
	free(items);
}

static int cell_load(int argc, char **argv)
{
	struct jh_ioc_load_image *imgs;
	struct jh_ioc_cell_load arg;
	struct load_item *items;
	size_t n = (size_t)argc - 2;
	char what[128];
	int ret;

	if (argc < 2)
		return usage_error(LOAD_USAGE, "cell load: no cell given");
	if (argc < 3)
		return usage_error(LOAD_USAGE, "cell load: no image given");
	if (!cell_key(argv[1], &arg.cell))
		return bad_cell_key(LOAD_USAGE, "load", argv[1]);

	/* Parse every argument before reading any file. */
	items = calloc(n, sizeof(*items));
	if (!items)
		return fail("cell load: out of memory");
	for (size_t i = 0; i < n; i++) {
		const char *a = argv[2 + i];
		const char *at = strrchr(a, '@');
		size_t plen = at ? (size_t)(at - a) : strlen(a);

		if (plen == 0) {
			free_items(items, n);
			return usage_error(LOAD_USAGE, "cell load: '%s': no "
					   "image file before '@'", a);
		}
		if (at && !parse_address(at + 1, &items[i].address)) {
			free_items(items, n);
			return usage_error(LOAD_USAGE, "cell load: '%s': "
					   "'%s' is not an address (hex 0x... "
					   "or decimal)", a, at + 1);
		}
		items[i].path = strndup(a, plen);
		if (!items[i].path) {
			free_items(items, n);
			return fail("cell load: out of memory");
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct load_item *it = &items[i];

		if (!file_read(it->path, &it->data)) {
			free_items(items, n);
			return JH_EXIT_FAIL;
		}
		if (it->data.size == 0) {
			fprintf(stderr, "jh: %s: empty file, nothing to "
				"load\n", it->path);
			free_items(items, n);
			return JH_EXIT_FAIL;
		}
		if (image_looks_like_jh(&it->data))
			fprintf(stderr, "jh: warning: %s is a jh cell image, "
				"not a program (did you mean 'jh cell "
				"create'?)\n", it->path);
	}

	imgs = calloc(n, sizeof(*imgs));
	if (!imgs) {
		free_items(items, n);
		return fail("cell load: out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		imgs[i].source = (jh_u64)(uintptr_t)items[i].data.data;
		imgs[i].size = items[i].data.size;
		imgs[i].address = items[i].address;
	}
	arg.num_images = (jh_u32)n;
	arg.padding = 0;
	arg.images = (jh_u64)(uintptr_t)imgs;

	snprintf(what, sizeof(what), "cell load %s", argv[1]);
	ret = device_call(JH_IOC_CELL_LOAD, &arg, OP_CELL_LOAD, what);
	if (ret >= 0)
		for (size_t i = 0; i < n; i++)
			printf("cell \"%s\": %s loaded at 0x%llx (%zu "
			       "bytes)\n", argv[1], items[i].path,
			       (unsigned long long)items[i].address,
			       items[i].data.size);
	free(imgs);
	free_items(items, n);
	return ret < 0 ? JH_EXIT_FAIL : JH_EXIT_OK;
}

/* start, shutdown, destroy: one cell, one ioctl. */
static int cell_simple(int argc, char **argv)
{
	static const struct {
		const char *cmd;
		unsigned long request;
		enum jh_op op;
		const char *usage;
		const char *done;
	} ops[] = {
		{ "start", JH_IOC_CELL_START, OP_CELL_START,
		  "jh cell start NAME", "started" },
		{ "shutdown", JH_IOC_CELL_SHUTDOWN, OP_CELL_SHUTDOWN,
		  "jh cell shutdown NAME", "shut down" },
		{ "destroy", JH_IOC_CELL_DESTROY, OP_CELL_DESTROY,
		  "jh cell destroy NAME", "destroyed" },
	};
	struct jh_ioc_cell_id c;
	char what[128];
	size_t k = 0;
	int ret;

	while (strcmp(ops[k].cmd, argv[0]))
		k++;
	if (argc != 2)
		return usage_error(ops[k].usage, argc < 2 ?
				   "cell %s: no cell given" :
				   "cell %s: one cell only", ops[k].cmd);
	if (!cell_key(argv[1], &c))
		return bad_cell_key(ops[k].usage, ops[k].cmd, argv[1]);
	snprintf(what, sizeof(what), "cell %s %s", ops[k].cmd, argv[1]);
	ret = device_call(ops[k].request, &c, ops[k].op, what);
	if (ret < 0)
		return JH_EXIT_FAIL;
	printf("cell \"%s\" %s\n", argv[1], ops[k].done);
	return JH_EXIT_OK;
}

int cmd_cell(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} subs[] = {
		{ "create", cell_create },
		{ "load", cell_load },
		{ "start", cell_simple },
		{ "shutdown", cell_simple },
		{ "destroy", cell_simple },
		{ "list", cmd_cell_list },
		{ "stats", cmd_cell_stats },
	};

	if (argc < 2)
		return usage_error(CELL_USAGE, "cell: no sub-command given");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(argc - 1, argv + 1);
	return usage_error(CELL_USAGE, "cell: unknown sub-command '%s'",
			   argv[1]);
}
