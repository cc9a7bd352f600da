// SPDX-License-Identifier: GPL-2.0-only
/*
 * Non-root cells. Linux gives up the CPUs a new cell needs (offline:
 * PSCI CPU_OFF, which the hypervisor traps and parks) before the
 * hypervisor creates the cell from a copy of its image in Linux RAM, and
 * takes them back (online: PSCI CPU_ON) after the cell is destroyed.
 * Loading copies binaries into the cell's loadable regions, which the
 * hypervisor lends to Linux while the cell is stopped. Shutting a cell
 * down is "set loadable": the hypervisor stops it and lends its loadable
 * regions back.
 */
#include <linux/cpu.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "jh.h"

#define JH_LOAD_IMAGES_MAX	64

struct jh_cell *jh_cell_new(u32 id, const char *name,
			    const struct cpumask *cpus)
{
	struct jh_cell *cell = kzalloc(sizeof(*cell), GFP_KERNEL);

	if (!cell)
		return NULL;
	cell->id = id;
	strscpy(cell->name, name, sizeof(cell->name));
	cpumask_copy(&cell->cpus, cpus);
	INIT_LIST_HEAD(&cell->entry);
	return cell;
}

/* Frees @cell now or, once it is in sysfs, with its last reference. */
void jh_cell_delete(struct jh_cell *cell)
{
	if (!cell)
		return;
	list_del_init(&cell->entry);
	if (cell->kobj.state_initialized) {
		kobject_put(&cell->kobj);
		return;
	}
	kfree(cell->desc);
	kfree(cell);
}

/* The cell an ioctl names: by id, or with id (u32)-1 by name. */
static struct jh_cell *jh_find_cell(const struct jh_ioc_cell_id *ref)
{
	struct jh_cell *cell;

	if (ref->id == 0) {
		pr_err("jh: the root cell (id 0) cannot be managed\n");
		return ERR_PTR(-EINVAL);
	}
	if (ref->id == (u32)-1 && !memchr(ref->name, 0, sizeof(ref->name))) {
		pr_err("jh: cell name is not NUL-terminated within %d bytes\n",
		       JH_CELL_NAME_MAX + 1);
		return ERR_PTR(-EINVAL);
	}
	list_for_each_entry(cell, &jh.cells, entry) {
		if (ref->id == (u32)-1 ? !strcmp(cell->name, ref->name) :
		    cell->id == ref->id)
			return cell;
	}
	if (ref->id == (u32)-1)
		pr_err("jh: no cell named '%s'\n", ref->name);
	else
		pr_err("jh: no cell with id %u\n", ref->id);
	return ERR_PTR(-ENOENT);
}

/* Is the cell image complete and for us? Fills @cpus from its CPU set. */
static int jh_check_cell(const struct jh_cell_desc *d, u64 size,
			 struct cpumask *cpus)
{
	const u8 *set = jh_cell_cpu_set(d);
	struct jh_cell *other;
	unsigned int bit;

	if (memcmp(d->signature, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE)) {
		pr_err("jh: not a cell image (signature is not "
		       JH_CELL_SIGNATURE ")\n");
		return -EINVAL;
	}
	if (d->revision != JH_CONFIG_REVISION ||
	    d->architecture != JH_ARCH_ARM64) {
		pr_err("jh: cell image revision %u architecture %u, this "
		       "driver reads revision %u for arm64 (%u)\n",
		       d->revision, d->architecture, JH_CONFIG_REVISION,
		       JH_ARCH_ARM64);
		return -EINVAL;
	}
	if (jh_cell_image_size(d) > size) {
		pr_err("jh: cell image truncated: %llu bytes, its counts need "
		       "%llu\n", size, jh_cell_image_size(d));
		return -EINVAL;
	}
	if (!memchr(d->name, 0, sizeof(d->name)) || !d->name[0]) {
		pr_err("jh: cell image name is empty or not NUL-terminated\n");
		return -EINVAL;
	}
	list_for_each_entry(other, &jh.cells, entry)
		if (!strcmp(other->name, d->name)) {
			pr_err("jh: a cell named '%s' exists (id %u)\n",
			       d->name, other->id);
			return -EEXIST;
		}
	cpumask_clear(cpus);
	for (bit = 0; bit < d->cpu_set_size * 8; bit++) {
		if (!(set[bit / 8] & (1u << (bit % 8))))
			continue;
		if (bit >= nr_cpu_ids || !cpu_online(bit) ||
		    !cpumask_test_cpu(bit, &jh.root->cpus)) {
			pr_err("jh: cell '%s': CPU %u is not an online CPU of "
			       "the root cell\n", d->name, bit);
			return -EBUSY;
		}
		cpumask_set_cpu(bit, cpus);
	}
	if (cpumask_empty(cpus)) {
		pr_err("jh: cell '%s' has no CPU\n", d->name);
		return -EINVAL;
	}
	if (cpumask_subset(&jh.root->cpus, cpus)) {
		pr_err("jh: cell '%s' would take every CPU of the root cell\n",
		       d->name);
		return -EBUSY;
	}
	return 0;
}

static void jh_online_cpus(const struct cpumask *cpus)
{
	unsigned int cpu;
	int err;

	for_each_cpu(cpu, cpus) {
		err = add_cpu(cpu);
		if (err)
			pr_err("jh: CPU %u does not come back online (%d)\n",
			       cpu, err);
	}
}

int jh_cell_create(const void __user *image, u64 size)
{
	struct jh_cell_desc *d;
	struct jh_cell *cell;
	struct cpumask cpus, off;
	unsigned int cpu;
	long id;
	int err;

	if (!jh.enabled) {
		pr_err("jh: cell create: the hypervisor is not enabled\n");
		return -EINVAL;
	}
	if (size < sizeof(*d) || size > JH_CELL_IMAGE_MAX) {
		pr_err("jh: cell image size %llu outside %zu..%u\n", size,
		       sizeof(*d), JH_CELL_IMAGE_MAX);
		return -EINVAL;
	}
	/* kmalloc: physically contiguous, the hypervisor copies it */
	d = kmalloc(size, GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	if (copy_from_user(d, image, size)) {
		kfree(d);
		return -EFAULT;
	}
	err = jh_check_cell(d, size, &cpus);
	if (err)
		goto fail;

	cpumask_clear(&off);
	for_each_cpu(cpu, &cpus) {
		err = remove_cpu(cpu);
		if (err) {
			pr_err("jh: cell '%s': cannot take CPU %u offline "
			       "(%d)\n", d->name, cpu, err);
			goto online;
		}
		cpumask_set_cpu(cpu, &off);
	}
	id = jh_hypercall(JH_HC_CELL_CREATE, virt_to_phys(d), 0);
	if (id <= 0) {
		err = id ? (int)id : -EIO;
		pr_err("jh: cell '%s': the hypervisor refused to create it "
		       "(%d); its console says why\n", d->name, err);
		goto online;
	}
	cell = jh_cell_new((u32)id, d->name, &cpus);
	if (!cell) {
		/* the cell exists: keep going without our bookkeeping */
		pr_err("jh: cell '%s': out of memory after creation\n",
		       d->name);
		err = -ENOMEM;
		goto fail;
	}
	cell->desc = d;
	cell->desc_size = size;
	cpumask_andnot(&jh.root->cpus, &jh.root->cpus, &cpus);
	list_add_tail(&cell->entry, &jh.cells);
	if (jh_sysfs_add_cell(cell))
		pr_warn("jh: cell '%s': no sysfs entry\n", cell->name);
	pr_info("jh: cell '%s' created (id %u) on CPUs %*pbl\n", cell->name,
		cell->id, cpumask_pr_args(&cell->cpus));
	return cell->id;

online:
	jh_online_cpus(&off);
fail:
	kfree(d);
	return err;
}

/* The loadable region holding [gpa, gpa+size) of @d: physical address. */
static int jh_load_target(const struct jh_cell_desc *d, u64 gpa, u64 size,
			  phys_addr_t *phys)
{
	const struct jh_memory *m = jh_cell_mem_regions(d);
	unsigned int i;

	for (i = 0; i < d->num_memory_regions; i++) {
		if (!(m[i].flags & JH_MEM_LOADABLE) ||
		    gpa < m[i].virt_start ||
		    gpa - m[i].virt_start > m[i].size ||
		    size > m[i].size - (gpa - m[i].virt_start))
			continue;
		*phys = m[i].phys_start + (gpa - m[i].virt_start);
		return 0;
	}
	pr_err("jh: cell '%s': 0x%llx-0x%llx is not inside one loadable "
	       "memory region\n", d->name, gpa, gpa + size - 1);
	return -EINVAL;
}

static int jh_copy_image(const struct jh_ioc_load_image *img,
			 phys_addr_t phys)
{
	void *dst;
	int err = 0;

	if (!img->size)
		return 0;
	dst = memremap(phys, img->size, MEMREMAP_WB);
	if (!dst) {
		pr_err("jh: cannot map 0x%llx (%llu bytes) for loading\n",
		       (u64)phys, img->size);
		return -ENOMEM;
	}
	if (copy_from_user(dst, u64_to_user_ptr(img->source), img->size))
		err = -EFAULT;
	/* the cell starts with its MMU off */
	jh_flush_dcache(dst, img->size);
	memunmap(dst);
	return err;
}

int jh_cell_load(const struct jh_ioc_cell_load *req)
{
	struct jh_ioc_load_image *imgs;
	struct jh_cell *cell;
	phys_addr_t *phys;
	unsigned int i;
	long ret;
	int err = 0;

	cell = jh_find_cell(&req->cell);
	if (IS_ERR(cell))
		return PTR_ERR(cell);
	if (!req->num_images || req->num_images > JH_LOAD_IMAGES_MAX) {
		pr_err("jh: cell '%s': %u images to load (1..%d)\n",
		       cell->name, req->num_images, JH_LOAD_IMAGES_MAX);
		return -EINVAL;
	}
	imgs = memdup_user(u64_to_user_ptr(req->images),
			   req->num_images * sizeof(*imgs));
	if (IS_ERR(imgs))
		return PTR_ERR(imgs);
	phys = kcalloc(req->num_images, sizeof(*phys), GFP_KERNEL);
	if (!phys) {
		kfree(imgs);
		return -ENOMEM;
	}
	/* every target is checked before the cell is touched */
	for (i = 0; i < req->num_images && !err; i++)
		err = jh_load_target(cell->desc, imgs[i].address,
				     imgs[i].size, &phys[i]);
	if (err)
		goto out;
	ret = jh_hypercall(JH_HC_CELL_SET_LOADABLE, cell->id, 0);
	if (ret) {
		pr_err("jh: cell '%s': set loadable refused (%ld)\n",
		       cell->name, ret);
		err = (int)ret;
		goto out;
	}
	for (i = 0; i < req->num_images && !err; i++)
		err = jh_copy_image(&imgs[i], phys[i]);
	if (!err)
		pr_info("jh: cell '%s': %u image(s) loaded\n", cell->name,
			req->num_images);
out:
	kfree(phys);
	kfree(imgs);
	return err;
}

static int jh_cell_call(const struct jh_ioc_cell_id *ref, unsigned long hc,
			const char *what)
{
	struct jh_cell *cell = jh_find_cell(ref);
	long ret;

	if (IS_ERR(cell))
		return PTR_ERR(cell);
	ret = jh_hypercall(hc, cell->id, 0);
	if (ret) {
		pr_err("jh: cell '%s': %s refused (%ld)\n", cell->name, what,
		       ret);
		return (int)ret;
	}
	pr_info("jh: cell '%s': %s\n", cell->name, what);
	return 0;
}

int jh_cell_start(const struct jh_ioc_cell_id *ref)
{
	return jh_cell_call(ref, JH_HC_CELL_START, "start");
}

int jh_cell_shutdown(const struct jh_ioc_cell_id *ref)
{
	return jh_cell_call(ref, JH_HC_CELL_SET_LOADABLE, "shut down");
}

int jh_cell_destroy(const struct jh_ioc_cell_id *ref)
{
	struct jh_cell *cell = jh_find_cell(ref);
	long ret;

	if (IS_ERR(cell))
		return PTR_ERR(cell);
	ret = jh_hypercall(JH_HC_CELL_DESTROY, cell->id, 0);
	if (ret) {
		pr_err("jh: cell '%s': destroy refused (%ld)\n", cell->name,
		       ret);
		return (int)ret;
	}
	pr_info("jh: cell '%s' destroyed\n", cell->name);
	cpumask_or(&jh.root->cpus, &jh.root->cpus, &cell->cpus);
	jh_online_cpus(&cell->cpus);
	jh_sysfs_del_cell(cell);
	jh_cell_delete(cell);
	return 0;
}
