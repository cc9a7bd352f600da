// SPDX-License-Identifier: GPL-2.0-only
/*
 * YAML tree builder over libyaml's event parser (see yaml.h).
 */
#include "yaml.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/xalloc.h"

/*
 * An open sequence or mapping. Its children are collected on the
 * builder's shared `kids` stack (from `base` on; a mapping stores key,
 * value, key, value...) and copied into an exactly sized arena array when
 * the node ends: no array grows one element at a time.
 */
struct frame {
	struct jh_ynode *node;
	struct jh_ynode *pending_key;	/* mapping: key waiting for value */
	char *anchor;
	size_t base;			/* first child in builder.kids */
};

struct anchor {
	char *name;
	struct jh_ynode *node;
};

struct builder {
	struct jh_diags *d;
	struct jh_ydoc *doc;
	struct frame *stack;
	size_t depth, cap;
	struct anchor *anchors;
	size_t num_anchors;
	JH_VEC(struct jh_ynode *) kids;	/* children of the open nodes */
	JH_VEC(struct jh_ypair) pairs;	/* scratch: mapping being finished */
	JH_VEC(struct jh_ypair) merges;	/* scratch: its `<<` entries */
	int documents;
	bool failed;
};

static struct jh_loc mark_loc(const struct jh_ydoc *doc, yaml_mark_t m)
{
	struct jh_loc loc = JH_LOC_NONE;

	loc.file = doc->file;
	loc.line = (uint32_t)m.line + 1;
	loc.col = (uint32_t)m.column + 1;
	return loc;
}

/* Last line a node covers, from the mark just past it. */
static uint32_t end_line_of(yaml_mark_t start, yaml_mark_t end)
{
	uint32_t l = end.column == 0 && end.line > start.line ?
		(uint32_t)end.line : (uint32_t)end.line + 1;

	return l;
}

static struct jh_ynode *new_node(struct builder *b, enum jh_ynode_kind kind,
				 yaml_mark_t start)
{
	struct jh_ydoc *doc = b->doc;
	struct jh_ynode *n = jh_arena_zalloc(&doc->arena, sizeof(*n));

	n->kind = kind;
	n->loc = mark_loc(doc, start);
	n->end_line = n->loc.line;
	n->weight = 1;
	return n;
}

void jh_ydoc_free(struct jh_ydoc *doc)
{
	jh_arena_free(&doc->arena);
	doc->root = NULL;
}

/* Saturating: both operands are at most 2 * JH_YAML_MAX_WEIGHT, so the
 * 64-bit sum cannot overflow. */
static uint32_t add_weight(uint32_t a, uint32_t b)
{
	uint64_t s = (uint64_t)a + b;

	return s > JH_YAML_MAX_WEIGHT * 2ull ? JH_YAML_MAX_WEIGHT * 2u :
		(uint32_t)s;
}

static void fail(struct builder *b, struct jh_loc loc, const char *msg)
{
	jh_error(b->d, loc, "%s", msg);
	b->failed = true;
}

static bool key_equal(const struct jh_ynode *a, const struct jh_ynode *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

static bool is_merge_key(const struct jh_ynode *k)
{
	return k->style == JH_YSTYLE_PLAIN && k->len == 2 &&
	       memcmp(k->text, "<<", 2) == 0;
}

static bool has_key(const struct builder *b, const struct jh_ynode *key)
{
	for (size_t i = 0; i < b->pairs.n; i++)
		if (!is_merge_key(b->pairs.v[i].key) &&
		    key_equal(b->pairs.v[i].key, key))
			return true;
	return false;
}

/* Add the entries of `src` the mapping being finished does not have. */
static void merge_from(struct builder *b, const struct jh_ynode *src)
{
	if (src->kind != JH_YNODE_MAP) {
		fail(b, src->loc, "a merge key `<<` needs a mapping or a "
		     "sequence of mappings");
		return;
	}
	for (size_t i = 0; i < src->num_pairs; i++) {
		const struct jh_ypair *p = &src->pairs[i];

		if (!has_key(b, p->key))
			*jh_vec_push(&b->pairs) = *p;
	}
}

/*
 * Finish a mapping: reject duplicate keys, then expand merge keys (keys
 * written in the mapping win over merged ones; earlier merges win over
 * later ones, as YAML 1.1 specifies).
 */
static void finish_map(struct builder *b, struct jh_ynode *map,
		       struct jh_ynode *const *kv, size_t n)
{
	struct jh_ypair *pv;
	size_t kept = 0;

	b->pairs.n = 0;
	b->merges.n = 0;
	if (!n) {
		map->pairs = NULL;
		map->num_pairs = 0;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct jh_ypair *p = jh_vec_push(&b->pairs);

		p->key = kv[2 * i];
		p->value = kv[2 * i + 1];
	}
	pv = b->pairs.v;
	for (size_t i = 0; i < n; i++) {
		struct jh_ynode *k = pv[i].key;

		if (is_merge_key(k))
			continue;
		for (size_t j = 0; j < i; j++) {
			struct jh_ynode *o = pv[j].key;

			if (!is_merge_key(o) && key_equal(o, k)) {
				struct jh_diag *g = jh_error(b->d, k->loc,
					"duplicate key `%s`", k->text);

				jh_diag_note(g, o->loc,
					     "`%s` was first given here",
					     o->text);
				b->failed = true;
				break;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (is_merge_key(pv[i].key))
			*jh_vec_push(&b->merges) = pv[i];
		else
			pv[kept++] = pv[i];
	}
	b->pairs.n = kept;
	for (size_t i = 0; i < b->merges.n; i++) {
		const struct jh_ynode *v = b->merges.v[i].value;

		if (v->kind == JH_YNODE_SEQ) {
			for (size_t j = 0; j < v->num_items; j++)
				merge_from(b, v->items[j]);
		} else {
			merge_from(b, v);
		}
	}
	/* merged entries are bounded by the alias weight limit */
	map->num_pairs = (uint32_t)b->pairs.n;
	map->pairs = NULL;
	if (map->num_pairs) {
		map->pairs = jh_arena_alloc(&b->doc->arena, map->num_pairs *
					    sizeof(*map->pairs));
		memcpy(map->pairs, b->pairs.v,
		       map->num_pairs * sizeof(*map->pairs));
	}
}

static void attach(struct builder *b, struct jh_ynode *n)
{
	struct frame *top;

	if (b->depth == 0) {
		if (!b->doc->root)
			b->doc->root = n;
		return;
	}
	top = &b->stack[b->depth - 1];
	top->node->weight = add_weight(top->node->weight, n->weight);
	if (top->node->kind == JH_YNODE_SEQ) {
		*jh_vec_push(&b->kids) = n;
		return;
	}
	if (!top->pending_key) {
		if (n->kind != JH_YNODE_SCALAR)
			fail(b, n->loc, "mapping keys must be scalars");
		else if (strlen(n->text) != n->len)
			fail(b, n->loc, "mapping keys must not contain NUL "
			     "characters");
		top->pending_key = n;
		return;
	}
	if (top->pending_key->kind == JH_YNODE_SCALAR) {
		*jh_vec_push(&b->kids) = top->pending_key;
		*jh_vec_push(&b->kids) = n;
	}
	top->pending_key = NULL;
}

static void set_anchor(struct builder *b, const char *name,
		       struct jh_ynode *n)
{
	if (!name)
		return;
	for (size_t i = 0; i < b->num_anchors; i++) {
		if (strcmp(b->anchors[i].name, name) == 0) {
			b->anchors[i].node = n;
			return;
		}
	}
	b->anchors = jh_xrealloc_array(b->anchors, b->num_anchors + 1,
				       sizeof(*b->anchors));
	b->anchors[b->num_anchors].name = jh_xstrdup(name);
	b->anchors[b->num_anchors].node = n;
	b->num_anchors++;
}

static void on_alias(struct builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct jh_loc loc = mark_loc(b->doc, ev->start_mark);

	loc.len = (uint32_t)(ev->end_mark.index - ev->start_mark.index);
	for (size_t i = 0; i < b->depth; i++) {
		if (b->stack[i].anchor && strcmp(b->stack[i].anchor, name) == 0) {
			fail(b, loc, "alias refers to a node that contains it "
			     "(recursive alias)");
			return;
		}
	}
	for (size_t i = b->num_anchors; i-- > 0;) {
		if (strcmp(b->anchors[i].name, name) == 0) {
			attach(b, b->anchors[i].node);
			return;
		}
	}
	jh_error(b->d, loc, "unknown anchor `*%s`", name);
	b->failed = true;
}

static void on_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct jh_ynode *n = new_node(b, JH_YNODE_SCALAR, ev->start_mark);
	size_t len = ev->data.scalar.length;

	/* Lengths and counts are 32-bit in the tree (see yaml.h). */
	if (len > UINT32_MAX) {
		fail(b, n->loc, "scalar longer than 4 GiB");
		len = 0;
	}
	n->len = (uint32_t)len;
	n->text = jh_arena_strndup(&b->doc->arena,
				   (const char *)ev->data.scalar.value, len);
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		n->style = JH_YSTYLE_SINGLE;
		break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		n->style = JH_YSTYLE_DOUBLE;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		n->style = JH_YSTYLE_BLOCK;
		break;
	default:
		n->style = JH_YSTYLE_PLAIN;
		break;
	}
	n->multiline = ev->end_mark.line != ev->start_mark.line;
	if (!n->multiline)
		n->loc.len = (uint32_t)(ev->end_mark.column -
					ev->start_mark.column);
	n->end_line = (uint32_t)ev->end_mark.line + 1;
	set_anchor(b, (const char *)ev->data.scalar.anchor, n);
	attach(b, n);
}

static void on_start(struct builder *b, const yaml_event_t *ev,
		     enum jh_ynode_kind kind, const unsigned char *anchor)
{
	struct jh_ynode *n = new_node(b, kind, ev->start_mark);
	struct frame *f;

	if (b->depth == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 16;
		b->stack = jh_xrealloc_array(b->stack, b->cap,
					     sizeof(*b->stack));
	}
	f = &b->stack[b->depth++];
	f->node = n;
	f->pending_key = NULL;
	f->anchor = anchor ? jh_xstrdup((const char *)anchor) : NULL;
	f->base = b->kids.n;
}

static void on_end(struct builder *b, const yaml_event_t *ev)
{
	struct frame f = b->stack[--b->depth];
	size_t num = b->kids.n - f.base;
	/* no child was ever pushed: kids.v may still be NULL */
	struct jh_ynode *const *kids = num ? b->kids.v + f.base : NULL;

	f.node->end_line = end_line_of((yaml_mark_t){ 0, f.node->loc.line - 1,
						      0 }, ev->end_mark);
	if (f.node->end_line < f.node->loc.line)
		f.node->end_line = f.node->loc.line;
	if (num > UINT32_MAX) {
		fail(b, f.node->loc, "more than 2^32 entries in one node");
		num = 0;
	}
	if (f.node->kind == JH_YNODE_MAP) {
		finish_map(b, f.node, kids, num / 2);
	} else if (num) {
		f.node->items = jh_arena_alloc(&b->doc->arena,
					       num * sizeof(*f.node->items));
		memcpy(f.node->items, kids, num * sizeof(*f.node->items));
		f.node->num_items = (uint32_t)num;
	}
	b->kids.n = f.base;
	set_anchor(b, f.anchor, f.node);
	free(f.anchor);
	attach(b, f.node);
}

static void report_libyaml(struct builder *b, const yaml_parser_t *p)
{
	struct jh_loc loc = mark_loc(b->doc, p->problem_mark);
	const char *what = p->problem ? p->problem : "malformed YAML";

	if (p->error == YAML_READER_ERROR) {
		loc.line = 0;
		loc.col = 0;
		jh_error(b->d, loc, "cannot read YAML: %s at byte %zu", what,
			 p->problem_offset);
	} else if (p->context) {
		struct jh_diag *g = jh_error(b->d, loc, "%s", what);

		jh_diag_note(g, mark_loc(b->doc, p->context_mark), "%s",
			     p->context);
	} else {
		jh_error(b->d, loc, "%s", what);
	}
	b->failed = true;
}

bool jh_yaml_parse(const char *file, const char *text, size_t len,
		   struct jh_diags *d, struct jh_ydoc *doc)
{
	yaml_parser_t parser;
	struct builder b;
	bool done = false;

	memset(doc, 0, sizeof(*doc));
	doc->file = jh_diags_intern(d, file);
	memset(&b, 0, sizeof(b));
	b.d = d;
	b.doc = doc;
	if (!yaml_parser_initialize(&parser)) {
		jh_error(d, JH_LOC_NONE, "libyaml: out of memory");
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done && !b.failed) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&parser, &ev)) {
			report_libyaml(&b, &parser);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++b.documents > 1)
				fail(&b, mark_loc(doc, ev.start_mark),
				     "a configuration file holds one YAML "
				     "document; found a second one");
			break;
		case YAML_SCALAR_EVENT:
			on_scalar(&b, &ev);
			break;
		case YAML_ALIAS_EVENT:
			on_alias(&b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			on_start(&b, &ev, JH_YNODE_SEQ,
				 ev.data.sequence_start.anchor);
			break;
		case YAML_MAPPING_START_EVENT:
			on_start(&b, &ev, JH_YNODE_MAP,
				 ev.data.mapping_start.anchor);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			on_end(&b, &ev);
			break;
		default:
			break;
		}
		if (b.depth > JH_YAML_MAX_DEPTH)
			fail(&b, mark_loc(doc, ev.start_mark),
			     "YAML nested too deeply");
		yaml_event_delete(&ev);
	}
	if (!b.failed && doc->root && doc->root->weight > JH_YAML_MAX_WEIGHT)
		fail(&b, doc->root->loc, "aliases expand to too many nodes "
		     "(more than 1000000)");
	for (size_t i = 0; i < b.depth; i++)
		free(b.stack[i].anchor);
	free(b.stack);
	for (size_t i = 0; i < b.num_anchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	free(b.kids.v);
	free(b.pairs.v);
	free(b.merges.v);
	yaml_parser_delete(&parser);
	if (b.failed)
		doc->root = NULL;
	return !b.failed;
}

struct jh_ynode *jh_ymap_get(const struct jh_ynode *map, const char *key)
{
	size_t kl = strlen(key);

	if (!map || map->kind != JH_YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->num_pairs; i++) {
		const struct jh_ynode *k = map->pairs[i].key;

		if (k->len == kl && memcmp(k->text, key, kl) == 0)
			return map->pairs[i].value;
	}
	return NULL;
}

bool jh_ynode_is_null(const struct jh_ynode *n)
{
	if (!n || n->kind != JH_YNODE_SCALAR || n->style != JH_YSTYLE_PLAIN)
		return false;
	return n->len == 0 || strcmp(n->text, "~") == 0 ||
	       strcmp(n->text, "null") == 0 || strcmp(n->text, "Null") == 0 ||
	       strcmp(n->text, "NULL") == 0;
}

const char *jh_ynode_kind_name(const struct jh_ynode *n)
{
	if (!n)
		return "nothing";
	switch (n->kind) {
	case JH_YNODE_MAP:
		return "a mapping";
	case JH_YNODE_SEQ:
		return "a sequence";
	default:
		return "a scalar";
	}
}

struct jh_loc jh_ynode_loc_at(const struct jh_ynode *n, uint32_t offset,
			      uint32_t len)
{
	struct jh_loc loc = n->loc;

	if (n->kind != JH_YNODE_SCALAR || n->multiline ||
	    n->style == JH_YSTYLE_BLOCK)
		return loc;
	loc.col += offset + (n->style == JH_YSTYLE_PLAIN ? 0 : 1);
	loc.len = len;
	return loc;
}
