// SPDX-License-Identifier: GPL-2.0-only
/*
 * Typed getters over YAML nodes: every scalar goes through the expression
 * parser, every error points at the text that caused it.
 */
#include <stdlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "expr/expr.h"
#include "front-internal.h"

void jh_fsuggest(struct jh_diag *g, const char *word,
		 const char *const *names, size_t num)
{
	const char *s = jh_suggest(word, names, num);

	if (s)
		jh_diag_hint(g, "did you mean `%s`?", s);
}

void jh_fkeys(struct jh_front *f, const struct jh_ynode *map,
	      const char *const *keys, const char *what)
{
	size_t nk = 0;

	if (!map || map->kind != JH_YNODE_MAP)
		return;
	while (keys[nk])
		nk++;
	for (size_t i = 0; i < map->num_pairs; i++) {
		const struct jh_ynode *k = map->pairs[i].key;
		bool known = strcmp(k->text, "suppress") == 0;
		struct jh_diag *g;

		for (size_t j = 0; j < nk && !known; j++)
			known = strcmp(k->text, keys[j]) == 0;
		if (known)
			continue;
		g = jh_error(f->d, k->loc, "unknown key `%s` in %s", k->text,
			     what);
		jh_fsuggest(g, k->text, keys, nk);
	}
}

static bool expect_kind(struct jh_front *f, const struct jh_ynode *n,
			enum jh_ynode_kind kind, const char *what,
			const char *expected)
{
	if (n && n->kind == kind)
		return true;
	if (n)
		jh_error(f->d, n->loc, "%s must be %s, found %s", what,
			 expected, jh_ynode_is_null(n) ? "nothing" :
			 jh_ynode_kind_name(n));
	return false;
}

bool jh_fis_map(struct jh_front *f, const struct jh_ynode *n,
		const char *what)
{
	return expect_kind(f, n, JH_YNODE_MAP, what, "a mapping");
}

bool jh_fis_seq(struct jh_front *f, const struct jh_ynode *n,
		const char *what)
{
	return expect_kind(f, n, JH_YNODE_SEQ, what, "a sequence");
}

bool jh_fis_scalar(struct jh_front *f, const struct jh_ynode *n,
		   const char *what)
{
	return expect_kind(f, n, JH_YNODE_SCALAR, what, "a scalar");
}

struct jh_loc jh_fkey_loc(const struct jh_ynode *map, const char *key)
{
	for (size_t i = 0; map && map->kind == JH_YNODE_MAP &&
	     i < map->num_pairs; i++)
		if (strcmp(map->pairs[i].key->text, key) == 0)
			return map->pairs[i].key->loc;
	return map ? map->loc : JH_LOC_NONE;
}

const struct jh_ynode *jh_frequire(struct jh_front *f,
				   const struct jh_ynode *map,
				   const char *key, const char *what)
{
	const struct jh_ynode *v = jh_ymap_get(map, key);

	if (!v)
		jh_error(f->d, map->loc, "%s needs `%s`", what, key);
	return v;
}

/* ---------------------------------------------------------- references */

static bool field(const char *attr, uint64_t start, uint64_t size,
		  uint64_t *out)
{
	if (strcmp(attr, "start") == 0 || strcmp(attr, "address") == 0)
		*out = start;
	else if (strcmp(attr, "size") == 0)
		*out = size;
	else if (strcmp(attr, "end") == 0)
		*out = start + size;
	else
		return false;
	return true;
}

static bool resolve_def(struct jh_front *f, struct jh_fdef *def,
			uint64_t *out, char **why)
{
	if (def->state == 2) {
		*out = def->value_num;
		return true;
	}
	if (def->state == 1) {
		*why = jh_xasprintf("`%s` is defined in terms of itself",
				    def->key->text);
		return false;
	}
	if (def->state == 3) {
		*why = jh_xasprintf("`%s` has an invalid value",
				    def->key->text);
		return false;
	}
	def->state = 1;
	if (!jh_fint(f, def->value, "a constant", UINT64_MAX,
		     &def->value_num)) {
		def->state = 3;
		*why = jh_xasprintf("`%s` has an invalid value",
				    def->key->text);
		return false;
	}
	def->state = 2;
	*out = def->value_num;
	return true;
}

static bool resolve_board(struct jh_front *f, const char *base,
			  const char *attr, uint64_t *out, char **why)
{
	const struct jh_board *b = f->board;
	int32_t i;

	if (strcmp(base, "hypervisor") == 0 && f->hv_known) {
		const struct jh_region *h = &f->sys->hypervisor_memory;

		return field(attr, h->phys_start, h->size, out);
	}
	if (!b)
		return false;
	for (size_t r = 0; r < b->ram.n; r++)
		if (strcmp(b->ram.v[r].name, base) == 0)
			return field(attr, b->ram.v[r].start,
				     b->ram.v[r].size, out);
	i = jh_fboard_device(f, base);
	if (i >= 0) {
		const struct jh_board_device *dv = &b->devices.v[i];

		if (strncmp(attr, "irq", 3) == 0) {
			char *end;
			unsigned long k = attr[3] ?
				strtoul(attr + 3, &end, 10) : 0;

			if (attr[3] && *end)
				return false;
			if (k >= dv->irqs.n) {
				*why = jh_xasprintf("device `%s` has no "
					"interrupt number %lu", base, k);
				return false;
			}
			*out = dv->irqs.v[k].irq;
			return true;
		}
		if (!dv->mmio.n) {
			*why = jh_xasprintf("device `%s` has no MMIO range",
					    base);
			return false;
		}
		return field(attr, dv->mmio.v[0].start, dv->mmio.v[0].size,
			     out);
	}
	i = jh_fboard_irqchip(f, base);
	if (i >= 0 && strcmp(attr, "address") == 0) {
		*out = b->irqchips.v[i].address;
		return true;
	}
	i = jh_fboard_port(f, base);
	if (i >= 0)
		return field(attr, b->ports.v[i].base, b->ports.v[i].length,
			     out);
	return false;
}

/* "unknown name `x`", with the closest name that does resolve */
static char *unknown_ref(struct jh_front *f, const char *name)
{
	const char *dot = strchr(name, '.');
	const char *attr = dot ? dot + 1 : NULL;
	JH_VEC(char *) cands = { 0 };
	const char *best;
	char *msg;

	for (size_t i = 0; i < f->defs.n; i++)
		*jh_vec_push(&cands) = jh_xstrdup(f->defs.v[i].key->text);
	for (size_t i = 0; f->board && attr && i < f->board->ram.n; i++)
		*jh_vec_push(&cands) = jh_xasprintf("%s.%s",
			f->board->ram.v[i].name, attr);
	for (size_t i = 0; f->board && attr && i < f->board->devices.n; i++)
		*jh_vec_push(&cands) = jh_xasprintf("%s.%s",
			f->board->devices.v[i].name, attr);
	for (size_t i = 0; f->board && attr && i < f->board->ports.n; i++)
		*jh_vec_push(&cands) = jh_xasprintf("%s.%s",
			f->board->ports.v[i].name, attr);
	best = jh_suggest(name, (const char *const *)cands.v, cands.n);
	if (best)
		msg = jh_xasprintf("unknown name `%s` (did you mean `%s`?)",
				   name, best);
	else
		msg = jh_xasprintf("unknown name `%s`", name);
	for (size_t i = 0; i < cands.n; i++)
		free(cands.v[i]);
	free(cands.v);
	return msg;
}

static bool resolver(void *ctx, const char *name, uint64_t *out, char **why)
{
	struct jh_front *f = ctx;
	const char *dot = strchr(name, '.');
	bool ok;

	if (!dot) {
		for (size_t i = 0; i < f->defs.n; i++)
			if (strcmp(f->defs.v[i].key->text, name) == 0)
				return resolve_def(f, &f->defs.v[i], out, why);
		*why = unknown_ref(f, name);
		return false;
	}
	char *base = jh_xstrndup(name, (size_t)(dot - name));

	ok = !strchr(dot + 1, '.') &&
	     resolve_board(f, base, dot + 1, out, why);
	free(base);
	if (!ok && !*why)
		*why = unknown_ref(f, name);
	return ok;
}

/* --------------------------------------------------------- expressions */

static bool run_expr(struct jh_front *f, const struct jh_ynode *n,
		     const char *what, struct jh_expr *e,
		     enum jh_expr_mode mode, bool allow_time)
{
	if (!n)
		return false;
	if (n->kind != JH_YNODE_SCALAR || jh_ynode_is_null(n)) {
		const char *kind = mode == JH_EXPR_RANGE ? "a range" :
			mode == JH_EXPR_LIST ? "a list" :
			mode == JH_EXPR_FLAGS ? "a flag set" : "a number";

		jh_error(f->d, n->loc, "%s must be %s, found %s", what, kind,
			 jh_ynode_is_null(n) ? "nothing" :
			 jh_ynode_kind_name(n));
		return false;
	}
	jh_expr_init(e, n->text, n->len, mode);
	e->allow_time = allow_time;
	e->resolve = resolver;
	e->resolve_ctx = f;
	if (jh_expr_parse(e))
		return true;
	jh_error(f->d, jh_ynode_loc_at(n, e->err_off, e->err_len),
		 "%s: %s", what, e->error);
	jh_expr_free(e);
	return false;
}

bool jh_fint(struct jh_front *f, const struct jh_ynode *n, const char *what,
	     uint64_t max, uint64_t *out)
{
	struct jh_expr e;

	if (n && n->kind == JH_YNODE_SCALAR && n->style == JH_YSTYLE_PLAIN &&
	    (!strcasecmp(n->text, "true") || !strcasecmp(n->text, "false"))) {
		jh_error(f->d, n->loc, "%s must be a number, found `%s`",
			 what, n->text);
		return false;
	}
	if (!run_expr(f, n, what, &e, JH_EXPR_INT, false))
		return false;
	jh_expr_free(&e);
	if (e.value > max) {
		jh_error(f->d, n->loc, "%s: 0x%llx is too large (at most "
			 "0x%llx)", what, (unsigned long long)e.value,
			 (unsigned long long)max);
		return false;
	}
	*out = e.value;
	return true;
}

bool jh_ftime(struct jh_front *f, const struct jh_ynode *n,
	      const char *what, uint64_t *out)
{
	struct jh_expr e;

	if (!run_expr(f, n, what, &e, JH_EXPR_INT, true))
		return false;
	jh_expr_free(&e);
	if (e.value > UINT32_MAX) {
		jh_error(f->d, n->loc, "%s: too long (at most 0x%x ms)", what,
			 UINT32_MAX);
		return false;
	}
	*out = e.value;
	return true;
}

bool jh_frange(struct jh_front *f, const struct jh_ynode *n,
	       const char *what, uint64_t *start, uint64_t *size)
{
	struct jh_expr e;

	if (n && n->kind == JH_YNODE_MAP) {
		const struct jh_ynode *s, *z, *end;
		uint64_t a, b;

		jh_fkeys(f, n, JH_FKEYS("start", "size", "end"), what);
		s = jh_frequire(f, n, "start", what);
		z = jh_ymap_get(n, "size");
		end = jh_ymap_get(n, "end");
		if (!s || !jh_fint(f, s, "`start`", UINT64_MAX, &a))
			return false;
		if (z && end) {
			jh_error(f->d, end->loc, "%s: give `size` or `end`, "
				 "not both", what);
			return false;
		}
		if (!z && !end) {
			jh_error(f->d, n->loc, "%s needs `size` or `end`",
				 what);
			return false;
		}
		if (z) {
			if (!jh_fint(f, z, "`size`", UINT64_MAX, &b))
				return false;
			if (b && a + (b - 1) < a) {
				jh_error(f->d, z->loc, "%s wraps around the "
					 "end of the address space", what);
				return false;
			}
		} else {
			if (!jh_fint(f, end, "`end`", UINT64_MAX, &b))
				return false;
			if (b < a) {
				jh_error(f->d, end->loc, "%s ends before it "
					 "starts", what);
				return false;
			}
			b -= a;
		}
		*start = a;
		*size = b;
		return true;
	}
	if (!run_expr(f, n, what, &e, JH_EXPR_RANGE, false))
		return false;
	*start = e.start;
	*size = e.size;
	jh_expr_free(&e);
	return true;
}

static bool list_scalar(struct jh_front *f, const struct jh_ynode *n,
			const char *what, uint64_t max, jh_fspans *out)
{
	struct jh_expr e;
	bool ok = true;

	if (!run_expr(f, n, what, &e, JH_EXPR_LIST, false))
		return false;
	for (size_t i = 0; i < e.spans.n; i++) {
		struct jh_expr_span *s = &e.spans.v[i];
		struct jh_loc loc = jh_ynode_loc_at(n, s->off, s->len);
		struct jh_fspan *o;

		if (s->last > max) {
			jh_error(f->d, loc, "%s: %llu is out of range (at most "
				 "%llu)", what, (unsigned long long)s->last,
				 (unsigned long long)max);
			ok = false;
			continue;
		}
		o = jh_vec_push(out);
		o->first = s->first;
		o->last = s->last;
		o->loc = loc;
	}
	jh_expr_free(&e);
	return ok;
}

bool jh_flist(struct jh_front *f, const struct jh_ynode *n,
	      const char *what, uint64_t max, jh_fspans *out)
{
	bool ok = true;

	if (n && n->kind == JH_YNODE_SEQ) {
		for (size_t i = 0; i < n->num_items; i++)
			ok &= list_scalar(f, n->items[i], what, max, out);
		return ok;
	}
	return list_scalar(f, n, what, max, out);
}

bool jh_fbool(struct jh_front *f, const struct jh_ynode *n,
	      const char *what, bool *out)
{
	if (!n)
		return false;
	/* the booleans of the YAML 1.2 core schema (what editors assume) */
	if (n->kind == JH_YNODE_SCALAR && n->style == JH_YSTYLE_PLAIN) {
		if (!strcmp(n->text, "true") || !strcmp(n->text, "True") ||
		    !strcmp(n->text, "TRUE")) {
			*out = true;
			return true;
		}
		if (!strcmp(n->text, "false") || !strcmp(n->text, "False") ||
		    !strcmp(n->text, "FALSE")) {
			*out = false;
			return true;
		}
	}
	jh_error(f->d, n->loc, "%s must be `true` or `false`", what);
	return false;
}

const char *jh_fstr(struct jh_front *f, const struct jh_ynode *n,
		    const char *what)
{
	if (!n)
		return NULL;
	if (n->kind != JH_YNODE_SCALAR || jh_ynode_is_null(n) ||
	    strlen(n->text) != n->len) {
		jh_error(f->d, n->loc, "%s must be a name, found %s", what,
			 n->kind == JH_YNODE_SCALAR ? "nothing" :
			 jh_ynode_kind_name(n));
		return NULL;
	}
	return n->text;
}

/* 1 or 2 hex digits at *p; advances it */
static bool hex_field(const char **p, unsigned *out)
{
	unsigned v = 0, n = 0;

	while (n < 2 && **p && strchr("0123456789abcdefABCDEF", **p)) {
		char c = *(*p)++;

		v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
		n++;
	}
	*out = v;
	return n > 0;
}

/* bus:dev.fn in hex, e.g. 00:1f.3 */
bool jh_fbdf(struct jh_front *f, const struct jh_ynode *n, const char *what,
	     uint16_t *out)
{
	const char *p;
	unsigned bus, dev, fn;
	bool ok;

	if (!jh_fis_scalar(f, n, what))
		return false;
	p = n->text;
	ok = hex_field(&p, &bus) && *p++ == ':' && hex_field(&p, &dev) &&
	     *p++ == '.' && *p >= '0' && *p <= '7';
	fn = ok ? (unsigned)(*p++ - '0') : 0;
	if (!ok || *p || (size_t)(p - n->text) != n->len || dev > 31) {
		struct jh_diag *g = jh_error(f->d, n->loc,
			"%s: `%s` is not a PCI address", what, n->text);

		jh_diag_hint(g, "write bus:device.function in hex, device "
			     "at most 1f and function at most 7: `00:1f.3`");
		return false;
	}
	*out = (uint16_t)(bus << 8 | dev << 3 | fn);
	return true;
}

/* ---------------------------------------------------------------- names */

static const struct jh_name *find_name(const struct jh_name *t,
					const char *name)
{
	for (; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

static void unknown_name(struct jh_front *f, struct jh_loc loc,
			 const char *what, const char *name,
			 const struct jh_name *t)
{
	const char *names[64];
	size_t n = 0;
	struct jh_diag *g;

	for (; t->name && n < 64; t++)
		names[n++] = t->name;
	g = jh_error(f->d, loc, "%s: unknown name `%s`", what, name);
	jh_fsuggest(g, name, names, n);
}

/* r/w/x shorthand of memory flags; false if `s` is not such a word */
static bool letters_to_flags(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s == 'r')
			v |= 0x1;
		else if (*s == 'w')
			v |= 0x2;
		else if (*s == 'x')
			v |= 0x4;
		else
			return false;
	}
	*out = v;
	return true;
}

static bool one_flag(struct jh_front *f, struct jh_loc loc,
		     const char *what, const char *name, uint64_t number,
		     const struct jh_name *table, bool letters,
		     uint64_t mask_max, uint64_t *acc)
{
	const struct jh_name *t;
	uint64_t v;

	if (!name) {
		if (number > mask_max) {
			jh_error(f->d, loc, "%s: 0x%llx has bits outside the "
				 "field (at most 0x%llx)", what,
				 (unsigned long long)number,
				 (unsigned long long)mask_max);
			return false;
		}
		*acc |= number;
		return true;
	}
	t = find_name(table, name);
	if (t) {
		*acc |= t->value;
		return true;
	}
	if (letters && letters_to_flags(name, &v)) {
		*acc |= v;
		return true;
	}
	unknown_name(f, loc, what, name, table);
	return false;
}

bool jh_fflags(struct jh_front *f, const struct jh_ynode *n,
	       const char *what, const struct jh_name *table,
	       bool letters, uint64_t mask_max, uint64_t *out)
{
	uint64_t acc = 0;
	bool ok = true;

	if (!n)
		return false;
	if (n->kind == JH_YNODE_SEQ) {
		for (size_t i = 0; i < n->num_items; i++) {
			struct jh_expr e;

			if (!run_expr(f, n->items[i], what, &e, JH_EXPR_FLAGS,
				      false)) {
				ok = false;
				continue;
			}
			for (size_t k = 0; k < e.flags.n; k++)
				ok &= one_flag(f, jh_ynode_loc_at(n->items[i],
					e.flags.v[k].off, e.flags.v[k].len),
					what, e.flags.v[k].name,
					e.flags.v[k].value, table, letters,
					mask_max, &acc);
			jh_expr_free(&e);
		}
	} else {
		struct jh_expr e;

		if (n->kind == JH_YNODE_SCALAR && n->len == 0 &&
		    n->style != JH_YSTYLE_PLAIN) {
			*out = 0;
			return true;
		}
		if (!run_expr(f, n, what, &e, JH_EXPR_FLAGS, false))
			return false;
		for (size_t k = 0; k < e.flags.n; k++)
			ok &= one_flag(f, jh_ynode_loc_at(n, e.flags.v[k].off,
				e.flags.v[k].len), what, e.flags.v[k].name,
				e.flags.v[k].value, table, letters, mask_max,
				&acc);
		jh_expr_free(&e);
	}
	if (ok)
		*out = acc;
	return ok;
}

bool jh_fenum(struct jh_front *f, const struct jh_ynode *n,
	      const char *what, const struct jh_name *table, uint64_t max,
	      uint64_t *out)
{
	const struct jh_name *t;

	if (!jh_fis_scalar(f, n, what))
		return false;
	t = find_name(table, n->text);
	if (t) {
		*out = t->value;
		return true;
	}
	if (n->len && ((n->text[0] >= '0' && n->text[0] <= '9') ||
		       n->text[0] == '(')) {
		return jh_fint(f, n, what, max, out);
	}
	unknown_name(f, n->loc, what, n->text, table);
	return false;
}
