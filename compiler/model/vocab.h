/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vocabulary of the language: one table per flag set or enumeration,
 * mapping the names users write (and jh-dump prints) to binary values.
 * Each table ends with { NULL, 0 }.
 */
#ifndef JH_VOCAB_H
#define JH_VOCAB_H

#include <stdint.h>

struct jh_name {
	const char *name;
	uint64_t value;
};

extern const struct jh_name jh_vocab_arch[];
extern const struct jh_name jh_vocab_sys_flags[];
extern const struct jh_name jh_vocab_cell_flags[];
extern const struct jh_name jh_vocab_mem_flags[];
extern const struct jh_name jh_vocab_con_type[];
extern const struct jh_name jh_vocab_con_flags[];
extern const struct jh_name jh_vocab_iommu_type[];
extern const struct jh_name jh_vocab_cache_type[];
extern const struct jh_name jh_vocab_cache_flags[];
extern const struct jh_name jh_vocab_pci_type[];
extern const struct jh_name jh_vocab_cap_flags[];
extern const struct jh_name jh_vocab_shmem_proto[];
extern const struct jh_name jh_vocab_apic_mode[];
extern const struct jh_name jh_vocab_irqchip_type[];
extern const struct jh_name jh_vocab_bar_type[];

#endif /* JH_VOCAB_H */
