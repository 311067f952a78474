/* stream.h - stateful stream contexts: per-device LRU table, migration. */
#ifndef WDEMU_STREAM_H
#define WDEMU_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include "emu.h"

/* A stateful stream's private state (hardware keeps it in the 64 KiB stream
 * context buffer; the emulator keeps a z_stream keyed by that address). */
struct emu_stream {
	uint64_t key;
	struct emu_stream *hnext;   /* hash chain            */
	struct emu_stream *prev;    /* LRU list              */
	struct emu_stream *next;
	int dir;                    /* 0 compress, 1 decompress */
	int alg;                    /* 1 deflate, 2 zlib, 3 gzip */
	int wbits;
	int zinit;                  /* zs initialised (deflate or inflate per dir) */
	int finishing;              /* compress: FINISH started, must keep finishing */
	int done;                   /* deflate/inflate reached the end of the data */
	uint8_t trailer[8];         /* compress: trailer to emit; decompress: collected */
	uint32_t tlen;              /* compress: trailer size; decompress: bytes collected */
	uint32_t toff;              /* compress: trailer bytes emitted so far */
	uint64_t total;             /* uncompressed bytes so far (window fill)    */
	z_stream zs;
};

void emu_streams_init(struct emu_stream_table *t, size_t max);
void emu_streams_clear(struct emu_stream_table *t);
struct emu_stream *emu_stream_checkout(struct emu_dev *d, uint64_t key);
void emu_stream_checkin(struct emu_dev *d, struct emu_stream *s);
struct emu_stream *emu_stream_new(uint64_t key);
void emu_stream_free(struct emu_stream *s);
size_t emu_streams_count(struct emu_dev *d);
uint64_t emu_streams_evictions(struct emu_dev *d);

#endif /* WDEMU_STREAM_H */
