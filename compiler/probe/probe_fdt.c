// SPDX-License-Identifier: GPL-2.0-only
/*
 * arm64 platform from the flattened device tree the kernel booted with
 * (/sys/firmware/fdt): CPUs' MPIDRs, the GIC, the timer's interrupts,
 * SMMUs, the PCIe host bridge (ECAM, INTx routing, stream ids) and the
 * memory-mapped devices with their interrupts and stream ids.
 *
 * Which devices the root cell keeps: a device some Linux driver uses.
 * /proc/iomem shows a driver's claim as an entry named differently from
 * the device-tree node (AMBA devices also have an entry named after the
 * node, which says nothing about use).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jh-cell-format.h"
#include "probe/fdt.h"
#include "probe/probe.h"
#include "probe/resources.h"

struct dt_ctx {
	struct jh_probe *p;
	const struct jh_fdt *fdt;
	int gic;		/* node index, -1 */
	int32_t gic_chip;	/* board irqchip index */
	struct jh_probe_res_list iomem;
	bool have_iomem;
};

static const char *base_name(const char *node_name, char *buf, size_t size)
{
	size_t n = strcspn(node_name, "@");

	snprintf(buf, size, "%.*s", (int)n, node_name);
	return buf;
}

static bool gic_spec(uint32_t type, uint32_t num, uint32_t *intid)
{
	if (type == 0 && num < 988)
		*intid = num + 32;	/* SPI */
	else if (type == 1 && num < 16)
		*intid = num + 16;	/* PPI */
	else
		return false;
	return true;
}

/* Interrupt `i` of a node from "interrupts-extended" (<phandle
 * specifier...>, each with its controller's #interrupt-cells). */
static bool gic_irq_extended(const struct dt_ctx *c, int node, size_t i,
			     uint32_t *intid)
{
	const struct jh_fdt_prop *ie = jh_fdt_prop(c->fdt, node,
						   "interrupts-extended");
	size_t at = 0, k = 0;

	while (ie && at < ie->len / 4) {
		uint32_t ph, cells = 0, type, num;
		int ctl;

		if (!jh_fdt_cell(ie, at, &ph))
			return false;
		ctl = jh_fdt_by_phandle(c->fdt, ph);
		if (ctl < 0 || !jh_fdt_cell(jh_fdt_prop(c->fdt, ctl,
					"#interrupt-cells"), 0, &cells) ||
		    cells > 4)
			return false;
		if (k == i)
			return ctl == c->gic && cells == 3 &&
			       jh_fdt_cell(ie, at + 1, &type) &&
			       jh_fdt_cell(ie, at + 2, &num) &&
			       gic_spec(type, num, intid);
		at += 1 + cells;
		k++;
	}
	return false;
}

/* One interrupt specifier of a node, as a GIC INTID; false if it is not
 * a GIC interrupt. */
static bool gic_irq(const struct dt_ctx *c, int node, size_t i,
		    uint32_t *intid)
{
	const struct jh_fdt_prop *ip = jh_fdt_prop(c->fdt, node,
						   "interrupts");
	uint32_t type, num, parent = 0;
	int n;

	if (c->gic < 0)
		return false;
	if (!ip)
		return gic_irq_extended(c, node, i, intid);
	for (n = node; n >= 0; n = c->fdt->nodes[n].parent)
		if (jh_fdt_cell(jh_fdt_prop(c->fdt, n, "interrupt-parent"), 0,
				&parent))
			break;
	if (jh_fdt_by_phandle(c->fdt, parent) != c->gic &&
	    !(n < 0 && c->fdt->nodes[node].parent == c->gic))
		return false;
	if (!jh_fdt_cell(ip, 3 * i, &type) ||
	    !jh_fdt_cell(ip, 3 * i + 1, &num))
		return false;
	return gic_spec(type, num, intid);
}

static int find_path(const struct jh_fdt *fdt, const char *path)
{
	int cur = 0;
	const char *s = path;

	if (*s != '/' || !fdt->num_nodes)
		return -1;
	while (*s == '/')
		s++;
	while (*s) {
		size_t n = strcspn(s, "/");
		int found = -1;

		for (size_t i = 0; i < fdt->num_nodes && found < 0; i++) {
			const char *name = fdt->nodes[i].name;

			if (fdt->nodes[i].parent != cur)
				continue;
			/* "pl011@9000000" matches "pl011@9000000" and, when
			 * unique, "pl011" */
			if ((strlen(name) == n && !strncmp(name, s, n)) ||
			    (strcspn(name, "@") == n && !strncmp(name, s, n)))
				found = (int)i;
		}
		if (found < 0)
			return -1;
		cur = found;
		s += n;
		while (*s == '/')
			s++;
	}
	return cur;
}

static int stdout_node(const struct jh_fdt *fdt)
{
	int chosen = find_path(fdt, "/chosen");
	const struct jh_fdt_prop *sp = jh_fdt_prop(fdt, chosen, "stdout-path");
	char path[256];

	if (!sp || !sp->len || sp->len >= sizeof(path))
		return -1;
	memcpy(path, sp->data, sp->len);
	path[sp->len - 1] = 0;
	path[strcspn(path, ":")] = 0;
	if (path[0] != '/') {	/* an alias */
		const struct jh_fdt_prop *a =
			jh_fdt_prop(fdt, find_path(fdt, "/aliases"), path);

		if (!a || !a->len || a->len >= sizeof(path))
			return -1;
		memcpy(path, a->data, a->len);
		path[a->len - 1] = 0;
	}
	return find_path(fdt, path);
}

static void cpus(struct dt_ctx *c)
{
	int cpus_node = find_path(c->fdt, "/cpus");
	size_t k = 0;

	for (size_t i = 0; i < c->fdt->num_nodes; i++) {
		const struct jh_fdt_prop *dt;
		uint64_t mpidr, size;

		if (c->fdt->nodes[i].parent != cpus_node || cpus_node < 0)
			continue;
		dt = jh_fdt_prop(c->fdt, (int)i, "device_type");
		if (!dt || dt->len < 4 || strncmp((const char *)dt->data, "cpu",
						  dt->len))
			continue;
		if (!jh_fdt_enabled(c->fdt, (int)i))
			continue;
		/* "reg" of a CPU has #size-cells 0 */
		if (!jh_fdt_reg_raw(c->fdt, (int)i, 0, &mpidr, &size)) {
			jh_probe_note(c->p, "device tree: %s has no usable "
				      "reg (MPIDR): fill in board.cpus.hw-ids",
				      c->fdt->nodes[i].name);
			return;
		}
		if (k < c->p->board->cpus.n)
			c->p->board->cpus.v[k].hw_id = mpidr;
		k++;
	}
	if (k != c->p->board->cpus.n)
		jh_probe_note(c->p, "device tree lists %zu CPUs, Linux has "
			      "%zu online: check board.cpus.hw-ids (taken "
			      "in device-tree order)", k,
			      c->p->board->cpus.n);
}

/* RAM from the memory nodes: more than Linux shows when it was booted
 * with mem= (the usual way to leave room for the hypervisor and cells);
 * the board then describes all of it. */
static void memory_nodes(struct dt_ctx *c)
{
	struct jh_board *b = c->p->board;
	struct jh_board_ram dt[16];
	size_t n = 0;
	uint64_t dt_total = 0, linux_total = 0;

	for (size_t i = 0; i < c->fdt->num_nodes; i++) {
		const struct jh_fdt_prop *t = jh_fdt_prop(c->fdt, (int)i,
							  "device_type");
		uint64_t a, s;

		if (!t || t->len < 7 || strncmp((const char *)t->data,
						 "memory", t->len) ||
		    !jh_fdt_enabled(c->fdt, (int)i))
			continue;
		for (size_t k = 0; n < 16 && jh_fdt_reg(c->fdt, (int)i, k, &a,
							  &s); k++) {
			if (!s)
				continue;
			dt[n].start = a;
			dt[n].size = s;
			dt_total += s;
			n++;
		}
	}
	for (size_t i = 0; i < b->ram.n; i++)
		linux_total += b->ram.v[i].size;
	if (!n || dt_total <= linux_total)
		return;
	/* every Linux RAM range must lie in the device tree's RAM */
	for (size_t i = 0; i < b->ram.n; i++) {
		bool inside = false;

		for (size_t k = 0; k < n; k++)
			inside |= b->ram.v[i].start >= dt[k].start &&
				  b->ram.v[i].start + b->ram.v[i].size <=
				  dt[k].start + dt[k].size;
		if (!inside) {
			jh_probe_note(c->p, "device tree memory nodes do not "
				      "cover Linux's RAM at 0x%llx: using "
				      "/proc/iomem", (unsigned long long)
				      b->ram.v[i].start);
			return;
		}
	}
	b->ram.n = 0;
	c->p->ram_from_dt = true;
	for (size_t k = 0; k < n; k++) {
		struct jh_board_ram *r = jh_vec_push(&b->ram);
		char name[32];

		snprintf(name, sizeof(name), "ram%zu", k);
		r->name = jh_board_strdup(b, name);
		r->start = dt[k].start;
		r->size = dt[k].size;
		r->loc = JH_LOC_NONE;
	}
}

static void gic(struct dt_ctx *c)
{
	static const char *const v2[] = {
		"arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic",
		"arm,cortex-a7-gic",
	};
	struct jh_board_irqchip *chip;
	uint32_t ppi;
	uint64_t a, s;
	int v = 0;

	for (size_t i = 0; i < c->fdt->num_nodes && !v; i++) {
		if (jh_fdt_compatible(c->fdt, (int)i, "arm,gic-v3")) {
			v = 3;
			c->gic = (int)i;
		}
		for (size_t k = 0; k < sizeof(v2) / sizeof(*v2) && !v; k++)
			if (jh_fdt_compatible(c->fdt, (int)i, v2[k])) {
				v = 2;
				c->gic = (int)i;
			}
	}
	if (!v) {
		jh_probe_note(c->p, "device tree has no GICv2/GICv3 node: fill "
			      "in board.irqchips");
		return;
	}
	chip = jh_vec_push(&c->p->board->irqchips);
	memset(chip, 0, sizeof(*chip));
	chip->name = jh_board_strdup(c->p->board, "gic");
	chip->kind = v == 3 ? JH_IRQCHIP_GICV3 : JH_IRQCHIP_GICV2;
	chip->loc = JH_LOC_NONE;
	c->gic_chip = (int32_t)(c->p->board->irqchips.n - 1);
	if (jh_fdt_reg(c->fdt, c->gic, 0, &a, &s))
		chip->address = a;
	if (v == 3) {
		if (jh_fdt_reg(c->fdt, c->gic, 1, &a, &s))
			chip->gicr = a;
	} else {
		if (jh_fdt_reg(c->fdt, c->gic, 1, &a, &s))
			chip->gicc = a;
		if (jh_fdt_reg(c->fdt, c->gic, 2, &a, &s))
			chip->gich = a;
		if (jh_fdt_reg(c->fdt, c->gic, 3, &a, &s))
			chip->gicv = a;
	}
	if (!chip->address || (v == 3 && !chip->gicr) ||
	    (v == 2 && (!chip->gicc || !chip->gich || !chip->gicv)))
		jh_probe_note(c->p, "device tree: the GIC's reg lacks some "
			      "bases: fill in board.irqchips.gic");
	if (gic_irq(c, c->gic, 0, &ppi)) {
		struct jh_board_irq *irq = jh_vec_push(&c->p->board->hv_irqs);

		chip->maintenance_irq = ppi;
		irq->chip = (uint32_t)c->gic_chip;
		irq->irq = ppi;
		irq->loc = JH_LOC_NONE;
	} else {
		jh_probe_note(c->p, "device tree: no GIC maintenance "
			      "interrupt: fill in board.irqchips.gic."
			      "maintenance-irq");
	}
}

/* The hypervisor timer (4th interrupt of the architected timer) belongs
 * to the hypervisor. */
static void timer(struct dt_ctx *c)
{
	for (size_t i = 0; i < c->fdt->num_nodes; i++) {
		uint32_t intid;

		if (!jh_fdt_compatible(c->fdt, (int)i, "arm,armv8-timer") &&
		    !jh_fdt_compatible(c->fdt, (int)i, "arm,armv7-timer"))
			continue;
		if (gic_irq(c, (int)i, 3, &intid)) {
			struct jh_board_irq *irq =
				jh_vec_push(&c->p->board->hv_irqs);

			irq->chip = (uint32_t)c->gic_chip;
			irq->irq = intid;
			irq->loc = JH_LOC_NONE;
		} else {
			jh_probe_note(c->p, "device tree: the timer has no "
				      "hypervisor interrupt: fill in "
				      "board.hypervisor-irqs");
		}
		return;
	}
	jh_probe_note(c->p, "device tree has no architected timer node");
}

static bool claimed(const struct dt_ctx *c, int node, uint64_t start,
		    uint64_t size)
{
	const char *name = c->fdt->nodes[node].name;

	for (size_t i = 0; i < c->iomem.n; i++) {
		const struct jh_probe_res *r = &c->iomem.v[i];

		if (r->start < start + size && start <= r->end &&
		    strcmp(r->name, name) != 0 &&
		    strcmp(r->name, "reserved") != 0)
			return true;
	}
	return false;
}

/* The host bridge's I/O space window ("ranges" entry with space code 1):
 * on Arm, I/O BARs are reached through it as memory. */
static void pcie_io_window(struct dt_ctx *c, int node)
{
	const struct jh_fdt_prop *r = jh_fdt_prop(c->fdt, node, "ranges");
	uint32_t pac = jh_fdt_addr_cells(c->fdt, node);
	uint32_t sc = 2, hi, a_hi, a_lo, s_hi, s_lo;
	size_t entry;

	jh_fdt_cell(jh_fdt_prop(c->fdt, node, "#size-cells"), 0, &sc);
	entry = 3 + (size_t)pac + sc;
	if (!r || pac != 2 || sc != 2)
		return;
	for (size_t i = 0; (i + 1) * entry <= r->len / 4; i++) {
		int32_t d;
		struct jh_board_mmio *m;

		if (!jh_fdt_cell(r, i * entry, &hi) ||
		    ((hi >> 24) & 3) != 1 ||
		    !jh_fdt_cell(r, i * entry + 3, &a_hi) ||
		    !jh_fdt_cell(r, i * entry + 4, &a_lo) ||
		    !jh_fdt_cell(r, i * entry + 5, &s_hi) ||
		    !jh_fdt_cell(r, i * entry + 6, &s_lo))
			continue;
		d = jh_probe_add_device(c->p, "pcie-io",
					"PCIe I/O space window");
		m = jh_vec_push(&c->p->board->devices.v[d].mmio);
		m->start = (uint64_t)a_hi << 32 | a_lo;
		m->size = (uint64_t)s_hi << 32 | s_lo;
		m->loc = JH_LOC_NONE;
		c->p->dev_info.v[d].why = "no PCI device of the root cell has "
					  "an I/O BAR";
		c->p->pcie_io_dev = d;
		return;
	}
}

/* PCIe host: ECAM, buses, INTx routing and stream-ID mapping. */
static void pcie_host(struct dt_ctx *c, int node)
{
	struct jh_probe *p = c->p;
	const struct jh_fdt_prop *br = jh_fdt_prop(c->fdt, node, "bus-range");
	const struct jh_fdt_prop *im = jh_fdt_prop(c->fdt, node,
						   "interrupt-map");
	const struct jh_fdt_prop *mask = jh_fdt_prop(c->fdt, node,
						     "interrupt-map-mask");
	const struct jh_fdt_prop *iommu_map = jh_fdt_prop(c->fdt, node,
							  "iommu-map");
	uint64_t ecam, size;
	uint32_t v;

	if (p->board->has_pci) {
		jh_probe_note(p, "device tree has more than one PCIe host; "
			      "only the first is described");
		return;
	}
	if (!jh_fdt_reg(c->fdt, node, 0, &ecam, &size)) {
		jh_probe_note(p, "device tree: %s has no usable reg: fill in "
			      "board.pci.ecam", c->fdt->nodes[node].name);
		return;
	}
	p->board->has_pci = true;
	p->board->pci_ecam = ecam;
	p->board->pci_end_bus = (uint8_t)(size >= (256ull << 20) ? 255 :
					  (size >> 20) ? (size >> 20) - 1 : 0);
	if (jh_fdt_cell(br, 1, &v))
		p->board->pci_end_bus = (uint8_t)v;
	if (jh_fdt_cell(jh_fdt_prop(c->fdt, node, "linux,pci-domain"), 0, &v))
		p->board->pci_domain = (uint16_t)v;
	/* interrupt-map entries: child unit address (3 cells) + pin (1),
	 * parent phandle, parent unit address (#address-cells of the GIC,
	 * 0 on virt... read it), parent specifier (3 cells) */
	if (im && mask && c->gic >= 0) {
		uint32_t pac = 0, m0, m3, gic_ph = c->fdt->nodes[c->gic].phandle;
		size_t cells = im->len / 4, at = 0;

		jh_fdt_cell(jh_fdt_prop(c->fdt, c->gic, "#address-cells"), 0,
			    &pac);
		if (jh_fdt_cell(mask, 0, &m0) && jh_fdt_cell(mask, 3, &m3)) {
			p->intx_map.mask_hi = m0;
			p->intx_map.mask_pin = m3;
		}
		while (at + 5 + pac + 3 <= cells &&
		       p->intx_map.n < sizeof(p->intx_map.e) /
				       sizeof(*p->intx_map.e)) {
			uint32_t hi, pin, ph, type, num;

			jh_fdt_cell(im, at, &hi);
			jh_fdt_cell(im, at + 3, &pin);
			jh_fdt_cell(im, at + 4, &ph);
			jh_fdt_cell(im, at + 5 + pac, &type);
			jh_fdt_cell(im, at + 6 + pac, &num);
			if (ph != gic_ph || type != 0)
				break;
			p->intx_map.e[p->intx_map.n].hi = hi;
			p->intx_map.e[p->intx_map.n].pin = pin;
			p->intx_map.e[p->intx_map.n].intid = num + 32;
			p->intx_map.n++;
			at += 5 + pac + 3;
		}
		p->has_intx_map = at == cells && p->intx_map.n;
	}
	if (!p->has_intx_map)
		jh_probe_note(p, "device tree: PCIe INTx routing "
			      "(interrupt-map) missing or not understood: "
			      "fill in intx-line of board.pci devices");
	pcie_io_window(c, node);
	if (iommu_map) {
		uint32_t rid, ph, sid, len;

		if (iommu_map->len == 16 && jh_fdt_cell(iommu_map, 0, &rid) &&
		    jh_fdt_cell(iommu_map, 1, &ph) &&
		    jh_fdt_cell(iommu_map, 2, &sid) &&
		    jh_fdt_cell(iommu_map, 3, &len)) {
			int target = jh_fdt_by_phandle(c->fdt, ph);

			p->iommu_map.rid_base = rid;
			p->iommu_map.sid_base = sid;
			p->iommu_map.len = len;
			/* a node index until the IOMMUs are numbered
			 * (jh_probe_fdt resolves it) */
			p->iommu_map.iommu = target;
			p->has_iommu_map = true;
		} else {
			jh_probe_note(p, "device tree: PCIe iommu-map with "
				      "more than one entry: fill in stream-ids "
				      "of board.pci devices");
		}
	}
}

static void dev_name(struct dt_ctx *c, int node, char *out, size_t size)
{
	static const struct {
		const char *compat, *base;
	} names[] = {
		{ "arm,pl011", "uart" }, { "ns16550a", "uart" },
		{ "ns16550", "uart" }, { "snps,dw-apb-uart", "uart" },
		{ "arm,pl031", "rtc" }, { "arm,pl061", "gpio" },
		{ "virtio,mmio", "virtio-mmio" }, { "cfi-flash", "flash" },
		{ "qemu,fw-cfg-mmio", "fw-cfg" },
	};
	char base[64] = "";

	for (size_t i = 0; i < sizeof(names) / sizeof(*names) && !base[0];
	     i++)
		if (jh_fdt_compatible(c->fdt, node, names[i].compat))
			snprintf(base, sizeof(base), "%s", names[i].base);
	if (!base[0]) {
		size_t n = 0;

		base_name(c->fdt->nodes[node].name, base, sizeof(base));
		for (char *s = base; *s; s++)
			base[n++] = isalnum((unsigned char)*s) ?
				(char)tolower((unsigned char)*s) : '-';
		base[n] = 0;
		if (!n || !isalpha((unsigned char)base[0]))
			snprintf(base, sizeof(base), "device");
	}
	for (unsigned k = 0;; k++) {
		bool clash = false;

		snprintf(out, size, "%s%u", base, k);
		for (size_t i = 0; i < c->p->board->devices.n; i++)
			if (!strcmp(c->p->board->devices.v[i].name, out))
				clash = true;
		if (!clash)
			return;
	}
}

static void console_of(struct jh_board_device *d, int node,
		       const struct jh_fdt *fdt)
{
	uint32_t shift = 0;

	if (jh_fdt_compatible(fdt, node, "arm,pl011")) {
		d->console_type = JH_CON_TYPE_PL011;
		d->console_flags = JH_CON_ACCESS_MMIO | JH_CON_REGDIST_4;
	} else if (jh_fdt_compatible(fdt, node, "ns16550a") ||
		   jh_fdt_compatible(fdt, node, "ns16550") ||
		   jh_fdt_compatible(fdt, node, "snps,dw-apb-uart")) {
		jh_fdt_cell(jh_fdt_prop(fdt, node, "reg-shift"), 0, &shift);
		d->console_type = JH_CON_TYPE_8250;
		d->console_flags = JH_CON_ACCESS_MMIO |
			(shift == 2 ? JH_CON_REGDIST_4 : 0);
	}
}

static bool skip_node(const struct dt_ctx *c, int node)
{
	static const char *const special[] = {
		"arm,gic-v3", "arm,gic-400", "arm,cortex-a15-gic",
		"arm,smmu-v3", "arm,mmu-500", "pci-host-ecam-generic",
		"arm,gic-v3-its", "arm,gic-v2m-frame",
	};
	const char *name = c->fdt->nodes[node].name;
	char b[64];

	base_name(name, b, sizeof(b));
	if (!strcmp(b, "memory") || !strcmp(b, "cpus") ||
	    !strcmp(b, "chosen") || !strcmp(b, "aliases") ||
	    !strcmp(b, "reserved-memory"))
		return true;
	for (size_t i = 0; i < sizeof(special) / sizeof(*special); i++)
		if (jh_fdt_compatible(c->fdt, node, special[i]))
			return true;
	return false;
}

static void add_mmio_device(struct dt_ctx *c, int node, int stdout_dev)
{
	struct jh_probe *p = c->p;
	const struct jh_fdt_prop *compat = jh_fdt_prop(c->fdt, node,
						       "compatible");
	const struct jh_fdt_prop *iommus = jh_fdt_prop(c->fdt, node, "iommus");
	struct jh_board_device *d;
	char name[64];
	int32_t idx;
	uint64_t a, s;
	uint32_t intid;
	bool used = false;

	dev_name(c, node, name, sizeof(name));
	idx = jh_probe_add_device(p, name,
				  compat && compat->len ?
				  (const char *)compat->data : "");
	d = &p->board->devices.v[idx];
	for (size_t i = 0; jh_fdt_reg(c->fdt, node, i, &a, &s); i++) {
		struct jh_board_mmio *m = jh_vec_push(&d->mmio);

		/* pages: a cell maps whole pages */
		m->start = a & ~0xfffull;
		m->size = ((a + s + 0xfff) & ~0xfffull) - m->start;
		m->loc = JH_LOC_NONE;
		if (m->start != a || m->size != s) {
			struct jh_probe_dev_info *info = &p->dev_info.v[idx];
			char *old = info->exact;

			info->exact = jh_xasprintf("%s%s0x%llx +0x%llx",
				old ? old : "", old ? ", " : "",
				(unsigned long long)a, (unsigned long long)s);
			free(old);
		}
		if (c->have_iomem && claimed(c, node, a, s))
			used = true;
	}
	for (size_t i = 0; gic_irq(c, node, i, &intid); i++) {
		struct jh_board_irq *irq = jh_vec_push(&d->irqs);

		irq->chip = (uint32_t)(c->gic_chip >= 0 ? c->gic_chip : 0);
		irq->irq = intid;
		irq->loc = JH_LOC_NONE;
	}
	if (!d->irqs.n && (jh_fdt_prop(c->fdt, node, "interrupts") ||
			   jh_fdt_prop(c->fdt, node, "interrupts-extended")))
		jh_probe_note(p, "device tree: the interrupts of %s (%s) are "
			      "not GIC interrupts jh-probe can decode: add "
			      "them to board.devices.%s.irqs",
			      c->fdt->nodes[node].name, name, name);
	if (iommus && iommus->len >= 8) {
		uint32_t sid;

		d->dma = true;
		for (size_t i = 1; jh_fdt_cell(iommus, i, &sid); i += 2)
			*jh_vec_push(&d->stream_ids) = sid;
	}
	console_of(d, node, c->fdt);
	if (node == stdout_dev && d->console_type) {
		p->console_dev = idx;
		used = true;
	}
	p->dev_info.v[idx].keep = used;
	if (!used)
		p->dev_info.v[idx].why = c->have_iomem ?
			"no Linux driver claims it (not in /proc/iomem)" :
			"unknown whether Linux uses it (no /proc/iomem)";
}

static void iommus(struct dt_ctx *c, int *iommu_nodes, size_t max)
{
	for (size_t i = 0; i < c->fdt->num_nodes; i++) {
		uint32_t type = 0;
		struct jh_board_iommu *u;
		uint64_t a, s;
		char name[32];

		if (jh_fdt_compatible(c->fdt, (int)i, "arm,smmu-v3"))
			type = JH_IOMMU_SMMUV3;
		else if (jh_fdt_compatible(c->fdt, (int)i, "arm,mmu-500"))
			type = JH_IOMMU_ARM_MMU500;
		if (!type || !jh_fdt_enabled(c->fdt, (int)i))
			continue;
		if (!jh_fdt_reg(c->fdt, (int)i, 0, &a, &s) ||
		    c->p->board->iommus.n == max) {
			jh_probe_note(c->p, "device tree: IOMMU %s skipped "
				      "(no usable reg, or more than %zu)",
				      c->fdt->nodes[i].name, max);
			continue;
		}
		iommu_nodes[c->p->board->iommus.n] = (int)i;
		snprintf(name, sizeof(name), "smmu%zu", c->p->board->iommus.n);
		u = jh_vec_push(&c->p->board->iommus);
		memset(u, 0, sizeof(*u));
		u->name = jh_board_strdup(c->p->board, name);
		u->type = type;
		u->base = a;
		u->size = (uint32_t)s;
		u->loc = JH_LOC_NONE;
	}
}

void jh_probe_fdt(struct jh_probe *p, const struct jh_probe_root *root)
{
	struct dt_ctx c = { .p = p, .gic = -1, .gic_chip = -1 };
	struct jh_fdt fdt;
	char err[256];
	size_t len;
	unsigned char *blob = jh_probe_root_read(root, "sys/firmware/fdt",
						 &len, err, sizeof(err));
	char *iomem;
	int stdout_dev, iommu_nodes[8];

	if (!blob) {
		jh_probe_note(p, "/sys/firmware/fdt: %s: the interrupt "
			      "controller, IOMMUs, PCIe host and devices are "
			      "unknown; fill in board.irqchips, iommus, pci "
			      "and devices", err);
		return;
	}
	if (!jh_fdt_parse(&fdt, blob, len, err, sizeof(err))) {
		jh_probe_note(p, "/sys/firmware/fdt: %s: fill in "
			      "board.irqchips, iommus, pci and devices", err);
		free(blob);
		return;
	}
	c.fdt = &fdt;
	iomem = jh_probe_read_text(p, root, "proc/iomem", false);
	if (iomem && jh_probe_parse_resources(iomem, &c.iomem, err,
					      sizeof(err)))
		c.have_iomem = !c.iomem.all_zero;
	free(iomem);
	cpus(&c);
	memory_nodes(&c);
	gic(&c);
	timer(&c);
	iommus(&c, iommu_nodes, 8);
	stdout_dev = stdout_node(&fdt);
	for (size_t i = 1; i < fdt.num_nodes; i++) {
		int parent = fdt.nodes[i].parent;
		uint64_t a, s;

		if (!jh_fdt_enabled(&fdt, (int)i))
			continue;
		if (jh_fdt_compatible(&fdt, (int)i, "pci-host-ecam-generic")) {
			pcie_host(&c, (int)i);
			continue;
		}
		/* MSI frames of the GIC (v3 ITS, v2m): the root Linux's PCI
		 * MSIs go through them */
		if ((jh_fdt_compatible(&fdt, (int)i, "arm,gic-v3-its") ||
		     jh_fdt_compatible(&fdt, (int)i, "arm,gic-v2m-frame")) &&
		    jh_fdt_reg(&fdt, (int)i, 0, &a, &s)) {
			bool its = jh_fdt_compatible(&fdt, (int)i,
						     "arm,gic-v3-its");
			int32_t d = jh_probe_add_device(p,
				its ? "gic-its" : "gic-v2m",
				its ? "arm,gic-v3-its" : "arm,gic-v2m-frame");
			struct jh_board_mmio *m =
				jh_vec_push(&p->board->devices.v[d].mmio);

			m->start = a;
			m->size = s;
			m->loc = JH_LOC_NONE;
			p->dev_info.v[d].keep = true;
			p->has_gic_its = true;
			continue;
		}
		/* memory-mapped devices: children of the root or of a
		 * simple-bus */
		if (parent != 0 &&
		    !jh_fdt_compatible(&fdt, parent, "simple-bus"))
			continue;
		if (skip_node(&c, (int)i) || !jh_fdt_prop(&fdt, (int)i, "reg") ||
		    !jh_fdt_reg(&fdt, (int)i, 0, &a, &s))
			continue;
		add_mmio_device(&c, (int)i, stdout_dev);
	}
	if (p->has_iommu_map) {
		int node = p->iommu_map.iommu;

		p->iommu_map.iommu = -1;
		for (size_t k = 0; k < p->board->iommus.n; k++)
			if (iommu_nodes[k] == node)
				p->iommu_map.iommu = (int32_t)k;
		if (p->iommu_map.iommu < 0)
			p->has_iommu_map = false;
	}
	if (p->console_dev < 0)
		jh_probe_note(p, "device tree: /chosen stdout-path names no "
			      "UART jh knows: choose the hypervisor's debug "
			      "console yourself");
	jh_probe_res_free(&c.iomem);
	jh_fdt_free(&fdt);
	free(blob);
}
