// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Comm region access and the message protocol (cell side).
 */
#include "comm.h"
#include "mem.h"
#include "rt.h"

volatile struct jh_comm_region *comm_region_probe(u16 *bad_revision)
{
	volatile struct jh_comm_region *c =
		(volatile struct jh_comm_region *)JH_COMM_REGION_INMATE_ADDR;
	char sig[sizeof(c->signature)];

	if (bad_revision)
		*bad_revision = 0;
	for (size_t i = 0; i < sizeof(sig); i++)
		sig[i] = c->signature[i];
	if (memcmp(sig, JH_COMM_SIGNATURE, sizeof(sig)) != 0)
		return NULL;
	if (c->revision != JH_COMM_REVISION) {
		if (bad_revision)
			*bad_revision = c->revision ? c->revision : 0xffff;
		return NULL;
	}
	return c;
}

volatile struct jh_comm_region *comm_region(void)
{
	return rt_env.comm;
}

void comm_set_state(u32 state)
{
	if (rt_env.comm)
		rt_env.comm->cell_state = state;
}

u32 comm_poll_message(bool allow_shutdown)
{
	volatile struct jh_comm_region *c = rt_env.comm;
	u32 msg, reply;

	if (!c)
		return JH_MSG_NONE;
	msg = c->msg_to_cell;
	switch (msg) {
	case JH_MSG_NONE:
		return JH_MSG_NONE;
	case JH_MSG_SHUTDOWN_REQUEST:
		reply = allow_shutdown ? JH_MSG_REQUEST_APPROVED :
					 JH_MSG_REQUEST_DENIED;
		break;
	case JH_MSG_RECONFIG_COMPLETED:
		reply = JH_MSG_RECEIVED;
		break;
	default:
		reply = JH_MSG_UNKNOWN;
		break;
	}
	/* Clear the message before the reply becomes visible. */
	c->msg_to_cell = JH_MSG_NONE;
	dmb(ishst);
	c->reply_from_cell = reply;
	return msg;
}
