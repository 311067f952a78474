/*
 * wdemu_test.c - drives libwdemu exactly as WarpDrive's Java UACCE driver
 * will: reads the sysfs files itself, opens the char device, maps DUS and
 * MMIO, SET_QP_CTX / SET_QP_INFO / START_Q, fills hisi_zip SQEs, rings 64-bit
 * doorbells, reaps CQEs by phase bit, reads results back from the SQE slot the
 * CQE names, rings the CQ doorbell, and writes/strips zlib and gzip headers in
 * software. Every compressed stream is cross-checked with the system zlib.
 *
 * Environment: WDEMU_TEST_MIB (size of the round-trip data, default 4),
 * WDEMU_TEST_SLOW=1 (running under valgrind: longer timeouts).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "wdemu.h"

/* ---- tiny test framework ------------------------------------------------ */

#define CHECK(c)                                                                   \
	do {                                                                       \
		if (!(c)) {                                                        \
			fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); \
			exit(1);                                                   \
		}                                                                  \
	} while (0)

#define CHECK_EQ(a, b)                                                             \
	do {                                                                       \
		long long _a = (long long)(a), _b = (long long)(b);               \
		if (_a != _b) {                                                    \
			fprintf(stderr, "FAIL %s:%d: %s = %lld (0x%llx), expected %s = %lld (0x%llx)\n", \
				__FILE__, __LINE__, #a, _a, (unsigned long long)_a, #b, _b,   \
				(unsigned long long)_b);                           \
			exit(1);                                                   \
		}                                                                  \
	} while (0)

static int g_checks_timeout_ms = 10000;
static char g_root[256];
static long g_page;

static void ok(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("ok   ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	fflush(stdout);
	va_end(ap);
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void sleep_ms(int ms)
{
	struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

/* ---- sysfs, read like the driver does (plain file I/O) ------------------ */

static int read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, buf, cap - 1);

	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return (int)n;
}

static const char *attr(int dev, const char *name)
{
	static __thread char buf[512];   /* driver threads read attributes concurrently */
	char path[512];

	snprintf(path, sizeof(path), "%s/class/uacce/hisi_zip-%d/%s", g_root, dev, name);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return NULL;
	return buf;
}

static long attr_long(int dev, const char *name)
{
	const char *s = attr(dev, name);

	CHECK(s != NULL);
	return strtol(s, NULL, 10);
}

static int path_exists(const char *fmt, int dev)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), fmt, g_root, dev);
	return stat(path, &st) == 0;
}

static void dev_path(char *buf, size_t n, int dev)
{
	snprintf(buf, n, "%s/dev/hisi_zip-%d", g_root, dev);
}

static void start(const char *config)
{
	int rc = wdemu_start(g_root, config);

	if (rc) {
		fprintf(stderr, "wdemu_start(%s): %d\n", config, rc);
		exit(1);
	}
}

/* ---- the driver side of the queue (what drivers/hisi-zip does in Java) -- */

struct uq {
	int fd;
	int api;
	uint16_t id;
	uint32_t depth;
	size_t mmio_size, dus_size;
	uint8_t *mmio, *dus, *cq;
	uint32_t sq_tail, cq_head, used;
	unsigned phase;
	uint32_t next_tag;
	uint64_t last_cpu_ns;   /* the last reaped CQE's worker CPU time (emulator) */
};

static int api_of(int dev)
{
	const char *s = attr(dev, "api");

	CHECK(s && !strncmp(s, "hisi_qm_v", 9));
	return atoi(s + 9);
}

static void uq_open(struct uq *q, int dev, int qc_type)
{
	char path[512];
	struct { uint16_t id, qc_type; } ctx = { 0, (uint16_t)qc_type };
	struct { uint32_t sqe_size; uint16_t sq_depth, cq_depth; uint64_t reserved; } info;

	memset(q, 0, sizeof(*q));
	dev_path(path, sizeof(path), dev);
	q->fd = wdemu_open(path, O_RDWR | O_CLOEXEC);
	CHECK(q->fd >= 1000);
	q->api = api_of(dev);
	q->mmio_size = (size_t)attr_long(dev, "region_mmio_size");
	q->dus_size = (size_t)attr_long(dev, "region_dus_size");
	/* UADK's order: DUS, MMIO, SET_QP_CTX, SET_QP_INFO, START */
	long a = wdemu_mmap(q->fd, 1 * g_page, (long)q->dus_size);

	CHECK(a > 0);
	q->dus = (uint8_t *)a;
	a = wdemu_mmap(q->fd, 0, (long)q->mmio_size);
	CHECK(a > 0);
	q->mmio = (uint8_t *)a;
	CHECK_EQ(wdemu_ioctl(q->fd, WDEMU_CMD_QM_SET_QP_CTX, (long)&ctx), 0);
	q->id = ctx.id;
	memset(&info, 0, sizeof(info));
	if (wdemu_ioctl(q->fd, WDEMU_CMD_QM_SET_QP_INFO, (long)&info) == 0) {
		CHECK_EQ(info.sqe_size, 128);
		CHECK_EQ(info.sq_depth, info.cq_depth);
		q->depth = info.sq_depth;
	} else {
		q->depth = 1024;   /* older kernel: UADK's default */
	}
	CHECK_EQ(wdemu_ioctl(q->fd, WDEMU_CMD_START_Q, 0), 0);
	q->cq = q->dus + (size_t)128 * q->depth;
	q->phase = 1;
}

static void uq_close(struct uq *q)
{
	CHECK_EQ(wdemu_ioctl(q->fd, WDEMU_CMD_PUT_Q, 0), 0);
	CHECK_EQ(wdemu_munmap((long)q->dus, (long)q->dus_size), 0);
	CHECK_EQ(wdemu_munmap((long)q->mmio, (long)q->mmio_size), 0);
	CHECK_EQ(wdemu_close(q->fd), 0);
}

static uint32_t tx_word(const struct uq *q)
{
	return __atomic_load_n((uint32_t *)(q->dus + q->dus_size - 4), __ATOMIC_ACQUIRE);
}

static uint32_t rx_word(const struct uq *q)
{
	return __atomic_load_n((uint32_t *)(q->dus + q->dus_size - 8), __ATOMIC_ACQUIRE);
}

static uint64_t db_value(const struct uq *q, unsigned cmd, unsigned index, uint16_t sqn)
{
	if (q->api == 1)
		return (uint64_t)sqn | (uint64_t)cmd << 16 | (uint64_t)index << 32;
	return (uint64_t)(sqn & 0x3ff) | (uint64_t)(cmd & 0xf) << 12 | (uint64_t)index << 32;
}

static void ring(const struct uq *q, unsigned cmd, unsigned index)
{
	uint8_t *db = q->mmio + (q->api == 1 ? WDEMU_DB_OFFSET_V1 : WDEMU_DB_OFFSET_V2);

	__atomic_thread_fence(__ATOMIC_SEQ_CST);   /* dsb sy before the doorbell */
	wdemu_mmio_write64((long)db, (long)db_value(q, cmd, index, q->id));
}

static int uq_send(struct uq *q, const uint32_t sqe[32])
{
	if (q->used >= q->depth - 1)   /* one slot always stays free */
		return -EBUSY;
	if (tx_word(q) == 1)
		return -EACCES;             /* queue stopped by the "kernel" */
	memcpy(q->dus + (size_t)q->sq_tail * 128, sqe, 128);
	q->sq_tail = (q->sq_tail + 1) % q->depth;
	ring(q, WDEMU_DB_CMD_SQ, q->sq_tail);
	q->used++;
	return 0;
}

/* Reap one CQE: copy the SQE it names into sqe, return its index, ring CQ. */
static int uq_recv(struct uq *q, uint32_t sqe[32], int timeout_ms)
{
	uint8_t *c;

	for (;;) {
		c = q->cq + (size_t)q->cq_head * 16;
		uint16_t w7 = __atomic_load_n((uint16_t *)(c + 14), __ATOMIC_ACQUIRE);

		if ((w7 & 1) == q->phase)
			break;
		int r = wdemu_poll(q->fd, timeout_ms);

		if (r <= 0)
			return r == 0 ? -ETIMEDOUT : r;
	}
	uint16_t sq_head, sq_num;

	uint32_t cpu_lo;
	uint16_t cpu_hi;

	memcpy(&cpu_lo, c + 0, 4);
	memcpy(&cpu_hi, c + 12, 2);
	q->last_cpu_ns = (uint64_t)cpu_hi << 32 | cpu_lo;
	memcpy(&sq_head, c + 8, 2);
	memcpy(&sq_num, c + 10, 2);
	CHECK_EQ(sq_num, q->id);
	CHECK(sq_head < q->depth);
	memcpy(sqe, q->dus + (size_t)sq_head * 128, 128);
	if (++q->cq_head == q->depth) {
		q->cq_head = 0;
		q->phase ^= 1;
	}
	ring(q, WDEMU_DB_CMD_CQ, q->cq_head);
	q->used--;
	return sq_head;
}

/* ---- hisi_zip SQEs -------------------------------------------------------- */

enum { DEFLATE = 1, ZLIB = 2, GZIP = 3 };
static const char *alg_name[] = { "", "deflate", "zlib", "gzip" };

struct job {
	int alg, win, stateful, snew, finish, sgl;
	const void *src;
	uint32_t in_len, in_skip;
	void *dst;
	uint32_t out_len, out_skip;
	void *ctx;
	uint32_t isize, csum;
};

struct res {
	uint32_t consumed, produced, status, lastblk, ctx_st, isize, csum, tag;
};

static void fill_sqe(uint32_t w[32], const struct job *j, const struct uq *q, uint32_t tag)
{
	memset(w, 0, 128);
	w[4] = j->in_len;
	w[14] = j->out_len;
	w[7] = (uint32_t)j->finish << 25 | (uint32_t)j->stateful << 26 | (uint32_t)j->snew << 27 |
	       (q->api >= 3 ? 3u << 28 : 0) | (j->in_skip & 0xffffff);
	w[8] = j->out_skip & 0xffffff;
	w[9] = (uint32_t)j->alg | (uint32_t)j->sgl << 8 | (uint32_t)j->win << 12;
	if (q->api == 2)
		w[13] = tag;   /* SQE type 0 keeps the tag in dw13 */
	else
		w[26] = tag;
	w[18] = (uint32_t)(uintptr_t)j->src;
	w[19] = (uint32_t)((uintptr_t)j->src >> 32);
	w[20] = (uint32_t)(uintptr_t)j->dst;
	w[21] = (uint32_t)((uintptr_t)j->dst >> 32);
	w[22] = (uint32_t)(uintptr_t)j->ctx;
	w[23] = (uint32_t)((uintptr_t)j->ctx >> 32);
	w[30] = j->isize;
	w[31] = j->csum;
}

static struct res decode(const uint32_t w[32], const struct uq *q)
{
	struct res r;

	r.consumed = w[0];
	r.produced = w[1];
	r.status = w[3] & 0xff;
	r.lastblk = (w[3] >> 8) & 1;
	r.ctx_st = w[15] & 0xf;
	r.isize = w[30];
	r.csum = w[31];
	r.tag = q->api == 2 ? w[13] : w[26];
	return r;
}

static struct res run(struct uq *q, const struct job *j)
{
	uint32_t w[32];
	uint32_t tag = ++q->next_tag;

	fill_sqe(w, j, q, tag);
	CHECK_EQ(uq_send(q, w), 0);
	CHECK(uq_recv(q, w, g_checks_timeout_ms) >= 0);
	struct res r = decode(w, q);

	CHECK_EQ(r.tag, tag);   /* tag words are the driver's */
	return r;
}

/* ---- headers (the driver's job) and the system zlib reference ------------ */

static const uint8_t zlib_hdr[2] = { 0x78, 0x9c };
static const uint8_t gzip_hdr[10] = { 0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03 };

static size_t write_header(int alg, uint8_t *out)
{
	if (alg == ZLIB) {
		memcpy(out, zlib_hdr, 2);
		return 2;
	}
	if (alg == GZIP) {
		memcpy(out, gzip_hdr, 10);
		return 10;
	}
	return 0;
}

/* Length of the header in front of the deflate data; any valid gzip header. */
static size_t parse_header(int alg, const uint8_t *in, size_t n)
{
	if (alg == ZLIB) {
		CHECK(n >= 2 && (in[0] & 0x0f) == 8 && ((in[0] << 8) | in[1]) % 31 == 0 &&
		      !(in[1] & 0x20));
		return 2;
	}
	if (alg != GZIP)
		return 0;
	CHECK(n >= 10 && in[0] == 0x1f && in[1] == 0x8b && in[2] == 8);
	uint8_t flg = in[3];
	size_t p = 10;

	if (flg & 4) {
		CHECK(p + 2 <= n);
		p += 2 + (size_t)(in[p] | in[p + 1] << 8);
	}
	if (flg & 8)
		while (p < n && in[p++])
			;
	if (flg & 16)
		while (p < n && in[p++])
			;
	if (flg & 2)
		p += 2;
	CHECK(p <= n);
	return p;
}

static int sys_wbits(int alg)
{
	return alg == DEFLATE ? -15 : alg == ZLIB ? 15 : 31;
}

static size_t sys_inflate(int alg, const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	z_stream zs;

	memset(&zs, 0, sizeof(zs));
	CHECK_EQ(inflateInit2(&zs, sys_wbits(alg)), Z_OK);
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	CHECK_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
	CHECK_EQ(zs.avail_in, 0);   /* exactly one stream, nothing after it */
	size_t r = zs.total_out;

	inflateEnd(&zs);
	return r;
}

static size_t sys_deflate(int alg, const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	z_stream zs;
	gz_header h;
	static char name[] = "warpdrive.bin";

	memset(&zs, 0, sizeof(zs));
	CHECK_EQ(deflateInit2(&zs, 6, Z_DEFLATED, sys_wbits(alg), 8, Z_DEFAULT_STRATEGY), Z_OK);
	if (alg == GZIP) {   /* a header with FNAME, which UADK's fixed skip cannot take */
		memset(&h, 0, sizeof(h));
		h.name = (Bytef *)name;
		h.os = 3;
		CHECK_EQ(deflateSetHeader(&zs, &h), Z_OK);
	}
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	CHECK_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
	size_t r = zs.total_out;

	deflateEnd(&zs);
	return r;
}

/* ---- test data: text-like with incompressible stretches ------------------ */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static uint8_t *make_data(size_t n)
{
	static const char *words[] = {
		"accelerator", "queue", "doorbell", "phase", "completion", "deflate", "the",
		"of", "and", "warp", "drive", "OSGi", "bundle", "scheduler", "zlib", "gzip",
		"kernel", "uacce", "device", "stream", "window", "buffer", "\n", ", ",
	};
	uint8_t *p = malloc(n);
	size_t i = 0;

	CHECK(p);
	while (i < n) {
		if (rnd() % 64 == 0) {   /* a random stretch */
			size_t k = 64 + rnd() % 512;

			for (size_t j = 0; j < k && i < n; j++)
				p[i++] = (uint8_t)rnd();
			continue;
		}
		const char *w = words[rnd() % (sizeof(words) / sizeof(words[0]))];

		for (size_t j = 0; w[j] && i < n; j++)
			p[i++] = (uint8_t)w[j];
		if (i < n)
			p[i++] = ' ';
	}
	return p;
}

/* ---- device-side compress / decompress as the Java driver will do them --- */

/* Stateless, whole input with FINISH; returns the full stream (with header). */
static size_t hw_compress(struct uq *q, int alg, int win, const uint8_t *in, size_t n,
			  uint8_t *out, size_t cap, uint32_t *status)
{
	size_t h = write_header(alg, out);
	struct job j = { .alg = alg, .win = win, .finish = 1, .src = in, .in_len = (uint32_t)n,
			 .dst = out + h, .out_len = (uint32_t)(cap - h) };
	struct res r = run(q, &j);

	*status = r.status;
	if (r.status)
		return 0;
	CHECK_EQ(r.consumed, n);
	CHECK_EQ(r.lastblk, 1);
	return h + r.produced;
}

static size_t hw_decompress(struct uq *q, int alg, const uint8_t *in, size_t n, uint8_t *out,
			    size_t cap, struct res *rr)
{
	size_t h = parse_header(alg, in, n);
	struct job j = { .alg = alg, .finish = 1, .src = in + h, .in_len = (uint32_t)(n - h),
			 .dst = out, .out_len = (uint32_t)cap };
	struct res r = run(q, &j);

	if (rr)
		*rr = r;
	return r.produced;
}

/* Stateful compression in chunks: ichunk input per request, at most ochunk
 * output space per request; carries checksum/ISIZE like UADK's session. */
static size_t hw_compress_stream(struct uq *q, int alg, const uint8_t *in, size_t n,
				 uint8_t *out, size_t cap, size_t ichunk, size_t ochunk, void *ctx)
{
	size_t pos = 0, o = write_header(alg, out);
	uint32_t isize = 0, csum = 0;
	int first = 1;

	for (int guard = 0; guard < 1000000; guard++) {
		size_t chunk = n - pos < ichunk ? n - pos : ichunk;
		int last = pos + chunk == n;
		size_t space = cap - o < ochunk ? cap - o : ochunk;
		struct job j = { .alg = alg, .stateful = 1, .snew = first, .finish = last,
				 .src = in + pos, .in_len = (uint32_t)chunk, .dst = out + o,
				 .out_len = (uint32_t)space, .ctx = ctx, .isize = isize,
				 .csum = csum };
		struct res r = run(q, &j);

		CHECK_EQ(r.status, 0);
		CHECK(r.consumed <= chunk && r.produced <= space);
		pos += r.consumed;
		o += r.produced;
		isize = r.isize;
		csum = r.csum;
		first = 0;
		if (r.lastblk) {
			CHECK_EQ(pos, n);
			return o;
		}
	}
	CHECK(!"stateful compression did not finish");
	return 0;
}

static size_t hw_decompress_stream(struct uq *q, int alg, const uint8_t *in, size_t n,
				   uint8_t *out, size_t cap, size_t ichunk, size_t ochunk, void *ctx)
{
	size_t pos = parse_header(alg, in, n), o = 0;
	uint32_t isize = 0, csum = 0;
	int first = 1;

	for (int guard = 0; guard < 1000000; guard++) {
		size_t chunk = n - pos < ichunk ? n - pos : ichunk;
		size_t space = cap - o < ochunk ? cap - o : ochunk;
		struct job j = { .alg = alg, .stateful = 1, .snew = first, .finish = pos + chunk == n,
				 .src = in + pos, .in_len = (uint32_t)chunk, .dst = out + o,
				 .out_len = (uint32_t)space, .ctx = ctx, .isize = isize,
				 .csum = csum };
		struct res r = run(q, &j);

		pos += r.consumed;
		o += r.produced;
		isize = r.isize;
		csum = r.csum;
		first = 0;
		if (r.status == WDEMU_ST_DECOMP_END) {
			CHECK_EQ(r.lastblk, 1);
			CHECK_EQ(pos, n);
			return o;
		}
		CHECK_EQ(r.status, 0);
		/* no progress, no input left and no pending output: truncated */
		CHECK(r.consumed || r.produced || r.ctx_st || pos < n);
	}
	CHECK(!"stateful decompression did not finish");
	return 0;
}

/* ======================================================================== */

static void test_discovery(void)
{
	char buf[64];

	start("devices=3;api=hisi_qm_v1:hisi_qm_v2:hisi_qm_v3;numa=0:1:-1;instances=8;depth=64");
	size_t dus = ((128 * 64 + 16 * 64 + (size_t)g_page - 1) / (size_t)g_page) * (size_t)g_page +
		     (size_t)g_page;

	for (int d = 0; d < 3; d++) {
		snprintf(buf, sizeof(buf), "hisi_qm_v%d\n", d + 1);
		CHECK(!strcmp(attr(d, "api"), buf));
		CHECK(!strcmp(attr(d, "flags"), "1\n"));
		CHECK(!strcmp(attr(d, "available_instances"), "8\n"));
		CHECK(!strcmp(attr(d, "algorithms"),
			       d == 2 ? "zlib\ngzip\ndeflate\nlz77_zstd\nlz4\n" : "zlib\ngzip\n"));
		CHECK(!strcmp(attr(d, "isolate"), "0\n"));
		snprintf(buf, sizeof(buf), "%zu\n", dus);
		CHECK(!strcmp(attr(d, "region_dus_size"), buf));
		snprintf(buf, sizeof(buf), "%ld\n", d == 0 ? g_page : (1 + 0x1000 / g_page) * g_page);
		CHECK(!strcmp(attr(d, "region_mmio_size"), buf));
		snprintf(buf, sizeof(buf), "%d\n", d == 2 ? -1 : d);
		CHECK(!strcmp(attr(d, "device/numa_node"), buf));
		CHECK(path_exists("%s/dev/hisi_zip-%d", d));
	}
	if (g_page == 4096) {
		CHECK(!strcmp(attr(0, "region_mmio_size"), "4096\n"));
		CHECK(!strcmp(attr(1, "region_mmio_size"), "8192\n"));
		CHECK(!strcmp(attr(2, "region_mmio_size"), "8192\n"));
		CHECK(!strcmp(attr(1, "region_dus_size"), "16384\n"));   /* 9216 B -> 3 pages, + 1 */
	}
	CHECK_EQ(wdemu_start(g_root, ""), -EBUSY);
	wdemu_stop();
	CHECK(!path_exists("%s/class/uacce/hisi_zip-%d", 0));
	CHECK(!path_exists("%s/dev/hisi_zip-%d", 0));

	/* defaults: 1 device, v2, 64 instances, depth 1024 (151552 B with 4K pages) */
	start(NULL);
	CHECK(!strcmp(attr(0, "api"), "hisi_qm_v2\n"));
	CHECK(!strcmp(attr(0, "available_instances"), "64\n"));
	if (g_page == 4096)
		CHECK(!strcmp(attr(0, "region_dus_size"), "151552\n"));
	CHECK(!path_exists("%s/class/uacce/hisi_zip-%d", 1));
	wdemu_stop();
	start("sva=0");
	CHECK(!strcmp(attr(0, "flags"), "0\n"));
	wdemu_stop();

	CHECK_EQ(wdemu_start(g_root, "devices=0"), -EINVAL);
	CHECK_EQ(wdemu_start(g_root, "bogus=1"), -EINVAL);
	CHECK_EQ(wdemu_start(g_root, "api=hisi_qm_v9"), -EINVAL);
	CHECK_EQ(wdemu_start(g_root, "devices=3;api=hisi_qm_v1:hisi_qm_v2"), -EINVAL);
	CHECK_EQ(wdemu_start(g_root, "instances=2000"), -EINVAL);   /* v2: 10-bit sqn */
	CHECK_EQ(wdemu_stop(), 0);   /* idempotent */
	ok("discovery: sysfs attributes, /dev files, region sizes, config checks");
}

static void test_lifecycle(void)
{
	char path[512], other[512];
	struct { uint16_t id, qc_type; } ctx;
	struct { uint32_t sqe_size; uint16_t sq_depth, cq_depth; uint64_t reserved; } info;

	start("instances=4;depth=64");
	dev_path(path, sizeof(path), 0);
	size_t mmio = (size_t)attr_long(0, "region_mmio_size"), dus = (size_t)attr_long(0, "region_dus_size");
	int fd = wdemu_open(path, O_RDWR);

	CHECK(fd >= 1000);
	CHECK_EQ(wdemu_live_queues(), 1);
	CHECK_EQ(attr_long(0, "available_instances"), 3);   /* drops at open, not START */

	/* mmap checks */
	CHECK_EQ(wdemu_mmap(fd, 2 * g_page, (long)dus), -EINVAL);   /* region type 2 */
	CHECK_EQ(wdemu_mmap(fd, 100, (long)mmio), -EINVAL);          /* not page aligned */
	CHECK_EQ(wdemu_mmap(fd, g_page, (long)dus - (long)g_page), -EINVAL);
	CHECK_EQ(wdemu_mmap(fd, g_page, (long)dus + (long)g_page), -EINVAL);
	CHECK_EQ(wdemu_mmap(fd, 0, (long)mmio * 2), -EINVAL);
	long a_dus = wdemu_mmap(fd, g_page, (long)dus);

	CHECK(a_dus > 0 && a_dus % g_page == 0);
	CHECK_EQ(wdemu_mmap(fd, g_page, (long)dus), -EEXIST);
	long a_mmio = wdemu_mmap(fd, 0, (long)mmio);

	CHECK(a_mmio > 0 && a_mmio % g_page == 0);
	CHECK_EQ(wdemu_mmap(fd, 0, (long)mmio), -EEXIST);
	for (size_t i = 0; i < dus; i += 512)
		CHECK_EQ(((uint8_t *)a_dus)[i], 0);

	/* ioctls */
	ctx.id = 0xffff;
	ctx.qc_type = 2;
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_QM_SET_QP_CTX, (long)&ctx), -EINVAL);
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_QM_SET_QP_CTX, 0), -EFAULT);
	ctx.qc_type = 1;
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_QM_SET_QP_CTX, (long)&ctx), 0);
	CHECK_EQ(ctx.id, 0);   /* first queue pair */
	CHECK_EQ(ctx.qc_type, 1);
	memset(&info, 0, sizeof(info));
	info.reserved = 42;
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_QM_SET_QP_INFO, (long)&info), 0);
	CHECK_EQ(info.sqe_size, 128);
	CHECK_EQ(info.sq_depth, 64);
	CHECK_EQ(info.cq_depth, 64);
	CHECK_EQ(info.reserved, 42);
	CHECK_EQ(wdemu_ioctl(fd, 0x5799, 0), -EINVAL);                /* unknown */
	CHECK_EQ(wdemu_ioctl(fd, (long)(int32_t)0xC004480A, (long)&ctx), 0); /* sign-extended int cmd */
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_START_Q, 0), 0);
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_START_Q, 0), -EINVAL);     /* only from INIT */
	CHECK_EQ(wdemu_poll(fd, 0), 0);
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_PUT_Q, 0), 0);
	CHECK_EQ(attr_long(0, "available_instances"), 4);   /* the qp is back at PUT_Q */
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_START_Q, 0), -ENXIO);
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_PUT_Q, 0), -ENXIO);
	CHECK_EQ(wdemu_mmap(fd, 0, (long)mmio), -ENXIO);
	CHECK_EQ(wdemu_poll(fd, 0), -ENXIO);
	CHECK_EQ(wdemu_munmap(a_dus, (long)dus), 0);
	CHECK_EQ(wdemu_munmap(a_mmio, (long)mmio), 0);
	CHECK_EQ(wdemu_munmap(a_mmio + 8, (long)mmio), -EINVAL);
	CHECK_EQ(wdemu_munmap((long)&ctx, 4096), -EINVAL);
	CHECK_EQ(wdemu_live_queues(), 1);   /* the fd is still open */
	CHECK_EQ(wdemu_close(fd), 0);
	CHECK_EQ(wdemu_close(fd), -EBADF);
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_START_Q, 0), -EBADF);
	CHECK_EQ(wdemu_live_queues(), 0);

	/* re-map after munmap on a live queue; close without PUT_Q */
	fd = wdemu_open(path, O_RDWR);
	CHECK(fd >= 1000);
	a_mmio = wdemu_mmap(fd, 0, (long)mmio);
	CHECK(a_mmio > 0);
	CHECK_EQ(wdemu_munmap(a_mmio, (long)mmio), 0);
	CHECK(wdemu_mmap(fd, 0, (long)mmio) > 0);
	CHECK_EQ(wdemu_close(fd), 0);
	CHECK_EQ(attr_long(0, "available_instances"), 4);

	/* every instance taken -> EBUSY; the count goes down and up */
	int fds[4];

	for (int i = 0; i < 4; i++) {
		fds[i] = wdemu_open(path, O_RDWR);
		CHECK(fds[i] >= 1000);
		CHECK_EQ(attr_long(0, "available_instances"), 3 - i);
	}
	CHECK_EQ(wdemu_open(path, O_RDWR), -EBUSY);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "queues_in_use"), 4);
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(wdemu_close(fds[i]), 0);
		CHECK_EQ(attr_long(0, "available_instances"), i + 1);
	}
	CHECK_EQ(wdemu_live_queues(), 0);

	/* names and directories */
	snprintf(other, sizeof(other), "%s/dev/hisi_zip-7", g_root);
	CHECK_EQ(wdemu_open(other, O_RDWR), -ENODEV);
	snprintf(other, sizeof(other), "%s/class/hisi_zip-0", g_root);
	CHECK_EQ(wdemu_open(other, O_RDWR), -ENOENT);
	snprintf(other, sizeof(other), "%s/dev/../dev/hisi_zip-0", g_root);
	fd = wdemu_open(other, O_RDWR);
	CHECK(fd >= 1000);
	CHECK_EQ(wdemu_close(fd), 0);
	CHECK_EQ(wdemu_close(999), -EBADF);
	CHECK_EQ(wdemu_poll(12345, 0), -EBADF);
	CHECK_EQ(wdemu_mmap(-1, 0, 4096), -EBADF);
	wdemu_stop();

	start("set_qp_info=0");
	fd = wdemu_open(path, O_RDWR);
	CHECK_EQ(wdemu_ioctl(fd, WDEMU_CMD_QM_SET_QP_INFO, (long)&info), -EINVAL);
	CHECK_EQ(wdemu_close(fd), 0);
	struct uq q;   /* the driver falls back to depth 1024, the device's default */

	uq_open(&q, 0, 0);
	CHECK_EQ(q.depth, 1024);
	uq_close(&q);
	wdemu_stop();
	ok("lifecycle: open/mmap/ioctl/PUT_Q/close checks, EEXIST, EINVAL, ENXIO, EBUSY, EBADF");
}

/* One full stateless and stateful round trip per algorithm. */
static void test_round_trips(const uint8_t *data, size_t n)
{
	size_t cap = compressBound((uLong)n) + 64;
	uint8_t *c = malloc(cap), *d = malloc(n + 1024), *sys = malloc(cap);
	void *ctx = aligned_alloc(64, 65536);
	struct uq cq, dq;
	uint32_t st;
	struct res r;

	CHECK(c && d && sys && ctx);
	start("api=hisi_qm_v3;depth=256");
	uq_open(&cq, 0, 0);
	uq_open(&dq, 0, 1);
	for (int alg = DEFLATE; alg <= GZIP; alg++) {
		double t0 = now_s();
		/* stateless compress; the system zlib must read it */
		size_t cn = hw_compress(&cq, alg, 4, data, n, c, cap, &st);

		CHECK_EQ(st, 0);
		CHECK(cn < n);
		memset(d, 0, n);
		CHECK_EQ(sys_inflate(alg, c, cn, d, n + 1024), n);
		CHECK(!memcmp(d, data, n));
		/* stateless decompress of our own stream */
		memset(d, 0, n);
		CHECK_EQ(hw_decompress(&dq, alg, c, cn, d, n + 1024, &r), n);
		CHECK_EQ(r.status, WDEMU_ST_DECOMP_END);
		CHECK_EQ(r.lastblk, 1);
		CHECK_EQ(r.consumed + parse_header(alg, c, cn), cn);
		CHECK(!memcmp(d, data, n));
		/* a stream made by the system zlib (gzip with FNAME) */
		size_t sn = sys_deflate(alg, data, n, sys, cap);

		memset(d, 0, n);
		CHECK_EQ(hw_decompress(&dq, alg, sys, sn, d, n + 1024, &r), n);
		CHECK_EQ(r.status, WDEMU_ST_DECOMP_END);
		CHECK(!memcmp(d, data, n));

		/* stateful, in chunks, output space smaller than input */
		cn = hw_compress_stream(&cq, alg, data, n, c, cap, 100000, 65536, ctx);
		memset(d, 0, n);
		CHECK_EQ(sys_inflate(alg, c, cn, d, n + 1024), n);
		CHECK(!memcmp(d, data, n));
		memset(d, 0, n);
		CHECK_EQ(hw_decompress_stream(&dq, alg, c, cn, d, n, 50000, 70000, ctx), n);
		CHECK(!memcmp(d, data, n));
		/* tiny chunks: trailer straddles requests, output drains in bits */
		size_t small = n < 300000 ? n : 300000;

		cn = hw_compress_stream(&cq, alg, data, small, c, cap, 7777, 3001, ctx);
		memset(d, 0, small);
		CHECK_EQ(sys_inflate(alg, c, cn, d, small), small);
		CHECK(!memcmp(d, data, small));
		sn = sys_deflate(alg, data, small, sys, cap);
		CHECK_EQ(hw_decompress_stream(&dq, alg, sys, sn, d, small, 1000, 999, ctx), small);
		CHECK(!memcmp(d, data, small));
		/* 3-byte input chunks on a short stream */
		size_t tiny = small < 20000 ? small : 20000;

		cn = hw_compress_stream(&cq, alg, data, tiny, c, cap, 5000, 1000, ctx);
		memset(d, 0, tiny);
		CHECK_EQ(hw_decompress_stream(&dq, alg, c, cn, d, tiny, 3, 4093, ctx), tiny);
		CHECK(!memcmp(d, data, tiny));
		ok("round trip %-7s %zu bytes: stateless + stateful, interop with system zlib (%.2fs)",
		   alg_name[alg], n, now_s() - t0);
	}
	CHECK_EQ(wdemu_stat("hisi_zip-0", "streams"), 0);   /* finished streams are freed */
	CHECK_EQ(wdemu_stat("hisi_zip-0", "errors"), 0);
	CHECK(wdemu_stat("hisi_zip-0", "bytes_in") > (long)n);
	CHECK(wdemu_stat("hisi_zip-0", "completed") > 0);
	uq_close(&cq);
	uq_close(&dq);
	wdemu_stop();
	free(c);
	free(d);
	free(sys);
	free(ctx);
}

/* Window sizes, empty input, hardware SGLs, and the v1/v2 doorbells. */
static void test_variants(const uint8_t *data, size_t n)
{
	size_t len = n < 200000 ? n : 200000, cap = compressBound((uLong)len) + 64;
	uint8_t *c = malloc(cap), *d = malloc(len);
	uint32_t st;
	struct res r;

	CHECK(c && d);
	start("devices=3;api=hisi_qm_v1:hisi_qm_v2:hisi_qm_v3;depth=32");
	for (int dev = 0; dev < 3; dev++) {
		struct uq cq, dq;

		uq_open(&cq, dev, 0);
		uq_open(&dq, dev, 1);
		for (int win = 0; win <= 4; win++) {
			size_t cn = hw_compress(&cq, ZLIB, win, data, len, c, cap, &st);

			CHECK_EQ(st, 0);
			CHECK_EQ(sys_inflate(ZLIB, c, cn, d, len), len);
			CHECK(!memcmp(d, data, len));
			CHECK_EQ(hw_decompress(&dq, ZLIB, c, cn, d, len, &r), len);
			CHECK_EQ(r.status, WDEMU_ST_DECOMP_END);
		}
		/* empty input */
		size_t cn = hw_compress(&cq, GZIP, 2, data, 0, c, cap, &st);

		CHECK_EQ(st, 0);
		CHECK_EQ(sys_inflate(GZIP, c, cn, d, len), 0);
		CHECK_EQ(hw_decompress(&dq, GZIP, c, cn, d, len, &r), 0);
		CHECK_EQ(r.status, WDEMU_ST_DECOMP_END);
		uq_close(&cq);
		uq_close(&dq);
	}

	/* hardware SGL: input in 3 uneven pieces, output in 2, header skipped */
	struct sge { uint64_t buf, page_ctrl; uint32_t len, pad[3]; };
	struct sgl { uint64_t next; uint16_t sum_chain, sum_sgl, len_sgl, pad0; uint64_t pad1[6]; struct sge e[4]; };
	_Static_assert(sizeof(struct sge) == 32, "SGE is 32 bytes");
	struct sgl *in = aligned_alloc(64, sizeof(*in)), *in2 = aligned_alloc(64, sizeof(*in2));
	struct sgl *out = aligned_alloc(64, sizeof(*out));
	uint8_t *o1 = malloc(cap), *o2 = malloc(cap), *flat = malloc(cap);
	struct uq cq, dq;

	CHECK(in && in2 && out && o1 && o2 && flat);
	memset(in, 0, sizeof(*in));
	memset(in2, 0, sizeof(*in2));
	memset(out, 0, sizeof(*out));
	size_t p1 = 1000, p2 = len / 2;
	/* chain: [data[0..p1), data[p1..p2)] -> [data[p2..len)] */
	in->next = (uint64_t)(uintptr_t)in2;
	in->sum_chain = 3;
	in->sum_sgl = 2;
	in->len_sgl = 4;
	in->e[0] = (struct sge){ .buf = (uintptr_t)data, .len = (uint32_t)p1 };
	in->e[1] = (struct sge){ .buf = (uintptr_t)(data + p1), .len = (uint32_t)(p2 - p1) };
	in2->sum_chain = 3;
	in2->sum_sgl = 1;
	in2->len_sgl = 4;
	in2->e[0] = (struct sge){ .buf = (uintptr_t)(data + p2), .len = (uint32_t)(len - p2) };
	out->sum_chain = out->sum_sgl = 2;
	out->len_sgl = 4;
	out->e[0] = (struct sge){ .buf = (uintptr_t)o1, .len = 777 };
	out->e[1] = (struct sge){ .buf = (uintptr_t)o2, .len = (uint32_t)cap };
	uq_open(&cq, 2, 0);
	uq_open(&dq, 2, 1);
	memcpy(o1, zlib_hdr, 2);   /* the driver writes the header, the device skips it */
	struct job j = { .alg = ZLIB, .finish = 1, .sgl = 1, .src = in, .in_len = (uint32_t)len,
			 .dst = out, .out_len = (uint32_t)cap - 2, .out_skip = 2 };

	r = run(&cq, &j);
	CHECK_EQ(r.status, 0);
	CHECK_EQ(r.consumed, len);
	size_t total = 2 + r.produced;

	CHECK(total > 777);
	memcpy(flat, o1, 777);
	memcpy(flat + 777, o2, total - 777);
	CHECK_EQ(sys_inflate(ZLIB, flat, total, d, len), len);
	CHECK(!memcmp(d, data, len));
	/* and back: compressed data in the SGL (header skipped via dw7), flat out */
	struct job k = { .alg = ZLIB, .finish = 1, .sgl = 1, .src = out, .in_len = (uint32_t)total - 2,
			 .in_skip = 2, .dst = in, .out_len = (uint32_t)len };
	in->next = 0;
	in->sum_sgl = 1;
	memset(d, 0, len);
	in->e[0] = (struct sge){ .buf = (uintptr_t)d, .len = (uint32_t)len };
	r = run(&dq, &k);
	CHECK_EQ(r.status, WDEMU_ST_DECOMP_END);
	CHECK_EQ(r.produced, len);
	CHECK(!memcmp(d, data, len));
	/* an SGL too short for the input is refused */
	k.in_len = (uint32_t)(777 + cap);
	r = run(&dq, &k);
	CHECK_EQ(r.status, WDEMU_ST_BAD_REQUEST);
	uq_close(&cq);
	uq_close(&dq);
	wdemu_stop();
	free(in);
	free(in2);
	free(out);
	free(o1);
	free(o2);
	free(flat);
	free(c);
	free(d);
	ok("variants: windows 4K..32K, empty input, v1/v2/v3 doorbells, hardware SGL chains");
}

/* Many stateless jobs in flight, reaped in completion order by tag. */
struct batch_arg {
	int dev;
	const uint8_t *data;
	size_t n, block;
	int rc;
};

static void *batch_thread(void *p)
{
	struct batch_arg *a = p;
	size_t nb = (a->n + a->block - 1) / a->block, cap = compressBound((uLong)a->block) + 16;
	uint8_t *c = malloc(nb * cap), *d = malloc(a->n);
	uint32_t *clen = calloc(nb, sizeof(uint32_t));
	struct uq cq, dq;
	uint32_t w[32];

	CHECK(c && d && clen);
	uq_open(&cq, a->dev, 0);
	uq_open(&dq, a->dev, 1);
	for (int pass = 0; pass < 2; pass++) {
		struct uq *q = pass ? &dq : &cq;
		size_t sent = 0, done = 0;

		while (done < nb) {
			while (sent < nb) {
				struct job j = { .alg = GZIP, .finish = 1 };
				size_t len = a->n - sent * a->block < a->block ? a->n - sent * a->block : a->block;

				if (!pass) {
					j.src = a->data + sent * a->block;
					j.in_len = (uint32_t)len;
					j.dst = c + sent * cap;
					j.out_len = (uint32_t)cap;
				} else {
					j.src = c + sent * cap;
					j.in_len = clen[sent];
					j.dst = d + sent * a->block;
					j.out_len = (uint32_t)len;   /* exact fit */
				}
				fill_sqe(w, &j, q, (uint32_t)sent + 1);
				if (uq_send(q, w) == -EBUSY)
					break;
				sent++;
			}
			int idx = uq_recv(q, w, g_checks_timeout_ms);

			CHECK(idx >= 0);
			struct res r = decode(w, q);
			size_t b = r.tag - 1;

			CHECK(b < nb);
			CHECK_EQ(r.status, pass ? WDEMU_ST_DECOMP_END : 0);
			if (!pass)
				clen[b] = r.produced;
			done++;
		}
	}
	CHECK(!memcmp(d, a->data, a->n));
	uq_close(&cq);
	uq_close(&dq);
	free(c);
	free(d);
	free(clen);
	a->rc = 0;
	return NULL;
}

static void test_concurrency(const uint8_t *data, size_t n)
{
	enum { T = 4 };
	pthread_t th[T];
	struct batch_arg a[T];
	size_t slice = n / T;

	start("devices=2;threads=2;depth=16");
	double t0 = now_s();

	for (int i = 0; i < T; i++) {
		a[i] = (struct batch_arg){ .dev = i % 2, .data = data + i * slice, .n = slice,
					   .block = 16384 + 1000 * (size_t)i, .rc = -1 };
		CHECK_EQ(pthread_create(&th[i], NULL, batch_thread, &a[i]), 0);
	}
	for (int i = 0; i < T; i++) {
		pthread_join(th[i], NULL);
		CHECK_EQ(a[i].rc, 0);
	}
	CHECK_EQ(wdemu_live_queues(), 0);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "errors") + wdemu_stat("hisi_zip-1", "errors"), 0);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "bad_doorbells"), 0);
	wdemu_stop();
	ok("concurrency: %d driver threads x 2 devices x 2 device threads, SQ full (depth 16) back-pressure (%.2fs)",
	   T, now_s() - t0);
}

/* Depth 4: the CQ wraps (phase flips) and a full CQ holds the device back. */
static void test_wrap(const uint8_t *data)
{
	struct uq q;
	uint32_t w[32];
	uint8_t out[4096];

	start("depth=4;instances=2");
	uq_open(&q, 0, 0);
	CHECK_EQ(q.depth, 4);
	unsigned flips = 0, last_phase = q.phase;

	for (int i = 0; i < 41; i++) {   /* one at a time, then in bursts of 3 */
		int burst = i < 10 ? 1 : 3;

		for (int b = 0; b < burst; b++) {
			struct job j = { .alg = DEFLATE, .finish = 1, .src = data + i, .in_len = 100,
					 .dst = out, .out_len = sizeof(out) };

			fill_sqe(w, &j, &q, (uint32_t)(i * 4 + b));
			CHECK_EQ(uq_send(&q, w), 0);
		}
		if (burst == 3)
			CHECK_EQ(uq_send(&q, w), -EBUSY);   /* depth-1 in flight at most */
		for (int b = 0; b < burst; b++) {
			CHECK(uq_recv(&q, w, g_checks_timeout_ms) >= 0);
			CHECK_EQ(decode(w, &q).status, 0);
			CHECK_EQ(decode(w, &q).tag, i * 4 + b);   /* in order */
			if (q.phase != last_phase) {
				flips++;
				last_phase = q.phase;
			}
		}
	}
	CHECK(flips >= 20);

	/* CQ full: 3 CQEs outstanding that the driver read but did not ring for */
	uint8_t *cq = q.cq;
	unsigned head = q.cq_head, phase = q.phase;

	for (int b = 0; b < 3; b++) {
		struct job j = { .alg = DEFLATE, .finish = 1, .src = data, .in_len = 100,
				 .dst = out, .out_len = sizeof(out) };

		fill_sqe(w, &j, &q, 900 + (uint32_t)b);
		CHECK_EQ(uq_send(&q, w), 0);
	}
	for (int b = 0; b < 3; b++) {
		unsigned idx = (head + (unsigned)b) % 4, ph = phase ^ (idx < head);
		double t0 = now_s();

		while ((__atomic_load_n((uint16_t *)(cq + idx * 16 + 14), __ATOMIC_ACQUIRE) & 1) != ph)
			CHECK(now_s() - t0 < g_checks_timeout_ms / 1000.0);
	}
	/* "consume" them without a CQ doorbell, and submit one more */
	q.used = 0;
	struct job j = { .alg = DEFLATE, .finish = 1, .src = data, .in_len = 100, .dst = out,
			 .out_len = sizeof(out) };

	fill_sqe(w, &j, &q, 999);
	CHECK_EQ(uq_send(&q, w), 0);
	unsigned idx4 = (head + 3) % 4, ph4 = phase ^ (idx4 < head);

	sleep_ms(100);
	/* the 4th CQE would overwrite the oldest unacknowledged one: held back */
	CHECK((__atomic_load_n((uint16_t *)(cq + idx4 * 16 + 14), __ATOMIC_ACQUIRE) & 1) != ph4);
	CHECK_EQ(wdemu_poll(q.fd, 0), 1);   /* but poll says there is something */
	ring(&q, WDEMU_DB_CMD_CQ, (head + 3) % 4);
	double t0 = now_s();

	while ((__atomic_load_n((uint16_t *)(cq + idx4 * 16 + 14), __ATOMIC_ACQUIRE) & 1) != ph4)
		CHECK(now_s() - t0 < g_checks_timeout_ms / 1000.0);
	uint16_t sqh;

	memcpy(&sqh, cq + idx4 * 16 + 8, 2);
	CHECK_EQ(decode((uint32_t *)(q.dus + sqh * 128), &q).tag, 999);
	uq_close(&q);
	wdemu_stop();
	ok("wrap-around: depth 4, %u phase flips, full CQ holds the device back until the CQ doorbell",
	   flips);
}

static void test_statuses(const uint8_t *data, size_t n)
{
	size_t len = n < 100000 ? n : 100000, cap = compressBound((uLong)len) + 64;
	uint8_t *c = malloc(cap), *d = malloc(len + 64), *noise = malloc(4096);
	void *ctx = aligned_alloc(64, 65536);
	struct uq cq, dq;
	struct res r;
	uint32_t st;

	CHECK(c && d && noise && ctx);
	for (int i = 0; i < 4096; i++)
		noise[i] = (uint8_t)rnd();
	start("max_streams=2");
	uq_open(&cq, 0, 0);
	uq_open(&dq, 0, 1);

	/* compress: output too small -> 0x0E, nothing produced */
	struct job j = { .alg = ZLIB, .finish = 1, .src = noise, .in_len = 4096, .dst = c, .out_len = 100 };

	r = run(&cq, &j);
	CHECK_EQ(r.status, WDEMU_ST_DST_TOO_SMALL);
	CHECK_EQ(r.produced, 0);
	/* room for the deflate data but not the gzip trailer */
	size_t gz = hw_compress(&cq, GZIP, 4, data, len, c, cap, &st);

	uint8_t *scratch = malloc(cap);

	CHECK(scratch);
	j = (struct job){ .alg = GZIP, .win = 4, .finish = 1, .src = data, .in_len = (uint32_t)len,
			  .dst = scratch, .out_len = (uint32_t)(gz - 10 - 3) };
	r = run(&cq, &j);
	CHECK_EQ(r.status, WDEMU_ST_DST_TOO_SMALL);
	j.out_len = (uint32_t)(gz - 10);   /* exactly enough */
	r = run(&cq, &j);
	CHECK_EQ(r.status, 0);
	CHECK(!memcmp(scratch, c + 10, gz - 10));
	free(scratch);

	/* decompress: exact fit, too small, truncated, cut trailer, CRC, garbage */
	CHECK_EQ(hw_decompress(&dq, GZIP, c, gz, d, len, &r), len);
	CHECK_EQ(r.status, WDEMU_ST_DECOMP_END);
	CHECK(!memcmp(d, data, len));
	hw_decompress(&dq, GZIP, c, gz, d, len - 1, &r);
	CHECK_EQ(r.status, WDEMU_ST_DST_TOO_SMALL);
	CHECK_EQ(r.produced, 0);
	hw_decompress(&dq, GZIP, c, gz - 100, d, len + 64, &r);
	CHECK_EQ(r.status, WDEMU_ST_OK);
	CHECK_EQ(r.lastblk, 0);
	CHECK_EQ(r.consumed, gz - 100 - 10);
	hw_decompress(&dq, GZIP, c, gz - 3, d, len + 64, &r);   /* trailer cut */
	CHECK_EQ(r.status, WDEMU_ST_OK);
	CHECK_EQ(r.lastblk, 0);
	c[gz - 5] ^= 1;   /* CRC-32 */
	hw_decompress(&dq, GZIP, c, gz, d, len + 64, &r);
	CHECK_EQ(r.status, WDEMU_ST_CRC_ERR);
	c[gz - 5] ^= 1;
	c[gz - 1] ^= 1;   /* ISIZE */
	hw_decompress(&dq, GZIP, c, gz, d, len + 64, &r);
	CHECK_EQ(r.status, WDEMU_ST_CRC_ERR);
	size_t zl = hw_compress(&cq, ZLIB, 4, data, len, c, cap, &st);

	c[zl - 1] ^= 0x80;   /* Adler-32 */
	hw_decompress(&dq, ZLIB, c, zl, d, len + 64, &r);
	CHECK_EQ(r.status, WDEMU_ST_CRC_ERR);
	/* trailing bytes after the stream are not consumed */
	c[zl - 1] ^= 0x80;
	memcpy(c + zl, "JUNK", 4);
	hw_decompress(&dq, ZLIB, c, zl + 4, d, len + 64, &r);
	CHECK_EQ(r.status, WDEMU_ST_DECOMP_END);
	CHECK_EQ(r.consumed, zl - 2);
	static const uint8_t bad[] = { 0x07, 0x00, 0x11, 0x22 };   /* BTYPE 11: invalid */

	j = (struct job){ .alg = DEFLATE, .finish = 1, .src = bad, .in_len = sizeof(bad), .dst = d, .out_len = 100 };
	r = run(&dq, &j);
	CHECK_EQ(r.status, WDEMU_ST_BAD_DATA);

	/* requests the engine cannot take */
	j = (struct job){ .alg = 0x43, .finish = 1, .src = data, .in_len = 10, .dst = d, .out_len = 100 };
	CHECK_EQ(run(&cq, &j).status, WDEMU_ST_BAD_REQUEST);
	j = (struct job){ .alg = ZLIB, .win = 7, .finish = 1, .src = data, .in_len = 10, .dst = d, .out_len = 100 };
	CHECK_EQ(run(&cq, &j).status, WDEMU_ST_BAD_REQUEST);
	j = (struct job){ .alg = ZLIB, .finish = 1, .src = NULL, .in_len = 10, .dst = d, .out_len = 100 };
	CHECK_EQ(run(&cq, &j).status, WDEMU_ST_BAD_REQUEST);
	j = (struct job){ .alg = ZLIB, .stateful = 1, .finish = 1, .src = data, .in_len = 10, .dst = d, .out_len = 100 };
	CHECK_EQ(run(&cq, &j).status, WDEMU_ST_BAD_REQUEST);   /* stateful without context */

	/* stream contexts: continuation without a start, LRU eviction */
	void *ctx2 = aligned_alloc(64, 65536), *ctx3 = aligned_alloc(64, 65536);

	j = (struct job){ .alg = ZLIB, .stateful = 1, .src = data, .in_len = 1000, .dst = d,
			  .out_len = 4096, .ctx = ctx };
	CHECK_EQ(run(&cq, &j).status, WDEMU_ST_STREAM_LOST);
	j.snew = 1;
	CHECK_EQ(run(&cq, &j).status, 0);
	j.ctx = ctx2;
	CHECK_EQ(run(&cq, &j).status, 0);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "streams"), 2);
	j.ctx = ctx3;
	CHECK_EQ(run(&cq, &j).status, 0);   /* evicts ctx, the least recently used */
	CHECK_EQ(wdemu_stat("hisi_zip-0", "streams"), 2);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "stream_evictions"), 1);
	j.snew = 0;
	j.ctx = ctx;
	CHECK_EQ(run(&cq, &j).status, WDEMU_ST_STREAM_LOST);
	j.ctx = ctx2;
	CHECK_EQ(run(&cq, &j).status, 0);
	j.ctx = ctx2;   /* a decompression request on a compression stream's context */
	CHECK_EQ(run(&dq, &j).status, WDEMU_ST_BAD_REQUEST);
	j.ctx = ctx2;
	j.finish = 1;
	j.in_len = 0;
	r = run(&cq, &j);   /* finish it: freed */
	CHECK_EQ(r.status, 0);
	CHECK_EQ(r.lastblk, 1);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "streams"), 1);
	CHECK(wdemu_stat("hisi_zip-0", "errors") >= 10);
	uq_close(&cq);
	uq_close(&dq);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "streams"), 1);   /* ctx3: abandoned, held until evicted/stop */
	wdemu_stop();
	free(ctx2);
	free(ctx3);
	free(ctx);
	free(c);
	free(d);
	free(noise);
	ok("statuses: 0x0E, 0x10, 0x13 exact fit, truncation, 0x0B, 0x1C, 0x1D, LRU eviction");
}

/* A stream started on one device continues on another, as on hardware. */
/* A gzip stream in 30,000-byte requests alternating between q0 and q1; with flip_at >= 0,
 * hisi_zip-0 is told to flip a bit before request flip_at (an even one: q0's). */
static size_t migrate_gzip(struct uq *q0, struct uq *q1, const uint8_t *data, size_t len, uint8_t *c,
			   size_t cap, void *ctx, int flip_at)
{
	size_t o = write_header(GZIP, c), pos = 0;
	uint32_t isize = 0, csum = 0;
	int done = 0;

	for (int i = 0; !done; i++) {
		size_t chunk = len - pos < 30000 ? len - pos : 30000;
		struct job j = { .alg = GZIP, .stateful = 1, .snew = i == 0, .finish = pos + chunk == len,
				 .src = data + pos, .in_len = (uint32_t)chunk, .dst = c + o,
				 .out_len = (uint32_t)(cap - o), .ctx = ctx, .isize = isize, .csum = csum };
		if (i == flip_at)
			CHECK_EQ(wdemu_inject("hisi_zip-0", "bitflip", 1), 0);
		struct res r = run(i % 2 ? q1 : q0, &j);

		CHECK_EQ(r.status, 0);
		pos += r.consumed;
		o += r.produced;
		isize = r.isize;
		csum = r.csum;
		done = r.lastblk;
	}
	return o;
}

static void test_migration(const uint8_t *data, size_t n)
{
	size_t len = n < 400000 ? n : 400000, cap = compressBound((uLong)len) + 64;
	uint8_t *c = malloc(cap), *f = malloc(cap), *d = malloc(len);
	void *ctx = aligned_alloc(64, 65536);
	struct uq q0, q1;

	CHECK(c && f && d && ctx);
	start("devices=2");
	uq_open(&q0, 0, 0);
	uq_open(&q1, 1, 0);
	size_t o = migrate_gzip(&q0, &q1, data, len, c, cap, ctx, -1);

	CHECK_EQ(sys_inflate(GZIP, c, o, d, len), len);
	CHECK(!memcmp(d, data, len));

	/* bitflip on a stream's request: status OK, one bit of the whole stream's output differs */
	size_t fo = migrate_gzip(&q0, &q1, data, len, f, cap, ctx, 2);
	int bits = 0;

	CHECK_EQ(fo, o);
	for (size_t i = 0; i < o; i++)
		bits += __builtin_popcount(c[i] ^ f[i]);
	CHECK_EQ(bits, 1);
	uq_close(&q0);
	uq_close(&q1);
	wdemu_stop();
	free(c);
	free(f);
	free(d);
	free(ctx);
	ok("migration: a gzip stream alternating between two devices; bitflip on one of its requests");
}

static void test_faults(const uint8_t *data)
{
	uint8_t out[4096];
	char path[512];
	struct uq q;
	uint32_t w[32];
	struct job j = { .alg = DEFLATE, .finish = 1, .src = data, .in_len = 1000, .dst = out,
			 .out_len = sizeof(out) };

	start("devices=2;instances=4;depth=8");
	dev_path(path, sizeof(path), 0);
	uq_open(&q, 0, 0);

	/* error_status */
	CHECK_EQ(wdemu_inject("hisi_zip-0", "error_status", 2), 0);
	CHECK_EQ(run(&q, &j).status, WDEMU_ST_INJECTED);
	struct res r = run(&q, &j);

	CHECK_EQ(r.status, WDEMU_ST_INJECTED);
	CHECK_EQ(r.produced, 0);
	CHECK_EQ(run(&q, &j).status, 0);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "errors"), 2);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "completed"), 3);

	/* bitflip: status OK, one bit of the output differs from a clean run's */
	{
		uint8_t clean[sizeof(out)];
		struct res c = run(&q, &j);

		CHECK_EQ(c.status, 0);
		memcpy(clean, out, c.produced);
		CHECK_EQ(wdemu_inject("hisi_zip-0", "bitflip", 1), 0);
		struct res f = run(&q, &j);

		CHECK_EQ(f.status, 0);
		CHECK_EQ(f.produced, c.produced);
		int bits = 0;

		for (uint32_t i = 0; i < c.produced; i++)
			bits += __builtin_popcount(clean[i] ^ out[i]);
		CHECK_EQ(bits, 1);
		CHECK_EQ(run(&q, &j).status, 0);
		CHECK(memcmp(clean, out, c.produced) == 0);
		CHECK_EQ(wdemu_inject("hisi_zip-0", "bitflip", -1), -EINVAL);
	}

	/* stuck: accepted, not completed, until released */
	CHECK_EQ(wdemu_inject("hisi_zip-0", "stuck", 1), 0);
	fill_sqe(w, &j, &q, 7);
	CHECK_EQ(uq_send(&q, w), 0);
	CHECK_EQ(wdemu_poll(q.fd, 150), 0);
	CHECK_EQ(uq_recv(&q, w, 0), -ETIMEDOUT);
	CHECK_EQ(wdemu_inject("hisi_zip-0", "stuck", 0), 0);
	CHECK_EQ(wdemu_poll(q.fd, g_checks_timeout_ms), 1);
	CHECK(uq_recv(&q, w, 0) >= 0);
	CHECK_EQ(decode(w, &q).tag, 7);

	/* stop: the queue-stopped words, and no processing until cleared */
	CHECK_EQ(tx_word(&q), 0);
	CHECK_EQ(rx_word(&q), 0);
	CHECK_EQ(wdemu_inject("hisi_zip-0", "stop", 1), 0);
	CHECK_EQ(tx_word(&q), 1);
	CHECK_EQ(rx_word(&q), 1);
	CHECK_EQ(uq_send(&q, w), -EACCES);   /* the driver checks TX before ringing */
	/* a doorbell rung anyway is latched but the queue does not run */
	memcpy(q.dus + (size_t)q.sq_tail * 128, w, 128);
	q.sq_tail = (q.sq_tail + 1) % q.depth;
	ring(&q, WDEMU_DB_CMD_SQ, q.sq_tail);
	q.used++;
	CHECK_EQ(wdemu_poll(q.fd, 100), 0);
	CHECK_EQ(wdemu_inject("hisi_zip-0", "stop", 0), 0);
	CHECK_EQ(tx_word(&q), 0);
	CHECK(uq_recv(&q, w, g_checks_timeout_ms) >= 0);

	/* isolate */
	CHECK_EQ(wdemu_inject("hisi_zip-1", "isolate", 1), 0);
	CHECK(!strcmp(attr(1, "isolate"), "1\n"));
	CHECK_EQ(wdemu_inject("hisi_zip-1", "isolate", 0), 0);
	CHECK(!strcmp(attr(1, "isolate"), "0\n"));

	/* ebusy */
	CHECK_EQ(wdemu_inject("hisi_zip-0", "ebusy", 2), 0);
	CHECK_EQ(wdemu_open(path, O_RDWR), -EBUSY);
	CHECK_EQ(wdemu_open(path, O_RDWR), -EBUSY);
	int fd = wdemu_open(path, O_RDWR);

	CHECK(fd >= 1000);
	CHECK_EQ(wdemu_close(fd), 0);

	/* unknown device / fault */
	CHECK_EQ(wdemu_inject("hisi_zip-9", "stuck", 1), -EINVAL);
	CHECK_EQ(wdemu_inject("hisi_zip-0", "explode", 1), -EINVAL);
	CHECK_EQ(wdemu_inject(NULL, "stuck", 1), -EINVAL);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "nonsense"), -EINVAL);
	CHECK_EQ(wdemu_stat("nope", "completed"), -EINVAL);

	/* bad doorbells are ignored and counted */
	long bad0 = wdemu_stat("hisi_zip-0", "bad_doorbells");

	wdemu_mmio_write64((long)(q.mmio + 0x1000), (long)db_value(&q, 0, 1, (uint16_t)(q.id + 1)));
	wdemu_mmio_write64((long)(q.mmio + 0x1000), (long)db_value(&q, 0, 99, q.id));
	wdemu_mmio_write64((long)(q.mmio + 0x1000), (long)db_value(&q, 5, 1, q.id));
	wdemu_mmio_write64((long)(q.mmio + 8), (long)db_value(&q, 0, 1, q.id));
	wdemu_mmio_write64((long)out, 1);   /* not ours at all */
	CHECK_EQ(wdemu_stat("hisi_zip-0", "bad_doorbells"), bad0 + 4);
	CHECK_EQ(wdemu_poll(q.fd, 50), 0);

	/* remove, with an SQE in flight */
	CHECK_EQ(wdemu_inject("hisi_zip-0", "stuck", 1), 0);
	fill_sqe(w, &j, &q, 77);
	CHECK_EQ(uq_send(&q, w), 0);
	CHECK_EQ(wdemu_inject("hisi_zip-0", "remove", 0), 0);
	CHECK(!path_exists("%s/class/uacce/hisi_zip-%d", 0));
	CHECK(!path_exists("%s/dev/hisi_zip-%d", 0));
	CHECK(path_exists("%s/class/uacce/hisi_zip-%d", 1));
	CHECK_EQ(wdemu_open(path, O_RDWR), -ENODEV);
	CHECK_EQ(wdemu_ioctl(q.fd, WDEMU_CMD_START_Q, 0), -ENXIO);
	CHECK_EQ(wdemu_ioctl(q.fd, WDEMU_CMD_PUT_Q, 0), -ENXIO);
	CHECK_EQ(wdemu_mmap(q.fd, g_page, (long)q.dus_size), -ENXIO);
	CHECK_EQ(wdemu_poll(q.fd, 10), -ENXIO);
	CHECK_EQ(wdemu_inject("hisi_zip-0", "stuck", 0), 0);
	sleep_ms(50);
	CHECK((__atomic_load_n((uint16_t *)(q.cq + q.cq_head * 16 + 14), __ATOMIC_ACQUIRE) & 1) != q.phase);
	memset(q.dus, 0xab, q.dus_size);   /* mapped memory stays valid */
	q.mmio[0] = 1;
	CHECK_EQ(wdemu_inject("hisi_zip-0", "isolate", 1), -ENODEV);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "completed"), 8); /* 5, and the bitflip block's 3 */
	CHECK_EQ(wdemu_live_queues(), 1);
	CHECK_EQ(wdemu_munmap((long)q.dus, (long)q.dus_size), 0);
	CHECK_EQ(wdemu_close(q.fd), 0);
	CHECK_EQ(wdemu_live_queues(), 0);
	/* the other device is unaffected */
	uq_open(&q, 1, 0);
	CHECK_EQ(run(&q, &j).status, 0);
	uq_close(&q);
	wdemu_stop();
	ok("faults: error_status, bitflip, stuck, stop words, isolate, ebusy, bad doorbells, remove");
}

static void test_service_time(const uint8_t *data)
{
	uint8_t out[8192];
	struct uq q;

	start("latency_ns=30000000;ns_per_byte=10000");   /* 30 ms + 10 us/byte */
	uq_open(&q, 0, 0);
	struct job j = { .alg = ZLIB, .finish = 1, .src = data, .in_len = 2000, .dst = out,
			 .out_len = sizeof(out) };
	double t0 = now_s();

	CHECK_EQ(run(&q, &j).status, 0);
	double dt = now_s() - t0;

	CHECK(dt >= 0.050 - 0.001);   /* 30 ms + 2000 * 10 us */
	uq_close(&q);
	wdemu_stop();
	ok("service time: latency + ns_per_byte honoured (%.1f ms for >= 50 ms)", dt * 1000);
}

/* Each completion carries the worker's CPU time for the SQE: more for more
 * work, and none of the service-time wait (a latency, not CPU). */
static void test_job_cpu_time(const uint8_t *data, size_t n)
{
	size_t cap = n + n / 8 + 1024;
	uint8_t *out = malloc(cap);
	struct uq q;

	CHECK(out);
	start("latency_ns=200000000");   /* 200 ms a job, spent waiting */
	uq_open(&q, 0, 0);
	struct job small = { .alg = ZLIB, .finish = 1, .src = data, .in_len = 1000, .dst = out,
			     .out_len = (uint32_t)cap };
	struct job big = small;

	big.in_len = (uint32_t)n;
	CHECK_EQ(run(&q, &small).status, 0);
	uint64_t small_ns = q.last_cpu_ns;

	CHECK(small_ns > 0);
	CHECK(small_ns < 200000000ull);   /* the wait is not in it */
	CHECK_EQ(run(&q, &big).status, 0);
	uint64_t big_ns = q.last_cpu_ns;

	CHECK(big_ns > small_ns);         /* n bytes cost more than 1000 */
	CHECK_EQ(wdemu_inject("hisi_zip-0", "error_status", 1), 0);
	CHECK_EQ(run(&q, &small).status, WDEMU_ST_INJECTED);
	CHECK(q.last_cpu_ns > 0);         /* a failed SQE still reports what it took */
	uq_close(&q);
	wdemu_stop();
	free(out);
	ok("job CPU time: in every CQE (%llu ns for 1000 bytes, %llu ns for %zu), the wait left out",
	   (unsigned long long)small_ns, (unsigned long long)big_ns, n);
}

/* wdemu_stop with queues open, SQEs in flight and a thread inside poll. */
static void *poller(void *p)
{
	int fd = *(int *)p;

	*(int *)p = wdemu_poll(fd, -1);
	return NULL;
}

static void test_stop_with_open_queues(const uint8_t *data)
{
	uint8_t out[4096];
	struct uq q[3];
	uint32_t w[32];
	pthread_t th;
	int pfd;
	void *ctx = aligned_alloc(64, 65536);

	start("devices=2;latency_ns=1000000");
	for (int i = 0; i < 3; i++)
		uq_open(&q[i], i % 2, 0);
	/* a live stream context, SQEs stuck in flight, a poller waiting forever */
	struct job j = { .alg = GZIP, .stateful = 1, .snew = 1, .src = data, .in_len = 5000,
			 .dst = out, .out_len = sizeof(out), .ctx = ctx };

	CHECK_EQ(run(&q[2], &j).status, 0);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "streams"), 1);
	CHECK_EQ(wdemu_inject("hisi_zip-1", "stuck", 1), 0);
	j = (struct job){ .alg = DEFLATE, .finish = 1, .src = data, .in_len = 1000, .dst = out,
			  .out_len = sizeof(out) };
	fill_sqe(w, &j, &q[1], 1);
	CHECK_EQ(uq_send(&q[1], w), 0);
	pfd = q[1].fd;
	CHECK_EQ(pthread_create(&th, NULL, poller, &pfd), 0);
	fill_sqe(w, &j, &q[0], 2);
	CHECK_EQ(uq_send(&q[0], w), 0);   /* may be mid-service when stop comes */
	sleep_ms(50);
	CHECK_EQ(wdemu_live_queues(), 3);
	CHECK_EQ(wdemu_stop(), 0);
	pthread_join(th, NULL);
	CHECK_EQ(pfd, -ENODEV);
	CHECK_EQ(wdemu_live_queues(), 0);
	CHECK(!path_exists("%s/class/uacce/hisi_zip-%d", 0));
	CHECK(!path_exists("%s/class/uacce/hisi_zip-%d", 1));
	CHECK_EQ(wdemu_close(q[0].fd), -EBADF);
	CHECK_EQ(wdemu_stat("hisi_zip-0", "completed"), -EINVAL);
	/* and the emulator starts again cleanly */
	start(NULL);
	struct uq r;

	uq_open(&r, 0, 0);
	CHECK_EQ(run(&r, &j).status, 0);
	uq_close(&r);
	wdemu_stop();
	free(ctx);
	ok("stop with open queues, in-flight SQEs, a stream context and a blocked poller");
}

/* ---- v3: lz77_zstd and lz4 ---------------------------------------------- */

enum { LZ4 = 4, LZ77_ZSTD_PRICE = 0x42, LZ77_ZSTD = 0x43 };

struct v3res {
	struct res r;
	uint32_t lit_num, overflow;
};

/* One v3 request: lits (may be NULL) goes to dw24/25 with its size in dw13. */
static struct v3res run_v3(struct uq *q, const struct job *j, void *lits, uint32_t lits_cap)
{
	uint32_t w[32];
	uint32_t tag = ++q->next_tag;
	struct v3res v;

	fill_sqe(w, j, q, tag);
	w[13] = lits_cap;
	w[24] = (uint32_t)(uintptr_t)lits;
	w[25] = (uint32_t)((uintptr_t)lits >> 32);
	CHECK_EQ(uq_send(q, w), 0);
	CHECK(uq_recv(q, w, g_checks_timeout_ms) >= 0);
	v.r = decode(w, q);
	v.r.tag = w[26];
	v.lit_num = w[2];
	v.overflow = w[31];
	if (q->api == 3)
		CHECK_EQ(v.r.tag, tag);
	return v;
}

/* Rebuild the input from the device's literals and 8-byte sequences
 * {u32 offset + 3, u16 literal length, u16 match length - 3}; checks every
 * field against the device's rules and returns the rebuilt length. */
static size_t zstd_rebuild(const uint8_t *lits, uint32_t lit_num, const uint8_t *seqs,
			   uint32_t seq_num, uint32_t overflow, uint32_t window, uint8_t *out)
{
	size_t o = 0, l = 0;

	for (uint32_t i = 0; i < seq_num; i++) {
		const uint8_t *r = seqs + (size_t)i * 8;
		uint32_t off = (uint32_t)r[0] | (uint32_t)r[1] << 8 | (uint32_t)r[2] << 16 |
			       (uint32_t)r[3] << 24;
		uint32_t lit = (uint32_t)r[4] | (uint32_t)r[5] << 8;
		uint32_t ml = ((uint32_t)r[6] | (uint32_t)r[7] << 8) + 3;

		if ((overflow >> 24) && (overflow & 0xffffff) == i)
			lit += 0x10000 * (overflow >> 24);
		CHECK(off > 3);
		off -= 3;
		CHECK(l + lit <= lit_num);
		memcpy(out + o, lits + l, lit);
		o += lit;
		l += lit;
		CHECK(off <= o && off <= window);
		for (uint32_t k = 0; k < ml; k++, o++)
			out[o] = out[o - off];
	}
	memcpy(out + o, lits + l, lit_num - l);
	return o + lit_num - l;
}

/* A plain LZ4 block decoder (format checks only what the test needs). */
static size_t lz4_decode(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	size_t p = 0, o = 0;

	for (;;) {
		CHECK(p < n);
		uint8_t t = in[p++];
		size_t lit = t >> 4, ml = t & 15;

		if (lit == 15)
			do { CHECK(p < n); lit += in[p]; } while (in[p++] == 255);
		CHECK(p + lit <= n && o + lit <= cap);
		memcpy(out + o, in + p, lit);
		p += lit;
		o += lit;
		if (p == n)
			return o;
		CHECK(p + 2 <= n);
		size_t off = in[p] | (size_t)in[p + 1] << 8;

		p += 2;
		if (ml == 15)
			do { CHECK(p < n); ml += in[p]; } while (in[p++] == 255);
		ml += 4;
		CHECK(off >= 1 && off <= o && o + ml <= cap);
		for (size_t k = 0; k < ml; k++, o++)
			out[o] = out[o - off];
	}
}

static void test_v3_algorithms(const uint8_t *data, size_t n)
{
	struct uq q, v2;
	uint32_t len = 1u << 17;   /* the lz77_zstd request limit */
	uint8_t *lits = malloc(len + 16), *seqs = malloc(len * 2), *back = malloc(len * 2);
	uint8_t *big = malloc(len * 2);

	CHECK(n >= len && lits && seqs && back && big);
	start("devices=2;api=hisi_qm_v3:hisi_qm_v2");
	uq_open(&q, 0, 0);
	uq_open(&v2, 1, 0);

	/* lz77_zstd, both modes, every window: the sequences rebuild the input */
	for (int alg = LZ77_ZSTD_PRICE; alg <= LZ77_ZSTD; alg++)
		for (int win = 0; win <= 4; win += 2) {
			static const uint32_t wb[5] = { 4096, 8192, 16384, 24576, 32768 };
			struct job j = { .alg = alg, .win = win, .src = data, .in_len = len,
					 .dst = seqs, .out_len = len * 2 };
			struct v3res v = run_v3(&q, &j, lits, len + 16);

			CHECK_EQ(v.r.status, 0);
			CHECK_EQ(v.r.consumed, len);
			CHECK(v.r.produced > 0 && v.lit_num < len / 2);   /* the data compresses */
			CHECK_EQ(zstd_rebuild(lits, v.lit_num, seqs, v.r.produced, v.overflow, wb[win], back),
				 len);
			CHECK(!memcmp(back, data, len));
		}
	/* a literal run longer than 16 bits is reported in dw31 */
	for (uint32_t i = 0; i < len / 2; i++) {   /* 16-bit counters: no 3-byte repeats */
		big[2 * i] = (uint8_t)(i >> 8);
		big[2 * i + 1] = (uint8_t)i;
	}
	memcpy(big + 70000, big + 60000, 300);
	{
		struct job j = { .alg = LZ77_ZSTD, .win = 4, .src = big, .in_len = 70300,
				 .dst = seqs, .out_len = len * 2 };
		struct v3res v = run_v3(&q, &j, lits, len + 16);

		CHECK_EQ(v.r.status, 0);
		CHECK_EQ(v.r.produced, 1);
		CHECK_EQ(v.overflow, 1u << 24 | 0);
		CHECK_EQ(zstd_rebuild(lits, v.lit_num, seqs, v.r.produced, v.overflow, 32768, back), 70300);
		CHECK(!memcmp(back, big, 70300));
	}
	/* limits: input over 128 KiB, no literals buffer, sequences that do not fit */
	struct job j = { .alg = LZ77_ZSTD, .win = 4, .src = data, .in_len = len + 1, .dst = seqs,
			 .out_len = len * 2 };

	CHECK_EQ(run_v3(&q, &j, lits, len + 17).r.status, WDEMU_ST_BAD_REQUEST);
	j.in_len = len;
	CHECK_EQ(run_v3(&q, &j, NULL, 0).r.status, WDEMU_ST_BAD_REQUEST);
	j.out_len = 784 + 8 + 64;
	struct v3res v = run_v3(&q, &j, lits, len + 16);

	CHECK_EQ(v.r.status, WDEMU_ST_DST_TOO_SMALL);
	CHECK_EQ(v.r.produced, 0);

	/* lz4: one block, decodable, every window; limits */
	for (int win = 0; win <= 4; win += 4) {
		struct job k = { .alg = LZ4, .win = win, .src = data, .in_len = len, .dst = seqs,
				 .out_len = len * 2 };
		struct res r = run_v3(&q, &k, NULL, 0).r;

		CHECK_EQ(r.status, 0);
		CHECK_EQ(r.consumed, len);
		CHECK(r.produced < len / 4 * 3);   /* the data compresses */
		CHECK_EQ(lz4_decode(seqs, r.produced, back, len * 2), len);
		CHECK(!memcmp(back, data, len));
	}
	for (uint32_t small = 1; small < 20; small++) {   /* the format's end rules */
		struct job k = { .alg = LZ4, .win = 4, .src = data, .in_len = small, .dst = seqs,
				 .out_len = 64 };
		struct res r = run_v3(&q, &k, NULL, 0).r;

		CHECK_EQ(r.status, 0);
		CHECK_EQ(lz4_decode(seqs, r.produced, back, 64), small);
		CHECK(!memcmp(back, data, small));
	}
	struct job k = { .alg = LZ4, .win = 4, .src = data, .in_len = 0, .dst = seqs, .out_len = 64 };

	CHECK_EQ(run_v3(&q, &k, NULL, 0).r.status, WDEMU_ST_BAD_REQUEST);
	k.in_len = len;
	CHECK_EQ(run_v3(&q, &k, NULL, 0).r.status, WDEMU_ST_DST_TOO_SMALL);
	k.out_len = len * 2;
	k.stateful = 1;   /* no stream mode */
	k.ctx = back;
	k.snew = 1;
	CHECK_EQ(run_v3(&q, &k, NULL, 0).r.status, WDEMU_ST_BAD_REQUEST);
	k.stateful = k.snew = 0;
	k.ctx = NULL;

	/* no decompression on the device */
	struct uq dq;

	uq_open(&dq, 0, 1);
	CHECK_EQ(run_v3(&dq, &k, NULL, 0).r.status, WDEMU_ST_BAD_REQUEST);
	uq_close(&dq);
	/* a v2 device does not serve them */
	CHECK_EQ(run_v3(&v2, &k, NULL, 0).r.status, WDEMU_ST_BAD_REQUEST);
	CHECK_EQ(run_v3(&v2, &j, lits, len + 16).r.status, WDEMU_ST_BAD_REQUEST);
	/* the same injected faults as deflate */
	CHECK_EQ(wdemu_inject("hisi_zip-0", "error_status", 1), 0);
	CHECK_EQ(run_v3(&q, &k, NULL, 0).r.status, WDEMU_ST_INJECTED);
	CHECK_EQ(run_v3(&q, &k, NULL, 0).r.status, 0);
	/* bitflip: status OK, one bit of the LZ4 block, or of the zstd literals, differs from a clean run's */
	{
		struct res c = run_v3(&q, &k, NULL, 0).r;
		int bits = 0;

		CHECK_EQ(c.status, 0);
		memcpy(big, seqs, c.produced);
		CHECK_EQ(wdemu_inject("hisi_zip-0", "bitflip", 1), 0);
		struct res f = run_v3(&q, &k, NULL, 0).r;

		CHECK_EQ(f.status, 0);
		CHECK_EQ(f.produced, c.produced);
		for (uint32_t i = 0; i < c.produced; i++)
			bits += __builtin_popcount(big[i] ^ seqs[i]);
		CHECK_EQ(bits, 1);

		j.out_len = len * 2;
		struct v3res cz = run_v3(&q, &j, lits, len + 16);

		CHECK_EQ(cz.r.status, 0);
		memcpy(big, lits, cz.lit_num);
		CHECK_EQ(wdemu_inject("hisi_zip-0", "bitflip", 1), 0);
		struct v3res fz = run_v3(&q, &j, lits, len + 16);

		CHECK_EQ(fz.r.status, 0);
		CHECK_EQ(fz.lit_num, cz.lit_num);
		bits = 0;
		for (uint32_t i = 0; i < cz.lit_num; i++)
			bits += __builtin_popcount(big[i] ^ lits[i]);
		CHECK_EQ(bits, 1);
	}

	uq_close(&q);
	uq_close(&v2);
	wdemu_stop();
	free(lits);
	free(seqs);
	free(back);
	free(big);
	ok("v3 lz77_zstd sequences and lz4 blocks rebuild the input; limits, v2 and faults (error_status, bitflip)");
}

int main(void)
{
	const char *mib = getenv("WDEMU_TEST_MIB");
	size_t n = (size_t)((mib ? atof(mib) : 4.0) * 1024 * 1024);
	double t0 = now_s();

	if (getenv("WDEMU_TEST_SLOW"))
		g_checks_timeout_ms = 120000;
	g_page = sysconf(_SC_PAGESIZE);
	snprintf(g_root, sizeof(g_root), "%s/wdemu-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CHECK(mkdtemp(g_root));
	if (n < 65536)
		n = 65536;
	uint8_t *data = make_data(n);

	test_discovery();
	test_lifecycle();
	test_round_trips(data, n);
	test_variants(data, n);
	test_wrap(data);
	test_statuses(data, n);
	test_migration(data, n);
	test_concurrency(data, n);
	test_faults(data);
	test_service_time(data);
	test_job_cpu_time(data, n);
	test_stop_with_open_queues(data);
	test_v3_algorithms(data, n);
	CHECK_EQ(wdemu_live_queues(), 0);
	free(data);

	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_root);
	CHECK_EQ(system(cmd), 0);
	printf("libwdemu: all tests passed (%.1fs, page size %ld)\n", now_s() - t0, g_page);
	return 0;
}
