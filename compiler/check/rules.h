/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The check functions behind the rule table (rules.c), one per rule,
 * grouped in one file per catalogue group.
 */
#ifndef JH_CHECK_RULES_H
#define JH_CHECK_RULES_H

#include "check/check.h"

#define JH_RULE_FN(name) \
	void name(const struct jh_rule *rule, const struct jh_system *sys, \
		  struct jh_diags *d)

/* memory: rules_memory.c */
JH_RULE_FN(check_mem_zero_size);
JH_RULE_FN(check_mem_wrap);
JH_RULE_FN(check_mem_unaligned);
JH_RULE_FN(check_mem_virt_overlap);
JH_RULE_FN(check_mem_phys_alias);
JH_RULE_FN(check_mem_overlap_cells);
JH_RULE_FN(check_mmio_overlap_cells);
JH_RULE_FN(check_mem_hypervisor);
JH_RULE_FN(check_mem_debug_console);
JH_RULE_FN(check_mem_loadable_io);
JH_RULE_FN(check_mem_dma_io);
JH_RULE_FN(check_mem_exec_io);
JH_RULE_FN(check_mem_shared_wx);
JH_RULE_FN(check_mem_comm_multiple);
JH_RULE_FN(check_mem_ram_unassigned);
JH_RULE_FN(check_mem_flags_unknown);
JH_RULE_FN(check_mem_not_on_board);

/* CPUs: rules_cpu.c */
JH_RULE_FN(check_cpu_multiple_cells);
JH_RULE_FN(check_cpu_root_none);
JH_RULE_FN(check_cpu_cell_none);
JH_RULE_FN(check_cpu_not_in_root);
JH_RULE_FN(check_cpu_l2_isolation);

/* interrupts: rules_irq.c */
JH_RULE_FN(check_irq_multiple_cells);
JH_RULE_FN(check_irq_device_not_owned);
JH_RULE_FN(check_irq_out_of_range);
JH_RULE_FN(check_irq_hypervisor);
JH_RULE_FN(check_irq_intx_shared);
JH_RULE_FN(check_irq_chip_unknown);
JH_RULE_FN(check_irq_gic_version);
JH_RULE_FN(check_irq_per_cpu);
JH_RULE_FN(check_irq_chip_mapped);

/* PCI: rules_pci.c, rules_ivshmem.c */
JH_RULE_FN(check_pci_multiple_cells);
JH_RULE_FN(check_pci_bridge_other_cell);
JH_RULE_FN(check_pci_bar_overlap);
JH_RULE_FN(check_pci_dma_no_iommu);
JH_RULE_FN(check_pci_msix_table);
JH_RULE_FN(check_pci_caps_range);
JH_RULE_FN(check_pci_bus_range);
JH_RULE_FN(check_ivshmem_inconsistent);
JH_RULE_FN(check_ivshmem_peer_id);
JH_RULE_FN(check_ivshmem_layout);
JH_RULE_FN(check_ivshmem_intx_not_owned);
JH_RULE_FN(check_ivshmem_no_pci_window);
JH_RULE_FN(check_ivshmem_guest_layout);

/* cache allocation: rules_cache.c */
JH_RULE_FN(check_cache_overlap_cells);
JH_RULE_FN(check_cache_cbm_length);
JH_RULE_FN(check_cache_empty_mask);
JH_RULE_FN(check_cache_noncontiguous);
JH_RULE_FN(check_cache_cdp_unsupported);
JH_RULE_FN(check_cache_cdp_mixed);
JH_RULE_FN(check_cache_l2_shared);
JH_RULE_FN(check_cache_l2_scope);
JH_RULE_FN(check_cache_no_hardware);

/* port I/O: rules_pio.c */
JH_RULE_FN(check_pio_multiple_cells);
JH_RULE_FN(check_pio_machine_control);
JH_RULE_FN(check_pio_not_x86);
JH_RULE_FN(check_pio_range);

/* IOMMU: rules_iommu.c */
JH_RULE_FN(check_iommu_stream_id_multiple);
JH_RULE_FN(check_iommu_stream_id_no_unit);
JH_RULE_FN(check_iommu_index);
JH_RULE_FN(check_iommu_mmio_mapped);
JH_RULE_FN(check_dma_device_no_iommu);

/* whole system: rules_system.c */
JH_RULE_FN(check_sys_name_empty);
JH_RULE_FN(check_sys_console_not_on_board);
JH_RULE_FN(check_sys_hv_memory);
JH_RULE_FN(check_sys_gic_bases);
JH_RULE_FN(check_sys_flags_unknown);
JH_RULE_FN(check_sys_vconsole_not_permitted);

#endif /* JH_CHECK_RULES_H */
