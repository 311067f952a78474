/* sysfs.h - the emulated /sys/class/uacce attribute files and /dev files. */
#ifndef WDEMU_SYSFS_H
#define WDEMU_SYSFS_H

#include "emu.h"

int emu_sysfs_create(struct emu_dev *d, const char *root);
void emu_sysfs_destroy(struct emu_dev *d);
int emu_sysfs_write_attr(struct emu_dev *d, const char *attr, const char *value);
void emu_sysfs_update_available(struct emu_dev *d);
int emu_mkdir_p(const char *path);

#endif /* WDEMU_SYSFS_H */
