/*
 * device.c - the device side of the QM rings: doorbell latching and the
 * device threads that execute SQEs and post CQEs.
 *
 * Doorbells: wdemu_mmio_write64 finds the device by a lock-free range check
 * of the address against each device's MMIO array (devices are few), then
 * takes that device's lock to latch the new SQ tail or CQ head and signal one
 * device thread. Nothing global is locked on this path.
 *
 * Device threads sleep on dev->work while there is nothing to do (never
 * spin). A queue is served by at most one thread at a time (q->busy), so its
 * SQEs complete in order and its CQ tail and phase need no further care; with
 * threads > 1 different queues run in parallel. The thread holds dev->mu
 * only to pick an SQE and to publish its completion, not while zlib runs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wdemu.h"
#include "emu.h"
#include "device.h"
#include "globals.h"
#include "log.h"
#include "queue.h"
#include "zip.h"

struct emu_worker {
	struct emu_dev *dev;
	pthread_t thread;
	int running;
	struct zip_engine engine;
};

/* A queue with an SQE to execute and room in its CQ (dev->mu held). */
static struct emu_queue *pick(struct emu_dev *d)
{
	if (d->stuck || d->removed || d->shutdown)
		return NULL;
	for (uint32_t i = 0; i < d->instances; i++) {
		uint32_t id = (d->rr + i) % d->instances;
		struct emu_queue *q = &d->q[id];

		if (q->state != Q_STARTED || q->stopped || q->busy || q->sq_head == q->sq_tail)
			continue;
		/* never overwrite a CQE the driver has not consumed: at most
		 * depth-1 outstanding, so tail == head always means empty */
		if ((q->cq_tail + 1) % d->depth == q->cq_head)
			continue;
		d->rr = (id + 1) % d->instances;
		return q;
	}
	return NULL;
}

static int status_ok(uint32_t st)
{
	return st == WDEMU_ST_OK || st == WDEMU_ST_NEGACOMPRESS || st == WDEMU_ST_DECOMP_END;
}

/* Write the results into the SQ slot and post the CQE (dev->mu held). */
/* The CQE's reserved fields, 0 on hardware, carry what the emulated device's
 * worker thread spent on the SQE by its own CPU clock (CLOCK_THREAD_CPUTIME_ID),
 * in nanoseconds: bits 31..0 in rsvd0 (bytes 0..3), bits 47..32 in rsvd2
 * (bytes 12..13), saturated. On the emulator the device's work runs on the
 * host's cores; the driver charges it to the job. */
#define CQE_CPU_NS_MAX ((1ull << 48) - 1)

static void complete(struct emu_dev *d, struct emu_queue *q, uint32_t idx,
		     const uint32_t w[SQE_DWORDS], unsigned long long cpu_ns)
{
	/* queue released, stopped or device gone meanwhile: the SQE is lost,
	 * as on hardware that was reset under it */
	if (q->state != Q_STARTED || q->stopped || d->removed || d->shutdown)
		return;
	uint32_t *slot = (uint32_t *)(q->dus + (size_t)idx * EMU_SQE_SIZE);

	for (int i = 0; i < ZIP_RESULT_DWORDS; i++)
		slot[zip_result_dw[i]] = w[zip_result_dw[i]];

	uint8_t *cqe = q->dus + (size_t)d->depth * EMU_SQE_SIZE + (size_t)q->cq_tail * EMU_CQE_SIZE;
	if (cpu_ns > CQE_CPU_NS_MAX)
		cpu_ns = CQE_CPU_NS_MAX;
	uint32_t rsvd0 = (uint32_t)cpu_ns;
	uint16_t cmd_id = 0, rsvd1 = 0, sq_head = (uint16_t)idx, sq_num = (uint16_t)q->id;
	uint16_t rsvd2 = (uint16_t)(cpu_ns >> 32);

	memcpy(cqe + 0, &rsvd0, 4);
	memcpy(cqe + 4, &cmd_id, 2);
	memcpy(cqe + 6, &rsvd1, 2);
	memcpy(cqe + 8, &sq_head, 2);
	memcpy(cqe + 10, &sq_num, 2);
	memcpy(cqe + 12, &rsvd2, 2);
	/* The phase word last, with release ordering: whoever sees the new
	 * phase also sees the CQE fields and the results in the SQE. */
	__atomic_store_n((uint16_t *)(cqe + 14), (uint16_t)(q->phase & 1), __ATOMIC_RELEASE);
	if (++q->cq_tail == d->depth) {
		q->cq_tail = 0;
		q->phase ^= 1;
	}

	uint32_t st = w[SQE_DW3] & 0xff;

	atomic_fetch_add(&d->st_completed, 1);
	if (!status_ok(st))
		atomic_fetch_add(&d->st_errors, 1);
	atomic_fetch_add(&d->st_bytes_in, w[SQE_CONSUMED]);
	atomic_fetch_add(&d->st_bytes_out, w[SQE_PRODUCED]);
	if (q->pollers)
		pthread_cond_broadcast(&q->cond);
}

static long long service_ns(const struct emu_dev *d, uint32_t in_len)
{
	double ns = d->latency_ns + d->ns_per_byte * (double)in_len;

	return ns > 0 ? (long long)ns : 0;
}

static long long elapsed_ns(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)(t.tv_sec - t0->tv_sec) * 1000000000LL + (t.tv_nsec - t0->tv_nsec);
}

static void *worker_main(void *arg)
{
	struct emu_worker *wk = arg;
	struct emu_dev *d = wk->dev;
	uint32_t w[SQE_DWORDS];

	pthread_mutex_lock(&d->mu);
	while (!d->shutdown) {
		struct emu_queue *q = pick(d);

		if (!q) {
			pthread_cond_wait(&d->work, &d->mu);
			continue;
		}
		uint32_t idx = q->sq_head;
		int dir = q->run_type;
		int injected = 0;

		q->sq_head = (idx + 1) % d->depth;
		q->busy = 1;
		if (d->inject_errors) {
			d->inject_errors--;
			injected = 1;
		}
		/* armed on this worker until its next compression (deflate family, stateless or stream; LZ4, lz77_zstd) */
		if (!injected && dir == 0 && d->inject_bitflips && !wk->engine.flip_next) {
			d->inject_bitflips--;
			wk->engine.flip_next = 1;
		}
		pthread_mutex_unlock(&d->mu);

		/* The SQE was published by the doorbell, which went through
		 * dev->mu: reading it after taking that lock sees it whole. */
		struct timespec t0, cpu0, cpu1;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
		memcpy(w, q->dus + (size_t)idx * EMU_SQE_SIZE, sizeof(w));
		if (injected)
			zip_fail(w, WDEMU_ST_INJECTED);
		else
			zip_execute(&wk->engine, dir, w);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
		long long cpu_ns = (cpu1.tv_sec - cpu0.tv_sec) * 1000000000LL + (cpu1.tv_nsec - cpu0.tv_nsec);
		long long service = service_ns(d, w[SQE_IN_LEN]) - elapsed_ns(&t0);

		pthread_mutex_lock(&d->mu);
		if (service > 0) {
			/* the device is slower than the CPU: hold the completion
			 * back, interruptibly, so neither a release of the queue
			 * nor wdemu_stop waits for it */
			struct timespec deadline;

			emu_time_deadline(&deadline, service);
			while (!d->shutdown && q->state == Q_STARTED &&
			       pthread_cond_timedwait(&d->sleep, &d->mu, &deadline) != ETIMEDOUT)
				;
		}
		/* the service-time wait above is the device's latency, not CPU */
		complete(d, q, idx, w, cpu_ns > 0 ? (unsigned long long)cpu_ns : 1);
		q->busy = 0;
		if (d->waiters)
			pthread_cond_broadcast(&d->idle);
	}
	pthread_mutex_unlock(&d->mu);
	return NULL;
}

int emu_workers_start(struct emu_dev *d)
{
	d->workers = calloc((size_t)d->nthreads, sizeof(*d->workers));
	if (!d->workers)
		return -ENOMEM;
	for (int i = 0; i < d->nthreads; i++) {
		struct emu_worker *wk = &d->workers[i];

		wk->dev = d;
		zip_engine_init(&wk->engine, d);
		int rc = pthread_create(&wk->thread, NULL, worker_main, wk);

		if (rc)
			return -rc;
		wk->running = 1;
	}
	return 0;
}

void emu_workers_stop(struct emu_dev *d)
{
	if (!d->workers)
		return;
	pthread_mutex_lock(&d->mu);
	d->shutdown = 1;
	pthread_cond_broadcast(&d->work);
	pthread_cond_broadcast(&d->sleep);
	pthread_mutex_unlock(&d->mu);
	for (int i = 0; i < d->nthreads; i++) {
		struct emu_worker *wk = &d->workers[i];

		if (wk->running)
			pthread_join(wk->thread, NULL);
		zip_engine_fini(&wk->engine);
	}
	free(d->workers);
	d->workers = NULL;
}

/* ---- doorbell ----------------------------------------------------------- */

static void bad_doorbell(struct emu_dev *d, uintptr_t addr, uint64_t v, const char *why)
{
	atomic_fetch_add(&d->st_bad_doorbells, 1);
	if (g_debug)
		emu_log("%s: doorbell 0x%016llx at %#lx ignored: %s", d->name,
			(unsigned long long)v, (unsigned long)addr, why);
}

static void latch(struct emu_dev *d, uintptr_t addr, uint64_t v)
{
	uintptr_t off = addr - (uintptr_t)d->mmio_base;
	uint32_t slot = (uint32_t)(off / d->mmio_size);
	struct emu_queue *q = &d->q[slot];
	uint32_t sqn, cmd, index = (uint32_t)(v >> 32) & 0xffff;

	if (off % d->mmio_size != d->db_offset || (addr & 7)) {
		bad_doorbell(d, addr, v, "not the doorbell register");
		return;
	}
	/* an MMIO store: the register keeps the last value written */
	__atomic_store_n((uint64_t *)addr, v, __ATOMIC_RELAXED);
	if (d->api == API_V1) {
		sqn = (uint32_t)v & 0xffff;
		cmd = (uint32_t)(v >> 16) & 0xffff;
	} else {
		sqn = (uint32_t)v & 0x3ff;
		cmd = (uint32_t)(v >> 12) & 0xf;
	}
	if (d->removed || q->state != Q_STARTED) {
		bad_doorbell(d, addr, v, "queue not started");
		return;
	}
	if (sqn != q->id) {
		/* v1/v2 hardware would ring queue sqn, whoever owns it */
		bad_doorbell(d, addr, v, "sqn is not this queue's id");
		return;
	}
	if (index >= d->depth) {
		bad_doorbell(d, addr, v, "index beyond depth");
		return;
	}
	switch (cmd) {
	case WDEMU_DB_CMD_SQ:
		q->sq_tail = index;
		break;
	case WDEMU_DB_CMD_CQ:
		q->cq_head = index;   /* may free CQ room a device thread waits for */
		break;
	default:
		bad_doorbell(d, addr, v, "cmd is neither SQ nor CQ");
		return;
	}
	atomic_fetch_add(&d->st_doorbells, 1);
	if (q->sq_head != q->sq_tail && !q->stopped && !d->stuck)
		pthread_cond_signal(&d->work);
}

void emu_doorbell(uintptr_t addr, uint64_t v)
{
	int n = atomic_load(&g_ndev);

	for (int i = 0; i < n; i++) {
		struct emu_dev *d = &g_dev[i];
		uintptr_t lo = atomic_load_explicit(&d->mmio_lo, memory_order_acquire);
		uintptr_t hi = atomic_load_explicit(&d->mmio_hi, memory_order_acquire);

		if (addr < lo || addr >= hi)
			continue;
		pthread_mutex_lock(&d->mu);
		/* re-check under the lock: the device may have stopped since */
		if (d->alive && (uintptr_t)d->mmio_base == lo)
			latch(d, addr, v);
		pthread_mutex_unlock(&d->mu);
		return;
	}
	if (g_debug)
		emu_log("doorbell 0x%016llx at %#lx: not an emulated register",
			(unsigned long long)v, (unsigned long)addr);
}

void wdemu_mmio_write64(long address, long value)
{
	emu_doorbell((uintptr_t)address, (uint64_t)value);
}
