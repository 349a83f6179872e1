/* SPDX-License-Identifier: ISC */
/* What the window's tests share: the plugin and its window loaded under
 * Xvfb, clocks, and where the drawn target stands in a captured frame. */
#ifndef SOMASCAPE_UI_WINDOW_TEST_H
#define SOMASCAPE_UI_WINDOW_TEST_H

#include "check.h"
#include "controls_bar.h"
#include "host.h"
#include "motion.h"
#include "ports.h"
#include "ui_host.h"
#include "ui_pixels.h"
#include "view.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xrandr.h>
#include <X11/keysym.h>
#include <lv2/atom/util.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PLUGIN_URI "https://somascape.dev/lv2/somascape"
#define RATE 48000.0
#define WIDTH 640
#define HEIGHT 400
#define FPS 60.0
#define FRAMES 120
#define WARM_UP 45            /* frames drawn before the captured ones */
#define UPDATE_S (1.0 / 25.0) /* how often the host passes outputs on, as jalv does */
#define MAX_ERROR 0.01

/* X errors seen (on_x_error counts them). */
extern int x_errors;

/* Counts an X error into x_errors (an XSetErrorHandler). */
int on_x_error(Display* dpy, XErrorEvent* ev);

/* A monotonic clock in seconds, and a sleep until a time on it. */
double now_s(void);

void sleep_until(double t);

/* The plugin through lilv, activated; its window in a parent of ours. */
Host* open_host(void);

UiHost* open_ui(Host* host, Display* dpy, int width, int height, float scale);

/* Sets a control of the plugin by symbol. */
void set(Host* host, const char* symbol, float value);

/* The window's layout at the default look, and the target's colour. */
ViewLayout window_layout(int width, int height);

void target_rgb_default(double rgb[3]);

/* The gaze position the picture's target stands for, in a window of
 * width x height logical pixels drawn at `scale` device pixels to one; the
 * picture's top row is the window's row `top`. */
bool target_in(cairo_surface_t* image, int top, int width, int height, double scale, float* pos);

/* The gaze position drawn in a frame of the whole window. */
bool drawn_position_scaled(cairo_surface_t* image, int width, int height, double scale, float* pos);

bool drawn_position(cairo_surface_t* image, int width, int height, float* pos);

/* The window as it is on the screen now (XGetImage). */
cairo_surface_t* frame_now(UiHost* ui, Display* dpy);

/* A running plugin (Sweep at 1 Hz, Hold, Alternate) drawn in real time. */
typedef struct {
	const char* name;
	int mode;
	float rate_hz;
	double start_s; /* rendered at once before the real-time part */
	float hold_s, rest_s;
} RunCase;

/* 120 frames at 60 Hz of the running plugin: the worst error of the drawn
 * target against the plugin's gaze, in widths of the field; a screenshot
 * of the window to PNG if named. */
double check_running(Display* dpy, const RunCase* c, const char* screenshot);

#endif
