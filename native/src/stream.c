/*
 * stream.c - the per-device table of stateful stream contexts.
 *
 * Real hardware keeps a stream's state in the 64 KiB context buffer whose
 * address the driver puts in dw22/dw23, so any queue of any device can serve
 * a stream's next block. The emulator cannot fit a z_stream there, so it keys
 * a z_stream by that address in a bounded table per device:
 *  - a request checks its stream OUT of the table while it runs (so eviction
 *    can never free a stream in use, and the table lock is not held during
 *    zlib work) and checks it back IN afterwards;
 *  - a miss in the own table looks into the other devices' tables and moves
 *    the stream over, so streams migrate between devices like on hardware;
 *  - beyond max entries the least recently used stream is evicted (its next
 *    request completes with WDEMU_ST_STREAM_LOST);
 *  - a stream that finishes or fails is freed by the engine.
 */
#include <stdlib.h>
#include <string.h>

#include "stream.h"
#include "globals.h"

static size_t bucket_of(const struct emu_stream_table *t, uint64_t key)
{
	/* context buffers are at least 64-byte aligned: mix the high bits in */
	uint64_t h = key * 0x9E3779B97F4A7C15ull;

	return (size_t)(h >> 32) % t->nbuckets;
}

void emu_streams_init(struct emu_stream_table *t, size_t max)
{
	/* t->mu is initialised once at load time */
	t->nbuckets = max < 16 ? 32 : max * 2;
	t->buckets = calloc(t->nbuckets, sizeof(*t->buckets));
	if (!t->buckets)
		t->nbuckets = 0;
	t->lru_head = t->lru_tail = NULL;
	t->count = 0;
	t->max = max;
	t->evictions = 0;
}

void emu_stream_free(struct emu_stream *s)
{
	if (!s)
		return;
	if (s->zinit) {
		if (s->dir == 0)
			deflateEnd(&s->zs);
		else
			inflateEnd(&s->zs);
	}
	free(s);
}

struct emu_stream *emu_stream_new(uint64_t key)
{
	struct emu_stream *s = calloc(1, sizeof(*s));

	if (s)
		s->key = key;
	return s;
}

static void lru_unlink(struct emu_stream_table *t, struct emu_stream *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		t->lru_head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	else
		t->lru_tail = s->prev;
	s->prev = s->next = NULL;
}

static void lru_push_front(struct emu_stream_table *t, struct emu_stream *s)
{
	s->prev = NULL;
	s->next = t->lru_head;
	if (t->lru_head)
		t->lru_head->prev = s;
	t->lru_head = s;
	if (!t->lru_tail)
		t->lru_tail = s;
}

static void hash_remove(struct emu_stream_table *t, struct emu_stream *s)
{
	struct emu_stream **pp = &t->buckets[bucket_of(t, s->key)];

	while (*pp && *pp != s)
		pp = &(*pp)->hnext;
	if (*pp)
		*pp = s->hnext;
	s->hnext = NULL;
}

/* Remove and return the entry for key, or NULL. Caller holds t->mu. */
static struct emu_stream *take(struct emu_stream_table *t, uint64_t key)
{
	if (!t->nbuckets)
		return NULL;
	for (struct emu_stream *s = t->buckets[bucket_of(t, key)]; s; s = s->hnext) {
		if (s->key == key) {
			hash_remove(t, s);
			lru_unlink(t, s);
			t->count--;
			return s;
		}
	}
	return NULL;
}

void emu_streams_clear(struct emu_stream_table *t)
{
	pthread_mutex_lock(&t->mu);
	struct emu_stream *s = t->lru_head;

	while (s) {
		struct emu_stream *n = s->next;

		emu_stream_free(s);
		s = n;
	}
	free(t->buckets);
	t->buckets = NULL;
	t->nbuckets = 0;
	t->lru_head = t->lru_tail = NULL;
	t->count = 0;
	pthread_mutex_unlock(&t->mu);
}

struct emu_stream *emu_stream_checkout(struct emu_dev *d, uint64_t key)
{
	struct emu_stream *s;

	pthread_mutex_lock(&d->streams.mu);
	s = take(&d->streams, key);
	pthread_mutex_unlock(&d->streams.mu);
	if (s)
		return s;

	/* The stream may have been served by another device before. One table
	 * lock at a time, so devices can never deadlock on each other. */
	int n = __atomic_load_n(&g_ndev, __ATOMIC_ACQUIRE);

	for (int i = 0; i < n && !s; i++) {
		struct emu_dev *o = &g_dev[i];

		if (o == d)
			continue;
		pthread_mutex_lock(&o->streams.mu);
		s = take(&o->streams, key);
		pthread_mutex_unlock(&o->streams.mu);
	}
	return s;
}

void emu_stream_checkin(struct emu_dev *d, struct emu_stream *s)
{
	struct emu_stream_table *t = &d->streams;
	struct emu_stream *victim = NULL;

	pthread_mutex_lock(&t->mu);
	if (!t->nbuckets) {
		/* the device is being torn down */
		pthread_mutex_unlock(&t->mu);
		emu_stream_free(s);
		return;
	}
	size_t b = bucket_of(t, s->key);

	s->hnext = t->buckets[b];
	t->buckets[b] = s;
	lru_push_front(t, s);
	t->count++;
	if (t->count > t->max) {
		victim = t->lru_tail;
		hash_remove(t, victim);
		lru_unlink(t, victim);
		t->count--;
		t->evictions++;
	}
	pthread_mutex_unlock(&t->mu);
	emu_stream_free(victim);   /* deflateEnd outside the lock */
}

size_t emu_streams_count(struct emu_dev *d)
{
	pthread_mutex_lock(&d->streams.mu);
	size_t n = d->streams.count;

	pthread_mutex_unlock(&d->streams.mu);
	return n;
}

uint64_t emu_streams_evictions(struct emu_dev *d)
{
	pthread_mutex_lock(&d->streams.mu);
	uint64_t n = d->streams.evictions;

	pthread_mutex_unlock(&d->streams.mu);
	return n;
}
