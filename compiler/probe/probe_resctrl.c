// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cache allocation (Intel CAT/CDP, also L2 CAT) from the resctrl file
 * system's info directory: the capacity bitmask length is the number of
 * bits set in info/<res>/cbm_mask; code/data prioritisation shows as
 * L3CODE/L3DATA (L2CODE/L2DATA) resources.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe/probe.h"

#define INFO "sys/fs/resctrl/info"

/* Bits in a hex mask; -1 when it is not one. */
static int mask_bits(const char *s)
{
	int bits = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		int v;

		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			v = *s - 'A' + 10;
		else
			return -1;
		bits += __builtin_popcount((unsigned)v);
	}
	return bits;
}

static uint32_t cbm_length(struct jh_probe *p, const struct jh_probe_root *root,
			   const char *res, bool *cdp)
{
	char path[128], *s;
	int bits = -1;
	const char *code = !strcmp(res, "L3") ? "L3CODE" : "L2CODE";

	*cdp = false;
	snprintf(path, sizeof(path), INFO "/%s/cbm_mask", res);
	s = jh_probe_read_text(p, root, path, false);
	if (!s) {
		/* with CDP on, only the CODE/DATA resources exist */
		snprintf(path, sizeof(path), INFO "/%s/cbm_mask", code);
		s = jh_probe_read_text(p, root, path, false);
		*cdp = s != NULL;
	}
	if (s) {
		bits = mask_bits(s);
		if (bits < 0)
			jh_probe_note(p, "/%s: \"%s\" is not a hex mask: fill "
				      "in board.cache-allocation", path, s);
		free(s);
	}
	return bits > 0 ? (uint32_t)bits : 0;
}

void jh_probe_resctrl(struct jh_probe *p, const struct jh_probe_root *root)
{
	struct jh_board_cache_alloc *ca = &p->board->cache_alloc;
	bool cdp;

	if (!jh_probe_root_exists(root, INFO))
		return;	/* no cache allocation, or resctrl not mounted */
	ca->l3_cbm_length = cbm_length(p, root, "L3", &cdp);
	ca->l3_cdp = cdp;
	ca->l2_cbm_length = cbm_length(p, root, "L2", &cdp);
	ca->l2_cdp = cdp;
	ca->present = ca->l3_cbm_length || ca->l2_cbm_length;
	ca->loc = JH_LOC_NONE;
}
