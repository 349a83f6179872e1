/* SPDX-License-Identifier: ISC */
/* A small lilv host for one plugin instance: the features a real host gives
 * (URID map and unmap, options with the sample rate and block lengths, log),
 * every port connected, controls set by symbol.  The renderer and the tests
 * are built on it. */
#ifndef SOMASCAPE_HOST_H
#define SOMASCAPE_HOST_H

#include <lilv/lilv.h>

#include <stdbool.h>
#include <stdint.h>

#define HOST_MAX_BLOCK 8192u

typedef struct Host Host;

/* Loads the plugin (from LV2_PATH) and instantiates it at `rate`; on failure
 * returns NULL and writes the reason to err. */
Host* host_new(const char* plugin_uri, double rate, char* err, size_t err_size);
void  host_free(Host* host);

LilvWorld*        host_world(Host* host);
const LilvPlugin* host_plugin(Host* host);
LilvInstance*     host_instance(Host* host);
double            host_rate(const Host* host);

void host_activate(Host* host);
void host_deactivate(Host* host);

/* Controls by symbol.  host_set returns false for an unknown symbol or a
 * port that is not a control input. */
bool  host_set(Host* host, const char* symbol, float value);
bool  host_get(const Host* host, const char* symbol, float* value);

/* Renders n frames (n <= HOST_MAX_BLOCK) in one run() call. */
void host_run(Host* host, float* left, float* right, uint32_t n);

/* Renders n frames in blocks of at most `block` frames. */
void host_render(Host* host, float* left, float* right, uint64_t n, uint32_t block);

/* Event input for the next run() only: an atom appended at a frame offset. */
bool host_send_event(Host* host, uint32_t frame, uint32_t type, uint32_t size,
                     const void* body);

/* The URID of a URI, for building events. */
uint32_t host_map(Host* host, const char* uri);

#endif
