// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh: late launch of the jh hypervisor from a running Linux, which then
 * becomes the root cell, and management of further cells.
 *
 * /dev/jh takes the ioctls of schema/jh-driver-abi.h and reads as the
 * hypervisor console; /sys/kernel/jh shows the state. While the
 * hypervisor is enabled the module holds a reference to itself, so it
 * cannot be unloaded: disable first.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include "jh.h"

struct jh_state jh = {
	.lock = __MUTEX_INITIALIZER(jh.lock),
	.cells = LIST_HEAD_INIT(jh.cells),
};

static long jh_ioctl_locked(unsigned int cmd, void __user *arg)
{
	union {
		struct jh_ioc_system sys;
		struct jh_ioc_cell_create create;
		struct jh_ioc_cell_load load;
		struct jh_ioc_cell_id id;
	} u;

	if (_IOC_SIZE(cmd) > sizeof(u))
		return -ENOTTY;
	if ((_IOC_DIR(cmd) & _IOC_WRITE) &&
	    copy_from_user(&u, arg, _IOC_SIZE(cmd)))
		return -EFAULT;

	switch (cmd) {
	case JH_IOC_ENABLE:
		return jh_enable(u64_to_user_ptr(u.sys.image), u.sys.size);
	case JH_IOC_DISABLE:
		return jh_disable();
	}
	if (!jh.enabled) {
		pr_err("jh: the hypervisor is not enabled\n");
		return -EINVAL;
	}
	switch (cmd) {
	case JH_IOC_CELL_CREATE:
		return jh_cell_create(u64_to_user_ptr(u.create.image),
				      u.create.size);
	case JH_IOC_CELL_LOAD:
		return jh_cell_load(&u.load);
	case JH_IOC_CELL_START:
		return jh_cell_start(&u.id);
	case JH_IOC_CELL_SHUTDOWN:
		return jh_cell_shutdown(&u.id);
	case JH_IOC_CELL_DESTROY:
		return jh_cell_destroy(&u.id);
	}
	return -ENOTTY;
}

static long jh_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	long ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	mutex_lock(&jh.lock);
	ret = jh_ioctl_locked(cmd, (void __user *)arg);
	mutex_unlock(&jh.lock);
	return ret;
}

static ssize_t jh_read(struct file *file, char __user *buf, size_t count,
		       loff_t *ppos)
{
	return jh_console_read(buf, count, ppos);
}

static const struct file_operations jh_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = jh_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.read = jh_read,
	.llseek = default_llseek,
};

static struct miscdevice jh_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = JH_DEVICE_NAME,
	.fops = &jh_fops,
};

static int __init jh_init(void)
{
	int err;

	err = misc_register(&jh_misc);
	if (err) {
		pr_err("jh: cannot register /dev/" JH_DEVICE_NAME " (%d)\n",
		       err);
		return err;
	}
	jh.dev = jh_misc.this_device;
	err = jh_sysfs_init();
	if (err) {
		pr_err("jh: cannot create " JH_SYSFS_DIR " (%d)\n", err);
		misc_deregister(&jh_misc);
		return err;
	}
	/* without a free EL2 the module is of no use: refuse to load */
	err = jh_el2_check();
	if (err) {
		pr_err("jh: not loaded: the hypervisor cannot be enabled on "
		       "this system (see above)\n");
		jh_sysfs_exit();
		misc_deregister(&jh_misc);
		return err;
	}
	pr_info("jh: loaded; EL2 is free (hyp stub vectors at 0x%llx)\n",
		(u64)jh_stub_vectors_phys());
	return 0;
}

static void __exit jh_exit(void)
{
	/* enabled means the module holds a reference: cannot get here */
	jh_sysfs_exit();
	misc_deregister(&jh_misc);
}

module_init(jh_init);
module_exit(jh_exit);

MODULE_DESCRIPTION("jh hypervisor: late launch and cell management");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE(JH_HV_FIRMWARE);
