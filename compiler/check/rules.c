// SPDX-License-Identifier: GPL-2.0-only
/*
 * THE rule table: every hazard jh knows, one entry each. doc/hazards.md is
 * generated from this table (jh-lint --list-rules=markdown) and a test
 * keeps the two equal; tests/golden/lint/<id>/ holds each rule's failing
 * and passing examples. Adding a hazard = adding an entry here, its check
 * function in the group's rules_*.c file, and its two examples.
 */
#include "rules.h"

#include <string.h>

const struct jh_rule jh_rules[] = {
	{
		.id = "mem-zero-size",
		.group = "memory",
		.severity = JH_SEV_ERROR,
		.summary =
			"A memory region has size 0.",
		.explanation =
			"An empty region maps nothing, so it is almost always a mistake in "
			"an address or size expression; the hypervisor accepts it silently "
			"and the cell then lacks memory it was meant to have. The one "
			"legitimate empty entry is the read/write section of an ivshmem "
			"device, which this rule leaves alone. Fix: give the region its "
			"intended size, or delete it.",
		.check = check_mem_zero_size,
	},
	{
		.id = "mem-wrap",
		.group = "memory",
		.severity = JH_SEV_ERROR,
		.summary =
			"A memory region wraps around the end of the physical or guest "
			"address space.",
		.explanation =
			"When start + size exceeds 2^64 the hypervisor's page-table code "
			"computes a small end address, so it either maps far less than "
			"intended or walks off the end of its tables. Fix: check the start "
			"address and the size; one of them is usually off by a digit.",
		.check = check_mem_wrap,
	},
	{
		.id = "mem-unaligned",
		.group = "memory",
		.severity = JH_SEV_ERROR,
		.summary =
			"A RAM region's physical address, guest address or size is not a "
			"multiple of 4 KiB.",
		.explanation =
			"Stage-2 page tables map whole 4 KiB pages. A sub-page RAM region "
			"is rounded by the hardware: the cell sees the rest of the page, "
			"which belongs to somebody else. Only I/O regions may be sub-page, "
			"because the hypervisor traps and emulates every access to them. "
			"Fix: round start and size to 4 KiB, or flag the region as io if it"
			" is a device that needs trapping.",
		.check = check_mem_unaligned,
	},
	{
		.id = "mem-virt-overlap",
		.group = "memory",
		.severity = JH_SEV_ERROR,
		.summary =
			"Two memory regions of one cell overlap in the cell's (guest) "
			"address space.",
		.explanation =
			"A guest-physical address can translate to only one host address. "
			"With two regions claiming it, the one mapped last silently wins, "
			"and the cell reads RAM where it expected a device (or the other "
			"way round). Fix: move one of the regions to a free guest address.",
		.check = check_mem_virt_overlap,
	},
	{
		.id = "mem-phys-alias",
		.group = "memory",
		.severity = JH_SEV_WARNING,
		.summary =
			"Two memory regions of one cell map the same physical memory.",
		.explanation =
			"Aliases give one physical page two guest addresses, possibly with "
			"different permissions or cacheability; mismatched attributes on "
			"Arm lead to loss of coherency, and the region's flags no longer "
			"say what the cell can do with the memory. Fix: map each piece of "
			"memory once per cell; suppress the warning if the alias is "
			"deliberate.",
		.check = check_mem_phys_alias,
	},
	{
		.id = "mem-overlap-cells",
		.group = "memory",
		.severity = JH_SEV_ERROR,
		.summary =
			"Memory of two non-root cells overlaps, and is not marked shared in"
			" both.",
		.explanation =
			"Non-root cells borrow their memory from the root cell, but two "
			"non-root cells run at the same time: overlapping RAM lets one cell"
			" read and corrupt the other, which is exactly the isolation the "
			"partitioning hypervisor promises. Memory meant to be shared must "
			"be declared as a link (ivshmem) or flagged root-shared in every "
			"cell that maps it. Fix: give each cell its own memory, or share it"
			" through a declared link.",
		.check = check_mem_overlap_cells,
	},
	{
		.id = "mmio-overlap-cells",
		.group = "memory",
		.severity = JH_SEV_ERROR,
		.summary =
			"The registers of a device are mapped into two non-root cells.",
		.explanation =
			"Two drivers programming one device at the same time corrupt each "
			"other's state; a device that can do DMA then writes wherever the "
			"other cell's driver points it. Fix: give each device to one cell "
			"only (shared access needs a virtual device, not a double mapping).",
		.check = check_mmio_overlap_cells,
	},
	{
		.id = "mem-hypervisor",
		.group = "memory",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell maps the hypervisor's own memory.",
		.explanation =
			"The hypervisor's code, page tables and per-CPU data live in its "
			"memory region. A cell that can write there owns the machine; "
			"Jailhouse refuses to enable with such a configuration. Fix: leave "
			"the hypervisor's memory out of every cell (when the root cell is "
			"derived, jh does that for you).",
		.check = check_mem_hypervisor,
	},
	{
		.id = "mem-debug-console",
		.group = "memory",
		.severity = JH_SEV_WARNING,
		.summary =
			"A non-root cell maps the UART the hypervisor uses as its debug "
			"console.",
		.explanation =
			"The hypervisor writes its messages and crash reports to this UART."
			" A cell that also drives it interleaves output, can reconfigure "
			"the baud rate or disable the UART, and so hide the hypervisor's "
			"reports of its own faults. Fix: give the cell another UART, or let"
			" it use the hypervisor's virtual console (virtual-console-"
			"permitted).",
		.check = check_mem_debug_console,
	},
	{
		.id = "mem-loadable-io",
		.group = "memory",
		.severity = JH_SEV_ERROR,
		.summary =
			"A device (I/O) region is flagged loadable.",
		.explanation =
			"Loadable regions are where the root cell copies the inmate's image"
			" before the cell starts; writing an image into device registers "
			"triggers arbitrary device actions and loads nothing. Fix: drop "
			"loadable from device memory and put it on the cell's RAM.",
		.check = check_mem_loadable_io,
	},
	{
		.id = "mem-dma-io",
		.group = "memory",
		.severity = JH_SEV_WARNING,
		.summary =
			"A device (I/O) region is flagged as a DMA target.",
		.explanation =
			"The dma flag asks the IOMMU to let devices write the region. Peer-"
			"to-peer DMA into another device's registers is rarely intended and"
			" lets a device reprogram a neighbour behind its driver's back. "
			"Fix: drop dma from device memory unless peer-to-peer transfers are"
			" really wanted.",
		.check = check_mem_dma_io,
	},
	{
		.id = "mem-exec-io",
		.group = "memory",
		.severity = JH_SEV_WARNING,
		.summary =
			"A device (I/O) region is executable.",
		.explanation =
			"Instruction fetches from device memory have side effects (reads "
			"clear status bits) and speculative fetches can touch registers; "
			"Arm even forbids execution from Device memory types. The safe "
			"default is no execute on device memory. Fix: drop execute from the"
			" region.",
		.check = check_mem_exec_io,
	},
	{
		.id = "mem-shared-wx",
		.group = "memory",
		.severity = JH_SEV_WARNING,
		.summary =
			"Memory shared with another cell is both writable and executable.",
		.explanation =
			"If one cell can write code that another cell executes, the first "
			"cell can take over the second: the isolation boundary becomes as "
			"weak as the weakest cell. Fix: map shared memory without execute "
			"(or read-only for the cell that executes it).",
		.check = check_mem_shared_wx,
	},
	{
		.id = "mem-comm-multiple",
		.group = "memory",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell has more than one comm region.",
		.explanation =
			"The hypervisor provides exactly one communication page per cell "
			"and maps it at the first comm region; further ones get the same "
			"page or nothing, so the cell's runtime may talk to a page the "
			"hypervisor never reads. Fix: keep one comm region per cell.",
		.check = check_mem_comm_multiple,
	},
	{
		.id = "mem-ram-unassigned",
		.group = "memory",
		.severity = JH_SEV_WARNING,
		.needs_board = true,
		.summary =
			"Part of the board's RAM is given to no cell and is not the "
			"hypervisor's.",
		.explanation =
			"Unused RAM is usually a placement mistake (a region that was meant"
			" to cover it ends too early). Nothing breaks, but the memory is "
			"wasted. Fix: give the memory to a cell (usually the root cell; a "
			"derived root takes it automatically), or suppress the warning with"
			" a reason if it is reserved on purpose (for example for firmware).",
		.check = check_mem_ram_unassigned,
	},
	{
		.id = "mem-flags-unknown",
		.group = "memory",
		.severity = JH_SEV_WARNING,
		.summary =
			"A memory region has flag bits the format does not define.",
		.explanation =
			"Unknown bits are ignored by this hypervisor version and may mean "
			"something different to the next one, so the region's real "
			"permissions are not what the configuration says. Fix: remove the "
			"unknown bits.",
		.check = check_mem_flags_unknown,
	},
	{
		.id = "mem-not-on-board",
		.group = "memory",
		.severity = JH_SEV_WARNING,
		.needs_board = true,
		.summary =
			"A region maps physical addresses where the board has neither RAM "
			"nor a device.",
		.explanation =
			"Accesses to unbacked addresses raise external aborts (Arm) or read"
			" all-ones (x86); a cell that depends on such a region crashes or "
			"misbehaves, and the address is usually a typo or taken from "
			"another board. Fix: check the address against the board "
			"description, or add the missing device or RAM to the board.",
		.check = check_mem_not_on_board,
	},
	{
		.id = "cpu-multiple-cells",
		.group = "cpu",
		.severity = JH_SEV_ERROR,
		.summary =
			"A CPU is given to two non-root cells.",
		.explanation =
			"A CPU runs exactly one cell. Jailhouse takes a non-root cell's "
			"CPUs away from the root cell when the cell is created; the second "
			"cell to claim the same CPU fails to start, or, if the cells are "
			"started in another order, the first one does. Fix: give the CPU to"
			" one of the cells.",
		.check = check_cpu_multiple_cells,
	},
	{
		.id = "cpu-root-none",
		.group = "cpu",
		.severity = JH_SEV_ERROR,
		.summary =
			"Once the non-root cells take their CPUs, the root cell has none "
			"left.",
		.explanation =
			"The root cell (Linux) manages every other cell. Without a CPU it "
			"stops, and with it the ability to stop, restart or reconfigure the"
			" other cells. Fix: keep at least one CPU for the root cell.",
		.check = check_cpu_root_none,
	},
	{
		.id = "cpu-cell-none",
		.group = "cpu",
		.severity = JH_SEV_ERROR,
		.summary =
			"A non-root cell has no CPU.",
		.explanation =
			"Creating a cell without a CPU fails; the cell's memory and devices"
			" are taken from the root cell for nothing. Fix: give the cell at "
			"least one CPU.",
		.check = check_cpu_cell_none,
	},
	{
		.id = "cpu-not-in-root",
		.group = "cpu",
		.severity = JH_SEV_ERROR,
		.summary =
			"A non-root cell lists a CPU that the root cell does not have to "
			"give.",
		.explanation =
			"Cells are created from the root cell's resources: a CPU the root "
			"cell does not own cannot be handed over, and cell creation fails. "
			"Fix: add the CPU to the root cell's set (a derived root takes "
			"every CPU automatically).",
		.check = check_cpu_not_in_root,
	},
	{
		.id = "cpu-l2-isolation",
		.group = "cpu",
		.severity = JH_SEV_ERROR,
		.needs_board = true,
		.summary =
			"A cell demands L2 isolation but shares an L2 cache with another "
			"cell's CPU.",
		.explanation =
			"Cores on one L2 cluster evict each other's lines: a noisy "
			"neighbour slows the isolated cell's worst case down, and timing "
			"side channels through the shared cache leak data. A cell that asks"
			" for L2 isolation must own every CPU of its clusters. Fix: give "
			"the cell all CPUs of the L2 cluster, or move the other cell to a "
			"different cluster.",
		.check = check_cpu_l2_isolation,
	},
	{
		.id = "irq-multiple-cells",
		.group = "irq",
		.severity = JH_SEV_ERROR,
		.summary =
			"An interrupt line is given to two non-root cells.",
		.explanation =
			"The interrupt controller routes an interrupt to one target. The "
			"cell created last takes it, the other cell waits for an interrupt "
			"that never comes, and its driver times out. Fix: give the device "
			"and its interrupt to one cell.",
		.check = check_irq_multiple_cells,
	},
	{
		.id = "irq-device-not-owned",
		.group = "irq",
		.severity = JH_SEV_WARNING,
		.needs_board = true,
		.summary =
			"A cell owns a device's registers but not the device's interrupt.",
		.explanation =
			"The driver in the cell programs the device and then waits for its "
			"interrupt, which the hypervisor delivers to whichever cell owns "
			"the line (usually the root cell). Fix: give the cell the device's "
			"interrupts too (listing the device by name does both).",
		.check = check_irq_device_not_owned,
	},
	{
		.id = "irq-out-of-range",
		.group = "irq",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell owns an interrupt number beyond what the interrupt "
			"controller implements.",
		.explanation =
			"The line does not exist, so no device can raise it; the number is "
			"usually a miscalculation (SPI number versus INTID, which differ by"
			" 32 on a GIC). The hypervisor may reject the cell. Without a "
			"board, GIC INTIDs 1020 and above are reported. Fix: check the "
			"interrupt number against the board.",
		.check = check_irq_out_of_range,
	},
	{
		.id = "irq-hypervisor",
		.group = "irq",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell owns an interrupt the hypervisor uses itself.",
		.explanation =
			"The GIC maintenance interrupt and the hypervisor's own timer or "
			"IOMMU interrupts must reach the hypervisor; a cell that owns them "
			"steals them, and the hypervisor's virtual interrupt controller or "
			"fault reporting stops working. Fix: remove the interrupt from the "
			"cell.",
		.check = check_irq_hypervisor,
	},
	{
		.id = "irq-intx-shared",
		.group = "irq",
		.severity = JH_SEV_ERROR,
		.needs_board = true,
		.summary =
			"PCI devices of different cells have their INTx pins routed to the "
			"same interrupt line.",
		.explanation =
			"Legacy PCI interrupts are level-triggered and wired-OR: several "
			"devices can pull one line. The line can belong to one cell only, "
			"so the other cell's device never gets its interrupt, or an "
			"unhandled level interrupt storms the cell that owns the line. Fix:"
			" use MSI or MSI-X for the devices, or keep all devices on that "
			"line in one cell.",
		.check = check_irq_intx_shared,
	},
	{
		.id = "irq-chip-unknown",
		.group = "irq",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell refers to an interrupt controller the board (or system) "
			"does not have.",
		.explanation =
			"Irqchip entries are matched by address; the hypervisor rejects an "
			"entry whose address is not its interrupt controller, and the cell "
			"cannot be created. Fix: use the address of the board's GIC "
			"distributor or IOAPIC.",
		.check = check_irq_chip_unknown,
	},
	{
		.id = "irq-gic-version",
		.group = "irq",
		.severity = JH_SEV_ERROR,
		.needs_board = true,
		.summary =
			"The system's GIC version or distributor base disagrees with the "
			"board's interrupt controller.",
		.explanation =
			"The hypervisor drives the GIC with the version's register layout: "
			"a GICv2 driver on a GICv3 (or the reverse) programs nonexistent "
			"registers and the machine hangs at enable. Fix: take the GIC "
			"version and base addresses from the board.",
		.check = check_irq_gic_version,
	},
	{
		.id = "irq-per-cpu",
		.group = "irq",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell owns a per-CPU interrupt (an SGI or PPI, number below 32).",
		.explanation =
			"SGIs and PPIs are banked per CPU and managed by the hypervisor for"
			" the CPUs each cell runs on; they cannot be assigned through the "
			"irqchip bitmap. The entry is ignored or rejected. Fix: list only "
			"shared peripheral interrupts (32 and up).",
		.check = check_irq_per_cpu,
	},
	{
		.id = "irq-chip-mapped",
		.group = "irq",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell maps the registers of the interrupt controller.",
		.explanation =
			"The hypervisor owns the GIC distributor, redistributors and "
			"hypervisor interface (and the IOAPIC on x86) and emulates each "
			"cell's view of them. A cell with direct access can route, mask or "
			"trigger any interrupt of the machine, including other cells' and "
			"the hypervisor's own. Fix: remove the mapping; cells reach the "
			"interrupt controller through the hypervisor's emulation.",
		.check = check_irq_chip_mapped,
	},
	{
		.id = "pci-multiple-cells",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.summary =
			"A physical PCI device is given to two non-root cells.",
		.explanation =
			"Two drivers owning one function corrupt each other's device state;"
			" configuration space accesses of both cells are forwarded to the "
			"same device. Fix: give the device to one cell only.",
		.check = check_pci_multiple_cells,
	},
	{
		.id = "pci-bridge-other-cell",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.needs_board = true,
		.summary =
			"A PCI device sits behind a bridge that another non-root cell owns.",
		.explanation =
			"The bridge's windows and bus numbers decide whether the device is "
			"reachable at all. A cell owning the bridge can reprogram them and "
			"cut off, or redirect, the device of the other cell. Fix: keep a "
			"bridge and the devices behind it in one cell, or leave the bridge "
			"to the root cell.",
		.check = check_pci_bridge_other_cell,
	},
	{
		.id = "pci-bar-overlap",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.needs_board = true,
		.summary =
			"A PCI BAR window overlaps another BAR, RAM, or another device's "
			"registers.",
		.explanation =
			"Overlapping decode ranges make two targets answer one address: "
			"accesses reach the wrong device or RAM, and a cell given the BAR "
			"gets the other party's memory too. This usually means the board "
			"description has stale BAR addresses. Fix: correct the BAR "
			"addresses in the board description.",
		.check = check_pci_bar_overlap,
	},
	{
		.id = "pci-dma-no-iommu",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.summary =
			"A DMA-capable PCI device is given to a non-root cell, but no IOMMU"
			" translates for it.",
		.explanation =
			"A bus-mastering device reaches all physical memory unless an IOMMU"
			" restricts it. The cell's driver can program it to read or "
			"overwrite the hypervisor and every other cell: isolation is gone. "
			"Without a board, any physical device in a system with no IOMMU "
			"unit is reported. Fix: put the device behind an IOMMU (or SMMU "
			"stream ID), or leave it to the root cell.",
		.check = check_pci_dma_no_iommu,
	},
	{
		.id = "pci-msix-table",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.summary =
			"A PCI device's MSI-X table window does not cover its vectors.",
		.explanation =
			"The hypervisor traps the MSI-X table to keep a cell from aiming "
			"interrupts at other cells' CPUs. Each vector takes 16 bytes of "
			"table; entries outside the declared window are written by the cell"
			" untrapped. Fix: set the MSI-X table address and a region size of "
			"at least 16 bytes per vector.",
		.check = check_pci_msix_table,
	},
	{
		.id = "pci-caps-range",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.summary =
			"A PCI device's capability list points outside the cell's "
			"capability array, or a capability runs past the end of "
			"configuration space.",
		.explanation =
			"The hypervisor uses the capability list to decide which "
			"configuration-space writes are allowed; references past the array "
			"read other data as capabilities, and ranges past 256 (or 4096 for "
			"extended capabilities) bytes are meaningless. Fix: correct caps-"
			"start, num-caps, or the capability's start and length.",
		.check = check_pci_caps_range,
	},
	{
		.id = "pci-bus-range",
		.group = "pci",
		.severity = JH_SEV_WARNING,
		.summary =
			"A PCI device is on a bus beyond the host bridge's configuration "
			"window.",
		.explanation =
			"The ECAM window covers buses 0 to end-bus; a device on a later bus"
			" has no configuration space the hypervisor can reach, so its "
			"accesses fail. Fix: raise the end bus or correct the BDF.",
		.check = check_pci_bus_range,
	},
	{
		.id = "ivshmem-inconsistent",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.summary =
			"The peers of one shared-memory link disagree on peer count, "
			"protocol, BDF or region layout.",
		.explanation =
			"Every peer must see the same link: the hypervisor connects ivshmem"
			" devices by their shared state table, and peers that disagree on "
			"the layout read each other's output sections at the wrong offsets "
			"or negotiate different protocols. Fix: declare the link once under"
			" links: and let jh expand it into every peer.",
		.check = check_ivshmem_inconsistent,
	},
	{
		.id = "ivshmem-peer-id",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.summary =
			"An ivshmem peer id is used twice on one link, or is not smaller "
			"than the peer count.",
		.explanation =
			"The peer id selects the output section a cell writes and the "
			"doorbell that reaches it. Two peers with one id write the same "
			"section and steal each other's interrupts. Fix: number the peers 0"
			" to peers - 1, once each.",
		.check = check_ivshmem_peer_id,
	},
	{
		.id = "ivshmem-layout",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.summary =
			"An ivshmem device's regions are missing, or their permissions "
			"break the protocol.",
		.explanation =
			"An ivshmem device owns 2 + peers consecutive memory regions: the "
			"state table (read-only, the hypervisor writes it), the common "
			"read/write section, and one output section per peer that only its "
			"owner may write. A writable state table or a writable foreign "
			"output section lets a cell forge another peer's state or data. "
			"Fix: declare the link under links: so the regions are generated, "
			"or correct the flags.",
		.check = check_ivshmem_layout,
	},
	{
		.id = "ivshmem-guest-layout",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.summary =
			"An ivshmem device's regions are not contiguous in guest "
			"space, its output sections differ in size, or it has fewer "
			"than 2 or more than 8 peers.",
		.explanation =
			"The device tells its driver one base address and three sizes;"
			" the driver finds the read/write and output sections by adding"
			" them up. The hypervisor therefore refuses to boot a cell whose"
			" state table, read/write section and output sections do not "
			"follow each other in guest space, whose output sections differ"
			" in size, or whose link has a peer count it cannot connect. "
			"Fix: declare the link under links: (one virt: for the whole "
			"link), or lay the regions out back to back.",
		.check = check_ivshmem_guest_layout,
	},
	{
		.id = "ivshmem-intx-not-owned",
		.group = "pci",
		.severity = JH_SEV_WARNING,
		.summary =
			"A cell does not own the INTx interrupt of its ivshmem "
			"device (Arm: SPI 32 + vpci-irq-base + pin - 1).",
		.explanation =
			"On Arm the hypervisor signals doorbells and peer state "
			"changes through the device's INTx line, interrupt 32 + the "
			"cell's vpci-irq-base + pin - 1, where pin is 1 + the device "
			"number modulo 4. It raises the line only in a cell that owns "
			"it; otherwise the device works without interrupts and a "
			"driver waiting for its peer sleeps for ever. Fix: give the "
			"cell a vpci-irq-base whose SPIs no device drives and list the"
			" interrupt under its irqs:. Peers need different bases (two "
			"non-root cells cannot own one SPI).",
		.check = check_ivshmem_intx_not_owned,
	},
	{
		.id = "ivshmem-no-pci-window",
		.group = "pci",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell has an ivshmem device but the system has no PCI "
			"configuration window.",
		.explanation =
			"ivshmem devices are found through PCI configuration space at"
			" the system's mmconfig-base. The hypervisor serves them there"
			", either on its own virtual host bridge (pci.virtual) or next "
			"to the physical functions of a real host bridge. Without a "
			"configuration window the cells cannot find the devices. Fix:"
			" add `pci: {mmconfig-base: <address>}` to the system (with "
			"`virtual: true` when the board has no PCI host bridge there).",
		.check = check_ivshmem_no_pci_window,
	},
	{
		.id = "cache-overlap-cells",
		.group = "cache",
		.severity = JH_SEV_ERROR,
		.summary =
			"The L3 capacity bitmasks of two non-root cells overlap.",
		.explanation =
			"Cache allocation (Intel CAT) restricts the ways each class of "
			"service may fill. Overlapping masks share ways, so one cell evicts"
			" the other's lines and its worst-case execution time is no longer "
			"bounded. Fix: give each cell its own bits, or mark deliberately "
			"shared bits root-shared in both cells.",
		.check = check_cache_overlap_cells,
	},
	{
		.id = "cache-cbm-length",
		.group = "cache",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cache mask is wider than the hardware's capacity bitmask.",
		.explanation =
			"The CBM length (CPUID leaf 0x10) says how many ways the hardware "
			"can partition; writing bits beyond it faults (#GP on the MSR "
			"write) and the cell cannot start. Without a board the limit is the"
			" format's 32 bits. Fix: keep start + size within the CBM length.",
		.check = check_cache_cbm_length,
	},
	{
		.id = "cache-empty-mask",
		.group = "cache",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cache partition has no bits.",
		.explanation =
			"The hardware rejects an all-zero capacity bitmask, so the cell "
			"cannot be started. Fix: give the partition at least one bit, or "
			"remove it.",
		.check = check_cache_empty_mask,
	},
	{
		.id = "cache-noncontiguous",
		.group = "cache",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell's cache masks of one kind leave a gap: the resulting mask "
			"is not contiguous.",
		.explanation =
			"Each cell gets one capacity bitmask per cache (and per code/data "
			"half). Intel CAT accepts only contiguous runs of set bits; the MSR"
			" write with holes faults. Fix: make the cell's ranges of one kind "
			"adjoin or merge them.",
		.check = check_cache_noncontiguous,
	},
	{
		.id = "cache-cdp-unsupported",
		.group = "cache",
		.severity = JH_SEV_ERROR,
		.needs_board = true,
		.summary =
			"A cell uses code or data cache masks, but the board's cache has no"
			" code/data prioritization.",
		.explanation =
			"Without CDP there are no separate code and data masks to program; "
			"the hypervisor cannot honour the split. Fix: use a unified mask "
			"(type l3).",
		.check = check_cache_cdp_unsupported,
	},
	{
		.id = "cache-cdp-mixed",
		.group = "cache",
		.severity = JH_SEV_ERROR,
		.summary =
			"Unified and code/data cache masks are mixed on the same cache.",
		.explanation =
			"CDP is switched on or off for a whole cache: when it is on every "
			"class of service has a code and a data mask, when it is off only "
			"unified masks exist. Mixing them means some cell's masks are "
			"programmed into the wrong half. Fix: with CDP, give every cell "
			"code and data masks; without it, only unified masks.",
		.check = check_cache_cdp_mixed,
	},
	{
		.id = "cache-l2-shared",
		.group = "cache",
		.severity = JH_SEV_ERROR,
		.needs_board = true,
		.summary =
			"Cells on CPUs that share an L2 cache have overlapping L2 masks.",
		.explanation =
			"L2 cache allocation works per L2 instance. Cells whose CPUs sit on"
			" the same instance with overlapping masks share ways and evict "
			"each other; on separate instances the same bits are harmless. Fix:"
			" give the cells disjoint L2 masks, or place them on different L2 "
			"clusters.",
		.check = check_cache_l2_shared,
	},
	{
		.id = "cache-l2-scope",
		.group = "cache",
		.severity = JH_SEV_WARNING,
		.needs_board = true,
		.summary =
			"A cell partitions an L2 cache that none of its CPUs shares with "
			"another CPU.",
		.explanation =
			"L2 allocation divides the ways of one L2 instance among the CPUs "
			"on it. On an L2 private to one CPU (or one the board does not "
			"describe) the cell competes with nobody, so its mask only takes "
			"ways away from itself. Fix: drop the L2 mask, or check which CPUs "
			"share an L2 in the board description.",
		.check = check_cache_l2_scope,
	},
	{
		.id = "cache-no-hardware",
		.group = "cache",
		.severity = JH_SEV_ERROR,
		.needs_board = true,
		.summary =
			"A cell partitions a cache the board has no allocation hardware "
			"for.",
		.explanation =
			"Without CAT (or without L2 CAT for an L2 partition) there is "
			"nothing to program: the partition does not exist and the cell's "
			"timing is not protected as the configuration claims. Fix: remove "
			"the cache entries, or describe the board's cache allocation "
			"hardware.",
		.check = check_cache_no_hardware,
	},
	{
		.id = "pio-multiple-cells",
		.group = "pio",
		.severity = JH_SEV_ERROR,
		.summary =
			"A port-I/O range is given to two non-root cells.",
		.explanation =
			"Port accesses go straight to the device once a cell owns the port "
			"in the I/O bitmap; two cells driving one device corrupt each "
			"other's state. Fix: give each port range to one cell.",
		.check = check_pio_multiple_cells,
	},
	{
		.id = "pio-machine-control",
		.group = "pio",
		.severity = JH_SEV_WARNING,
		.summary =
			"A non-root cell is given ports that control the whole machine.",
		.explanation =
			"The PICs (0x20, 0xa0), the PIT (0x40), the keyboard controller's "
			"reset line (0x64), CMOS/RTC (0x70), the PCI configuration "
			"mechanism (0xcf8, 0xcfc), the reset control register (0xcf9) and "
			"the ACPI PM block affect every cell: one write resets the machine,"
			" reroutes legacy interrupts or reconfigures PCI devices of other "
			"cells. Fix: leave these ports to the root cell; if a cell really "
			"must own one, suppress the warning with the reason.",
		.check = check_pio_machine_control,
	},
	{
		.id = "pio-not-x86",
		.group = "pio",
		.severity = JH_SEV_ERROR,
		.summary =
			"Port-I/O ranges on an Arm system.",
		.explanation =
			"Arm has no I/O port space; the entries mean nothing and point to a"
			" configuration written for another architecture. Fix: remove them.",
		.check = check_pio_not_x86,
	},
	{
		.id = "pio-range",
		.group = "pio",
		.severity = JH_SEV_ERROR,
		.summary =
			"A port range is empty or runs past port 0xffff.",
		.explanation =
			"The x86 I/O space ends at 0xffff; the hypervisor's I/O bitmap has "
			"no bits beyond it, and an empty range is a mistake in the length. "
			"Fix: check the base and the length.",
		.check = check_pio_range,
	},
	{
		.id = "iommu-stream-id-multiple",
		.group = "iommu",
		.severity = JH_SEV_ERROR,
		.summary =
			"A stream ID is given to two non-root cells.",
		.explanation =
			"The SMMU selects a translation context by stream ID; a stream ID "
			"can point to one cell's page tables only, so one of the cells' "
			"devices DMAs through the other cell's tables. Fix: give the device"
			" (and its stream IDs) to one cell.",
		.check = check_iommu_stream_id_multiple,
	},
	{
		.id = "iommu-stream-id-no-unit",
		.group = "iommu",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell lists stream IDs, but the system has no SMMU or PVU to "
			"apply them.",
		.explanation =
			"Stream IDs are only meaningful to a stream-based IOMMU. Without "
			"one, the devices behind them DMA untranslated: the configuration "
			"claims isolation that does not exist. Fix: describe the SMMU in "
			"the system, or remove the stream IDs.",
		.check = check_iommu_stream_id_no_unit,
	},
	{
		.id = "iommu-index",
		.group = "iommu",
		.severity = JH_SEV_ERROR,
		.summary =
			"A PCI device names an IOMMU unit that does not exist.",
		.explanation =
			"The hypervisor programs the device's DMA translation in the unit "
			"the index names; an empty slot means the device is left "
			"untranslated (or the cell is refused). Fix: use the index of the "
			"unit that translates for the device.",
		.check = check_iommu_index,
	},
	{
		.id = "iommu-mmio-mapped",
		.group = "iommu",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell maps the registers of an IOMMU unit.",
		.explanation =
			"A cell that can program the IOMMU can switch off DMA translation "
			"or point it at any memory, undoing every other isolation rule. The"
			" hypervisor owns these registers. Fix: remove the mapping.",
		.check = check_iommu_mmio_mapped,
	},
	{
		.id = "dev-dma-no-iommu",
		.group = "iommu",
		.severity = JH_SEV_ERROR,
		.needs_board = true,
		.summary =
			"A bus-mastering platform device is given to a non-root cell, but "
			"no IOMMU (stream ID) translates for it.",
		.explanation =
			"A device that can master the bus (a DMA engine, a network or "
			"storage controller) writes wherever its driver points it. Without "
			"an SMMU stream ID or IOMMU the cell can use it to read or "
			"overwrite the hypervisor and every other cell. Fix: describe the "
			"device's IOMMU and stream IDs on the board, or leave the device to"
			" the root cell.",
		.check = check_dma_device_no_iommu,
	},
	{
		.id = "sys-name-empty",
		.group = "system",
		.severity = JH_SEV_ERROR,
		.summary =
			"A cell has no name.",
		.explanation =
			"An unnamed cell cannot be addressed by the management tools, and "
			"the driver rejects it. Fix: give every cell a name of 1 to 31 "
			"characters.",
		.check = check_sys_name_empty,
	},
	{
		.id = "sys-console-not-on-board",
		.group = "system",
		.severity = JH_SEV_ERROR,
		.needs_board = true,
		.summary =
			"The debug console or a cell's console is not a device of the "
			"board, or not of the board device's type.",
		.explanation =
			"A console at an address where the board has no UART writes into "
			"nothing (or into another device's registers); a console driver of "
			"the wrong type (8250 registers on a PL011) programs registers that"
			" do not exist. Either way the hypervisor's early messages, often "
			"the only sign of a failed enable, are lost. Fix: name one of the "
			"board's UARTs, so that address and type come from the board.",
		.check = check_sys_console_not_on_board,
	},
	{
		.id = "sys-hv-memory",
		.group = "system",
		.severity = JH_SEV_ERROR,
		.summary =
			"The hypervisor memory is empty, not 4 KiB aligned, or (with a "
			"board) not inside RAM.",
		.explanation =
			"The hypervisor is loaded into this region and builds its page "
			"tables there; the driver refuses an unaligned or empty region, and"
			" a region outside RAM cannot hold code. Fix: give the hypervisor a"
			" 4 KiB aligned piece of RAM (a few MiB).",
		.check = check_sys_hv_memory,
	},
	{
		.id = "sys-gic-bases",
		.group = "system",
		.severity = JH_SEV_ERROR,
		.summary =
			"The system's GIC description is incomplete.",
		.explanation =
			"The hypervisor needs the GIC version and the distributor base, "
			"plus the redistributor base on GICv3 or the CPU, hypervisor and "
			"virtual CPU interface bases on GICv2. A missing base makes the "
			"hypervisor fault at enable. Fix: describe the interrupt controller"
			" fully (with a board, jh takes it from there).",
		.check = check_sys_gic_bases,
	},
	{
		.id = "sys-flags-unknown",
		.group = "system",
		.severity = JH_SEV_WARNING,
		.summary =
			"The system or a cell has flag bits the format does not define.",
		.explanation =
			"Unknown bits are ignored by this hypervisor version and may mean "
			"something different to the next one. Fix: remove them.",
		.check = check_sys_flags_unknown,
	},
	{
		.id = "sys-vconsole-not-permitted",
		.group = "system",
		.severity = JH_SEV_WARNING,
		.summary =
			"A cell makes the hypervisor's virtual console its active console "
			"without being permitted to use it.",
		.explanation =
			"The hypervisor ignores console hypercalls of cells that lack the "
			"virtual-console-permitted flag, so everything the cell prints is "
			"lost. Fix: add virtual-console-permitted, or drop virtual-console-"
			"active.",
		.check = check_sys_vconsole_not_permitted,
	},
	{ 0 },
};

size_t jh_rules_count(void)
{
	size_t n = 0;

	while (jh_rules[n].id)
		n++;
	return n;
}

const struct jh_rule *jh_rule_find(const char *id)
{
	for (const struct jh_rule *r = jh_rules; r->id; r++)
		if (strcmp(r->id, id) == 0)
			return r;
	return NULL;
}

void jh_checks_run(const struct jh_system *sys, struct jh_diags *d)
{
	for (const struct jh_rule *r = jh_rules; r->id; r++) {
		/* board facts are not in images: such rules cannot judge */
		if (r->needs_board && !sys->board)
			continue;
		r->check(r, sys, d);
	}
}

size_t jh_checks_skipped(const struct jh_system *sys)
{
	size_t n = 0;

	for (const struct jh_rule *r = jh_rules; r->id; r++)
		n += r->needs_board && !sys->board;
	return n;
}
