/*
 * lz77.h - the v3 device's match-finding algorithms: lz77_zstd (literals and
 * sequences for a software zstd entropy stage) and lz4 (LZ4 block format).
 *
 * Output layouts follow Linaro UADK drv/hisi_comp.c (see docs/hisi-zip-v3.md):
 *  - lz77_zstd: literals are copied, in order, to the literals buffer
 *    (SQE dw24/25, size dw13); sequences go to the destination buffer (dw20/21,
 *    size dw14), 8 bytes each, followed by an 8-byte overflow area and the
 *    784-byte frequency area. Result: dw0 consumed, dw1 sequence count,
 *    dw2 literal count, dw31 literal-length overflow [31:24] count, [23:0] position.
 *  - lz4: one LZ4 block (no frame) in the destination buffer; dw1 its size.
 */
#ifndef WDEMU_LZ77_H
#define WDEMU_LZ77_H

#include <stdint.h>

/* Per-request input limits (UADK ZSTD_MAX_SIZE and HZ_MAX_SIZE). */
#define LZ77_ZSTD_MAX_IN    (1u << 17)
#define LZ4_MAX_IN          (8u << 20)
/* Bytes the device writes after the sequences (UADK OVERFLOW_DATA_SIZE and
 * ZSTD_FREQ_DATA_SIZE). */
#define LZ77_SEQ_TAIL       (8u + 784u)
#define LZ77_SEQ_SIZE       8u

/* History and hash chains of one device thread, reused across requests. */
struct lz77_matcher {
	int32_t *head;      /* hash -> last position                     */
	int32_t *prev;      /* position & PREV_MASK -> previous position  */
};

struct lz77_out {
	uint32_t lit_num;
	uint32_t seq_num;
	uint32_t overflow;  /* dw31: count << 24 | position */
	uint32_t produced;  /* lz4: block size */
};

int lz77_matcher_init(struct lz77_matcher *m);
void lz77_matcher_fini(struct lz77_matcher *m);

/*
 * lz77_zstd: find matches (minimum length 3, within window bytes, chain depth
 * deeper in price mode) and write literals and sequences.
 * Returns 0, or -1 when the literals or the sequences (with their tail) do not fit.
 */
int lz77_zstd(struct lz77_matcher *m, const uint8_t *in, uint32_t in_len, uint32_t window,
	      int price, uint8_t *lits, uint32_t lits_cap, uint8_t *seqs, uint32_t seqs_cap,
	      struct lz77_out *o);

/* lz4: compress in as one LZ4 block. Returns 0, or -1 when it does not fit. */
int lz77_lz4_block(struct lz77_matcher *m, const uint8_t *in, uint32_t in_len, uint32_t window,
		   uint8_t *out, uint32_t out_cap, struct lz77_out *o);

#endif /* WDEMU_LZ77_H */
