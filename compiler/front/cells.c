// SPDX-License-Identifier: GPL-2.0-only
/*
 * `cells:` -> cells. Image-form items go straight into the cell in the
 * order written; high-level requests (devices, placement, interrupts,
 * derivation, the comm region) are recorded in struct jh_fcell and
 * expanded by assemble.c once every cell is known.
 */
#include <stdlib.h>
#include <string.h>

#include "front-internal.h"
#include "jh-cell-format.h"

/* the largest CPU number the language accepts: 2^20 - 1 */
#define JH_FMAX_CPU ((1u << 20) - 1)

static const char *const cell_keys[] = {
	"root", "derive", "flags", "cpus", "cpu-set-size", "reset-address",
	"msg-reply-timeout", "vpci-irq-base", "id", "console", "memory",
	"cache", "irqchips", "pio", "pci-devices", "pci-caps", "stream-ids",
	"extension", "devices", "comm-region", "irqs", NULL,
};

int32_t jh_fcell_index(const struct jh_front *f, const char *name)
{
	for (size_t i = 0; i < f->sys->cells.n; i++)
		if (strcmp(f->sys->cells.v[i].name, name) == 0)
			return (int32_t)i;
	return -1;
}

/* ------------------------------------------------------------- memory */

/* 2 MiB blocks allow huge pages; smaller regions only need pages. */
static uint64_t default_align(uint64_t size)
{
	return size >= (2ull << 20) ? 2ull << 20 : JH_PAGE_SIZE;
}

static void memory_entry(struct jh_front *f, struct jh_cell *c,
			 struct jh_fcell *fc, const struct jh_ynode *n,
			 size_t index)
{
	const struct jh_ynode *v, *phys, *size;
	struct jh_region *r;
	bool ok = true, preserve = false;

	if (!jh_fis_map(f, n, "a memory region"))
		return;
	jh_fkeys(f, n, JH_FKEYS("phys", "virt", "size", "flags", "name",
				"preserve", "align"), "a memory region");
	r = jh_vec_push(&c->mem);
	memset(r, 0, sizeof(*r));
	r->loc = n->loc;
	r->scrub_loc = JH_LOC_NONE;
	phys = jh_ymap_get(n, "phys");
	size = jh_frequire(f, n, "size", "a memory region");
	if (size)
		ok &= jh_fint(f, size, "`size`", UINT64_MAX, &r->size);
	if (phys)
		ok &= jh_fint(f, phys, "`phys`", UINT64_MAX, &r->phys_start);
	if ((v = jh_ymap_get(n, "virt")))
		ok &= jh_fint(f, v, "`virt`", UINT64_MAX, &r->virt_start);
	else
		r->virt_start = r->phys_start;
	if ((v = jh_ymap_get(n, "flags")))
		ok &= jh_fflags(f, v, "memory `flags`", jh_vocab_mem_flags, true,
				UINT64_MAX, &r->flags);
	if ((v = jh_ymap_get(n, "name")) && jh_fstr(f, v, "`name`"))
		r->name = jh_system_strdup(f->sys, v->text);
	if ((v = jh_ymap_get(n, "preserve")) &&
	    jh_fbool(f, v, "`preserve`", &preserve) && preserve) {
		r->scrub = JH_SCRUB_PRESERVE;
		r->scrub_loc = v->loc;
	}
	if (phys && ok && r->size &&
	    r->phys_start + (r->size - 1) < r->phys_start) {
		jh_error(f->d, size->loc, "region 0x%llx .. +0x%llx wraps "
			 "around the end of the address space",
			 (unsigned long long)r->phys_start,
			 (unsigned long long)r->size);
		ok = false;
	}
	if (phys) {
		if ((v = jh_ymap_get(n, "align")))
			jh_error(f->d, jh_fkey_loc(n, "align"), "`align` is "
				 "only for regions placed automatically "
				 "(without `phys`)");
		return;
	}
	/* placed automatically later */
	struct jh_fplace *p = jh_vec_push(&fc->place);

	p->region = index;
	p->virt_given = jh_ymap_get(n, "virt") != NULL;
	p->align = 0;
	if (!ok || !size)
		p->align = UINT64_MAX;	/* marks a broken entry: skip */
	else if (r->size == 0 || r->size % JH_PAGE_SIZE) {
		jh_error(f->d, size->loc, "a region placed automatically "
			 "needs a size that is a non-zero multiple of 4 KiB");
		p->align = UINT64_MAX;
	}
	if ((v = jh_ymap_get(n, "align")) && p->align != UINT64_MAX) {
		uint64_t a;

		if (jh_fint(f, v, "`align`", 1ull << 40, &a) &&
		    (a < JH_PAGE_SIZE || (a & (a - 1)))) {
			jh_error(f->d, v->loc, "`align` must be a power of two "
				 "of at least 4 KiB");
			p->align = UINT64_MAX;
		} else {
			p->align = a;
		}
	}
	if (!p->align)
		p->align = default_align(r->size);
}

/* ------------------------------------------------------- other arrays */

static void cache_entry(struct jh_front *f, struct jh_cell *c,
			const struct jh_ynode *n)
{
	const struct jh_ynode *v;
	struct jh_cache_part *p;
	uint64_t x;

	if (!jh_fis_map(f, n, "a cache partition"))
		return;
	jh_fkeys(f, n, JH_FKEYS("start", "size", "type", "flags", "level"),
		 "a cache partition");
	p = jh_vec_push(&c->cache);
	memset(p, 0, sizeof(*p));
	p->loc = n->loc;
	p->type = JH_CACHE_L3;
	p->level = JH_CACHE_LEVEL_L3;
	if ((v = jh_frequire(f, n, "start", "a cache partition")) &&
	    jh_fint(f, v, "cache `start`", UINT32_MAX, &x))
		p->start = (uint32_t)x;
	if ((v = jh_frequire(f, n, "size", "a cache partition")) &&
	    jh_fint(f, v, "cache `size`", UINT32_MAX, &x))
		p->size = (uint32_t)x;
	if ((v = jh_ymap_get(n, "type")) &&
	    jh_fenum(f, v, "cache `type`", jh_vocab_cache_type, 0xff, &x))
		p->type = (uint8_t)x;
	if ((v = jh_ymap_get(n, "flags")) &&
	    jh_fflags(f, v, "cache `flags`", jh_vocab_cache_flags, false, 0xffff,
		      &x))
		p->flags = (uint16_t)x;
	if ((v = jh_ymap_get(n, "level")) && jh_fint(f, v, "cache `level`",
						      3, &x)) {
		if (x != 2 && x != 3)
			jh_error(f->d, v->loc, "cache `level` is 2 or 3");
		else
			p->level = (enum jh_cache_level)x;
	}
}

static int32_t chip_by_address(const struct jh_front *f, uint64_t address)
{
	for (size_t i = 0; f->board && i < f->board->irqchips.n; i++)
		if (f->board->irqchips.v[i].address == address)
			return (int32_t)i;
	return -1;
}

static void irqchip_entry(struct jh_front *f, struct jh_cell *c,
			  const struct jh_ynode *n)
{
	const struct jh_ynode *v;
	struct jh_cell_irqchip *ic;
	jh_fspans spans = { 0 };
	uint64_t x;

	if (!jh_fis_map(f, n, "an irqchip entry"))
		return;
	jh_fkeys(f, n, JH_FKEYS("address", "id", "pin-base", "pins"),
		 "an irqchip entry");
	ic = jh_vec_push(&c->irqchips);
	memset(ic, 0, sizeof(*ic));
	ic->loc = n->loc;
	for (int i = 0; i < 128; i++)
		ic->pin_loc[i] = JH_LOC_NONE;
	if ((v = jh_frequire(f, n, "address", "an irqchip entry")))
		jh_fint(f, v, "irqchip `address`", UINT64_MAX, &ic->address);
	ic->board_chip = chip_by_address(f, ic->address);
	if ((v = jh_ymap_get(n, "id")) &&
	    jh_fint(f, v, "irqchip `id`", UINT32_MAX, &x))
		ic->id = (uint32_t)x;
	if ((v = jh_ymap_get(n, "pin-base"))) {
		if (jh_fint(f, v, "`pin-base`", UINT32_MAX, &x))
			ic->pin_base = (uint32_t)x;
	} else if (ic->board_chip >= 0) {
		ic->pin_base = f->board->irqchips.v[ic->board_chip].kind ==
			JH_IRQCHIP_IOAPIC ? 0 : 32;
	} else {
		ic->pin_base = f->sys->arch == JH_ARCH_X86 ? 0 : 32;
	}
	if (!(v = jh_ymap_get(n, "pins")))
		return;
	jh_flist(f, v, "`pins`", (uint64_t)UINT32_MAX + 127, &spans);
	for (size_t s = 0; s < spans.n; s++) {
		if (spans.v[s].first < ic->pin_base ||
		    spans.v[s].last > (uint64_t)ic->pin_base + 127) {
			struct jh_diag *g = jh_error(f->d, spans.v[s].loc,
				"interrupt %llu is outside this entry's pins "
				"%u..%u", (unsigned long long)
				(spans.v[s].first < ic->pin_base ?
				 spans.v[s].first : spans.v[s].last),
				ic->pin_base, ic->pin_base + 127);

			jh_diag_hint(g, "add another irqchip entry with a "
				     "different `pin-base`");
			continue;
		}
		for (uint64_t p = spans.v[s].first; p <= spans.v[s].last;
		     p++) {
			uint32_t bit = (uint32_t)(p - ic->pin_base);

			ic->pin_bitmap[bit / 32] |= 1u << (bit % 32);
			ic->pin_loc[bit] = spans.v[s].loc;
		}
	}
	free(spans.v);
}

static void pio_entry(struct jh_front *f, struct jh_cell *c,
		      const struct jh_ynode *n)
{
	struct jh_port_range *p;
	uint64_t start, size;
	int32_t port;

	if (n->kind == JH_YNODE_SCALAR &&
	    (port = jh_fboard_port(f, n->text)) >= 0) {
		p = jh_vec_push(&c->pio);
		p->base = f->board->ports.v[port].base;
		p->length = f->board->ports.v[port].length;
		p->name = f->board->ports.v[port].name;
		p->loc = n->loc;
		return;
	}
	if (!jh_frange(f, n, "a port range", &start, &size))
		return;
	if (start > 0xffff || size > 0xffff || start + size > 0x10000) {
		jh_error(f->d, n->loc, "port ranges lie within 0 .. 0x10000");
		return;
	}
	p = jh_vec_push(&c->pio);
	p->base = (uint16_t)start;
	p->length = (uint16_t)size;
	p->name = NULL;
	p->loc = n->loc;
}

static void shmem(struct jh_front *f, struct jh_pci_dev *p,
		  const struct jh_ynode *n)
{
	const struct jh_ynode *v;
	uint64_t x;

	if (!jh_fis_map(f, n, "`shmem`"))
		return;
	jh_fkeys(f, n, JH_FKEYS("regions-start", "dev-id", "peers",
				"protocol"), "`shmem`");
	if ((v = jh_ymap_get(n, "regions-start")) &&
	    jh_fint(f, v, "`regions-start`", UINT32_MAX, &x))
		p->shmem_regions_start = (uint32_t)x;
	if ((v = jh_ymap_get(n, "dev-id")) &&
	    jh_fint(f, v, "`dev-id`", 0xff, &x))
		p->shmem_dev_id = (uint8_t)x;
	if ((v = jh_ymap_get(n, "peers")) &&
	    jh_fint(f, v, "`peers`", 0xff, &x))
		p->shmem_peers = (uint8_t)x;
	if ((v = jh_ymap_get(n, "protocol")) &&
	    jh_fenum(f, v, "`protocol`", jh_vocab_shmem_proto, 0xffff, &x))
		p->shmem_protocol = (uint16_t)x;
}

static void pci_entry(struct jh_front *f, struct jh_cell *c,
		      const struct jh_ynode *n)
{
	const struct jh_ynode *v;
	struct jh_pci_dev *p;
	uint64_t x;

	if (!jh_fis_map(f, n, "a PCI device entry"))
		return;
	jh_fkeys(f, n, JH_FKEYS("type", "bdf", "domain", "iommu", "bar-mask",
				"caps-start", "num-caps", "msi", "msix",
				"shmem", "name"), "a PCI device entry");
	p = jh_vec_push(&c->pci);
	memset(p, 0, sizeof(*p));
	p->board_dev = -1;
	p->link = -1;
	p->loc = n->loc;
	if ((v = jh_frequire(f, n, "type", "a PCI device entry")) &&
	    jh_fenum(f, v, "PCI `type`", jh_vocab_pci_type, 0xff, &x))
		p->type = (uint8_t)x;
	if ((v = jh_frequire(f, n, "bdf", "a PCI device entry")))
		jh_fbdf(f, v, "`bdf`", &p->bdf);
	if ((v = jh_ymap_get(n, "domain")) &&
	    jh_fint(f, v, "`domain`", 0xffff, &x))
		p->domain = (uint16_t)x;
	if ((v = jh_ymap_get(n, "iommu")) &&
	    jh_fint(f, v, "`iommu`", 0xff, &x))
		p->iommu = (uint8_t)x;
	if ((v = jh_ymap_get(n, "bar-mask")))
		jh_fbar_masks(f, v, p->bar_mask);
	if ((v = jh_ymap_get(n, "caps-start")) &&
	    jh_fint(f, v, "`caps-start`", 0xffff, &x))
		p->caps_start = (uint16_t)x;
	if ((v = jh_ymap_get(n, "num-caps")) &&
	    jh_fint(f, v, "`num-caps`", 0xffff, &x))
		p->num_caps = (uint16_t)x;
	if ((v = jh_ymap_get(n, "msi")))
		jh_fmsi(f, v, &p->num_msi_vectors, &p->msi_flags);
	if ((v = jh_ymap_get(n, "msix")))
		jh_fmsix(f, v, &p->num_msix_vectors, &p->msix_region_size,
			 &p->msix_address);
	if ((v = jh_ymap_get(n, "shmem")))
		shmem(f, p, v);
	if ((v = jh_ymap_get(n, "name")) && jh_fstr(f, v, "`name`"))
		p->name = jh_system_strdup(f->sys, v->text);
}

static void extension(struct jh_front *f, struct jh_cell *c,
		      const struct jh_ynode *n)
{
	const struct jh_ynode *v;
	uint64_t x;

	if (!jh_fis_map(f, n, "`extension`"))
		return;
	jh_fkeys(f, n, JH_FKEYS("watchdog", "allow-hv-probe", "l2-isolation",
				"preserve", "cache-level"), "`extension`");
	if ((v = jh_ymap_get(n, "watchdog")) &&
	    jh_ftime(f, v, "`watchdog`", &x)) {
		c->watchdog_ms = (uint32_t)x;
		c->watchdog_loc = v->loc;
	}
	if ((v = jh_ymap_get(n, "allow-hv-probe")) &&
	    jh_fbool(f, v, "`allow-hv-probe`", &c->allow_hv_probe))
		c->hv_probe_loc = v->loc;
	if ((v = jh_ymap_get(n, "l2-isolation")) &&
	    jh_fbool(f, v, "`l2-isolation`", &c->l2_isolation))
		c->l2_isolation_loc = v->loc;
	if ((v = jh_ymap_get(n, "preserve"))) {
		jh_fspans spans = { 0 };

		jh_flist(f, v, "`preserve`", UINT32_MAX, &spans);
		for (size_t s = 0; s < spans.n; s++) {
			for (uint64_t i = spans.v[s].first;
			     i <= spans.v[s].last; i++) {
				if (i >= c->mem.n) {
					jh_error(f->d, spans.v[s].loc,
						 "the cell has no memory "
						 "region %llu (it has %zu)",
						 (unsigned long long)i,
						 c->mem.n);
					break;
				}
				c->mem.v[i].scrub = JH_SCRUB_PRESERVE;
				c->mem.v[i].scrub_loc = spans.v[s].loc;
			}
		}
		free(spans.v);
	}
	if ((v = jh_ymap_get(n, "cache-level")) &&
	    jh_fis_map(f, v, "`cache-level`")) {
		for (size_t i = 0; i < v->num_pairs; i++) {
			uint64_t idx, lvl;

			if (!jh_fint(f, v->pairs[i].key, "a cache entry index",
				     UINT32_MAX, &idx) ||
			    !jh_fint(f, v->pairs[i].value, "a cache level", 3,
				     &lvl))
				continue;
			if (idx >= c->cache.n)
				jh_error(f->d, v->pairs[i].key->loc, "the cell "
					 "has no cache entry %llu",
					 (unsigned long long)idx);
			else if (lvl != 2 && lvl != 3)
				jh_error(f->d, v->pairs[i].value->loc,
					 "cache level is 2 or 3");
			else
				c->cache.v[idx].level =
					(enum jh_cache_level)lvl;
		}
	}
}

/* -------------------------------------------------- high-level requests */

static void device_refs(struct jh_front *f, struct jh_fcell *fc,
			const struct jh_ynode *n)
{
	if (!jh_fis_seq(f, n, "`devices`"))
		return;
	if (!f->board) {
		jh_error(f->d, n->loc, "`devices` name board devices, but "
			 "there is no board");
		return;
	}
	for (size_t i = 0; i < n->num_items; i++) {
		const struct jh_ynode *it = n->items[i];
		struct jh_fdevref *r;
		int32_t d, p;

		if (!jh_fstr(f, it, "a device name"))
			continue;
		d = jh_fboard_device(f, it->text);
		p = jh_fboard_pci(f, it->text);
		if (d < 0 && p < 0) {
			const char **names = jh_xcalloc(
				f->board->devices.n +
				f->board->pci_devices.n + 1, sizeof(*names));
			size_t k = 0;
			struct jh_diag *g;

			for (size_t j = 0; j < f->board->devices.n; j++)
				names[k++] = f->board->devices.v[j].name;
			for (size_t j = 0; j < f->board->pci_devices.n; j++)
				names[k++] = f->board->pci_devices.v[j].name;
			g = jh_error(f->d, it->loc, "the board has no device "
				     "`%s`", it->text);
			jh_fsuggest(g, it->text, names, k);
			free(names);
			continue;
		}
		for (size_t j = 0; j < fc->devs.n; j++) {
			if (fc->devs.v[j].pci == (p >= 0) &&
			    fc->devs.v[j].index == (p >= 0 ? p : d)) {
				struct jh_diag *g = jh_error(f->d, it->loc,
					"device `%s` is listed twice",
					it->text);

				jh_diag_note(g, fc->devs.v[j].loc,
					     "first listed here");
				d = p = -1;
				break;
			}
		}
		if (d < 0 && p < 0)
			continue;
		r = jh_vec_push(&fc->devs);
		r->pci = p >= 0;
		r->index = p >= 0 ? p : d;
		r->loc = it->loc;
	}
}

static void irq_refs(struct jh_front *f, struct jh_fcell *fc,
		     const struct jh_ynode *n)
{
	jh_fspans spans = { 0 };
	const struct jh_board_irqchip *ic;

	if (!f->board || !f->board->irqchips.n) {
		jh_error(f->d, n->loc, "`irqs` need a board with an irqchip; "
			 "write `irqchips:` entries instead");
		return;
	}
	ic = &f->board->irqchips.v[0];
	jh_flist(f, n, "`irqs`", ic->num_lines - 1, &spans);
	for (size_t s = 0; s < spans.n; s++) {
		for (uint64_t q = spans.v[s].first; q <= spans.v[s].last;
		     q++) {
			struct jh_firq *r = jh_vec_push(&fc->irqs);

			r->chip = 0;
			r->irq = (uint32_t)q;
			r->loc = spans.v[s].loc;
		}
	}
	free(spans.v);
}

/* ----------------------------------------------------------------- cell */

static void cpus(struct jh_front *f, struct jh_cell *c,
		 const struct jh_ynode *n)
{
	jh_fspans spans = { 0 };
	/* without a board, any CPU an image can name (lossless dumps) */
	uint64_t max = f->board && f->board->cpus.n ?
		f->board->cpus.n - 1 : JH_FMAX_CPU;
	struct jh_diag *g;

	c->cpus_loc = n->loc;
	jh_flist(f, n, "`cpus`", JH_FMAX_CPU, &spans);
	for (size_t s = 0; s < spans.n; s++) {
		if (spans.v[s].last > max) {
			g = jh_error(f->d, spans.v[s].loc, "the board has no "
				     "CPU %llu", (unsigned long long)
				     spans.v[s].last);
			jh_diag_note(g, f->board->cpus.v[0].loc, "the board "
				     "has %zu CPUs", f->board->cpus.n);
			continue;
		}
		for (uint64_t q = spans.v[s].first; q <= spans.v[s].last; q++)
			jh_cell_set_cpu(c, (uint32_t)q);
	}
	free(spans.v);
}

static void cpu_set_size(struct jh_front *f, struct jh_cell *c,
			 const struct jh_ynode *n)
{
	uint64_t x;

	if (!jh_fint(f, n, "`cpu-set-size`", (JH_FMAX_CPU + 1) / 8, &x))
		return;
	for (uint32_t cpu = (uint32_t)x * 8; cpu < c->cpu_set_size * 8;
	     cpu++) {
		if (jh_cell_test_cpu(c, cpu)) {
			jh_error(f->d, n->loc, "`cpu-set-size` %llu is too "
				 "small for CPU %u", (unsigned long long)x,
				 cpu);
			return;
		}
	}
	c->cpu_set = jh_xrealloc_array(c->cpu_set, x ? x : 1, 1);
	if (x > c->cpu_set_size)
		memset(c->cpu_set + c->cpu_set_size, 0, x - c->cpu_set_size);
	c->cpu_set_size = (uint32_t)x;
}

static void seq_each(struct jh_front *f, struct jh_cell *c,
		     const struct jh_ynode *n, const char *what,
		     void (*fn)(struct jh_front *, struct jh_cell *,
				const struct jh_ynode *))
{
	if (!jh_fis_seq(f, n, what))
		return;
	for (size_t i = 0; i < n->num_items; i++)
		fn(f, c, n->items[i]);
}

static void one_cell(struct jh_front *f, size_t index)
{
	const struct jh_ynode *key = f->cells.v[index].key;
	const struct jh_ynode *n = f->cells.v[index].value, *v;
	struct jh_cell *c;
	struct jh_fcell *fc;
	uint64_t x;
	bool root = false;

	if (strlen(key->text) > JH_CELL_NAME_MAXLEN)
		jh_error(f->d, key->loc, "cell name `%s` is longer than %d "
			 "characters", key->text, JH_CELL_NAME_MAXLEN);
	c = jh_system_add_cell(f->sys, key->text);
	c->name_loc = key->loc;
	c->loc = key->loc;
	fc = jh_vec_push(&f->fcells);
	memset(fc, 0, sizeof(*fc));
	fc->node = n;
	fc->derive_loc = JH_LOC_NONE;
	if (jh_ynode_is_null(n) || !jh_fis_map(f, n, "a cell"))
		return;
	jh_fkeys(f, n, cell_keys, "a cell");
	if ((v = jh_ymap_get(n, "root")))
		jh_fbool(f, v, "`root`", &root);
	c->is_root = root;
	if ((v = jh_ymap_get(n, "derive")) &&
	    jh_fbool(f, v, "`derive`", &fc->derive)) {
		fc->derive_loc = v->loc;
		if (fc->derive && !root) {
			jh_error(f->d, v->loc, "only the root cell can be "
				 "derived from the board");
			fc->derive = false;
		} else if (fc->derive && !f->board) {
			jh_error(f->d, v->loc, "`derive` needs a board");
			fc->derive = false;
		}
	}
	if ((v = jh_ymap_get(n, "flags"))) {
		c->flags_loc = v->loc;
		if (jh_fflags(f, v, "cell `flags`", jh_vocab_cell_flags, false,
			      UINT32_MAX, &x))
			c->flags = (uint32_t)x;
	}
	if ((v = jh_ymap_get(n, "cpus"))) {
		cpus(f, c, v);
		fc->cpus_given = true;
	}
	if ((v = jh_ymap_get(n, "cpu-set-size")))
		cpu_set_size(f, c, v);
	if ((v = jh_ymap_get(n, "reset-address")))
		jh_fint(f, v, "`reset-address`", UINT64_MAX,
			&c->cpu_reset_address);
	if ((v = jh_ymap_get(n, "msg-reply-timeout")))
		jh_fint(f, v, "`msg-reply-timeout`", UINT64_MAX,
			&c->msg_reply_timeout);
	if ((v = jh_ymap_get(n, "vpci-irq-base")) &&
	    jh_fint(f, v, "`vpci-irq-base`", UINT32_MAX, &x))
		c->vpci_irq_base = (uint32_t)x;
	if ((v = jh_ymap_get(n, "id")) &&
	    jh_fint(f, v, "`id`", UINT32_MAX, &x))
		c->id = (uint32_t)x;
	if ((v = jh_ymap_get(n, "console")))
		jh_front_console(f, v, &c->console, "`console`");
	if ((v = jh_ymap_get(n, "memory")) && jh_fis_seq(f, v, "`memory`")) {
		jh_vec_reserve(&c->mem, v->num_items);
		for (size_t i = 0; i < v->num_items; i++)
			memory_entry(f, c, fc, v->items[i], c->mem.n);
	}
	fc->written_mem = c->mem.n;
	if ((v = jh_ymap_get(n, "cache")))
		seq_each(f, c, v, "`cache`", cache_entry);
	if ((v = jh_ymap_get(n, "irqchips")))
		seq_each(f, c, v, "`irqchips`", irqchip_entry);
	if ((v = jh_ymap_get(n, "pio")))
		seq_each(f, c, v, "`pio`", pio_entry);
	if ((v = jh_ymap_get(n, "pci-devices")))
		seq_each(f, c, v, "`pci-devices`", pci_entry);
	if ((v = jh_ymap_get(n, "pci-caps")) &&
	    jh_fis_seq(f, v, "`pci-caps`")) {
		for (size_t i = 0; i < v->num_items; i++) {
			struct jh_pci_cap cap;

			if (jh_fcap(f, v->items[i], &cap))
				*jh_vec_push(&c->caps) = cap;
		}
	}
	if ((v = jh_ymap_get(n, "stream-ids")) &&
	    jh_fis_seq(f, v, "`stream-ids`")) {
		for (size_t i = 0; i < v->num_items; i++) {
			struct jh_stream_id sid;

			sid.loc = v->items[i]->loc;
			if (jh_fint(f, v->items[i], "a stream ID", UINT32_MAX,
				    &x)) {
				sid.id = (uint32_t)x;
				*jh_vec_push(&c->stream_ids) = sid;
			}
		}
	}
	if ((v = jh_ymap_get(n, "extension")))
		extension(f, c, v);
	if ((v = jh_ymap_get(n, "devices")))
		device_refs(f, fc, v);
	if ((v = jh_ymap_get(n, "irqs")))
		irq_refs(f, fc, v);
	if ((v = jh_ymap_get(n, "comm-region")) &&
	    jh_fint(f, v, "`comm-region`", UINT64_MAX, &fc->comm.virt_start)) {
		fc->has_comm = true;
		fc->comm.size = JH_PAGE_SIZE;
		fc->comm.flags = JH_MEM_READ | JH_MEM_WRITE |
				 JH_MEM_COMM_REGION;
		fc->comm.origin.kind = JH_ORIGIN_COMM;
		fc->comm.origin.index = -1;
		fc->comm.loc = v->loc;
		fc->comm.scrub_loc = JH_LOC_NONE;
	}
}

void jh_front_cells(struct jh_front *f)
{
	size_t roots = 0;

	for (size_t i = 0; i < f->cells.n; i++) {
		const struct jh_ynode *key = f->cells.v[i].key;

		one_cell(f, i);
		if (f->sys->cells.v[i].is_root) {
			if (roots++) {
				struct jh_diag *g = jh_error(f->d, key->loc,
					"cell `%s` is a second root cell",
					key->text);

				jh_diag_note(g, f->sys->cells.v[0].name_loc,
					     "the root cell is `%s`",
					     f->sys->cells.v[0].name);
			} else if (i != 0) {
				struct jh_diag *g = jh_error(f->d, key->loc,
					"the root cell must come first in "
					"`cells`");

				jh_diag_note(g, f->cells.v[0].key->loc,
					     "`%s` comes before it",
					     f->cells.v[0].key->text);
			}
		}
	}
	/* Without a root cell the document can only describe non-root
	 * cell images; that is fine as long as nothing says it is more. */
	if (f->cells.n && !roots && (jh_ymap_get(f->system_node,
						 "hypervisor-memory") ||
				     f->links.n)) {
		struct jh_diag *g = jh_error(f->d, f->cells.v[0].key->loc,
					     "no cell is the root cell");

		jh_diag_hint(g, "add `root: true` to the first cell");
	}
	if (roots && f->system_node &&
	    !jh_ymap_get(f->system_node, "hypervisor-memory")) {
		struct jh_diag *g = jh_error(f->d, f->cells.v[0].key->loc,
			"the root cell goes into the system image, which "
			"needs `hypervisor-memory`");

		jh_diag_note(g, f->system_key->loc, "add it to `system` here");
	}
}
