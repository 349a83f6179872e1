/* SPDX-License-Identifier: ISC */
#include "back_buffer.h"

#include <cairo-xlib.h>

void
back_buffer_init(BackBuffer* b, Display* dpy, Window win, int width, int height)
{
	XWindowAttributes attr;
	XGetWindowAttributes(dpy, win, &attr);
	b->window = cairo_xlib_surface_create(dpy, win, attr.visual, width, height);
	b->back = NULL;
	b->width = width;
	b->height = height;
}

void
back_buffer_resize(BackBuffer* b, int width, int height)
{
	if (width == b->width && height == b->height) {
		return;
	}
	cairo_xlib_surface_set_size(b->window, width, height);
	if (b->back) {
		cairo_surface_destroy(b->back);
		b->back = NULL;
	}
	b->width = width;
	b->height = height;
}

void
back_buffer_free(BackBuffer* b)
{
	if (b->back) {
		cairo_surface_destroy(b->back);
	}
	if (b->window) {
		cairo_surface_destroy(b->window);
	}
	b->back = b->window = NULL;
}

cairo_t*
back_buffer_begin(BackBuffer* b)
{
	if (!b->back) {
		b->back = cairo_image_surface_create(CAIRO_FORMAT_RGB24, b->width, b->height);
	}
	return cairo_create(b->back);
}

void
back_buffer_show(BackBuffer* b, cairo_t* cr)
{
	const cairo_rectangle_int_t whole = {0, 0, b->width, b->height};
	back_buffer_show_rects(b, cr, &whole, 1);
}

void
back_buffer_show_rects(BackBuffer* b, cairo_t* cr, const cairo_rectangle_int_t* rects, int count)
{
	cairo_destroy(cr);
	cairo_t* out = cairo_create(b->window);
	for (int i = 0; i < count; ++i) {
		cairo_rectangle(out, rects[i].x, rects[i].y, rects[i].width, rects[i].height);
	}
	cairo_clip(out);
	cairo_set_source_surface(out, b->back, 0.0, 0.0);
	cairo_set_operator(out, CAIRO_OPERATOR_SOURCE);
	cairo_paint(out);
	cairo_destroy(out);
	cairo_surface_flush(b->window);
}
