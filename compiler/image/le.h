/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Little-endian loads and stores at byte offsets. Images are read and
 * written through these, never by casting the buffer to packed structs,
 * so the code is independent of host byte order and alignment.
 */
#ifndef JH_IMAGE_LE_H
#define JH_IMAGE_LE_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t jh_le_get(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

static inline void jh_le_put(uint8_t *p, unsigned int n, uint64_t v)
{
	for (unsigned int i = 0; i < n; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

static inline uint8_t jh_get8(const uint8_t *p) { return p[0]; }
static inline uint16_t jh_get16(const uint8_t *p)
{
	return (uint16_t)jh_le_get(p, 2);
}
static inline uint32_t jh_get32(const uint8_t *p)
{
	return (uint32_t)jh_le_get(p, 4);
}
static inline uint64_t jh_get64(const uint8_t *p) { return jh_le_get(p, 8); }

static inline void jh_put8(uint8_t *p, uint8_t v) { p[0] = v; }
static inline void jh_put16(uint8_t *p, uint16_t v) { jh_le_put(p, 2, v); }
static inline void jh_put32(uint8_t *p, uint32_t v) { jh_le_put(p, 4, v); }
static inline void jh_put64(uint8_t *p, uint64_t v) { jh_le_put(p, 8, v); }

#endif /* JH_IMAGE_LE_H */
