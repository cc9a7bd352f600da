// SPDX-License-Identifier: GPL-2.0-only
/*
 * `links:` -> sys->links. The regions and virtual PCI devices they expand
 * into are added to each peer by assemble.c; their memory is placed by
 * place.c when no address is given.
 */
#include <stdlib.h>
#include <string.h>

#include "front-internal.h"
#include "jh-cell-format.h"

static bool page_multiple(struct jh_front *f, const struct jh_ynode *n,
			  const char *what, uint64_t *out, bool nonzero)
{
	if (!jh_fint(f, n, what, 1ull << 40, out))
		return false;
	if (*out % JH_PAGE_SIZE || (nonzero && !*out)) {
		jh_error(f->d, n->loc, "%s must be a %smultiple of 4 KiB",
			 what, nonzero ? "non-zero " : "");
		return false;
	}
	return true;
}

static bool bdf_used(const struct jh_front *f, uint16_t bdf, size_t upto)
{
	for (size_t i = 0; f->board && i < f->board->pci_devices.n; i++)
		if ((f->board->pci_devices.v[i].bdf & 0xfff8) ==
		    (bdf & 0xfff8))
			return true;
	for (size_t i = 0; i < upto; i++)
		if (f->flinks.v[i].bdf_given &&
		    (f->sys->links.v[i].bdf & 0xfff8) == (bdf & 0xfff8))
			return true;
	return false;
}

static void peers(struct jh_front *f, struct jh_link *l,
		  const struct jh_ynode *n)
{
	if (!jh_fis_seq(f, n, "`peers`"))
		return;
	for (size_t i = 0; i < n->num_items; i++) {
		const struct jh_ynode *it = n->items[i];
		int32_t c;

		if (!jh_fstr(f, it, "a peer"))
			continue;
		c = jh_fcell_index(f, it->text);
		if (c < 0) {
			const char **names = jh_xcalloc(f->sys->cells.n + 1,
							sizeof(*names));
			struct jh_diag *g;

			for (size_t j = 0; j < f->sys->cells.n; j++)
				names[j] = f->sys->cells.v[j].name;
			g = jh_error(f->d, it->loc, "no cell is named `%s`",
				     it->text);
			jh_fsuggest(g, it->text, names, f->sys->cells.n);
			free(names);
			continue;
		}
		for (size_t j = 0; j < l->peers.n; j++) {
			if (l->peers.v[j] == c) {
				jh_error(f->d, it->loc, "cell `%s` is a peer "
					 "of this link twice", it->text);
				c = -1;
				break;
			}
		}
		if (c >= 0)
			*jh_vec_push(&l->peers) = c;
	}
	if (n->num_items < 2)
		jh_error(f->d, n->loc, "a link needs at least two peers");
	if (n->num_items > 255)
		jh_error(f->d, n->loc, "a link has at most 255 peers");
}

void jh_front_links_read(struct jh_front *f)
{
	for (size_t i = 0; i < f->links.n; i++) {
		const struct jh_ynode *key = f->links.v[i].key;
		const struct jh_ynode *n = f->links.v[i].value, *v;
		struct jh_link *l = jh_vec_push(&f->sys->links);
		struct jh_flink *fl = jh_vec_push(&f->flinks);
		uint64_t x;

		memset(l, 0, sizeof(*l));
		memset(fl, 0, sizeof(*fl));
		l->name = jh_system_strdup(f->sys, key->text);
		l->loc = key->loc;
		l->state_size = JH_PAGE_SIZE;
		l->rw_size = 0;
		l->out_size = 16 * 1024;
		fl->node = n;
		if (!jh_fis_map(f, n, "a link"))
			continue;
		jh_fkeys(f, n, JH_FKEYS("peers", "protocol", "state-size",
					"rw-size", "out-size", "bdf",
					"address", "virt", "msix"), "a link");
		if ((v = jh_frequire(f, n, "peers", "a link"))) {
			fl->peers_loc = v->loc;
			peers(f, l, v);
		}
		if ((v = jh_ymap_get(n, "protocol")) &&
		    jh_fenum(f, v, "`protocol`", jh_vocab_shmem_proto, 0xffff,
			     &x))
			l->protocol = (uint16_t)x;
		if ((v = jh_ymap_get(n, "state-size")))
			page_multiple(f, v, "`state-size`", &l->state_size,
				      true);
		if ((v = jh_ymap_get(n, "rw-size")))
			page_multiple(f, v, "`rw-size`", &l->rw_size, false);
		if ((v = jh_ymap_get(n, "out-size")))
			page_multiple(f, v, "`out-size`", &l->out_size,
				      false);
		if ((v = jh_ymap_get(n, "bdf")) &&
		    jh_fbdf(f, v, "`bdf`", &l->bdf))
			fl->bdf_given = true;
		/* MSI-X vectors the hypervisor emulates in BAR1 (1..8) */
		if ((v = jh_ymap_get(n, "msix")) &&
		    jh_fint(f, v, "`msix`", 8, &x)) {
			if (!x)
				jh_error(f->d, v->loc, "a link's `msix` must "
					 "be 1..8 (leave it out for INTx)");
			l->msix_vectors = (uint16_t)x;
		}
		if ((v = jh_ymap_get(n, "address")) &&
		    jh_fint(f, v, "`address`", UINT64_MAX, &l->phys_base)) {
			if (l->phys_base % JH_PAGE_SIZE)
				jh_error(f->d, v->loc, "a link's `address` "
					 "must be 4 KiB aligned");
			fl->address_given = true;
		}
		if ((v = jh_ymap_get(n, "virt")) &&
		    jh_fint(f, v, "`virt`", UINT64_MAX, &fl->virt)) {
			if (fl->virt % JH_PAGE_SIZE)
				jh_error(f->d, v->loc, "a link's `virt` must "
					 "be 4 KiB aligned");
			fl->virt_given = true;
		}
	}
	/* default BDFs: lowest free device number on bus 0, from 1 */
	for (size_t i = 0; i < f->links.n; i++) {
		if (f->flinks.v[i].bdf_given)
			continue;
		for (uint16_t dev = 1; dev < 32; dev++) {
			uint16_t bdf = (uint16_t)(dev << 3);
			bool used = bdf_used(f, bdf, f->links.n);

			for (size_t j = 0; j < i && !used; j++)
				used = (f->sys->links.v[j].bdf & 0xfff8) == bdf;
			if (!used) {
				f->sys->links.v[i].bdf = bdf;
				break;
			}
		}
	}
}

/* Total size of a link's memory. */
uint64_t jh_flink_size(const struct jh_link *l)
{
	return l->state_size + l->rw_size + l->out_size * l->peers.n;
}
