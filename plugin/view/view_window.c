/* SPDX-License-Identifier: ISC */
/* The plugin window: the field along the top, the breathing circle and
 * the session's numbers below it, and a band at the bottom left to the
 * window's live controls. */
#include "view_parts.h"

#include <math.h>
#include <stdio.h>

static const char* const mode_names[] = {"Off", "Sweep", "Alternate", "Hold", "Follow"};

ViewLayout
view_window_layout(double width, double height, const ViewLook* look)
{
	(void)look; /* the look is the projector's; the window keeps its own sizes */
	const double w = fmax(width, 1.0), h = fmax(height, 1.0);
	const double pad = fmax(4.0, 0.03 * fmin(w, h));
	const double controls = view_clamp(0.14 * h, 28.0, 56.0);
	const double field_h = 0.24 * (h - controls);
	const double r = field_h * 0.32;
	ViewLayout l = {0};
	/* The target's centre spans the field; its band reaches r and a
	 * little more beyond, inside the window. */
	l.field = (ViewRect){pad + 1.5 * r, pad, w - 2.0 * (pad + 1.5 * r), field_h};
	l.target_y = pad + field_h * 0.5;
	l.target_r = r;

	const double top = pad + field_h + pad, bottom = h - controls - pad;
	const double area_w = w * 0.5 - pad, area_h = bottom - top;
	l.breath_r_max = fmax(0.0, 0.5 * fmin(area_w, area_h));
	l.breath_r_min = 0.35 * l.breath_r_max;
	l.breath_x = pad + area_w * 0.5;
	l.breath_y = top + area_h * 0.5;
	l.controls = (ViewRect){0.0, h - controls, w, controls};
	return l;
}

/* The numbers beside the breathing circle, one per line. */
static void
draw_numbers(cairo_t* cr, const ViewLayout* l, const ViewState* s, double width)
{
	const double left =
	    l->breath_x + l->breath_r_max + (width - l->breath_x - l->breath_r_max) * 0.12;
	const double top = l->breath_y - l->breath_r_max, span = 2.0 * l->breath_r_max;
	const double line = span / 5.0, size = fmin(line * 0.55, width * 0.045);
	char text[96], clock[32];
	int row = 0;

	const int mode = s->gaze_mode >= 0 && s->gaze_mode <= 4 ? s->gaze_mode : 0;
	cairo_set_source_rgb(cr, VIEW_TEXT);
	view_text(cr, mode_names[mode], left, top + line * (row++ + 0.5), size * 1.15, -1);

	cairo_set_source_rgb(cr, VIEW_TEXT_DIM);
	if (!s->set_active && s->gaze_mode != 0) {
		if (s->rest_left_s >= 0.0f) {
			view_format_clock(clock, sizeof(clock), ceil(s->rest_left_s));
			snprintf(text, sizeof(text), "Rest %s", clock);
		} else {
			snprintf(text, sizeof(text), "Rest until cued");
		}
	} else if (s->set_number > 0) {
		snprintf(text, sizeof(text), "Set %u  \xc2\xb7  %u %s", s->set_number, s->passes,
		         s->passes == 1 ? "pass" : "passes");
	} else {
		snprintf(text, sizeof(text), "%u %s", s->passes, s->passes == 1 ? "pass" : "passes");
	}
	view_text(cr, text, left, top + line * (row++ + 0.5), size, -1);

	view_format_clock(clock, sizeof(clock), s->session_s);
	snprintf(text, sizeof(text), "Session %s", clock);
	view_text(cr, text, left, top + line * (row++ + 0.5), size, -1);

	if (s->session_left_s >= 0.0) {
		view_format_clock(clock, sizeof(clock), ceil(s->session_left_s));
		snprintf(text, sizeof(text), "%s left", clock);
	} else {
		snprintf(text, sizeof(text), "Endless");
	}
	view_text(cr, text, left, top + line * (row++ + 0.5), size, -1);

	snprintf(text, sizeof(text), "%.1f breaths/min", isfinite(s->breath_bpm) ? s->breath_bpm : 0.0);
	view_text(cr, text, left, top + line * (row++ + 0.5), size, -1);
}

void
view_draw_window(cairo_t* cr, double width, double height, const ViewState* s)
{
	const ViewLayout l = view_window_layout(width, height, &s->look);
	cairo_save(cr);
	view_draw_panel(cr, &l, width, height, s);
	if (l.breath_r_max > 0.0) {
		char seconds[32];
		const double size = l.breath_r_max * 0.13;
		cairo_set_source_rgb(cr, VIEW_TEXT);
		view_text(cr, view_breath_label(s->breath_stage), l.breath_x, l.breath_y - size * 0.7, size,
		          0);
		snprintf(seconds, sizeof(seconds), "%.0f", ceil(view_clamp(s->breath_left_s, 0.0, 3600.0)));
		view_text(cr, seconds, l.breath_x, l.breath_y + size * 0.9, size * 1.2, 0);
		draw_numbers(cr, &l, s, width);
	}
	cairo_restore(cr);
}
