// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86: the IOAPIC pins Linux has handlers on (/proc/interrupts lines
 * "IO-APIC  4-edge  ttyS0", or "IR-IO-APIC" with interrupt remapping).
 * Legacy devices (timer, keyboard, serial, RTC, ACPI SCI) have no board
 * device of their own, so the root cell keeps their pins by number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe/probe.h"

void jh_probe_irqs(struct jh_probe *p, const struct jh_probe_root *root)
{
	char *s = jh_probe_read_text(p, root, "proc/interrupts", true);
	char *line, *save = NULL;

	if (!s) {
		jh_probe_note(p, "the interrupts Linux uses are unknown: add "
			      "the IOAPIC pins of legacy devices to the root "
			      "cell's irqs");
		return;
	}
	for (line = strtok_r(s, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *chip = strstr(line, "IO-APIC");
		char *e;
		unsigned long pin;
		bool dup = false;

		if (!chip)
			continue;
		chip += strlen("IO-APIC");
		pin = strtoul(chip, &e, 10);
		if (e == chip || *e != '-' || pin > 255)
			continue;
		for (size_t i = 0; i < p->root_irqs.n; i++)
			dup |= p->root_irqs.v[i] == pin;
		if (!dup)
			*jh_vec_push(&p->root_irqs) = (uint32_t)pin;
	}
	free(s);
	/* in pin order, for stable output */
	for (size_t i = 1; i < p->root_irqs.n; i++)
		for (size_t k = i; k && p->root_irqs.v[k - 1] >
				       p->root_irqs.v[k]; k--) {
			uint32_t t = p->root_irqs.v[k];

			p->root_irqs.v[k] = p->root_irqs.v[k - 1];
			p->root_irqs.v[k - 1] = t;
		}
}
