// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh-dump: validate binary cell images and print them as one YAML
 * document in the image form (or, with --raw, field by field with byte
 * offsets). Exit status: 0 all images valid, 1 an image is malformed,
 * 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit/emit.h"
#include "image/image-file.h"
#include "image/image-raw.h"
#include "image/image.h"

static void usage(FILE *out)
{
	fputs("usage: jh-dump [--raw] [-o FILE] [--color=auto|always|never] "
	      "IMAGE...\n"
	      "Validate jh/Jailhouse cell images and print them as one YAML "
	      "document\n(the image form, which jh-compile turns back into "
	      "the same bytes).\n"
	      "  --raw        list every field with its byte offset instead\n"
	      "  -o FILE      write the output to FILE (default: stdout)\n"
	      "  --color=WHEN colour diagnostics: auto (default), always, "
	      "never\n"
	      "Give the system image and the cell images together to get "
	      "one document\nthat reproduces all of them.\n", out);
}

int main(int argc, char **argv)
{
	const char *out_path = NULL, *color = "auto";
	char **files = jh_xcalloc((size_t)argc, sizeof(char *));
	size_t num = 0;
	bool raw = false, ok = true, only_files = false;
	struct jh_diags d;
	struct jh_system sys;
	FILE *out = stdout;
	char *text = NULL;
	size_t text_len = 0;
	int status;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (only_files || a[0] != '-' || a[1] == '\0') {
			files[num++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			only_files = true;
		} else if (strcmp(a, "--raw") == 0) {
			raw = true;
		} else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
			out_path = argv[++i];
		} else if (strncmp(a, "--color=", 8) == 0 &&
			   (strcmp(a + 8, "auto") == 0 ||
			    strcmp(a + 8, "always") == 0 ||
			    strcmp(a + 8, "never") == 0)) {
			color = a + 8;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			free(files);
			return 0;
		} else {
			fprintf(stderr, "jh-dump: unknown or incomplete option "
				"'%s'\n", a);
			usage(stderr);
			free(files);
			return 2;
		}
	}
	if (num == 0) {
		fputs("jh-dump: no image given\n", stderr);
		usage(stderr);
		free(files);
		return 2;
	}

	jh_diags_init(&d);
	jh_system_init(&sys);
	/* With -o, the output is collected and written only when every
	 * image was valid, atomically: never a partial YAML file. */
	if (out_path)
		out = open_memstream(&text, &text_len);
	if (raw) {
		for (size_t i = 0; i < num; i++) {
			size_t len;
			uint8_t *buf = jh_image_load_file(files[i], &len, &d);

			if (!buf) {
				ok = false;
				continue;
			}
			if (i)
				fputc('\n', out);
			ok &= jh_image_print_raw(buf, len, files[i], &d, out);
			free(buf);
		}
	} else {
		ok = jh_image_read_files(files, num, &d, &sys);
		if (ok)
			ok = jh_emit_image_form(&sys, out, &d);
	}
	if (out_path) {
		fclose(out);
		if (ok && !jh_write_file_atomic(out_path, text, text_len, &d))
			ok = false;
		free(text);
	}
	jh_diags_print(&d, stderr,
		       strcmp(color, "always") == 0 ||
		       (strcmp(color, "auto") == 0 && isatty(2)), false);
	status = ok && jh_diags_errors(&d) == 0 ? 0 : 1;
	jh_system_free(&sys);
	jh_diags_free(&d);
	free(files);
	return status;
}
