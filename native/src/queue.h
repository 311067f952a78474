/* queue.h - queue-pair allocation and the fd side (open/close/mmap/poll). */
#ifndef WDEMU_QUEUE_H
#define WDEMU_QUEUE_H

#include <time.h>

#include "emu.h"

struct emu_file *emu_file_get(int fd, struct emu_dev **devp); /* locks dev->mu */
int emu_queue_alloc(struct emu_dev *d, struct emu_queue **qp);   /* dev->mu held */
void emu_queue_release(struct emu_dev *d, struct emu_queue *q);  /* dev->mu held */
void emu_time_deadline(struct timespec *ts, long long ns);

#endif /* WDEMU_QUEUE_H */
