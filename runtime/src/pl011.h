/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * PL011 UART transmit.
 */
#ifndef JH_RT_PL011_H
#define JH_RT_PL011_H

void pl011_putc(unsigned long base, char c);

#endif /* JH_RT_PL011_H */
