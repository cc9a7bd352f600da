// SPDX-License-Identifier: GPL-2.0-only
/*
 * The probe as a whole (see probe.h): which sources are read in which
 * order, and the helpers they share.
 */
#include "probe/probe.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "jh-cell-format.h"
#include "probe/collect.h"

void jh_probe_note(struct jh_probe *p, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	*jh_vec_push(&p->notes) = jh_xstrdup(buf);
}

char *jh_probe_read_text(struct jh_probe *p, const struct jh_probe_root *root,
			 const char *path, bool required)
{
	char err[256];
	size_t len, n;
	unsigned char *buf = jh_probe_root_read(root, path, &len, err,
						sizeof(err));
	char *s;

	if (!buf) {
		if (required)
			jh_probe_note(p, "/%s: %s", path, err);
		return NULL;
	}
	s = (char *)buf;
	if (memchr(s, 0, len)) {
		if (required)
			jh_probe_note(p, "/%s: binary data in a text file",
				      path);
		free(buf);
		return NULL;
	}
	n = len;
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	return s;
}

bool jh_probe_parse_cpulist(const char *s, bool *set, size_t max)
{
	const char *q = s;

	if (!*q)
		return true;	/* an empty list */
	for (;;) {
		char *e;
		unsigned long a = strtoul(q, &e, 10), b;

		if (e == q || a >= max)
			return false;
		b = a;
		if (*e == '-') {
			q = e + 1;
			b = strtoul(q, &e, 10);
			if (e == q || b >= max || b < a)
				return false;
		}
		for (unsigned long i = a; i <= b; i++)
			set[i] = true;
		if (*e == 0 || *e == '\n')
			return true;
		if (*e != ',')
			return false;
		q = e + 1;
	}
}

int32_t jh_probe_add_device(struct jh_probe *p, const char *name,
			    const char *what)
{
	struct jh_board_device *d = jh_vec_push(&p->board->devices);
	struct jh_probe_dev_info *info = jh_vec_push(&p->dev_info);

	memset(d, 0, sizeof(*d));
	d->name = jh_board_strdup(p->board, name);
	d->iommu = -1;
	d->loc = JH_LOC_NONE;
	memset(info, 0, sizeof(*info));
	info->what = jh_xstrdup(what);
	info->firmware = -1;
	return (int32_t)(p->board->devices.n - 1);
}

/* The snapshot says which machine it came from; a live system is the
 * machine we run on; otherwise guess from /proc/cpuinfo. */
static void find_machine(struct jh_probe *p, const struct jh_probe_root *root)
{
	char *info = jh_probe_read_text(p, root, JH_SNAPSHOT_INFO, false);
	char *cpuinfo;

	if (info) {
		char *m = strstr(info, "machine=");

		if (m) {
			m += 8;
			m[strcspn(m, "\n")] = 0;
			p->machine = jh_xstrdup(m);
		}
		free(info);
		if (p->machine)
			return;
	}
	if (root->dir && !strcmp(root->dir, "/")) {
		struct utsname u;

		if (uname(&u) == 0) {
			p->machine = jh_xstrdup(u.machine);
			return;
		}
	}
	cpuinfo = jh_probe_read_text(p, root, "proc/cpuinfo", false);
	if (cpuinfo && strstr(cpuinfo, "CPU implementer"))
		p->machine = jh_xstrdup("aarch64");
	else if (cpuinfo && strstr(cpuinfo, "vendor_id"))
		p->machine = jh_xstrdup("x86_64");
	free(cpuinfo);
}

static void note_snapshot_skips(struct jh_probe *p,
				const struct jh_probe_root *root)
{
	char *s = jh_probe_read_text(p, root, JH_SNAPSHOT_SKIPPED, false);
	char *line, *save = NULL;

	if (!s)
		return;
	for (line = strtok_r(s, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		jh_probe_note(p, "the collector could not read /%s", line);
	free(s);
}

struct jh_probe *jh_probe_run(const struct jh_probe_root *root)
{
	struct jh_probe *p = jh_xcalloc(1, sizeof(*p));

	p->board = jh_board_new();
	/* a snapshot by its file name: output must not depend on where the
	 * snapshot was kept */
	if (root->dir) {
		p->source = jh_xstrdup(root->what);
	} else {
		const char *slash = strrchr(root->what, '/');

		p->source = jh_xstrdup(slash ? slash + 1 : root->what);
	}
	p->console_dev = -1;
	p->console_port = -1;
	p->pci_iommu = -1;
	p->pcie_io_dev = -1;
	p->iommu_map.iommu = -1;
	note_snapshot_skips(p, root);
	find_machine(p, root);
	if (!p->machine) {
		jh_probe_note(p, "cannot tell the architecture (no snapshot "
			      "info, no /proc/cpuinfo): fill in board.arch");
		p->machine = jh_xstrdup("unknown");
	}
	if (!strcmp(p->machine, "aarch64")) {
		p->board->arch = JH_ARCH_ARM64;
	} else if (!strcmp(p->machine, "x86_64")) {
		p->board->arch = JH_ARCH_X86;
	} else if (!strncmp(p->machine, "arm", 3)) {
		p->board->arch = JH_ARCH_ARM;
	} else {
		jh_probe_note(p, "machine \"%s\" is not one jh supports "
			      "(x86_64, aarch64, arm): the output assumes "
			      "x86_64", p->machine);
		p->board->arch = JH_ARCH_X86;
	}
	jh_probe_cpus(p, root);
	jh_probe_memory(p, root);
	if (p->board->arch == JH_ARCH_X86) {
		jh_probe_acpi(p, root);
		jh_probe_ports(p, root);
		jh_probe_irqs(p, root);
	} else {
		jh_probe_fdt(p, root);
	}
	jh_probe_pci(p, root);
	jh_probe_resctrl(p, root);
	return p;
}

void jh_probe_free(struct jh_probe *p)
{
	if (!p)
		return;
	jh_board_free(p->board);
	free(p->machine);
	free(p->source);
	for (size_t i = 0; i < p->dev_info.n; i++) {
		free(p->dev_info.v[i].what);
		free(p->dev_info.v[i].exact);
	}
	free(p->dev_info.v);
	free(p->pci_info.v);
	for (size_t i = 0; i < p->port_info.n; i++)
		free(p->port_info.v[i].what);
	free(p->port_info.v);
	for (size_t i = 0; i < p->firmware.n; i++)
		free(p->firmware.v[i].what);
	free(p->firmware.v);
	for (size_t i = 0; i < p->notes.n; i++)
		free(p->notes.v[i]);
	free(p->notes.v);
	free(p->root_irqs.v);
	free(p->iommu_scopes.v);
	free(p->linux_ram.v);
	free(p);
}
