/*
 * queue.c - the char device's file operations: open, close, mmap, munmap,
 * poll, and the queue-pair allocation behind them.
 *
 * Like the kernel (hisi_qm), a device owns a fixed array of queue pairs and
 * the memory behind them: open takes a free one (cyclic ids, as the kernel's
 * idr), PUT_Q/close give it back. The MMIO and DUS regions of all queue pairs
 * are two page-aligned anonymous mappings made when the device starts and
 * unmapped only when it stops, so no address the driver ever got from
 * wdemu_mmap can fault while the emulator runs - also after PUT_Q, close or
 * device removal, when the kernel would have left the old mapping in place.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "wdemu.h"
#include "emu.h"
#include "queue.h"
#include "globals.h"
#include "sysfs.h"

void emu_time_deadline(struct timespec *ts, long long ns)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += (time_t)(ns / 1000000000LL);
	ts->tv_nsec += (long)(ns % 1000000000LL);
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/* Take a free queue pair (dev->mu held). */
int emu_queue_alloc(struct emu_dev *d, struct emu_queue **qp)
{
	if (d->in_use >= d->instances)
		return -EBUSY;
	for (uint32_t i = 0; i < d->instances; i++) {
		uint32_t id = (d->next_qp + i) % d->instances;
		struct emu_queue *q = &d->q[id];

		if (q->state != Q_FREE)
			continue;
		d->next_qp = (id + 1) % d->instances;
		/* Fresh rings: zero pages (what dma_alloc_coherent and the
		 * kernel's CQE memset give), so no stale phase bit can look like
		 * a completion. DONTNEED also returns the old pages. */
		if (madvise(q->dus, d->dus_size, MADV_DONTNEED))
			memset(q->dus, 0, d->dus_size);
		memset(q->mmio, 0, d->mmio_size);
		q->state = Q_INIT;
		q->qc_type = 0;
		q->run_type = 0;
		q->stopped = 0;
		q->busy = 0;
		q->sq_tail = q->sq_head = 0;
		q->cq_tail = q->cq_head = 0;
		q->phase = 1;
		d->in_use++;
		*qp = q;
		return 0;
	}
	return -EBUSY;
}

/*
 * Stop and release a queue pair (dev->mu held; may drop it while waiting).
 * The slot becomes DRAINING first, so no device thread picks it up again and
 * no new open can take it, then we wait for a device thread still executing
 * one of its SQEs: that thread writes into the SQ slot and must be done
 * before the memory can be handed to the next owner.
 */
void emu_queue_release(struct emu_dev *d, struct emu_queue *q)
{
	q->state = Q_DRAINING;
	pthread_cond_broadcast(&d->sleep);   /* cut a service-time wait short */
	d->waiters++;
	while (q->busy)
		pthread_cond_wait(&d->idle, &d->mu);
	d->waiters--;
	/* No device thread can touch the rings any more: give the pages back.
	 * The address range stays mapped (a late access reads zeros, never
	 * faults) and is zero again for the next owner. */
	madvise(q->dus, d->dus_size, MADV_DONTNEED);
	q->state = Q_FREE;
	q->stopped = 0;
	d->in_use--;
	if (q->pollers)
		pthread_cond_broadcast(&q->cond);
}

/* ---- fd table ----------------------------------------------------------- */

static int file_reserve(uint32_t *gen)
{
	static unsigned cursor;
	int fd = -EMFILE;

	pthread_mutex_lock(&g_files_mu);
	for (unsigned i = 0; i < EMU_MAX_FILES; i++) {
		unsigned idx = (cursor + i) % EMU_MAX_FILES;
		struct emu_file *f = &g_files[idx];

		if (f->used)
			continue;
		/* next-fit: a closed fd number is not handed out again at once,
		 * so a stale fd in the driver rarely hits someone else's queue */
		cursor = idx + 1;
		f->used = 1;
		f->gen++;
		*gen = f->gen;
		fd = EMU_FD_BASE + (int)idx;
		break;
	}
	pthread_mutex_unlock(&g_files_mu);
	return fd;
}

static void file_unreserve(int fd, uint32_t gen)
{
	struct emu_file *f = &g_files[fd - EMU_FD_BASE];

	pthread_mutex_lock(&g_files_mu);
	if (f->used && f->gen == gen) {
		atomic_store(&f->dev, NULL);
		f->used = 0;
	}
	pthread_mutex_unlock(&g_files_mu);
}

struct emu_file *emu_file_get(int fd, struct emu_dev **devp)
{
	if (fd < EMU_FD_BASE || fd >= EMU_FD_BASE + EMU_MAX_FILES)
		return NULL;
	struct emu_file *f = &g_files[fd - EMU_FD_BASE];
	struct emu_dev *d = atomic_load(&f->dev);

	if (!d)
		return NULL;
	pthread_mutex_lock(&d->mu);
	if (atomic_load(&f->dev) != d || !f->open) {
		pthread_mutex_unlock(&d->mu);
		return NULL;
	}
	*devp = d;
	return f;
}

/* ---- open / close ------------------------------------------------------- */

static int same_dir(const char *path, const char *base, const char *real_dir)
{
	char dir[EMU_PATH_MAX], real[PATH_MAX];
	size_t n = (size_t)(base - path);

	if (n == 0) {
		strcpy(dir, ".");
	} else {
		if (n >= sizeof(dir))
			return 0;
		memcpy(dir, path, n);
		dir[n] = '\0';
	}
	return realpath(dir, real) && !strcmp(real, real_dir);
}

int wdemu_open(const char *path, int flags)
{
	(void)flags;   /* uacce ignores open flags; O_RDWR | O_CLOEXEC in UADK */
	if (!path)
		return -EFAULT;
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	uint32_t gen;
	int fd = file_reserve(&gen);

	if (fd < 0)
		return fd;
	struct emu_file *f = &g_files[fd - EMU_FD_BASE];
	int n = atomic_load(&g_ndev);
	int rc = -ENODEV;

	for (int i = 0; i < n; i++) {
		struct emu_dev *d = &g_dev[i];
		struct emu_queue *q;

		pthread_mutex_lock(&d->mu);
		if (!d->alive || strcmp(d->name, name)) {
			pthread_mutex_unlock(&d->mu);
			continue;
		}
		if (d->removed) {
			rc = -ENODEV;
		} else if (!same_dir(path, slash ? slash + 1 : path, d->dev_dir_real)) {
			rc = -ENOENT;
		} else if (d->ebusy) {
			d->ebusy--;
			rc = -EBUSY;
		} else {
			rc = emu_queue_alloc(d, &q);
		}
		if (rc == 0) {
			f->open = 1;
			f->q = q;
			f->slot = q->id;
			f->mapped[0] = f->mapped[1] = 0;
			atomic_store(&f->dev, d);
			atomic_fetch_add(&g_live, 1);
		}
		pthread_mutex_unlock(&d->mu);
		if (rc == 0) {
			emu_sysfs_update_available(d);
			return fd;
		}
		break;
	}
	file_unreserve(fd, gen);
	return rc;
}

int wdemu_close(int fd)
{
	struct emu_dev *d;
	struct emu_file *f = emu_file_get(fd, &d);

	if (!f)
		return -EBADF;
	uint32_t gen = f->gen;
	int released = 0;

	if (f->q) {
		/* close = implicit PUT_Q, as uacce_fops_release */
		emu_queue_release(d, f->q);
		f->q = NULL;
		released = 1;
	}
	f->open = 0;
	atomic_fetch_sub(&g_live, 1);
	pthread_mutex_unlock(&d->mu);
	file_unreserve(fd, gen);
	if (released)
		emu_sysfs_update_available(d);
	return 0;
}

/* ---- mmap / munmap ------------------------------------------------------ */

long wdemu_mmap(int fd, long offset, long length)
{
	struct emu_dev *d;
	struct emu_file *f = emu_file_get(fd, &d);
	long rc;

	if (!f)
		return -EBADF;
	if (offset < 0 || (size_t)offset % g_page) {
		rc = -EINVAL;
		goto out;
	}
	size_t type = (size_t)offset / g_page;   /* vm_pgoff selects the region */

	if (type >= 2) {
		rc = -EINVAL;
	} else if (d->removed || !f->q) {
		rc = -ENXIO;
	} else if (f->mapped[type]) {
		rc = -EEXIST;
	} else if (length < 0 ||
		   (size_t)length != (type == WDEMU_QFRT_MMIO ? d->mmio_size : d->dus_size)) {
		rc = -EINVAL;
	} else {
		f->mapped[type] = 1;
		rc = type == WDEMU_QFRT_MMIO ? (long)(uintptr_t)(d->mmio_base + f->slot * d->mmio_size)
					     : (long)(uintptr_t)(d->dus_base + f->slot * d->dus_size);
	}
out:
	pthread_mutex_unlock(&d->mu);
	return rc;
}

/* Which region of which queue pair an address names, or -1. */
static int region_of(struct emu_dev *d, uintptr_t a, size_t len, uint32_t *slot)
{
	uintptr_t m = (uintptr_t)d->mmio_base, u = (uintptr_t)d->dus_base;

	if (m && a >= m && a < m + d->instances * d->mmio_size &&
	    (a - m) % d->mmio_size == 0 && len == d->mmio_size) {
		*slot = (uint32_t)((a - m) / d->mmio_size);
		return WDEMU_QFRT_MMIO;
	}
	if (u && a >= u && a < u + d->instances * d->dus_size &&
	    (a - u) % d->dus_size == 0 && len == d->dus_size) {
		*slot = (uint32_t)((a - u) / d->dus_size);
		return WDEMU_QFRT_DUS;
	}
	return -1;
}

int wdemu_munmap(long address, long length)
{
	int n = atomic_load(&g_ndev);

	if (length <= 0)
		return -EINVAL;
	for (int i = 0; i < n; i++) {
		struct emu_dev *d = &g_dev[i];
		uint32_t slot;

		pthread_mutex_lock(&d->mu);
		int type = d->alive ? region_of(d, (uintptr_t)address, (size_t)length, &slot) : -1;

		if (type < 0) {
			pthread_mutex_unlock(&d->mu);
			continue;
		}
		/* The memory stays (it is the device's); the live owner of the
		 * queue pair may map the region again. */
		for (int j = 0; j < EMU_MAX_FILES; j++) {
			struct emu_file *f = &g_files[j];

			if (atomic_load(&f->dev) == d && f->open && f->q && f->slot == slot)
				f->mapped[type] = 0;
		}
		pthread_mutex_unlock(&d->mu);
		return 0;
	}
	return -EINVAL;
}

/* ---- poll --------------------------------------------------------------- */

int wdemu_poll(int fd, int timeout_ms)
{
	struct emu_dev *d;
	struct emu_file *f = emu_file_get(fd, &d);
	struct timespec deadline;
	int rc;

	if (!f)
		return -EBADF;
	if (timeout_ms > 0)
		emu_time_deadline(&deadline, (long long)timeout_ms * 1000000LL);
	for (;;) {
		if (d->shutdown || !d->alive) {
			rc = -ENODEV;
			break;
		}
		if (atomic_load(&f->dev) != d || !f->open) {
			rc = -EBADF;
			break;
		}
		if (d->removed || !f->q) {
			rc = -ENXIO;
			break;
		}
		struct emu_queue *q = f->q;

		/* a CQE the driver has not acknowledged with a CQ doorbell */
		if (q->cq_tail != q->cq_head) {
			rc = 1;
			break;
		}
		if (timeout_ms == 0) {
			rc = 0;
			break;
		}
		q->pollers++;
		d->pollers++;
		int w = timeout_ms < 0 ? pthread_cond_wait(&q->cond, &d->mu)
				       : pthread_cond_timedwait(&q->cond, &d->mu, &deadline);
		q->pollers--;
		d->pollers--;
		if (d->shutdown && d->pollers == 0)
			pthread_cond_broadcast(&d->idle);
		if (w == ETIMEDOUT) {
			/* one last look, so a completion racing the timeout counts */
			rc = (!d->shutdown && f->open && f->q == q && !d->removed &&
			      q->cq_tail != q->cq_head) ? 1 : 0;
			break;
		}
	}
	pthread_mutex_unlock(&d->mu);
	return rc;
}

int wdemu_live_queues(void)
{
	return atomic_load(&g_live);
}
