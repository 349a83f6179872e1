/* SPDX-License-Identifier: ISC */
/* A small host for the plugin's X11 window, as the tests and the benchmark
 * need one: the UI found through lilv (ui:X11UI), its binary loaded with
 * dlopen, instantiated in a parent window of ours with the features hosts
 * give (ui:parent, urid:map, ui:resize, ui:idleInterface, options with
 * ui:scaleFactor), port events sent as hosts send them, and the window
 * read back with XGetImage.  It shares the plugin host's URID map, so the
 * plugin's messages reach the window as they would in a real host.
 * Single-threaded. */
#ifndef SOMASCAPE_UI_HOST_H
#define SOMASCAPE_UI_HOST_H

#include "host.h"

#include <X11/Xlib.h>
#include <lv2/atom/atom.h>
#include <cairo.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct UiHost UiHost;

/* Loads the window of host's plugin into a new parent window of width x
 * height pixels on dpy (width 0: no ui:parent, the window is a top-level
 * of its own, for ui:showInterface); scale > 0 is given as ui:scaleFactor.
 * NULL and a reason in err on failure. */
UiHost* ui_host_new(Host* host, Display* dpy, int width, int height, float scale, char* err,
                    size_t err_size);
void ui_host_free(UiHost* ui);

Window ui_host_parent(const UiHost* ui);
Window ui_host_widget(const UiHost* ui);

/* The size the window last asked for through ui:resize (0 before). */
void ui_host_requested_size(const UiHost* ui, int* width, int* height);

/* ui:idleInterface's idle(); its result. */
int ui_host_idle(UiHost* ui);

/* ui:showInterface's show() or hide(); its result (1 without it). */
int ui_host_show(UiHost* ui, bool show);

/* ui:resize's ui_resize() of the window, after resizing the parent. */
int ui_host_resize(UiHost* ui, int width, int height);

/* A control's value, by port index, as hosts send them. */
void ui_host_send_control(UiHost* ui, uint32_t port, float value);

/* The values of the plugin's control outputs, or inputs, as a host passes
 * them to its UI. */
void ui_host_send_outputs(UiHost* ui, Host* host);
void ui_host_send_controls(UiHost* ui, Host* host);

/* Every event the plugin put on its notify output in the last run. */
void ui_host_send_notify(UiHost* ui, Host* host);

/* One event (an atom) for the notify port. */
void ui_host_send_atom(UiHost* ui, const LV2_Atom* atom);

/* What the window wrote since the last call: controls are set on the
 * plugin, events go to its control port in the next run.  Returns the
 * number of writes. */
uint32_t ui_host_apply_writes(UiHost* ui, Host* host);

/* The last value the window wrote to a control port; false if none. */
bool ui_host_written(const UiHost* ui, uint32_t port, float* value);

/* A window's pixels now (an RGB24 image surface; the caller destroys it),
 * or NULL: the whole of it, or a band of rows [y, y + height). */
cairo_surface_t* ui_host_capture(UiHost* ui, Window win);
cairo_surface_t* ui_host_capture_rows(UiHost* ui, Window win, int y, int height);

/* An X image's pixels as an RGB24 surface (the caller destroys both). */
cairo_surface_t* ui_host_image_surface(const XImage* image);

/* A click (press and release) or a drag of button 1 on the window, at
 * pixel positions, through XTEST-free synthetic events. */
void ui_host_press(UiHost* ui, int x, int y);
void ui_host_drag(UiHost* ui, int x, int y);
void ui_host_release(UiHost* ui, int x, int y);

#endif
