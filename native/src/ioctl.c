/*
 * ioctl.c - uacce + hisi_qm ioctls, with the kernel's checks and order:
 * a released queue (after PUT_Q) or a removed device answers -ENXIO before
 * the command is even looked at (uacce_queue_is_valid); START_Q only from
 * INIT; the hisi_qm commands validate and copy their structures.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "wdemu.h"
#include "emu.h"
#include "queue.h"
#include "sysfs.h"

struct qp_ctx {            /* struct hisi_qp_ctx */
	uint16_t id;
	uint16_t qc_type;
};

struct qp_info {           /* struct hisi_qp_info */
	uint32_t sqe_size;
	uint16_t sq_depth;
	uint16_t cq_depth;
	uint64_t reserved;
};

_Static_assert(sizeof(struct qp_ctx) == 4, "hisi_qp_ctx is 4 bytes");
_Static_assert(sizeof(struct qp_info) == 16, "hisi_qp_info is 16 bytes");

static int start_queue(struct emu_queue *q)
{
	if (q->state != Q_INIT)
		return -EINVAL;
	/* the SQC is written at start: the type chosen by SET_QP_CTX so far
	 * is the one the queue runs with */
	q->run_type = q->qc_type;
	q->sq_tail = q->sq_head = 0;
	q->cq_tail = q->cq_head = 0;
	q->phase = 1;
	q->state = Q_STARTED;
	return 0;
}

static int set_qp_ctx(struct emu_queue *q, long arg)
{
	struct qp_ctx c;

	if (!arg)
		return -EFAULT;
	memcpy(&c, (const void *)(uintptr_t)arg, sizeof(c));
	if (c.qc_type != 0 && c.qc_type != 1)
		return -EINVAL;
	q->qc_type = c.qc_type;
	c.id = (uint16_t)q->id;
	memcpy((void *)(uintptr_t)arg, &c, sizeof(c));
	return 0;
}

static int set_qp_info(struct emu_dev *d, long arg)
{
	struct qp_info info;

	if (!d->set_qp_info)
		return -EINVAL;   /* a kernel older than the command */
	if (!arg)
		return -EFAULT;
	memcpy(&info, (const void *)(uintptr_t)arg, sizeof(info));
	info.sqe_size = EMU_SQE_SIZE;
	info.sq_depth = (uint16_t)d->depth;
	info.cq_depth = (uint16_t)d->depth;
	memcpy((void *)(uintptr_t)arg, &info, sizeof(info));
	return 0;
}

int wdemu_ioctl(int fd, long cmd, long arg_address)
{
	struct emu_dev *d;
	struct emu_file *f = emu_file_get(fd, &d);
	int rc, released = 0;

	if (!f)
		return -EBADF;
	if (d->removed || !f->q) {
		rc = -ENXIO;
		goto out;
	}
	switch ((uint32_t)cmd) {   /* the kernel's cmd is an unsigned int */
	case (uint32_t)WDEMU_CMD_START_Q:
		rc = start_queue(f->q);
		break;
	case (uint32_t)WDEMU_CMD_PUT_Q:
		emu_queue_release(d, f->q);
		f->q = NULL;
		released = 1;
		rc = 0;
		break;
	case (uint32_t)WDEMU_CMD_QM_SET_QP_CTX:
		rc = set_qp_ctx(f->q, arg_address);
		break;
	case (uint32_t)WDEMU_CMD_QM_SET_QP_INFO:
		rc = set_qp_info(d, arg_address);
		break;
	default:
		rc = -EINVAL;
		break;
	}
out:
	pthread_mutex_unlock(&d->mu);
	if (released)
		emu_sysfs_update_available(d);
	return rc;
}
