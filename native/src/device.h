/* device.h - device threads and doorbells. */
#ifndef WDEMU_DEVICE_H
#define WDEMU_DEVICE_H

#include <stdint.h>

#include "emu.h"

int emu_workers_start(struct emu_dev *d);
void emu_workers_stop(struct emu_dev *d);  /* called without dev->mu */
void emu_doorbell(uintptr_t addr, uint64_t value);

#endif /* WDEMU_DEVICE_H */
