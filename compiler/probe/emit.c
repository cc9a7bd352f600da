// SPDX-License-Identifier: GPL-2.0-only
/*
 * Board and scenario YAML from a probe (see emit.h). The output follows
 * doc/language.md; comments say where each value came from and what the
 * user must check or fill in.
 */
#include "probe/emit.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "diag/diag.h"
#include "jh-cell-format.h"

#define MIB ((uint64_t)1 << 20)
#define PAGE 0x1000ull

/* ------------------------------------------------------------ numbers */

/* 0x4000_0000: hex with '_' every four digits. */
static const char *hex(char *buf, uint64_t v)
{
	char digits[17];
	int n = snprintf(digits, sizeof(digits), "%" PRIx64, v), o = 2;

	/* whole groups of four from 0x1000 up: 0x0800_0000 */
	if (n > 4 && n % 4)
		n = snprintf(digits, sizeof(digits), "%0*" PRIx64,
			     n + 4 - n % 4, v);

	buf[0] = '0';
	buf[1] = 'x';
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 4 == 0)
			buf[o++] = '_';
		buf[o++] = digits[i];
	}
	buf[o] = 0;
	return buf;
}

/* 4 KiB, 16 MiB, 1 GiB when exact; hex otherwise. */
static const char *size_str(char *buf, uint64_t v)
{
	static const struct {
		uint64_t unit;
		const char *name;
	} units[] = {
		{ 1ull << 40, "TiB" }, { 1ull << 30, "GiB" },
		{ 1ull << 20, "MiB" }, { 1ull << 10, "KiB" },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(*units); i++)
		if (v && v % units[i].unit == 0) {
			sprintf(buf, "%" PRIu64 " %s", v / units[i].unit,
				units[i].name);
			return buf;
		}
	return hex(buf, v);
}

static const char *range_str(char *buf, uint64_t start, uint64_t size)
{
	char a[32], b[32];

	sprintf(buf, "%s .. +%s", hex(a, start), size_str(b, size));
	return buf;
}

/* "0-3,6" from a set */
static void cpu_list(FILE *out, const bool *set, size_t n)
{
	bool first = true;

	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		if (!set[i])
			continue;
		while (j + 1 < n && set[j + 1])
			j++;
		fprintf(out, "%s%zu", first ? "" : ",", i);
		if (j > i)
			fprintf(out, "-%zu", j);
		first = false;
		i = j;
	}
}

/* ------------------------------------------------------------ requests */

bool jh_probe_parse_size(const char *s, uint64_t *out)
{
	char *e;
	uint64_t v = strtoull(s, &e, 0), mul = 1;

	if (e == s)
		return false;
	while (*e == ' ')
		e++;
	if (!strcmp(e, "K") || !strcmp(e, "KiB") || !strcmp(e, "k"))
		mul = 1ull << 10;
	else if (!strcmp(e, "M") || !strcmp(e, "MiB"))
		mul = 1ull << 20;
	else if (!strcmp(e, "G") || !strcmp(e, "GiB"))
		mul = 1ull << 30;
	else if (*e)
		return false;
	if (v > UINT64_MAX / mul)
		return false;
	*out = v * mul;
	return true;
}

bool jh_probe_parse_cell_req(const char *text, struct jh_probe_cell_req *req,
			     char *err, size_t err_size)
{
	const char *colon = strchr(text, ':');
	char *spec, *tok, *save = NULL;
	enum { NONE, CPUS, DEVICES } last = NONE;
	char cpus[256] = "";
	bool ok = true;

	memset(req, 0, sizeof(*req));
	if (!colon || colon == text || (size_t)(colon - text) >=
	    sizeof(req->name)) {
		snprintf(err, err_size, "--cell %s: expected NAME:cpus=LIST,"
			 "mem=SIZE[,devices=A+B] with a name of 1..31 "
			 "characters", text);
		return false;
	}
	memcpy(req->name, text, (size_t)(colon - text));
	for (const char *c = req->name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_') {
			snprintf(err, err_size, "--cell %s: the name may hold "
				 "letters, digits, '-' and '_' only", text);
			return false;
		}
	spec = jh_xstrdup(colon + 1);
	for (tok = strtok_r(spec, ",", &save); tok && ok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		const char *val = eq ? eq + 1 : tok;

		if (eq)
			*eq = 0;
		if (eq && !strcmp(tok, "cpus")) {
			last = CPUS;
			snprintf(cpus, sizeof(cpus), "%s", val);
		} else if (!eq && last == CPUS) {
			size_t n = strlen(cpus);

			snprintf(cpus + n, sizeof(cpus) - n, ",%s", val);
		} else if (eq && !strcmp(tok, "mem")) {
			last = NONE;
			if (!jh_probe_parse_size(val, &req->mem) ||
			    !req->mem || req->mem % PAGE) {
				snprintf(err, err_size, "--cell %s: mem=%s is "
					 "not a size in whole pages (e.g. "
					 "256M)", req->name, val);
				ok = false;
			}
		} else if ((eq && !strcmp(tok, "devices")) ||
			   (!eq && last == DEVICES)) {
			char *d, *s2 = NULL, *list = jh_xstrdup(val);

			last = DEVICES;
			for (d = strtok_r(list, "+", &s2); d;
			     d = strtok_r(NULL, "+", &s2)) {
				req->devices = jh_xrealloc_array(req->devices,
					req->num_devices + 1,
					sizeof(*req->devices));
				req->devices[req->num_devices++] =
					jh_xstrdup(d);
			}
			free(list);
		} else {
			snprintf(err, err_size, "--cell %s: unknown key \"%s\" "
				 "(cpus=, mem=, devices=)", req->name, tok);
			ok = false;
		}
	}
	free(spec);
	if (ok && !cpus[0]) {
		snprintf(err, err_size, "--cell %s: cpus= is missing",
			 req->name);
		ok = false;
	}
	if (ok && !jh_probe_parse_cpulist(cpus, req->cpus,
					  JH_PROBE_MAX_CPUS)) {
		snprintf(err, err_size, "--cell %s: cpus=%s is not a CPU list "
			 "(e.g. 2-3,6)", req->name, cpus);
		ok = false;
	}
	if (ok && !req->mem) {
		snprintf(err, err_size, "--cell %s: mem= is missing",
			 req->name);
		ok = false;
	}
	for (size_t i = 0; ok && i < JH_PROBE_MAX_CPUS; i++)
		req->any_cpu |= req->cpus[i];
	if (!ok)
		jh_probe_cell_req_free(req);
	return ok;
}

void jh_probe_cell_req_free(struct jh_probe_cell_req *req)
{
	for (size_t i = 0; i < req->num_devices; i++)
		free(req->devices[i]);
	free(req->devices);
	req->devices = NULL;
	req->num_devices = 0;
}

/* ------------------------------------------------------------ planning */

/* Index of a board device (kind 0) or PCI device (kind 1) by name. */
static int find_dev(const struct jh_probe *p, const char *name, int *kind)
{
	for (size_t i = 0; i < p->board->devices.n; i++)
		if (!strcmp(p->board->devices.v[i].name, name)) {
			*kind = 0;
			return (int)i;
		}
	for (size_t i = 0; i < p->board->pci_devices.n; i++)
		if (!strcmp(p->board->pci_devices.v[i].name, name)) {
			*kind = 1;
			return (int)i;
		}
	return -1;
}

/* Which cell (index into o->cells) owns a device; -1 = the root. */
static int owner(const struct jh_probe_emit_opts *o, const char *name)
{
	for (size_t c = 0; c < o->num_cells; c++)
		for (size_t k = 0; k < o->cells[c].num_devices; k++)
			if (!strcmp(o->cells[c].devices[k], name))
				return (int)c;
	return -1;
}

bool jh_probe_plan(const struct jh_probe *p, struct jh_probe_emit_opts *o,
		   FILE *errs)
{
	const struct jh_board *b = p->board;
	bool ok = true;
	uint64_t cur, floor;
	int32_t big = -1;

	for (size_t i = 0; i < b->ram.n; i++)
		if (big < 0 || b->ram.v[i].size > b->ram.v[big].size)
			big = (int32_t)i;
	o->carve_ram = big;
	if (big < 0) {
		fprintf(errs, "jh-probe: error: no RAM known, so the "
			"hypervisor and cells cannot be placed\n");
		return false;
	}
	/* from the top of the largest RAM range down: the hypervisor, then
	 * each cell in order, 2 MiB aligned when big enough (huge pages) */
	cur = b->ram.v[big].start + b->ram.v[big].size;
	floor = b->ram.v[big].start;
	if (o->hv_size % PAGE || o->hv_size > cur - floor) {
		fprintf(errs, "jh-probe: error: hypervisor memory of %" PRIu64
			" bytes does not fit %s\n", o->hv_size,
			b->ram.v[big].name);
		return false;
	}
	cur = (cur - o->hv_size) & ~(PAGE - 1);
	o->hv_phys = cur;
	for (size_t c = 0; c < o->num_cells; c++) {
		struct jh_probe_cell_req *r = &o->cells[c];
		uint64_t align = r->mem >= 2 * MIB ? 2 * MIB : PAGE;

		if (r->mem > cur - floor) {
			fprintf(errs, "jh-probe: error: cell %s: %" PRIu64
				" MiB of memory do not fit in %s below the "
				"hypervisor\n", r->name, (uint64_t)(r->mem / MIB),
				b->ram.v[big].name);
			ok = false;
			continue;
		}
		cur = (cur - r->mem) & ~(align - 1);
		r->phys = cur;
		if (!strcmp(r->name, "root")) {
			fprintf(errs, "jh-probe: error: \"root\" is the root "
				"cell's name; choose another\n");
			ok = false;
		}
		for (size_t k = 0; k < c; k++)
			if (!strcmp(o->cells[k].name, r->name)) {
				fprintf(errs, "jh-probe: error: two cells "
					"named %s\n", r->name);
				ok = false;
			}
		for (size_t i = 0; i < JH_PROBE_MAX_CPUS; i++) {
			if (!r->cpus[i])
				continue;
			if (i >= b->cpus.n) {
				fprintf(errs, "jh-probe: error: cell %s: CPU "
					"%zu does not exist (the board has "
					"%zu)\n", r->name, i, b->cpus.n);
				ok = false;
			} else if (i == 0) {
				fprintf(errs, "jh-probe: error: cell %s: CPU 0 "
					"stays with the root cell (Linux "
					"cannot give away its boot CPU)\n",
					r->name);
				ok = false;
			}
			for (size_t k = 0; k < c; k++)
				if (o->cells[k].cpus[i]) {
					fprintf(errs, "jh-probe: error: cells "
						"%s and %s both ask for CPU "
						"%zu\n", o->cells[k].name,
						r->name, i);
					ok = false;
				}
		}
		for (size_t k = 0; k < r->num_devices; k++) {
			int kind, d = find_dev(p, r->devices[k], &kind);

			if (d < 0) {
				const char *cands[512];
				size_t n = 0;
				const char *hint;

				for (size_t i = 0; i < b->devices.n &&
				     n < 511; i++)
					cands[n++] = b->devices.v[i].name;
				for (size_t i = 0; i < b->pci_devices.n &&
				     n < 511; i++)
					cands[n++] = b->pci_devices.v[i].name;
				cands[n] = NULL;
				hint = jh_suggest(r->devices[k], cands, n);
				fprintf(errs, "jh-probe: error: cell %s: no "
					"device named %s on this board%s%s%s\n",
					r->name, r->devices[k],
					hint ? " (did you mean " : "",
					hint ? hint : "", hint ? "?)" : "");
				ok = false;
				continue;
			}
			if (owner(o, r->devices[k]) != (int)c) {
				fprintf(errs, "jh-probe: error: device %s is "
					"given to two cells\n", r->devices[k]);
				ok = false;
			}
			if (kind == 0 && (p->dev_info.v[d].firmware >= 0 ||
					  !strcmp(r->devices[k], "gic-its") ||
					  !strcmp(r->devices[k], "gic-v2m"))) {
				fprintf(errs, "jh-probe: error: cell %s: %s "
					"stays with the root cell (%s)\n",
					r->name, r->devices[k],
					p->dev_info.v[d].firmware >= 0 ?
					"firmware memory the root Linux reads" :
					"the GIC's MSI frame is shared by every "
					"MSI");
				ok = false;
			}
			if (kind == 0 && p->console_dev == d)
				fprintf(errs, "jh-probe: warning: cell %s "
					"takes %s, the hypervisor's debug "
					"console and the root Linux's "
					"console\n", r->name, r->devices[k]);
		}
	}
	o->carve_start = cur;
	if (ok && cur - floor < 64 * MIB)
		fprintf(errs, "jh-probe: warning: only %" PRIu64 " MiB of %s "
			"are left for the root cell\n", (uint64_t)((cur - floor) / MIB),
			b->ram.v[big].name);
	return ok;
}

/* ------------------------------------------------------------ board */

static const char *arch_name(uint8_t arch)
{
	return arch == JH_ARCH_ARM64 ? "arm64" : arch == JH_ARCH_ARM ? "arm" :
	       "x86";
}

static const char *con_type(uint16_t t)
{
	static const char *const names[] = {
		"none", "efifb", "8250", "pl011", "xuartps", "mvebu", "hscif",
		"scifa", "imx", "imx-lpuart", "scif",
	};

	return t < sizeof(names) / sizeof(*names) ? names[t] : "none";
}

static void con_flags(FILE *out, uint16_t f)
{
	const char *sep = "";

	fprintf(out, "[");
	if (f & JH_CON_ACCESS_MMIO) {
		fprintf(out, "mmio");
		sep = ", ";
	}
	if (f & JH_CON_REGDIST_4)
		fprintf(out, "%sregdist-4", sep);
	fprintf(out, "]");
}

static void header(FILE *out, const struct jh_probe *p, const char *what)
{
	fprintf(out, "# SPDX-License-Identifier: GPL-2.0-only\n"
		"# yaml-language-server: $schema=../schema/jh-config.schema.json"
		"\n#\n# %s generated by jh-probe from %s (%s).\n"
		"# Review it before use: jh-probe describes what Linux shows, "
		"and Linux\n# does not show everything.\n", what,
		p->source, p->machine);
	if (p->notes.n) {
		fprintf(out, "#\n# jh-probe could not read or decide "
			"everything; check these:\n");
		for (size_t i = 0; i < p->notes.n; i++)
			fprintf(out, "#  - %s\n", p->notes.v[i]);
	}
	fprintf(out, "jh: 1\n");
}

static void irq_list(FILE *out, const struct jh_board_irq *irqs, size_t n)
{
	fprintf(out, "[");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%u", i ? ", " : "", irqs[i].irq);
	fprintf(out, "]");
}

static void cache_groups(FILE *out, const struct jh_board *b, bool l3)
{
	bool done[JH_PROBE_MAX_CPUS] = { false };
	bool first = true;

	for (size_t i = 0; i < b->cpus.n && i < JH_PROBE_MAX_CPUS; i++) {
		int32_t g = l3 ? b->cpus.v[i].l3_group : b->cpus.v[i].l2_group;
		bool set[JH_PROBE_MAX_CPUS] = { false };

		if (g < 0 || done[i])
			continue;
		for (size_t k = i; k < b->cpus.n && k < JH_PROBE_MAX_CPUS;
		     k++)
			if ((l3 ? b->cpus.v[k].l3_group :
				  b->cpus.v[k].l2_group) == g) {
				set[k] = true;
				done[k] = true;
			}
		fprintf(out, "%s", first ? "" : ", ");
		cpu_list(out, set, JH_PROBE_MAX_CPUS);
		first = false;
	}
}

static void emit_cpus(FILE *out, const struct jh_board *b)
{
	bool l2 = false, l3 = false;

	fprintf(out, "  cpus:\n    count: %zu\n    hw-ids: [", b->cpus.n);
	for (size_t i = 0; i < b->cpus.n; i++) {
		char h[32];

		fprintf(out, "%s%s", i ? ", " : "",
			hex(h, b->cpus.v[i].hw_id));
		l2 |= b->cpus.v[i].l2_group >= 0;
		l3 |= b->cpus.v[i].l3_group >= 0;
	}
	fprintf(out, "]%s\n", b->arch == JH_ARCH_X86 ?
		"   # APIC ids (/proc/cpuinfo)" :
		"   # MPIDRs, in device-tree order (Linux numbers CPUs so "
		"when it boots on the first)");
	if (l2) {
		fprintf(out, "    l2: [");
		cache_groups(out, b, false);
		fprintf(out, "]\n");
	}
	if (l3) {
		fprintf(out, "    l3: [");
		cache_groups(out, b, true);
		fprintf(out, "]\n");
	}
}

static void emit_irqchips(FILE *out, const struct jh_board *b)
{
	char h[32];

	if (!b->irqchips.n)
		return;
	fprintf(out, "  irqchips:\n");
	for (size_t i = 0; i < b->irqchips.n; i++) {
		const struct jh_board_irqchip *c = &b->irqchips.v[i];

		fprintf(out, "    %s:\n", c->name);
		if (c->kind == JH_IRQCHIP_IOAPIC) {
			fprintf(out, "      type: ioapic\n      address: %s\n",
				hex(h, c->address));
			/* 00:00.0 is the host bridge, never an IOAPIC: 0
			 * means no table named it */
			if (c->id)
				fprintf(out, "      id: %s   # requester id "
					"(BDF %02x:%02x.%x)\n", hex(h, c->id),
					c->id >> 8, (c->id >> 3) & 0x1f,
					c->id & 7);
			else
				fprintf(out, "      # id: unknown (no DMAR or "
					"IVRS entry): fill in its requester "
					"id\n");
			fprintf(out, "      lines: %u   # assumed: the usual "
				"count; the IOAPIC's version register has the "
				"real one\n", c->num_lines);
			continue;
		}
		fprintf(out, "      type: %s\n      gicd: %s\n",
			c->kind == JH_IRQCHIP_GICV3 ? "gicv3" : "gicv2",
			hex(h, c->address));
		if (c->kind == JH_IRQCHIP_GICV3) {
			fprintf(out, "      gicr: %s\n", hex(h, c->gicr));
		} else {
			fprintf(out, "      gicc: %s\n", hex(h, c->gicc));
			fprintf(out, "      gich: %s\n", hex(h, c->gich));
			fprintf(out, "      gicv: %s\n", hex(h, c->gicv));
		}
		if (c->maintenance_irq)
			fprintf(out, "      maintenance-irq: %u\n",
				c->maintenance_irq);
	}
}

static void emit_devices(FILE *out, const struct jh_probe *p)
{
	const struct jh_board *b = p->board;
	char r[64];

	if (!b->devices.n)
		return;
	fprintf(out, "  devices:\n");
	for (size_t i = 0; i < b->devices.n; i++) {
		const struct jh_board_device *d = &b->devices.v[i];

		fprintf(out, "    %s:   # %s\n", d->name, p->dev_info.v[i].what);
		if (p->dev_info.v[i].exact)
			fprintf(out, "      # registers at %s, rounded to whole "
				"pages (a page may hold several devices)\n",
				p->dev_info.v[i].exact);
		if (d->mmio.n == 1) {
			fprintf(out, "      mmio: %s\n",
				range_str(r, d->mmio.v[0].start,
					  d->mmio.v[0].size));
		} else {
			fprintf(out, "      mmio:\n");
			for (size_t k = 0; k < d->mmio.n; k++)
				fprintf(out, "        - %s\n",
					range_str(r, d->mmio.v[k].start,
						  d->mmio.v[k].size));
		}
		if (d->irqs.n) {
			fprintf(out, "      irqs: ");
			irq_list(out, d->irqs.v, d->irqs.n);
			fprintf(out, "\n");
		}
		if (d->console_type) {
			fprintf(out, "      console: {type: %s, flags: ",
				con_type(d->console_type));
			con_flags(out, d->console_flags);
			fprintf(out, "}\n");
		}
		if (d->dma)
			fprintf(out, "      dma: true\n");
		if (d->stream_ids.n) {
			fprintf(out, "      stream-ids: [");
			for (size_t k = 0; k < d->stream_ids.n; k++)
				fprintf(out, "%s%s", k ? ", " : "",
					hex(r, d->stream_ids.v[k]));
			fprintf(out, "]\n");
		}
	}
}

static void emit_iommus(FILE *out, const struct jh_board *b)
{
	char h[32], s[32];

	if (!b->iommus.n)
		return;
	fprintf(out, "  iommus:\n");
	for (size_t i = 0; i < b->iommus.n; i++) {
		const struct jh_board_iommu *u = &b->iommus.v[i];
		const char *type = u->type == JH_IOMMU_INTEL ? "intel" :
			u->type == JH_IOMMU_AMD ? "amd" :
			u->type == JH_IOMMU_SMMUV3 ? "smmuv3" :
			u->type == JH_IOMMU_ARM_MMU500 ? "mmu500" : "none";

		fprintf(out, "    %s: {type: %s, base: %s, size: %s", u->name,
			type, hex(h, u->base), size_str(s, u->size));
		if (u->type == JH_IOMMU_AMD) {
			uint16_t bdf = (uint16_t)(u->raw[0] | u->raw[1] << 8);
			uint32_t f = (uint32_t)u->raw[4] |
				     (uint32_t)u->raw[5] << 8 |
				     (uint32_t)u->raw[6] << 16 |
				     (uint32_t)u->raw[7] << 24;

			fprintf(out, ",   # size: the register window with "
				"the extended features\n      bdf: \"%02x:%02x.%x\", "
				"base-cap: 0x%02x, msi-cap: 0x%02x, features: %s",
				bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7,
				u->raw[2], u->raw[3], hex(h, f));
		}
		fprintf(out, "}\n");
	}
}

static void emit_pci_dev(FILE *out, const struct jh_probe *p, size_t i)
{
	const struct jh_board *b = p->board;
	const struct jh_board_pci_device *d = &b->pci_devices.v[i];
	const struct jh_probe_pci *raw = &p->pci_info.v[i].raw;
	char h[32], s[32];
	int last = -1;
	bool arm_io = false;

	fprintf(out, "      %s:   # %04x:%04x, class %06x", d->name,
		raw->vendor, raw->device, raw->class_code);
	if (raw->iommu_group >= 0)
		fprintf(out, ", IOMMU group %d", raw->iommu_group);
	fprintf(out, "\n        bdf: \"%02x:%02x.%x\"\n", d->bdf >> 8,
		(d->bdf >> 3) & 0x1f, d->bdf & 7);
	fprintf(out, "        type: %s\n",
		d->type == JH_PCI_TYPE_BRIDGE ? "bridge" : "device");
	if (d->bridge >= 0)
		fprintf(out, "        bridge: %s\n",
			b->pci_devices.v[d->bridge].name);
	for (int k = 0; k < 6; k++)
		if (d->bars[k].size) {
			last = k;
			arm_io |= d->bars[k].io && b->arch != JH_ARCH_X86;
		}
	if (last >= 0) {
		fprintf(out, "        bars:\n");
		for (int k = 0; k <= last; k++) {
			const struct jh_board_bar *bar = &d->bars[k];

			if (!bar->size) {
				fprintf(out, "          - ~\n");
				continue;
			}
			if (bar->io && b->arch != JH_ARCH_X86) {
				fprintf(out, "          - ~   # I/O BAR, ports "
					"0x%" PRIx64 " .. +0x%" PRIx64 ": "
					"reached through pcie-io\n",
					bar->start, bar->size);
				continue;
			}
			fprintf(out, "          - {start: %s, size: %s, type: "
				"%s}%s\n", hex(h, bar->start),
				size_str(s, bar->size),
				bar->io ? "io" : bar->is64 ? "mem64" : "mem32",
				bar->prefetch ? "   # prefetchable" : "");
		}
	}
	if (arm_io) {
		/* the I/O BARs are left out above; keep their masks */
		fprintf(out, "        bar-mask: [");
		for (int k = 0; k < 6; k++) {
			const struct jh_board_bar *bar = &d->bars[k];
			uint64_t m = 0;

			if (bar->size)
				m = ~(bar->size - 1) & 0xffffffffull;
			else if (k && d->bars[k - 1].is64 &&
				 d->bars[k - 1].size)
				m = ~(d->bars[k - 1].size - 1) >> 32;
			fprintf(out, "%s%s", k ? ", " : "", hex(h, m));
		}
		fprintf(out, "]\n");
	}
	if (d->intx_pin) {
		fprintf(out, "        intx: %c\n", 'a' + d->intx_pin - 1);
		if (d->intx_line >= 0)
			fprintf(out, "        intx-line: %d\n", d->intx_line);
		else
			fprintf(out, "        # intx-line: unknown, fill in\n");
	}
	if (d->num_msi_vectors)
		fprintf(out, "        msi: {vectors: %u, 64bit: %s, maskable: "
			"%s}\n", d->num_msi_vectors,
			d->msi_flags & JH_PCI_MSI_64BITS ? "true" : "false",
			d->msi_flags & JH_PCI_MSI_MASKABLE ? "true" : "false");
	if (d->num_msix_vectors && d->msix_region_size)
		fprintf(out, "        msix: {vectors: %u, region-size: %s, "
			"address: %s}\n", d->num_msix_vectors,
			size_str(s, d->msix_region_size),
			hex(h, d->msix_address));
	if (d->caps.n) {
		fprintf(out, "        caps:\n");
		for (size_t k = 0; k < d->caps.n; k++) {
			const struct jh_board_pci_cap *c = &d->caps.v[k];
			bool ext = c->id & JH_PCI_EXT_CAP;

			fprintf(out, "          - {id: 0x%02x, %sstart: 0x%02x, "
				"len: %u%s}\n", c->id & ~JH_PCI_EXT_CAP,
				ext ? "ext: true, " : "", c->start, c->len,
				c->flags & JH_PCICAPS_WRITE ?
				", flags: [write]" : "");
		}
	}
	if (d->iommu >= 0)
		fprintf(out, "        iommu: %s\n", b->iommus.v[d->iommu].name);
	if (d->stream_ids.n) {
		fprintf(out, "        stream-ids: [");
		for (size_t k = 0; k < d->stream_ids.n; k++)
			fprintf(out, "%s%s", k ? ", " : "",
				hex(h, d->stream_ids.v[k]));
		fprintf(out, "]\n");
	}
	if (d->dma)
		fprintf(out, "        dma: true\n");
}

void jh_probe_emit_board(FILE *out, const struct jh_probe *p,
			 const struct jh_probe_emit_opts *o)
{
	const struct jh_board *b = p->board;
	char r[64], h[32];

	header(out, p, "Board");
	fprintf(out, "board:\n  name: %s\n  arch: %s\n", o->board_name,
		arch_name(b->arch));
	if (b->cpus.n)
		emit_cpus(out, b);
	if (b->ram.n) {
		fprintf(out, "  ram:   # %s\n", p->ram_from_dt ?
			"device-tree memory nodes (Linux uses less)" :
			"\"System RAM\" in /proc/iomem");
		for (size_t i = 0; i < b->ram.n; i++)
			fprintf(out, "    %s: %s\n", b->ram.v[i].name,
				range_str(r, b->ram.v[i].start,
					  b->ram.v[i].size));
	}
	emit_irqchips(out, b);
	if (b->hv_irqs.n) {
		fprintf(out, "  hypervisor-irqs: ");
		irq_list(out, b->hv_irqs.v, b->hv_irqs.n);
		fprintf(out, "   # GIC maintenance, EL2 timer\n");
	}
	emit_devices(out, p);
	emit_iommus(out, b);
	if (b->has_pci) {
		fprintf(out, "  pci:\n    ecam: %s\n    end-bus: %u\n"
			"    domain: %u\n", hex(h, b->pci_ecam),
			b->pci_end_bus, b->pci_domain);
		if (b->pci_devices.n)
			fprintf(out, "    devices:\n");
		for (size_t i = 0; i < b->pci_devices.n; i++)
			emit_pci_dev(out, p, i);
	}
	if (b->cache_alloc.present) {
		const struct jh_board_cache_alloc *c = &b->cache_alloc;

		fprintf(out, "  cache-allocation:   # from "
			"/sys/fs/resctrl/info\n    l3-cbm-length: %u\n"
			"    l3-cdp: %s\n    l2-cbm-length: %u\n"
			"    l2-cdp: %s\n", c->l3_cbm_length,
			c->l3_cdp ? "true" : "false", c->l2_cbm_length,
			c->l2_cdp ? "true" : "false");
	}
	if (b->ports.n) {
		fprintf(out, "  ports:   # /proc/ioports\n");
		for (size_t i = 0; i < b->ports.n; i++)
			fprintf(out, "    %s: 0x%x .. +%u   # %s\n",
				b->ports.v[i].name, b->ports.v[i].base,
				b->ports.v[i].length, p->port_info.v[i].what);
	}
	if (b->arch == JH_ARCH_X86 && p->pm_timer)
		fprintf(out, "  x86: {pm-timer: 0x%x}\n", p->pm_timer);
}

/* ------------------------------------------------------------ scenario */

static void emit_root(FILE *out, const struct jh_probe *p,
		      const struct jh_probe_emit_opts *o)
{
	const struct jh_board *b = p->board;
	bool cpus[JH_PROBE_MAX_CPUS] = { false };
	char r[32], s[32];
	bool first;

	/* every CPU: non-root cells take theirs from the root cell when
	 * they are created */
	fprintf(out, "  root:\n    root: true\n    cpus: ");
	for (size_t i = 0; i < b->cpus.n && i < JH_PROBE_MAX_CPUS; i++)
		cpus[i] = true;
	cpu_list(out, cpus, JH_PROBE_MAX_CPUS);
	fprintf(out, "%s\n    memory:\n", o->num_cells ?
		"   # cells take theirs from here when created" : "");
	for (size_t i = 0; i < p->firmware.n; i++)
		fprintf(out, "      - {phys: %s, size: %s, flags: %s, "
			"name: %s}   # %s\n", hex(r, p->firmware.v[i].start),
			size_str(s, p->firmware.v[i].size),
			p->firmware.v[i].flags,
			b->devices.v[p->firmware.v[i].dev].name,
			p->firmware.v[i].what);
	for (size_t i = 0; i < b->ram.n; i++) {
		uint64_t start = b->ram.v[i].start;
		uint64_t end = start + b->ram.v[i].size;

		/* the RAM range minus the hypervisor and the cells: what is
		 * left between them (alignment) stays with the root too */
		while (start < end) {
			uint64_t next = end, resume = end;

			if ((int32_t)i == o->carve_ram) {
				for (size_t c = 0; c <= o->num_cells; c++) {
					uint64_t a = c < o->num_cells ?
						o->cells[c].phys : o->hv_phys;
					uint64_t z = a + (c < o->num_cells ?
						o->cells[c].mem : o->hv_size);

					if (a <= start && z > start) {
						next = start;
						resume = z;
					} else if (a > start && a < next) {
						next = a;
						resume = z;
					}
				}
			}
			if (next > start)
				fprintf(out, "      - {phys: %s, size: %s, "
					"flags: rwx|dma, name: %s}\n",
					hex(r, start), size_str(s, next - start),
					b->ram.v[i].name);
			start = resume > next ? resume : next;
			if (next == end)
				break;
		}
	}
	first = true;
	for (size_t i = 0; i < b->devices.n; i++) {
		const struct jh_probe_dev_info *info = &p->dev_info.v[i];

		if (!info->keep || info->firmware >= 0 ||
		    owner(o, b->devices.v[i].name) >= 0)
			continue;
		fprintf(out, "%s%s", first ? "    devices:\n      - " :
			"\n      - ", b->devices.v[i].name);
		if ((int32_t)i == p->console_dev)
			fprintf(out, "   # also the hypervisor's debug "
				"console: shared on purpose, Linux prints "
				"on it too");
		else if (!strcmp(b->devices.v[i].name, "gic-its") ||
			 !strcmp(b->devices.v[i].name, "gic-v2m"))
			fprintf(out, "   # MSIs of the root's PCI devices go "
				"through it");
		first = false;
	}
	for (size_t i = 0; i < b->pci_devices.n; i++) {
		if (!p->pci_info.v[i].keep ||
		    owner(o, b->pci_devices.v[i].name) >= 0)
			continue;
		fprintf(out, "%s%s", first ? "    devices:\n      - " :
			"\n      - ", b->pci_devices.v[i].name);
		first = false;
	}
	if (!first)
		fprintf(out, "\n");
	for (size_t i = 0; i < b->devices.n; i++)
		if (!p->dev_info.v[i].keep && p->dev_info.v[i].firmware < 0)
			fprintf(out, "    # not kept: %s (%s)\n",
				b->devices.v[i].name, p->dev_info.v[i].why);
	for (size_t i = 0; i < b->pci_devices.n; i++)
		if (!p->pci_info.v[i].keep)
			fprintf(out, "    # not kept: %s (%s)\n",
				b->pci_devices.v[i].name,
				p->pci_info.v[i].why);
	if (p->root_irqs.n) {
		/* legacy lines; PCI INTx lines come with their devices */
		first = true;
		for (size_t i = 0; i < p->root_irqs.n; i++) {
			bool pci = false;

			for (size_t k = 0; k < b->pci_devices.n; k++)
				pci |= b->pci_devices.v[k].intx_line ==
				       (int32_t)p->root_irqs.v[i];
			if (pci)
				continue;
			fprintf(out, "%s%u", first ? "    irqs: [" : ", ",
				p->root_irqs.v[i]);
			first = false;
		}
		if (!first)
			fprintf(out, "]   # IOAPIC pins of legacy devices "
				"(/proc/interrupts)\n");
	}
	if (b->ports.n) {
		fprintf(out, "    pio:\n");
		for (size_t i = 0; i < b->ports.n; i++)
			fprintf(out, "      - %s%s\n", b->ports.v[i].name,
				(int32_t)i == p->console_port ?
				"   # also the hypervisor's debug console: "
				"shared on purpose" : "");
	}
}

static void emit_cell(FILE *out, const struct jh_probe *p,
		      const struct jh_probe_cell_req *r)
{
	char h[32], s[32];
	const char *console = NULL;

	fprintf(out, "  %s:\n    cpus: ", r->name);
	cpu_list(out, r->cpus, JH_PROBE_MAX_CPUS);
	fprintf(out, "\n    memory:\n      - {phys: %s, virt: 0, size: %s, "
		"flags: rwx|loadable}\n", hex(h, r->phys),
		size_str(s, r->mem));
	fprintf(out, "    comm-region: 0x8000_0000\n");
	if (r->num_devices) {
		fprintf(out, "    devices: [");
		for (size_t k = 0; k < r->num_devices; k++) {
			fprintf(out, "%s%s", k ? ", " : "", r->devices[k]);
			for (size_t i = 0; i < p->board->devices.n; i++)
				if (!strcmp(p->board->devices.v[i].name,
					    r->devices[k]) &&
				    p->board->devices.v[i].console_type &&
				    !console)
					console = r->devices[k];
		}
		fprintf(out, "]\n");
	}
	if (console)
		fprintf(out, "    console: %s\n", console);
	else
		fprintf(out, "    flags: [virtual-console-permitted]   # no "
			"UART of its own: it may print through the "
			"hypervisor\n");
	/* PCI devices sharing an IOMMU group with the root's */
	for (size_t k = 0; k < r->num_devices; k++)
		for (size_t i = 0; i < p->board->pci_devices.n; i++) {
			int32_t g = p->pci_info.v[i].raw.iommu_group;

			if (strcmp(p->board->pci_devices.v[i].name,
				   r->devices[k]) || g < 0)
				continue;
			for (size_t j = 0; j < p->board->pci_devices.n; j++)
				if (j != i &&
				    p->pci_info.v[j].raw.iommu_group == g)
					fprintf(out, "    # note: %s shares "
						"IOMMU group %d with %s: DMA "
						"isolation between them is not "
						"guaranteed\n", r->devices[k],
						g,
						p->board->pci_devices.v[j]
							.name);
		}
}

/* Tell how to keep Linux out of the carve-out, if it is not already. */
static void linux_advice(FILE *out, const struct jh_probe *p,
			 const struct jh_probe_emit_opts *o)
{
	const struct jh_board *b = p->board;
	const struct jh_board_ram *big = &b->ram.v[o->carve_ram];
	uint64_t end = big->start + big->size, linux_end = 0;
	bool overlap = false, above = true;
	char h[32], s[32];

	for (size_t i = 0; i < p->linux_ram.n; i++) {
		const struct jh_board_ram *r = &p->linux_ram.v[i];

		if (r->start < end && o->carve_start < r->start + r->size)
			overlap = true;
		if (r->start > o->carve_start)
			above = false;
		if (r->start + r->size > linux_end)
			linux_end = r->start + r->size;
	}
	fprintf(out, "#\n# The hypervisor and the cells use %s .. %s.\n",
		hex(h, o->carve_start), hex(s, end));
	if (!overlap) {
		fprintf(out, "# Linux does not use it (it was booted with "
			"mem= or that memory is reserved).\n");
		return;
	}
	fprintf(out, "# Linux uses it now: boot Linux with ");
	if (b->arch == JH_ARCH_X86)
		fprintf(out, "memmap=0x%" PRIx64 "$0x%" PRIx64 "\n# (escape "
			"the $ as your boot loader needs).\n",
			end - o->carve_start, o->carve_start);
	else if (above && linux_end <= end && p->linux_ram.n &&
		 p->linux_ram.v[0].start == b->ram.v[0].start)
		fprintf(out, "mem=%" PRIu64 "M (RAM from the start up to "
			"there),\n# or give it a /reserved-memory no-map "
			"node.\n", (o->carve_start - b->ram.v[0].start) /
			MIB);
	else
		fprintf(out, "a /reserved-memory no-map node for it.\n");
}

void jh_probe_emit_scenario(FILE *out, const struct jh_probe *p,
			    const struct jh_probe_emit_opts *o)
{
	const struct jh_board *b = p->board;
	char h[32], s[32];

	header(out, p, "Scenario");
	fprintf(out, "board: %s\n", o->board_ref);
	linux_advice(out, p, o);
	fprintf(out, "system:\n  hypervisor-memory: %s .. +%s\n",
		hex(h, o->hv_phys), size_str(s, o->hv_size));
	if (p->console_dev >= 0)
		fprintf(out, "  debug-console: %s\n",
			b->devices.v[p->console_dev].name);
	else if (p->console_port >= 0)
		fprintf(out, "  debug-console: {address: 0x%x, size: %u, "
			"type: 8250}\n", b->ports.v[p->console_port].base,
			b->ports.v[p->console_port].length);
	fprintf(out, "cells:\n");
	emit_root(out, p, o);
	for (size_t c = 0; c < o->num_cells; c++)
		emit_cell(out, p, &o->cells[c]);
}
