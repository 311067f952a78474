/*
 * emu.h - internal structures of libwdemu shared by its translation units:
 * types and limits only. Each unit declares its functions in its own header
 * (log.h, globals.h, config.h, sysfs.h, queue.h, device.h, stream.h, zip.h),
 * so units include what they use and no header includes a unit above it.
 *
 * Locking model (no global lock on the data path):
 *  - g_life_mu (lifecycle.c) serialises wdemu_start / wdemu_stop only.
 *  - Each device shell (g_dev[i], globals.c) lives in static storage and its mutex and
 *    condition variables are initialised once, when the library loads, and
 *    never destroyed while the process runs. A racing call that still holds
 *    a pointer to a device being stopped therefore always finds a valid mutex
 *    and sees alive == 0 under it, instead of touching freed memory.
 *  - dev->mu protects the device's queues, files bound to it, fault state and
 *    ring indices. Device threads hold it only to pick work and to publish a
 *    completion, never while running zlib.
 *  - dev->streams.mu protects the stateful stream table (separate so lookups
 *    never contend with ring traffic).
 *  - g_files_mu protects allocation of fd slots (open/close only).
 *  - dev->sysfs_mu orders rewrites of the device's attribute files.
 * Lock order: g_files_mu -> dev->mu and dev->sysfs_mu -> dev->mu, never the
 * other way; stream table locks are leaf locks.
 */
#ifndef WDEMU_EMU_H
#define WDEMU_EMU_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#define EMU_MAX_DEVICES   64
#define EMU_MAX_FILES     8192
#define EMU_FD_BASE       1000
#define EMU_SQE_SIZE      128u
#define EMU_CQE_SIZE      16u
#define EMU_NAME_MAX      32
#define EMU_PATH_MAX      4096

enum emu_api { API_V1 = 1, API_V2 = 2, API_V3 = 3 };

/* Queue-pair state, as the kernel's uacce_queue state (ZOMBIE = released). */
enum emu_qstate { Q_FREE = 0, Q_INIT = 1, Q_STARTED = 2,
		  Q_DRAINING = 3 /* being released: waits for its device thread */ };

struct emu_config {
	int devices;
	int instances;
	int depth;
	int api[EMU_MAX_DEVICES];
	int numa[EMU_MAX_DEVICES];
	int sva;
	int set_qp_info;
	double latency_ns;
	double ns_per_byte;
	int zlib_level;
	int threads;
	int max_streams;
};

struct emu_dev;
struct emu_file;

/* One queue pair (QP) of a device. Slots are allocated with the device and
 * reused by successive opens, like the kernel's qp_array; their memory (SQ,
 * CQ, doorbell page) is part of two device-wide arrays. */
struct emu_queue {
	struct emu_dev *dev;
	uint32_t id;             /* qp index = sqn                              */
	int state;               /* enum emu_qstate                             */
	uint16_t qc_type;        /* from SET_QP_CTX                             */
	uint16_t run_type;       /* qc_type latched at START_Q                  */
	int stopped;             /* "stop" fault raised on this queue           */
	int busy;                /* a device thread is executing one of its SQEs */
	uint32_t sq_tail;        /* latest SQ doorbell index                    */
	uint32_t sq_head;        /* next SQE the device will execute            */
	uint32_t cq_tail;        /* next CQE slot the device writes             */
	uint32_t cq_head;        /* latest CQ doorbell index                    */
	unsigned phase;          /* phase bit written into the next CQE         */
	uint8_t *dus;            /* SQ | CQ | pad | status page                 */
	uint8_t *mmio;           /* doorbell page(s)                            */
	pthread_cond_t cond;     /* poll() waiters                              */
	int pollers;
};

/* One open fd. */
struct emu_file {
	struct emu_dev *_Atomic dev; /* NULL when the slot is free (g_files_mu) */
	int used;                /* slot reserved (g_files_mu)                  */
	uint32_t gen;            /* bumped per open, guards late slot release   */
	int open;                /* below: protected by dev->mu                 */
	struct emu_queue *q;     /* NULL after PUT_Q                            */
	uint32_t slot;           /* qp whose regions this fd maps               */
	uint8_t mapped[2];
};

/* Stateful stream contexts (zip.c / stream.c). */
struct emu_stream;
struct emu_stream_table {
	pthread_mutex_t mu;
	struct emu_stream **buckets;
	size_t nbuckets;
	struct emu_stream *lru_head; /* most recently used */
	struct emu_stream *lru_tail;
	size_t count;
	size_t max;
	uint64_t evictions;
};

struct emu_worker;

struct emu_dev {
	/* initialised once at load, never destroyed */
	pthread_mutex_t mu;
	pthread_cond_t work;     /* device threads: work may be available       */
	pthread_cond_t idle;     /* a queue went idle / a poller left           */
	pthread_cond_t sleep;    /* service-time sleeps, woken on shutdown      */
	pthread_mutex_t sysfs_mu;
	struct emu_stream_table streams;

	/* lock-free doorbell lookup: [mmio_lo, mmio_hi) of the MMIO array */
	_Atomic uintptr_t mmio_lo;
	_Atomic uintptr_t mmio_hi;

	/* below: protected by mu */
	int alive;               /* between start and stop                      */
	int shutdown;            /* device threads must exit                    */
	int removed;             /* "remove" fault                              */
	int index;
	char name[EMU_NAME_MAX];
	char sysfs_dir[EMU_PATH_MAX];
	char dev_file[EMU_PATH_MAX];
	char dev_dir_real[EMU_PATH_MAX]; /* realpath of <root>/dev          */
	int api;
	int numa;
	int sva;
	int set_qp_info;
	int isolate;
	uint32_t instances;
	uint32_t depth;
	size_t mmio_size;
	size_t dus_size;
	uint32_t db_offset;
	uint8_t *mmio_base;      /* instances * mmio_size                       */
	uint8_t *dus_base;       /* instances * dus_size                        */
	struct emu_queue *q;     /* instances                                   */
	uint32_t in_use;
	uint32_t next_qp;        /* cyclic qp id allocation, as the kernel's idr */
	uint32_t rr;             /* round-robin cursor of the device threads    */
	int pollers;             /* threads inside wdemu_poll on this device    */
	int waiters;             /* threads waiting for a queue to go idle      */

	/* engine */
	int level;
	double latency_ns;
	double ns_per_byte;
	int nthreads;
	struct emu_worker *workers;

	/* faults */
	uint64_t inject_errors;
	uint64_t inject_bitflips;  /* next N stateless compressions: one output bit flipped, status OK */
	int stuck;
	uint64_t ebusy;

	/* statistics (atomics, read without the lock) */
	_Atomic uint64_t st_completed;
	_Atomic uint64_t st_errors;
	_Atomic uint64_t st_bytes_in;
	_Atomic uint64_t st_bytes_out;
	_Atomic uint64_t st_doorbells;
	_Atomic uint64_t st_bad_doorbells;
};

#endif /* WDEMU_EMU_H */
