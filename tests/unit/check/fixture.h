/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models built in C for the rule tests: a small, clean arm64 (or x86)
 * system that each test breaks in exactly one way.
 */
#ifndef JH_TEST_CHECK_FIXTURE_H
#define JH_TEST_CHECK_FIXTURE_H

#include "check/check.h"
#include "diag/diag.h"
#include "model/model.h"

#include "jh-cell-format.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x40000000ull		/* 1 GiB */
#define HV_BASE 0x7fc00000ull
#define HV_SIZE 0x400000ull
#define UART0 0x09000000ull
#define UART1 0x09001000ull
#define GICD 0x08000000ull
#define GICR 0x080a0000ull
#define RW (JH_MEM_READ | JH_MEM_WRITE)
#define RWX (JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE)
#define IO_RW (JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO)

/* A location "test.yaml:<line>:1". */
struct jh_loc fx_loc(unsigned line);

/* Clean arm64 system: root cell with CPUs 0-3 and the RAM below the
 * hypervisor; GICv3; debug console on UART0. No board. */
void fx_arm(struct jh_system *sys);
/* Clean x86 system: root cell with CPUs 0-3, RAM, no IOMMU. */
void fx_x86(struct jh_system *sys);
/* A board matching fx_arm: 4 CPUs (L2 {0,1} and {2,3}), 1 GiB RAM, GICv3
 * with 288 lines, UART0 (irq 33) and UART1 (irq 34). */
void fx_board(struct jh_system *sys);

/* Add a non-root cell with CPUs from `mask`; returns its index. */
size_t fx_cell(struct jh_system *sys, const char *name, uint32_t mask);
struct jh_cell *fx_c(struct jh_system *sys, size_t idx);

struct jh_region *fx_mem(struct jh_system *sys, size_t cell, uint64_t phys,
			 uint64_t virt, uint64_t size, uint64_t flags);
struct jh_cell_irqchip *fx_irq(struct jh_system *sys, size_t cell,
			       uint64_t chip, uint32_t pin_base, uint32_t irq);
struct jh_pci_dev *fx_pci(struct jh_system *sys, size_t cell, uint8_t type,
			  uint16_t bdf);
struct jh_cache_part *fx_cache(struct jh_system *sys, size_t cell,
			       uint32_t start, uint32_t size, uint8_t type);
struct jh_port_range *fx_pio(struct jh_system *sys, size_t cell,
			     uint16_t base, uint16_t length);
void fx_sid(struct jh_system *sys, size_t cell, uint32_t id);
/* An ivshmem link between cells a and b at `phys` (state, rw, 2 outs). */
void fx_ivshmem(struct jh_system *sys, size_t a, size_t b, uint64_t phys);

/*
 * Run every rule; return the sorted, comma-separated set of rule ids
 * reported (suppressed ones included), "" when clean. The string lives
 * until the next call.
 */
const char *fx_run(struct jh_system *sys);
/* The same with a caller's engine (policy, suppressions). */
const char *fx_run_with(struct jh_system *sys, struct jh_diags *d);

#endif /* JH_TEST_CHECK_FIXTURE_H */
