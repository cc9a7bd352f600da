/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emitters over the typed model. The image form is the low-level YAML
 * that maps 1:1 onto the binary images (doc/abi.md, "The image form"):
 * jh-dump prints it, and jh-compile turns it back into identical bytes.
 */
#ifndef JH_EMIT_H
#define JH_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "diag/diag.h"
#include "model/model.h"

/*
 * Print `sys` as one YAML document in the image form. Returns false after
 * reporting when the model cannot be written that way (two cells with the
 * same name would collide as keys of `cells:`); nothing is printed then.
 */
bool jh_emit_image_form(const struct jh_system *sys, FILE *out,
			struct jh_diags *d);

#endif /* JH_EMIT_H */
