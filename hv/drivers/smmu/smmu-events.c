// SPDX-License-Identifier: GPL-2.0-only
/*
 * DMA faults: the hypervisor reads every SMMU event record (on the
 * event-queue interrupt, and before it answers a question about faults
 * or changes the streams), attributes it to the stream's device and
 * owning cell, prints it, counts it per cell, and switches a stream that
 * keeps faulting to abort (SMMU_QUIESCE_FAULTS) without touching any
 * cell. The root cell reads the counters with JH_HC_DMA_FAULT_INFO.
 */
#include <boot.h>
#include <iommu.h>
#include <percpu.h>
#include <printk.h>
#include <asm/gic.h>
#include "smmu.h"

static const char *event_name(unsigned int type)
{
	const char *name = jh_dma_fault_type_name(type);

	return name ? name : "unknown";
}

/* Faults that carry the input address in double word 2. */
static bool has_address(unsigned int type)
{
	return type == 0x10 || type == 0x11 || type == 0x12 ||
	       type == 0x13 || type == 0x0b;
}

/*
 * Events of one burst: a device's transfer that faults is often
 * reported access by access (QEMU: every 4 bytes; hardware: every
 * transaction). Consecutive events of one stream, type and direction
 * within one page form one fault: one line, one count (events without
 * an address: of one stream and type).
 */
struct fault_run {
	u64 e0, e1, addr;
	unsigned int events;
};

static bool same_run(const struct fault_run *r, const u64 *e)
{
	unsigned int type = EVT_TYPE(e[0]);

	if (!r->events || EVT_TYPE(r->e0) != type ||
	    EVT_SID(r->e0) != EVT_SID(e[0]))
		return false;
	/* configuration errors (a stream beyond the table...) carry none */
	return !has_address(type) ||
	       (EVT_RNW(r->e1) == EVT_RNW(e[1]) &&
		(r->addr & PAGE_MASK) == (e[2] & PAGE_MASK));
}

static void report(const struct smmu *s, const struct fault_run *r)
{
	unsigned int type = EVT_TYPE(r->e0);
	u32 sid = EVT_SID(r->e0);
	int owner = sid < smmu_num_sids ? streams[sid].owner : OWNER_NONE;
	struct dma_cell *dc = owner == OWNER_NONE ? &dma_unowned :
						      &dma_cells[owner];
	const char *name = owner == OWNER_NONE ? "" : cells[owner].name;
	const char *q1 = owner == OWNER_NONE ? "no cell" : "cell '";
	const char *q2 = owner == OWNER_NONE ? "" : "'";
	u64 addr = has_address(type) ? r->addr : 0;
	char bdf[12];

	dc->faults++;
	dc->events += r->events;
	dc->last_sid = sid;
	dc->last_type = type;
	dc->last_addr = addr;
	dc->any = true;

	/* one printk per line: other CPUs print too */
	if (has_address(type))
		printk("smmu: fault: stream 0x%04x%s %s%s%s address 0x%lx "
		       "(%s) type %s (unit %u, %u events)\n", sid,
		       smmu_bdf_label(bdf, sid), q1, name, q2, addr,
		       EVT_RNW(r->e1) ? "read" : "write", event_name(type),
		       s->index, r->events);
	else
		printk("smmu: fault: stream 0x%04x%s %s%s%s type %s (0x%x, "
		       "unit %u, %u events)\n", sid, smmu_bdf_label(bdf, sid),
		       q1, name, q2, event_name(type), type, s->index,
		       r->events);

	if (sid >= smmu_num_sids || streams[sid].quiesced ||
	    ++streams[sid].faults < SMMU_QUIESCE_FAULTS)
		return;
	smmu_stream_quiesce(sid);
	dc->quiesced++;
	printk("smmu: stream 0x%04x%s of %s%s%s quiesced after %u faults: "
	       "its DMA is aborted\n", sid, smmu_bdf_label(bdf, sid),
	       owner == OWNER_NONE ? "no cell" : "cell '", name, q2,
	       streams[sid].faults);
}

/* With smmu_lock held. */
void smmu_events_drain(struct smmu *s)
{
	u32 size = 1u << s->evtq_bits, mask = size - 1;
	u32 wrap_mask = 2 * size - 1;
	u32 prod = mmio_read32(s->base + SMMU_EVENTQ_PROD);
	u32 gerr = mmio_read32(s->base + SMMU_GERROR);
	u32 gerrn = mmio_read32(s->base + SMMU_GERRORN);
	u32 cons = s->evtq_cons;
	struct fault_run run = { 0 };

	while ((prod & wrap_mask) != (cons & wrap_mask)) {
		const u64 *e = &s->evtq[EVT_DWORDS * (cons & mask)];

		if (same_run(&run, e)) {
			run.events++;
		} else {
			if (run.events)
				report(s, &run);
			run.e0 = e[0];
			run.e1 = e[1];
			run.addr = e[2];
			run.events = 1;
		}
		cons = (cons & Q_OVERFLOW) | ((cons + 1) & wrap_mask);
	}
	if (run.events)
		report(s, &run);
	if ((prod ^ cons) & Q_OVERFLOW) {
		printk("smmu: unit %u: event queue overflowed, faults were "
		       "lost\n", s->index);
		cons ^= Q_OVERFLOW;	/* acknowledge */
	}
	s->evtq_cons = cons;
	mmio_write32(s->base + SMMU_EVENTQ_CONS, cons);
	if (gerr != gerrn) {
		printk("smmu: unit %u: global error 0x%x%s\n", s->index,
		       gerr ^ gerrn, (gerr ^ gerrn) & GERROR_EVENTQ_ABT ?
		       " (event queue full: faults were lost)" : "");
		mmio_write32(s->base + SMMU_GERRORN, gerr);
	}
}

void smmu_irq(unsigned int irq __unused)
{
	unsigned int u;

	spin_lock(&smmu_lock);
	for (u = 0; u < num_smmus; u++)
		smmu_events_drain(&smmus[u]);
	spin_unlock(&smmu_lock);
}

s64 hc_dma_fault_info(struct per_cpu *cpu, u64 id, u64 type)
{
	const struct dma_cell *dc;
	unsigned int u;
	s64 ret = -EINVAL;

	if (id == JH_DMA_FAULTS_UNOWNED) {
		if (cpu->cell != root_cell())
			return -EPERM;
	} else if (id >= MAX_CELLS || !cells[id].exists) {
		return -ENOENT;
	} else if (cpu->cell != root_cell() && cpu->cell != &cells[id]) {
		return -EPERM;
	}
	spin_lock(&smmu_lock);
	for (u = 0; u < num_smmus; u++)
		smmu_events_drain(&smmus[u]);
	dc = id == JH_DMA_FAULTS_UNOWNED ? &dma_unowned : &dma_cells[id];
	switch (type) {
	case JH_DMA_INFO_COUNT:
		ret = (s64)dc->faults;
		break;
	case JH_DMA_INFO_QUIESCED:
		ret = dc->quiesced;
		break;
	case JH_DMA_INFO_EVENTS:
		ret = (s64)dc->events;
		break;
	case JH_DMA_INFO_LAST_STREAM:
	case JH_DMA_INFO_LAST_ADDRESS:
	case JH_DMA_INFO_LAST_TYPE:
		if (!dc->any)
			ret = -ENOENT;
		else if (type == JH_DMA_INFO_LAST_STREAM)
			ret = dc->last_sid;
		else if (type == JH_DMA_INFO_LAST_TYPE)
			ret = dc->last_type;
		else
			ret = (s64)(dc->last_addr & 0x7fffffffffffffffull);
		break;
	}
	spin_unlock(&smmu_lock);
	return ret;
}
