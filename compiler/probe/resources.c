// SPDX-License-Identifier: GPL-2.0-only
/*
 * Resource tree text (/proc/iomem, /proc/ioports); see resources.h.
 */
#include "probe/resources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static bool hex(const char **p, uint64_t *out)
{
	uint64_t v = 0;
	const char *s = *p;

	if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') ||
	      (*s >= 'A' && *s <= 'F')))
		return false;
	for (; ; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else
			break;
		if (v >> 60)
			return false;
		v = v << 4 | d;
	}
	*p = s;
	*out = v;
	return true;
}

bool jh_probe_parse_resources(const char *text, struct jh_probe_res_list *l,
			      char *err, size_t err_size)
{
	const char *p = text;
	unsigned line = 0;

	memset(l, 0, sizeof(*l));
	l->all_zero = true;
	while (*p) {
		const char *eol = strchr(p, '\n'), *s = p, *name;
		size_t indent = 0, nl;
		struct jh_probe_res r;

		line++;
		if (!eol)
			eol = p + strlen(p);
		while (s < eol && *s == ' ') {
			s++;
			indent++;
		}
		if (s == eol) {		/* blank line */
			p = *eol ? eol + 1 : eol;
			continue;
		}
		memset(&r, 0, sizeof(r));
		if (!hex(&s, &r.start) || *s++ != '-' || !hex(&s, &r.end) ||
		    strncmp(s, " : ", 3) != 0 || r.end < r.start) {
			snprintf(err, err_size,
				 "line %u: not \"start-end : name\"", line);
			jh_probe_res_free(l);
			return false;
		}
		name = s + 3;
		nl = (size_t)(eol - name);
		r.name = jh_xstrndup(name, nl);
		r.depth = (unsigned)(indent / 2);
		r.leaf = true;
		if (r.start || r.end)
			l->all_zero = false;
		if (l->n && l->v[l->n - 1].depth < r.depth)
			l->v[l->n - 1].leaf = false;
		*jh_vec_push(l) = r;
		p = *eol ? eol + 1 : eol;
	}
	return true;
}

void jh_probe_res_free(struct jh_probe_res_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
