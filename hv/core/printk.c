// SPDX-License-Identifier: GPL-2.0-only
/*
 * Minimal formatted output for the hypervisor console. One lock keeps
 * lines from different CPUs apart.
 */
#include <stdarg.h>
#include <console.h>
#include <printk.h>
#include <spinlock.h>

static spinlock_t console_lock;

static void put_num(u64 v, unsigned int base, bool neg, unsigned int width,
		    char pad)
{
	char buf[24];
	unsigned int n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v && n < sizeof(buf));
	if (neg)
		buf[n++] = '-';
	while (width > n && width--)
		console_putc(pad);
	while (n)
		console_putc(buf[--n]);
}

static void put_string(const char *s)
{
	while (*s)
		console_putc(*s++);
}

static void vprintk(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		unsigned int width = 0, longs = 0;
		char pad = ' ';
		s64 sv;
		u64 v;

		if (*fmt != '%') {
			console_putc(*fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned int)(*fmt++ - '0');
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);

			while (s && *s)
				console_putc(*s++);
			break;
		}
		case 'c':
			console_putc((char)va_arg(ap, int));
			break;
		case 'd':
			sv = longs ? va_arg(ap, s64) : va_arg(ap, int);
			put_num(sv < 0 ? -(u64)sv : (u64)sv, 10, sv < 0, width,
				pad);
			break;
		case 'u':
		case 'x':
			v = longs ? va_arg(ap, u64) : va_arg(ap, unsigned int);
			put_num(v, *fmt == 'u' ? 10 : 16, false, width, pad);
			break;
		case 'p':
			console_putc('0');
			console_putc('x');
			put_num((u64)va_arg(ap, void *), 16, false, 0, ' ');
			break;
		case '%':
			console_putc('%');
			break;
		default:
			console_putc('?');
			if (!*fmt)
				return;
		}
	}
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	spin_lock(&console_lock);
	console_ring_begin();
	vprintk(fmt, ap);
	console_ring_end();
	spin_unlock(&console_lock);
	va_end(ap);
}

void vprintk_line(const char *prefix, const char *where, const char *fmt,
		  va_list ap)
{
	spin_lock(&console_lock);
	console_ring_begin();
	put_string(prefix);
	put_string(where);
	put_string(": ");
	vprintk(fmt, ap);
	console_putc('\n');
	console_ring_end();
	spin_unlock(&console_lock);
}

void console_write_raw(const char *buf, size_t len)
{
	spin_lock(&console_lock);
	console_ring_begin();
	while (len--)
		console_putc(*buf++);
	console_ring_end();
	spin_unlock(&console_lock);
}
