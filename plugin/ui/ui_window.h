/* SPDX-License-Identifier: ISC */
/* The window's state, shared by the LV2 UI (ui.c) and its frames
 * (ui_frame.c).  Every call comes from the host's UI thread. */
#ifndef SOMASCAPE_UI_WINDOW_H
#define SOMASCAPE_UI_WINDOW_H

#include "back_buffer.h"
#include "controls_bar.h"
#include "motion.h"
#include "ports.h"
#include "projector.h"
#include "view.h"

#include <X11/Xlib.h>
#include <lv2/ui/ui.h>
#include <lv2/urid/urid.h>

#include <stdbool.h>

#define SOMASCAPE_UI_URI SOMASCAPE_URI "#ui"

/* The window's size before any host says otherwise, in logical pixels. */
#define DEFAULT_WIDTH 640
#define DEFAULT_HEIGHT 400

typedef struct {
	LV2_URID atom_eventTransfer, atom_Object, atom_Blank, atom_Chunk, midi_MidiEvent;
	LV2_URID ui_on, ui_off, motion, snapshot;
} UiURIs;

typedef struct {
	Display* dpy;
	Window parent; /* the host's, or None: our own top-level */
	Window win;
	Atom wm_delete;
	BackBuffer buffer;
	double scale; /* device pixels per logical pixel (HiDPI) */
	bool closed;  /* our own top-level was closed */

	LV2UI_Write_Function write;
	LV2UI_Controller controller;
	UiURIs uris;

	float ports[PORT_COUNT]; /* each control's value as last heard */
	ViewLook look;           /* the projector's, from the Display controls */
	Motion motion;
	Projector projector;
	bool dragging; /* the target, in Follow */

	/* what the window shows, so that a frame where nothing moved is not
	 * made again */
	ViewState shown;
	BarState shown_bar;
	int shown_width, shown_height;
	bool shown_valid;
} SomascapeUI;

/* Seconds on a monotonic clock. */
double ui_now_s(void);

/* The gaze mode as last heard (0 when out of range). */
int ui_gaze_mode(const SomascapeUI* self);

/* Sets are cued in Sweep, Alternate and Hold; in Follow the same MIDI
 * note steers the gaze instead. */
bool ui_set_cueable(const SomascapeUI* self);

/* The frame of now into the window, if anything moved. */
void ui_draw(SomascapeUI* self);

/* The window's layout at its size and look. */
ViewLayout ui_layout(const SomascapeUI* self);

#endif
