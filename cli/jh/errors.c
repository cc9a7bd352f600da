// SPDX-License-Identifier: GPL-2.0-only
/*
 * The errno table of the jh tool. The driver passes through what the
 * hypervisor's management hypercalls return (doc/lifecycle.md) and adds
 * its own errors for loading the hypervisor and talking to Linux; the
 * same errno can mean different things for different operations, so an
 * entry for a specific operation wins over the generic one.
 *
 * Keep doc/late-launch.md and doc/man/jh.1 in step with this table.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "errors.h"

#define ANY_OP (-1)

struct op_error {
	int op;			/* enum jh_op, or ANY_OP */
	int err;
	const char *text;
};

static const struct op_error op_errors[] = {
	/* opening /dev/jh */
	{ OP_OPEN, ENOENT, "no such device file: the jh driver is not "
	  "loaded (modprobe jh, or insmod jh.ko)" },
	{ OP_OPEN, ENODEV, "no such device: the jh driver is not loaded "
	  "(modprobe jh, or insmod jh.ko)" },
	{ OP_OPEN, ENXIO, "no such device: the jh driver is not loaded "
	  "(modprobe jh, or insmod jh.ko)" },
	{ OP_OPEN, EACCES, "permission denied: run jh as root" },
	{ OP_OPEN, EPERM, "permission denied: run jh as root" },

	/* jh enable */
	{ OP_ENABLE, EBUSY, "the hypervisor is already enabled, EL2 is not "
	  "free (Linux runs at EL2 with VHE: boot with id_aa64mmfr1.vh=0; "
	  "KVM holds it: boot with kvm-arm.mode=none), or the hypervisor "
	  "memory is Linux's RAM (hide it with mem= or a no-map "
	  "reserved-memory node), or Linux drives an SMMU the system image "
	  "lists (boot without its driver); dmesg says which" },
	{ OP_ENABLE, ENODEV, "EL2 is not available (the CPU has none, or the "
	  "hypervisor could not take it over): dmesg and 'jh console' say "
	  "why" },
	{ OP_ENABLE, ENOENT, "/lib/firmware/jh-hv.bin was not found (install "
	  "hv.bin there), or Linux's hyp stub was not: dmesg says which" },
	{ OP_ENABLE, EINVAL, "the system image or /lib/firmware/jh-hv.bin "
	  "was refused (e.g. jh-hv.bin is not linked for the address of "
	  "the hypervisor memory): dmesg says why, and 'jh console' when "
	  "the hypervisor refused the root cell" },
	{ OP_ENABLE, E2BIG, "the system image is larger than 1 MiB, or "
	  "jh-hv.bin does not fit into the hypervisor memory" },
	{ OP_ENABLE, ENOMEM, "out of memory: Linux could not map the "
	  "hypervisor memory (is it hidden from Linux with mem= or a no-map "
	  "reserved-memory node?), or the hypervisor memory is too small "
	  "for the root cell ('jh console')" },
	{ OP_ENABLE, EIO, "the hypervisor failed to start on a CPU and was "
	  "rolled back: its console says why ('jh console')" },

	/* jh disable */
	{ OP_DISABLE, EBUSY, "non-root cells still exist: destroy them first "
	  "('jh cell list'); or an offline root CPU still runs in the "
	  "hypervisor ('dmesg')" },
	{ OP_DISABLE, EINVAL, "the hypervisor is not enabled" },

	/* jh cell create */
	{ OP_CELL_CREATE, EINVAL, "the driver or the hypervisor refused the "
	  "cell image: dmesg and 'jh console' say why" },
	{ OP_CELL_CREATE, E2BIG, "the cell image is larger than the "
	  "hypervisor accepts (64 KiB)" },
	{ OP_CELL_CREATE, ENOMEM, "no free cell slot (7 cells besides the "
	  "root cell at most) or the hypervisor's memory pool is exhausted" },
	{ OP_CELL_CREATE, EBUSY, "a CPU, interrupt or memory region the cell "
	  "asks for is not free (owned by another cell, or Linux could not "
	  "take the CPU offline)" },
	{ OP_CELL_CREATE, EEXIST, "a cell with this name exists already "
	  "('jh cell list')" },
	{ OP_CELL_CREATE, EPERM, "refused: a cell is running-locked, or jh "
	  "does not run as root" },

	/* jh cell load */
	{ OP_CELL_LOAD, EINVAL, "an image does not fit into one loadable "
	  "memory region of the cell at the address given (check @ADDR "
	  "against the cell's loadable regions), more than 64 images, or "
	  "the root cell: dmesg says which" },
	{ OP_CELL_LOAD, EPERM, "refused: the cell is running-locked or "
	  "denied the shutdown request" },

	/* start, shutdown, destroy */
	{ OP_CELL_START, EINVAL, "not possible for the root cell (id 0), nor "
	  "for a cell that failed (destroy it)" },
	{ OP_CELL_SHUTDOWN, EINVAL, "not possible for the root cell (id 0)" },
	{ OP_CELL_DESTROY, EINVAL, "not possible for the root cell (id 0)" },
	{ OP_CELL_START, EPERM, "refused: the cell is running-locked or "
	  "denied the shutdown request" },
	{ OP_CELL_SHUTDOWN, EPERM, "refused: the cell is running-locked or "
	  "denied the shutdown request" },
	{ OP_CELL_DESTROY, EPERM, "refused: a cell is running-locked, or the "
	  "cell denied the shutdown request" },

	/* any operation */
	{ ANY_OP, ENODEV, "the hypervisor is not enabled ('jh enable "
	  "SYSTEM.cell' first)" },
	{ ANY_OP, ENOENT, "no such cell ('jh cell list')" },
	{ ANY_OP, EPERM, "operation not permitted: run jh as root" },
	{ ANY_OP, EACCES, "permission denied: run jh as root" },
	{ ANY_OP, EBUSY, "the hypervisor or the cell is busy" },
	{ ANY_OP, ENOMEM, "out of memory (in Linux or in the hypervisor)" },
	{ ANY_OP, EIO, "the hypervisor reported an error: dmesg and its "
	  "console ('jh console') say why" },
	{ ANY_OP, ENOSYS, "the hypervisor does not implement this call "
	  "(driver and hypervisor binary of different versions?)" },
	{ ANY_OP, ENOTTY, "not the jh device, or a jh driver of another "
	  "version (ioctl not understood; check JH_DEVICE)" },
	{ ANY_OP, EFAULT, "the driver could not read jh's arguments "
	  "(bad address: a bug in jh)" },
	{ ANY_OP, EINTR, "interrupted by a signal" },
	{ ANY_OP, ETIMEDOUT, "the hypervisor or a CPU did not answer in "
	  "time: see 'jh console'" },
	{ ANY_OP, EOPNOTSUPP, "not supported by this driver or machine" },
	{ ANY_OP, EINVAL, "invalid argument" },
	{ ANY_OP, E2BIG, "an argument is too large for the driver" },
	{ ANY_OP, EEXIST, "exists already" },
};

static const struct {
	int err;
	const char *name;
} errno_names[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" },
	{ EIO, "EIO" }, { ENXIO, "ENXIO" }, { E2BIG, "E2BIG" },
	{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
	{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { ENODEV, "ENODEV" },
	{ EINVAL, "EINVAL" }, { ENOTTY, "ENOTTY" }, { ENOSYS, "ENOSYS" },
	{ ETIMEDOUT, "ETIMEDOUT" }, { EOPNOTSUPP, "EOPNOTSUPP" },
	{ EISDIR, "EISDIR" },
};

const char *errno_name(int err)
{
	for (size_t i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]);
	     i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	return NULL;
}

const char *op_error_text(enum jh_op op, int err)
{
	const size_t n = sizeof(op_errors) / sizeof(op_errors[0]);

	for (size_t i = 0; i < n; i++)
		if (op_errors[i].op == (int)op && op_errors[i].err == err)
			return op_errors[i].text;
	for (size_t i = 0; i < n; i++)
		if (op_errors[i].op == ANY_OP && op_errors[i].err == err)
			return op_errors[i].text;
	return strerror(err);
}
