/*
 * globals.c - the emulator's process-wide state: device shells and the fd
 * table, initialised once when the library loads.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "globals.h"

struct emu_dev g_dev[EMU_MAX_DEVICES];
_Atomic int g_ndev;
struct emu_file g_files[EMU_MAX_FILES];
pthread_mutex_t g_files_mu = PTHREAD_MUTEX_INITIALIZER;
_Atomic int g_live;
size_t g_page;

void emu_cond_init_monotonic(pthread_cond_t *c)
{
	pthread_condattr_t a;

	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(c, &a);
	pthread_condattr_destroy(&a);
}

/* Device shells are initialised once per process and never destroyed while
 * it runs (see emu.h): a call racing wdemu_stop always finds valid locks. */
__attribute__((constructor)) static void globals_load(void)
{
	long p = sysconf(_SC_PAGESIZE);

	g_page = p > 0 ? (size_t)p : 4096;
	for (int i = 0; i < EMU_MAX_DEVICES; i++) {
		struct emu_dev *d = &g_dev[i];

		pthread_mutex_init(&d->mu, NULL);
		pthread_mutex_init(&d->sysfs_mu, NULL);
		pthread_mutex_init(&d->streams.mu, NULL);
		pthread_cond_init(&d->work, NULL);
		pthread_cond_init(&d->idle, NULL);
		emu_cond_init_monotonic(&d->sleep);
	}
}

struct emu_dev *emu_find_dev(const char *name)
{
	int n = atomic_load(&g_ndev);

	if (!name)
		return NULL;
	for (int i = 0; i < n; i++) {
		struct emu_dev *d = &g_dev[i];

		pthread_mutex_lock(&d->mu);
		int hit = d->alive && !strcmp(d->name, name);

		pthread_mutex_unlock(&d->mu);
		if (hit)
			return d;
	}
	return NULL;
}
