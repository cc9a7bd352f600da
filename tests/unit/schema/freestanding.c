// SPDX-License-Identifier: GPL-2.0-only
/* Compiled with -ffreestanding -nostdlib: the ABI headers need no libc. */
#include "jh-cell-format.h"
#include "jh-cell-interface.h"
#include "jh-late-launch.h"

unsigned long jh_probe_size(const struct jh_system_desc *sys);

unsigned long jh_probe_size(const struct jh_system_desc *sys)
{
	return (unsigned long)jh_system_image_size(sys);
}
