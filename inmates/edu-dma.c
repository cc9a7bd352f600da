// SPDX-License-Identifier: GPL-2.0-only
/*
 * edu-dma: drives QEMU's `edu` PCI device (1234:11e8) through the
 * configuration space the hypervisor filters (doc/pci-passthrough.md),
 * and its DMA engine.
 *
 * What it does is set by a parameter block (struct edu_params below):
 * defaults from build-time defines, and tests may patch the block in the
 * .bin (it starts with the magic "EDUPARM1"; see
 * tests/system/dma/passthrough_lib.py). Modes (bits of `mode`):
 *
 * EDU_MODE_DMA    find the device, place BAR0, check the identification
 *                 and liveness registers and the factorial unit, then a
 *                 round trip with the DMA engine: RAM -> device buffer
 *                 (0x40000), device buffer -> other RAM, pattern checked.
 *                 Bus address of the inmate's memory = guest address +
 *                 dma_offset (no IOMMU: the physical offset of the
 *                 cell's RAM; with an IOMMU: the IOVA offset).
 *                 Then, if set, foreign_read: a to-device DMA from that
 *                 bus address (reports whether data reached the device)
 *                 and foreign_write: a from-device DMA to it.
 * EDU_MODE_PROBE  isolation checks of the configuration space (another
 *                 function reads all ones, BAR placement outside the
 *                 cell refused, I/O decoding and MSI enable refused).
 * EDU_MODE_IVSHMEM an ivshmem function (virtual, answered by the
 *                 hypervisor) shares the bus with the physical device:
 *                 found, BAR0 placed, its registers read.
 * EDU_MODE_BAR64  the filter's rules for a 64-bit BAR, on the first
 *                 1af4:1110 function (QEMU's ivshmem-plain, BAR2 64-bit
 *                 1 MiB of RAM) the cell owns: placement at bar64,
 *                 writes leaving it outside refused while decoding is
 *                 on, a pair left outside blocks memory decoding.
 * EDU_MODE_RESET after the DMA round trip the cell resets itself (PSCI
 *                 SYSTEM_RESET); in its second life it finds the device
 *                 with decoding and bus mastering off, BAR0 kept, and
 *                 runs the round trip again.
 * EDU_MODE_ROOT   with PROBE: the root cell's rules (I/O decoding and
 *                 MSI enable are its to set).
 * EDU_MODE_BAD    last: an 8-byte configuration read, which the
 *                 hypervisor must refuse by stopping the cell.
 *
 * Output: one line per step, "edu-dma: ... ok" or "edu-dma: FAIL ...",
 * then "edu-dma: N checks, M failed"; the exit code is M != 0.
 */
#include "rt.h"
#include "ivshmem.h"
#include "pci.h"

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8
#define EDU_ID_VALUE		0x010000edu

/* BAR0 registers */
#define EDU_REG_ID		0x00
#define EDU_REG_LIVENESS	0x04
#define EDU_REG_FACTORIAL	0x08
#define EDU_REG_STATUS		0x20
#define EDU_REG_IRQ_STATUS	0x24
#define EDU_REG_IRQ_ACK		0x64
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98

#define EDU_STATUS_COMPUTING	0x1
#define EDU_DMA_START		0x1
#define EDU_DMA_TO_RAM		0x2	/* else RAM -> device buffer */
#define EDU_DMA_IRQ		0x4	/* interrupt when done */
#define EDU_BUFFER		0x40000ul	/* device address, 4 KiB */
#define EDU_BUFFER_SIZE		4096u
/*
 * QEMU 7.2's edu refuses a transfer that ends exactly at the end of its
 * buffer (off by one) and stops the whole emulator with a hardware
 * error, so at most 4095 bytes; the default is 63 cache lines.
 */
#define EDU_MAX_LENGTH		4095u
#define EDU_DEFAULT_LENGTH	4032u

#define EDU_MODE_DMA		0x1u
#define EDU_MODE_PROBE		0x2u
#define EDU_MODE_BAD		0x4u
#define EDU_MODE_IVSHMEM	0x8u
#define EDU_MODE_BAR64		0x10u
#define EDU_MODE_RESET		0x20u
#define EDU_MODE_ROOT		0x40u

#define SHM_VENDOR		0x1af4	/* QEMU ivshmem-plain */
#define SHM_DEVICE		0x1110
#define SHM_BAR			2	/* 64-bit, prefetchable */

#ifndef EDU_BAR0
#define EDU_BAR0		0x10000000ul	/* virt MMIO32 window */
#endif
#ifndef EDU_DMA_OFFSET
#define EDU_DMA_OFFSET		0ul
#endif
#ifndef EDU_MODE
#define EDU_MODE		EDU_MODE_DMA
#endif
#ifndef EDU_ECAM_STANDALONE
#define EDU_ECAM_STANDALONE	0x3f000000ul	/* virt, highmem=off */
#endif

/* Patched by tests in the .bin: keep the layout (little-endian, packed). */
struct edu_params {
	char magic[8];		/* "EDUPARM1" */
	u64 bar0;		/* where BAR0 goes */
	u64 dma_offset;		/* bus address = guest address + this */
	u64 foreign_read;	/* bus address, to-device DMA, 0: none */
	u64 foreign_write;	/* bus address, from-device DMA, 0: none */
	u64 bad_bar0;		/* probe: BAR0 address outside the cell */
	u32 mode;		/* EDU_MODE_* */
	u32 length;		/* bytes per transfer, 1..4095 */
	u32 index;		/* which edu device (0: the first found) */
	u32 foreign_bdf;	/* probe: a function the cell does not own */
	u32 timeout_ms;		/* per DMA transfer */
	u32 intid;		/* the device's INTx (GIC INTID), 0: poll */
	u64 bar64;		/* BAR64 mode: where the 64-bit BAR goes */
	u64 bad_bar64;		/* BAR64 mode: address outside the cell */
} __attribute__((packed));

volatile struct edu_params edu_params __attribute__((used)) = {
	.magic = "EDUPARM1",
	.bar0 = EDU_BAR0,
	.dma_offset = EDU_DMA_OFFSET,
	.bad_bar0 = 0x20000000,
	.mode = EDU_MODE,
	.length = EDU_DEFAULT_LENGTH,
	.foreign_bdf = 0x0010,	/* 00:02.0 */
	.timeout_ms = 2000,
	.bar64 = 0x10200000,
	.bad_bar64 = 0x100000000,
};

static u8 src_buf[EDU_BUFFER_SIZE] __aligned(4096);
static u8 dst_buf[EDU_BUFFER_SIZE] __aligned(4096);

/* In .data (non-zero): a cell reset does not reload the image. */
static volatile u32 life = 1;

static unsigned int checks, failed;
static volatile unsigned int dma_irqs;
static u16 bdf;
static unsigned long regs;

static void check(bool ok, const char *what)
{
	checks++;
	if (ok) {
		printf("edu-dma: %s ok\n", what);
	} else {
		failed++;
		printf("edu-dma: FAIL %s\n", what);
	}
}

/* The device reads and writes memory behind the caches' back. */
static void dcache_clean_inval(const void *p, unsigned long len)
{
	unsigned long a = (unsigned long)p & ~63ul;

	for (; a < (unsigned long)p + len; a += 64)
		__asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
	__asm__ volatile("dsb sy" : : : "memory");
}

static u64 bus_addr(const void *p)
{
	return (unsigned long)p + edu_params.dma_offset;
}

/* The device's interrupt (acknowledged at the device) and the timer. */
static void edu_irq(u32 intid, u64 entry_ticks)
{
	(void)entry_ticks;
	if (intid == TIMER_VIRT_INTID) {
		timer_stop();
	} else if (intid == edu_params.intid && regs) {
		mmio_write32(regs + EDU_REG_IRQ_ACK,
			     mmio_read32(regs + EDU_REG_IRQ_STATUS));
		dma_irqs++;
	}
}

/*
 * Run one transfer; false if the engine did not finish in time. The
 * engine completes on a QEMU timer (100 ms of virtual time), so sleep in
 * wfi between looks: woken by the device's interrupt if it has one, else
 * by the virtual timer every millisecond (under -icount sleep=off the
 * idle time costs nothing).
 */
static bool dma(u64 src, u64 dst, u32 count, u32 cmd)
{
	u64 deadline = timer_now() + timer_us_to_ticks(
		(u64)edu_params.timeout_ms * 1000);
	u64 slice = timer_us_to_ticks(1000);
	bool done;

	if (edu_params.intid)
		cmd |= EDU_DMA_IRQ;
	mmio_write64(regs + EDU_REG_DMA_SRC, src);
	mmio_write64(regs + EDU_REG_DMA_DST, dst);
	mmio_write64(regs + EDU_REG_DMA_COUNT, count);
	mmio_write64(regs + EDU_REG_DMA_CMD, cmd | EDU_DMA_START);
	for (;;) {
		u64 now;

		irq_disable();
		now = timer_now();
		done = !(mmio_read64(regs + EDU_REG_DMA_CMD) & EDU_DMA_START);
		if (done || now >= deadline)
			break;
		timer_set_deadline(now + slice < deadline ? now + slice :
				   deadline);
		/* a pending interrupt ends wfi even while masked */
		wfi();
		irq_enable();
	}
	timer_stop();
	irq_enable();
	return done;
}

static void fill(u8 *buf, u32 len, u8 seed)
{
	for (u32 i = 0; i < len; i++)
		buf[i] = (u8)(seed + i * 7 + (i >> 8));
}

static bool same(const u8 *a, const u8 *b, u32 len)
{
	for (u32 i = 0; i < len; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* Load the device buffer from src_buf with a pattern. */
static bool load_device(u32 len, u8 seed)
{
	fill(src_buf, len, seed);
	dcache_clean_inval(src_buf, len);
	return dma(bus_addr(src_buf), EDU_BUFFER, len, 0);
}

/* Device buffer -> dst_buf (zeroed first). */
static bool read_device(u32 len)
{
	memset(dst_buf, 0, len);
	dcache_clean_inval(dst_buf, len);
	if (!dma(EDU_BUFFER, bus_addr(dst_buf), len, EDU_DMA_TO_RAM))
		return false;
	dcache_clean_inval(dst_buf, len);
	return true;
}

static int find_and_place(void)
{
	u64 size;

	if (pci_find(EDU_VENDOR, EDU_DEVICE, edu_params.index, 0, &bdf)) {
		printf("edu-dma: FAIL no edu device (1234:11e8) on bus 0\n");
		return -1;
	}
	size = pci_bar_size(bdf, 0);
	printf("edu-dma: device %02x:%02x.%x, BAR0 %llu KiB, command 0x%x\n",
	       PCI_BDF_BUS(bdf), PCI_BDF_DEV(bdf), PCI_BDF_FN(bdf),
	       (unsigned long long)(size >> 10),
	       pci_read16(bdf, PCI_CFG_COMMAND));
	check(size == 0x100000, "BAR0 sizing (1 MiB)");
	check(pci_bar_place(bdf, 0, edu_params.bar0) == 0,
	      "BAR0 placement in the cell's device memory");
	printf("edu-dma: BAR0 at 0x%llx\n",
	       (unsigned long long)pci_bar_address(bdf, 0));
	pci_enable(bdf, PCI_CMD_MEM | PCI_CMD_MASTER);
	check((pci_read16(bdf, PCI_CFG_COMMAND) &
	       (PCI_CMD_MEM | PCI_CMD_MASTER)) ==
	      (PCI_CMD_MEM | PCI_CMD_MASTER),
	      "memory decoding and bus mastering on");
	regs = (unsigned long)edu_params.bar0;
	return 0;
}

static void registers(void)
{
	u32 v;
	u64 deadline;

	v = mmio_read32(regs + EDU_REG_ID);
	printf("edu-dma: identification 0x%x\n", v);
	check(v == EDU_ID_VALUE, "identification register 0x010000ed");
	mmio_write32(regs + EDU_REG_LIVENESS, 0x12345678);
	check(mmio_read32(regs + EDU_REG_LIVENESS) == ~0x12345678u,
	      "liveness register inverts");
	mmio_write32(regs + EDU_REG_FACTORIAL, 10);
	deadline = timer_now() + timer_us_to_ticks(1000000);
	while ((mmio_read32(regs + EDU_REG_STATUS) & EDU_STATUS_COMPUTING) &&
	       timer_now() < deadline)
		__asm__ volatile("yield" : : : "memory");
	check(mmio_read32(regs + EDU_REG_FACTORIAL) == 3628800,
	      "factorial unit (10! = 3628800)");
}

static void own_dma(void)
{
	u32 len = edu_params.length;
	char line[80];

	if (!len || len > EDU_MAX_LENGTH)
		len = EDU_DEFAULT_LENGTH;
	printf("edu-dma: DMA buffers at bus 0x%llx and 0x%llx\n",
	       (unsigned long long)bus_addr(src_buf),
	       (unsigned long long)bus_addr(dst_buf));
	snprintf(line, sizeof(line), "to-device %u bytes", len);
	check(load_device(len, 0x5a), line);
	check(read_device(len), "from-device transfer completes");
	check(same(src_buf, dst_buf, len), "from-device, pattern verified");
}

static void foreign_dma(void)
{
	u64 fr = edu_params.foreign_read, fw = edu_params.foreign_write;
	u32 len = 256;

	if (fr) {
		/* known contents first, so that a blocked read shows */
		bool done = load_device(len, 0xa5) &&
			    dma(fr, EDU_BUFFER, len, 0) && read_device(len);

		printf("edu-dma: foreign read from bus 0x%llx: %s, device "
		       "buffer %s (first word 0x%x)\n",
		       (unsigned long long)fr,
		       done ? "transfer completed" : "transfer timed out",
		       same(src_buf, dst_buf, len) ? "unchanged" : "changed",
		       *(volatile u32 *)dst_buf);
	}
	if (fw) {
		bool done = load_device(len, 0x3c) &&
			    dma(EDU_BUFFER, fw, len, EDU_DMA_TO_RAM);

		printf("edu-dma: foreign write to bus 0x%llx: %s\n",
		       (unsigned long long)fw,
		       done ? "transfer completed" : "transfer timed out");
	}
}

static void probe(void)
{
	u16 other = (u16)edu_params.foreign_bdf;
	u64 bar = pci_bar_address(bdf, 0), bad = edu_params.bad_bar0;
	bool root = edu_params.mode & EDU_MODE_ROOT;
	unsigned int msi;
	u16 ctl;

	check(pci_read32(other, PCI_CFG_ID) == 0xffffffffu &&
	      pci_read16(other, PCI_CFG_ID) == 0xffff &&
	      pci_read8(other, PCI_CFG_CLASS + 3) == 0xff,
	      "a function the cell does not own reads all ones");
	pci_write16(other, PCI_CFG_COMMAND, PCI_CMD_MEM | PCI_CMD_MASTER);
	pci_write32(other, PCI_CFG_BAR(0), (u32)edu_params.bar0);
	check(pci_read32(other, PCI_CFG_COMMAND) == 0xffffffffu,
	      "writes to it are ignored");
	/* twice: the hypervisor warns once */
	check(pci_bar_place(bdf, 0, bad) != 0 && pci_bar_address(bdf, 0) == bar,
	      "BAR0 placement outside the cell refused, old value kept");
	check(pci_bar_place(bdf, 0, bad) != 0 && pci_bar_address(bdf, 0) == bar,
	      "second refused placement");
	check(mmio_read32(regs + EDU_REG_ID) == EDU_ID_VALUE,
	      "registers still at the old BAR0");
	pci_enable(bdf, PCI_CMD_IO);
	if (root) {
		check(pci_read16(bdf, PCI_CFG_COMMAND) & PCI_CMD_IO,
		      "I/O decoding is the root cell's to set");
		pci_disable(bdf, PCI_CMD_IO);
	} else {
		check(!(pci_read16(bdf, PCI_CFG_COMMAND) & PCI_CMD_IO),
		      "I/O decoding refused");
	}
	pci_disable(bdf, PCI_CMD_MASTER);
	check(!(pci_read16(bdf, PCI_CFG_COMMAND) & PCI_CMD_MASTER),
	      "bus mastering off by the cell");
	pci_enable(bdf, PCI_CMD_MASTER);
	check(pci_read16(bdf, PCI_CFG_COMMAND) & PCI_CMD_MASTER,
	      "bus mastering on again");
	msi = pci_find_cap(bdf, PCI_CAP_ID_MSI);
	if (msi) {
		ctl = pci_read16(bdf, msi + 2);
		pci_write16(bdf, msi + 2, ctl | 1);
		if (root) {
			check(pci_read16(bdf, msi + 2) & 1,
			      "MSI enable is the root cell's to set");
			pci_write16(bdf, msi + 2, ctl & ~1);
		} else {
			check(!(pci_read16(bdf, msi + 2) & 1),
			      "MSI enable refused");
		}
	} else {
		check(false, "the device has an MSI capability");
	}
	check(pci_read32(bdf, PCI_CFG_ID) ==
	      ((u32)EDU_DEVICE << 16 | EDU_VENDOR),
	      "own function still identifies (1234:11e8)");
}

/* The virtual function next to the physical one. */
static void ivshmem_next_door(void)
{
	struct ivshmem_dev dev;
	char line[80];

	if (ivshmem_find(&dev, 0, 0)) {
		check(false, "an ivshmem function on the bus");
		return;
	}
	snprintf(line, sizeof(line), "ivshmem %02x:%02x.%x next to the "
		 "physical device, peer %u of %u", PCI_BDF_BUS(dev.bdf),
		 PCI_BDF_DEV(dev.bdf), PCI_BDF_FN(dev.bdf), dev.id, dev.peers);
	check(dev.peers == 2 && dev.id == 0, line);
	check(pci_read32(bdf, PCI_CFG_ID) ==
	      ((u32)EDU_DEVICE << 16 | EDU_VENDOR),
	      "the physical function still answers");
}

static bool decoding(u16 b)
{
	return pci_read16(b, PCI_CFG_COMMAND) & PCI_CMD_MEM;
}

/* A 64-bit BAR through the filter (ivshmem-plain's BAR2: plain RAM). */
static void bar64(void)
{
	u64 good = edu_params.bar64, bad = edu_params.bad_bar64;
	u16 b;

	if (pci_find(SHM_VENDOR, SHM_DEVICE, 0, 0, &b)) {
		check(false, "a 1af4:1110 function with a 64-bit BAR");
		return;
	}
	check(pci_bar_is_64(b, SHM_BAR) &&
	      pci_bar_size(b, SHM_BAR) == 0x100000,
	      "BAR2 of 1af4:1110 is 64-bit, 1 MiB");
	check(pci_bar_place(b, SHM_BAR, good) == 0,
	      "64-bit BAR2 placement in the cell's device memory");
	pci_enable(b, PCI_CMD_MEM);
	check(decoding(b), "memory decoding on");
	mmio_write32(good, 0x5eed1234);
	check(mmio_read32(good) == 0x5eed1234, "memory behind BAR2 works");
	/* decoding on: each single write must leave the BAR inside */
	pci_write32(b, PCI_CFG_BAR(SHM_BAR), 0x20000000);
	check(pci_bar_address(b, SHM_BAR) == good,
	      "lower half moved outside while decoding: refused");
	pci_write32(b, PCI_CFG_BAR(SHM_BAR + 1), 1);
	check(pci_bar_address(b, SHM_BAR) == good,
	      "upper half moved outside while decoding: refused");
	pci_write32(b, PCI_CFG_BAR(SHM_BAR), ~0u);
	check(pci_bar_address(b, SHM_BAR) == good,
	      "sizing while decoding: refused");
	/* decoding off: halves pass, the completed pair is checked */
	check(pci_bar_place(b, SHM_BAR, bad) != 0,
	      "64-bit placement outside the cell refused");
	check(!decoding(b), "memory decoding refused with the pair outside");
	check(pci_bar_place(b, SHM_BAR, good) == 0,
	      "64-bit BAR2 placed back");
	pci_enable(b, PCI_CMD_MEM);
	check(decoding(b) && mmio_read32(good) == 0x5eed1234,
	      "decoding on again, memory behind BAR2 unchanged");
}

int inmate_main(void)
{
	u32 mode = edu_params.mode;

	if (!pci_ecam())
		pci_set_ecam(EDU_ECAM_STANDALONE);	/* bare QEMU */
	irq_set_handler(edu_irq);
	gic_enable_irq(TIMER_VIRT_INTID);
	if (edu_params.intid)
		gic_enable_irq(edu_params.intid);
	irq_enable();
	printf("edu-dma: ECAM at 0x%lx, mode 0x%x\n", pci_ecam(), mode);
	if ((mode & EDU_MODE_RESET) && life > 1 &&
	    !pci_find(EDU_VENDOR, EDU_DEVICE, edu_params.index, 0, &bdf)) {
		printf("edu-dma: life %u: command 0x%x, BAR0 0x%llx\n", life,
		       pci_read16(bdf, PCI_CFG_COMMAND),
		       (unsigned long long)pci_bar_address(bdf, 0));
		check(!(pci_read16(bdf, PCI_CFG_COMMAND) &
			(PCI_CMD_MEM | PCI_CMD_MASTER)),
		      "after the cell's reset no decoding, no bus mastering");
		check(pci_bar_address(bdf, 0) == edu_params.bar0,
		      "BAR0 kept over the reset");
	}
	if (find_and_place() == 0) {
		registers();
		if (mode & EDU_MODE_DMA) {
			own_dma();
			if (edu_params.intid)
				check(dma_irqs >= 2, "DMA completion "
				      "interrupts (INTx) taken");
			foreign_dma();
		}
		if (mode & EDU_MODE_PROBE)
			probe();
		if (mode & EDU_MODE_IVSHMEM)
			ivshmem_next_door();
		if (mode & EDU_MODE_BAR64)
			bar64();
		printf("edu-dma: command 0x%x at the end\n",
		       pci_read16(bdf, PCI_CFG_COMMAND));
		if ((mode & EDU_MODE_RESET) && life == 1 && !failed) {
			life = 2;
			printf("edu-dma: %u checks, resetting my cell\n",
			       checks);
			psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
			printf("edu-dma: FAIL SYSTEM_RESET returned\n");
			return 1;
		}
	} else {
		failed++;
	}
	printf("edu-dma: %u checks, %u failed\n", checks, failed);
	if (mode & EDU_MODE_BAD) {
		printf("edu-dma: an 8-byte configuration read (the hypervisor "
		       "must stop the cell)\n");
		(void)mmio_read64(pci_cfg_addr(bdf, 0));
		printf("edu-dma: FAIL the 8-byte read was not stopped\n");
		return 2;
	}
	return failed != 0;
}
