/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared between the report emitters. */
#ifndef JH_REPORT_INTERNAL_H
#define JH_REPORT_INTERNAL_H

#include <jansson.h>

#include "diag/diag.h"

/* A location as a JSON object (jh's own format). */
json_t *jh_report_loc_json(const struct jh_loc *loc);

/* Serialise and free `root`; malloc'ed text ending in a newline. */
char *jh_report_dump(json_t *root);

#endif /* JH_REPORT_INTERNAL_H */
