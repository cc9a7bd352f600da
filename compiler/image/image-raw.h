/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Field-by-field listing of an image with byte offsets (jh-dump --raw).
 */
#ifndef JH_IMAGE_RAW_H
#define JH_IMAGE_RAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag/diag.h"

/* Validate the image (as jh_image_read does), then list every field.
 * Returns false, printing nothing, when the image is malformed. */
bool jh_image_print_raw(const uint8_t *buf, size_t len, const char *file,
			struct jh_diags *d, FILE *out);

#endif /* JH_IMAGE_RAW_H */
