// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading configuration files: the top file, the files it includes and
 * its board file; merging their top-level keys; registering the
 * suppressions written in them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "front-internal.h"

#define MAX_INCLUDE_DEPTH 16
#define MAX_FILE_SIZE (16u << 20)

static const char *const top_keys[] = {
	"jh", "include", "board", "defs", "system", "cells", "links", NULL,
};

/* Lexically normalise `a/b/../c` to `a/c` so messages name files simply. */
static char *normalise(const char *path)
{
	size_t n = strlen(path);
	char *out = jh_xmalloc(n + 2);
	size_t o = 0;
	const char *p = path;
	bool abs = *p == '/';

	if (abs)
		out[o++] = '/';
	while (*p) {
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* skip */
		} else if (len == 2 && p[0] == '.' && p[1] == '.' && o > 0 &&
			   !(o >= 2 && out[o - 1] == '.' && out[o - 2] == '.' &&
			     (o == 2 || out[o - 3] == '/')) &&
			   !(abs && o == 1)) {
			/* drop the last component */
			while (o > (size_t)abs && out[o - 1] != '/')
				o--;
			if (o > (size_t)abs)
				o--;
		} else {
			if (o > (size_t)abs)
				out[o++] = '/';
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
		if (*p == '/')
			p++;
	}
	if (o == 0)
		out[o++] = '.';
	out[o] = '\0';
	return out;
}

static char *relative_to(const char *file, const char *name)
{
	const char *slash = strrchr(file, '/');
	char *joined, *norm;

	if (name[0] == '/' || !slash)
		return normalise(name);
	joined = jh_xasprintf("%.*s/%s", (int)(slash - file), file, name);
	norm = normalise(joined);
	free(joined);
	return norm;
}

static bool read_file(struct jh_front *f, const char *path,
		      struct jh_loc from, char **text, size_t *len)
{
	struct stat st;
	FILE *fp;
	size_t cap = 4096, n = 0;
	char *buf;

	if (stat(path, &st) != 0) {
		jh_error(f->d, from, "cannot read `%s`: %s", path,
			 strerror(errno));
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		jh_error(f->d, from, "cannot read `%s`: not a regular file",
			 path);
		return false;
	}
	fp = fopen(path, "rb");
	if (!fp) {
		jh_error(f->d, from, "cannot read `%s`: %s", path,
			 strerror(errno));
		return false;
	}
	buf = jh_xmalloc(cap);
	for (;;) {
		size_t got;

		if (n == cap) {
			if (cap >= MAX_FILE_SIZE) {
				jh_error(f->d, from, "`%s` is too large "
					 "(more than 16 MiB)", path);
				free(buf);
				fclose(fp);
				return false;
			}
			cap *= 2;
			buf = jh_xrealloc_array(buf, cap, 1);
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		jh_error(f->d, from, "cannot read `%s`: read error", path);
		free(buf);
		fclose(fp);
		return false;
	}
	fclose(fp);
	*text = buf;
	*len = n;
	return true;
}

/* ---------------------------------------------------------- suppressions */

static bool is_rule_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}

static void register_suppressions(struct jh_front *f,
				  const struct jh_ynode *map,
				  const struct jh_ynode *s)
{
	if (!jh_fis_map(f, s, "`suppress`"))
		return;
	for (size_t i = 0; i < s->num_pairs; i++) {
		const struct jh_ynode *rule = s->pairs[i].key;
		const struct jh_ynode *why = s->pairs[i].value;
		struct jh_diag *g;

		if (!is_rule_id(rule->text)) {
			jh_error(f->d, rule->loc, "`%s` is not a rule id",
				 rule->text);
			continue;
		}
		if (why->kind != JH_YNODE_SCALAR || jh_ynode_is_null(why) ||
		    why->len == 0) {
			g = jh_error(f->d, why->kind == JH_YNODE_SCALAR &&
				     jh_ynode_is_null(why) ? rule->loc :
				     why->loc, "suppressing `%s` needs a "
				     "reason", rule->text);
			jh_diag_hint(g, "write `%s: \"why this is safe "
				     "here\"`", rule->text);
			continue;
		}
		jh_diags_add_suppression(f->d, rule->text, why->text,
					 rule->loc, map->loc.file,
					 map->loc.line, map->end_line);
	}
}

static void walk_suppressions(struct jh_front *f, struct jh_ynode *n)
{
	if (!n || n->visited)
		return;
	n->visited = true;
	if (n->kind == JH_YNODE_SEQ) {
		for (size_t i = 0; i < n->num_items; i++)
			walk_suppressions(f, n->items[i]);
	} else if (n->kind == JH_YNODE_MAP) {
		for (size_t i = 0; i < n->num_pairs; i++) {
			const struct jh_ynode *k = n->pairs[i].key;

			/* length first: this runs for every key in the tree */
			if (k->len == 8 && memcmp(k->text, "suppress", 8) == 0)
				register_suppressions(f, n,
						      n->pairs[i].value);
			else
				walk_suppressions(f, n->pairs[i].value);
		}
	}
}

/* ------------------------------------------------------------ top level */

static void merge_entries(struct jh_front *f, const struct jh_ynode *map,
			  const char *what, bool defs)
{
	if (!jh_fis_map(f, map, what))
		return;
	for (size_t i = 0; i < map->num_pairs; i++) {
		const struct jh_ynode *k = map->pairs[i].key;
		const struct jh_ynode *prev = NULL;

		if (defs) {
			for (size_t j = 0; j < f->defs.n; j++)
				if (strcmp(f->defs.v[j].key->text, k->text) == 0)
					prev = f->defs.v[j].key;
		} else {
			jh_fentries *v = strcmp(what, "`cells`") == 0 ?
				&f->cells : &f->links;

			for (size_t j = 0; j < v->n; j++)
				if (strcmp(v->v[j].key->text, k->text) == 0)
					prev = v->v[j].key;
		}
		if (prev) {
			struct jh_diag *g = jh_error(f->d, k->loc,
				"`%s` is defined twice in %s", k->text, what);

			jh_diag_note(g, prev->loc, "first defined here");
			continue;
		}
		if (defs) {
			struct jh_fdef *d = jh_vec_push(&f->defs);

			memset(d, 0, sizeof(*d));
			d->key = k;
			d->value = map->pairs[i].value;
		} else if (strcmp(what, "`cells`") == 0) {
			struct jh_fentry *e = jh_vec_push(&f->cells);

			e->key = k;
			e->value = map->pairs[i].value;
		} else {
			struct jh_fentry *e = jh_vec_push(&f->links);

			e->key = k;
			e->value = map->pairs[i].value;
		}
	}
}

static bool load(struct jh_front *f, const char *path, const char *text,
		 size_t len, struct jh_loc from, const char *why);

static void set_once(struct jh_front *f, const struct jh_ynode **slot,
		     const struct jh_ynode **slot_key,
		     const struct jh_ynode *key, const struct jh_ynode *value)
{
	if (*slot) {
		struct jh_diag *g = jh_error(f->d, key->loc,
			"`%s` is given twice", key->text);

		jh_diag_note(g, (*slot_key)->loc, "first given here");
		return;
	}
	*slot = value;
	*slot_key = key;
}

static void top_level(struct jh_front *f, const struct jh_ydoc *doc)
{
	const struct jh_ynode *root = doc->root;
	const struct jh_ynode *v;

	jh_fkeys(f, root, top_keys, "the top level");
	v = jh_ymap_get(root, "jh");
	if (v) {
		uint64_t ver;

		if (jh_fint(f, v, "`jh` (language version)", UINT64_MAX,
			    &ver) && ver != 1)
			jh_error(f->d, v->loc, "language version %llu is not "
				 "supported (this is version 1)",
				 (unsigned long long)ver);
	}
	v = jh_ymap_get(root, "include");
	if (v) {
		if (v->kind == JH_YNODE_SEQ) {
			for (size_t i = 0; i < v->num_items; i++) {
				const char *name = jh_fstr(f, v->items[i],
							   "an include");
				char *p;

				if (!name)
					continue;
				p = relative_to(doc->file, name);
				load(f, p, NULL, 0, v->items[i]->loc,
				     "included");
				free(p);
			}
		} else {
			const char *name = jh_fstr(f, v, "`include`");

			if (name) {
				char *p = relative_to(doc->file, name);

				load(f, p, NULL, 0, v->loc, "included");
				free(p);
			}
		}
	}
	for (size_t i = 0; i < root->num_pairs; i++) {
		const struct jh_ynode *k = root->pairs[i].key;

		v = root->pairs[i].value;
		if (strcmp(k->text, "board") == 0) {
			if (v->kind == JH_YNODE_SCALAR &&
			    !jh_ynode_is_null(v)) {
				char *p = relative_to(doc->file, v->text);
				const struct jh_ynode *before = f->board_node;

				if (load(f, p, NULL, 0, v->loc, "board") &&
				    f->board_node == before)
					jh_error(f->d, v->loc, "`%s` has no "
						 "`board:`", p);
				free(p);
			} else if (jh_fis_map(f, v, "`board`")) {
				set_once(f, &f->board_node, &f->board_key, k,
					 v);
			}
		} else if (strcmp(k->text, "system") == 0) {
			if (jh_fis_map(f, v, "`system`"))
				set_once(f, &f->system_node, &f->system_key,
					 k, v);
		} else if (strcmp(k->text, "defs") == 0) {
			merge_entries(f, v, "`defs`", true);
		} else if (strcmp(k->text, "cells") == 0) {
			merge_entries(f, v, "`cells`", false);
		} else if (strcmp(k->text, "links") == 0) {
			merge_entries(f, v, "`links`", false);
		}
	}
}

static bool load(struct jh_front *f, const char *path, const char *text,
		 size_t len, struct jh_loc from, const char *why)
{
	char *owned = NULL;
	struct jh_ydoc *doc;
	bool ok;

	for (size_t i = 0; i < f->include_stack.n; i++) {
		if (strcmp(f->include_stack.v[i], path) == 0) {
			struct jh_diag *g = jh_error(f->d, from,
				"`%s` includes itself", path);

			jh_diag_hint(g, "remove the include cycle");
			return false;
		}
	}
	for (size_t i = 0; i < f->loaded.n; i++) {
		if (strcmp(f->loaded.v[i].path, path) == 0) {
			struct jh_diag *g = jh_error(f->d, from,
				"`%s` is read a second time", path);

			jh_diag_note(g, f->loaded.v[i].from, "first read "
				     "from here");
			return false;
		}
	}
	if (f->include_stack.n >= MAX_INCLUDE_DEPTH) {
		jh_error(f->d, from, "includes nested too deeply (more than "
			 "%d levels)", MAX_INCLUDE_DEPTH);
		return false;
	}
	if (!text) {
		if (!read_file(f, path, from, &owned, &len))
			return false;
		text = owned;
	}
	{
		struct jh_floaded *l = jh_vec_push(&f->loaded);

		l->path = jh_xstrdup(path);
		l->from = from;
		if (!l->from.file) {
			l->from.file = jh_diags_intern(f->d, path);
			l->from.line = 0;
		}
	}
	jh_diags_set_source(f->d, path, text, len);
	if (f->deps) {
		bool seen = false;

		for (size_t i = 0; i < f->deps->files.n; i++)
			seen |= strcmp(f->deps->files.v[i], path) == 0;
		if (!seen)
			*jh_vec_push(&f->deps->files) = jh_xstrdup(path);
	}
	doc = jh_xcalloc(1, sizeof(*doc));
	*jh_vec_push(&f->docs) = doc;
	ok = jh_yaml_parse(path, text, len, f->d, doc);
	free(owned);
	if (!ok)
		return false;
	if (!doc->root || jh_ynode_is_null(doc->root)) {
		struct jh_loc l = JH_LOC_NONE;

		l.file = doc->file;
		l.line = 1;
		l.col = 1;
		jh_error(f->d, l, "%s file is empty", why);
		return false;
	}
	if (doc->root->kind != JH_YNODE_MAP) {
		jh_error(f->d, doc->root->loc, "the top level of a "
			 "configuration file must be a mapping, found %s",
			 jh_ynode_kind_name(doc->root));
		return false;
	}
	walk_suppressions(f, doc->root);
	*jh_vec_push(&f->include_stack) = jh_xstrdup(path);
	top_level(f, doc);
	free(f->include_stack.v[--f->include_stack.n]);
	return true;
}

bool jh_front_read_files(struct jh_front *f, const char *path,
			 const char *text, size_t len)
{
	return load(f, path, text, len, JH_LOC_NONE, "the");
}
