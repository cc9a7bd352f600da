/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Machine-readable reports of a diagnostics run, and the rule catalogue in
 * the forms users and documentation need.
 *
 *  - JSON: jh's own format, versioned by a top-level "version" field
 *    (JH_REPORT_JSON_VERSION); see doc/man/jh-lint.1.
 *  - SARIF 2.1.0 as GitHub code scanning ingests it: every rule of the
 *    table in tool.driver.rules, one result per diagnostic with a
 *    repository-relative location, related locations for the notes,
 *    partial fingerprints, and in-source suppressions with their reason.
 */
#ifndef JH_REPORT_H
#define JH_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "diag/diag.h"

#define JH_REPORT_JSON_VERSION 1

struct jh_report_opts {
	const char *tool_name;		/* "jh-lint" */
	const char *tool_version;
	/* Directory locations are made relative to (SARIF); NULL = the
	 * current directory. */
	const char *srcroot;
	/* Rules that could not run (no board description), for the record. */
	size_t skipped_rules;
};

/* Reports as NUL-terminated text (malloc'ed; free()), ending in "\n". */
char *jh_report_json(const struct jh_diags *d,
		     const struct jh_report_opts *opts);
char *jh_report_sarif(const struct jh_diags *d,
		      const struct jh_report_opts *opts);

/* One line: "jh-lint: 2 errors, 1 warning, 0 notes, 1 suppressed", plus
 * "; 12 rules skipped (no board)" when `skipped` is not 0. */
void jh_report_summary(const struct jh_diags *d, const char *tool,
		       size_t skipped, FILE *out);

/*
 * The rule catalogue: "text" = one rule per line (id, severity, summary);
 * "markdown" = doc/hazards.md; "json" = an array of rule objects.
 * Returns false for an unknown format.
 */
bool jh_rules_print(FILE *out, const char *format);

/* A path as SARIF wants it: relative to `root` when inside it (with
 * *relative set), percent-encoded. malloc'ed. */
char *jh_report_uri(const char *path, const char *root, bool *relative);

#endif /* JH_REPORT_H */
