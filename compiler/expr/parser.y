/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grammar of the value expression language (see expr.h). The scanner
 * sends one of the START_* tokens first, so one grammar serves the four
 * modes. Pure parser: no global state.
 */
%define api.pure full
%define api.prefix {jhx}
%define parse.error verbose
%locations
%define api.location.type {struct jh_expr_pos}

%code requires {
#include <stdint.h>
#include "expr/expr.h"

struct jh_expr_pos {
	uint32_t off, len;
};
typedef void *jhx_scan_t;
}

%code provides {
int jhxlex(JHXSTYPE *lval, JHXLTYPE *lloc, jhx_scan_t scanner);
}

%code {
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A rule's location spans its first to its last symbol. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)					\
	do {								\
		if (N) {						\
			(Cur).off = YYRHSLOC(Rhs, 1).off;		\
			(Cur).len = YYRHSLOC(Rhs, N).off +		\
				    YYRHSLOC(Rhs, N).len - (Cur).off;	\
		} else {						\
			(Cur).off = YYRHSLOC(Rhs, 0).off +		\
				    YYRHSLOC(Rhs, 0).len;		\
			(Cur).len = 0;					\
		}							\
	} while (0)

static void jhxerror(JHXLTYPE *loc, jhx_scan_t scanner, struct jh_expr *e,
		     const char *msg)
{
	(void)scanner;
	jh_expr_set_error(e, loc->off, loc->len, "%s", msg);
}

static bool arith(struct jh_expr *e, const JHXLTYPE *at, char op,
		  uint64_t a, uint64_t b, uint64_t *out)
{
	bool bad = false;

	switch (op) {
	case '+':
		bad = __builtin_add_overflow(a, b, out);
		break;
	case '-':
		bad = __builtin_sub_overflow(a, b, out);
		if (bad) {
			jh_expr_set_error(e, at->off, at->len,
				"result is negative (0x%llx - 0x%llx)",
				(unsigned long long)a, (unsigned long long)b);
			return false;
		}
		break;
	case '*':
		bad = __builtin_mul_overflow(a, b, out);
		break;
	default:
		if (b == 0) {
			jh_expr_set_error(e, at->off, at->len,
					  "division by zero");
			return false;
		}
		*out = a / b;
		break;
	}
	if (bad)
		jh_expr_set_error(e, at->off, at->len,
				  "value does not fit in 64 bits");
	return !bad;
}

static bool resolve(struct jh_expr *e, const JHXLTYPE *at, const char *name,
		    uint64_t *out)
{
	char *why = NULL;

	if (e->resolve && e->resolve(e->resolve_ctx, name, out, &why))
		return true;
	if (why)
		jh_expr_set_error(e, at->off, at->len, "%s", why);
	else
		jh_expr_set_error(e, at->off, at->len, "unknown name `%s`",
				  name);
	free(why);
	return false;
}
}

%param {jhx_scan_t scanner}
%parse-param {struct jh_expr *e}

%union {
	uint64_t num;
	char *str;
}

%token END 0 "end of value"
%token START_INT START_RANGE START_LIST START_FLAGS
%token <num> NUMBER "number"
%token <num> UNIT "size unit"
%token <num> TIMEUNIT "time unit"
%token <str> NAME "name"
%token <str> FLAGNAME "flag name"
%token DOTDOT "`..`"

%destructor { free($$); } <str>

%type <num> expr term primary atom

%left '+' '-'
%left '*' '/'
%precedence NEG

%%

input
	: START_INT expr		{ e->value = $2; }
	| START_INT '+' expr		{ e->value = $3; /* YAML's +5 */ }
	| START_RANGE range
	| START_LIST list
	| START_FLAGS flags
	;

range
	: expr DOTDOT expr
		{
			if ($3 < $1) {
				jh_expr_set_error(e, @$.off, @$.len,
					"range ends before it starts "
					"(0x%llx .. 0x%llx)",
					(unsigned long long)$1,
					(unsigned long long)$3);
				YYABORT;
			}
			e->start = $1;
			e->size = $3 - $1;
		}
	| expr DOTDOT '+' expr
		{
			uint64_t end;

			if ($4 && __builtin_add_overflow($1, $4 - 1, &end)) {
				jh_expr_set_error(e, @$.off, @$.len,
					"range wraps around the end of the "
					"64-bit address space");
				YYABORT;
			}
			e->start = $1;
			e->size = $4;
		}
	;

list
	: span
	| list ',' span
	;

span
	: atom
		{
			struct jh_expr_span *s = jh_vec_push(&e->spans);

			s->first = s->last = $1;
			s->off = @$.off;
			s->len = @$.len;
		}
	| atom '-' atom
		{
			struct jh_expr_span *s;

			if ($3 < $1) {
				jh_expr_set_error(e, @$.off, @$.len,
					"span ends before it starts (%llu-%llu)",
					(unsigned long long)$1,
					(unsigned long long)$3);
				YYABORT;
			}
			s = jh_vec_push(&e->spans);
			s->first = $1;
			s->last = $3;
			s->off = @$.off;
			s->len = @$.len;
		}
	;

atom
	: NUMBER			{ $$ = $1; }
	| NAME
		{
			bool ok = resolve(e, &@1, $1, &$$);

			free($1);
			if (!ok)
				YYABORT;
		}
	| '(' expr ')'			{ $$ = $2; }
	;

flags
	: flag
	| flags '|' flag
	| flags ',' flag
	;

flag
	: FLAGNAME
		{
			struct jh_expr_flag *f = jh_vec_push(&e->flags);

			f->name = $1;
			f->value = 0;
			f->off = @1.off;
			f->len = @1.len;
		}
	| NUMBER
		{
			struct jh_expr_flag *f = jh_vec_push(&e->flags);

			f->name = NULL;
			f->value = $1;
			f->off = @1.off;
			f->len = @1.len;
		}
	;

expr
	: expr '+' expr
		{ if (!arith(e, &@$, '+', $1, $3, &$$)) YYABORT; }
	| expr '-' expr
		{ if (!arith(e, &@$, '-', $1, $3, &$$)) YYABORT; }
	| expr '*' expr
		{ if (!arith(e, &@$, '*', $1, $3, &$$)) YYABORT; }
	| expr '/' expr
		{ if (!arith(e, &@$, '/', $1, $3, &$$)) YYABORT; }
	| '-' expr %prec NEG
		{
			jh_expr_set_error(e, @$.off, @$.len,
					  "negative values are not allowed");
			YYABORT;
		}
	| term				{ $$ = $1; }
	;

term
	: primary			{ $$ = $1; }
	| primary UNIT
		{ if (!arith(e, &@$, '*', $1, $2, &$$)) YYABORT; }
	| primary TIMEUNIT
		{
			if (!e->allow_time) {
				jh_expr_set_error(e, @2.off, @2.len,
					"a time unit is not expected here");
				YYABORT;
			}
			if (!arith(e, &@$, '*', $1, $2, &$$))
				YYABORT;
		}
	;

primary
	: atom				{ $$ = $1; }
	;

%%
