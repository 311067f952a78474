/*
 * log.h - the emulator's diagnostics on stderr. The bottom of the unit
 * graph: it uses no other unit.
 */
#ifndef WDEMU_LOG_H
#define WDEMU_LOG_H

/* Non-zero when WDEMU_DEBUG is set (and not "0"): log ignored doorbells. */
extern int g_debug;

void emu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* WDEMU_LOG_H */
