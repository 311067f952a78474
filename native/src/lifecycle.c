/*
 * lifecycle.c - wdemu_start / wdemu_stop: setting device shells up (rings,
 * sysfs files, device threads) and tearing them down. The shells and the fd
 * table themselves live in globals.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "wdemu.h"
#include "emu.h"
#include "config.h"
#include "device.h"
#include "globals.h"
#include "stream.h"
#include "sysfs.h"

static pthread_mutex_t g_life_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_started;

/* At exit: join the device threads and remove the emulated files. The locks
 * stay: another thread may still be on its way into the library. */
__attribute__((destructor)) static void emu_unload(void)
{
	wdemu_stop();
}

static size_t page_align(size_t n)
{
	return (n + g_page - 1) / g_page * g_page;
}

/* Free everything a device holds. Its threads must have been joined. */
static void device_teardown(struct emu_dev *d)
{
	pthread_mutex_lock(&d->mu);
	d->alive = 0;
	d->shutdown = 1;
	atomic_store(&d->mmio_lo, 0);
	atomic_store(&d->mmio_hi, 0);
	for (uint32_t i = 0; d->q && i < d->instances; i++)
		pthread_cond_broadcast(&d->q[i].cond);
	while (d->pollers)
		pthread_cond_wait(&d->idle, &d->mu);
	/* open fds on this device die; wdemu_close on them now says -EBADF */
	for (int j = 0; j < EMU_MAX_FILES; j++) {
		struct emu_file *f = &g_files[j];

		if (atomic_load(&f->dev) == d && f->open) {
			f->open = 0;
			f->q = NULL;
			atomic_fetch_sub(&g_live, 1);
		}
	}
	if (d->q) {
		for (uint32_t i = 0; i < d->instances; i++)
			pthread_cond_destroy(&d->q[i].cond);
		free(d->q);
		d->q = NULL;
	}
	if (d->mmio_base)
		munmap(d->mmio_base, d->instances * d->mmio_size);
	if (d->dus_base)
		munmap(d->dus_base, d->instances * d->dus_size);
	d->mmio_base = d->dus_base = NULL;
	d->in_use = 0;
	pthread_mutex_unlock(&d->mu);

	emu_streams_clear(&d->streams);
	pthread_mutex_lock(&d->sysfs_mu);
	if (!d->removed)
		emu_sysfs_destroy(d);
	pthread_mutex_unlock(&d->sysfs_mu);

	pthread_mutex_lock(&g_files_mu);
	for (int j = 0; j < EMU_MAX_FILES; j++) {
		struct emu_file *f = &g_files[j];

		if (f->used && atomic_load(&f->dev) == d && !f->open) {
			atomic_store(&f->dev, NULL);
			f->used = 0;
		}
	}
	pthread_mutex_unlock(&g_files_mu);
}

static void *map_array(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int device_setup(struct emu_dev *d, int i, const struct emu_config *c, const char *root,
			const char *dev_dir_real)
{
	int rc;

	pthread_mutex_lock(&d->mu);
	d->alive = 0;
	d->shutdown = 0;
	d->removed = 0;
	d->index = i;
	snprintf(d->name, sizeof(d->name), "hisi_zip-%d", i);
	snprintf(d->dev_dir_real, sizeof(d->dev_dir_real), "%s", dev_dir_real);
	d->sysfs_dir[0] = d->dev_file[0] = '\0';
	d->api = c->api[i];
	d->numa = c->numa[i];
	d->sva = c->sva;
	d->set_qp_info = c->set_qp_info;
	d->isolate = 0;
	d->instances = (uint32_t)c->instances;
	d->depth = (uint32_t)c->depth;
	/* hisi_qm: v1 maps the single doorbell page; v2/v3 (without doorbell
	 * isolation) map 1 + 0x1000 / PAGE_SIZE pages, the doorbell at 0x1000 */
	d->mmio_size = d->api == API_V1 ? g_page : (1 + WDEMU_DB_OFFSET_V2 / g_page) * g_page;
	d->db_offset = d->api == API_V1 ? WDEMU_DB_OFFSET_V1 : WDEMU_DB_OFFSET_V2;
	/* SQ + CQ, page aligned, plus one page for the queue status words */
	d->dus_size = page_align((size_t)EMU_SQE_SIZE * d->depth + (size_t)EMU_CQE_SIZE * d->depth) +
		      g_page;
	d->in_use = 0;
	d->next_qp = 0;
	d->rr = 0;
	d->pollers = 0;
	d->waiters = 0;
	d->level = c->zlib_level;
	d->latency_ns = c->latency_ns;
	d->ns_per_byte = c->ns_per_byte;
	d->nthreads = c->threads;
	d->workers = NULL;
	d->inject_errors = 0;
	d->inject_bitflips = 0;
	d->stuck = 0;
	d->ebusy = 0;
	atomic_store(&d->st_completed, 0);
	atomic_store(&d->st_errors, 0);
	atomic_store(&d->st_bytes_in, 0);
	atomic_store(&d->st_bytes_out, 0);
	atomic_store(&d->st_doorbells, 0);
	atomic_store(&d->st_bad_doorbells, 0);

	d->mmio_base = map_array(d->instances * d->mmio_size);
	d->dus_base = map_array(d->instances * d->dus_size);
	d->q = calloc(d->instances, sizeof(*d->q));
	if (!d->mmio_base || !d->dus_base || !d->q) {
		pthread_mutex_unlock(&d->mu);
		return -ENOMEM;
	}
	for (uint32_t k = 0; k < d->instances; k++) {
		struct emu_queue *q = &d->q[k];

		q->dev = d;
		q->id = k;
		q->state = Q_FREE;
		q->mmio = d->mmio_base + k * d->mmio_size;
		q->dus = d->dus_base + k * d->dus_size;
		emu_cond_init_monotonic(&q->cond);
	}
	pthread_mutex_unlock(&d->mu);

	pthread_mutex_lock(&d->streams.mu);
	emu_streams_init(&d->streams, (size_t)c->max_streams);
	pthread_mutex_unlock(&d->streams.mu);

	pthread_mutex_lock(&d->sysfs_mu);
	rc = emu_sysfs_create(d, root);
	pthread_mutex_unlock(&d->sysfs_mu);
	if (rc)
		return rc;

	rc = emu_workers_start(d);
	if (rc)
		return rc;

	pthread_mutex_lock(&d->mu);
	d->alive = 1;
	atomic_store_explicit(&d->mmio_hi, (uintptr_t)d->mmio_base + d->instances * d->mmio_size,
			      memory_order_release);
	atomic_store_explicit(&d->mmio_lo, (uintptr_t)d->mmio_base, memory_order_release);
	pthread_mutex_unlock(&d->mu);
	return 0;
}

int wdemu_start(const char *root, const char *config)
{
	struct emu_config c;
	char path[EMU_PATH_MAX], real[PATH_MAX];
	int rc, i;

	if (!root || !*root)
		return -EINVAL;
	rc = emu_parse_config(config, &c);
	if (rc)
		return rc;

	pthread_mutex_lock(&g_life_mu);
	if (g_started) {
		pthread_mutex_unlock(&g_life_mu);
		return -EBUSY;
	}
	if (snprintf(path, sizeof(path), "%s/class/uacce", root) >= (int)sizeof(path)) {
		rc = -ENAMETOOLONG;
		goto fail_unlock;
	}
	if ((rc = emu_mkdir_p(path)))
		goto fail_unlock;
	snprintf(path, sizeof(path), "%s/dev", root);
	if ((rc = emu_mkdir_p(path)))
		goto fail_unlock;
	if (!realpath(path, real)) {
		rc = -errno;
		goto fail_unlock;
	}
	for (i = 0; i < c.devices; i++) {
		rc = device_setup(&g_dev[i], i, &c, root, real);
		if (rc) {
			for (int k = 0; k <= i; k++) {
				emu_workers_stop(&g_dev[k]);
				device_teardown(&g_dev[k]);
			}
			goto fail_unlock;
		}
	}
	/* publish: from here opens, doorbells and stream migration see them */
	atomic_store(&g_ndev, c.devices);
	g_started = 1;
	pthread_mutex_unlock(&g_life_mu);
	return 0;

fail_unlock:
	pthread_mutex_unlock(&g_life_mu);
	return rc;
}

int wdemu_stop(void)
{
	pthread_mutex_lock(&g_life_mu);
	if (!g_started) {
		pthread_mutex_unlock(&g_life_mu);
		return 0;
	}
	int n = atomic_load(&g_ndev);

	/* stop all device threads first: nothing touches queue memory after */
	for (int i = 0; i < n; i++)
		emu_workers_stop(&g_dev[i]);
	for (int i = 0; i < n; i++)
		device_teardown(&g_dev[i]);
	atomic_store(&g_ndev, 0);
	g_started = 0;
	pthread_mutex_unlock(&g_life_mu);
	return 0;
}
