/*
 * log.c - the emulator's diagnostics: one "wdemu: " line on stderr each.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

int g_debug;

__attribute__((constructor)) static void log_load(void)
{
	const char *dbg = getenv("WDEMU_DEBUG");

	g_debug = dbg && *dbg && strcmp(dbg, "0");
}

void emu_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("wdemu: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}
