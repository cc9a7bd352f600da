// SPDX-License-Identifier: GPL-2.0-only
/*
 * Atomic file replacement: temp file in the target's directory + rename.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image-file.h"
#include "util/xalloc.h"

static struct jh_loc file_loc(const char *path)
{
	struct jh_loc loc = JH_LOC_NONE;

	loc.file = path;
	return loc;
}

static mode_t current_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

char *jh_write_temp(const char *path, const void *data, size_t len,
		    struct jh_diags *d)
{
	char *tmp = jh_xasprintf("%s.tmpXXXXXX", path);
	const uint8_t *p = data;
	int fd = mkstemp(tmp);

	if (fd < 0) {
		jh_error(d, file_loc(path), "cannot create a temporary file "
			 "next to it: %s", strerror(errno));
		free(tmp);
		return NULL;
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		p += n;
		len -= (size_t)n;
	}
	/* mkstemp creates 0600; images are ordinary build outputs */
	if (fchmod(fd, 0666 & ~current_umask()) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return tmp;
fail:
	jh_error(d, file_loc(path), "cannot write: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return NULL;
}

bool jh_commit_temp(char *tmp, const char *path, struct jh_diags *d)
{
	bool ok = rename(tmp, path) == 0;

	if (!ok) {
		jh_error(d, file_loc(path), "cannot replace: %s",
			 strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

void jh_discard_temp(char *tmp)
{
	if (tmp)
		unlink(tmp);
	free(tmp);
}

bool jh_write_file_atomic(const char *path, const void *data, size_t len,
			  struct jh_diags *d)
{
	char *tmp = jh_write_temp(path, data, len, d);

	return tmp && jh_commit_temp(tmp, path, d);
}
