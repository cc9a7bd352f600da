// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh-lint: run every hazard rule over YAML configurations or binary cell
 * images and report in text (GCC style), JSON or SARIF.
 *
 * Exit status: 0 clean (warnings allowed), 1 errors (or warnings with
 * -Werror), 2 usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "diag/diag.h"
#include "model/model.h"
#include "report/report.h"
#include "util/xalloc.h"

#include "front/front.h"
#include "image/image.h"

#define TOOL "jh-lint"

enum format { FMT_TEXT, FMT_JSON, FMT_SARIF };
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	enum format format;
	enum color color;
	const char *output;
	const char *srcroot;
	bool summary;
	bool show_suppressed;
	bool exit_zero;
	JH_VEC(char *) inputs;
};

static void usage(FILE *out)
{
	fputs("usage: jh-lint [options] FILE...\n"
	      "\n"
	      "Check jh YAML configurations, or binary cell images (system.cell\n"
	      "first, then cell images), against every hazard rule.\n"
	      "\n"
	      "  --format=text|json|sarif  report format (default text)\n"
	      "  -o, --output=FILE         write the report to FILE\n"
	      "  --srcroot=DIR             make SARIF locations relative to DIR\n"
	      "  --summary                 print one summary line at the end\n"
	      "  --show-suppressed         also print suppressed diagnostics\n"
	      "  --exit-zero               exit 0 even when errors are found\n"
	      "  --color=auto|always|never colour in text output\n"
	      "  -W<rule>                  enable a rule at its default severity\n"
	      "  -Wno-<rule>               disable a rule\n"
	      "  -Werror                   treat every warning as an error\n"
	      "  -Werror=<rule>            make a rule an error\n"
	      "  --list-rules[=text|markdown|json]  print the rule table\n"
	      "  --explain=RULE            print a rule's explanation\n"
	      "  -h, --help                this text\n"
	      "  --version                 print the version\n"
	      "\n"
	      "Exit status: 0 clean, 1 errors (or warnings with -Werror), "
	      "2 usage.\n", out);
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", TOOL);
	fprintf(stderr, fmt, arg);
	fputs("\n(try 'jh-lint --help')\n", stderr);
	return 2;
}

/* Look up a rule named on the command line; suggest on a typo. */
static const struct jh_rule *cli_rule(const char *name)
{
	const struct jh_rule *r = jh_rule_find(name);
	const char **names;
	const char *best;
	size_t n = jh_rules_count();

	if (r)
		return r;
	names = jh_xmalloc(n * sizeof(*names));
	for (size_t i = 0; i < n; i++)
		names[i] = jh_rules[i].id;
	best = jh_suggest(name, names, n);
	if (best)
		fprintf(stderr, "%s: unknown rule '%s'; did you mean '%s'?\n",
			TOOL, name, best);
	else
		fprintf(stderr, "%s: unknown rule '%s' (see --list-rules)\n",
			TOOL, name);
	free(names);
	return NULL;
}

static int explain(const char *name)
{
	const struct jh_rule *r = cli_rule(name);

	if (!r)
		return 2;
	printf("%s (%s, %s%s)\n\n%s\n\n%s\n", r->id, r->group,
	       jh_severity_name(r->severity),
	       r->needs_board ? ", needs the board" : "", r->summary,
	       r->explanation);
	return 0;
}

/* -W... options; returns 0 or the exit status of a usage error. */
static int warning_option(const char *arg, struct jh_diags *d)
{
	const struct jh_rule *r;

	if (strcmp(arg, "error") == 0) {
		d->werror_all = true;
		return 0;
	}
	if (strncmp(arg, "error=", 6) == 0) {
		r = cli_rule(arg + 6);
		if (!r)
			return 2;
		jh_diags_set_rule_level(d, r->id, JH_SEV_ERROR);
		return 0;
	}
	if (strncmp(arg, "no-", 3) == 0) {
		r = cli_rule(arg + 3);
		if (!r)
			return 2;
		jh_diags_set_rule_level(d, r->id, JH_SEV_OFF);
		return 0;
	}
	if (!*arg)
		return usage_error("%s-W needs a rule name", "");
	r = cli_rule(arg);
	if (!r)
		return 2;
	jh_diags_set_rule_level(d, r->id, r->severity);
	return 0;
}

/* Value of --name=VALUE or --name VALUE; advances *i for the latter. */
static const char *long_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

static int parse_args(int argc, char **argv, struct options *o,
		      struct jh_diags *d, bool *done)
{
	bool only_files = false;
	const char *v;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (only_files || a[0] != '-' || a[1] == '\0') {
			*(char **)jh_vec_push(&o->inputs) = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_files = true;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			*done = true;
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			printf("jh-lint 0.1.0 (%zu rules)\n", jh_rules_count());
			*done = true;
			return 0;
		} else if (strcmp(a, "--list-rules") == 0 ||
			   strncmp(a, "--list-rules=", 13) == 0) {
			*done = true;
			if (!jh_rules_print(stdout, a[12] ? a + 13 : "text"))
				return usage_error("unknown rule list format "
						   "'%s'", a + 13);
			return 0;
		} else if ((v = long_value(argc, argv, &i, "--explain"))) {
			*done = true;
			return explain(v);
		} else if ((v = long_value(argc, argv, &i, "--format"))) {
			if (strcmp(v, "text") == 0)
				o->format = FMT_TEXT;
			else if (strcmp(v, "json") == 0)
				o->format = FMT_JSON;
			else if (strcmp(v, "sarif") == 0)
				o->format = FMT_SARIF;
			else
				return usage_error("unknown format '%s'", v);
		} else if ((v = long_value(argc, argv, &i, "--color"))) {
			if (strcmp(v, "auto") == 0)
				o->color = COLOR_AUTO;
			else if (strcmp(v, "always") == 0)
				o->color = COLOR_ALWAYS;
			else if (strcmp(v, "never") == 0)
				o->color = COLOR_NEVER;
			else
				return usage_error("unknown colour mode '%s'",
						   v);
		} else if ((v = long_value(argc, argv, &i, "--output"))) {
			o->output = v;
		} else if (strcmp(a, "-o") == 0) {
			if (i + 1 >= argc)
				return usage_error("%s-o needs a file name",
						   "");
			o->output = argv[++i];
		} else if ((v = long_value(argc, argv, &i, "--srcroot"))) {
			o->srcroot = v;
		} else if (strcmp(a, "--summary") == 0) {
			o->summary = true;
		} else if (strcmp(a, "--show-suppressed") == 0) {
			o->show_suppressed = true;
		} else if (strcmp(a, "--exit-zero") == 0) {
			o->exit_zero = true;
		} else if (strncmp(a, "-W", 2) == 0) {
			rc = warning_option(a + 2, d);
			if (rc)
				return rc;
		} else {
			return usage_error("unknown option '%s'", a);
		}
	}
	if (o->inputs.n == 0)
		return usage_error("%sno input files", "");
	return 0;
}

enum input_kind { IN_YAML, IN_IMAGE, IN_SYSTEM_IMAGE, IN_UNREADABLE };

/* Images are told apart by their signature, then by the extension. */
static enum input_kind classify(const char *path, int *err)
{
	char sig[5];
	FILE *f = fopen(path, "rb");
	size_t n;
	const char *dot;

	if (!f) {
		*err = errno;
		return IN_UNREADABLE;
	}
	n = fread(sig, 1, sizeof(sig), f);
	fclose(f);
	if (n == 5 && memcmp(sig, "JHSYS", 5) == 0)
		return IN_SYSTEM_IMAGE;
	if (n == 5 && memcmp(sig, "JHCLL", 5) == 0)
		return IN_IMAGE;
	dot = strrchr(path, '.');
	if (dot && (strcmp(dot, ".cell") == 0 || strcmp(dot, ".bin") == 0))
		return IN_IMAGE;	/* the reader will name the problem */
	return IN_YAML;
}

/* Rules skipped for want of a board, the most over all inputs. */
static size_t skipped_rules;

static void run_checks(const struct jh_system *sys, struct jh_diags *d)
{
	size_t n = jh_checks_skipped(sys);

	jh_checks_run(sys, d);
	if (n > skipped_rules)
		skipped_rules = n;
}

static void lint_yaml(const char *path, struct jh_diags *d)
{
	struct jh_system sys;

	jh_system_init(&sys);
	if (jh_front_load_file(path, d, &sys, NULL))
		run_checks(&sys, d);
	jh_system_free(&sys);
}

static void lint_images(char **files, size_t n, struct jh_diags *d)
{
	struct jh_system sys;

	jh_system_init(&sys);
	if (jh_image_read_files(files, n, d, &sys))
		run_checks(&sys, d);
	jh_system_free(&sys);
}

static int write_report(const struct options *o, const struct jh_diags *d)
{
	struct jh_report_opts ro = { TOOL, "0.1.0", o->srcroot,
				     skipped_rules };
	FILE *out = stdout;
	char *text = NULL;
	bool color;

	if (o->output) {
		out = fopen(o->output, "w");
		if (!out) {
			fprintf(stderr, "%s: cannot write %s: %s\n", TOOL,
				o->output, strerror(errno));
			return 2;
		}
	}
	switch (o->format) {
	case FMT_TEXT:
		color = o->color == COLOR_ALWAYS ||
			(o->color == COLOR_AUTO && !o->output &&
			 isatty(fileno(out)));
		jh_diags_print(d, out, color, o->show_suppressed);
		break;
	case FMT_JSON:
		text = jh_report_json(d, &ro);
		break;
	case FMT_SARIF:
		text = jh_report_sarif(d, &ro);
		break;
	}
	if (text) {
		fputs(text, out);
		free(text);
	}
	if (o->summary)
		/* keep machine-readable output on stdout parseable */
		jh_report_summary(d, TOOL, skipped_rules,
				  o->format == FMT_TEXT || o->output ?
				  stdout : stderr);
	if (out != stdout && fclose(out) != 0) {
		fprintf(stderr, "%s: cannot write %s\n", TOOL, o->output);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct jh_diags d;
	JH_VEC(char *) images = { 0 };
	bool done = false;
	int rc;

	jh_diags_init(&d);
	rc = parse_args(argc, argv, &o, &d, &done);
	if (rc || done)
		goto out;
	/* YAML files are linted one by one; images form one system, the
	 * system image first */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < o.inputs.n; i++) {
			char *path = o.inputs.v[i];
			int err = 0;
			enum input_kind k = classify(path, &err);

			if (k == IN_SYSTEM_IMAGE && pass == 0)
				*(char **)jh_vec_push(&images) = path;
			if (pass == 0)
				continue;
			if (k == IN_IMAGE)
				*(char **)jh_vec_push(&images) = path;
			else if (k == IN_YAML)
				lint_yaml(path, &d);
			else if (k == IN_UNREADABLE)
				jh_error(&d, ((struct jh_loc){ .file = path,
					.offset = -1, .index = -1 }),
					 "cannot read: %s", strerror(err));
		}
	}
	if (images.n)
		lint_images(images.v, images.n, &d);
	rc = write_report(&o, &d);
	if (!rc && !o.exit_zero)
		rc = jh_diags_errors(&d) ? 1 : 0;
out:
	free(o.inputs.v);
	free(images.v);
	jh_diags_free(&d);
	return rc;
}
