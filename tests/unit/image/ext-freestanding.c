// SPDX-License-Identifier: GPL-2.0-only
/* Compiled with -ffreestanding -nostdlib: the extension header, like the
 * ABI header it builds on, must need no libc (the hypervisor includes it). */
#include "jh-cell-ext.h"

unsigned int jh_ext_probe(unsigned int payload);

unsigned int jh_ext_probe(unsigned int payload)
{
	return jh_ext_record_span(payload) + sizeof(struct jh_ext_header);
}
