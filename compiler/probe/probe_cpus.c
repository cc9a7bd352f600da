// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPUs: which are online (sysfs), their hardware ids (x86: /proc/cpuinfo
 * "apicid"; arm64: the device tree, see probe_fdt.c) and which share an
 * L2 and an L3 cache (sysfs cache/index*).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jh-cell-format.h"
#include "probe/probe.h"

#define MAX_CPUS 1024

/* x86: "processor : N" ... "apicid : X" blocks. */
static void apic_ids(struct jh_probe *p, const struct jh_probe_root *root)
{
	char *s = jh_probe_read_text(p, root, "proc/cpuinfo", true);
	long cpu = -1;
	bool any = false;

	for (char *line = s; line && *line;) {
		char *eol = strchr(line, '\n');
		char *colon;

		if (eol)
			*eol = 0;
		colon = strchr(line, ':');
		if (colon && !strncmp(line, "processor", 9))
			cpu = strtol(colon + 1, NULL, 10);
		else if (colon && !strncmp(line, "apicid", 6) && cpu >= 0)
			for (size_t i = 0; i < p->board->cpus.n; i++)
				if (p->board->cpus.v[i].index ==
				    (uint32_t)cpu) {
					p->board->cpus.v[i].hw_id =
						strtoull(colon + 1, NULL, 10);
					any = true;
				}
		line = eol ? eol + 1 : NULL;
	}
	if (s && !any)
		jh_probe_note(p, "/proc/cpuinfo has no apicid lines: "
			      "fill in board.cpus.hw-ids");
	free(s);
}

/* Give CPUs that share a cache at `level` the same group number (the
 * lowest CPU of the group). */
static void cache_groups(struct jh_probe *p, const struct jh_probe_root *root,
			 struct jh_board_cpu *c)
{
	char dir[128];
	char **idx;
	size_t n;

	snprintf(dir, sizeof(dir), "sys/devices/system/cpu/cpu%u/cache",
		 c->index);
	n = jh_probe_root_list(root, dir, &idx);
	for (size_t k = 0; k < n; k++) {
		char path[256];
		char *level, *type, *shared;
		bool set[MAX_CPUS] = { false };

		snprintf(path, sizeof(path), "%s/%s/level", dir, idx[k]);
		level = jh_probe_read_text(p, root, path, false);
		snprintf(path, sizeof(path), "%s/%s/type", dir, idx[k]);
		type = jh_probe_read_text(p, root, path, false);
		snprintf(path, sizeof(path), "%s/%s/shared_cpu_list", dir,
			 idx[k]);
		shared = jh_probe_read_text(p, root, path, false);
		if (level && type && shared && strcmp(type, "Instruction") &&
		    jh_probe_parse_cpulist(shared, set, MAX_CPUS)) {
			int32_t first = -1;

			for (int32_t i = 0; i < MAX_CPUS && first < 0; i++)
				if (set[i])
					first = i;
			if (!strcmp(level, "2"))
				c->l2_group = first;
			else if (!strcmp(level, "3"))
				c->l3_group = first;
		}
		free(level);
		free(type);
		free(shared);
	}
	jh_probe_root_free_list(idx, n);
}

void jh_probe_cpus(struct jh_probe *p, const struct jh_probe_root *root)
{
	char *online = jh_probe_read_text(p, root,
					  "sys/devices/system/cpu/online",
					  true);
	bool set[MAX_CPUS] = { false };

	if (!online) {
		jh_probe_note(p, "the online CPUs are unknown: fill in "
			      "board.cpus");
		return;
	}
	if (!jh_probe_parse_cpulist(online, set, MAX_CPUS)) {
		jh_probe_note(p, "/sys/devices/system/cpu/online: cannot read "
			      "\"%s\" as a CPU list: fill in board.cpus",
			      online);
		free(online);
		return;
	}
	free(online);
	for (uint32_t i = 0; i < MAX_CPUS; i++) {
		struct jh_board_cpu *c;

		if (!set[i])
			continue;
		if (i != p->board->cpus.n) {
			jh_probe_note(p, "CPU %u is offline: jh numbers CPUs "
				      "0..N-1 and only online CPUs are "
				      "described; bring all CPUs online "
				      "before probing", (unsigned)
				      p->board->cpus.n);
			break;
		}
		c = jh_vec_push(&p->board->cpus);
		memset(c, 0, sizeof(*c));
		c->index = i;
		c->hw_id = i;
		c->l2_group = -1;
		c->l3_group = -1;
		c->loc = JH_LOC_NONE;
		cache_groups(p, root, c);
	}
	if (p->board->arch == JH_ARCH_X86)
		apic_ids(p, root);
}
