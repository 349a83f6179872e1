/* SPDX-License-Identifier: ISC */
/* The strip: a short, wide picture for a mixer strip (Ardour's inline
 * display).  The field across the top, the breath as a growing disc at
 * the left of the line below, the breath's stage and seconds beside it. */
#include "view_parts.h"

#include <math.h>
#include <stdio.h>

ViewLayout
view_strip_layout(double width, double height, const ViewLook* look)
{
	(void)look;
	const double w = fmax(width, 1.0), h = fmax(height, 1.0);
	const double pad = fmax(1.0, 0.04 * fmin(w, h * 2.0));
	const double field_h = 0.55 * (h - 3.0 * pad);
	const double r = field_h * 0.32;
	ViewLayout l = {0};
	l.field = (ViewRect){pad + 1.5 * r, pad, w - 2.0 * (pad + 1.5 * r), field_h};
	l.target_y = pad + 0.5 * field_h;
	l.target_r = r;
	const double line = h - field_h - 3.0 * pad;
	l.breath_r_max = 0.5 * line;
	l.breath_r_min = 0.3 * l.breath_r_max;
	l.breath_x = pad + l.breath_r_max;
	l.breath_y = h - pad - 0.5 * line;
	return l;
}

void
view_draw_strip(cairo_t* cr, double width, double height, const ViewState* s)
{
	const ViewLayout l = view_strip_layout(width, height, &s->look);
	cairo_save(cr);
	view_draw_panel(cr, &l, width, height, s);

	/* "In 3" beside the disc, shorter words than the window's so that a
	 * narrow strip still holds them. */
	static const char* const short_stage[] = {"In", "Hold", "Out", "Hold"};
	char text[48];
	const int stage = s->breath_stage >= 0 && s->breath_stage <= 3 ? (int)s->breath_stage : 0;
	snprintf(text, sizeof(text), "%s %.0f", short_stage[stage],
	         ceil(view_clamp(s->breath_left_s, 0.0, 3600.0)));
	const double size = l.breath_r_max * 1.3;
	cairo_set_source_rgb(cr, VIEW_TEXT);
	view_text(cr, text, l.breath_x + l.breath_r_max * 1.6, l.breath_y, size, -1);
	if (width > size * 9.0) {
		char clock[32];
		view_format_clock(clock, sizeof(clock), s->session_s);
		if (!s->set_active && s->gaze_mode != 0) {
			snprintf(text, sizeof(text), "Rest %s", clock);
		} else if (s->set_number > 0) {
			snprintf(text, sizeof(text), "Set %u  %s", s->set_number, clock);
		} else {
			snprintf(text, sizeof(text), "%s", clock);
		}
		cairo_set_source_rgb(cr, VIEW_TEXT_DIM);
		view_text(cr, text, width - l.breath_r_max, l.breath_y, size, 1);
	}
	cairo_restore(cr);
}
