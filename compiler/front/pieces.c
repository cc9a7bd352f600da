// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pieces written the same way on a board and in the image form of a
 * cell or system: IOMMU units, MSI, MSI-X, PCI capabilities, BAR masks.
 */
#include <string.h>

#include "front-internal.h"
#include "jh-cell-format.h"

bool jh_fiommu(struct jh_front *f, const struct jh_ynode *n, uint32_t *type,
	       uint64_t *base, uint32_t *size, uint8_t raw[12],
	       const char *const *extra_keys)
{
	static const char *const keys[] = {
		"type", "base", "size", "bdf", "base-cap", "msi-cap",
		"features", "tlb-base", "tlb-size", "raw", NULL,
	};
	const char *all[16];
	size_t k = 0;
	const struct jh_ynode *v;
	uint64_t t = 0, x;
	bool ok = true;

	for (size_t i = 0; keys[i]; i++)
		all[k++] = keys[i];
	for (size_t i = 0; extra_keys && extra_keys[i] && k < 15; i++)
		all[k++] = extra_keys[i];
	all[k] = NULL;
	if (!jh_fis_map(f, n, "an IOMMU unit"))
		return false;
	jh_fkeys(f, n, all, "an IOMMU unit");
	memset(raw, 0, 12);
	*base = 0;
	*size = 0;
	v = jh_frequire(f, n, "type", "an IOMMU unit");
	if (!v || !jh_fenum(f, v, "IOMMU `type`", jh_vocab_iommu_type,
			    UINT32_MAX, &t))
		return false;
	*type = (uint32_t)t;
	if ((v = jh_ymap_get(n, "base")))
		ok &= jh_fint(f, v, "`base`", UINT64_MAX, base);
	if ((v = jh_ymap_get(n, "size")) && jh_fint(f, v, "`size`",
						     UINT32_MAX, &x))
		*size = (uint32_t)x;
	else if (v)
		ok = false;
	if ((v = jh_ymap_get(n, "raw"))) {
		if (!jh_fis_seq(f, v, "`raw`"))
			return false;
		if (v->num_items != 12) {
			jh_error(f->d, v->loc, "`raw` needs exactly 12 bytes, "
				 "found %zu", (size_t)v->num_items);
			return false;
		}
		for (size_t i = 0; i < 12; i++) {
			if (jh_fint(f, v->items[i], "a byte of `raw`", 0xff,
				    &x))
				raw[i] = (uint8_t)x;
			else
				ok = false;
		}
	}
	if (t == JH_IOMMU_AMD) {
		uint16_t bdf;

		if ((v = jh_ymap_get(n, "bdf"))) {
			if (jh_fbdf(f, v, "`bdf`", &bdf)) {
				raw[0] = (uint8_t)bdf;
				raw[1] = (uint8_t)(bdf >> 8);
			} else {
				ok = false;
			}
		}
		if ((v = jh_ymap_get(n, "base-cap")) &&
		    jh_fint(f, v, "`base-cap`", 0xff, &x))
			raw[2] = (uint8_t)x;
		if ((v = jh_ymap_get(n, "msi-cap")) &&
		    jh_fint(f, v, "`msi-cap`", 0xff, &x))
			raw[3] = (uint8_t)x;
		if ((v = jh_ymap_get(n, "features")) &&
		    jh_fint(f, v, "`features`", UINT32_MAX, &x))
			for (int i = 0; i < 4; i++)
				raw[4 + i] = (uint8_t)(x >> (8 * i));
	} else if (t == JH_IOMMU_PVU) {
		if ((v = jh_ymap_get(n, "tlb-base")) &&
		    jh_fint(f, v, "`tlb-base`", UINT64_MAX, &x))
			for (int i = 0; i < 8; i++)
				raw[i] = (uint8_t)(x >> (8 * i));
		if ((v = jh_ymap_get(n, "tlb-size")) &&
		    jh_fint(f, v, "`tlb-size`", UINT32_MAX, &x))
			for (int i = 0; i < 4; i++)
				raw[8 + i] = (uint8_t)(x >> (8 * i));
	} else {
		static const char *const amd[] = { "bdf", "base-cap",
			"msi-cap", "features", "tlb-base", "tlb-size", NULL };

		for (size_t i = 0; amd[i]; i++)
			if (jh_ymap_get(n, amd[i]))
				jh_error(f->d, jh_fkey_loc(n, amd[i]),
					 "`%s` is only for %s IOMMUs",
					 amd[i], i < 4 ? "AMD" : "TI PVU");
	}
	return ok;
}

bool jh_fmsi(struct jh_front *f, const struct jh_ynode *n, uint8_t *vectors,
	     uint8_t *flags)
{
	const struct jh_ynode *v;
	uint64_t x;
	bool b, ok = true;

	if (!jh_fis_map(f, n, "`msi`"))
		return false;
	jh_fkeys(f, n, JH_FKEYS("vectors", "64bit", "maskable", "flags"),
		 "`msi`");
	*vectors = 0;
	*flags = 0;
	if ((v = jh_ymap_get(n, "vectors"))) {
		if (jh_fint(f, v, "MSI `vectors`", 0xff, &x))
			*vectors = (uint8_t)x;
		else
			ok = false;
	}
	if ((v = jh_ymap_get(n, "64bit"))) {
		if (jh_fbool(f, v, "`64bit`", &b))
			*flags |= b ? JH_PCI_MSI_64BITS : 0;
		else
			ok = false;
	}
	if ((v = jh_ymap_get(n, "maskable"))) {
		if (jh_fbool(f, v, "`maskable`", &b))
			*flags |= b ? JH_PCI_MSI_MASKABLE : 0;
		else
			ok = false;
	}
	/* bits without a name, so that any image can be written back */
	if ((v = jh_ymap_get(n, "flags"))) {
		if (jh_fint(f, v, "MSI `flags`", 0xff, &x))
			*flags |= (uint8_t)x;
		else
			ok = false;
	}
	return ok;
}

bool jh_fmsix(struct jh_front *f, const struct jh_ynode *n,
	      uint16_t *vectors, uint16_t *region_size, uint64_t *address)
{
	const struct jh_ynode *v;
	uint64_t x;
	bool ok = true;

	if (!jh_fis_map(f, n, "`msix`"))
		return false;
	jh_fkeys(f, n, JH_FKEYS("vectors", "region-size", "address"),
		 "`msix`");
	*vectors = 0;
	*region_size = 0;
	*address = 0;
	if ((v = jh_ymap_get(n, "vectors"))) {
		if (jh_fint(f, v, "MSI-X `vectors`", 0xffff, &x))
			*vectors = (uint16_t)x;
		else
			ok = false;
	}
	if ((v = jh_ymap_get(n, "region-size"))) {
		if (jh_fint(f, v, "MSI-X `region-size`", 0xffff, &x))
			*region_size = (uint16_t)x;
		else
			ok = false;
	}
	if ((v = jh_ymap_get(n, "address")))
		ok &= jh_fint(f, v, "MSI-X `address`", UINT64_MAX, address);
	return ok;
}

bool jh_fcap(struct jh_front *f, const struct jh_ynode *n,
	     struct jh_pci_cap *cap)
{
	const struct jh_ynode *v;
	uint64_t x;
	bool ext = false, ok = true;

	if (!jh_fis_map(f, n, "a PCI capability"))
		return false;
	jh_fkeys(f, n, JH_FKEYS("id", "ext", "start", "len", "flags"),
		 "a PCI capability");
	memset(cap, 0, sizeof(*cap));
	cap->loc = n->loc;
	if ((v = jh_frequire(f, n, "id", "a PCI capability")) &&
	    jh_fint(f, v, "capability `id`", 0xffff, &x))
		cap->id = (uint16_t)x;
	else
		ok = false;
	if ((v = jh_ymap_get(n, "ext"))) {
		ok &= jh_fbool(f, v, "`ext`", &ext);
		if (ext && (cap->id & JH_PCI_EXT_CAP)) {
			jh_error(f->d, v->loc, "`ext: true` with an id that "
				 "already has bit 0x8000 set");
			ok = false;
		}
		if (ext)
			cap->id |= JH_PCI_EXT_CAP;
	}
	if ((v = jh_frequire(f, n, "start", "a PCI capability")) &&
	    jh_fint(f, v, "capability `start`", 0xffff, &x))
		cap->start = (uint16_t)x;
	else
		ok = false;
	if ((v = jh_frequire(f, n, "len", "a PCI capability")) &&
	    jh_fint(f, v, "capability `len`", 0xffff, &x))
		cap->len = (uint16_t)x;
	else
		ok = false;
	if ((v = jh_ymap_get(n, "flags"))) {
		if (jh_fflags(f, v, "capability `flags`", jh_vocab_cap_flags,
			      false, 0xffff, &x))
			cap->flags = (uint16_t)x;
		else
			ok = false;
	}
	return ok;
}

bool jh_fbar_masks(struct jh_front *f, const struct jh_ynode *n,
		   uint32_t mask[6])
{
	uint64_t x;
	bool ok = true;

	memset(mask, 0, 6 * sizeof(*mask));
	if (!jh_fis_seq(f, n, "`bar-mask`"))
		return false;
	if (n->num_items > 6) {
		jh_error(f->d, n->items[6]->loc, "a PCI device has 6 BARs, "
			 "`bar-mask` lists %zu", (size_t)n->num_items);
		return false;
	}
	for (size_t i = 0; i < n->num_items; i++) {
		if (jh_fint(f, n->items[i], "a BAR mask", UINT32_MAX, &x))
			mask[i] = (uint32_t)x;
		else
			ok = false;
	}
	return ok;
}
