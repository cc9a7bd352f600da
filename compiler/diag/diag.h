/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One diagnostics engine for every jh tool.
 *
 * Errors travel as values: stages add diagnostics to a struct jh_diags and
 * carry on, so one run reports every problem it can find. Printing happens
 * once, at the end, in the format the user asked for.
 *
 * Text format:  file:line:col: severity: message [rule-id]
 *               the source line, a caret under the value, notes, hint.
 */
#ifndef JH_DIAG_H
#define JH_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Where something came from: a place in a YAML file (line/col > 0), or a
 * place in a binary image (offset >= 0, optionally an array and index).
 * `file` is interned by jh_diags_intern() and lives as long as the engine.
 */
struct jh_loc {
	const char *file;
	uint32_t line;		/* 1-based; 0 = not a text position */
	uint32_t col;		/* 1-based */
	uint32_t len;		/* characters to underline, 0 = one caret */
	int32_t index;		/* index in that array, -1 = none */
	int64_t offset;		/* byte offset in an image, -1 = none */
	const char *array;	/* image array name ("memory_regions"), or NULL */
};
/* (40 bytes, no padding: every YAML tree node carries one.) */
#define JH_LOC_NONE ((struct jh_loc){ .file = NULL, .line = 0, .col = 0, \
	.len = 0, .index = -1, .offset = -1, .array = NULL })

enum jh_severity {
	JH_SEV_OFF = 0,		/* a rule switched off */
	JH_SEV_NOTE,
	JH_SEV_WARNING,
	JH_SEV_ERROR,
};

struct jh_diag_note {
	struct jh_loc loc;
	char *msg;
};

struct jh_diag {
	enum jh_severity sev;
	struct jh_loc loc;
	char *msg;
	const char *rule;	/* stable rule id, or NULL for plain errors */
	char *hint;		/* how to fix it, or NULL */
	struct jh_diag_note *notes;
	size_t num_notes;
	bool suppressed;	/* silenced at the site in the YAML */
	char *suppress_reason;	/* the mandatory reason given there */
	struct jh_loc suppress_loc;
};

/* A rule's level set from the command line (-W, -Wno-, -Werror=). */
struct jh_rule_level {
	char *rule;
	enum jh_severity sev;
};

/* A suppression written in the YAML: silences `rule` inside a line range. */
struct jh_suppression {
	char *rule;
	char *reason;
	struct jh_loc loc;	/* where the suppression was written */
	const char *file;	/* it covers [first_line, last_line] of file */
	uint32_t first_line;
	uint32_t last_line;
	bool used;
};

struct jh_source;

struct jh_diags {
	struct jh_diag *v;
	size_t n, cap;
	size_t errors, warnings, notes_count, suppressed;
	/* interned file names and cached file contents for carets */
	struct jh_source *sources;
	size_t num_sources;
	/* severity policy */
	struct jh_rule_level *levels;
	size_t num_levels;
	bool werror_all;	/* -Werror: every warning becomes an error */
	struct jh_suppression *supps;
	size_t num_supps;
};

void jh_diags_init(struct jh_diags *d);
void jh_diags_free(struct jh_diags *d);

/* Intern a file name; the returned pointer is stable until free. */
const char *jh_diags_intern(struct jh_diags *d, const char *file);

/*
 * Register the text of a file (YAML already in memory) so that carets can
 * be printed without reading the file again. The text is copied.
 */
void jh_diags_set_source(struct jh_diags *d, const char *file,
			 const char *text, size_t len);

/* Severity policy, applied when a diagnostic carrying a rule id is added. */
void jh_diags_set_rule_level(struct jh_diags *d, const char *rule,
			     enum jh_severity sev);
void jh_diags_add_suppression(struct jh_diags *d, const char *rule,
			      const char *reason, struct jh_loc where,
			      const char *file, uint32_t first_line,
			      uint32_t last_line);

/*
 * Add a diagnostic. `rule` may be NULL (plain errors of the reader or the
 * tools, not subject to -W). With a rule, `sev` is the rule's default
 * severity and the policy may change it (or drop it: JH_SEV_OFF). Returns
 * the diagnostic so notes and a hint can be attached, or NULL if dropped.
 */
struct jh_diag *jh_diag_add(struct jh_diags *d, enum jh_severity sev,
			    const char *rule, struct jh_loc loc,
			    const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
struct jh_diag *jh_diag_vadd(struct jh_diags *d, enum jh_severity sev,
			     const char *rule, struct jh_loc loc,
			     const char *fmt, va_list ap);

#define jh_error(d, loc, ...) \
	jh_diag_add((d), JH_SEV_ERROR, NULL, (loc), __VA_ARGS__)
#define jh_warning(d, loc, ...) \
	jh_diag_add((d), JH_SEV_WARNING, NULL, (loc), __VA_ARGS__)

void jh_diag_note(struct jh_diag *diag, struct jh_loc loc,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void jh_diag_hint(struct jh_diag *diag, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Number of unsuppressed errors: non-zero means "do not emit". */
static inline size_t jh_diags_errors(const struct jh_diags *d)
{
	return d->errors;
}

/* Format a location as "file:line:col" or "file: offset 0x..: array[i]". */
void jh_loc_format(const struct jh_loc *loc, char *buf, size_t size);

/*
 * Print every diagnostic in GCC style. Colour when `color` is true (the
 * tools pass isatty(fileno(out)) unless told otherwise). Suppressed
 * diagnostics are not printed unless `show_suppressed`.
 */
void jh_diags_print(const struct jh_diags *d, FILE *out, bool color,
		    bool show_suppressed);

const char *jh_severity_name(enum jh_severity sev);

/*
 * "Did you mean": the candidate closest to `word` by edit distance, or NULL
 * if none is close enough to be a plausible typo.
 */
const char *jh_suggest(const char *word, const char *const *candidates,
		       size_t num);

#endif /* JH_DIAG_H */
