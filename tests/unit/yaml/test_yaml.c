// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for the YAML tree: positions, anchors and aliases, merge
 * keys, and everything a configuration file must never contain.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "yaml/yaml.h"

struct parsed {
	struct jh_diags d;
	struct jh_ydoc doc;
	bool ok;
};

static void parse(struct parsed *p, const char *text)
{
	jh_diags_init(&p->d);
	p->ok = jh_yaml_parse("t.yaml", text, strlen(text), &p->d, &p->doc);
}

static void done(struct parsed *p)
{
	jh_ydoc_free(&p->doc);
	jh_diags_free(&p->d);
}

START_TEST(positions)
{
	struct parsed p;
	struct jh_ynode *a, *b, *seq;

	parse(&p, "top:\n  a: 0x10\n  b: 'quoted'\n  seq: [1, 22]\n");
	ck_assert(p.ok);
	ck_assert_int_eq(p.doc.root->kind, JH_YNODE_MAP);
	a = jh_ymap_get(jh_ymap_get(p.doc.root, "top"), "a");
	ck_assert_str_eq(a->text, "0x10");
	ck_assert_uint_eq(a->loc.line, 2);
	ck_assert_uint_eq(a->loc.col, 6);
	ck_assert_uint_eq(a->loc.len, 4);
	b = jh_ymap_get(jh_ymap_get(p.doc.root, "top"), "b");
	ck_assert_int_eq(b->style, JH_YSTYLE_SINGLE);
	ck_assert_str_eq(b->text, "quoted");
	/* offset 2 inside 'quoted' is column 6 + 1 (quote) + 2 */
	ck_assert_uint_eq(jh_ynode_loc_at(b, 2, 1).col, 9);
	ck_assert_uint_eq(jh_ynode_loc_at(a, 2, 2).col, 8);
	seq = jh_ymap_get(jh_ymap_get(p.doc.root, "top"), "seq");
	ck_assert_uint_eq(seq->num_items, 2);
	ck_assert_uint_eq(seq->items[1]->loc.col, 12);
	ck_assert_uint_eq(jh_ymap_get(p.doc.root, "top")->end_line, 4);
	ck_assert_str_eq(p.doc.file, "t.yaml");
	done(&p);
}
END_TEST

START_TEST(anchors_share_nodes)
{
	struct parsed p;
	struct jh_ynode *x, *y;

	parse(&p, "x: &r {size: 1}\ny: *r\n");
	ck_assert(p.ok);
	x = jh_ymap_get(p.doc.root, "x");
	y = jh_ymap_get(p.doc.root, "y");
	ck_assert_ptr_eq(x, y);
	done(&p);
}
END_TEST

START_TEST(merge_keys)
{
	struct parsed p;
	struct jh_ynode *m;

	parse(&p, "base: &b {size: 1, flags: rw}\n"
		  "more: &c {virt: 7}\n"
		  "m: {<<: [*b, *c], size: 2}\n");
	ck_assert(p.ok);
	m = jh_ymap_get(p.doc.root, "m");
	ck_assert_str_eq(jh_ymap_get(m, "size")->text, "2");
	ck_assert_str_eq(jh_ymap_get(m, "flags")->text, "rw");
	ck_assert_str_eq(jh_ymap_get(m, "virt")->text, "7");
	ck_assert_ptr_null(jh_ymap_get(m, "<<"));
	ck_assert_uint_eq(m->num_pairs, 3);
	done(&p);
}
END_TEST

START_TEST(duplicate_keys)
{
	struct parsed p;

	parse(&p, "a: 1\nb: 2\na: 3\n");
	ck_assert(!p.ok);
	ck_assert_uint_eq(p.d.errors, 1);
	ck_assert_uint_eq(p.d.v[0].loc.line, 3);
	ck_assert_uint_eq(p.d.v[0].num_notes, 1);
	ck_assert_uint_eq(p.d.v[0].notes[0].loc.line, 1);
	ck_assert_ptr_null(p.doc.root);
	done(&p);
}
END_TEST

START_TEST(rejected_shapes)
{
	static const char *const bad[] = {
		"a: *missing\n",
		"a: &x [*x]\n",
		"a: 1\n---\nb: 2\n",
		"? [1]\n: 2\n",
		"a: [1, 2\n",
		"a: {<<: 3}\n",
		"\"a\\xZZ\": 1\n",
		"\"ro\\0ot\": 1\n",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct parsed p;

		parse(&p, bad[i]);
		ck_assert_msg(!p.ok, "accepted: %s", bad[i]);
		ck_assert_uint_ge(p.d.errors, 1);
		ck_assert_uint_gt(p.d.v[0].loc.line, 0);
		done(&p);
	}
}
END_TEST

START_TEST(alias_bomb)
{
	struct parsed p;
	char *text = malloc(4096);
	size_t n = 0;

	n += (size_t)sprintf(text + n, "l0: &l0 [a, a, a, a, a, a, a, a]\n");
	for (int i = 1; i < 9; i++)
		n += (size_t)sprintf(text + n, "l%d: &l%d [*l%d, *l%d, *l%d, "
				     "*l%d, *l%d, *l%d, *l%d, *l%d]\n", i, i,
				     i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
				     i - 1, i - 1);
	parse(&p, text);
	ck_assert(!p.ok);
	ck_assert_ptr_nonnull(strstr(p.d.v[0].msg, "too many nodes"));
	done(&p);
	free(text);
}
END_TEST

START_TEST(deep_nesting)
{
	struct parsed p;
	char text[400];
	size_t n = 0;

	for (int i = 0; i < 100; i++)
		text[n++] = '[';
	for (int i = 0; i < 100; i++)
		text[n++] = ']';
	text[n] = '\0';
	parse(&p, text);
	ck_assert(!p.ok);
	done(&p);
}
END_TEST

START_TEST(nulls_and_empty)
{
	struct parsed p;

	parse(&p, "a: ~\nb:\nc: null\nd: ''\n");
	ck_assert(p.ok);
	ck_assert(jh_ynode_is_null(jh_ymap_get(p.doc.root, "a")));
	ck_assert(jh_ynode_is_null(jh_ymap_get(p.doc.root, "b")));
	ck_assert(jh_ynode_is_null(jh_ymap_get(p.doc.root, "c")));
	ck_assert(!jh_ynode_is_null(jh_ymap_get(p.doc.root, "d")));
	ck_assert_str_eq(jh_ynode_kind_name(jh_ymap_get(p.doc.root, "a")),
			 "a scalar");
	done(&p);
	parse(&p, "# only a comment\n");
	ck_assert(p.ok);
	ck_assert_ptr_null(p.doc.root);
	done(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("yaml");
	TCase *t = tcase_create("core");
	SRunner *r;
	int failed;

	tcase_add_test(t, positions);
	tcase_add_test(t, anchors_share_nodes);
	tcase_add_test(t, merge_keys);
	tcase_add_test(t, duplicate_keys);
	tcase_add_test(t, rejected_shapes);
	tcase_add_test(t, alias_bomb);
	tcase_add_test(t, deep_nesting);
	tcase_add_test(t, nulls_and_empty);
	suite_add_tcase(s, t);
	r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
