// SPDX-License-Identifier: GPL-2.0-only
/*
 * ACPI table parsers (see acpi.h). Layouts from the ACPI 6.5
 * specification (MADT, common header), the PCI Firmware Specification
 * (MCFG), Intel VT-d 4.x chapter 8 (DMAR) and AMD IOMMU 3.x chapter 5
 * (IVRS). All multi-byte fields are little-endian.
 */
#include "probe/acpi.h"

#include <stdio.h>
#include <string.h>

#define HDR 36	/* the common system description table header */

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Signature, length and checksum; *len is cut to the table's own length
 * (sysfs files are exact, but be safe). */
static bool check_header(const unsigned char *t, size_t *len,
			 const char *sig, size_t min, char *err,
			 size_t err_size)
{
	uint32_t tl;
	uint8_t sum = 0;

	if (*len < HDR || memcmp(t, sig, 4) != 0) {
		snprintf(err, err_size, "not an ACPI %s table", sig);
		return false;
	}
	tl = le32(t + 4);
	if (tl > *len || tl < min) {
		snprintf(err, err_size,
			 "%s: length field %u does not fit the %zu bytes read",
			 sig, tl, *len);
		return false;
	}
	*len = tl;
	for (size_t i = 0; i < tl; i++)
		sum = (uint8_t)(sum + t[i]);
	if (sum) {
		snprintf(err, err_size, "%s: checksum is wrong (table damaged)",
			 sig);
		return false;
	}
	return true;
}

bool jh_acpi_parse_mcfg(const unsigned char *t, size_t len,
			struct jh_acpi_mcfg *out, char *err, size_t err_size)
{
	memset(out, 0, sizeof(*out));
	if (!check_header(t, &len, "MCFG", HDR + 8, err, err_size))
		return false;
	for (size_t off = HDR + 8; off + 16 <= len; off += 16) {
		if (out->n == JH_ACPI_MAX) {
			snprintf(err, err_size, "MCFG: more than %d entries",
				 JH_ACPI_MAX);
			return false;
		}
		out->e[out->n].base = le64(t + off);
		out->e[out->n].segment = le16(t + off + 8);
		out->e[out->n].start_bus = t[off + 10];
		out->e[out->n].end_bus = t[off + 11];
		out->n++;
	}
	return true;
}

bool jh_acpi_parse_madt(const unsigned char *t, size_t len,
			struct jh_acpi_madt *out, char *err, size_t err_size)
{
	memset(out, 0, sizeof(*out));
	if (!check_header(t, &len, "APIC", HDR + 8, err, err_size))
		return false;
	for (size_t off = HDR + 8; off + 2 <= len;) {
		uint8_t type = t[off], l = t[off + 1];

		if (l < 2 || l > len - off) {
			snprintf(err, err_size,
				 "MADT: entry at offset %zu has a bad length "
				 "%u", off, l);
			return false;
		}
		if (type == 0 && l >= 8) {		/* local APIC */
			if ((le32(t + off + 4) & 1) &&
			    out->num_cpus < sizeof(out->apic_ids) /
					    sizeof(*out->apic_ids))
				out->apic_ids[out->num_cpus++] = t[off + 3];
		} else if (type == 9 && l >= 16) {	/* local x2APIC */
			if ((le32(t + off + 8) & 1) &&
			    out->num_cpus < sizeof(out->apic_ids) /
					    sizeof(*out->apic_ids))
				out->apic_ids[out->num_cpus++] =
					le32(t + off + 4);
		} else if (type == 1 && l >= 12) {	/* IOAPIC */
			struct jh_acpi_ioapic *io;

			if (out->num_ioapics == JH_ACPI_MAX) {
				snprintf(err, err_size,
					 "MADT: more than %d IOAPICs",
					 JH_ACPI_MAX);
				return false;
			}
			io = &out->ioapics[out->num_ioapics++];
			io->id = t[off + 2];
			io->address = le32(t + off + 4);
			io->gsi_base = le32(t + off + 8);
		}
		off += l;
	}
	return true;
}

/* DMAR device scope: the BDF at the end of the path, walking through
 * bridges is not possible without config space, so only single-element
 * paths (devices on the start bus) are resolved exactly. */
static bool scope_bdf(const unsigned char *s, uint8_t l, uint16_t *bdf)
{
	if (l < 8)
		return false;
	*bdf = (uint16_t)(s[5] << 8 | (s[6] & 0x1f) << 3 | (s[7] & 7));
	return l == 8;
}

bool jh_acpi_parse_dmar(const unsigned char *t, size_t len,
			struct jh_acpi_dmar *out, char *err, size_t err_size)
{
	memset(out, 0, sizeof(*out));
	if (!check_header(t, &len, "DMAR", HDR + 12, err, err_size))
		return false;
	for (size_t off = HDR + 12; off + 4 <= len;) {
		uint16_t type = le16(t + off), l = le16(t + off + 2);

		if (l < 4 || l > len - off) {
			snprintf(err, err_size,
				 "DMAR: structure at offset %zu has a bad "
				 "length %u", off, l);
			return false;
		}
		if (type == 0) {	/* DRHD */
			size_t u = out->num_units;
			unsigned size_field;

			if (l < 16) {
				snprintf(err, err_size,
					 "DMAR: DRHD at offset %zu too short",
					 off);
				return false;
			}
			if (u == JH_ACPI_MAX) {
				snprintf(err, err_size,
					 "DMAR: more than %d units",
					 JH_ACPI_MAX);
				return false;
			}
			out->units[u].include_all = t[off + 4] & 1;
			/* "Size": 2^N pages of registers (0 on old tables
			 * = one page) */
			size_field = t[off + 5] & 0xf;
			out->units[u].size = 4096u << size_field;
			out->units[u].segment = le16(t + off + 6);
			out->units[u].base = le64(t + off + 8);
			out->num_units++;
			for (size_t s = off + 16; s + 2 <= off + l;) {
				uint8_t sl = t[s + 1];
				uint16_t bdf;

				if (sl < 6 || sl > off + l - s) {
					snprintf(err, err_size,
						 "DMAR: device scope at offset "
						 "%zu has a bad length %u", s,
						 sl);
					return false;
				}
				if ((t[s] == 1 || t[s] == 2) &&
				    out->units[u].num_scopes < 64 &&
				    scope_bdf(t + s, sl, &bdf)) {
					size_t k = out->units[u].num_scopes++;

					out->units[u].scopes[k].type = t[s];
					out->units[u].scopes[k].bdf = bdf;
				}
				if (t[s] == 3 &&
				    out->num_ioapics < JH_ACPI_MAX &&
				    scope_bdf(t + s, sl, &bdf)) {
					out->ioapics[out->num_ioapics]
						.ioapic_id = t[s + 4];
					out->ioapics[out->num_ioapics++]
						.bdf = bdf;
				}
				s += sl;
			}
		}
		off += l;
	}
	return true;
}

/* Length of an IVHD device entry starting at `e` (0 if malformed). */
static size_t ivhd_entry_len(const unsigned char *e, size_t room)
{
	/* 0x00-0x3f: 4 bytes, 0x40-0x7f: 8 bytes, 0xf0 (ACPI HID): 22 +
	 * UID length; other variable-length types are not defined */
	if (e[0] == 0xf0)
		return room >= 22 ? 22 + (size_t)e[21] : 0;
	if (e[0] < 0x40)
		return 4;
	if (e[0] < 0x80)
		return 8;
	return 0;
}

bool jh_acpi_parse_ivrs(const unsigned char *t, size_t len,
			struct jh_acpi_ivrs *out, char *err, size_t err_size)
{
	memset(out, 0, sizeof(*out));
	if (!check_header(t, &len, "IVRS", HDR + 12, err, err_size))
		return false;
	for (size_t off = HDR + 12; off + 4 <= len;) {
		uint8_t type = t[off];
		uint16_t l = le16(t + off + 2);
		size_t hdr;

		if (l < 4 || l > len - off) {
			snprintf(err, err_size,
				 "IVRS: block at offset %zu has a bad length %u",
				 off, l);
			return false;
		}
		hdr = type == 0x10 ? 24 : (type == 0x11 || type == 0x40) ?
			40 : 0;
		if (hdr && l >= hdr) {
			size_t u = out->num_units;

			if (u == JH_ACPI_MAX) {
				snprintf(err, err_size,
					 "IVRS: more than %d IOMMU blocks",
					 JH_ACPI_MAX);
				return false;
			}
			out->units[u].type = type;
			out->units[u].bdf = le16(t + off + 4);
			out->units[u].cap_offset = le16(t + off + 6);
			out->units[u].base = le64(t + off + 8);
			out->units[u].segment = le16(t + off + 16);
			out->units[u].features = le32(t + off + 20);
			out->num_units++;
			for (size_t e = off + hdr; e + 4 <= off + l;) {
				size_t el = ivhd_entry_len(t + e,
							   off + l - e);

				if (!el || el > off + l - e) {
					snprintf(err, err_size,
						 "IVRS: device entry at offset "
						 "%zu is malformed", e);
					return false;
				}
				/* special device: variety 1 = IOAPIC */
				if (t[e] == 0x48 && t[e + 7] == 1 &&
				    out->num_ioapics < JH_ACPI_MAX) {
					out->ioapics[out->num_ioapics]
						.ioapic_id = t[e + 4];
					out->ioapics[out->num_ioapics++].bdf =
						le16(t + e + 5);
				}
				e += el;
			}
		} else if (hdr) {
			snprintf(err, err_size,
				 "IVRS: IVHD at offset %zu too short", off);
			return false;
		}
		off += l;
	}
	return true;
}
