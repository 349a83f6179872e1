/* SPDX-License-Identifier: ISC */
/* The metadata lint's shared parts: one report function, so every failure
 * says what is wrong and where, and the URIs the checks ask lilv about. */
#ifndef SOMASCAPE_LINT_H
#define SOMASCAPE_LINT_H

#include <lilv/lilv.h>

#define LV2_NS "http://lv2plug.in/ns/lv2core#"
#define EXT_NS "http://lv2plug.in/ns/ext/"

typedef struct {
	LilvWorld* world;
	const LilvPlugin* plugin;
	int failures;
} Lint;

/* Reports one failure: WHERE is "plugin", "port 'sym'" and so on. */
void lint_fail(Lint* lint, const char* where, const char* format, ...)
    __attribute__((format(printf, 3, 4)));

/* A node of the world by URI; freed with lint_free_uris(). */
const LilvNode* lint_uri(Lint* lint, const char* uri);
void lint_free_uris(void);

/* Every control in one port group, every group well described, every unit
 * a standard one (lint_groups.c). */
void lint_control_groups(Lint* lint);

/* The checks that load the binary: features it uses, instantiation with the
 * required features only, one run, and extension_data (lint_instance.c). */
void lint_binary(Lint* lint);

/* The plugin's window: its class, binary, features, extension data and
 * port notifications (lint_ui.c). */
void lint_ui(Lint* lint);

#endif
