/* SPDX-License-Identifier: ISC */
/* The plugin's presets, found through lilv (any bundle on LV2_PATH that
 * describes a pset:Preset of the plugin), chosen by label or URI. */
#ifndef SOMASCAPE_PRESETS_H
#define SOMASCAPE_PRESETS_H

#include "host.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* --list-presets: one "label<TAB>URI" a line; says so when there are none. */
void presets_list(Host* host, FILE* out);

/* The preset with this label (any case) or URI, to be freed with
 * lilv_node_free(); NULL with a message listing the known presets. */
LilvNode* preset_find(Host* host, const char* name, char* err, size_t err_size);

/* Sets the preset's port values (and restores its state, if the plugin has
 * any) now, between two run() calls. */
bool preset_apply(Host* host, const LilvNode* preset, char* err, size_t err_size);

#endif
