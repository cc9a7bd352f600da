// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh's own JSON report (versioned) and the one-line summary.
 */
#include "report.h"

#include <jansson.h>
#include <stdlib.h>

#include "report_internal.h"
#include "util/xalloc.h"

json_t *jh_report_loc_json(const struct jh_loc *loc)
{
	json_t *o = json_object();

	json_object_set_new(o, "file", loc->file ? json_string(loc->file) :
						   json_null());
	if (loc->line > 0) {
		json_object_set_new(o, "line", json_integer(loc->line));
		json_object_set_new(o, "column",
				    json_integer(loc->col ? loc->col : 1));
		if (loc->len)
			json_object_set_new(o, "length",
					    json_integer(loc->len));
	}
	if (loc->offset >= 0)
		json_object_set_new(o, "offset", json_integer(loc->offset));
	if (loc->array)
		json_object_set_new(o, "array", json_string(loc->array));
	if (loc->index >= 0)
		json_object_set_new(o, "index", json_integer(loc->index));
	return o;
}

char *jh_report_dump(json_t *root)
{
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *out;

	json_decref(root);
	if (!text) {
		fputs("jh: out of memory\n", stderr);
		exit(3);
	}
	out = jh_xasprintf("%s\n", text);
	free(text);
	return out;
}

char *jh_report_json(const struct jh_diags *d,
		     const struct jh_report_opts *opts)
{
	json_t *root = json_object(), *tool = json_object();
	json_t *summary = json_object(), *diags = json_array();

	json_object_set_new(root, "version",
			    json_integer(JH_REPORT_JSON_VERSION));
	json_object_set_new(tool, "name", json_string(opts->tool_name));
	json_object_set_new(tool, "version", json_string(opts->tool_version));
	json_object_set_new(root, "tool", tool);
	json_object_set_new(summary, "errors", json_integer((json_int_t)d->errors));
	json_object_set_new(summary, "warnings",
			    json_integer((json_int_t)d->warnings));
	json_object_set_new(summary, "notes",
			    json_integer((json_int_t)d->notes_count));
	json_object_set_new(summary, "suppressed",
			    json_integer((json_int_t)d->suppressed));
	json_object_set_new(summary, "skipped_rules",
			    json_integer((json_int_t)opts->skipped_rules));
	json_object_set_new(root, "summary", summary);
	for (size_t i = 0; i < d->n; i++) {
		const struct jh_diag *g = &d->v[i];
		json_t *o = json_object(), *notes = json_array();

		json_object_set_new(o, "severity",
				    json_string(jh_severity_name(g->sev)));
		json_object_set_new(o, "rule", g->rule ? json_string(g->rule) :
							 json_null());
		json_object_set_new(o, "message", json_string(g->msg));
		json_object_set_new(o, "location", jh_report_loc_json(&g->loc));
		for (size_t k = 0; k < g->num_notes; k++) {
			json_t *n = json_object();

			json_object_set_new(n, "location",
				jh_report_loc_json(&g->notes[k].loc));
			json_object_set_new(n, "message",
					    json_string(g->notes[k].msg));
			json_array_append_new(notes, n);
		}
		json_object_set_new(o, "notes", notes);
		json_object_set_new(o, "hint", g->hint ? json_string(g->hint) :
							 json_null());
		json_object_set_new(o, "suppressed", json_boolean(g->suppressed));
		if (g->suppressed) {
			json_t *s = json_object();

			json_object_set_new(s, "reason",
				json_string(g->suppress_reason ?
					    g->suppress_reason : ""));
			json_object_set_new(s, "location",
				jh_report_loc_json(&g->suppress_loc));
			json_object_set_new(o, "suppression", s);
		}
		json_array_append_new(diags, o);
	}
	json_object_set_new(root, "diagnostics", diags);
	return jh_report_dump(root);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void jh_report_summary(const struct jh_diags *d, const char *tool,
		       size_t skipped, FILE *out)
{
	fprintf(out, "%s: %zu %s, %zu %s, %zu %s, %zu suppressed", tool,
		d->errors, plural(d->errors, "error", "errors"),
		d->warnings, plural(d->warnings, "warning", "warnings"),
		d->notes_count, plural(d->notes_count, "note", "notes"),
		d->suppressed);
	if (skipped)
		fprintf(out, "; %zu %s skipped (no board description)",
			skipped, plural(skipped, "rule", "rules"));
	fputc('\n', out);
}
