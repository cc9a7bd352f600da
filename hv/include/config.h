/* SPDX-License-Identifier: GPL-2.0-only */
/* Fixed limits of this hypervisor build. */
#ifndef JH_HV_CONFIG_H
#define JH_HV_CONFIG_H

#define MAX_CPUS		8	/* physical CPUs handled */
#define MAX_CELLS		8	/* root cell included */
#define MAX_MMIO_HANDLERS	16	/* trapped MMIO ranges per cell */
#define MAX_IRQS		1024	/* interrupt numbers 0..1019 used */
#define HV_STACK_SIZE		0x4000	/* per CPU */
#define CONSOLE_LINE_MAX	128	/* cell output, line-wise */

#endif
