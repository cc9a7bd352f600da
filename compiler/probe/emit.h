/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jh-probe's output: a board file and a scenario in the configuration
 * language (doc/language.md).
 *
 * The scenario's root cell is written out, not derived: its RAM is the
 * RAM Linux has minus what the hypervisor and the non-root cells get, and
 * it owns exactly the devices Linux uses (their MMIO ranges, BARs and
 * interrupts come with them) rather than the whole address space.
 * Non-root cells are carved out of the board on request.
 */
#ifndef JH_PROBE_EMIT_H
#define JH_PROBE_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "probe/probe.h"

#define JH_PROBE_MAX_CPUS 1024

/* `--cell NAME:cpus=2-3,mem=256M,devices=uart1+nic0` */
struct jh_probe_cell_req {
	char name[32];
	bool cpus[JH_PROBE_MAX_CPUS];
	bool any_cpu;
	uint64_t mem;
	char **devices;
	size_t num_devices;
	/* filled in by jh_probe_plan */
	uint64_t phys;
};

struct jh_probe_emit_opts {
	const char *board_name;
	const char *board_ref;	/* the board file as the scenario names it */
	uint64_t hv_size;	/* hypervisor memory */
	struct jh_probe_cell_req *cells;
	size_t num_cells;
	/* computed by jh_probe_plan */
	uint64_t hv_phys;
	int32_t carve_ram;	/* board RAM range the carve-out is in */
	uint64_t carve_start;	/* lowest address given away */
};

/* "256M", "1G", "0x1000", "4 KiB" */
bool jh_probe_parse_size(const char *s, uint64_t *out);
bool jh_probe_parse_cell_req(const char *text, struct jh_probe_cell_req *req,
			     char *err, size_t err_size);
void jh_probe_cell_req_free(struct jh_probe_cell_req *req);

/* Place hypervisor and cell memory and check the requests against the
 * board; prints every problem to `errs` and returns false if any. */
bool jh_probe_plan(const struct jh_probe *p, struct jh_probe_emit_opts *o,
		   FILE *errs);

void jh_probe_emit_board(FILE *out, const struct jh_probe *p,
			 const struct jh_probe_emit_opts *o);
void jh_probe_emit_scenario(FILE *out, const struct jh_probe *p,
			    const struct jh_probe_emit_opts *o);

#endif /* JH_PROBE_EMIT_H */
