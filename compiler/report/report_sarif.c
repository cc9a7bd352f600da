// SPDX-License-Identifier: GPL-2.0-only
/*
 * SARIF 2.1.0 output, shaped for GitHub code scanning: rules with short
 * and full descriptions and a default level, results with a
 * repository-relative location (uriBaseId %SRCROOT%), related locations
 * for the other party of a conflict, partial fingerprints that do not
 * change when lines move, and in-source suppressions with their reason.
 */
#include "report.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "report_internal.h"
#include "util/xalloc.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
/* Diagnostics without a rule (unreadable input) get this pseudo rule. */
#define INPUT_RULE "input-error"

static bool unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~' || c == '/';
}

static char *percent_encode(const char *s)
{
	size_t n = strlen(s);
	char *out = jh_xmalloc(3 * n + 1), *p = out;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (unreserved(c)) {
			*p++ = (char)c;
		} else {
			sprintf(p, "%%%02X", c);
			p += 3;
		}
	}
	*p = '\0';
	return out;
}

/* Absolute form of `path` without requiring it to exist. */
static char *absolute(const char *path)
{
	char buf[PATH_MAX];
	char *r = realpath(path, NULL);

	if (r)
		return r;
	if (path[0] == '/' || !getcwd(buf, sizeof(buf)))
		return jh_xstrdup(path);
	return jh_xasprintf("%s/%s", buf, path);
}

char *jh_report_uri(const char *path, const char *root, bool *relative)
{
	char *abs_path = absolute(path);
	char *abs_root = absolute(root ? root : ".");
	size_t rn = strlen(abs_root);
	char *out;

	while (rn > 1 && abs_root[rn - 1] == '/')
		abs_root[--rn] = '\0';
	if (strncmp(abs_path, abs_root, rn) == 0 &&
	    (abs_path[rn] == '/' || rn == 1)) {
		out = percent_encode(abs_path + rn + (rn == 1 ? 0 : 1));
		*relative = true;
	} else {
		char *enc = percent_encode(abs_path);

		out = jh_xasprintf("file://%s", enc);
		free(enc);
		*relative = false;
	}
	free(abs_path);
	free(abs_root);
	return out;
}

static const char *level(enum jh_severity sev)
{
	switch (sev) {
	case JH_SEV_ERROR:
		return "error";
	case JH_SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

static json_t *text(const char *s)
{
	return json_pack("{s:s}", "text", s ? s : "");
}

static json_t *rule_json(const struct jh_rule *r)
{
	char *help = jh_xasprintf("%s\n\n%s", r->summary, r->explanation);
	char *md = jh_xasprintf("**%s**\n\n%s\n\nGroup: %s. Default "
				"severity: %s.%s", r->summary, r->explanation,
				r->group, jh_severity_name(r->severity),
				r->needs_board ?
				" Needs the board description." : "");
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:{s:s, s:s}, s:{s:s}, "
			      "s:{s:[s]}}",
			      "id", r->id, "name", r->id,
			      "shortDescription", text(r->summary),
			      "fullDescription", text(r->explanation),
			      "help", "text", help, "markdown", md,
			      "defaultConfiguration", "level",
			      level(r->severity),
			      "properties", "tags", r->group);

	free(help);
	free(md);
	return o;
}

/* A physicalLocation for `loc`, or NULL when it names no file. */
static json_t *physical(const struct jh_loc *loc, const char *srcroot)
{
	json_t *art, *region = json_object();
	char *uri;
	bool rel;

	if (!loc->file)
		return NULL;
	uri = jh_report_uri(loc->file, srcroot, &rel);
	art = json_pack("{s:s}", "uri", uri);
	if (rel)
		json_object_set_new(art, "uriBaseId", json_string("%SRCROOT%"));
	free(uri);
	if (loc->line > 0) {
		json_object_set_new(region, "startLine",
				    json_integer(loc->line));
		json_object_set_new(region, "startColumn",
				    json_integer(loc->col ? loc->col : 1));
		if (loc->len)
			json_object_set_new(region, "endColumn",
				json_integer((loc->col ? loc->col : 1) +
					     loc->len));
	} else if (loc->offset >= 0) {
		/* binary image: the item's byte offset; GitHub wants a line
		 * in every region, and SARIF lets a region carry both */
		json_object_set_new(region, "startLine", json_integer(1));
		json_object_set_new(region, "byteOffset",
				    json_integer(loc->offset));
	}
	if (json_object_size(region) == 0) {
		json_decref(region);
		return json_pack("{s:o}", "artifactLocation", art);
	}
	return json_pack("{s:o, s:o}", "artifactLocation", art,
			 "region", region);
}

/* A location object; image locations also name the array and index. */
static json_t *location(const struct jh_loc *loc, const char *srcroot,
			const char *msg, int id)
{
	json_t *o = json_object(), *phys = physical(loc, srcroot);

	if (id >= 0)
		json_object_set_new(o, "id", json_integer(id));
	if (phys)
		json_object_set_new(o, "physicalLocation", phys);
	if (loc->array) {
		char name[128];

		if (loc->index >= 0)
			snprintf(name, sizeof(name), "%s[%d]", loc->array,
				 loc->index);
		else
			snprintf(name, sizeof(name), "%s", loc->array);
		json_object_set_new(o, "logicalLocations",
			json_pack("[{s:s, s:s}]", "fullyQualifiedName", name,
				  "kind", "element"));
	}
	if (msg)
		json_object_set_new(o, "message", text(msg));
	return o;
}

/* FNV-1a, enough to tell findings apart; not a security hash. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ull;
	}
	h ^= 0xff;	/* field separator */
	h *= 0x100000001b3ull;
	return h;
}

static json_t *fingerprint(const struct jh_diags *d, size_t i,
			   const char *uri)
{
	const struct jh_diag *g = &d->v[i];
	uint64_t h = 0xcbf29ce484222325ull;
	size_t dup = 0;
	char buf[48];

	h = fnv1a(h, g->rule ? g->rule : INPUT_RULE);
	h = fnv1a(h, uri);
	h = fnv1a(h, g->msg);
	/* identical findings in one file are told apart by their order */
	for (size_t k = 0; k < i; k++) {
		const struct jh_diag *o = &d->v[k];

		if (strcmp(o->msg, g->msg) == 0 &&
		    (o->rule == g->rule || (o->rule && g->rule &&
					    !strcmp(o->rule, g->rule))) &&
		    (o->loc.file == g->loc.file ||
		     (o->loc.file && g->loc.file &&
		      !strcmp(o->loc.file, g->loc.file))))
			dup++;
	}
	snprintf(buf, sizeof(buf), "%016llx:%zu", (unsigned long long)h, dup);
	return json_pack("{s:s}", "jhFinding/v1", buf);
}

static long rule_index(const char *id)
{
	long i = 0;

	if (!id)
		return (long)jh_rules_count();	/* the pseudo rule */
	for (const struct jh_rule *r = jh_rules; r->id; r++, i++)
		if (strcmp(r->id, id) == 0)
			return i;
	return -1;
}

static json_t *result(const struct jh_diags *d, size_t i, const char *root)
{
	const struct jh_diag *g = &d->v[i];
	long idx = rule_index(g->rule);
	json_t *o, *locs = json_array();
	char *msg, *uri = NULL;
	bool rel;

	msg = g->hint ? jh_xasprintf("%s\nhint: %s", g->msg, g->hint) :
			jh_xstrdup(g->msg);
	o = json_pack("{s:s, s:s, s:o}", "ruleId",
		      g->rule ? g->rule : INPUT_RULE, "level", level(g->sev),
		      "message", text(msg));
	free(msg);
	if (idx >= 0)
		json_object_set_new(o, "ruleIndex", json_integer(idx));
	json_array_append_new(locs, location(&g->loc, root, NULL, -1));
	json_object_set_new(o, "locations", locs);
	if (g->num_notes) {
		json_t *rel_locs = json_array();

		for (size_t k = 0; k < g->num_notes; k++)
			json_array_append_new(rel_locs,
				location(&g->notes[k].loc, root,
					 g->notes[k].msg, (int)k + 1));
		json_object_set_new(o, "relatedLocations", rel_locs);
	}
	if (g->loc.file)
		uri = jh_report_uri(g->loc.file, root, &rel);
	json_object_set_new(o, "partialFingerprints",
			    fingerprint(d, i, uri ? uri : ""));
	free(uri);
	if (g->suppressed) {
		json_t *s = json_pack("{s:s, s:s}", "kind", "inSource",
				      "justification",
				      g->suppress_reason ?
				      g->suppress_reason : "");

		if (g->suppress_loc.file)
			json_object_set_new(s, "location",
				location(&g->suppress_loc, root, NULL, -1));
		json_object_set_new(o, "suppressions", json_pack("[o]", s));
	}
	return o;
}

char *jh_report_sarif(const struct jh_diags *d,
		      const struct jh_report_opts *opts)
{
	json_t *rules = json_array(), *results = json_array();
	json_t *root, *run;
	char *base, *enc, *base_uri;

	for (const struct jh_rule *r = jh_rules; r->id; r++)
		json_array_append_new(rules, rule_json(r));
	json_array_append_new(rules, json_pack(
		"{s:s, s:s, s:o, s:o, s:{s:s}}", "id", INPUT_RULE,
		"name", INPUT_RULE,
		"shortDescription", text("The input could not be read or is "
					 "not valid."),
		"fullDescription", text("Errors of the YAML front end or the "
					"image reader: the file is malformed, "
					"a value is out of range, or a name "
					"is unknown. Not subject to -W."),
		"defaultConfiguration", "level", "error"));
	for (size_t i = 0; i < d->n; i++)
		json_array_append_new(results, result(d, i, opts->srcroot));

	base = absolute(opts->srcroot ? opts->srcroot : ".");
	enc = percent_encode(base);
	base_uri = jh_xasprintf("file://%s%s", enc,
				enc[strlen(enc) - 1] == '/' ? "" : "/");
	run = json_pack("{s:{s:{s:s, s:s, s:o}}, s:{s:{s:s}}, s:o, s:s}",
			"tool", "driver", "name", opts->tool_name,
			"version", opts->tool_version, "rules", rules,
			"originalUriBaseIds", "%SRCROOT%", "uri", base_uri,
			"results", results,
			"columnKind", "unicodeCodePoints");
	free(base);
	free(enc);
	free(base_uri);
	root = json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA,
			 "version", "2.1.0", "runs", run);
	return jh_report_dump(root);
}
