// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stand-in for pci_libpci.c in the fuzzing binary (built by clang without
 * libpci): the harness only reads snapshots, never the live system.
 */
#include "probe/probe.h"

bool jh_probe_pci_libpci(struct jh_probe *p, const struct jh_probe_root *root)
{
	(void)p;
	(void)root;
	return false;
}
