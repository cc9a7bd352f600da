/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The jh cell watchdog (doc/lifecycle.md): a cell whose configuration
 * sets a watchdog period must call jh_watchdog_kick() at least once per
 * period, or the hypervisor stops it as failed.
 */
#ifndef JH_RT_WATCHDOG_H
#define JH_RT_WATCHDOG_H

#include "types.h"

/* Offset of the heartbeat word in the comm region page (jh addition). */
#define JH_COMM_HEARTBEAT_OFFSET	0x100

/* Show the hypervisor the cell is alive (no-op without a comm region). */
void jh_watchdog_kick(void);

#endif /* JH_RT_WATCHDOG_H */
