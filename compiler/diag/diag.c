// SPDX-License-Identifier: GPL-2.0-only
/*
 * Diagnostics engine: collects, applies the severity policy, prints.
 */
#include "diag.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct jh_source {
	char *file;
	char *text;	/* NULL until loaded (or unreadable) */
	size_t len;
	bool tried;
};

void jh_diags_init(struct jh_diags *d)
{
	memset(d, 0, sizeof(*d));
}

static void free_diag(struct jh_diag *g)
{
	free(g->msg);
	free(g->hint);
	free(g->suppress_reason);
	for (size_t i = 0; i < g->num_notes; i++)
		free(g->notes[i].msg);
	free(g->notes);
}

void jh_diags_free(struct jh_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free_diag(&d->v[i]);
	free(d->v);
	for (size_t i = 0; i < d->num_sources; i++) {
		free(d->sources[i].file);
		free(d->sources[i].text);
	}
	free(d->sources);
	for (size_t i = 0; i < d->num_levels; i++)
		free(d->levels[i].rule);
	free(d->levels);
	for (size_t i = 0; i < d->num_supps; i++) {
		free(d->supps[i].rule);
		free(d->supps[i].reason);
	}
	free(d->supps);
	memset(d, 0, sizeof(*d));
}

static struct jh_source *find_source(const struct jh_diags *d,
				     const char *file)
{
	for (size_t i = 0; i < d->num_sources; i++)
		if (d->sources[i].file == file ||
		    strcmp(d->sources[i].file, file) == 0)
			return &d->sources[i];
	return NULL;
}

const char *jh_diags_intern(struct jh_diags *d, const char *file)
{
	struct jh_source *s;

	if (!file)
		return NULL;
	s = find_source(d, file);
	if (s)
		return s->file;
	/* Pointers into sources[] move on growth; names do not. */
	d->sources = jh_xrealloc_array(d->sources, d->num_sources + 1,
				       sizeof(*d->sources));
	s = &d->sources[d->num_sources++];
	memset(s, 0, sizeof(*s));
	s->file = jh_xstrdup(file);
	return s->file;
}

void jh_diags_set_source(struct jh_diags *d, const char *file,
			 const char *text, size_t len)
{
	struct jh_source *s;

	jh_diags_intern(d, file);
	s = find_source(d, file);
	free(s->text);
	s->text = jh_xmalloc(len + 1);
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->len = len;
	s->tried = true;
}

void jh_diags_set_rule_level(struct jh_diags *d, const char *rule,
			     enum jh_severity sev)
{
	for (size_t i = 0; i < d->num_levels; i++) {
		if (strcmp(d->levels[i].rule, rule) == 0) {
			d->levels[i].sev = sev;
			return;
		}
	}
	d->levels = jh_xrealloc_array(d->levels, d->num_levels + 1,
				      sizeof(*d->levels));
	d->levels[d->num_levels].rule = jh_xstrdup(rule);
	d->levels[d->num_levels].sev = sev;
	d->num_levels++;
}

void jh_diags_add_suppression(struct jh_diags *d, const char *rule,
			      const char *reason, struct jh_loc where,
			      const char *file, uint32_t first_line,
			      uint32_t last_line)
{
	struct jh_suppression *s;

	d->supps = jh_xrealloc_array(d->supps, d->num_supps + 1,
				     sizeof(*d->supps));
	s = &d->supps[d->num_supps++];
	s->rule = jh_xstrdup(rule);
	s->reason = jh_xstrdup(reason ? reason : "");
	s->loc = where;
	s->file = jh_diags_intern(d, file);
	s->first_line = first_line;
	s->last_line = last_line;
	s->used = false;
}

static enum jh_severity apply_policy(const struct jh_diags *d,
				     const char *rule, enum jh_severity sev)
{
	if (!rule)
		return sev;
	for (size_t i = 0; i < d->num_levels; i++)
		if (strcmp(d->levels[i].rule, rule) == 0)
			sev = d->levels[i].sev;
	if (d->werror_all && sev == JH_SEV_WARNING)
		sev = JH_SEV_ERROR;
	return sev;
}

static struct jh_suppression *find_suppression(struct jh_diags *d,
					       const char *rule,
					       const struct jh_loc *loc)
{
	if (!rule || !loc->file || loc->line == 0)
		return NULL;
	for (size_t i = 0; i < d->num_supps; i++) {
		struct jh_suppression *s = &d->supps[i];

		if (strcmp(s->rule, rule) == 0 && s->file &&
		    strcmp(s->file, loc->file) == 0 &&
		    loc->line >= s->first_line && loc->line <= s->last_line)
			return s;
	}
	return NULL;
}

static char *vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *buf;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	buf = jh_xmalloc((size_t)n + 1);
	vsnprintf(buf, (size_t)n + 1, fmt, ap);
	return buf;
}

struct jh_diag *jh_diag_vadd(struct jh_diags *d, enum jh_severity sev,
			     const char *rule, struct jh_loc loc,
			     const char *fmt, va_list ap)
{
	struct jh_diag *g;
	struct jh_suppression *s;

	sev = apply_policy(d, rule, sev);
	if (sev == JH_SEV_OFF)
		return NULL;
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->v = jh_xrealloc_array(d->v, d->cap, sizeof(*d->v));
	}
	g = &d->v[d->n++];
	memset(g, 0, sizeof(*g));
	g->sev = sev;
	g->loc = loc;
	g->loc.file = jh_diags_intern(d, loc.file);
	g->rule = rule;
	g->msg = vformat(fmt, ap);
	s = find_suppression(d, rule, &g->loc);
	if (s) {
		s->used = true;
		g->suppressed = true;
		g->suppress_reason = jh_xstrdup(s->reason);
		g->suppress_loc = s->loc;
		d->suppressed++;
		return g;
	}
	switch (sev) {
	case JH_SEV_ERROR:
		d->errors++;
		break;
	case JH_SEV_WARNING:
		d->warnings++;
		break;
	default:
		d->notes_count++;
		break;
	}
	return g;
}

struct jh_diag *jh_diag_add(struct jh_diags *d, enum jh_severity sev,
			    const char *rule, struct jh_loc loc,
			    const char *fmt, ...)
{
	struct jh_diag *g;
	va_list ap;

	va_start(ap, fmt);
	g = jh_diag_vadd(d, sev, rule, loc, fmt, ap);
	va_end(ap);
	return g;
}

void jh_diag_note(struct jh_diag *g, struct jh_loc loc, const char *fmt, ...)
{
	va_list ap;

	if (!g)
		return;
	g->notes = jh_xrealloc_array(g->notes, g->num_notes + 1,
				     sizeof(*g->notes));
	g->notes[g->num_notes].loc = loc;
	va_start(ap, fmt);
	g->notes[g->num_notes].msg = vformat(fmt, ap);
	va_end(ap);
	g->num_notes++;
}

void jh_diag_hint(struct jh_diag *g, const char *fmt, ...)
{
	va_list ap;

	if (!g)
		return;
	free(g->hint);
	va_start(ap, fmt);
	g->hint = vformat(fmt, ap);
	va_end(ap);
}

const char *jh_severity_name(enum jh_severity sev)
{
	switch (sev) {
	case JH_SEV_ERROR:
		return "error";
	case JH_SEV_WARNING:
		return "warning";
	case JH_SEV_NOTE:
		return "note";
	default:
		return "off";
	}
}

void jh_loc_format(const struct jh_loc *loc, char *buf, size_t size)
{
	const char *file = loc->file ? loc->file : "<unknown>";

	if (loc->line > 0) {
		snprintf(buf, size, "%s:%u:%u", file, loc->line,
			 loc->col ? loc->col : 1);
	} else if (loc->offset >= 0 && loc->array && loc->index >= 0) {
		snprintf(buf, size, "%s: offset 0x%llx: %s[%d]", file,
			 (unsigned long long)loc->offset, loc->array,
			 loc->index);
	} else if (loc->offset >= 0 && loc->array) {
		snprintf(buf, size, "%s: offset 0x%llx: %s", file,
			 (unsigned long long)loc->offset, loc->array);
	} else if (loc->offset >= 0) {
		snprintf(buf, size, "%s: offset 0x%llx", file,
			 (unsigned long long)loc->offset);
	} else {
		snprintf(buf, size, "%s", file);
	}
}

/* Load a file's text on first use, for printing source lines. */
static const struct jh_source *source_text(const struct jh_diags *d,
					   const char *file)
{
	struct jh_source *s = find_source(d, file);
	FILE *f;
	long size;

	if (!s)
		return NULL;
	if (s->tried)
		return s->text ? s : NULL;
	s->tried = true;
	f = fopen(file, "rb");
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
	    size < (64l << 20) && fseek(f, 0, SEEK_SET) == 0) {
		s->text = jh_xmalloc((size_t)size + 1);
		s->len = fread(s->text, 1, (size_t)size, f);
		s->text[s->len] = '\0';
	}
	fclose(f);
	return s->text ? s : NULL;
}

static void print_source_line(const struct jh_diags *d, FILE *out,
			      const struct jh_loc *loc, bool color)
{
	const struct jh_source *s;
	const char *p, *end;
	uint32_t line = 1;

	if (!loc->file || loc->line == 0)
		return;
	s = source_text(d, loc->file);
	if (!s)
		return;
	p = s->text;
	end = s->text + s->len;
	while (p < end && line < loc->line) {
		if (*p++ == '\n')
			line++;
	}
	if (line != loc->line || p >= end)
		return;
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);

	fprintf(out, " %5u | %.*s\n", loc->line, (int)n, p);
	fprintf(out, "       | ");
	for (uint32_t c = 1; c < loc->col && c - 1 < n; c++)
		fputc(p[c - 1] == '\t' ? '\t' : ' ', out);
	if (color)
		fputs("\033[1;32m", out);
	fputc('^', out);
	/* underline at most to the end of the line */
	for (uint32_t i = 1; i < loc->len && loc->col - 1 + i < n; i++)
		fputc('~', out);
	if (color)
		fputs("\033[0m", out);
	fputc('\n', out);
}

static const char *sev_color(enum jh_severity sev)
{
	switch (sev) {
	case JH_SEV_ERROR:
		return "\033[1;31m";
	case JH_SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

static void print_one(const struct jh_diags *d, FILE *out,
		      const struct jh_diag *g, bool color)
{
	char where[512];

	jh_loc_format(&g->loc, where, sizeof(where));
	if (color)
		fprintf(out, "\033[1m%s:\033[0m %s%s:\033[0m \033[1m%s\033[0m",
			where, sev_color(g->sev), jh_severity_name(g->sev),
			g->msg);
	else
		fprintf(out, "%s: %s: %s", where, jh_severity_name(g->sev),
			g->msg);
	if (g->rule)
		fprintf(out, " [%s]", g->rule);
	fputc('\n', out);
	print_source_line(d, out, &g->loc, color);
	for (size_t i = 0; i < g->num_notes; i++) {
		jh_loc_format(&g->notes[i].loc, where, sizeof(where));
		if (color)
			fprintf(out, "\033[1m%s:\033[0m %snote:\033[0m %s\n",
				where, sev_color(JH_SEV_NOTE),
				g->notes[i].msg);
		else
			fprintf(out, "%s: note: %s\n", where,
				g->notes[i].msg);
		print_source_line(d, out, &g->notes[i].loc, color);
	}
	if (g->hint)
		fprintf(out, "  hint: %s\n", g->hint);
	if (g->suppressed)
		fprintf(out, "  suppressed: %s\n", g->suppress_reason);
}

void jh_diags_print(const struct jh_diags *d, FILE *out, bool color,
		    bool show_suppressed)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].suppressed && !show_suppressed)
			continue;
		print_one(d, out, &d->v[i], color);
	}
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row;
	size_t result;

	if (la > 64 || lb > 64)
		return (size_t)-1;
	row = jh_xmalloc((lb + 1) * sizeof(*row));
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	result = row[lb];
	free(row);
	return result;
}

const char *jh_suggest(const char *word, const char *const *candidates,
		       size_t num)
{
	const char *best = NULL;
	size_t best_dist = (size_t)-1;
	size_t limit = strlen(word) / 3 + 1;

	for (size_t i = 0; i < num; i++) {
		size_t dist = edit_distance(word, candidates[i]);

		if (dist < best_dist) {
			best_dist = dist;
			best = candidates[i];
		}
	}
	return best_dist <= limit && best_dist > 0 ? best : NULL;
}
