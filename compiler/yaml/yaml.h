/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * YAML documents as a tree of nodes that remember where they came from.
 *
 * libyaml does the tokenising; this module builds the tree, resolves
 * anchors and aliases (an alias shares the anchored node), expands merge
 * keys (`<<: *base`), and rejects what a configuration must never contain:
 * duplicate keys, non-scalar keys, recursive aliases, more than one
 * document, and alias expansions that would blow up ("billion laughs").
 * Every node has its position; scalars also know their quoting style so
 * that positions inside a scalar can be mapped back to a column.
 */
#ifndef JH_YAML_H
#define JH_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag/diag.h"
#include "util/arena.h"

enum jh_ynode_kind {
	JH_YNODE_SCALAR,
	JH_YNODE_SEQ,
	JH_YNODE_MAP,
};

enum jh_yscalar_style {
	JH_YSTYLE_PLAIN,
	JH_YSTYLE_SINGLE,	/* 'text' */
	JH_YSTYLE_DOUBLE,	/* "text" */
	JH_YSTYLE_BLOCK,	/* | or > */
};

struct jh_ynode;

struct jh_ypair {
	struct jh_ynode *key;	/* always a scalar */
	struct jh_ynode *value;
};

/*
 * A big configuration has close to a million nodes, so the layout is kept
 * tight (72 bytes): small fields first, 32-bit counts (the parser refuses
 * anything larger), and one pointer shared by the three kinds. Counts of
 * the other kinds are always 0, so loops over them need no kind check;
 * `text` is only meaningful for scalars.
 */
struct jh_ynode {
	uint8_t kind;		/* enum jh_ynode_kind */
	uint8_t style;		/* scalar: enum jh_yscalar_style */
	bool multiline;		/* the scalar spans several source lines */
	bool visited;		/* scratch flag for walkers */
	uint32_t end_line;	/* last line the node covers */
	struct jh_loc loc;	/* first character (for scalars: len set
				   when the scalar sits on one line) */
	uint32_t len;		/* scalar: bytes of text */
	uint32_t num_items;	/* sequence */
	uint32_t num_pairs;	/* mapping */
	uint32_t weight;	/* nodes reachable, aliases expanded
				   (saturates at 2 * JH_YAML_MAX_WEIGHT) */
	union {
		char *text;	/* NUL-terminated (may contain NULs: len) */
		struct jh_ynode **items;
		struct jh_ypair *pairs;
	};
};

struct jh_ydoc {
	const char *file;	/* interned in the diagnostics engine */
	struct jh_ynode *root;	/* NULL for an empty document */
	/* Nodes, scalar text and item/pair arrays all live here and are
	   freed together: no per-node malloc or free. */
	struct jh_arena arena;
};

/* Upper bound on nodes reachable through aliases in one document. */
#define JH_YAML_MAX_WEIGHT 1000000u
/* Upper bound on nesting depth. */
#define JH_YAML_MAX_DEPTH 64

/*
 * Parse `text` (named `file` in messages). Reports problems to `d` and
 * returns false on any error; `doc` is then left empty (root NULL) but
 * must still be freed with jh_ydoc_free().
 */
bool jh_yaml_parse(const char *file, const char *text, size_t len,
		   struct jh_diags *d, struct jh_ydoc *doc);
void jh_ydoc_free(struct jh_ydoc *doc);

/* Value of `key` in a mapping, or NULL. */
struct jh_ynode *jh_ymap_get(const struct jh_ynode *map, const char *key);

/* A plain scalar `~`, `null`, `Null`, `NULL` or empty. */
bool jh_ynode_is_null(const struct jh_ynode *n);

/* "mapping", "sequence", "scalar" for messages. */
const char *jh_ynode_kind_name(const struct jh_ynode *n);

/*
 * Position of character `offset` inside a scalar's text: exact for
 * single-line plain and quoted scalars (quotes are skipped; escapes count
 * as one character each), the scalar's start otherwise.
 */
struct jh_loc jh_ynode_loc_at(const struct jh_ynode *n, uint32_t offset,
			      uint32_t len);

#endif /* JH_YAML_H */
