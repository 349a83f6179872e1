/* SPDX-License-Identifier: ISC */
/* The projector: black, the target on an invisible field across the
 * screen, the breath ring around the screen's centre and a caption below,
 * both optional.  Nothing but the target and the ring moves, and the ring
 * is dim, so the screen's brightness never swings. */
#include "view_parts.h"

#include <math.h>
#include <string.h>

ViewLayout
view_projector_layout(double width, double height, const ViewLook* look)
{
	const double w = fmax(width, 1.0), h = fmax(height, 1.0);
	const double r = 0.5 * h * view_clamp(look->size, 0.01, 0.25);
	const double margin = 0.04 * w + r;
	ViewLayout l = {0};
	l.field = (ViewRect){margin, 0.5 * h - r, w - 2.0 * margin, 2.0 * r};
	l.target_y = 0.5 * h;
	l.target_r = r;
	if (look->breath_ring) {
		l.breath_x = 0.5 * w;
		l.breath_y = 0.5 * h;
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

/* The smallest rectangle of whole pixels holding both. */
static ViewRect
unite(ViewRect a, ViewRect b)
{
	if (a.w <= 0.0 || a.h <= 0.0) {
		return b;
	}
	if (b.w <= 0.0 || b.h <= 0.0) {
		return a;
	}
	const double x0 = fmin(a.x, b.x), y0 = fmin(a.y, b.y);
	const double x1 = fmax(a.x + a.w, b.x + b.w), y1 = fmax(a.y + a.h, b.y + b.h);
	return (ViewRect){x0, y0, x1 - x0, y1 - y0};
}

/* A square around a centre, with two pixels for antialiasing. */
static ViewRect
around(double x, double y, double r)
{
	const double x0 = floor(x - r - 2.0), y0 = floor(y - r - 2.0);
	return (ViewRect){x0, y0, ceil(x + r + 2.0) - x0, ceil(y + r + 2.0) - y0};
}

static bool
same_look(const ViewLook* a, const ViewLook* b)
{
	return a->shape == b->shape && a->colour == b->colour && a->size == b->size &&
	       a->brightness == b->brightness && a->breath_ring == b->breath_ring &&
	       a->captions == b->captions;
}

ViewRect
view_projector_damage(double width, double height, const ViewState* before, const ViewState* after)
{
	const ViewRect whole = {0.0, 0.0, width, height};
	if (!same_look(&before->look, &after->look)) {
		return whole;
	}
	const ViewLayout l = view_projector_layout(width, height, &after->look);
	ViewRect damage = {0.0, 0.0, 0.0, 0.0};
	const double x0 = view_target_x(&l, before->gaze_pos), x1 = view_target_x(&l, after->gaze_pos);
	if (x0 != x1) {
		damage = unite(around(x0, l.target_y, l.target_r), around(x1, l.target_y, l.target_r));
	}
	if (l.breath_r_max > 0.0) {
		const double r0 = view_breath_radius(&l, before->breath_level);
		const double r1 = view_breath_radius(&l, after->breath_level);
		if (r0 != r1) {
			/* the ring's line reaches half its width past the radius */
			const double r = fmax(r0, r1) + fmax(1.0, l.breath_r_max * 0.02);
			damage = unite(damage, around(l.breath_x, l.breath_y, r));
			/* the target over the ring is drawn again with it */
			damage = unite(damage, around(x1, l.target_y, l.target_r));
		}
	}
	if (after->look.captions && strcmp(view_caption(before), view_caption(after)) != 0) {
		damage = unite(damage, (ViewRect){0.0, floor(0.84 * height), width, ceil(0.12 * height)});
	}
	/* within the picture */
	const double xa = fmax(0.0, damage.x), ya = fmax(0.0, damage.y);
	const double xb = fmin(width, damage.x + damage.w), yb = fmin(height, damage.y + damage.h);
	return xb > xa && yb > ya ? (ViewRect){xa, ya, xb - xa, yb - ya}
	                          : (ViewRect){0.0, 0.0, 0.0, 0.0};
}
