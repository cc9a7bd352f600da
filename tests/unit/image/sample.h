/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hand-built systems for the image tests: together the variants use every
 * flag, console type, IOMMU type, PCI device type, capability kind, cache
 * type and extension feature the format has.
 */
#ifndef JH_TEST_SAMPLE_H
#define JH_TEST_SAMPLE_H

#include "model/model.h"

#define SAMPLE_VARIANTS 3

/*
 * variant 0: arm64, extension features in a non-root cell
 * variant 1: x86, nothing outside revision 14 (loads in upstream)
 * variant 2: arm (32-bit), extension features in the root cell
 */
void sample_system(struct jh_system *sys, int variant);

/* A system with one root cell of `regions` memory regions and `pci`
 * PCI devices (for benchmarks and size tests). */
void sample_big_system(struct jh_system *sys, size_t regions, size_t pci);

#endif /* JH_TEST_SAMPLE_H */
