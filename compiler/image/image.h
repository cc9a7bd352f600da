/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Binary images <-> the typed model.
 *
 * The reader never trusts its input: signature, revision, architecture,
 * declared sizes and counts against the buffer length, every index and
 * reference in range. A malformed image gets a diagnostic naming the byte
 * offset and the field, and the function returns false.
 *
 * The writer lays the model out byte for byte as Jailhouse configuration
 * revision 14, plus the jh extension block (doc/abi.md) when the model
 * uses a feature revision 14 cannot express.
 */
#ifndef JH_IMAGE_H
#define JH_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag/diag.h"
#include "model/model.h"

enum jh_abi {
	JH_ABI_JH = 0,		/* revision 14 + jh extension when needed */
	JH_ABI_JAILHOUSE_R14,	/* refuse features r14 cannot express */
};

/*
 * Read one image (system or cell, told apart by the signature) and add it
 * to `sys`: a system image fills the system fields and cells[0]; a cell
 * image appends a cell. `file` names the image in diagnostics.
 */
bool jh_image_read(const uint8_t *buf, size_t len, const char *file,
		   struct jh_diags *d, struct jh_system *sys);

/* Read image files in order (system image first, if any). */
bool jh_image_read_files(char *const *files, size_t num,
			 struct jh_diags *d, struct jh_system *sys);

/*
 * Lay out the system image, or the image of non-root cell `cell`. Returns
 * a malloc'ed buffer and its length, or NULL after reporting why (for
 * example an extension feature with JH_ABI_JAILHOUSE_R14).
 */
uint8_t *jh_image_write_system(const struct jh_system *sys, enum jh_abi abi,
			       struct jh_diags *d, size_t *len);
uint8_t *jh_image_write_cell(const struct jh_system *sys, size_t cell,
			     enum jh_abi abi, struct jh_diags *d,
			     size_t *len);

#endif /* JH_IMAGE_H */
