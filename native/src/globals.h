/*
 * globals.h - the emulator's process-wide state: the device shells and the
 * fd table, with the lookups over them. Locking rules are in emu.h. Uses no
 * other unit, so every unit may include it.
 */
#ifndef WDEMU_GLOBALS_H
#define WDEMU_GLOBALS_H

#include <pthread.h>
#include <stddef.h>

#include "emu.h"

extern struct emu_dev g_dev[EMU_MAX_DEVICES];
extern _Atomic int g_ndev;               /* devices published by wdemu_start */
extern struct emu_file g_files[EMU_MAX_FILES];
extern pthread_mutex_t g_files_mu;
extern _Atomic int g_live;               /* open fds bound to a queue        */
extern size_t g_page;

/* A condition variable on CLOCK_MONOTONIC (timed waits survive clock changes). */
void emu_cond_init_monotonic(pthread_cond_t *c);

/* The device named name (alive, possibly removed), or NULL. */
struct emu_dev *emu_find_dev(const char *name);

#endif /* WDEMU_GLOBALS_H */
