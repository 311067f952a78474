/*
 * faults.c - fault injection and statistics, the emulator's test hooks.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "wdemu.h"
#include "emu.h"
#include "globals.h"
#include "stream.h"
#include "sysfs.h"

/* The "queue stopped" words the kernel writes into the DUS status page:
 * the last u32 is TX (checked before a doorbell), the one before RX. */
static void set_stop_words(struct emu_dev *d, struct emu_queue *q, uint32_t v)
{
	uint32_t *tx = (uint32_t *)(q->dus + d->dus_size - 4);
	uint32_t *rx = tx - 1;

	__atomic_store_n(rx, v, __ATOMIC_RELEASE);
	__atomic_store_n(tx, v, __ATOMIC_RELEASE);
}

static void wake_pollers(struct emu_dev *d)
{
	for (uint32_t i = 0; i < d->instances; i++)
		if (d->q[i].pollers)
			pthread_cond_broadcast(&d->q[i].cond);
}

int wdemu_inject(const char *device, const char *fault, long arg)
{
	struct emu_dev *d = emu_find_dev(device);
	int rc = 0, isolate_changed = 0, removed_now = 0;

	if (!d || !fault)
		return -EINVAL;
	pthread_mutex_lock(&d->mu);
	if (!d->alive) {
		rc = -EINVAL;
	} else if (!strcmp(fault, "error_status")) {
		if (arg < 0)
			rc = -EINVAL;
		else
			d->inject_errors = (uint64_t)arg;
	} else if (!strcmp(fault, "bitflip")) {
		if (arg < 0)
			rc = -EINVAL;
		else
			d->inject_bitflips = (uint64_t)arg;
	} else if (!strcmp(fault, "stuck")) {
		d->stuck = arg != 0;
		if (!d->stuck)
			pthread_cond_broadcast(&d->work);
	} else if (!strcmp(fault, "stop")) {
		for (uint32_t i = 0; i < d->instances; i++) {
			struct emu_queue *q = &d->q[i];

			if (q->state != Q_INIT && q->state != Q_STARTED)
				continue;
			q->stopped = arg != 0;
			set_stop_words(d, q, arg != 0);
		}
		if (!arg)
			pthread_cond_broadcast(&d->work);
	} else if (!strcmp(fault, "isolate")) {
		if (d->removed) {
			rc = -ENODEV;
		} else {
			d->isolate = arg != 0;
			isolate_changed = 1;
		}
	} else if (!strcmp(fault, "remove")) {
		if (!d->removed) {
			d->removed = 1;
			removed_now = 1;
			wake_pollers(d);
			pthread_cond_broadcast(&d->sleep);
		}
	} else if (!strcmp(fault, "ebusy")) {
		if (arg < 0)
			rc = -EINVAL;
		else
			d->ebusy = (uint64_t)arg;
	} else {
		rc = -EINVAL;
	}
	pthread_mutex_unlock(&d->mu);

	/* file work outside dev->mu; sysfs_mu orders it against other updates */
	if (isolate_changed) {
		pthread_mutex_lock(&d->sysfs_mu);
		pthread_mutex_lock(&d->mu);
		int v = d->isolate, gone = d->removed || !d->alive;

		pthread_mutex_unlock(&d->mu);
		if (!gone)
			rc = emu_sysfs_write_attr(d, "isolate", v ? "1\n" : "0\n");
		pthread_mutex_unlock(&d->sysfs_mu);
	}
	if (removed_now) {
		pthread_mutex_lock(&d->sysfs_mu);
		emu_sysfs_destroy(d);
		pthread_mutex_unlock(&d->sysfs_mu);
	}
	return rc;
}

long wdemu_stat(const char *device, const char *name)
{
	struct emu_dev *d = emu_find_dev(device);

	if (!d || !name)
		return -EINVAL;
	if (!strcmp(name, "completed"))
		return (long)atomic_load(&d->st_completed);
	if (!strcmp(name, "errors"))
		return (long)atomic_load(&d->st_errors);
	if (!strcmp(name, "bytes_in"))
		return (long)atomic_load(&d->st_bytes_in);
	if (!strcmp(name, "bytes_out"))
		return (long)atomic_load(&d->st_bytes_out);
	if (!strcmp(name, "doorbells"))
		return (long)atomic_load(&d->st_doorbells);
	if (!strcmp(name, "bad_doorbells"))
		return (long)atomic_load(&d->st_bad_doorbells);
	if (!strcmp(name, "streams"))
		return (long)emu_streams_count(d);
	if (!strcmp(name, "stream_evictions"))
		return (long)emu_streams_evictions(d);
	if (!strcmp(name, "queues_in_use")) {
		pthread_mutex_lock(&d->mu);
		long n = d->in_use;

		pthread_mutex_unlock(&d->mu);
		return n;
	}
	return -EINVAL;
}
