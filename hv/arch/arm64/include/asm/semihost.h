/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef JH_ASM_SEMIHOST_H
#define JH_ASM_SEMIHOST_H

#include <types.h>

/* Only valid when QEMU runs with -semihosting (bundle flag says so). */
void __noreturn semihost_exit(int code);

#endif
