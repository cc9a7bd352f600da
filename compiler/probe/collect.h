/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `jh-probe collect`: copy every file jh-probe reads on a running Linux
 * system into one ustar archive, so that configurations can be generated
 * on another machine (`jh-probe --from`). libc only: this part is also
 * built statically for the target (scripts/take-probe-fixtures).
 */
#ifndef JH_PROBE_COLLECT_H
#define JH_PROBE_COLLECT_H

#include <stdio.h>

/* Where each snapshot keeps its own metadata (not a Linux path). */
#define JH_SNAPSHOT_INFO "jh-snapshot/info"
#define JH_SNAPSHOT_SKIPPED "jh-snapshot/skipped"
/* Symlinks whose names are also directories in the archive (a PCI
 * device's link, whose files are stored below the same name) are kept
 * under this prefix, so that `tar x` of a snapshot works. */
#define JH_SNAPSHOT_LINKS "jh-snapshot/links/"

/*
 * Snapshot the system whose root is `sysroot` ("/" on a target) into
 * `out_path`. Sources that are missing or unreadable are listed on `log`
 * and in the archive's JH_SNAPSHOT_SKIPPED file; they are not errors.
 * Returns 0 on success, 1 when the archive could not be written.
 */
int jh_probe_collect(const char *sysroot, const char *out_path, FILE *log);

#endif /* JH_PROBE_COLLECT_H */
