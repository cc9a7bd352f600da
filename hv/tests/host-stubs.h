/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef JH_HV_HOST_STUBS_H
#define JH_HV_HOST_STUBS_H

#include <types.h>

/* console output of the checks since the last reset of out_len */
extern char out[16384];
extern size_t out_len;

#endif
