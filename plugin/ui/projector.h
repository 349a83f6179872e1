/* SPDX-License-Identifier: ISC */
/* The projector view: a borderless full-screen top-level window on one
 * monitor (from XRandR), black from the moment it is mapped, drawn with
 * the view's projector layout.  Esc closes it, as does the window's
 * projector button.  UI thread only. */
#ifndef SOMASCAPE_UI_PROJECTOR_H
#define SOMASCAPE_UI_PROJECTOR_H

#include "back_buffer.h"
#include "view.h"

#include <X11/Xlib.h>
#include <cairo.h>
#include <stdbool.h>

typedef struct {
	Display* dpy;
	Window win; /* None while closed */
	BackBuffer buffer;
	ViewState shown; /* what the screen shows, */
	bool whole;      /* unless it is to be drawn whole */
	Atom wm_delete;
} Projector;

/* Opens it on monitor `monitor` (1 the first; 0 automatic: the last one
 * that is not the primary, where a projector usually is, else the
 * primary).  False when X refuses. */
bool projector_open(Projector* p, Display* dpy, int monitor);
void projector_close(Projector* p);

static inline bool
projector_is_open(const Projector* p)
{
	return p->win != 0;
}

/* An X event: true when it was the projector's (it may have closed). */
bool projector_event(Projector* p, const XEvent* ev);

/* A frame: only what differs from the last one is drawn and sent (a
 * target on black is a small part of a large screen). */
void projector_draw(Projector* p, const ViewState* s);

#endif
