/*
 * zip.h - the hisi_zip execution engine: one 128-byte SQE in, results out.
 */
#ifndef WDEMU_ZIP_H
#define WDEMU_ZIP_H

#include <stdint.h>
#include <zlib.h>

#include "emu.h"
#include "lz77.h"

/* SQE dword indices (reference section 2.10). */
enum {
	SQE_CONSUMED = 0,
	SQE_PRODUCED = 1,
	SQE_COMP_LEN = 2,
	SQE_DW3 = 3,
	SQE_IN_LEN = 4,
	SQE_DW7 = 7,
	SQE_DW8 = 8,
	SQE_DW9 = 9,
	SQE_DW13 = 13,
	SQE_OUT_AVAIL = 14,
	SQE_CTX_DW0 = 15,
	SQE_SRC_L = 18,
	SQE_SRC_H = 19,
	SQE_DST_L = 20,
	SQE_DST_H = 21,
	SQE_CTX_L = 22,
	SQE_CTX_H = 23,
	SQE_LIT_L = 24,
	SQE_LIT_H = 25,
	SQE_DW26 = 26,
	SQE_CTX_DW1 = 28,
	SQE_CTX_DW2 = 29,
	SQE_ISIZE = 30,
	SQE_CHECKSUM = 31,
	SQE_DWORDS = 32
};

/* The dwords the device writes back into the SQ slot (tags are not among them). */
#define ZIP_RESULT_DWORDS 9
extern const int zip_result_dw[ZIP_RESULT_DWORDS];

/* Per device thread scratch: cached stateless z_streams and SGL bounce buffers. */
struct zip_engine {
	struct emu_dev *dev;
	z_stream def[4];            /* raw deflate, windowBits 12..15 */
	int def_init[4];
	z_stream inf;               /* raw inflate, windowBits 15 */
	int inf_init;
	uint8_t *in_buf;
	size_t in_cap;
	uint8_t *out_buf;
	size_t out_cap;
	struct lz77_matcher lz;     /* lz77_zstd and lz4 (v3 devices) */
	int lz_init;
	int flip_next;              /* the bitflip fault, armed by the worker: flip a bit of the next stateless compression's output */
};

void zip_engine_init(struct zip_engine *e, struct emu_dev *d);
void zip_engine_fini(struct zip_engine *e);

/* Execute the SQE copy w (direction from the queue's qc_type: 0 compress,
 * 1 decompress) and store the results into w's result dwords. */
void zip_execute(struct zip_engine *e, int dir, uint32_t w[SQE_DWORDS]);

/* Complete the SQE copy w with an error status and nothing consumed/produced. */
void zip_fail(uint32_t w[SQE_DWORDS], uint32_t status);

#endif /* WDEMU_ZIP_H */
