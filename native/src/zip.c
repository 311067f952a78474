/*
 * zip.c - executes hisi_zip SQEs with zlib.
 *
 * The hardware produces and consumes raw deflate; zlib and gzip differ only
 * in the trailer it appends (compress) or checks (decompress), because the
 * driver writes and strips the headers in software, as UADK does. So every
 * z_stream here is raw (negative windowBits) and the trailers, checksums and
 * ISIZE are computed by hand, carried across stateful requests in dw30/dw31
 * exactly where the hardware keeps them.
 *
 * Buffers are process virtual addresses (SVA): the device thread runs in the
 * same process and dereferences them directly, zero copy. Hardware SGLs
 * (dw9 buffer type 1) are gathered into / scattered from bounce buffers.
 */
#include <stdlib.h>
#include <string.h>

#include "wdemu.h"
#include "zip.h"
#include "stream.h"

const int zip_result_dw[ZIP_RESULT_DWORDS] = {
	SQE_CONSUMED, SQE_PRODUCED, SQE_COMP_LEN, SQE_DW3, SQE_CTX_DW0,
	SQE_CTX_DW1, SQE_CTX_DW2, SQE_ISIZE, SQE_CHECKSUM
};

enum { ALG_DEFLATE = 1, ALG_ZLIB = 2, ALG_GZIP = 3, ALG_LZ4 = 4,
       ALG_LZ77_ZSTD_PRICE = 0x42, ALG_LZ77_ZSTD = 0x43 };

#define CTX_DW0_BFINAL 0x80u
#define SGL_HEAD_SIZE 64u
#define SGE_SIZE 32u
#define SGL_MAX_CHAIN 65536u  /* bounds a corrupt (cyclic) chain */

struct zip_res {
	uint32_t consumed;
	uint32_t produced;
	uint32_t status;
	uint32_t lastblk;
	uint32_t ctx_st;
	uint32_t bfinal;
	uint32_t window;     /* ctx_dw2[15:0]: bytes of history held (stateful) */
	uint32_t isize;
	uint32_t csum;
};

static uint32_t trailer_size(int alg)
{
	return alg == ALG_ZLIB ? 4u : alg == ALG_GZIP ? 8u : 0u;
}

/* Window size code 0..4 = 4K, 8K, 16K, 24K, 32K. Deflate windows are powers
 * of two, so 24K is served with the 32K window (windowBits 15). */
static int window_bits(uint32_t code)
{
	static const int bits[5] = { 12, 13, 14, 15, 15 };
	return code < 5 ? bits[code] : -1;
}

static uint32_t checksum_init(int alg)
{
	return alg == ALG_ZLIB ? (uint32_t)adler32(0L, Z_NULL, 0) : (uint32_t)crc32(0L, Z_NULL, 0);
}

static uint32_t checksum_update(int alg, uint32_t c, const uint8_t *p, uint32_t n)
{
	if (n == 0 || alg == ALG_DEFLATE)
		return c;
	return alg == ALG_ZLIB ? (uint32_t)adler32(c, p, n) : (uint32_t)crc32(c, p, n);
}

/* zlib trailer: Adler-32 big-endian; gzip trailer: CRC-32, ISIZE little-endian. */
static uint32_t make_trailer(int alg, uint32_t csum, uint32_t isize, uint8_t t[8])
{
	if (alg == ALG_ZLIB) {
		t[0] = (uint8_t)(csum >> 24);
		t[1] = (uint8_t)(csum >> 16);
		t[2] = (uint8_t)(csum >> 8);
		t[3] = (uint8_t)csum;
	} else if (alg == ALG_GZIP) {
		for (int i = 0; i < 4; i++) {
			t[i] = (uint8_t)(csum >> (8 * i));
			t[4 + i] = (uint8_t)(isize >> (8 * i));
		}
	}
	return trailer_size(alg);
}

static int trailer_matches(int alg, uint32_t csum, uint32_t isize, const uint8_t *t)
{
	uint8_t want[8];
	uint32_t n = make_trailer(alg, csum, isize, want);

	return memcmp(want, t, n) == 0;
}

/* ------------------------------------------------------------------------ */
/* hardware SGL (reference section 2.9): 64-byte head {u64 next; u16         */
/* entry_sum_in_chain; u16 entry_sum_in_sgl; u16 entry_length_in_sgl; ...}   */
/* followed by 32-byte SGEs {u64 buf; u64 page_ctrl; u32 len; ...}.           */

static uint64_t rd64(uint64_t addr)
{
	uint64_t v;

	memcpy(&v, (const void *)(uintptr_t)addr, sizeof(v));
	return v;
}

static uint32_t rd32(uint64_t addr)
{
	uint32_t v;

	memcpy(&v, (const void *)(uintptr_t)addr, sizeof(v));
	return v;
}

static uint16_t rd16(uint64_t addr)
{
	uint16_t v;

	memcpy(&v, (const void *)(uintptr_t)addr, sizeof(v));
	return v;
}

/*
 * Copy between a flat buffer and an SGL chain, starting skip bytes into the
 * chain. to_sgl selects the direction. Copies at most len bytes; with
 * buf == NULL only counts. Returns the bytes available/copied, or -1 for a
 * malformed chain.
 */
static long sgl_copy(uint64_t sgl, uint32_t skip, uint8_t *buf, uint32_t len, int to_sgl)
{
	uint32_t done = 0;
	unsigned hops = 0;

	while (sgl && done < len) {
		if ((sgl & 7) || ++hops > SGL_MAX_CHAIN)
			return -1;
		uint16_t n = rd16(sgl + 10);

		for (uint16_t i = 0; i < n && done < len; i++) {
			uint64_t sge = sgl + SGL_HEAD_SIZE + (uint64_t)i * SGE_SIZE;
			uint64_t data = rd64(sge);
			uint32_t dlen = rd32(sge + 16);

			if (skip >= dlen) {
				skip -= dlen;
				continue;
			}
			if (!data)
				return -1;
			uint32_t take = dlen - skip;

			if (take > len - done)
				take = len - done;
			if (buf) {
				uint8_t *p = (uint8_t *)(uintptr_t)(data + skip);

				if (to_sgl)
					memcpy(p, buf + done, take);
				else
					memcpy(buf + done, p, take);
			}
			done += take;
			skip = 0;
		}
		sgl = rd64(sgl);
	}
	return done;
}

static int ensure(uint8_t **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 65536;

	while (n < need)
		n *= 2;
	uint8_t *p = realloc(*buf, n);

	if (!p)
		return -1;
	*buf = p;
	*cap = n;
	return 0;
}

/* ------------------------------------------------------------------------ */

void zip_engine_init(struct zip_engine *e, struct emu_dev *d)
{
	memset(e, 0, sizeof(*e));
	e->dev = d;
}

void zip_engine_fini(struct zip_engine *e)
{
	for (int i = 0; i < 4; i++)
		if (e->def_init[i])
			deflateEnd(&e->def[i]);
	if (e->inf_init)
		inflateEnd(&e->inf);
	if (e->lz_init)
		lz77_matcher_fini(&e->lz);
	free(e->in_buf);
	free(e->out_buf);
	memset(e, 0, sizeof(*e));
}

/* Stateless requests reuse one deflater per window size per device thread:
 * deflateInit2 allocates ~256 KiB, deflateReset only clears the hash. */
static z_stream *stateless_deflater(struct zip_engine *e, int wbits)
{
	int i = wbits - 12;

	if (!e->def_init[i]) {
		memset(&e->def[i], 0, sizeof(e->def[i]));
		if (deflateInit2(&e->def[i], e->dev->level, Z_DEFLATED, -wbits, 8,
				 Z_DEFAULT_STRATEGY) != Z_OK)
			return NULL;
		e->def_init[i] = 1;
	} else if (deflateReset(&e->def[i]) != Z_OK) {
		return NULL;
	}
	return &e->def[i];
}

static z_stream *stateless_inflater(struct zip_engine *e)
{
	if (!e->inf_init) {
		memset(&e->inf, 0, sizeof(e->inf));
		/* a 32K window decodes streams made with any smaller window */
		if (inflateInit2(&e->inf, -15) != Z_OK)
			return NULL;
		e->inf_init = 1;
	} else if (inflateReset(&e->inf) != Z_OK) {
		return NULL;
	}
	return &e->inf;
}

static void compress_stateless(struct zip_engine *e, int alg, int wbits, const uint8_t *in,
			       uint32_t in_len, uint8_t *out, uint32_t out_len,
			       struct zip_res *r)
{
	z_stream *zs = stateless_deflater(e, wbits);

	if (!zs) {
		r->status = WDEMU_ST_BAD_REQUEST;
		return;
	}
	zs->next_in = (Bytef *)in;
	zs->avail_in = in_len;
	zs->next_out = out;
	zs->avail_out = out_len;
	int ret = deflate(zs, Z_FINISH);
	uint32_t n = out_len - zs->avail_out;
	uint32_t tl = trailer_size(alg);

	if (ret != Z_STREAM_END || out_len - n < tl) {
		r->status = WDEMU_ST_DST_TOO_SMALL;   /* hardware reports nothing produced */
		return;
	}
	r->csum = checksum_update(alg, checksum_init(alg), in, in_len);
	r->isize = in_len;
	make_trailer(alg, r->csum, r->isize, out + n);
	r->consumed = in_len;
	r->produced = n + tl;
	r->lastblk = 1;
	r->bfinal = 1;
	r->status = WDEMU_ST_OK;
}

/* After inflate reported Z_STREAM_END at total_in: check the trailer that
 * follows the deflate data in the same buffer. */
static void finish_stateless_inflate(int alg, const uint8_t *in, uint32_t in_len,
				     const uint8_t *out, uint32_t used, uint32_t produced,
				     struct zip_res *r)
{
	uint32_t tl = trailer_size(alg);

	r->produced = produced;
	r->csum = checksum_update(alg, checksum_init(alg), out, produced);
	r->isize = produced;
	if (in_len - used < tl) {
		/* the trailer is cut off: the stream has not ended yet */
		r->consumed = in_len;
		r->status = WDEMU_ST_OK;
		return;
	}
	r->consumed = used + tl;
	r->bfinal = 1;
	if (!trailer_matches(alg, r->csum, r->isize, in + used)) {
		r->status = WDEMU_ST_CRC_ERR;
		return;
	}
	r->status = WDEMU_ST_DECOMP_END;
	r->lastblk = 1;
}

static void decompress_stateless(struct zip_engine *e, int alg, const uint8_t *in,
				 uint32_t in_len, uint8_t *out, uint32_t out_len,
				 struct zip_res *r)
{
	z_stream *zs = stateless_inflater(e);

	if (!zs) {
		r->status = WDEMU_ST_BAD_REQUEST;
		return;
	}
	zs->next_in = (Bytef *)in;
	zs->avail_in = in_len;
	zs->next_out = out;
	zs->avail_out = out_len;
	int ret = inflate(zs, Z_SYNC_FLUSH);

	if (ret == Z_STREAM_END) {
		finish_stateless_inflate(alg, in, in_len, out, (uint32_t)zs->total_in,
					 (uint32_t)zs->total_out, r);
		return;
	}
	if (ret != Z_OK && ret != Z_BUF_ERROR) {
		r->status = WDEMU_ST_BAD_DATA;
		return;
	}
	if (zs->avail_out == 0) {
		/* Output is full: either the data really needs more room, or it
		 * fitted exactly and the end-of-stream marker is still unread.
		 * Ask for one more byte to tell the two apart. */
		uint8_t probe;

		zs->next_out = &probe;
		zs->avail_out = 1;
		ret = inflate(zs, Z_SYNC_FLUSH);
		if (ret == Z_STREAM_END && zs->avail_out == 1) {
			finish_stateless_inflate(alg, in, in_len, out, (uint32_t)zs->total_in,
						 out_len, r);
			return;
		}
		if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT || ret == Z_MEM_ERROR) {
			r->status = WDEMU_ST_BAD_DATA;
			return;
		}
		if (zs->avail_out == 0 || ret == Z_STREAM_END) {
			r->status = WDEMU_ST_DST_TOO_SMALL;
			return;
		}
	}
	/* all input used and the stream goes on: truncated input */
	r->consumed = in_len;
	r->produced = (uint32_t)zs->total_out;
	r->csum = checksum_update(alg, checksum_init(alg), out, r->produced);
	r->isize = r->produced;
	r->status = WDEMU_ST_OK;
}

/* ------------------------------------------------------------------------ */
/* stateful                                                                  */

static int stream_zinit(struct emu_stream *s, int level)
{
	memset(&s->zs, 0, sizeof(s->zs));
	int ret = s->dir == 0 ?
		deflateInit2(&s->zs, level, Z_DEFLATED, -s->wbits, 8, Z_DEFAULT_STRATEGY) :
		inflateInit2(&s->zs, -15);

	s->zinit = ret == Z_OK;
	return s->zinit ? 0 : -1;
}

/* Find the stream's state (any device), or create/reset it for stream-new. */
static struct emu_stream *stream_get(struct zip_engine *e, uint64_t key, int snew, int dir,
				     int alg, int wbits, uint32_t *status)
{
	struct emu_stream *s = emu_stream_checkout(e->dev, key);

	if (!snew) {
		if (!s) {
			*status = WDEMU_ST_STREAM_LOST;
			return NULL;
		}
		if (s->dir != dir || s->alg != alg) {
			/* another kind of stream lives at this context: leave it be */
			emu_stream_checkin(e->dev, s);
			*status = WDEMU_ST_BAD_REQUEST;
			return NULL;
		}
		return s;
	}
	if (s && (s->dir != dir || (dir == 0 && s->wbits != wbits))) {
		emu_stream_free(s);
		s = NULL;
	}
	if (s) {
		int ret = dir == 0 ? deflateReset(&s->zs) : inflateReset(&s->zs);

		if (ret != Z_OK) {
			emu_stream_free(s);
			s = NULL;
		}
	}
	if (!s) {
		s = emu_stream_new(key);
		if (!s) {
			*status = WDEMU_ST_BAD_REQUEST;
			return NULL;
		}
		s->dir = dir;
		s->wbits = wbits;
		if (stream_zinit(s, e->dev->level)) {
			emu_stream_free(s);
			*status = WDEMU_ST_BAD_REQUEST;
			return NULL;
		}
	}
	s->alg = alg;
	s->finishing = 0;
	s->done = 0;
	s->tlen = 0;
	s->toff = 0;
	s->total = 0;
	return s;
}

static uint32_t window_fill(const struct emu_stream *s)
{
	uint64_t w = 1ull << (s->dir == 0 ? s->wbits : 15);

	return (uint32_t)(s->total < w ? s->total : w);
}

/* Emit what is left of a finished compress stream's trailer. Returns 1 when
 * the whole trailer has been written. */
static int emit_trailer(struct emu_stream *s, uint8_t *out, uint32_t space, struct zip_res *r)
{
	uint32_t n = s->tlen - s->toff;

	if (n > space)
		n = space;
	memcpy(out, s->trailer + s->toff, n);
	s->toff += n;
	r->produced += n;
	return s->toff == s->tlen;
}

static void compress_stateful(struct emu_stream *s, int finish,
			      const uint8_t *in, uint32_t in_len, uint8_t *out,
			      uint32_t out_len, struct zip_res *r)
{
	int ended = 0;

	if (!s->done) {
		/* once FINISH has begun zlib must be driven with Z_FINISH to the end,
		 * like the hardware, which cannot take input into a closed stream */
		if (s->finishing) {
			finish = 1;
			in_len = 0;
		}
		s->zs.next_in = (Bytef *)in;
		s->zs.avail_in = in_len;
		s->zs.next_out = out;
		s->zs.avail_out = out_len;
		int ret = deflate(&s->zs, finish ? Z_FINISH : Z_SYNC_FLUSH);

		if (ret == Z_STREAM_ERROR) {
			r->status = WDEMU_ST_BAD_REQUEST;
			return;
		}
		r->consumed = in_len - s->zs.avail_in;
		r->produced = out_len - s->zs.avail_out;
		r->csum = checksum_update(s->alg, r->csum, in, r->consumed);
		r->isize += r->consumed;
		s->total += r->consumed;
		if (finish && s->zs.avail_in == 0)
			s->finishing = 1;
		if (ret == Z_STREAM_END) {
			s->done = 1;
			s->tlen = make_trailer(s->alg, r->csum, r->isize, s->trailer);
			s->toff = 0;
		} else if (s->zs.avail_out == 0) {
			r->ctx_st = WDEMU_CTX_ST_NOSPACE;
		}
	}
	if (s->done) {
		ended = emit_trailer(s, out + r->produced, out_len - r->produced, r);
		if (!ended)
			r->ctx_st = WDEMU_CTX_ST_NOSPACE;
	}
	r->status = WDEMU_ST_OK;
	r->window = window_fill(s);
	if (ended) {
		r->lastblk = 1;
		r->bfinal = 1;
	}
}

static void decompress_stateful(struct emu_stream *s, const uint8_t *in, uint32_t in_len,
				uint8_t *out, uint32_t out_len, struct zip_res *r)
{
	uint32_t tl = trailer_size(s->alg);

	if (!s->done) {
		s->zs.next_in = (Bytef *)in;
		s->zs.avail_in = in_len;
		s->zs.next_out = out;
		s->zs.avail_out = out_len;
		int ret = inflate(&s->zs, Z_SYNC_FLUSH);

		r->consumed = in_len - s->zs.avail_in;
		r->produced = out_len - s->zs.avail_out;
		r->csum = checksum_update(s->alg, r->csum, out, r->produced);
		r->isize += r->produced;
		s->total += r->produced;
		if (ret == Z_STREAM_END) {
			s->done = 1;
			s->tlen = 0;
		} else if (ret != Z_OK && ret != Z_BUF_ERROR) {
			r->status = WDEMU_ST_BAD_DATA;   /* the caller frees the stream */
			return;
		} else if (s->zs.avail_out == 0) {
			r->ctx_st = WDEMU_CTX_ST_NOSPACE;
		}
	}
	r->window = window_fill(s);
	if (!s->done) {
		r->status = WDEMU_ST_OK;
		return;
	}
	/* the trailer may straddle requests: collect it byte by byte */
	uint32_t take = tl - s->tlen;

	if (take > in_len - r->consumed)
		take = in_len - r->consumed;
	memcpy(s->trailer + s->tlen, in + r->consumed, take);
	s->tlen += take;
	r->consumed += take;
	r->bfinal = 1;
	if (s->tlen < tl) {
		r->status = WDEMU_ST_OK;
		return;
	}
	if (!trailer_matches(s->alg, r->csum, r->isize, s->trailer)) {
		r->status = WDEMU_ST_CRC_ERR;
		return;
	}
	r->status = WDEMU_ST_DECOMP_END;
	r->lastblk = 1;
}

/* ------------------------------------------------------------------------ */

void zip_fail(uint32_t w[SQE_DWORDS], uint32_t status)
{
	w[SQE_CONSUMED] = 0;
	w[SQE_PRODUCED] = 0;
	w[SQE_COMP_LEN] = 0;
	w[SQE_DW3] = status & 0xff;
	w[SQE_CTX_DW0] &= ~0xfu;
}

/* ------------------------------------------------------------------------ */
/* v3 algorithms: lz77_zstd and lz4, compression only, stateless, flat       */
/* buffers (the emulator does not serve their stream mode or SGLs).          */

static void execute_deflate(struct zip_engine *e, int dir, uint32_t w[SQE_DWORDS]);

static int is_v3_alg(int alg)
{
	return alg == ALG_LZ4 || alg == ALG_LZ77_ZSTD || alg == ALG_LZ77_ZSTD_PRICE;
}

/* History window in bytes for dw9's window code (4K, 8K, 16K, 24K, 32K). */
static uint32_t window_bytes(uint32_t code)
{
	static const uint32_t kib[5] = { 4, 8, 16, 24, 32 };

	return code < 5 ? kib[code] * 1024u : 0;
}

static uint32_t execute_v3(struct zip_engine *e, int dir, uint32_t w[SQE_DWORDS], int alg)
{
	uint32_t dw9 = w[SQE_DW9];
	uint32_t window = window_bytes((dw9 >> 12) & 0xf);
	uint32_t in_len = w[SQE_IN_LEN];
	uint64_t src = (uint64_t)w[SQE_SRC_H] << 32 | w[SQE_SRC_L];
	uint64_t dst = (uint64_t)w[SQE_DST_H] << 32 | w[SQE_DST_L];
	uint64_t lit = (uint64_t)w[SQE_LIT_H] << 32 | w[SQE_LIT_L];
	struct lz77_out o;

	if (e->dev->api != API_V3 || dir != 0 || (w[SQE_DW7] >> 26) & 1 || (dw9 >> 8) & 0xf ||
	    !window || !src || !dst)
		return WDEMU_ST_BAD_REQUEST;
	if (!e->lz_init) {
		if (lz77_matcher_init(&e->lz))
			return WDEMU_ST_BAD_REQUEST;
		e->lz_init = 1;
	}
	const uint8_t *in = (const uint8_t *)(uintptr_t)src;

	if (alg == ALG_LZ4) {
		if (in_len == 0 || in_len > LZ4_MAX_IN)
			return WDEMU_ST_BAD_REQUEST;
		if (lz77_lz4_block(&e->lz, in, in_len, window, (uint8_t *)(uintptr_t)dst,
				   w[SQE_OUT_AVAIL], &o))
			return WDEMU_ST_DST_TOO_SMALL;
		w[SQE_PRODUCED] = o.produced;
		w[SQE_COMP_LEN] = 0;
		w[SQE_CHECKSUM] = 0;
	} else {
		if (in_len > LZ77_ZSTD_MAX_IN || !lit)
			return WDEMU_ST_BAD_REQUEST;
		/* dw13 holds the literals buffer size in SQE type 3 (the tag is in dw26) */
		if (lz77_zstd(&e->lz, in, in_len, window, alg == ALG_LZ77_ZSTD_PRICE,
			      (uint8_t *)(uintptr_t)lit, w[SQE_DW13], (uint8_t *)(uintptr_t)dst,
			      w[SQE_OUT_AVAIL], &o))
			return WDEMU_ST_DST_TOO_SMALL;
		w[SQE_PRODUCED] = o.seq_num;
		w[SQE_COMP_LEN] = o.lit_num;
		w[SQE_CHECKSUM] = o.overflow;
	}
	if (e->flip_next) {
		/* the bitflip fault, as for deflate: one bit of the LZ4 block or of the
		 * zstd literals (the bytes the output is built of) flipped, status OK */
		uint8_t *flip = alg == ALG_LZ4 ? (uint8_t *)(uintptr_t)dst : (uint8_t *)(uintptr_t)lit;
		uint32_t n = alg == ALG_LZ4 ? o.produced : o.lit_num;

		if (n) {
			flip[n / 2] ^= 0x10;
			e->flip_next = 0;
		}
	}
	w[SQE_CONSUMED] = in_len;
	w[SQE_DW3] = WDEMU_ST_OK;
	w[SQE_CTX_DW0] = 0;
	return WDEMU_ST_OK;
}

void zip_execute(struct zip_engine *e, int dir, uint32_t w[SQE_DWORDS])
{
	int v3_alg = (int)(w[SQE_DW9] & 0xff);

	if (is_v3_alg(v3_alg)) {
		uint32_t st = execute_v3(e, dir, w, v3_alg);

		if (st != WDEMU_ST_OK) {
			zip_fail(w, st);
			w[SQE_CHECKSUM] = 0;
		}
		return;
	}
	execute_deflate(e, dir, w);
}

static void execute_deflate(struct zip_engine *e, int dir, uint32_t w[SQE_DWORDS])
{
	struct zip_res r;
	uint32_t dw7 = w[SQE_DW7];
	uint32_t dw9 = w[SQE_DW9];
	int alg = (int)(dw9 & 0xff);
	int wbits = window_bits((dw9 >> 12) & 0xf);
	uint32_t buf_type = (dw9 >> 8) & 0xf;
	int finish = (dw7 >> 25) & 1;
	int stateful = (dw7 >> 26) & 1;
	int snew = (dw7 >> 27) & 1;
	uint64_t src = (uint64_t)w[SQE_SRC_H] << 32 | w[SQE_SRC_L];
	uint64_t dst = (uint64_t)w[SQE_DST_H] << 32 | w[SQE_DST_L];
	uint64_t ctx = (uint64_t)w[SQE_CTX_H] << 32 | w[SQE_CTX_L];
	uint32_t in_len = w[SQE_IN_LEN];
	uint32_t out_len = w[SQE_OUT_AVAIL];
	const uint8_t *in;
	uint8_t *out;
	uint8_t dummy = 0;
	struct emu_stream *s = NULL;

	memset(&r, 0, sizeof(r));
	if (alg < ALG_DEFLATE || alg > ALG_GZIP || wbits < 0 || buf_type > 1 ||
	    (stateful && !ctx))
		goto bad;

	if (buf_type == 0) {
		if ((in_len && !src) || (out_len && !dst))
			goto bad;
		in = (const uint8_t *)(uintptr_t)src;
		out = (uint8_t *)(uintptr_t)dst;
	} else {
		uint32_t in_skip = dw7 & 0xffffff, out_skip = w[SQE_DW8] & 0xffffff;
		long cap = sgl_copy(dst, out_skip, NULL, out_len, 1);

		if (cap < 0 || ensure(&e->in_buf, &e->in_cap, in_len) ||
		    ensure(&e->out_buf, &e->out_cap, (size_t)cap))
			goto bad;
		if (sgl_copy(src, in_skip, e->in_buf, in_len, 0) != (long)in_len)
			goto bad;
		out_len = (uint32_t)cap;
		in = e->in_buf;
		out = e->out_buf;
	}
	if (!in)
		in = &dummy;
	if (!out)
		out = &dummy;   /* zlib insists on a non-NULL next_out */

	if (!stateful) {
		if (dir == 0)
			compress_stateless(e, alg, wbits, in, in_len, out, out_len, &r);
		else
			decompress_stateless(e, alg, in, in_len, out, out_len, &r);
	} else {
		s = stream_get(e, ctx, snew, dir, alg, wbits, &r.status);
		if (!s)
			goto done;
		/* checksum and ISIZE carries travel in the SQE, as in hardware;
		 * a new stream starts from the algorithm's initial values */
		r.csum = snew ? checksum_init(alg) : w[SQE_CHECKSUM];
		r.isize = snew ? 0 : w[SQE_ISIZE];
		if (dir == 0)
			compress_stateful(s, finish, in, in_len, out, out_len, &r);
		else
			decompress_stateful(s, in, in_len, out, out_len, &r);
		/* a finished or failed stream's context is freed; a live one goes
		 * back to the device's table */
		if (r.lastblk || r.status != WDEMU_ST_OK)
			emu_stream_free(s);
		else
			emu_stream_checkin(e->dev, s);
	}
	if (e->flip_next && dir == 0 && r.status == WDEMU_ST_OK && r.produced) {
		/* the bitflip fault: wrong bytes, status OK - what compress-and-verify must catch;
		 * a stream's too (its zlib state is the device's and stays right: only the bytes
		 * it delivered are wrong) */
		out[r.produced / 2] ^= 0x10;
		e->flip_next = 0;
	}
	if (buf_type == 1 && r.produced &&
	    sgl_copy(dst, w[SQE_DW8] & 0xffffff, e->out_buf, r.produced, 1) != (long)r.produced)
		goto bad;
	goto done;
bad:
	memset(&r, 0, sizeof(r));
	r.status = WDEMU_ST_BAD_REQUEST;
	r.isize = w[SQE_ISIZE];
	r.csum = w[SQE_CHECKSUM];
done:
	if (r.status != WDEMU_ST_OK && r.status != WDEMU_ST_DECOMP_END &&
	    r.status != WDEMU_ST_CRC_ERR && r.status != WDEMU_ST_BAD_DATA) {
		r.consumed = 0;
		r.produced = 0;
	}
	w[SQE_CONSUMED] = r.consumed;
	w[SQE_PRODUCED] = r.produced;
	w[SQE_COMP_LEN] = 0;
	w[SQE_DW3] = (r.status & 0xff) | (r.lastblk ? WDEMU_LASTBLK_MASK : 0);
	w[SQE_CTX_DW0] = (stateful ? r.ctx_st : 0) | (r.bfinal ? CTX_DW0_BFINAL : 0);
	if (stateful) {
		w[SQE_CTX_DW1] = 0;
		w[SQE_CTX_DW2] = r.window & 0xffff;
	}
	w[SQE_ISIZE] = r.isize;
	w[SQE_CHECKSUM] = r.csum;
}
