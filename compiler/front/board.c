// SPDX-License-Identifier: GPL-2.0-only
/*
 * `board:` -> struct jh_board: what the hardware has, by name.
 */
#include <stdlib.h>
#include <string.h>

#include "front-internal.h"
#include "jh-cell-format.h"

int32_t jh_fboard_device(const struct jh_front *f, const char *name)
{
	for (size_t i = 0; f->board && i < f->board->devices.n; i++)
		if (strcmp(f->board->devices.v[i].name, name) == 0)
			return (int32_t)i;
	return -1;
}

int32_t jh_fboard_pci(const struct jh_front *f, const char *name)
{
	for (size_t i = 0; f->board && i < f->board->pci_devices.n; i++)
		if (strcmp(f->board->pci_devices.v[i].name, name) == 0)
			return (int32_t)i;
	return -1;
}

int32_t jh_fboard_irqchip(const struct jh_front *f, const char *name)
{
	for (size_t i = 0; f->board && i < f->board->irqchips.n; i++)
		if (strcmp(f->board->irqchips.v[i].name, name) == 0)
			return (int32_t)i;
	return -1;
}

int32_t jh_fboard_port(const struct jh_front *f, const char *name)
{
	for (size_t i = 0; f->board && i < f->board->ports.n; i++)
		if (strcmp(f->board->ports.v[i].name, name) == 0)
			return (int32_t)i;
	return -1;
}

static int32_t board_iommu(const struct jh_front *f, const char *name)
{
	for (size_t i = 0; f->board && i < f->board->iommus.n; i++)
		if (strcmp(f->board->iommus.v[i].name, name) == 0)
			return (int32_t)i;
	return -1;
}

uint32_t jh_fpin_base(const struct jh_board_irqchip *chip, uint32_t irq)
{
	if (chip->kind == JH_IRQCHIP_IOAPIC)
		return irq / 128 * 128;
	return irq < 32 ? 0 : 32 + (irq - 32) / 128 * 128;
}

/* ---------------------------------------------------------------- CPUs */

static void board_cpus(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_board *b = f->board;
	const struct jh_ynode *v;
	uint64_t count = 0;

	if (!jh_fis_map(f, n, "`cpus`"))
		return;
	jh_fkeys(f, n, JH_FKEYS("count", "hw-ids", "l2", "l3"), "`cpus`");
	v = jh_frequire(f, n, "count", "`cpus`");
	if (!v || !jh_fint(f, v, "CPU `count`", 4096, &count))
		return;
	if (count == 0) {
		jh_error(f->d, v->loc, "a board needs at least one CPU");
		return;
	}
	for (uint64_t i = 0; i < count; i++) {
		struct jh_board_cpu *c = jh_vec_push(&b->cpus);

		c->index = (uint32_t)i;
		c->hw_id = i;
		c->l2_group = -1;
		c->l3_group = -1;
		c->loc = v->loc;
	}
	if ((v = jh_ymap_get(n, "hw-ids")) && jh_fis_seq(f, v, "`hw-ids`")) {
		if (v->num_items != count)
			jh_error(f->d, v->loc, "`hw-ids` lists %zu ids for "
				 "%llu CPUs", (size_t)v->num_items,
				 (unsigned long long)count);
		for (size_t i = 0; i < v->num_items && i < count; i++) {
			uint64_t id;

			if (jh_fint(f, v->items[i], "a CPU hardware id",
				    UINT64_MAX, &id)) {
				b->cpus.v[i].hw_id = id;
				b->cpus.v[i].loc = v->items[i]->loc;
			}
		}
	}
	for (int level = 2; level <= 3; level++) {
		const char *key = level == 2 ? "l2" : "l3";

		v = jh_ymap_get(n, key);
		if (!v || !jh_fis_seq(f, v, level == 2 ? "`l2`" : "`l3`"))
			continue;
		for (size_t g = 0; g < v->num_items; g++) {
			jh_fspans spans = { 0 };

			jh_flist(f, v->items[g], level == 2 ? "`l2`" : "`l3`",
				 count - 1, &spans);
			for (size_t s = 0; s < spans.n; s++) {
				for (uint64_t c = spans.v[s].first;
				     c <= spans.v[s].last; c++) {
					int32_t *grp = level == 2 ?
						&b->cpus.v[c].l2_group :
						&b->cpus.v[c].l3_group;

					if (*grp >= 0)
						jh_error(f->d, spans.v[s].loc,
							 "CPU %llu is in two "
							 "%s groups",
							 (unsigned long long)c,
							 key);
					*grp = (int32_t)g;
				}
			}
			free(spans.v);
		}
	}
}

/* ------------------------------------------------------------ irqchips */

static void board_irqchips(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_board *b = f->board;

	if (!jh_fis_map(f, n, "`irqchips`"))
		return;
	for (size_t i = 0; i < n->num_pairs; i++) {
		const struct jh_ynode *c = n->pairs[i].value;
		const struct jh_ynode *v;
		struct jh_board_irqchip *ic;
		uint64_t x;

		if (!jh_fis_map(f, c, "an irqchip"))
			continue;
		jh_fkeys(f, c, JH_FKEYS("type", "gicd", "gicc", "gich",
					"gicv", "gicr", "address", "id",
					"lines", "maintenance-irq"),
			 "an irqchip");
		ic = jh_vec_push(&b->irqchips);
		memset(ic, 0, sizeof(*ic));
		ic->name = jh_board_strdup(b, n->pairs[i].key->text);
		ic->loc = c->loc;
		v = jh_frequire(f, c, "type", "an irqchip");
		if (!v || !jh_fenum(f, v, "irqchip `type`",
				    jh_vocab_irqchip_type, 0, &x)) {
			ic->kind = JH_IRQCHIP_GICV3;
			continue;
		}
		ic->kind = (enum jh_irqchip_kind)x;
		if (ic->kind == JH_IRQCHIP_IOAPIC) {
			static const char *const gic[] = { "gicd", "gicc",
				"gich", "gicv", "gicr", "maintenance-irq",
				NULL };

			for (size_t k = 0; gic[k]; k++)
				if (jh_ymap_get(c, gic[k]))
					jh_error(f->d, jh_fkey_loc(c, gic[k]),
						 "`%s` is for GICs, not an "
						 "IOAPIC", gic[k]);
			if ((v = jh_frequire(f, c, "address", "an IOAPIC")))
				jh_fint(f, v, "`address`", UINT64_MAX,
					&ic->address);
			ic->num_lines = 24;
		} else {
			if (jh_ymap_get(c, "address"))
				jh_error(f->d, jh_fkey_loc(c, "address"),
					 "a GIC's base is `gicd`, not "
					 "`address`");
			if ((v = jh_frequire(f, c, "gicd", "a GIC")))
				jh_fint(f, v, "`gicd`", UINT64_MAX,
					&ic->address);
			if ((v = jh_ymap_get(c, "gicc")))
				jh_fint(f, v, "`gicc`", UINT64_MAX, &ic->gicc);
			if ((v = jh_ymap_get(c, "gich")))
				jh_fint(f, v, "`gich`", UINT64_MAX, &ic->gich);
			if ((v = jh_ymap_get(c, "gicv")))
				jh_fint(f, v, "`gicv`", UINT64_MAX, &ic->gicv);
			if ((v = jh_ymap_get(c, "gicr")))
				jh_fint(f, v, "`gicr`", UINT64_MAX, &ic->gicr);
			if (ic->kind == JH_IRQCHIP_GICV3 && !ic->gicr &&
			    !jh_ymap_get(c, "gicr"))
				jh_error(f->d, c->loc, "a GICv3 needs `gicr`");
			if (ic->kind == JH_IRQCHIP_GICV2 &&
			    jh_ymap_get(c, "gicr"))
				jh_error(f->d, jh_fkey_loc(c, "gicr"),
					 "a GICv2 has no redistributors "
					 "(`gicr`)");
			if ((v = jh_ymap_get(c, "maintenance-irq")) &&
			    jh_fint(f, v, "`maintenance-irq`", 31, &x))
				ic->maintenance_irq = (uint32_t)x;
			ic->num_lines = 1020;
		}
		if ((v = jh_ymap_get(c, "id")) &&
		    jh_fint(f, v, "irqchip `id`", UINT32_MAX, &x))
			ic->id = (uint32_t)x;
		if ((v = jh_ymap_get(c, "lines")) &&
		    jh_fint(f, v, "`lines`", 1020, &x))
			ic->num_lines = (uint32_t)x;
	}
}

/* A list of interrupts on `chip` (scalar list or sequence). */
static void irq_list(struct jh_front *f, const struct jh_ynode *n,
		     uint32_t chip, void *vec_)
{
	JH_VEC(struct jh_board_irq) *vec = vec_;
	const struct jh_board_irqchip *ic;
	jh_fspans spans = { 0 };

	if (chip >= f->board->irqchips.n) {
		jh_error(f->d, n->loc, "interrupts need an irqchip, and the "
			 "board has none");
		return;
	}
	ic = &f->board->irqchips.v[chip];
	jh_flist(f, n, "`irqs`", ic->num_lines ? ic->num_lines - 1 : 0,
		 &spans);
	for (size_t s = 0; s < spans.n; s++) {
		if (spans.v[s].last - spans.v[s].first > 1024)
			continue;
		for (uint64_t q = spans.v[s].first; q <= spans.v[s].last;
		     q++) {
			struct jh_board_irq *irq = jh_vec_push(vec);

			irq->chip = chip;
			irq->irq = (uint32_t)q;
			irq->loc = spans.v[s].loc;
		}
	}
	free(spans.v);
}

/* -------------------------------------------------------------- iommus */

static void board_iommus(struct jh_front *f, const struct jh_ynode *n)
{
	if (!jh_fis_map(f, n, "`iommus`"))
		return;
	for (size_t i = 0; i < n->num_pairs; i++) {
		struct jh_board_iommu *u = jh_vec_push(&f->board->iommus);

		memset(u, 0, sizeof(*u));
		u->name = jh_board_strdup(f->board, n->pairs[i].key->text);
		u->loc = n->pairs[i].value->loc;
		jh_fiommu(f, n->pairs[i].value, &u->type, &u->base, &u->size,
			  u->raw, NULL);
		if (i == JH_MAX_IOMMU_UNITS)
			jh_error(f->d, n->pairs[i].key->loc, "the image "
				 "format holds at most %d IOMMU units",
				 JH_MAX_IOMMU_UNITS);
	}
}

static int32_t iommu_ref(struct jh_front *f, const struct jh_ynode *v)
{
	int32_t i;
	uint64_t x;

	if (!jh_fis_scalar(f, v, "`iommu`"))
		return -1;
	i = board_iommu(f, v->text);
	if (i >= 0)
		return i;
	if (v->len && v->text[0] >= '0' && v->text[0] <= '9') {
		if (jh_fint(f, v, "`iommu`", JH_MAX_IOMMU_UNITS - 1, &x))
			return (int32_t)x;
		return -1;
	}
	struct jh_diag *g = jh_error(f->d, v->loc, "the board has no IOMMU "
				     "`%s`", v->text);
	const char *names[JH_MAX_IOMMU_UNITS];
	size_t k = 0;

	for (size_t j = 0; j < f->board->iommus.n && k < 8; j++)
		names[k++] = f->board->iommus.v[j].name;
	jh_fsuggest(g, v->text, names, k);
	return -1;
}

static void stream_ids(struct jh_front *f, const struct jh_ynode *n,
		       void *vec_)
{
	JH_VEC(uint32_t) *vec = vec_;
	uint64_t x;

	if (!jh_fis_seq(f, n, "`stream-ids`"))
		return;
	for (size_t i = 0; i < n->num_items; i++)
		if (jh_fint(f, n->items[i], "a stream ID", UINT32_MAX, &x))
			*jh_vec_push(vec) = (uint32_t)x;
}

/* ------------------------------------------------------------- devices */

static bool name_taken(struct jh_front *f, const struct jh_ynode *key)
{
	int32_t d = jh_fboard_device(f, key->text);
	int32_t p = jh_fboard_pci(f, key->text);

	if (d < 0 && p < 0)
		return false;
	struct jh_diag *g = jh_error(f->d, key->loc, "a board device named "
				     "`%s` already exists", key->text);

	jh_diag_note(g, d >= 0 ? f->board->devices.v[d].loc :
		     f->board->pci_devices.v[p].loc, "defined here");
	return true;
}

static int32_t chip_ref(struct jh_front *f, const struct jh_ynode *map)
{
	const struct jh_ynode *v = jh_ymap_get(map, "irqchip");
	int32_t c;

	if (!v)
		return 0;
	if (!jh_fis_scalar(f, v, "`irqchip`"))
		return -1;
	c = jh_fboard_irqchip(f, v->text);
	if (c < 0) {
		struct jh_diag *g = jh_error(f->d, v->loc, "the board has "
					     "no irqchip `%s`", v->text);
		const char *names[16];
		size_t k = 0;

		for (size_t j = 0; j < f->board->irqchips.n && k < 16; j++)
			names[k++] = f->board->irqchips.v[j].name;
		jh_fsuggest(g, v->text, names, k);
	}
	return c;
}

static void device_console(struct jh_front *f, const struct jh_ynode *n,
			   struct jh_board_device *dv)
{
	const struct jh_ynode *v;
	uint64_t x;

	if (!jh_fis_map(f, n, "a device's `console`"))
		return;
	jh_fkeys(f, n, JH_FKEYS("type", "flags", "address", "size"),
		 "a device's `console`");
	if ((v = jh_ymap_get(n, "address")))
		jh_fint(f, v, "console `address`", UINT64_MAX,
			&dv->console_address);
	if ((v = jh_ymap_get(n, "size")) &&
	    jh_fint(f, v, "console `size`", UINT32_MAX, &x)) {
		if (x == 0)
			jh_error(f->d, v->loc, "console `size` must not be 0");
		dv->console_size = (uint32_t)x;
	}
	if (!!jh_ymap_get(n, "address") != !!jh_ymap_get(n, "size"))
		jh_error(f->d, n->loc, "a device's `console` gives both "
			 "`address` and `size`, or neither");
	if ((v = jh_frequire(f, n, "type", "a device's `console`")) &&
	    jh_fenum(f, v, "console `type`", jh_vocab_con_type, 0xffff, &x))
		dv->console_type = (uint16_t)x;
	if ((v = jh_ymap_get(n, "flags")) &&
	    jh_fflags(f, v, "console `flags`", jh_vocab_con_flags, false,
		      0xffff, &x))
		dv->console_flags = (uint16_t)x;
}

static void board_devices(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_board *b = f->board;

	if (!jh_fis_map(f, n, "`devices`"))
		return;
	for (size_t i = 0; i < n->num_pairs; i++) {
		const struct jh_ynode *c = n->pairs[i].value;
		const struct jh_ynode *v;
		struct jh_board_device *dv;
		int32_t chip;

		if (name_taken(f, n->pairs[i].key) ||
		    !jh_fis_map(f, c, "a device"))
			continue;
		jh_fkeys(f, c, JH_FKEYS("mmio", "irqs", "irqchip", "console",
					"dma", "iommu", "stream-ids"),
			 "a device");
		dv = jh_vec_push(&b->devices);
		memset(dv, 0, sizeof(*dv));
		dv->name = jh_board_strdup(b, n->pairs[i].key->text);
		dv->iommu = -1;
		dv->loc = n->pairs[i].key->loc;
		if ((v = jh_ymap_get(c, "mmio"))) {
			const struct jh_ynode *const *items = &v;
			size_t num = 1;

			if (v->kind == JH_YNODE_SEQ) {
				items = (const struct jh_ynode *const *)
					v->items;
				num = v->num_items;
			}
			for (size_t k = 0; k < num; k++) {
				struct jh_board_mmio m;

				m.loc = items[k]->loc;
				if (jh_frange(f, items[k], "an MMIO range",
					      &m.start, &m.size))
					*jh_vec_push(&dv->mmio) = m;
			}
		}
		chip = chip_ref(f, c);
		if ((v = jh_ymap_get(c, "irqs")) && chip >= 0)
			irq_list(f, v, (uint32_t)chip, &dv->irqs);
		if ((v = jh_ymap_get(c, "console")))
			device_console(f, v, dv);
		if ((v = jh_ymap_get(c, "dma")))
			jh_fbool(f, v, "`dma`", &dv->dma);
		if ((v = jh_ymap_get(c, "iommu")))
			dv->iommu = iommu_ref(f, v);
		if ((v = jh_ymap_get(c, "stream-ids")))
			stream_ids(f, v, &dv->stream_ids);
	}
}

/* ----------------------------------------------------------------- PCI */

static void pci_bars(struct jh_front *f, const struct jh_ynode *n,
		     struct jh_board_pci_device *p)
{
	if (!jh_fis_seq(f, n, "`bars`"))
		return;
	if (n->num_items > 6) {
		jh_error(f->d, n->items[6]->loc, "a PCI device has 6 BARs, "
			 "`bars` lists %zu", (size_t)n->num_items);
		return;
	}
	for (size_t i = 0; i < n->num_items; i++) {
		const struct jh_ynode *e = n->items[i], *v;
		struct jh_board_bar *bar = &p->bars[i];
		uint64_t type = 0, inv;

		if (jh_ynode_is_null(e))
			continue;
		if (!jh_fis_map(f, e, "a BAR"))
			continue;
		if (i > 0 && p->bars[i - 1].is64) {
			jh_error(f->d, e->loc, "BAR %zu is the upper half of "
				 "the 64-bit BAR %zu; write `~` here", i,
				 i - 1);
			continue;
		}
		jh_fkeys(f, e, JH_FKEYS("start", "size", "type",
					"prefetchable"), "a BAR");
		if ((v = jh_ymap_get(e, "type")))
			jh_fenum(f, v, "BAR `type`", jh_vocab_bar_type, 0, &type);
		bar->io = type == 2;
		bar->is64 = type == 1;
		if ((v = jh_ymap_get(e, "start")))
			jh_fint(f, v, "BAR `start`", UINT64_MAX, &bar->start);
		if ((v = jh_ymap_get(e, "prefetchable")))
			jh_fbool(f, v, "`prefetchable`", &bar->prefetch);
		v = jh_frequire(f, e, "size", "a BAR");
		if (!v || !jh_fint(f, v, "BAR `size`", bar->is64 ?
				   UINT64_MAX : UINT32_MAX, &bar->size))
			continue;
		if (bar->size < (bar->io ? 4 : 16) ||
		    (bar->size & (bar->size - 1))) {
			jh_error(f->d, v->loc, "a BAR's size is a power of "
				 "two, at least %d bytes", bar->io ? 4 : 16);
			bar->size = 0;
			continue;
		}
		if (bar->is64 && i == 5) {
			jh_error(f->d, e->loc, "a 64-bit BAR cannot be the "
				 "last one");
			continue;
		}
		inv = ~(bar->size - 1);
		bar->mask = (uint32_t)inv;
		if (bar->is64)
			p->bars[i + 1].mask = (uint32_t)(inv >> 32);
	}
}

static void pci_device(struct jh_front *f, const struct jh_ynode *key,
		       const struct jh_ynode *c, const struct jh_ynode *all)
{
	struct jh_board *b = f->board;
	struct jh_board_pci_device *p;
	const struct jh_ynode *v;
	uint64_t x;

	if (name_taken(f, key) || !jh_fis_map(f, c, "a PCI device"))
		return;
	jh_fkeys(f, c, JH_FKEYS("bdf", "type", "domain", "bridge", "bars",
				"bar-mask", "intx", "intx-line", "msi", "msix",
				"caps", "iommu", "stream-ids", "dma"),
		 "a PCI device");
	p = jh_vec_push(&b->pci_devices);
	memset(p, 0, sizeof(*p));
	p->name = jh_board_strdup(b, key->text);
	p->type = JH_PCI_TYPE_DEVICE;
	p->domain = b->pci_domain;
	p->bridge = -1;
	p->intx_line = -1;
	p->iommu = -1;
	p->loc = key->loc;
	if ((v = jh_frequire(f, c, "bdf", "a PCI device")))
		jh_fbdf(f, v, "`bdf`", &p->bdf);
	if ((v = jh_ymap_get(c, "type")) &&
	    jh_fenum(f, v, "PCI device `type`", jh_vocab_pci_type, 0, &x)) {
		if (x == JH_PCI_TYPE_IVSHMEM)
			jh_error(f->d, v->loc, "ivshmem devices are virtual; "
				 "declare them with `links:`");
		else
			p->type = (uint8_t)x;
	}
	if ((v = jh_ymap_get(c, "domain")) &&
	    jh_fint(f, v, "`domain`", 0xffff, &x))
		p->domain = (uint16_t)x;
	if ((v = jh_ymap_get(c, "bridge")) && jh_fis_scalar(f, v, "`bridge`")) {
		int32_t br = jh_fboard_pci(f, v->text);

		if (br < 0 || b->pci_devices.v[br].type != JH_PCI_TYPE_BRIDGE) {
			bool later = false;

			for (size_t i = 0; i < all->num_pairs; i++)
				later |= strcmp(all->pairs[i].key->text,
						v->text) == 0;
			jh_error(f->d, v->loc, later ? "bridge `%s` must be "
				 "listed before the devices behind it" :
				 "`%s` is not a PCI bridge of this board",
				 v->text);
		} else {
			p->bridge = br;
		}
	}
	if ((v = jh_ymap_get(c, "bars")))
		pci_bars(f, v, p);
	if ((v = jh_ymap_get(c, "bar-mask"))) {
		uint32_t m[6];

		if (jh_fbar_masks(f, v, m))
			for (int i = 0; i < 6; i++)
				p->bars[i].mask = m[i];
	}
	if ((v = jh_ymap_get(c, "intx")) && jh_fis_scalar(f, v, "`intx`")) {
		if (v->len == 1 && v->text[0] >= 'a' && v->text[0] <= 'd')
			p->intx_pin = (uint8_t)(v->text[0] - 'a' + 1);
		else if (v->len == 1 && v->text[0] >= 'A' && v->text[0] <= 'D')
			p->intx_pin = (uint8_t)(v->text[0] - 'A' + 1);
		else
			jh_error(f->d, v->loc, "`intx` is a pin: a, b, c or d");
	}
	if ((v = jh_ymap_get(c, "intx-line")) &&
	    jh_fint(f, v, "`intx-line`", 1019, &x))
		p->intx_line = (int32_t)x;
	if ((v = jh_ymap_get(c, "msi")))
		jh_fmsi(f, v, &p->num_msi_vectors, &p->msi_flags);
	if ((v = jh_ymap_get(c, "msix")))
		jh_fmsix(f, v, &p->num_msix_vectors, &p->msix_region_size,
			 &p->msix_address);
	if ((v = jh_ymap_get(c, "caps")) && jh_fis_seq(f, v, "`caps`")) {
		for (size_t i = 0; i < v->num_items; i++) {
			struct jh_pci_cap cap;

			if (jh_fcap(f, v->items[i], &cap)) {
				struct jh_board_pci_cap *bc =
					jh_vec_push(&p->caps);

				bc->id = cap.id;
				bc->start = cap.start;
				bc->len = cap.len;
				bc->flags = cap.flags;
				bc->loc = cap.loc;
			}
		}
	}
	if ((v = jh_ymap_get(c, "iommu")))
		p->iommu = iommu_ref(f, v);
	if ((v = jh_ymap_get(c, "stream-ids")))
		stream_ids(f, v, &p->stream_ids);
	if ((v = jh_ymap_get(c, "dma")))
		jh_fbool(f, v, "`dma`", &p->dma);
	else
		p->dma = p->type == JH_PCI_TYPE_DEVICE;
}

static void board_pci(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_board *b = f->board;
	const struct jh_ynode *v;
	uint64_t x;

	if (!jh_fis_map(f, n, "`pci`"))
		return;
	jh_fkeys(f, n, JH_FKEYS("ecam", "end-bus", "domain", "devices"),
		 "`pci`");
	b->has_pci = true;
	if ((v = jh_frequire(f, n, "ecam", "`pci`")))
		jh_fint(f, v, "`ecam`", UINT64_MAX, &b->pci_ecam);
	if ((v = jh_ymap_get(n, "end-bus")) &&
	    jh_fint(f, v, "`end-bus`", 0xff, &x))
		b->pci_end_bus = (uint8_t)x;
	if ((v = jh_ymap_get(n, "domain")) &&
	    jh_fint(f, v, "`domain`", 0xffff, &x))
		b->pci_domain = (uint16_t)x;
	if ((v = jh_ymap_get(n, "devices")) &&
	    jh_fis_map(f, v, "PCI `devices`"))
		for (size_t i = 0; i < v->num_pairs; i++)
			pci_device(f, v->pairs[i].key, v->pairs[i].value, v);
}

/* --------------------------------------------------------------- other */

static void board_cache(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_board_cache_alloc *ca = &f->board->cache_alloc;
	const struct jh_ynode *v;
	uint64_t x;

	if (!jh_fis_map(f, n, "`cache-allocation`"))
		return;
	jh_fkeys(f, n, JH_FKEYS("l3-cbm-length", "l3-cdp", "l2-cbm-length",
				"l2-cdp"), "`cache-allocation`");
	ca->present = true;
	ca->loc = n->loc;
	if ((v = jh_ymap_get(n, "l3-cbm-length")) &&
	    jh_fint(f, v, "`l3-cbm-length`", 32, &x))
		ca->l3_cbm_length = (uint32_t)x;
	if ((v = jh_ymap_get(n, "l2-cbm-length")) &&
	    jh_fint(f, v, "`l2-cbm-length`", 32, &x))
		ca->l2_cbm_length = (uint32_t)x;
	if ((v = jh_ymap_get(n, "l3-cdp")))
		jh_fbool(f, v, "`l3-cdp`", &ca->l3_cdp);
	if ((v = jh_ymap_get(n, "l2-cdp")))
		jh_fbool(f, v, "`l2-cdp`", &ca->l2_cdp);
}

static void board_ports(struct jh_front *f, const struct jh_ynode *n)
{
	if (!jh_fis_map(f, n, "`ports`"))
		return;
	for (size_t i = 0; i < n->num_pairs; i++) {
		const struct jh_ynode *v = n->pairs[i].value;
		uint64_t start, size;
		struct jh_board_ports *p;

		if (!jh_frange(f, v, "a port range", &start, &size))
			continue;
		if (start > 0xffff || size > 0xffff ||
		    start + size > 0x10000) {
			jh_error(f->d, v->loc, "port ranges lie within "
				 "0 .. 0x10000");
			continue;
		}
		p = jh_vec_push(&f->board->ports);
		p->name = jh_board_strdup(f->board, n->pairs[i].key->text);
		p->base = (uint16_t)start;
		p->length = (uint16_t)size;
		p->loc = v->loc;
	}
}

static void board_x86(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_board *b = f->board;
	const struct jh_ynode *v;
	uint64_t x;

	if (!jh_fis_map(f, n, "`x86`"))
		return;
	jh_fkeys(f, n, JH_FKEYS("pm-timer", "apic-mode",
				"vtd-interrupt-limit", "tsc-khz", "apic-khz"),
		 "`x86`");
	b->has_x86 = true;
	if ((v = jh_ymap_get(n, "pm-timer")) &&
	    jh_fint(f, v, "`pm-timer`", 0xffff, &x))
		b->pm_timer_address = (uint16_t)x;
	if ((v = jh_ymap_get(n, "apic-mode")) &&
	    jh_fenum(f, v, "`apic-mode`", jh_vocab_apic_mode, 0xff, &x))
		b->apic_mode = (uint8_t)x;
	if ((v = jh_ymap_get(n, "vtd-interrupt-limit")) &&
	    jh_fint(f, v, "`vtd-interrupt-limit`", UINT32_MAX, &x))
		b->vtd_interrupt_limit = (uint32_t)x;
	if ((v = jh_ymap_get(n, "tsc-khz")) &&
	    jh_fint(f, v, "`tsc-khz`", UINT32_MAX, &x))
		b->tsc_khz = (uint32_t)x;
	if ((v = jh_ymap_get(n, "apic-khz")) &&
	    jh_fint(f, v, "`apic-khz`", UINT32_MAX, &x))
		b->apic_khz = (uint32_t)x;
}

void jh_front_board(struct jh_front *f)
{
	const struct jh_ynode *n = f->board_node, *v;
	struct jh_board *b;
	uint64_t x;

	if (!n)
		return;
	b = jh_board_new();
	f->sys->board = b;
	f->board = b;
	b->loc = f->board_key->loc;
	jh_fkeys(f, n, JH_FKEYS("name", "arch", "cpus", "ram", "irqchips",
				"hypervisor-irqs", "devices", "iommus", "pci",
				"cache-allocation", "ports", "x86"),
		 "`board`");
	if ((v = jh_ymap_get(n, "name")) && jh_fstr(f, v, "board `name`"))
		b->name = jh_board_strdup(b, v->text);
	v = jh_frequire(f, n, "arch", "`board`");
	if (v && jh_fenum(f, v, "`arch`", jh_vocab_arch, 0, &x))
		b->arch = (uint8_t)x;
	else
		f->failed_board = true;
	if ((v = jh_frequire(f, n, "cpus", "`board`")))
		board_cpus(f, v);
	if ((v = jh_ymap_get(n, "ram")) && jh_fis_map(f, v, "`ram`")) {
		for (size_t i = 0; i < v->num_pairs; i++) {
			struct jh_board_ram r;

			r.loc = v->pairs[i].value->loc;
			r.name = jh_board_strdup(b, v->pairs[i].key->text);
			if (jh_frange(f, v->pairs[i].value, "a RAM range",
				      &r.start, &r.size))
				*jh_vec_push(&b->ram) = r;
		}
	}
	if ((v = jh_ymap_get(n, "irqchips")))
		board_irqchips(f, v);
	if ((v = jh_ymap_get(n, "hypervisor-irqs")))
		irq_list(f, v, 0, &b->hv_irqs);
	if ((v = jh_ymap_get(n, "iommus")))
		board_iommus(f, v);
	if ((v = jh_ymap_get(n, "devices")))
		board_devices(f, v);
	if ((v = jh_ymap_get(n, "pci")))
		board_pci(f, v);
	if ((v = jh_ymap_get(n, "cache-allocation")))
		board_cache(f, v);
	if ((v = jh_ymap_get(n, "ports")))
		board_ports(f, v);
	if ((v = jh_ymap_get(n, "x86")))
		board_x86(f, v);
}
