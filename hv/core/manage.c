// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell management from the root cell at run time: create a cell from an
 * image in root memory, lend its loadable regions to the root cell,
 * start it, destroy it. CPUs, interrupts and memory move between the
 * root cell and the cell; memory is scrubbed whenever it leaves a cell.
 * Cells are asked before they are stopped (comm region messages). One
 * management operation at a time (mgmt_lock, also taken by the
 * watchdog). See doc/lifecycle.md.
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <control.h>
#include <late.h>
#include <iommu.h>
#include <lifecycle.h>
#include <page_pool.h>
#include <percpu.h>
#include <printk.h>
#include <string.h>

spinlock_t mgmt_lock;

static void relax(void)
{
	asm volatile("yield" : : : "memory");
}

static u64 reply_timeout_ms(const struct cell *cell)
{
	u64 t = cell->desc->msg_reply_timeout;

	return t ? t : MSG_REPLY_TIMEOUT_DEFAULT_MS;
}

/*
 * Send @msg and wait for the reply (or the cell's end, or the timeout).
 * Returns the reply, JH_MSG_REPLY_NONE on timeout.
 */
static u32 send_message(struct cell *cell, u32 msg)
{
	struct jh_comm_region *comm = cell->comm;
	u64 deadline = arch_time_ms() + reply_timeout_ms(cell);
	u32 reply;

	comm->reply_from_cell = JH_MSG_REPLY_NONE;
	asm volatile("dmb ishst" : : : "memory");
	comm->msg_to_cell = msg;
	do {
		reply = comm->reply_from_cell;
		if (reply != JH_MSG_REPLY_NONE)
			return reply;
		if (cell_state_terminal(cell->state))
			return JH_MSG_REQUEST_APPROVED;
		relax();
	} while (arch_time_ms() < deadline);
	return JH_MSG_REPLY_NONE;
}

static bool cell_is_asked(const struct cell *cell)
{
	return cell->comm && !cell_state_terminal(cell->state) &&
	       !(cell->desc->flags & JH_CELL_PASSIVE_COMMREG);
}

/* May @cell be stopped? Shut-down, failed and passive cells approve. */
static bool shutdown_ok(struct cell *cell)
{
	u32 reply;

	if (!cell_is_asked(cell))
		return true;
	if (cell->comm->cell_state == JH_CELL_RUNNING_LOCKED)
		return false;
	reply = send_message(cell, JH_MSG_SHUTDOWN_REQUEST);
	if (reply == JH_MSG_REPLY_NONE) {
		printk("jh: cell '%s' did not answer the shutdown request "
		       "within %lu ms: taken as approval\n", cell->name,
		       reply_timeout_ms(cell));
		return true;
	}
	return reply == JH_MSG_REQUEST_APPROVED;
}

/* No live cell (but @except) refuses reconfiguration? */
static bool reconfig_ok(const struct cell *except)
{
	unsigned int n;

	for (n = 1; n < MAX_CELLS; n++)
		if (cells[n].exists && &cells[n] != except &&
		    cell_is_asked(&cells[n]) &&
		    cells[n].comm->cell_state == JH_CELL_RUNNING_LOCKED)
			return false;
	return true;
}

static void reconfig_completed(void)
{
	unsigned int n;

	for (n = 1; n < MAX_CELLS; n++)
		if (cells[n].exists && cell_is_asked(&cells[n]))
			send_message(&cells[n], JH_MSG_RECONFIG_COMPLETED);
}

/* Wait until every CPU of @cell left it (bounded: 1 s). */
static int wait_cpus_off(struct cell *cell)
{
	u64 deadline = arch_time_ms() + 1000;
	unsigned int cpu;

	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		while (cell_owns_cpu(cell, cpu) &&
		       per_cpu(cpu)->power != CPU_POWER_OFF) {
			if (arch_time_ms() > deadline) {
				printk("jh: cell '%s': CPU %u does not stop\n",
				       cell->name, cpu);
				return -EBUSY;
			}
			relax();
		}
	return 0;
}

void cell_release(struct cell *cell)
{
	struct cell *root = root_cell();
	unsigned int cpu, w;

	if (cell->released)
		return;
	/* its devices stop reaching its memory before that is scrubbed */
	iommu_update(cell);
	cell_lend_to_root(cell, false);
	cell_teardown(cell);
	for (w = 0; w < MAX_IRQS / 32; w++)
		root->irqs[w] |= cell->irqs[w];
	arch_irqs_reset_for(root, cell->irqs);
	memset(cell->irqs, 0, sizeof(cell->irqs));
	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		if (cell_owns_cpu(cell, cpu)) {
			per_cpu(cpu)->cell = root;
			per_cpu(cpu)->failed = false;
			root->cpus |= BIT(cpu);
			arch_cpu_owner_changed(cpu);
		}
	cell->cpus = 0;
	cell->loadable = false;
	cell->released = true;
}

static struct cell *managed_cell(u64 id, s64 *err)
{
	if (id == 0) {
		*err = -EINVAL;	/* the root cell is not managed */
		return NULL;
	}
	if (id >= MAX_CELLS || !cells[id].exists) {
		*err = -ENOENT;
		return NULL;
	}
	return &cells[id];
}

/* Ask, then stop the cell and wait for its CPUs. */
static s64 stop_for_management(struct cell *cell)
{
	if (!shutdown_ok(cell))
		return -EPERM;
	cell_stop(cell, JH_CELL_SHUT_DOWN);
	return wait_cpus_off(cell);
}

/* Guest-physical range of the root cell -> physical, 0 if not RAM. */
static u64 root_ram_phys(u64 gpa, u64 size)
{
	const struct jh_cell_desc *rd = root_cell()->desc;
	const struct jh_memory *m = jh_cell_mem_regions(rd);
	unsigned int i;

	for (i = 0; i < rd->num_memory_regions; i++) {
		u64 phys;

		if (m[i].flags & (JH_MEM_IO | JH_MEM_COMM_REGION) ||
		    !(m[i].flags & JH_MEM_READ) ||
		    !range_within(gpa, size, m[i].virt_start, m[i].size))
			continue;
		phys = m[i].phys_start + gpa - m[i].virt_start;
		if (cell_mem_held_elsewhere(NULL, phys, size))
			return 0;
		return phys;
	}
	return 0;
}

/* Is the physical range inside one RAM region of the root cell? */
static bool root_ram_covers(u64 phys, u64 size)
{
	const struct jh_cell_desc *rd = root_cell()->desc;
	const struct jh_memory *m = jh_cell_mem_regions(rd);
	unsigned int i;

	for (i = 0; i < rd->num_memory_regions; i++)
		if (!(m[i].flags & (JH_MEM_IO | JH_MEM_COMM_REGION)) &&
		    range_within(phys, size, m[i].phys_start, m[i].size))
			return true;
	return false;
}

/* Copy the image out of the root cell: nothing is read twice. */
static s64 copy_image(u64 gpa, void **image, u64 *size, u64 *pages)
{
	struct jh_cell_desc hdr;
	struct jh_ext_header_view {
		char magic[5];
		u8 reserved;
		u16 version, header_size, num_records;
		u32 total_length;
	} __attribute__((packed)) ext;
	u64 phys = root_ram_phys(gpa, sizeof(hdr)), total;

	if (!phys)
		return -EINVAL;
	memcpy(&hdr, (void *)phys, sizeof(hdr));
	total = jh_cell_image_size(&hdr);
	if (total > CELL_IMAGE_MAX_PAGES * PAGE_SIZE)
		return -E2BIG;
	/* an extension block, if present, says its own length */
	phys = root_ram_phys(gpa + total, sizeof(ext));
	if (phys) {
		memcpy(&ext, (void *)phys, sizeof(ext));
		if (!memcmp(ext.magic, "JHEXT", 5))
			total += ext.total_length;
	}
	if (total > CELL_IMAGE_MAX_PAGES * PAGE_SIZE)
		return -E2BIG;
	phys = root_ram_phys(gpa, total);
	if (!phys)
		return -EINVAL;
	*pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
	*image = pages_alloc(*pages);
	if (!*image)
		return -ENOMEM;
	memcpy(*image, (void *)phys, total);
	*size = total;
	return 0;
}

static s64 rejected(const struct jh_cell_desc *d, s64 err, const char *why,
		    u64 arg)
{
	printk("jh: cell create rejected: cell '%s': ", d->name);
	printk(why, arg);
	printk(" (%ld)\n", err);
	return err;
}

/* Resources the new cell asks for, against what the root cell has now. */
static s64 check_resources(struct per_cpu *caller,
			   const struct jh_cell_desc *d)
{
	const struct jh_memory *m = jh_cell_mem_regions(d);
	const struct jh_irqchip *chip = jh_cell_irqchips(d);
	struct cell *root = root_cell();
	unsigned int n, i, pin;

	for (n = 1; n < MAX_CELLS; n++)
		if (cells[n].exists &&
		    !memcmp(cells[n].desc->name, d->name, sizeof(d->name)))
			return rejected(d, -EEXIST, "name in use", 0);
	for (n = 0; n < MAX_CPUS; n++) {
		if (!jh_cell_has_cpu(d, n))
			continue;
		if (!cell_owns_cpu(root, n) || n == caller->id ||
		    per_cpu(n)->power != CPU_POWER_OFF)
			return rejected(d, -EBUSY, "CPU %lu is not a free "
					"CPU of the root cell", n);
	}
	for (i = 0; i < d->num_irqchips; i++)
		for (pin = 0; pin < JH_IRQCHIP_PINS; pin++) {
			u64 irq = (u64)chip[i].pin_base + pin;

			if (irq >= 32 && jh_irqchip_has_pin(&chip[i], (u32)irq)
			    && !cell_owns_irq(root, (unsigned int)irq))
				return rejected(d, -EBUSY, "interrupt %lu "
						"is not the root cell's", irq);
		}
	for (i = 0; i < d->num_memory_regions; i++) {
		if (m[i].flags & JH_MEM_COMM_REGION)
			continue;
		if (!(m[i].flags & JH_MEM_ROOTSHARED) &&
		    cell_mem_held_elsewhere(NULL, m[i].phys_start, m[i].size))
			return rejected(d, -EBUSY, "memory region %lu belongs "
					"to another cell", i);
	}
	return 0;
}

/*
 * RAM outside the root cell's (jh-compile gives it to no cell but this
 * one) must be reachable by the hypervisor for scrubbing: map it at EL2
 * (once; the mapping stays). Root RAM was mapped at boot.
 */
static s64 map_for_scrubbing(const struct jh_cell_desc *d)
{
	const struct jh_memory *m = jh_cell_mem_regions(d);
	unsigned int i;

	for (i = 0; i < d->num_memory_regions; i++)
		if (!(m[i].flags & (JH_MEM_IO | JH_MEM_COMM_REGION)) &&
		    !root_ram_covers(m[i].phys_start, m[i].size) &&
		    arch_map_hv_ram(m[i].phys_start, m[i].size))
			return -ENOMEM;
	return 0;
}

static s64 create_locked(struct per_cpu *cpu, u64 gpa)
{
	struct cell_ext ext;
	struct cell *cell;
	void *image;
	u64 size, pages;
	unsigned int id, n;
	s64 err;

	if (!reconfig_ok(NULL))
		return -EPERM;
	/* late launch: a CPU still outside could be one the cell wants */
	if (!late_ready()) {
		printk("jh: cell create refused: not every online CPU has "
		       "entered the hypervisor\n");
		return -EBUSY;
	}
	for (id = 1; id < MAX_CELLS && cells[id].exists; id++)
		;
	if (id == MAX_CELLS)
		return -ENOMEM;
	err = copy_image(gpa, &image, &size, &pages);
	if (err)
		return err;
	err = image_check_one(id, image, size, &ext);
	if (!err)
		err = check_resources(cpu, image);
	if (!err)
		err = iommu_check_cell(image, ((const struct jh_cell_desc *)
					       image)->name, NULL);
	if (!err)
		err = map_for_scrubbing(image);
	if (err) {
		pages_free(image, pages);
		return err;
	}
	cell = &cells[id];
	memset(cell, 0, sizeof(*cell));
	cell->id = id;
	cell->desc = image;
	cell->image = image;
	cell->image_pages = pages;
	cell->ext = ext;
	cell->exists = true;
	cell->state = JH_CELL_SHUT_DOWN;
	memcpy(cell->name, cell->desc->name, sizeof(cell->name));
	cell->name[JH_CELL_NAME_MAXLEN] = 0;
	for (n = 0; n < MAX_CPUS; n++)
		if (jh_cell_has_cpu(cell->desc, n))
			cell->cpus |= BIT(n);
	/* under the root's lock: no CPU_ON of these CPUs slips in */
	spin_lock(&root_cell()->lock);
	for (n = 0; n < MAX_CPUS; n++)
		if (cell_owns_cpu(cell, n) &&
		    per_cpu(n)->power != CPU_POWER_OFF)
			break;
	if (n < MAX_CPUS) {
		spin_unlock(&root_cell()->lock);
		err = rejected(image, -EBUSY, "CPU %lu was just powered on",
			       n);
		pages_free(image, pages);
		memset(cell, 0, sizeof(*cell));
		return err;
	}
	root_cell()->cpus &= ~cell->cpus;
	spin_unlock(&root_cell()->lock);
	cell_take_irqs(cell, cell->desc, true);
	cell_take_irqs(root_cell(), cell->desc, false);
	for (n = 0; n < MAX_CPUS; n++)
		if (cell_owns_cpu(cell, n)) {
			per_cpu(n)->failed = false;
			memset(per_cpu(n)->stats, 0, sizeof(per_cpu(n)->stats));
			arch_cpu_owner_changed(n);
		}
	cell_assign_cpus(cell);
	/* interrupts change hands: reset, routed to the new owner */
	arch_cell_irqs_reset(cell);
	if (id >= num_cells)
		num_cells = id + 1;
	err = cell_build(cell);
	if (!err)
		err = cell_take_from_root(cell, false);
	if (err) {
		printk("jh: cell '%s': setup failed (%ld), undone\n",
		       cell->name, err);
		cell_release(cell);
		pages_free(image, pages);
		memset(cell, 0, sizeof(*cell));
		return -ENOMEM;
	}
	iommu_update(NULL);	/* its streams leave the root cell */
	if (cell->comm)
		cell->comm->cell_state = JH_CELL_SHUT_DOWN;
	printk("jh: cell '%s' created (id %u), page pool %lu/%lu used\n",
	       cell->name, id, page_pool_used(), page_pool_pages());
	reconfig_completed();
	return id;
}

static s64 start_locked(struct per_cpu *caller, struct cell *cell)
{
	struct per_cpu *first;
	unsigned int tries, n;
	int err;

	if (cell->released)
		return -EINVAL;	/* failed and emptied: destroy it */
	err = stop_for_management(cell);
	if (err)
		return err;
	if (cell->loadable) {
		err = cell_take_from_root(cell, true);
		if (err)
			return err;
		cell->loadable = false;
		iommu_update(NULL);
	}
	for (n = 0; n < MAX_CPUS; n++)
		if (cell_owns_cpu(cell, n))
			per_cpu(n)->failed = false;
	first = per_cpu(cell->first_cpu);
	if (cell->comm)
		cell_init_comm_region(cell);
	arch_cell_irqs_reset(cell);
	cell->wd_beat = 0;
	cell->wd_seen_ms = arch_time_ms();
	spin_lock(&cell->lock);
	cell->state = JH_CELL_RUNNING;
	if (cell->comm)
		cell->comm->cell_state = JH_CELL_RUNNING;
	first->entry = cell->desc->cpu_reset_address;
	first->context = 0;
	first->power = CPU_POWER_ON_PENDING;
	cell->cpus_on = 1;
	spin_unlock(&cell->lock);
	cell_started();
	printk("jh: starting cell '%s' on CPU %u at 0x%lx\n", cell->name,
	       first->id, first->entry);
	/* a CPU that just parked may still be on its way out: retry */
	for (tries = 0; tries < 1000; tries++) {
		err = arch_cpu_power_on(first->id);
		if (err != -EBUSY)
			break;
		relax();
	}
	if (err) {
		spin_lock(&cell->lock);
		first->power = CPU_POWER_OFF;
		cell->cpus_on = 0;
		spin_unlock(&cell->lock);
		cell_stop(cell, JH_CELL_FAILED);
		return -EBUSY;
	}
	if (cell->ext.watchdog_ms)
		watchdog_arm(caller);
	return 0;
}

static s64 set_loadable_locked(struct per_cpu *caller __unused,
			       struct cell *cell)
{
	int err;

	if (cell->released)
		return -EINVAL;
	err = stop_for_management(cell);
	if (err)
		return err;
	if (!cell->loadable) {
		/* no DMA into what is scrubbed and lent */
		iommu_update(cell);
		err = cell_lend_to_root(cell, true);
		if (!err)
			cell->loadable = true;
		iommu_update(NULL);
		if (err)
			return err;
	}
	return 0;
}

static s64 destroy_locked(struct per_cpu *caller __unused,
			  struct cell *cell)
{
	s64 err;

	if (!reconfig_ok(cell))
		return -EPERM;
	err = stop_for_management(cell);
	if (err)
		return err;
	cell_release(cell);
	pages_free(cell->image, cell->image_pages);
	printk("jh: cell '%s' destroyed, page pool %lu/%lu used\n",
	       cell->name, page_pool_used(), page_pool_pages());
	memset(cell, 0, sizeof(*cell));
	while (num_cells > 1 && !cells[num_cells - 1].exists)
		num_cells--;
	reconfig_completed();
	return 0;
}

s64 hc_cell_create(struct per_cpu *cpu, u64 gpa, u64 unused __unused)
{
	s64 ret;

	cpu->stats[JH_CPU_STAT_VMEXITS_MANAGEMENT]++;
	spin_lock(&mgmt_lock);
	ret = create_locked(cpu, gpa);
	spin_unlock(&mgmt_lock);
	return ret;
}

/* The three per-cell management calls share their locking and lookup. */
static s64 manage_cell(struct per_cpu *cpu, u64 id,
		       s64 (*op)(struct per_cpu *caller, struct cell *cell))
{
	struct cell *cell;
	s64 ret;

	cpu->stats[JH_CPU_STAT_VMEXITS_MANAGEMENT]++;
	spin_lock(&mgmt_lock);
	cell = managed_cell(id, &ret);
	if (cell)
		ret = op(cpu, cell);
	spin_unlock(&mgmt_lock);
	return ret;
}

s64 hc_cell_start(struct per_cpu *cpu, u64 id, u64 unused __unused)
{
	return manage_cell(cpu, id, start_locked);
}

s64 hc_cell_set_loadable(struct per_cpu *cpu, u64 id, u64 unused __unused)
{
	return manage_cell(cpu, id, set_loadable_locked);
}

s64 hc_cell_destroy(struct per_cpu *cpu, u64 id, u64 unused __unused)
{
	return manage_cell(cpu, id, destroy_locked);
}

/*
 * Boot-time mode has no operating system to hand the machine back to:
 * -EBUSY while non-root cells exist (as upstream), -EPERM otherwise.
 */
s64 hc_disable(struct per_cpu *cpu __unused, u64 a1 __unused,
	       u64 a2 __unused)
{
	unsigned int n;

	for (n = 1; n < MAX_CELLS; n++)
		if (cells[n].exists)
			return -EBUSY;
	return -EPERM;
}
