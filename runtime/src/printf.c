// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Formatted output. One formatter (format_to) writes characters to a
 * sink; snprintf and printf are sinks over a buffer and the console.
 * Freestanding and allocation-free, so it also builds for host tests
 * (JH_RT_PRINTF_HOST_TEST leaves out the console part).
 */
#ifdef JH_RT_PRINTF_HOST_TEST
/* Host unit test: own names, so libc's versions stay comparable. */
#define vsnprintf rt_vsnprintf
#define snprintf rt_snprintf
#endif

#include "printf.h"

#ifndef JH_RT_PRINTF_HOST_TEST
#include "console.h"
#endif

struct spec {
	bool left;		/* '-' */
	bool zero;		/* '0' */
	bool plus;		/* '+' */
	bool space;		/* ' ' */
	bool alt;		/* '#' */
	int width;
	int precision;		/* -1: none given */
};

struct out {
	format_sink_t sink;
	void *ctx;
	int count;
};

static void emit(struct out *o, char c)
{
	o->sink(o->ctx, c);
	o->count++;
}

static void emit_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		emit(o, c);
}

static void emit_string(struct out *o, const struct spec *sp, const char *s)
{
	int len = 0;

	if (!s)
		s = "(null)";
	while (s[len] && (sp->precision < 0 || len < sp->precision))
		len++;
	if (!sp->left)
		emit_pad(o, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		emit(o, s[i]);
	if (sp->left)
		emit_pad(o, ' ', sp->width - len);
}

/*
 * An integer: padding spaces, prefix (sign, "0x"), zeros (precision or
 * the '0' flag), digits; with '-' the spaces go to the right instead.
 */
static void emit_number(struct out *o, const struct spec *sp, u64 value,
			unsigned int base, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int len = 0, zeros = 0, prefix_len = 0, pad;

	while (prefix[prefix_len])
		prefix_len++;
	while (value) {
		buf[len++] = digits[value % base];
		value /= base;
	}
	/* "%.0d" of zero prints no digit; otherwise at least one. */
	if (len == 0 && sp->precision != 0)
		buf[len++] = '0';
	if (sp->precision > len)
		zeros = sp->precision - len;
	pad = sp->width - len - zeros - prefix_len;
	if (sp->zero && !sp->left && sp->precision < 0 && pad > 0) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		emit_pad(o, ' ', pad);
	for (int i = 0; i < prefix_len; i++)
		emit(o, prefix[i]);
	emit_pad(o, '0', zeros);
	while (len)
		emit(o, buf[--len]);
	if (sp->left)
		emit_pad(o, ' ', pad);
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static u64 fetch_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG:
		return va_arg(*ap, unsigned long);
	case LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case LEN_SIZE:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static s64 fetch_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case LEN_SHORT:
		return (short)va_arg(*ap, int);
	case LEN_LONG:
		return va_arg(*ap, long);
	case LEN_LLONG:
		return va_arg(*ap, long long);
	case LEN_SIZE:
		return (s64)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

/* Parses flags, width, precision; returns the pointer past them. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .precision = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else if (*f == '+')
			sp->plus = true;
		else if (*f == ' ')
			sp->space = true;
		else if (*f == '#')
			sp->alt = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	} else {
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (*f++ - '0');
	}
	if (*f == '.') {
		f++;
		sp->precision = 0;
		if (*f == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;
			f++;
		} else {
			while (*f >= '0' && *f <= '9')
				sp->precision = sp->precision * 10 +
						(*f++ - '0');
		}
	}
	return f;
}

static const char *parse_length(const char *f, enum length *len)
{
	*len = LEN_INT;
	if (*f == 'h') {
		f++;
		*len = LEN_SHORT;
		if (*f == 'h') {
			f++;
			*len = LEN_CHAR;
		}
	} else if (*f == 'l') {
		f++;
		*len = LEN_LONG;
		if (*f == 'l') {
			f++;
			*len = LEN_LLONG;
		}
	} else if (*f == 'z') {
		f++;
		*len = LEN_SIZE;
	}
	return f;
}

static void emit_signed(struct out *o, const struct spec *sp, s64 v)
{
	const char *prefix = "";
	u64 magnitude;

	if (v < 0) {
		prefix = "-";
		/* Negate in unsigned arithmetic: INT64_MIN has no s64 peer. */
		magnitude = 0 - (u64)v;
	} else {
		magnitude = (u64)v;
		if (sp->plus)
			prefix = "+";
		else if (sp->space)
			prefix = " ";
	}
	emit_number(o, sp, magnitude, 10, false, prefix);
}

int format_to(format_sink_t sink, void *ctx, const char *fmt, va_list ap)
{
	struct out o = { .sink = sink, .ctx = ctx };
	struct spec sp;
	enum length len;
	va_list args;
	u64 u;
	char c;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			emit(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		fmt = parse_length(fmt, &len);
		switch (*fmt) {
		case 'd':
		case 'i':
			emit_signed(&o, &sp, fetch_signed(&args, len));
			break;
		case 'u':
			emit_number(&o, &sp, fetch_unsigned(&args, len), 10,
				    false, "");
			break;
		case 'o':
			emit_number(&o, &sp, fetch_unsigned(&args, len), 8,
				    false, sp.alt ? "0" : "");
			break;
		case 'x':
		case 'X':
			u = fetch_unsigned(&args, len);
			emit_number(&o, &sp, u, 16, *fmt == 'X',
				    sp.alt && u ? (*fmt == 'X' ? "0X" : "0x")
						: "");
			break;
		case 'p':
			emit_number(&o, &sp, (u64)(uintptr_t)
				    va_arg(args, void *), 16, false, "0x");
			break;
		case 's':
			emit_string(&o, &sp, va_arg(args, const char *));
			break;
		case 'c':
			c = (char)va_arg(args, int);
			if (!sp.left)
				emit_pad(&o, ' ', sp.width - 1);
			emit(&o, c);
			if (sp.left)
				emit_pad(&o, ' ', sp.width - 1);
			break;
		case '%':
			emit(&o, '%');
			break;
		case '\0':
			/* A lone '%' at the end: print it, do not run off. */
			emit(&o, '%');
			va_end(args);
			return o.count;
		default:
			/* Unknown conversion: show it as written. */
			emit(&o, '%');
			emit(&o, *fmt);
			break;
		}
		fmt++;
	}
	va_end(args);
	return o.count;
}

struct buffer {
	char *buf;
	size_t size;
	size_t used;
};

static void buffer_sink(void *ctx, char c)
{
	struct buffer *b = ctx;

	if (b->used + 1 < b->size)
		b->buf[b->used] = c;
	b->used++;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buffer b = { .buf = buf, .size = size };
	int n = format_to(buffer_sink, &b, fmt, ap);

	if (size)
		buf[b.used < size ? b.used : size - 1] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#ifndef JH_RT_PRINTF_HOST_TEST
static void console_sink(void *ctx, char c)
{
	(void)ctx;
	console_putc(c);
}

int vprintf(const char *fmt, va_list ap)
{
	int n;

	console_lock();
	n = format_to(console_sink, NULL, fmt, ap);
	console_unlock();
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}
#endif
