#!/bin/sh
# Fails with one clear message when the C toolchain the emulator needs is
# missing (run by the Makefile and, before compiling, by the Maven build).
CC=${1:-gcc}
MSG="native/ needs gcc and zlib1g-dev: apt-get install gcc zlib1g-dev"

if ! command -v "$CC" >/dev/null 2>&1; then
	echo "$MSG" >&2
	exit 1
fi
if ! printf '#include <zlib.h>\nint main(void){return zlibVersion()[0]==0;}\n' |
	"$CC" -x c -o /dev/null - -lz >/dev/null 2>&1; then
	echo "$MSG" >&2
	exit 1
fi
if ! command -v make >/dev/null 2>&1; then
	echo "native/ needs make: apt-get install make" >&2
	exit 1
fi
exit 0
