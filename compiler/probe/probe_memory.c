// SPDX-License-Identifier: GPL-2.0-only
/*
 * RAM and firmware areas from /proc/iomem, port ranges from /proc/ioports
 * (x86).
 *
 * RAM is what Linux calls "System RAM" at the top level, rounded inwards
 * to whole pages. On x86 the root Linux also keeps reading firmware
 * memory: the first MiB (interrupt vectors, BIOS data area, EBDA, option
 * ROMs, the BIOS with the ACPI RSDP) and the "Reserved" / "ACPI" ranges
 * right next to RAM where firmware leaves its ACPI tables.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jh-cell-format.h"
#include "probe/probe.h"
#include "probe/resources.h"

#define PAGE 0x1000ull
#define LOW_MEM (1ull << 20)

static bool read_resources(struct jh_probe *p,
			   const struct jh_probe_root *root, const char *path,
			   struct jh_probe_res_list *l)
{
	char *text = jh_probe_read_text(p, root, path, true);
	char err[256];

	if (!text)
		return false;
	if (!jh_probe_parse_resources(text, l, err, sizeof(err))) {
		jh_probe_note(p, "/%s: %s", path, err);
		free(text);
		return false;
	}
	free(text);
	if (l->all_zero && l->n) {
		jh_probe_note(p, "/%s shows only zero addresses (read "
			      "without root privileges): run jh-probe as "
			      "root", path);
		jh_probe_res_free(l);
		return false;
	}
	return true;
}

static void add_firmware(struct jh_probe *p, uint64_t start, uint64_t size,
			 const char *flags, char *what)
{
	struct jh_probe_fw_range *f = jh_vec_push(&p->firmware);
	char name[32];
	struct jh_board_mmio *m;

	snprintf(name, sizeof(name), "firmware%zu", p->firmware.n - 1);
	f->start = start;
	f->size = size;
	f->what = what;
	f->flags = flags;
	f->dev = jh_probe_add_device(p, name, what);
	m = jh_vec_push(&p->board->devices.v[f->dev].mmio);
	m->start = start;
	m->size = size;
	m->loc = JH_LOC_NONE;
	p->dev_info.v[f->dev].firmware = (int32_t)(p->firmware.n - 1);
}

static bool is_firmware(const char *name)
{
	return !strcmp(name, "Reserved") || !strcmp(name, "reserved") ||
	       !strncmp(name, "ACPI ", 5);
}

void jh_probe_memory(struct jh_probe *p, const struct jh_probe_root *root)
{
	struct jh_probe_res_list l;
	bool x86 = p->board->arch == JH_ARCH_X86;

	if (!read_resources(p, root, "proc/iomem", &l)) {
		jh_probe_note(p, "RAM is unknown: fill in board.ram");
		return;
	}
	if (x86) {
		/* the first MiB in its classic layout */
		add_firmware(p, 0, 0xa0000, "rwx|dma", jh_xstrdup(
			"low memory: real-mode vectors, BIOS data, EBDA; "
			"Linux runs its real-mode trampoline here"));
		add_firmware(p, 0xa0000, 0x20000, "rw|io", jh_xstrdup(
			"legacy VGA window"));
		add_firmware(p, 0xc0000, 0x40000, "rw", jh_xstrdup(
			"option ROMs and BIOS (RSDP, SMBIOS)"));
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct jh_probe_res *r = &l.v[i];
		uint64_t start, end;

		if (r->depth != 0)
			continue;
		if (!strcmp(r->name, "System RAM")) {
			struct jh_board_ram *ram;
			char name[32];

			start = (r->start + PAGE - 1) & ~(PAGE - 1);
			end = (r->end + 1) & ~(PAGE - 1);
			if (x86 && start < LOW_MEM)
				start = LOW_MEM;	/* in the first MiB */
			if (end <= start)
				continue;
			snprintf(name, sizeof(name), "ram%zu",
				 p->board->ram.n);
			ram = jh_vec_push(&p->board->ram);
			ram->name = jh_board_strdup(p->board, name);
			ram->start = start;
			ram->size = end - start;
			ram->loc = JH_LOC_NONE;
			*jh_vec_push(&p->linux_ram) = *ram;
		} else if (x86 && is_firmware(r->name) &&
			   r->start >= LOW_MEM) {
			/* keep only firmware memory adjacent to RAM */
			bool next_to_ram = false;

			for (size_t k = 0; k < l.n; k++)
				if (l.v[k].depth == 0 &&
				    !strcmp(l.v[k].name, "System RAM") &&
				    (l.v[k].end + 1 == r->start ||
				     r->end + 1 == l.v[k].start))
					next_to_ram = true;
			if (next_to_ram) {
				uint64_t s = r->start & ~(PAGE - 1);

				add_firmware(p, s, ((r->end + PAGE) &
						    ~(PAGE - 1)) - s, "rw",
					     jh_xasprintf("\"%s\" next to RAM "
							  "(ACPI tables)",
							  r->name));
			}
		} else if (x86 && !strncmp(r->name, "HPET", 4)) {
			int32_t d = jh_probe_add_device(p, "hpet",
							"HPET timer");
			struct jh_board_mmio *m =
				jh_vec_push(&p->board->devices.v[d].mmio);

			m->start = r->start & ~(PAGE - 1);
			m->size = PAGE;
			m->loc = JH_LOC_NONE;
			p->dev_info.v[d].keep = true;
		}
	}
	if (!p->board->ram.n)
		jh_probe_note(p, "/proc/iomem lists no \"System RAM\": fill in "
			      "board.ram");
	jh_probe_res_free(&l);
}

/* A YAML-friendly name from Linux's ("ACPI PM1a_EVT_BLK" ->
 * "acpi-pm1a-evt-blk"), made unique with a number if needed. */
static void port_name(struct jh_probe *p, const char *linux_name,
		      char *out, size_t size)
{
	size_t n = 0;
	bool dash = false;

	for (const char *s = linux_name; *s && n + 1 < size; s++) {
		if (isalnum((unsigned char)*s)) {
			if (dash && n)
				out[n++] = '-';
			dash = false;
			if (n + 1 < size)
				out[n++] = (char)tolower((unsigned char)*s);
		} else {
			dash = true;
		}
	}
	out[n] = 0;
	if (!n || isdigit((unsigned char)out[0]))
		snprintf(out, size, "port-%s", n ? linux_name : "range");
	for (unsigned k = 1;; k++) {
		bool clash = false;
		char cand[64];

		if (k == 1)
			snprintf(cand, sizeof(cand), "%s", out);
		else
			snprintf(cand, sizeof(cand), "%.56s-%u", out, k);
		for (size_t i = 0; i < p->board->ports.n; i++)
			if (!strcmp(p->board->ports.v[i].name, cand))
				clash = true;
		if (!clash) {
			snprintf(out, size, "%s", cand);
			return;
		}
	}
}

static bool is_bdf_name(const char *s)
{
	uint16_t d;
	uint8_t b, v, f;

	return jh_probe_pci_parse_bdf(s, &d, &b, &v, &f);
}

void jh_probe_ports(struct jh_probe *p, const struct jh_probe_root *root)
{
	struct jh_probe_res_list l;

	if (!read_resources(p, root, "proc/ioports", &l)) {
		jh_probe_note(p, "port ranges are unknown: fill in "
			      "board.ports and the root cell's pio");
		return;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct jh_probe_res *r = &l.v[i];
		struct jh_board_ports *port;
		struct jh_probe_port_info *info;
		char name[64];

		/* PCI BARs belong to their devices; bus windows and the
		 * config mechanism are not devices */
		if (!r->leaf || is_bdf_name(r->name) ||
		    !strncmp(r->name, "PCI ", 4) || r->end > 0xffff)
			continue;
		if (!strcmp(r->name, "ACPI PM_TMR"))
			p->pm_timer = (uint16_t)r->start;
		port_name(p, r->name, name, sizeof(name));
		port = jh_vec_push(&p->board->ports);
		port->name = jh_board_strdup(p->board, name);
		port->base = (uint16_t)r->start;
		port->length = (uint16_t)(r->end - r->start + 1);
		port->loc = JH_LOC_NONE;
		info = jh_vec_push(&p->port_info);
		info->what = jh_xstrdup(r->name);
		if (!strcmp(r->name, "serial") && r->start == 0x3f8)
			p->console_port = (int32_t)(p->board->ports.n - 1);
	}
	if (!p->pm_timer)
		jh_probe_note(p, "no \"ACPI PM_TMR\" in /proc/ioports: fill in "
			      "system x86.pm-timer");
	if (p->console_port < 0)
		jh_probe_note(p, "no serial port at 0x3f8 in /proc/ioports: "
			      "choose the hypervisor's debug console "
			      "yourself");
	jh_probe_res_free(&l);
}
