/* config.h - the "key=value;..." configuration of wdemu_start. */
#ifndef WDEMU_CONFIG_H
#define WDEMU_CONFIG_H

#include "emu.h"

int emu_parse_config(const char *s, struct emu_config *c);

#endif /* WDEMU_CONFIG_H */
