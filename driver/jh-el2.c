// SPDX-License-Identifier: GPL-2.0-only
/*
 * May the driver take over EL2? Linux must have been entered at EL2 and
 * left its hyp stub there (no VHE, no KVM): the hypervisor is installed
 * through the stub's HVC_SET_VECTORS and gives EL2 back to the stub's
 * vectors on disable. Every reason to refuse is printed.
 *
 * Neither the stub's vectors nor kallsyms_lookup_name() are exported:
 * a kprobe on kallsyms_lookup_name() tells its address, which resolves
 * the code symbols we need (data symbols are not in Debian's kallsyms).
 */
#include <linux/kprobes.h>
#include <asm/cpufeature.h>
#include <asm/memory.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include "jh.h"

/* KVM's modes (arch/arm64/include/asm/kvm_host.h) */
#define JH_KVM_MODE_DEFAULT	0
#define JH_KVM_MODE_PROTECTED	1
#define JH_KVM_MODE_NONE	2

static unsigned long jh_lookup_name(const char *name)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long (*lookup)(const char *name);
	int err;

	err = register_kprobe(&kp);
	if (err) {
		pr_err("jh: cannot find kallsyms_lookup_name (kprobe: %d)\n",
		       err);
		return 0;
	}
	lookup = (unsigned long (*)(const char *))kp.addr;
	unregister_kprobe(&kp);
	return lookup(name);
}

phys_addr_t jh_stub_vectors_phys(void)
{
	unsigned long va = jh_lookup_name("__hyp_stub_vectors");

	if (!va)
		return 0;
	/* kernel image address: linear offset kimage_voffset */
	return (phys_addr_t)(va - kimage_voffset);
}

/* HVC_SET_VECTORS (0) of the hyp stub: 0 on success. */
int jh_stub_set_vectors(phys_addr_t vectors)
{
	register unsigned long x0 asm("x0") = 0;
	register unsigned long x1 asm("x1") = vectors;

	asm volatile("hvc #0" : "+r" (x0), "+r" (x1) : : "memory");
	return x0 ? -EIO : 0;
}

static int jh_kvm_mode(void)
{
	unsigned long fn = jh_lookup_name("kvm_get_mode");

	if (!fn)
		return -1;	/* no KVM in this kernel */
	return ((int (*)(void))fn)();
}

int jh_el2_check(void)
{
	u64 pfr0 = read_sysreg_s(SYS_ID_AA64PFR0_EL1);
	phys_addr_t stub;
	int mode;

	if (is_kernel_in_hyp_mode()) {
		pr_err("jh: Linux runs at EL2 (VHE): EL2 is not free for the "
		       "hypervisor; boot with id_aa64mmfr1.vh=0 or on a CPU "
		       "without VHE\n");
		return -EBUSY;
	}
	if (!((pfr0 >> ID_AA64PFR0_EL1_EL2_SHIFT) & 0xf)) {
		pr_err("jh: EL2 is not available: this CPU does not "
		       "implement it (QEMU: -M virt,virtualization=on)\n");
		return -ENODEV;
	}
	if (cpus_have_cap(ARM64_KVM_PROTECTED_MODE)) {
		pr_err("jh: KVM runs in protected mode and holds EL2; boot "
		       "with kvm-arm.mode=none\n");
		return -EBUSY;
	}
	mode = jh_kvm_mode();
	if (mode == JH_KVM_MODE_DEFAULT || mode == JH_KVM_MODE_PROTECTED) {
		pr_err("jh: KVM holds EL2 (kvm-arm.mode is not 'none'); boot "
		       "with kvm-arm.mode=none\n");
		return -EBUSY;
	}
	stub = jh_stub_vectors_phys();
	if (!stub) {
		pr_err("jh: cannot find the hyp stub's vectors "
		       "(__hyp_stub_vectors)\n");
		return -ENOENT;
	}
	/*
	 * Setting the stub's own vectors is a no-op that proves the stub
	 * answers; anything else at EL2 (KVM after all) returns an error.
	 */
	if (jh_stub_set_vectors(stub)) {
		pr_err("jh: EL2 does not run Linux's hyp stub (KVM or another "
		       "hypervisor holds it)\n");
		return -EBUSY;
	}
	return 0;
}
