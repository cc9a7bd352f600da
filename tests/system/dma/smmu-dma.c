// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu-dma: QEMU's edu device (1234:11e8) as a DMA attacker and victim
 * under the hypervisor's SMMUv3 (doc/dma-isolation.md). Built in four
 * roles (SMMU_ROLE):
 *
 * ROLE_OWN      cell 'dma' with edu 00:02.0 (stream 0x10): DMA from its
 *               RAM into the device buffer and back into other RAM at
 *               guest-physical addresses (IOVA = guest-physical), data
 *               checked.
 * ROLE_ATTACK   the same, then the device aimed at physical addresses
 *               it must not reach: a write into the root cell's canary,
 *               a read of it (what arrives in the device is checked),
 *               a write into the hypervisor's code; then the cell reads
 *               its own fault counters (JH_HC_DMA_FAULT_INFO).
 * ROLE_QUIESCE  faults until the hypervisor quiesces the stream, then
 *               shows that even DMA into its own RAM no longer happens.
 * ROLE_ROOT     the root cell (linked at 0x40000000): keeps a canary in
 *               its RAM, drives edu 00:03.0, whose stream no cell owns,
 *               into its own RAM (must not arrive), and edu 01:00.0
 *               behind a root port, whose stream ID lies beyond the
 *               stream table (must not arrive either), waits for 'dma'
 *               to end, checks the canary, reads the fault counters of
 *               cell 'dma' and of unowned streams, and has the
 *               hypervisor verify its own integrity digest.
 * ROLE_REASSIGN the manager, in a root cell whose image lists edu
 *               00:02.0's stream too: the root cell's own DMA through
 *               that device works before cell 'dma' takes it and after
 *               it is given back.
 * ROLE_CONTROL  only the write into the root cell's canary: the control
 *               run without an SMMU, where it must succeed.
 * ROLE_MANAGER  the root role, but cell 'dma' is created at run time
 *               from an image in root memory, loaded with the attack
 *               role, started, destroyed, twice: its stream follows it
 *               and its counters start from zero each time.
 *
 * Configuration space through the hypervisor's filtered ECAM window
 * (doc/pci-passthrough.md): each cell sees the functions it owns. Every
 * line starts "smmu-dma:".
 */
#include "rt.h"

#define ROLE_OWN		1
#define ROLE_ATTACK		2
#define ROLE_QUIESCE		3
#define ROLE_ROOT		4
#define ROLE_MANAGER		5
#define ROLE_CONTROL		6
#define ROLE_REASSIGN		7

/* ROLE_MANAGER: where QEMU's loader puts cell 'dma''s image and binary */
#define CELL_IMAGE		0x42000000ul
#define CELL_BIN		0x43000000ul
#define CELL_BIN_MAX		0x10000ul

#define ECAM			0x3f000000ul
#define EDU0_BDF		0x10	/* 00:02.0 */
#define EDU1_BDF		0x18	/* 00:03.0 */
#define EDU2_BDF		0x100	/* 01:00.0, behind root port 00:04.0 */
#define RP0_BDF			0x20	/* 00:04.0 */
#define EDU0_BAR		0x10000000ul
#define EDU1_BAR		0x10100000ul
#define EDU2_BAR		0x10200000ul

#define EDU_ID			0x00
#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_CMD		0x98
#define EDU_DMA_RUN		0x1
#define EDU_DMA_TO_RAM		0x2
#define EDU_BUFFER		0x40000ul
/* own transfers: less than edu's 4 KiB buffer */
#define LEN			2048u
/*
 * Transfers that must fault are short: QEMU reports a blocked transfer
 * every 4 bytes, 64 events here (one fault: same page, see the driver).
 */
#define BAD_LEN			256u

/* Physical addresses an attacker aims at (board layout, see YAML) */
#define ROOT_CANARY		0x41000000ul
#define ROOT_DMA_TARGET		0x41001000ul
#define HV_CODE			0x7fc00000ul

/* In a cell: guest-physical addresses inside its 16 MiB of RAM */
#define OWN_SRC			0x00800000ul
#define OWN_DST			0x00801000ul
#define OWN_CHECK		0x00802000ul

static unsigned int checks, failed;

static void check(bool ok, const char *what)
{
	checks++;
	if (!ok)
		failed++;
	printf("smmu-dma: %s: %s\n", what, ok ? "ok" : "FAIL");
}

static unsigned int rewrites;

/*
 * Memory decoding and bus mastering on, checked before every use: the
 * hypervisor turns them off when a function changes hands or its
 * stream is quiesced, and QEMU 7.2 (MTTCG) was seen to lose this
 * setting while another CPU programmed another function.
 */
static void edu_enable(u16 bdf)
{
	unsigned long cfg = ECAM + ((unsigned long)bdf << 12);

	if ((mmio_read32(cfg + 0x04) & 0x6) == 0x6)
		return;
	mmio_write32(cfg + 0x04, 0x6);
	if (rewrites++)
		printf("smmu-dma: edu %02x:%02x.%x: command register set "
		       "again\n", bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7);
}

static unsigned long edu_setup(u16 bdf, unsigned long bar)
{
	unsigned long cfg = ECAM + ((unsigned long)bdf << 12);
	unsigned int tries;
	u32 id = 0;

	mmio_write32(cfg + 0x10, (u32)bar);		/* BAR0, 1 MiB */
	for (tries = 0; tries < 100; tries++) {
		edu_enable(bdf);
		id = mmio_read32(bar + EDU_ID);
		if (id == 0x010000ed)
			break;
		timer_delay_us(1000);
	}
	if (tries)
		printf("smmu-dma: edu %02x:%02x.%x: ID 0x%x after %u tries "
		       "(BAR0 0x%x, command 0x%x)\n", bdf >> 8,
		       (bdf >> 3) & 0x1f, bdf & 7, id, tries,
		       mmio_read32(cfg + 0x10), mmio_read32(cfg + 0x04));
	return bar;
}

/* One transfer; waits until the device says it is done. */
static void edu_dma(unsigned long edu, u64 src, u64 dst, bool to_ram,
		    unsigned int len)
{
	unsigned int tries;

	edu_enable(edu == EDU0_BAR ? EDU0_BDF :
		   edu == EDU1_BAR ? EDU1_BDF : EDU2_BDF);
	mmio_write64(edu + EDU_DMA_SRC, src);
	mmio_write64(edu + EDU_DMA_DST, dst);
	mmio_write64(edu + EDU_DMA_COUNT, len);
	mmio_write64(edu + EDU_DMA_CMD,
		     EDU_DMA_RUN | (to_ram ? EDU_DMA_TO_RAM : 0));
	for (tries = 0; mmio_read32(edu + EDU_DMA_CMD) & EDU_DMA_RUN;
	     tries++) {
		if (tries == 5000) {
			printf("smmu-dma: FAIL: DMA at 0x%lx not done after "
			       "5 s (command 0x%x)\n", edu,
			       mmio_read32(edu + EDU_DMA_CMD));
			break;
		}
		timer_delay_us(1000);
	}
}

static void fill(unsigned long addr, u8 seed)
{
	unsigned int i;

	for (i = 0; i < LEN; i++)
		((volatile u8 *)addr)[i] = (u8)(seed + i * 7);
}

static bool same(unsigned long a, unsigned long b)
{
	unsigned int i;

	for (i = 0; i < LEN; i++)
		if (((volatile u8 *)a)[i] != ((volatile u8 *)b)[i])
			return false;
	return true;
}

/* RAM -> device -> other RAM, all at guest-physical addresses. */
static bool round_trip_at(unsigned long edu, u8 seed, unsigned long src,
			  unsigned long dst)
{
	fill(src, seed);
	fill(dst, (u8)~seed);
	edu_dma(edu, src, EDU_BUFFER, false, LEN);
	edu_dma(edu, EDU_BUFFER, dst, true, LEN);
	return same(src, dst);
}

static bool round_trip(unsigned long edu, u8 seed)
{
	return round_trip_at(edu, seed, OWN_SRC, OWN_DST);
}

static void own_counters(void)
{
	s64 n = jh_hypercall(JH_HC_DMA_FAULT_INFO, 1, JH_DMA_INFO_COUNT);

	printf("smmu-dma: my fault count %lld, last stream 0x%llx, last "
	       "address 0x%llx, last type 0x%llx\n", (long long)n,
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
				       JH_DMA_INFO_LAST_STREAM),
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
				       JH_DMA_INFO_LAST_ADDRESS),
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
				       JH_DMA_INFO_LAST_TYPE));
}

static void cell_role(int role)
{
	unsigned long edu = edu_setup(EDU0_BDF, EDU0_BAR);
	bool master_checked = false;
	unsigned int i;

	check(mmio_read32(edu + EDU_ID) == 0x010000ed,
	      "edu 00:02.0 answers (ID 0x010000ed)");
	check(round_trip(edu, 0x11),
	      "own memory: RAM -> device -> RAM at guest-physical addresses");
	if (role == ROLE_ATTACK) {
		/* the device buffer holds the pattern now */
		printf("smmu-dma: aiming the device at the root cell's canary "
		       "0x%lx (write)\n", ROOT_CANARY);
		edu_dma(edu, EDU_BUFFER, ROOT_CANARY, true, BAD_LEN);
		printf("smmu-dma: aiming the device at the root cell's canary "
		       "0x%lx (read)\n", ROOT_CANARY);
		edu_dma(edu, ROOT_CANARY, EDU_BUFFER, false, BAD_LEN);
		edu_dma(edu, EDU_BUFFER, OWN_CHECK, true, LEN);
		check(((volatile u32 *)OWN_CHECK)[0] != 0xca4a21e5,
		      "the canary did not reach the device");
		printf("smmu-dma: aiming the device at the hypervisor's code "
		       "0x%lx (write)\n", HV_CODE);
		edu_dma(edu, EDU_BUFFER, HV_CODE, true, BAD_LEN);
		check(round_trip(edu, 0x22),
		      "own memory still works after the faults");
		own_counters();
		check(jh_hypercall(JH_HC_DMA_FAULT_INFO, 0,
				   JH_DMA_INFO_COUNT) == -1,
		      "another cell's counters: -EPERM");
	}
	if (role == ROLE_CONTROL) {
		printf("smmu-dma: aiming the device at the root cell's canary "
		       "0x%lx (write)\n", ROOT_CANARY);
		edu_dma(edu, EDU_BUFFER, ROOT_CANARY, true, BAD_LEN);
	}
	if (role == ROLE_QUIESCE) {
		/* a page each: every transfer is a fault of its own */
		/*
		 * when the stream is quiesced (asking drains the events),
		 * bus mastering must be off; the next transfers turn it on
		 * again (edu_enable), the abort stays
		 */
		for (i = 0; i < 10; i++) {
			edu_dma(edu, EDU_BUFFER, ROOT_CANARY + i * 0x1000ul,
				true, BAD_LEN);
			if (!master_checked &&
			    jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
					 JH_DMA_INFO_QUIESCED) == 1) {
				master_checked = true;
				check(!(mmio_read32(ECAM + (EDU0_BDF << 12) +
						    0x04) & 0x4),
				      "the hypervisor turned bus mastering "
				      "off");
			}
		}
		check(!round_trip(edu, 0x33),
		      "after quiescing, DMA into my own memory is aborted");
		check(jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
				   JH_DMA_INFO_QUIESCED) == 1,
		      "one stream quiesced");
		own_counters();
	}
}

/* Cell 'dma' at run time: create, load, start, wait, destroy; twice. */
static void manage_dma_cell(void)
{
	const struct jh_cell_desc *d = (const void *)CELL_IMAGE;
	/* lent to the root cell identity-mapped while loadable */
	u64 ram = jh_cell_mem_regions(d)[0].phys_start;
	unsigned int round, i, tries;
	s64 id, state = 0;

	for (round = 1; round <= 2; round++) {
		id = jh_hc_cell_create(CELL_IMAGE);
		check(id == 1, "cell 'dma' created");
		check(jh_hc_cell_set_loadable(1) == 0, "cell 'dma' loadable");
		for (i = 0; i < CELL_BIN_MAX / 8; i++)
			((volatile u64 *)ram)[i] =
				((volatile u64 *)CELL_BIN)[i];
		check(jh_hc_cell_start(1) == 0, "cell 'dma' started");
		for (tries = 0; tries < 20000; tries++) {
			state = jh_hc_cell_get_state(1);
			if (state == JH_CELL_SHUT_DOWN ||
			    state == JH_CELL_FAILED)
				break;
			timer_delay_us(1000);
		}
		printf("smmu-dma: round %u: cell 'dma' state %lld, faults "
		       "%lld, last address 0x%llx\n", round, (long long)state,
		       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
					       JH_DMA_INFO_COUNT),
		       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
					       JH_DMA_INFO_LAST_ADDRESS));
		check(jh_hc_cell_destroy(1) == 0, "cell 'dma' destroyed");
		check(jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
				   JH_DMA_INFO_COUNT) == -2,
		      "its counters went with it (-ENOENT)");
	}
}

static void root_role(bool manager)
{
	unsigned long edu;
	unsigned int i, tries;
	s64 state = 0;

	for (i = 0; i < LEN / 4; i++)
		((volatile u32 *)ROOT_CANARY)[i] = 0xca4a21e5;
	fill(ROOT_DMA_TARGET, 0x5a);
	fill(ROOT_DMA_TARGET + LEN, 0x5a);	/* a copy to compare with */

	/* a device whose stream no cell owns, driven by its register owner */
	edu = edu_setup(EDU1_BDF, EDU1_BAR);
	check(mmio_read32(edu + EDU_ID) == 0x010000ed,
	      "edu 00:03.0 answers (ID 0x010000ed)");
	fill(ROOT_CANARY + 0x800, 0x77);	/* source: in the root's RAM */
	edu_dma(edu, ROOT_CANARY + 0x800, EDU_BUFFER, false, BAD_LEN);
	edu_dma(edu, EDU_BUFFER, ROOT_DMA_TARGET, true, BAD_LEN);
	check(same(ROOT_DMA_TARGET, ROOT_DMA_TARGET + LEN),
	      "unowned device 00:03.0: its DMA into root memory did not "
	      "arrive");

	/* bus 1 behind root port 00:04.0: bus numbers, memory window */
	mmio_write32(ECAM + (RP0_BDF << 12) + 0x18, 0x00010100);
	mmio_write32(ECAM + (RP0_BDF << 12) + 0x20,
		     (EDU2_BAR >> 16) | (EDU2_BAR & 0xfff00000ul));
	mmio_write32(ECAM + (RP0_BDF << 12) + 0x04, 0x6);
	edu = edu_setup(EDU2_BDF, EDU2_BAR);
	check(mmio_read32(edu + EDU_ID) == 0x010000ed,
	      "edu 01:00.0 answers (ID 0x010000ed)");
	edu_dma(edu, EDU_BUFFER, ROOT_DMA_TARGET, true, BAD_LEN);
	check(same(ROOT_DMA_TARGET, ROOT_DMA_TARGET + LEN),
	      "device 01:00.0, stream beyond the table: its DMA into root "
	      "memory did not arrive");

	if (SMMU_ROLE == ROLE_REASSIGN)
		check(round_trip_at(edu_setup(EDU0_BDF, EDU0_BAR), 0x44,
				    ROOT_DMA_TARGET + 0x10000,
				    ROOT_DMA_TARGET + 0x11000),
		      "root cell: its own DMA through edu 00:02.0");
	if (manager)
		manage_dma_cell();
	if (SMMU_ROLE == ROLE_REASSIGN)
		check(round_trip_at(edu_setup(EDU0_BDF, EDU0_BAR), 0x55,
				    ROOT_DMA_TARGET + 0x10000,
				    ROOT_DMA_TARGET + 0x11000),
		      "root cell: its own DMA through edu 00:02.0 again, "
		      "after cell 'dma'");
	/* wait for cell 'dma' (id 1) to end */
	for (tries = 0; tries < 20000; tries++) {
		state = jh_hc_cell_get_state(1);
		if (state == JH_CELL_SHUT_DOWN || state == JH_CELL_FAILED ||
		    state == -2)
			break;
		timer_delay_us(1000);
	}
	printf("smmu-dma: cell 'dma' state %lld\n", (long long)state);
	for (i = 0; i < LEN / 4; i++)
		if (((volatile u32 *)ROOT_CANARY)[i] != 0xca4a21e5)
			break;
	check(i == LEN / 4, "root canary at 0x41000000 unchanged");
	printf("smmu-dma: cell 'dma' faults %lld, last stream 0x%llx, last "
	       "address 0x%llx, last type 0x%llx, quiesced %lld\n",
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
				       JH_DMA_INFO_COUNT),
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
				       JH_DMA_INFO_LAST_STREAM),
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
				       JH_DMA_INFO_LAST_ADDRESS),
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
				       JH_DMA_INFO_LAST_TYPE),
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO, 1,
				       JH_DMA_INFO_QUIESCED));
	printf("smmu-dma: unowned faults %lld (%lld events), last stream "
	       "0x%llx, last address 0x%llx\n",
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO,
				       JH_DMA_FAULTS_UNOWNED,
				       JH_DMA_INFO_COUNT),
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO,
				       JH_DMA_FAULTS_UNOWNED,
				       JH_DMA_INFO_EVENTS),
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO,
				       JH_DMA_FAULTS_UNOWNED,
				       JH_DMA_INFO_LAST_STREAM),
	       (long long)jh_hypercall(JH_HC_DMA_FAULT_INFO,
				       JH_DMA_FAULTS_UNOWNED,
				       JH_DMA_INFO_LAST_ADDRESS));
	check(jh_hypercall(0x100, 0, 0) == 0,
	      "hypervisor integrity digest unchanged");
}

int inmate_main(void)
{
	if (SMMU_ROLE == ROLE_ROOT || SMMU_ROLE == ROLE_MANAGER ||
	    SMMU_ROLE == ROLE_REASSIGN)
		root_role(SMMU_ROLE != ROLE_ROOT);
	else
		cell_role(SMMU_ROLE);
	printf("smmu-dma: %u checks, %u failed\n", checks, failed);
	return failed != 0;
}
