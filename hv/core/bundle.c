// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot bundle: find the system image, the cell images and the inmate
 * binaries. Only the bundle's own structure is checked here; the images
 * are checked by image_check.c.
 */
#include <boot.h>
#include <printk.h>
#include <string.h>
#include <stdarg.h>

struct boot_info boot;
u64 hv_image_start, hv_image_end;

int bundle_parse(const void *bundle, u64 max_size)
{
	const struct jh_bundle_header *hdr = bundle;
	const struct jh_bundle_entry *ent;
	unsigned int n, cell_entries = 0;

	if (max_size < sizeof(*hdr))
		return boot_error("bundle", "no room for a bundle header");
	if (memcmp(hdr->magic, JH_BUNDLE_MAGIC, sizeof(hdr->magic)))
		return boot_error("bundle", "no bundle at 0x%lx (bad magic)",
				  (u64)bundle);
	if (hdr->version != JH_BUNDLE_VERSION)
		return boot_error("bundle", "version %u, expected %u",
				  hdr->version, JH_BUNDLE_VERSION);
	if (hdr->flags & ~JH_BUNDLE_FLAGS_KNOWN)
		return boot_error("bundle", "unknown flags 0x%x", hdr->flags);
	if (hdr->total_size < sizeof(*hdr) || hdr->total_size > max_size)
		return boot_error("bundle", "total size %lu out of range",
				  hdr->total_size);
	if (hdr->num_entries > ARRAY_SIZE(boot.inmate) + MAX_CELLS ||
	    sizeof(*hdr) + (u64)hdr->num_entries * sizeof(*ent) >
	    hdr->total_size)
		return boot_error("bundle", "%u entries do not fit in %lu "
				  "bytes", hdr->num_entries, hdr->total_size);
	boot.flags = hdr->flags;
	boot.num_cells = 1;

	ent = (const struct jh_bundle_entry *)(hdr + 1);
	for (n = 0; n < hdr->num_entries; n++, ent++) {
		const u8 *data;

		if (ent->offset > hdr->total_size ||
		    ent->size > hdr->total_size - ent->offset)
			return boot_error("bundle", "entry %u lies outside the "
					  "bundle", n);
		data = (const u8 *)bundle + ent->offset;
		switch (ent->type) {
		case JH_BUNDLE_SYSTEM:
			if (boot.system)
				return boot_error("bundle", "entry %u: second "
						  "system image", n);
			boot.system = (const void *)data;
			boot.system_size = ent->size;
			break;
		case JH_BUNDLE_CELL:
			if (boot.num_cells >= MAX_CELLS)
				return boot_error("bundle", "entry %u: more "
						  "than %u cells", n,
						  MAX_CELLS - 1);
			boot.cell[boot.num_cells] = (const void *)data;
			boot.cell_size[boot.num_cells++] = ent->size;
			cell_entries++;
			break;
		case JH_BUNDLE_INMATE:
			if (boot.num_inmates >= ARRAY_SIZE(boot.inmate))
				return boot_error("bundle", "entry %u: too "
						  "many inmates", n);
			boot.inmate[boot.num_inmates].cell = ent->cell;
			boot.inmate[boot.num_inmates].data = data;
			boot.inmate[boot.num_inmates].size = ent->size;
			boot.inmate[boot.num_inmates].load_address =
				ent->load_address;
			boot.num_inmates++;
			break;
		default:
			return boot_error("bundle", "entry %u: unknown type %u",
					  n, ent->type);
		}
	}
	if (!boot.system)
		return boot_error("bundle", "no system image");
	for (n = 0; n < boot.num_inmates; n++) {
		if (boot.inmate[n].cell > cell_entries)
			return boot_error("bundle", "inmate %u is for cell %u, "
					  "but there are only %u cell images",
					  n, boot.inmate[n].cell, cell_entries);
		boot.has_inmate[boot.inmate[n].cell] = true;
	}
	for (n = 0; n < boot.num_cells && !boot.has_inmate[n]; n++)
		;
	if (n == boot.num_cells)
		return boot_error("bundle", "no inmate: no cell would run");
	return 0;
}

/* after boot, the same checks reject images of the create hypercall */
const char *image_error_prefix = "jh: boot error: ";

int boot_error(const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk_line(image_error_prefix, where, fmt, ap);
	va_end(ap);
	return -EINVAL;
}
