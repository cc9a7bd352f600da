/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * /proc/iomem and /proc/ioports: "start-end : name" lines, nested by two
 * spaces per level.
 */
#ifndef JH_PROBE_RESOURCES_H
#define JH_PROBE_RESOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jh_probe_res {
	uint64_t start, end;	/* end inclusive, as Linux prints it */
	unsigned depth;
	char *name;
	bool leaf;		/* no entry nested below it */
};

struct jh_probe_res_list {
	struct jh_probe_res *v;
	size_t n, cap;
	bool all_zero;		/* read without privileges: addresses hidden */
};

/* Parse; false with the line number in `err` on a malformed line. */
bool jh_probe_parse_resources(const char *text, struct jh_probe_res_list *l,
			      char *err, size_t err_size);
void jh_probe_res_free(struct jh_probe_res_list *l);

#endif /* JH_PROBE_RESOURCES_H */
