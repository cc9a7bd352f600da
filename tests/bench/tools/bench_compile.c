// SPDX-License-Identifier: GPL-2.0-only
/*
 * Compile-time scaling benchmark: generated scenarios of 10, 1,000 and
 * 100,000 memory regions and one of 1,000 PCI devices, each measured in
 * a child process so its peak memory (ru_maxrss) is its own.
 *
 * Stages per scenario: YAML text (image form) -> front end -> checks ->
 * system image -> reader (image -> model). The YAML stage needs the
 * front end and the checks the check library; without them the stage is
 * reported as "n/a" and the others still run.
 *
 * Times are CPU time (CLOCK_PROCESS_CPUTIME_ID), so a loaded machine
 * does not distort them. Fails when 100,000 regions take a second or more, or when the cost
 * from 1,000 to 100,000 regions grows faster than n log n (with a factor
 * of 3 for noise).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "emit/emit.h"
#include "image/image.h"
#include "sample.h"
#include "front/front.h"
#include "check/check.h"

struct result {
	double emit_s, yaml_s, check_s, write_s, read_s, total_s;
	size_t image_bytes, yaml_bytes;
	int ok;
};

static double now(void)
{
	struct timespec ts;

	/* CPU time of this process: the machine may be shared, and the
	 * figure that matters is the work done, not the waiting. */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One scenario, in the child: fills *r, returns 0 when every stage
 * worked. */
static int run_scenario(size_t regions, size_t pci, struct result *r)
{
	struct jh_system sys, back;
	struct jh_diags d;
	char *yaml = NULL;
	size_t yaml_len = 0, len;
	FILE *f;
	uint8_t *img;
	double t0, t_all;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	jh_diags_init(&d);
	sample_big_system(&sys, regions, pci);
	t0 = now();
	f = open_memstream(&yaml, &yaml_len);
	jh_emit_image_form(&sys, f, &d);
	fclose(f);
	r->emit_s = now() - t0;
	r->yaml_bytes = yaml_len;
	r->yaml_s = -1;
	r->check_s = -1;

	t_all = now();
	{
		struct jh_system parsed;

		jh_system_init(&parsed);
		t0 = now();
		if (!jh_front_load_buffer("bench.yaml", yaml, yaml_len, &d,
					  &parsed)) {
			jh_diags_print(&d, stderr, false, false);
			rc = 1;
		}
		r->yaml_s = now() - t0;
		/* go on with what the front end made of the text */
		jh_system_free(&sys);
		sys = parsed;
	}
	t0 = now();
	jh_checks_run(&sys, &d);
	r->check_s = now() - t0;
	t0 = now();
	img = jh_image_write_system(&sys, JH_ABI_JH, &d, &len);
	r->write_s = now() - t0;
	r->total_s = now() - t_all;
	if (!img)
		rc = 1;
	r->image_bytes = len;

	jh_system_init(&back);
	t0 = now();
	if (img && !jh_image_read(img, len, "bench.cell", &d, &back))
		rc = 1;
	r->read_s = now() - t0;
	jh_system_free(&back);
	free(img);
	free(yaml);
	jh_system_free(&sys);
	jh_diags_free(&d);
	r->ok = rc == 0;
	return rc;
}

/* Run in a child; its ru_maxrss is the scenario's peak memory. */
static int measure(size_t regions, size_t pci, struct result *r,
		   long *maxrss_kb)
{
	int fds[2], status;
	struct rusage ru;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		struct result res;
		int rc = run_scenario(regions, pci, &res);

		if (write(fds[1], &res, sizeof(res)) != sizeof(res))
			_exit(3);
		_exit(rc);
	}
	close(fds[1]);
	if (read(fds[0], r, sizeof(*r)) != sizeof(*r))
		memset(r, 0, sizeof(*r));
	close(fds[0]);
	if (wait4(pid, &status, 0, &ru) != pid)
		return -1;
	*maxrss_kb = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void stage(const char *name, double s)
{
	if (s < 0)
		printf(" %s=n/a", name);
	else
		printf(" %s=%.3fms", name, s * 1e3);
}

int main(void)
{
	static const struct { size_t regions, pci; } sc[] = {
		{ 10, 0 }, { 1000, 0 }, { 100000, 0 }, { 0, 1000 },
	};
	struct result res[4];
	long rss[4];
	int failed = 0;
	double ratio, bound;

	printf("stages: yaml=front end on the image-form text, "
	       "checks, write=system image, read=image -> model;\n"
	       "        dump=model -> image-form YAML (jh-dump's half, not "
	       "part of compile)\n");
	for (int i = 0; i < 4; i++) {
		int rc = measure(sc[i].regions, sc[i].pci, &res[i], &rss[i]);

		printf("%6zu regions %5zu pci: compile %.3f ms,", sc[i].regions,
		       sc[i].pci, res[i].total_s * 1e3);
		stage("yaml", res[i].yaml_s);
		stage("checks", res[i].check_s);
		stage("write", res[i].write_s);
		stage("read", res[i].read_s);
		stage("dump", res[i].emit_s);
		printf(", peak RSS %ld KiB, image %zu bytes, yaml %zu bytes%s\n",
		       rss[i], res[i].image_bytes, res[i].yaml_bytes,
		       rc == 0 && res[i].ok ? "" : "  FAILED");
		if (rc != 0 || !res[i].ok)
			failed = 1;
	}
	/* Growth 1,000 -> 100,000 regions against n log n. The cost at
	 * 1,000 is small: floor it at 0.1 ms so timer noise cannot make
	 * the ratio meaningless. */
	ratio = (res[2].total_s + res[2].read_s) /
		fmax(res[1].total_s + res[1].read_s, 1e-4);
	bound = 100.0 * log(100000.0) / log(1000.0);
	printf("growth 1k -> 100k regions: x%.1f (n log n predicts x%.0f, "
	       "linear x100)\n", ratio, bound);
	if (ratio > 3 * bound) {
		printf("FAIL: grows faster than n log n\n");
		failed = 1;
	}
	if (res[2].total_s >= 1.0) {
		printf("FAIL: 100,000 regions took %.3f s (limit 1 s)\n",
		       res[2].total_s);
		failed = 1;
	}
	return failed;
}
