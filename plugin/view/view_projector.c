/* SPDX-License-Identifier: ISC */
/* The projector: black, the target on an invisible field across the
 * screen, the breath ring around the screen's centre and a caption below,
 * both optional.  Nothing but the target and the ring moves, and the ring
 * is dim, so the screen's brightness never swings. */
#include "view_parts.h"

#include <math.h>

ViewLayout
view_projector_layout(double width, double height, const ViewLook* look)
{
	const double w = fmax(width, 1.0), h = fmax(height, 1.0);
	const double r = 0.5 * h * view_clamp(look->size, 0.01, 0.25);
	const double margin = 0.04 * w + r;
	ViewLayout   l      = {0};
	l.field    = (ViewRect){margin, 0.5 * h - r, w - 2.0 * margin, 2.0 * r};
	l.target_y = 0.5 * h;
	l.target_r = r;
	if (look->breath_ring) {
		l.breath_x     = 0.5 * w;
		l.breath_y     = 0.5 * h;
		l.breath_r_max = 0.42 * h;
		l.breath_r_min = 0.12 * h;
	}
	return l;
}

void
view_draw_projector(cairo_t* cr, double width, double height, const ViewState* s)
{
	const ViewLayout l = view_projector_layout(width, height, &s->look);
	cairo_save(cr);
	cairo_new_path(cr); /* the caller's path is not ours to join */
	cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
	cairo_paint(cr);

	double rgb[3];
	view_target_rgb(&s->look, rgb);
	/* The ring at a third of the target's brightness: it guides the
	 * breath without competing with the target. */
	const double ring[3] = {rgb[0] / 3.0, rgb[1] / 3.0, rgb[2] / 3.0};
	view_draw_breath(cr, &l, s, true, ring);
	view_draw_target(cr, &l, s);

	if (s->look.captions) {
		cairo_set_source_rgb(cr, ring[0] * 1.5, ring[1] * 1.5, ring[2] * 1.5);
		view_text(cr, view_caption(s), 0.5 * width, 0.9 * height, 0.045 * height, 0);
	}
	cairo_restore(cr);
}
