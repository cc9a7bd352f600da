// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command line of jh-compile. Parsed by hand: GCC-style options such as
 * -MF FILE and -Wno-RULE do not fit getopt.
 */
#include "options.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"

static int usage_error(const char *fmt, const char *arg)
{
	fputs("jh-compile: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 2;
}

/* An unknown rule id is a usage error, with a "did you mean". */
static bool known_rule(const char *rule)
{
	const char *ids[512];
	size_t n = 0;
	const char *s;

	if (jh_rule_find(rule))
		return true;
	for (const struct jh_rule *r = jh_rules; r->id && n < 512; r++)
		ids[n++] = r->id;
	s = jh_suggest(rule, ids, n);
	fprintf(stderr, "jh-compile: unknown rule '%s'%s%s%s\n", rule,
		s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
	return false;
}

/* -Werror, -Werror=RULE, -Wno-RULE, -WRULE */
static int warning_option(const char *w, struct jh_diags *d)
{
	enum jh_severity sev = JH_SEV_WARNING;

	if (strcmp(w, "error") == 0) {
		d->werror_all = true;
		return -1;
	}
	if (strncmp(w, "error=", 6) == 0) {
		sev = JH_SEV_ERROR;
		w += 6;
	} else if (strncmp(w, "no-", 3) == 0) {
		sev = JH_SEV_OFF;
		w += 3;
	}
	if (*w == '\0')
		return usage_error("-W needs a rule id%s", "");
	if (!known_rule(w))
		return 2;
	jh_diags_set_rule_level(d, w, sev);
	return -1;
}

/* The value of `--name=VALUE` or `--name VALUE` / `-x VALUE`. */
static const char *value_of(int argc, char **argv, int *i, const char *arg,
			    size_t name_len)
{
	if (arg[name_len] == '=')
		return arg + name_len + 1;
	if (arg[name_len] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

static bool is_opt(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return strncmp(arg, name, n) == 0 &&
	       (arg[n] == '\0' || arg[n] == '=');
}

int jh_compile_parse_args(int argc, char **argv, struct jh_compile_opts *o,
			  struct jh_diags *d)
{
	bool only_files = false;

	memset(o, 0, sizeof(*o));
	o->outdir = ".";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v;
		int rc;

		if (only_files || a[0] != '-' || a[1] == '\0') {
			if (o->input)
				return usage_error("more than one scenario "
						   "given ('%s')", a);
			o->input = a;
		} else if (strcmp(a, "--") == 0) {
			only_files = true;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			return 0;
		} else if (strcmp(a, "--dry-run") == 0) {
			o->dry_run = true;
		} else if (strcmp(a, "--no-checks") == 0) {
			o->no_checks = true;
		} else if (strcmp(a, "--print-deps") == 0) {
			o->print_deps = true;
		} else if (strcmp(a, "-o") == 0 || is_opt(a, "--output")) {
			v = value_of(argc, argv, &i, a,
				     a[1] == 'o' ? 2 : strlen("--output"));
			if (!v || !*v)
				return usage_error("%s needs a directory", a);
			o->outdir = v;
		} else if (strcmp(a, "-MF") == 0 || is_opt(a, "--depfile")) {
			v = value_of(argc, argv, &i, a,
				     a[1] == 'M' ? 3 : strlen("--depfile"));
			if (!v || !*v)
				return usage_error("%s needs a file name", a);
			o->depfile = v;
		} else if (is_opt(a, "--abi")) {
			v = value_of(argc, argv, &i, a, strlen("--abi"));
			if (v && strcmp(v, "jh") == 0)
				o->abi = JH_ABI_JH;
			else if (v && strcmp(v, "jailhouse-r14") == 0)
				o->abi = JH_ABI_JAILHOUSE_R14;
			else
				return usage_error("--abi must be jh or "
						   "jailhouse-r14%s", "");
		} else if (is_opt(a, "--color")) {
			v = value_of(argc, argv, &i, a, strlen("--color"));
			if (v && strcmp(v, "auto") == 0)
				o->color = JH_COLOR_AUTO;
			else if (v && strcmp(v, "always") == 0)
				o->color = JH_COLOR_ALWAYS;
			else if (v && strcmp(v, "never") == 0)
				o->color = JH_COLOR_NEVER;
			else
				return usage_error("--color must be auto, "
						   "always or never%s", "");
		} else if (strncmp(a, "-W", 2) == 0) {
			rc = warning_option(a + 2, d);
			if (rc >= 0)
				return rc;
		} else {
			return usage_error("unknown option '%s'", a);
		}
	}
	if (!o->input)
		return usage_error("no scenario given%s", "");
	return -1;
}

void jh_compile_opts_free(struct jh_compile_opts *o)
{
	memset(o, 0, sizeof(*o));
}

bool jh_compile_use_color(const struct jh_compile_opts *o)
{
	return o->color == JH_COLOR_ALWAYS ||
	       (o->color == JH_COLOR_AUTO && isatty(2));
}
