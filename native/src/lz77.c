/*
 * lz77.c - greedy hash-chain match finding for the v3 algorithms.
 *
 * One matcher per device thread: a hash head table cleared per request (every
 * request is independent, as the device's stateless mode) and a chain ring
 * larger than the largest window, so a chain link is never overwritten while
 * still inside the window.
 */
#include <stdlib.h>
#include <string.h>

#include "lz77.h"

#define HASH_BITS    16
#define HASH_SIZE    (1u << HASH_BITS)
#define PREV_SIZE    (1u << 16)          /* > the largest window (32 KiB) */
#define PREV_MASK    (PREV_SIZE - 1)
#define DEPTH_NORMAL 16
#define DEPTH_PRICE  64                  /* price mode searches harder */
#define ZSTD_MIN_MATCH 3u
#define ZSTD_MAX_MATCH (0xffffu + ZSTD_MIN_MATCH)   /* match length - 3 is 16 bits */
#define ZSTD_REP_NUM 3u                  /* offset codes 1..3 are repeat codes */
#define ZSTD_FAR_3 4096u                 /* a 3-byte match further away costs more than it saves */
#define LZ4_MIN_MATCH 4u
#define LZ4_MAX_OFFSET 0xffffu
#define LZ4_LAST_LITERALS 5u             /* the last 5 bytes are literals */
#define LZ4_MF_LIMIT 12u                 /* the last match starts 12 bytes before the end */

int lz77_matcher_init(struct lz77_matcher *m)
{
	m->head = malloc(HASH_SIZE * sizeof(int32_t));
	m->prev = malloc(PREV_SIZE * sizeof(int32_t));
	if (!m->head || !m->prev) {
		lz77_matcher_fini(m);
		return -1;
	}
	return 0;
}

void lz77_matcher_fini(struct lz77_matcher *m)
{
	free(m->head);
	free(m->prev);
	m->head = NULL;
	m->prev = NULL;
}

struct search {
	const uint8_t *in;
	uint32_t len;       /* input length */
	uint32_t min;       /* minimum match length, also the hashed prefix */
	uint32_t window;
	int depth;
};

static uint32_t hash_at(const struct search *s, uint32_t p)
{
	uint32_t v = (uint32_t)s->in[p] | (uint32_t)s->in[p + 1] << 8 | (uint32_t)s->in[p + 2] << 16;

	if (s->min > 3)
		v |= (uint32_t)s->in[p + 3] << 24;
	return (v * 2654435761u) >> (32 - HASH_BITS);
}

static void insert(struct lz77_matcher *m, const struct search *s, uint32_t p)
{
	if (p + s->min > s->len)
		return;
	uint32_t h = hash_at(s, p);

	m->prev[p & PREV_MASK] = m->head[h];
	m->head[h] = (int32_t)p;
}

/* The longest match for p of at most max_len bytes; returns its length
 * (0 when shorter than the minimum) and its distance in *off. */
static uint32_t longest(struct lz77_matcher *m, const struct search *s, uint32_t p,
			uint32_t max_len, uint32_t *off)
{
	uint32_t best = 0;
	int32_t cand = m->head[hash_at(s, p)];

	for (int d = s->depth; cand >= 0 && d > 0; d--) {
		uint32_t c = (uint32_t)cand;

		if (c >= p || p - c > s->window)
			break;
		if (best < max_len && s->in[c + best] == s->in[p + best]) {
			uint32_t n = 0;

			while (n < max_len && s->in[c + n] == s->in[p + n])
				n++;
			if (n > best) {
				best = n;
				*off = p - c;
				if (n == max_len)
					break;
			}
		}
		int32_t next = m->prev[c & PREV_MASK];

		if (next >= cand)
			break;
		cand = next;
	}
	return best >= s->min ? best : 0;
}

static void reset(struct lz77_matcher *m)
{
	memset(m->head, 0xff, HASH_SIZE * sizeof(int32_t));   /* -1: no position */
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

int lz77_zstd(struct lz77_matcher *m, const uint8_t *in, uint32_t in_len, uint32_t window,
	      int price, uint8_t *lits, uint32_t lits_cap, uint8_t *seqs, uint32_t seqs_cap,
	      struct lz77_out *o)
{
	struct search s = { in, in_len, ZSTD_MIN_MATCH, window, price ? DEPTH_PRICE : DEPTH_NORMAL };
	uint32_t p = 0, anchor = 0;

	memset(o, 0, sizeof(*o));
	if (seqs_cap < LZ77_SEQ_TAIL)
		return -1;
	reset(m);
	while (p + ZSTD_MIN_MATCH <= in_len) {
		uint32_t off = 0, max = in_len - p;
		uint32_t n = longest(m, &s, p, max < ZSTD_MAX_MATCH ? max : ZSTD_MAX_MATCH, &off);

		if (n == ZSTD_MIN_MATCH && off > ZSTD_FAR_3)
			n = 0;
		if (!n) {
			insert(m, &s, p++);
			continue;
		}
		uint32_t lit = p - anchor;

		if ((uint64_t)(o->seq_num + 1) * LZ77_SEQ_SIZE + LZ77_SEQ_TAIL > seqs_cap ||
		    o->lit_num + lit > lits_cap)
			return -1;
		memcpy(lits + o->lit_num, in + anchor, lit);
		o->lit_num += lit;
		if (lit > 0xffff)   /* the record keeps 16 bits; dw31 says where the rest went */
			o->overflow = (((o->overflow >> 24) + 1) << 24) | (o->seq_num & 0xffffff);
		uint8_t *r = seqs + (size_t)o->seq_num * LZ77_SEQ_SIZE;

		put32(r, off + ZSTD_REP_NUM);
		r[4] = (uint8_t)lit;
		r[5] = (uint8_t)(lit >> 8);
		r[6] = (uint8_t)(n - ZSTD_MIN_MATCH);
		r[7] = (uint8_t)((n - ZSTD_MIN_MATCH) >> 8);
		o->seq_num++;
		for (uint32_t i = 0; i < n; i++)
			insert(m, &s, p + i);
		p += n;
		anchor = p;
	}
	if (o->lit_num + (in_len - anchor) > lits_cap)
		return -1;
	memcpy(lits + o->lit_num, in + anchor, in_len - anchor);
	o->lit_num += in_len - anchor;
	/* the overflow and frequency areas after the sequences: the frequency
	 * statistics' layout is the hardware's own, so they are left zero */
	memset(seqs + (size_t)o->seq_num * LZ77_SEQ_SIZE, 0, LZ77_SEQ_TAIL);
	return 0;
}

/* An LZ4 length continuation: 255s then the remainder. */
static int put_len(uint8_t *out, uint32_t cap, uint32_t *q, uint32_t v)
{
	for (; v >= 255; v -= 255) {
		if (*q >= cap)
			return -1;
		out[(*q)++] = 255;
	}
	if (*q >= cap)
		return -1;
	out[(*q)++] = (uint8_t)v;
	return 0;
}

/* One LZ4 sequence: literals in[a, a+lit), then a match (mlen 0: none). */
static int put_sequence(uint8_t *out, uint32_t cap, uint32_t *q, const uint8_t *lits,
			uint32_t lit, uint32_t off, uint32_t mlen)
{
	uint32_t mcode = mlen ? mlen - LZ4_MIN_MATCH : 0;

	if (*q >= cap)
		return -1;
	out[(*q)++] = (uint8_t)((lit < 15 ? lit : 15) << 4 | (mcode < 15 ? mcode : 15));
	if (lit >= 15 && put_len(out, cap, q, lit - 15))
		return -1;
	if (cap - *q < lit)
		return -1;
	memcpy(out + *q, lits, lit);
	*q += lit;
	if (!mlen)
		return 0;
	if (cap - *q < 2)
		return -1;
	out[(*q)++] = (uint8_t)off;
	out[(*q)++] = (uint8_t)(off >> 8);
	if (mcode >= 15 && put_len(out, cap, q, mcode - 15))
		return -1;
	return 0;
}

int lz77_lz4_block(struct lz77_matcher *m, const uint8_t *in, uint32_t in_len, uint32_t window,
		   uint8_t *out, uint32_t out_cap, struct lz77_out *o)
{
	struct search s = { in, in_len, LZ4_MIN_MATCH,
			    window < LZ4_MAX_OFFSET ? window : LZ4_MAX_OFFSET, DEPTH_NORMAL };
	uint32_t p = 0, anchor = 0, q = 0;

	memset(o, 0, sizeof(*o));
	reset(m);
	while (in_len > LZ4_MF_LIMIT && p <= in_len - LZ4_MF_LIMIT) {
		uint32_t off = 0;
		uint32_t n = longest(m, &s, p, in_len - LZ4_LAST_LITERALS - p, &off);

		if (!n) {
			insert(m, &s, p++);
			continue;
		}
		if (put_sequence(out, out_cap, &q, in + anchor, p - anchor, off, n))
			return -1;
		for (uint32_t i = 0; i < n; i++)
			insert(m, &s, p + i);
		p += n;
		anchor = p;
	}
	if (put_sequence(out, out_cap, &q, in + anchor, in_len - anchor, 0, 0))
		return -1;
	o->produced = q;
	return 0;
}
