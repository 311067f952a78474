/* stream.h - stateful stream contexts: per-device LRU table, migration. */
#ifndef WDEMU_STREAM_H
#define WDEMU_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "emu.h"

void emu_streams_init(struct emu_stream_table *t, size_t max);
void emu_streams_clear(struct emu_stream_table *t);
struct emu_stream *emu_stream_checkout(struct emu_dev *d, uint64_t key);
void emu_stream_checkin(struct emu_dev *d, struct emu_stream *s);
struct emu_stream *emu_stream_new(uint64_t key);
void emu_stream_free(struct emu_stream *s);
size_t emu_streams_count(struct emu_dev *d);
uint64_t emu_streams_evictions(struct emu_dev *d);

#endif /* WDEMU_STREAM_H */
