// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh console [-f]: print the hypervisor console. read() on the device
 * returns console bytes from the file offset on and 0 when there is
 * nothing new (it never blocks), so following is polling.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "device.h"
#include "jh.h"

#define CONSOLE_USAGE	"jh console [-f]"
#define POLL_NS		(100 * 1000 * 1000L)

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static bool write_all(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(STDOUT_FILENO, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

int cmd_console(int argc, char **argv)
{
	const struct timespec poll = { 0, POLL_NS };
	struct sigaction sa;
	bool follow = false;
	char buf[4096];
	int fd;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-f") || !strcmp(argv[i], "--follow"))
			follow = true;
		else
			return usage_error(CONSOLE_USAGE, "console: unknown "
					   "argument '%s'", argv[i]);
	}
	fd = device_open(O_RDONLY);
	if (fd < 0)
		return JH_EXIT_FAIL;
	if (follow) {
		/* Ctrl-C ends following cleanly (no SA_RESTART: sleeps
		 * and reads return early). */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
	}
	while (!stop) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			report_errno(OP_CONSOLE, device_path(), errno);
			close(fd);
			return JH_EXIT_FAIL;
		}
		if (n > 0) {
			if (!write_all(buf, (size_t)n)) {
				int err = errno;

				close(fd);
				return fail("console: cannot write the "
					    "output: %s", strerror(err));
			}
			continue;
		}
		if (!follow)
			break;
		nanosleep(&poll, NULL);
	}
	close(fd);
	return JH_EXIT_OK;
}
