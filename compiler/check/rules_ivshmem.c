// SPDX-License-Identifier: GPL-2.0-only
/*
 * ivshmem rules. The peers of one link are found by the physical address of
 * their state table, which every peer maps; that works on images too,
 * where no link declaration survives.
 *
 * Region layout of an ivshmem device, from shmem_regions_start: state
 * table (read-only), read/write section (may be empty), then one output
 * section per peer (writable only by its owner).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "check_util.h"
#include "rules.h"

#include "jh-cell-format.h"

static bool layout_in_range(const struct jh_cell *cell,
			    const struct jh_pci_dev *p)
{
	return p->shmem_peers > 0 &&
	       (uint64_t)p->shmem_regions_start + 2 + p->shmem_peers <=
	       cell->mem.n;
}

struct peer {
	uint64_t state_phys;
	size_t cell, item;
};

typedef JH_VEC(struct peer) peer_vec;

static int peer_cmp(const void *pa, const void *pb)
{
	const struct peer *a = pa, *b = pb;

	if (a->state_phys != b->state_phys)
		return a->state_phys < b->state_phys ? -1 : 1;
	if (a->cell != b->cell)
		return a->cell < b->cell ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* All well-formed ivshmem devices, grouped by state table (sorted). */
static void collect_peers(const struct jh_system *sys, peer_vec *out)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			struct peer *e;

			if (p->type != JH_PCI_TYPE_IVSHMEM ||
			    !layout_in_range(cell, p))
				continue;
			e = jh_vec_push(out);
			e->state_phys =
				cell->mem.v[p->shmem_regions_start].phys_start;
			e->cell = c;
			e->item = i;
		}
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), peer_cmp);
}

static const struct jh_pci_dev *peer_dev(const struct jh_system *sys,
					 const struct peer *e)
{
	return &sys->cells.v[e->cell].pci.v[e->item];
}

/* First difference between two peers of a link, or NULL. */
static const char *peer_difference(const struct jh_system *sys,
				   const struct peer *a, const struct peer *b)
{
	const struct jh_cell *ca = &sys->cells.v[a->cell];
	const struct jh_cell *cb = &sys->cells.v[b->cell];
	const struct jh_pci_dev *pa = peer_dev(sys, a), *pb = peer_dev(sys, b);

	if (pa->shmem_peers != pb->shmem_peers)
		return "peer count";
	if (pa->shmem_protocol != pb->shmem_protocol)
		return "protocol";
	if (pa->bdf != pb->bdf || pa->domain != pb->domain)
		return "BDF";
	for (uint32_t k = 0; k < 2u + pa->shmem_peers; k++) {
		const struct jh_region *ra =
			&ca->mem.v[pa->shmem_regions_start + k];
		const struct jh_region *rb =
			&cb->mem.v[pb->shmem_regions_start + k];

		if (ra->phys_start != rb->phys_start || ra->size != rb->size)
			return "region layout";
	}
	return NULL;
}

JH_RULE_FN(check_ivshmem_inconsistent)
{
	peer_vec peers = { 0 };
	size_t first = 0;

	collect_peers(sys, &peers);
	for (size_t i = 1; i < peers.n; i++) {
		const struct peer *a = &peers.v[first], *b = &peers.v[i];
		const char *what;
		struct jh_diag *g;

		if (a->state_phys != b->state_phys) {
			first = i;
			continue;
		}
		what = peer_difference(sys, a, b);
		if (!what)
			continue;
		g = jh_rule_report(rule, d, peer_dev(sys, b)->loc,
			"ivshmem device of cell '%s' and its peer in cell '%s' "
			"disagree on the %s",
			jh_cell_label(&sys->cells.v[b->cell]),
			jh_cell_label(&sys->cells.v[a->cell]), what);
		jh_diag_note(g, peer_dev(sys, a)->loc, "the peer is here");
		jh_diag_hint(g, "declare the link once and let every peer "
			     "be expanded from it");
	}
	free(peers.v);
}

JH_RULE_FN(check_ivshmem_peer_id)
{
	peer_vec peers = { 0 };
	size_t first = 0;

	collect_peers(sys, &peers);
	for (size_t i = 0; i < peers.n; i++) {
		const struct peer *e = &peers.v[i];
		const struct jh_pci_dev *p = peer_dev(sys, e);
		struct jh_diag *g;

		if (i > 0 && peers.v[first].state_phys != e->state_phys)
			first = i;
		if (p->shmem_dev_id >= p->shmem_peers) {
			g = jh_rule_report(rule, d, p->loc,
				"ivshmem device of cell '%s' has peer id %u, "
				"but the link has only %u peers",
				jh_cell_label(&sys->cells.v[e->cell]),
				p->shmem_dev_id, p->shmem_peers);
			jh_diag_hint(g, "peer ids run from 0 to peers - 1");
			continue;
		}
		for (size_t k = first; k < i; k++) {
			const struct jh_pci_dev *o = peer_dev(sys, &peers.v[k]);

			if (o->shmem_dev_id != p->shmem_dev_id)
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"ivshmem peer id %u is used by cell '%s' and "
				"by cell '%s' on the same link",
				p->shmem_dev_id,
				jh_cell_label(&sys->cells.v[e->cell]),
				jh_cell_label(&sys->cells.v[peers.v[k].cell]));
			jh_diag_note(g, o->loc, "the other peer is here");
			jh_diag_hint(g, "give every peer of a link its own id");
			break;
		}
	}
	free(peers.v);
}

JH_RULE_FN(check_ivshmem_layout)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			const struct jh_region *state;
			struct jh_diag *g;

			if (p->type != JH_PCI_TYPE_IVSHMEM)
				continue;
			if (!layout_in_range(cell, p)) {
				g = jh_rule_report(rule, d, p->loc,
					"ivshmem device of cell '%s' needs "
					"regions %u..%" PRIu64 " (%u peers), "
					"but the cell has %zu",
					jh_cell_label(cell),
					p->shmem_regions_start,
					(uint64_t)p->shmem_regions_start + 1 +
						p->shmem_peers,
					p->shmem_peers, cell->mem.n);
				jh_diag_hint(g, "an ivshmem device owns 2 + "
					     "peers consecutive regions");
				continue;
			}
			state = &cell->mem.v[p->shmem_regions_start];
			if (state->flags & JH_MEM_WRITE) {
				g = jh_rule_report(rule, d, state->loc,
					"the ivshmem state table of cell '%s' "
					"is writable", jh_cell_label(cell));
				jh_diag_note(g, p->loc, "the device is here");
				jh_diag_hint(g, "map the state table "
					     "read-only; the hypervisor "
					     "writes it");
			}
			for (uint32_t k = 0; k < p->shmem_peers; k++) {
				const struct jh_region *out = &cell->mem.v[
					p->shmem_regions_start + 2 + k];

				if (k == p->shmem_dev_id ||
				    !(out->flags & JH_MEM_WRITE) ||
				    out->size == 0)
					continue;
				g = jh_rule_report(rule, d, out->loc,
					"cell '%s' can write the ivshmem output "
					"section of peer %u", jh_cell_label(cell),
					k);
				jh_diag_note(g, p->loc, "the device (peer %u) "
					     "is here", p->shmem_dev_id);
				jh_diag_hint(g, "only the owner of an output "
					     "section may write it");
			}
		}
	}
}

static bool is_arm(const struct jh_system *sys)
{
	return sys->arch == JH_ARCH_ARM || sys->arch == JH_ARCH_ARM64;
}

/*
 * On Arm an ivshmem device interrupts through INTx: SPI 32 +
 * vpci_irq_base + pin - 1 of its cell, pin = 1 + device number mod 4
 * (doc/ivshmem.md). The hypervisor raises it only if the cell owns it.
 */
JH_RULE_FN(check_ivshmem_intx_not_owned)
{
	if (!is_arm(sys))
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			uint32_t pin = ((p->bdf >> 3) & 3) + 1;
			uint64_t irq = 32 + (uint64_t)cell->vpci_irq_base +
				       pin - 1;
			struct jh_diag *g;

			if (p->type != JH_PCI_TYPE_IVSHMEM ||
			    (irq <= UINT32_MAX &&
			     jh_cell_owns_irq(cell,
					      sys->platform.arm.gicd_base,
					      (uint32_t)irq, NULL)))
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"cell '%s' does not own interrupt %" PRIu64
				" (32 + vpci-irq-base %u + pin %u - 1), the "
				"INTx line of its ivshmem device %02x:%02x.%x",
				jh_cell_label(cell), irq, cell->vpci_irq_base,
				pin, p->bdf >> 8, (p->bdf >> 3) & 0x1f,
				p->bdf & 7);
			jh_diag_hint(g, "set vpci-irq-base to a range of SPIs "
				     "no device uses and list the interrupt "
				     "under the cell's irqs:");
		}
	}
}

/*
 * ivshmem devices are found through PCI configuration space, virtual or on
 * a physical host bridge: either way the system needs a window.
 */
JH_RULE_FN(check_ivshmem_no_pci_window)
{
	if (!sys->hypervisor_memory.size || sys->pci_mmconfig_base)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			struct jh_diag *g;

			if (p->type != JH_PCI_TYPE_IVSHMEM)
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"cell '%s' has an ivshmem device, but the "
				"system has no PCI configuration window (no "
				"mmconfig base)", jh_cell_label(cell));
			jh_diag_hint(g, "give the system `pci: {mmconfig-base: "
				     "<address>}`, with `virtual: true` where "
				     "the board has no host bridge");
			return;		/* once is enough */
		}
	}
}

/*
 * What the hypervisor needs beyond permissions: the regions contiguous in
 * guest space (the device reports one base address), output sections of
 * one size, 2..8 peers.
 */
JH_RULE_FN(check_ivshmem_guest_layout)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			const struct jh_region *m;
			uint64_t virt;
			struct jh_diag *g;

			if (p->type != JH_PCI_TYPE_IVSHMEM ||
			    !layout_in_range(cell, p))
				continue;
			if (p->shmem_peers < 2 || p->shmem_peers > 8) {
				g = jh_rule_report(rule, d, p->loc,
					"ivshmem device of cell '%s' has %u "
					"peers; the hypervisor connects 2 to 8",
					jh_cell_label(cell), p->shmem_peers);
				continue;
			}
			m = &cell->mem.v[p->shmem_regions_start];
			virt = m[0].virt_start;
			for (uint32_t k = 0; k < 2u + p->shmem_peers; k++) {
				if (k >= 2 && m[k].size != m[2].size) {
					g = jh_rule_report(rule, d, m[k].loc,
						"ivshmem output sections of "
						"cell '%s' differ in size",
						jh_cell_label(cell));
					jh_diag_note(g, m[2].loc, "peer 0's "
						     "output section is here");
					break;
				}
				if (m[k].size && m[k].virt_start != virt) {
					g = jh_rule_report(rule, d, m[k].loc,
						"ivshmem region %u of cell '%s' "
						"is at guest 0x%" PRIx64 ", not "
						"right after the previous one "
						"(0x%" PRIx64 ")", k,
						jh_cell_label(cell),
						m[k].virt_start, virt);
					jh_diag_note(g, p->loc, "the device is "
						     "here");
					jh_diag_hint(g, "the device reports one "
						     "base address: state table, "
						     "read/write and output "
						     "sections must follow each "
						     "other");
					break;
				}
				virt += m[k].size;
			}
		}
	}
}
