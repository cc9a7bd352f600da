// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzzing harness for jh-probe's input side. An input that is a snapshot
 * archive goes through the whole probe and both emitters (what `jh-probe
 * --from` does); any other input is handed to one binary or text parser,
 * chosen by its first byte, so that mutations that break the tar
 * checksums still reach the DTB, ACPI and PCI parsers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe/acpi.h"
#include "probe/emit.h"
#include "probe/fdt.h"
#include "probe/pci.h"
#include "probe/probe.h"
#include "probe/resources.h"
#include "probe/root.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void whole_probe(const uint8_t *data, size_t size)
{
	struct jh_probe_root root;
	unsigned char *buf = malloc(size ? size : 1);
	char err[512];
	struct jh_probe *p;
	struct jh_probe_emit_opts o = { .board_name = "fuzz",
					.board_ref = "fuzz.board.yaml",
					.hv_size = 1u << 20 };
	FILE *null;

	memcpy(buf, data, size);
	if (!jh_probe_root_open_tar_buffer(&root, "fuzz.tar", buf, size, err,
					   sizeof(err))) {
		jh_probe_root_close(&root);
		return;
	}
	p = jh_probe_run(&root);
	jh_probe_root_close(&root);
	null = fopen("/dev/null", "w");
	if (null && jh_probe_plan(p, &o, null)) {
		jh_probe_emit_board(null, p, &o);
		jh_probe_emit_scenario(null, p, &o);
	}
	if (null)
		fclose(null);
	jh_probe_free(p);
}

static void one_parser(const uint8_t *data, size_t size)
{
	char err[256];
	const uint8_t *in = data + 1;
	size_t n = size - 1;

	switch (data[0] % 8) {
	case 0: {
		struct jh_fdt f;

		if (jh_fdt_parse(&f, in, n, err, sizeof(err))) {
			uint64_t a, s;

			for (size_t i = 0; i < f.num_nodes; i++) {
				jh_fdt_reg(&f, (int)i, 0, &a, &s);
				jh_fdt_compatible(&f, (int)i, "arm,pl011");
			}
			jh_fdt_free(&f);
		}
		break;
	}
	case 1: {
		struct jh_acpi_mcfg m;

		jh_acpi_parse_mcfg(in, n, &m, err, sizeof(err));
		break;
	}
	case 2: {
		struct jh_acpi_madt *m = malloc(sizeof(*m));

		jh_acpi_parse_madt(in, n, m, err, sizeof(err));
		free(m);
		break;
	}
	case 3: {
		struct jh_acpi_dmar *d = malloc(sizeof(*d));

		jh_acpi_parse_dmar(in, n, d, err, sizeof(err));
		free(d);
		break;
	}
	case 4: {
		struct jh_acpi_ivrs *v = malloc(sizeof(*v));

		jh_acpi_parse_ivrs(in, n, v, err, sizeof(err));
		free(v);
		break;
	}
	case 5: {
		struct jh_probe_pci *d = calloc(1, sizeof(*d));
		uint64_t a, s;

		jh_probe_pci_parse_config(d, in, n, err, sizeof(err));
		jh_probe_pci_msix_window(d, &a, &s);
		free(d);
		break;
	}
	default: {
		char *text = malloc(n + 1);
		struct jh_probe_res_list l;
		struct jh_probe_pci *d = calloc(1, sizeof(*d));
		struct jh_probe_cell_req r;
		bool set[64];

		memcpy(text, in, n);
		text[n] = 0;
		if (jh_probe_parse_resources(text, &l, err, sizeof(err)))
			jh_probe_res_free(&l);
		jh_probe_pci_parse_resource(d, text, err, sizeof(err));
		jh_probe_parse_cpulist(text, set, 64);
		if (jh_probe_parse_cell_req(text, &r, err, sizeof(err)))
			jh_probe_cell_req_free(&r);
		free(d);
		free(text);
		break;
	}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 512)
		whole_probe(data, size);
	if (size >= 1)
		one_parser(data, size);
	return 0;
}
