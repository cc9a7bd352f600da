/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the YAML front end, shared by its files:
 *   values.c   typed getters over YAML nodes (expressions, flags, keys)
 *   names.c    flag and enum name tables
 *   files.c    reading files, includes, top-level merge, suppressions
 *   pieces.c   IOMMU units, MSI/MSI-X, capabilities, BAR masks (shared)
 *   board.c    `board:` -> struct jh_board
 *   system.c   `system:` -> system fields
 *   cells.c    `cells:` -> cells (image form and high-level keys)
 *   place.c    automatic placement of memory given only by size
 *   links.c    shared-memory links
 *   assemble.c derived items appended in the documented order
 *   front.c    the phases, in order
 */
#ifndef JH_FRONT_INTERNAL_H
#define JH_FRONT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "front/front.h"
#include "model/vocab.h"
#include "yaml/yaml.h"

/* A named entry of a merged top-level mapping (defs, cells, links). */
struct jh_fentry {
	const struct jh_ynode *key;
	const struct jh_ynode *value;
};

typedef JH_VEC(struct jh_fentry) jh_fentries;

/* A constant from `defs:`, evaluated on first use. */
struct jh_fdef {
	const struct jh_ynode *key, *value;
	int state;		/* 0 new, 1 evaluating, 2 done, 3 failed */
	uint64_t value_num;
};

/* A board resource a cell asked for by name. */
struct jh_fdevref {
	bool pci;
	int32_t index;
	struct jh_loc loc;
};

/* An interrupt a cell asked for (from `irqs`, `devices`, derivation). */
struct jh_firq {
	uint32_t chip;		/* board irqchip index */
	uint32_t irq;
	struct jh_loc loc;
};

/* A memory entry that still needs its address. */
struct jh_fplace {
	size_t region;		/* index in the cell's memory */
	uint64_t align;
	bool virt_given;
};

/* What a cell asked for that is expanded after all cells are read. */
struct jh_fcell {
	const struct jh_ynode *node;
	JH_VEC(struct jh_fdevref) devs;
	JH_VEC(struct jh_firq) irqs;
	JH_VEC(struct jh_fplace) place;
	JH_VEC(struct jh_port_range) pio;	/* derived port ranges */
	bool has_comm;
	struct jh_region comm;
	bool derive;
	struct jh_loc derive_loc;
	bool cpus_given;
	size_t written_mem;	/* memory entries written in the YAML */
};

/* A link as read, before expansion. */
struct jh_flink {
	const struct jh_ynode *node;
	bool address_given, virt_given, bdf_given;
	uint64_t virt;
	struct jh_loc peers_loc;
};

struct jh_front {
	struct jh_diags *d;
	struct jh_system *sys;
	struct jh_board *board;		/* == sys->board, or NULL */
	struct jh_deps *deps;
	JH_VEC(struct jh_ydoc *) docs;
	JH_VEC(char *) include_stack;
	JH_VEC(struct jh_floaded {
		char *path;
		struct jh_loc from;
	}) loaded;			/* every file read, and from where */
	/* merged top level */
	const struct jh_ynode *board_node, *system_node;
	const struct jh_ynode *board_key, *system_key;
	JH_VEC(struct jh_fdef) defs;
	jh_fentries cells, links;
	/* per cell / per link pending work (parallel to sys->cells/links) */
	JH_VEC(struct jh_fcell) fcells;
	JH_VEC(struct jh_flink) flinks;
	bool hv_known;
	bool failed_board;
};

/* ------------------------------------------------------------ values.c */

#define JH_FKEYS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Report keys of `map` not in `keys` (NULL-terminated; `suppress` is
 * always allowed). `what` names the mapping in messages. */
void jh_fkeys(struct jh_front *f, const struct jh_ynode *map,
	      const char *const *keys, const char *what);
/* Is `n` a mapping? Otherwise report that `what` must be one. */
bool jh_fis_map(struct jh_front *f, const struct jh_ynode *n,
		const char *what);
bool jh_fis_seq(struct jh_front *f, const struct jh_ynode *n,
		const char *what);
bool jh_fis_scalar(struct jh_front *f, const struct jh_ynode *n,
		   const char *what);
/* A required key; reports its absence. */
const struct jh_ynode *jh_frequire(struct jh_front *f,
				   const struct jh_ynode *map,
				   const char *key, const char *what);
/* The position of a key inside a mapping (for messages), or the map's. */
struct jh_loc jh_fkey_loc(const struct jh_ynode *map, const char *key);

bool jh_fint(struct jh_front *f, const struct jh_ynode *n, const char *what,
	     uint64_t max, uint64_t *out);
bool jh_ftime(struct jh_front *f, const struct jh_ynode *n,
	      const char *what, uint64_t *out);
/* `a .. b`, `a .. +size`, or {start:, size:} / {start:, end:} */
bool jh_frange(struct jh_front *f, const struct jh_ynode *n,
	       const char *what, uint64_t *start, uint64_t *size);

struct jh_fspan {
	uint64_t first, last;
	struct jh_loc loc;
};
typedef JH_VEC(struct jh_fspan) jh_fspans;
/* A CPU/interrupt list: scalar list text, number, or a sequence of them.
 * Every value must be <= max. Appends to `out`. */
bool jh_flist(struct jh_front *f, const struct jh_ynode *n,
	      const char *what, uint64_t max, jh_fspans *out);
bool jh_fbool(struct jh_front *f, const struct jh_ynode *n,
	      const char *what, bool *out);
/* A name (non-empty plain or quoted scalar). */
const char *jh_fstr(struct jh_front *f, const struct jh_ynode *n,
		    const char *what);
bool jh_fbdf(struct jh_front *f, const struct jh_ynode *n, const char *what,
	     uint16_t *out);

/* Flag set: sequence of names/numbers or `a|b` text; `letters` enables
 * r/w/x shorthand words. Numbers must fit in `mask_max`. */
bool jh_fflags(struct jh_front *f, const struct jh_ynode *n,
	       const char *what, const struct jh_name *table,
	       bool letters, uint64_t mask_max, uint64_t *out);
/* One name from `table`, or a number <= max. */
bool jh_fenum(struct jh_front *f, const struct jh_ynode *n,
	      const char *what, const struct jh_name *table, uint64_t max,
	      uint64_t *out);

/* "did you mean" over a table of names, or over arbitrary names. */
void jh_fsuggest(struct jh_diag *g, const char *word,
		 const char *const *names, size_t num);

/* ------------------------------------------------------------- phases */
bool jh_front_read_files(struct jh_front *f, const char *path,
			 const char *text, size_t len);
void jh_front_board(struct jh_front *f);
void jh_front_system(struct jh_front *f);
void jh_front_cells(struct jh_front *f);
void jh_front_links_read(struct jh_front *f);
void jh_front_place(struct jh_front *f);
void jh_front_assemble(struct jh_front *f);

/* IOMMU unit in image form or as a board entry */
bool jh_fiommu(struct jh_front *f, const struct jh_ynode *n, uint32_t *type,
	       uint64_t *base, uint32_t *size, uint8_t raw[12],
	       const char *const *extra_keys);

/* PCI pieces shared by board devices and image-form cell devices */
bool jh_fmsi(struct jh_front *f, const struct jh_ynode *n, uint8_t *vectors,
	     uint8_t *flags);
bool jh_fmsix(struct jh_front *f, const struct jh_ynode *n,
	      uint16_t *vectors, uint16_t *region_size, uint64_t *address);
bool jh_fcap(struct jh_front *f, const struct jh_ynode *n,
	     struct jh_pci_cap *cap);
bool jh_fbar_masks(struct jh_front *f, const struct jh_ynode *n,
		   uint32_t mask[6]);

/* "16 MiB" or "0x1234 bytes" */
void jh_front_fmt_size(char *buf, size_t len, uint64_t v);

/* bytes of memory a link needs */
uint64_t jh_flink_size(const struct jh_link *l);

/* console descriptor: board device name or image-form mapping */
void jh_front_console(struct jh_front *f, const struct jh_ynode *n,
		      struct jh_console_desc *con, const char *what);

/* board lookups, -1 when absent */
int32_t jh_fboard_device(const struct jh_front *f, const char *name);
int32_t jh_fboard_pci(const struct jh_front *f, const char *name);
int32_t jh_fboard_irqchip(const struct jh_front *f, const char *name);
int32_t jh_fboard_port(const struct jh_front *f, const char *name);
int32_t jh_fcell_index(const struct jh_front *f, const char *name);

/* GIC or IOAPIC pin window base for an interrupt of a board chip. */
uint32_t jh_fpin_base(const struct jh_board_irqchip *chip, uint32_t irq);

#endif /* JH_FRONT_INTERNAL_H */
