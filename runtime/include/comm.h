/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The communication region the hypervisor maps for a cell at
 * JH_COMM_REGION_INMATE_ADDR (0x80000000).
 */
#ifndef JH_RT_COMM_H
#define JH_RT_COMM_H

#include "jh-cell-interface.h"
#include "types.h"

/*
 * Look at the comm region address: returns the region if its signature
 * and revision match, else NULL; then *bad_revision (when non-NULL) is
 * the revision found if only the revision was wrong, else 0. Only called
 * when a hypervisor maps the address.
 */
volatile struct jh_comm_region *comm_region_probe(u16 *bad_revision);

/* The region found at start, or NULL (standalone or invalid). */
volatile struct jh_comm_region *comm_region(void);

/* Set the cell state the cell reports (running / running-locked). */
void comm_set_state(u32 state);

/*
 * Answer a pending message from the hypervisor: a shutdown request is
 * approved when allow_shutdown is true (else denied), reconfiguration
 * completed is acknowledged. Returns the message handled (JH_MSG_NONE if
 * nothing was pending).
 */
u32 comm_poll_message(bool allow_shutdown);

#endif /* JH_RT_COMM_H */
