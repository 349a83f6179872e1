/* SPDX-License-Identifier: ISC */
/* A small lilv host for one plugin instance: the features a real host gives
 * (URID map and unmap, options with the sample rate and block lengths, log,
 * the worker (run synchronously, see host_worker.h), state paths (see
 * host_paths.h)), every port connected, controls set by symbol.  The
 * renderer and the tests are built on it.  Single-threaded: call it from one
 * thread. */
#ifndef SOMASCAPE_HOST_H
#define SOMASCAPE_HOST_H

#include "lv2_inline_display.h"

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/core/lv2.h>
#include <lv2/urid/urid.h>

#include <stdbool.h>
#include <stdint.h>

#define HOST_MAX_BLOCK 8192u

typedef struct Host Host;

/* Loads the plugin (from LV2_PATH) and instantiates it at `rate`; on failure
 * returns NULL and writes the reason to err. */
Host* host_new(const char* plugin_uri, double rate, char* err, size_t err_size);
void host_free(Host* host);

/* As host_new, and the plugin is also given Ardour's inline display
 * (lv2_inline_display.h): its queue_draw requests from run() are counted,
 * and host_render_inline calls its render() as Ardour's GUI thread would
 * (NULL when it has none or it gives no picture). */
Host* host_new_inline_display(const char* plugin_uri, double rate, char* err, size_t err_size);
uint32_t host_queue_draws(const Host* host);
const LV2_Inline_Display_Image_Surface* host_render_inline(Host* host, uint32_t width,
                                                           uint32_t max_height);

LilvWorld* host_world(Host* host);
const LilvPlugin* host_plugin(Host* host);
LilvInstance* host_instance(Host* host);
double host_rate(const Host* host);

/* The URID map and the NULL-terminated features given to the plugin (also
 * what lilv_state_restore() needs). */
LV2_URID_Map* host_urid_map(Host* host);
const LV2_Feature* const* host_features(const Host* host);

/* Where relative paths in plugin state resolve (default: the working
 * directory); returns 0 on success. */
int host_set_base_dir(Host* host, const char* dir);

void host_activate(Host* host);
void host_deactivate(Host* host);

/* Controls by symbol.  host_set returns false for an unknown symbol or a
 * port that is not a control input. */
bool host_set(Host* host, const char* symbol, float value);
bool host_get(const Host* host, const char* symbol, float* value);

/* The value of a control port (input or output) by symbol, to read or
 * write between runs without looking it up each time; NULL if there is no
 * such control.  Valid until host_free(). */
float* host_control(Host* host, const char* symbol);

/* Renders n frames (n <= HOST_MAX_BLOCK) in one run() call, then hands the
 * worker's responses to the plugin. */
void host_run(Host* host, float* left, float* right, uint32_t n);

/* Renders n frames in blocks of at most `block` frames. */
void host_render(Host* host, float* left, float* right, uint64_t n, uint32_t block);

/* Event input for the next run() only: an atom appended at a frame offset. */
bool host_send_event(Host* host, uint32_t frame, uint32_t type, uint32_t size, const void* body);

/* What an atom output port (by symbol) holds after the last run(); NULL
 * when there is no such port.  Checked after every run() as jalv and Ardour
 * read it: an output that is not a well-formed atom:Sequence within its
 * room (atom_check.h) reads as empty, and is an error. */
const LV2_Atom_Sequence* host_output_events(const Host* host, const char* symbol);

/* The first ill-formed output seen, or NULL. */
const char* host_output_error(const Host* host);

/* When strict, an ill-formed output ends the process with a message (the
 * tests); otherwise the caller asks host_output_error() (the renderer). */
void host_set_strict(Host* host, bool strict);

/* The room each atom output gets before run() (default: all there is);
 * false if more than there is. */
bool host_set_output_room(Host* host, uint32_t room);

/* The URID of a URI, for building events. */
uint32_t host_map(Host* host, const char* uri);

/* Every message the plugin logs also goes to hook, formatted, with its
 * type's name ("Error", "Warning", "Note", "Trace"); NULL stops it. */
typedef void (*HostLogHook)(void* data, const char* type, const char* message);
void host_set_log_hook(Host* host, HostLogHook hook, void* data);

/* Called with true before and false after each work() of the plugin (which
 * this host runs in the thread that schedules it, inside run()): lets a
 * test tell the worker's allocations from run()'s. */
typedef void (*HostWorkHook)(void* data, bool entering);
void host_set_work_hook(Host* host, HostWorkHook hook, void* data);

#endif
