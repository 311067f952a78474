/*
 * wdemu.h - libwdemu: an in-process emulator of a Linux UACCE character device
 * backed by a HiSilicon QM queue manager with a ZIP (deflate/zlib/gzip) engine.
 *
 * WarpDrive's Java hardware driver (drivers/hisi-zip) makes every system call
 * through one narrow "seam". The Linux side of that seam is libc (open, ioctl,
 * mmap, munmap, poll, close on /dev/hisi_zip-N plus plain reads of
 * /sys/class/uacce/...). This library is the other side: the same calls, with
 * the same arguments, structures, region sizes, ring layout and error codes,
 * served by device threads that run zlib. Everything above the seam (rings,
 * SQE encoding, phase bits, doorbells) is therefore identical for the real
 * kernel and for the emulator.
 *
 * Every function takes and returns only int, long (64-bit) and const char *,
 * so JNA direct mapping can bind it without structures. Addresses (ioctl
 * argument structures, mapped regions, doorbell registers) travel as long.
 * Functions return 0 / a value >= 0 on success or a negated errno.
 * All functions are thread-safe.
 *
 * The numbers here are those of the Linux UACCE ABI (sysfs attributes,
 * uacce ioctls, region layout) and of the HiSilicon QM/ZIP queue protocol
 * (SQE and CQE formats, doorbells, statuses) that UADK's drivers use.
 *
 * ---------------------------------------------------------------------------
 * Configuration (wdemu_start's config): "key=value" pairs separated by ';' or
 * ','. Unknown keys or bad values make wdemu_start fail with -EINVAL.
 *
 *   devices      number of devices hisi_zip-0 .. hisi_zip-(n-1)   1 (1..64)
 *   instances    queue pairs per device (available_instances)    64 (1..1024,
 *                                                          v1 up to 4096)
 *   depth        SQ and CQ depth                               1024 (2..65535)
 *   api          hisi_qm_v1 | hisi_qm_v2 | hisi_qm_v3, or a ':'-separated
 *                list with one entry per device                hisi_qm_v2
 *   numa         NUMA node per device, ':'-separated (may be -1)     0
 *   sva          1: flags attribute = 1 (UACCE_DEV_SVA); 0: flags = 0  1
 *   set_qp_info  0: UACCE_CMD_QM_SET_QP_INFO fails with -EINVAL (old kernel),
 *                so the driver's fallback to depth 1024 is exercised     1
 *   latency_ns   fixed service time per SQE (ns)                     0
 *   ns_per_byte  extra service time per input byte (may be fractional) 0
 *                service time = latency_ns + ns_per_byte * input bytes; the
 *                device thread completes an SQE no earlier than that.
 *   zlib_level   deflate level the engine uses (hardware has no levels) 6
 *   threads      device threads (engines) per device                  1
 *   max_streams  stateful stream contexts kept per device (LRU)    1024
 *
 * ---------------------------------------------------------------------------
 * Files created by wdemu_start(root, ...) for device i (values end in '\n',
 * exactly as sysfs prints them):
 *
 *   <root>/class/uacce/hisi_zip-<i>/api                  "hisi_qm_v2\n"
 *   <root>/class/uacce/hisi_zip-<i>/flags                "1\n" (SVA) or "0\n"
 *   <root>/class/uacce/hisi_zip-<i>/available_instances  "64\n", kept current
 *        on open / PUT_Q / close (written to a temporary file and renamed,
 *        so a reader never sees a partial value)
 *   <root>/class/uacce/hisi_zip-<i>/algorithms  v3: "zlib\ngzip\ndeflate\nlz77_zstd\nlz4\n",
 *                                               v1/v2: "zlib\ngzip\n"
 *        (v3 also executes lz77_zstd, dw9 type 0x43 / 0x42 price mode, and lz4,
 *        type 0x04: compression only, stateless, flat buffers; layouts in
 *        src/lz77.h and docs/hisi-zip-v3.md)
 *   <root>/class/uacce/hisi_zip-<i>/region_mmio_size     see below
 *   <root>/class/uacce/hisi_zip-<i>/region_dus_size      see below
 *   <root>/class/uacce/hisi_zip-<i>/isolate              "0\n" or "1\n"
 *   <root>/class/uacce/hisi_zip-<i>/device/numa_node     "0\n"
 *   <root>/dev/hisi_zip-<i>                              empty regular file
 *
 * Regions (P = page size from sysconf(_SC_PAGESIZE), D = depth):
 *   MMIO  (mmap offset 0):     v1: 1 page, doorbell at +0x340
 *                              v2/v3: (1 + 0x1000 / P) pages, doorbell at
 *                              +0x1000 (8192 bytes with 4 KiB pages)
 *   DUS   (mmap offset 1 * P): PAGE_ALIGN(128 * D + 16 * D) + P
 *         = SQ[D x 128 B] | CQ[D x 16 B] | pad to page | one status page;
 *         last u32 = TX "queue stopped" word, the u32 before = RX word.
 *         (D = 1024, 4 KiB pages: 151552 bytes)
 *
 * ---------------------------------------------------------------------------
 * Queue protocol (what the emulated device does):
 *
 *   Doorbell: one 64-bit store through wdemu_mmio_write64 at the doorbell
 *   offset of the queue's MMIO mapping.
 *     v1:    sqn[15:0]  cmd[31:16] index[47:32] priority[63:48]
 *     v2/v3: sqn[9:0]   cmd[15:12] index[47:32] priority[63:48]
 *   cmd 0 (SQ): index = new SQ tail; cmd 1 (CQ): index = new CQ head.
 *   A doorbell whose sqn is not the queue's id, whose index is >= depth, whose
 *   cmd is not 0/1, or that rings a queue not STARTED is ignored and counted
 *   in the "bad_doorbells" statistic (set WDEMU_DEBUG=1 to log each one).
 *
 *   The device executes SQEs in order per queue, writes the results into the
 *   SQE slot itself, then the 16-byte CQE at the CQ tail:
 *     sq_head (u16 @8) = index of the SQE, sq_num (u16 @10) = queue id,
 *     w7 (u16 @14) bit 0 = phase; phase starts at 1 and flips each time the
 *     CQ tail wraps. The phase word is stored last, with release ordering.
 *   At most depth-1 CQEs are outstanding: the device waits for CQ doorbells
 *   rather than overwrite a CQE the driver has not consumed.
 *
 *   hisi_zip SQE (128 bytes, 32 little-endian u32), fields the device reads:
 *     dw4 input length, dw14 output space, dw7[23:0]/dw8[23:0] SGL skip
 *     offsets, dw7[25] flush (0 SYNC, 1 FINISH), dw7[26] stateful,
 *     dw7[27] stream-new, dw9[7:0] alg (1 deflate, 2 zlib, 3 gzip),
 *     dw9[11:8] buffer type (0 flat, 1 hardware SGL), dw9[15:12] window
 *     (0..4 = 4K, 8K, 16K, 24K, 32K), dw18/19 source, dw20/21 destination
 *     (process virtual addresses: SVA), dw22/23 stream context address
 *     (stateful), dw30 isize carry, dw31 checksum carry.
 *   Fields the device writes: dw0 consumed, dw1 produced, dw2 = 0,
 *     dw3[7:0] status, dw3[8] last-block flag, dw15 ctx_dw0 ([3:0] ctx_st,
 *     [7] BFINAL), dw28/dw29 ctx words (stateful), dw30 isize, dw31 checksum.
 *   Tag words dw13 and dw26 are never touched. The direction comes from the
 *   queue's qc_type (SET_QP_CTX, latched at START_Q).
 *
 *   Headers: the driver writes and strips zlib (2-byte) and gzip headers
 *   itself, as UADK does. The device produces raw deflate, plus at FINISH the
 *   zlib trailer (Adler-32, big-endian) or the gzip trailer (CRC-32 and ISIZE,
 *   little-endian); on decompression it consumes and verifies that trailer.
 *
 *   Stateless (dw7[26] = 0): the whole input with FINISH.
 *   Stateful (dw7[26] = 1): per-stream state keyed by the stream context
 *   address; stream-new resets it. The device consumes as much input as the
 *   output allows and reports exact consumed/produced; carries travel in
 *   dw30/dw31 (ignored on stream-new). ctx_st = 0x1 ("no space") when the
 *   output filled up and more output may be pending: send again (an empty
 *   request is fine) to drain it. Compression: dw3[8] is set when FINISH has
 *   written the final block and the whole trailer. Decompression: status 0x13
 *   with dw3[8] at the end of the stream (trailer verified). The state is
 *   freed when its stream ends or fails, or evicted (LRU) beyond
 *   max_streams; a stream may move between devices (its state follows it).
 */
#ifndef WDEMU_H
#define WDEMU_H

#ifdef __cplusplus
extern "C" {
#endif

/* Only the functions below are exported (the library builds with
 * -fvisibility=hidden). */
#if defined(__GNUC__)
#define WDEMU_API __attribute__((visibility("default")))
#else
#define WDEMU_API
#endif

/* ---- ioctl commands and their argument structures (kernel UAPI values) --- */
#define WDEMU_CMD_START_Q          0x5700L      /* _IO('W', 0), no argument   */
#define WDEMU_CMD_PUT_Q            0x5701L      /* _IO('W', 1), no argument   */
#define WDEMU_CMD_QM_SET_QP_CTX    0xC004480AL  /* struct {u16 id; u16 qc_type;} */
#define WDEMU_CMD_QM_SET_QP_INFO   0xC010480BL  /* struct {u32 sqe_size; u16 sq_depth;
                                                   u16 cq_depth; u64 reserved;} */

/* ---- mmap region types: file offset = type * page size ------------------- */
#define WDEMU_QFRT_MMIO 0
#define WDEMU_QFRT_DUS  1

/* ---- doorbell ------------------------------------------------------------- */
#define WDEMU_DB_OFFSET_V1 0x340
#define WDEMU_DB_OFFSET_V2 0x1000   /* v2 and v3 */
#define WDEMU_DB_CMD_SQ    0
#define WDEMU_DB_CMD_CQ    1

/* ---- hisi_zip SQE status codes (dw3[7:0]) --------------------------------- */
#define WDEMU_ST_OK             0x00 /* done; for decompression: more input expected */
#define WDEMU_ST_BAD_DATA       0x0B /* invalid deflate data. EMULATOR CHOICE: the code
                                        real hardware reports for this is not in the
                                        reference material */
#define WDEMU_ST_NEGACOMPRESS   0x0D /* hardware: expansion (treated as OK); never produced */
#define WDEMU_ST_DST_TOO_SMALL  0x0E /* output space too small (stateless), produced = 0 */
#define WDEMU_ST_CRC_ERR        0x10 /* zlib/gzip trailer does not match the data */
#define WDEMU_ST_DECOMP_END     0x13 /* end of stream reached (with dw3[8] last block) */
#define WDEMU_ST_BAD_REQUEST    0x1C /* EMULATOR CHOICE: unsupported alg / buffer type /
                                        window, NULL buffer, malformed SGL; lz77_zstd
                                        or lz4 on v1/v2, decompressing, stateful, SGL,
                                        or over the input limit (128 KiB / 8 MiB) */
#define WDEMU_ST_STREAM_LOST    0x1D /* EMULATOR CHOICE: stateful continuation of a stream
                                        the device holds no context for (never started,
                                        evicted, or already finished) */
#define WDEMU_ST_INJECTED       0x1F /* "injected hardware error" (fault error_status) */

#define WDEMU_LASTBLK_MASK   0x100   /* dw3[8] */
#define WDEMU_CTX_ST_NOSPACE 0x1     /* ctx_dw0[3:0] */

/* ---- lifecycle ------------------------------------------------------------ */

/* Create the devices described by config (NULL or "" = defaults) and their
 * files under root (created if missing). 0, -EINVAL (bad config), -EBUSY
 * (already started), -errno from the file system or thread creation. */
WDEMU_API int wdemu_start(const char *root, const char *config);

/* Stop the device threads and tear down every device, queue, region, stream
 * context and emulated file. Open fds become invalid (-EBADF) and mapped
 * addresses must no longer be touched. Idempotent; 0. */
WDEMU_API int wdemu_stop(void);

/* ---- the char device ------------------------------------------------------ */

/* Open "<root>/dev/hisi_zip-N": allocate a queue pair (state INIT).
 * fd >= 1000, or -ENODEV (no such device / removed), -ENOENT (directory is
 * not <root>/dev), -EBUSY (no free instance, or the ebusy fault), -EMFILE.
 * flags are accepted and ignored (the kernel driver ignores them too). */
WDEMU_API int wdemu_open(const char *path, int flags);

/* Release the fd: implicit PUT_Q (waits until no device thread is still
 * executing one of its SQEs), instance returned. 0 or -EBADF. */
WDEMU_API int wdemu_close(int fd);

/* The kernel's ioctls (cmd is used as an unsigned 32-bit value):
 *   WDEMU_CMD_QM_SET_QP_CTX:  qc_type 0 = compress, 1 = decompress, else
 *                             -EINVAL; writes back id = queue id.
 *   WDEMU_CMD_QM_SET_QP_INFO: writes sqe_size 128, sq_depth, cq_depth
 *                             (-EINVAL when configured with set_qp_info=0).
 *   WDEMU_CMD_START_Q:        only from INIT, else -EINVAL.
 *   WDEMU_CMD_PUT_Q:          stop and release the queue pair; the fd stays
 *                             open but is dead (further ioctl/mmap: -ENXIO).
 *   other cmds -EINVAL; NULL argument where one is needed -EFAULT;
 *   released queue or removed device -ENXIO; bad fd -EBADF. */
WDEMU_API int wdemu_ioctl(int fd, long cmd, long arg_address);

/* Map a region: offset = region type * page size, length exactly the sysfs
 * size. Returns the address (> 0) or -EINVAL (bad offset/type/length),
 * -EEXIST (already mapped on this fd), -ENXIO (released queue / removed
 * device), -EBADF. The memory is page-aligned and zero-initialised. */
WDEMU_API long wdemu_mmap(int fd, long offset, long length);

/* Unmap a region returned by wdemu_mmap (whole region). 0 or -EINVAL.
 * The memory itself belongs to the emulated device and stays valid until
 * wdemu_stop, so a late access can never fault. */
WDEMU_API int wdemu_munmap(long address, long length);

/* Wait until a CQE is ready for the driver (POLLIN): 1 ready, 0 timeout
 * (timeout_ms < 0 waits forever), -ENXIO (released queue / removed device),
 * -ENODEV (emulator stopped while waiting), -EBADF. "Ready" means the device
 * has written a CQE the driver has not yet acknowledged with a CQ doorbell. */
WDEMU_API int wdemu_poll(int fd, int timeout_ms);

/* A 64-bit MMIO store (the doorbell). Stores the value into the mapped
 * register for fidelity, latches it and wakes the device. Writes to
 * addresses that are not an emulated doorbell register are ignored. */
WDEMU_API void wdemu_mmio_write64(long address, long value);

/* ---- test hooks ----------------------------------------------------------- */

/* Inject a fault on a device ("hisi_zip-N"); any thread, any time.
 *   error_status N  the next N SQEs complete with status 0x1F
 *   bitflip N       the next N gzip, zlib or raw-deflate compressions
 *                   (stateless, or a stream's request) complete with
 *                   status OK and one bit of their output flipped (silent
 *                   corruption; v3: also LZ4 and lz77_zstd); 0 stops
 *                   arming more (a device thread already armed flips its
 *                   next one)
 *   stuck 1 / 0     queues stop completing (SQEs accepted, never completed)
 *                   until stuck 0
 *   stop 1 / 0      1: the TX and RX queue-stopped words of every open queue
 *                   become 1 and the device stops processing those queues
 *                   (in-flight SQEs never complete); 0: words cleared,
 *                   processing resumes
 *   isolate 1 / 0   sysfs isolate attribute
 *   remove          the device disappears: its sysfs directory and /dev file
 *                   are removed, open -> -ENODEV, ioctl/mmap/poll on its fds
 *                   -> -ENXIO, in-flight SQEs never complete; mapped memory
 *                   stays valid; close still works and frees
 *   ebusy N         the next N opens fail with -EBUSY
 * 0, or -EINVAL for an unknown device or fault (or a bad arg), -ENODEV for
 * isolate on a removed device. */
WDEMU_API int wdemu_inject(const char *device, const char *fault, long arg);

/* Number of fds opened and not yet closed, over all devices (leak checks). */
WDEMU_API int wdemu_live_queues(void);

/* Per-device counters: "completed" (CQEs written), "errors" (CQEs whose
 * status is not 0x00/0x0D/0x13), "bytes_in" (consumed), "bytes_out"
 * (produced), "doorbells" (accepted), "bad_doorbells", "queues_in_use",
 * "streams" (stream contexts held), "stream_evictions".
 * Value >= 0, or -EINVAL for an unknown device or counter. */
WDEMU_API long wdemu_stat(const char *device, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* WDEMU_H */
