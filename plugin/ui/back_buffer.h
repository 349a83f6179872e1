/* SPDX-License-Identifier: ISC */
/* A window drawn off screen and shown whole, so that no frame is ever seen
 * half drawn: a cairo surface on the X window, and an image (made once per
 * size) that each frame is drawn into and then copied over.  Drawn in our
 * memory rather than in the X server: cairo 1.16 never frees a display's
 * state once text was drawn on it there, so each window opened and closed
 * would leak it. */
#ifndef SOMASCAPE_UI_BACK_BUFFER_H
#define SOMASCAPE_UI_BACK_BUFFER_H

#include <X11/Xlib.h>
#include <cairo.h>

typedef struct {
	cairo_surface_t* window;
	cairo_surface_t* back; /* an image; NULL until the first frame at this size */
	int width, height;     /* pixels */
} BackBuffer;

void back_buffer_init(BackBuffer* b, Display* dpy, Window win, int width, int height);
void back_buffer_resize(BackBuffer* b, int width, int height);
void back_buffer_free(BackBuffer* b);

/* A context on the back buffer for one frame ... */
cairo_t* back_buffer_begin(BackBuffer* b);
/* ... and the frame shown (the context is destroyed) ... */
void back_buffer_show(BackBuffer* b, cairo_t* cr);
/* ... or only rectangles of it, in pixels. */
void back_buffer_show_rects(BackBuffer* b, cairo_t* cr, const cairo_rectangle_int_t* rects,
                            int count);

#endif
