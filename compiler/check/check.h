/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hazard checks over the typed model. Each rule is one table entry (see
 * rules.c): id, default severity, summary, explanation, function.
 * jh-compile runs them all (errors stop emission), and so does jh-lint.
 */
#ifndef JH_CHECK_H
#define JH_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "diag/diag.h"
#include "model/model.h"

struct jh_rule {
	const char *id;			/* stable, e.g. "mem-overlap-cells" */
	const char *group;		/* memory, cpu, irq, pci, cache, ... */
	enum jh_severity severity;	/* default */
	const char *summary;		/* one line */
	const char *explanation;	/* why, what the hardware does, fix */
	bool needs_board;		/* runs only when sys->board is set */
	void (*check)(const struct jh_rule *rule,
		      const struct jh_system *sys, struct jh_diags *d);
};

/* The rule table, terminated by an entry with id == NULL. */
extern const struct jh_rule jh_rules[];

const struct jh_rule *jh_rule_find(const char *id);

/* Number of rules in the table. */
size_t jh_rules_count(void);

/* Run every rule over `sys`, reporting into `d` under its policy. */
void jh_checks_run(const struct jh_system *sys, struct jh_diags *d);

/* How many rules jh_checks_run() leaves out for `sys`: those that need
 * the board description when there is none (images). */
size_t jh_checks_skipped(const struct jh_system *sys);

#endif /* JH_CHECK_H */
