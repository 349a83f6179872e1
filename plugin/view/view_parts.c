/* SPDX-License-Identifier: ISC */
#include "view_parts.h"

#include <math.h>

double
view_clamp(double v, double lo, double hi)
{
	return isnan(v) ? lo : v < lo ? lo : v > hi ? hi : v;
}

double
view_target_x(const ViewLayout* l, float gaze_pos)
{
	const double pos = isnan(gaze_pos) ? 0.0 : view_clamp(gaze_pos, -1.0, 1.0);
	return l->field.x + (pos + 1.0) * 0.5 * l->field.w;
}

float
view_gaze_at(const ViewLayout* l, double x)
{
	if (l->field.w <= 0.0) {
		return 0.0f;
	}
	return (float)view_clamp((x - l->field.x) / l->field.w * 2.0 - 1.0, -1.0, 1.0);
}

double
view_breath_radius(const ViewLayout* l, float breath_level)
{
	const double level = view_clamp(breath_level, 0.0, 1.0);
	return l->breath_r_min + (l->breath_r_max - l->breath_r_min) * level;
}

void
view_draw_target(cairo_t* cr, const ViewLayout* l, const ViewState* s)
{
	const double x = view_target_x(l, s->gaze_pos), y = l->target_y, r = l->target_r;
	double rgb[3];
	view_target_rgb(&s->look, rgb);
	cairo_save(cr);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	switch (s->look.shape) {
	case VIEW_SHAPE_RING:
		cairo_set_line_width(cr, r * 0.3);
		cairo_arc(cr, x, y, r * 0.85, 0.0, 2.0 * M_PI);
		cairo_stroke(cr);
		break;
	case VIEW_SHAPE_BAR:
		/* As tall as the shape is big, a quarter as wide. */
		cairo_rectangle(cr, x - r * 0.25, y - r, r * 0.5, r * 2.0);
		cairo_fill(cr);
		break;
	case VIEW_SHAPE_GLOW: {
		cairo_pattern_t* glow = cairo_pattern_create_radial(x, y, 0.0, x, y, r);
		cairo_pattern_add_color_stop_rgba(glow, 0.0, rgb[0], rgb[1], rgb[2], 1.0);
		cairo_pattern_add_color_stop_rgba(glow, 0.45, rgb[0], rgb[1], rgb[2], 0.9);
		cairo_pattern_add_color_stop_rgba(glow, 1.0, rgb[0], rgb[1], rgb[2], 0.0);
		cairo_set_source(cr, glow);
		cairo_arc(cr, x, y, r, 0.0, 2.0 * M_PI);
		cairo_fill(cr);
		cairo_pattern_destroy(glow);
		break;
	}
	default:
		cairo_arc(cr, x, y, r, 0.0, 2.0 * M_PI);
		cairo_fill(cr);
		break;
	}
	cairo_restore(cr);
}

void
view_draw_field(cairo_t* cr, const ViewLayout* l, const ViewState* s)
{
	const double r = l->target_r, pad = r * 0.5;
	const double x0 = l->field.x - r - pad, x1 = l->field.x + l->field.w + r + pad;
	const double y0 = l->target_y - r - pad, h = 2.0 * (r + pad);
	const double round = h * 0.5;
	cairo_save(cr);
	cairo_new_sub_path(cr);
	cairo_arc(cr, x0 + round, y0 + round, round, M_PI * 0.5, M_PI * 1.5);
	cairo_arc(cr, x1 - round, y0 + round, round, M_PI * 1.5, M_PI * 0.5);
	cairo_close_path(cr);
	cairo_set_source_rgb(cr, VIEW_FIELD);
	cairo_fill(cr);

	/* Marks where the target stands at the left, the centre and the right;
	 * the one of the cue's side brighter while a set runs. */
	cairo_set_line_width(cr, fmax(1.0, r * 0.12));
	for (int side = -1; side <= 1; ++side) {
		const double x = view_target_x(l, (float)side);
		const bool lit = s->gaze_mode != 0 && s->set_active && side == s->gaze_side;
		if (lit) {
			double rgb[3];
			view_target_rgb(&s->look, rgb);
			cairo_set_source_rgba(cr, rgb[0], rgb[1], rgb[2], 0.6);
		} else {
			cairo_set_source_rgb(cr, VIEW_MARK);
		}
		cairo_move_to(cr, x, y0 + pad * 0.5);
		cairo_line_to(cr, x, y0 + h - pad * 0.5);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

void
view_draw_breath(cairo_t* cr, const ViewLayout* l, const ViewState* s, bool outline_only,
                 const double rgb[3])
{
	if (l->breath_r_max <= 0.0) {
		return;
	}
	const double r = view_breath_radius(l, s->breath_level);
	cairo_save(cr);
	if (outline_only) {
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_set_line_width(cr, fmax(1.0, l->breath_r_max * 0.02));
		cairo_arc(cr, l->breath_x, l->breath_y, r, 0.0, 2.0 * M_PI);
		cairo_stroke(cr);
	} else {
		cairo_set_source_rgb(cr, VIEW_MARK);
		cairo_set_line_width(cr, fmax(1.0, l->breath_r_max * 0.02));
		cairo_arc(cr, l->breath_x, l->breath_y, l->breath_r_max, 0.0, 2.0 * M_PI);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_arc(cr, l->breath_x, l->breath_y, r, 0.0, 2.0 * M_PI);
		cairo_fill(cr);
	}
	cairo_restore(cr);
}

void
view_text(cairo_t* cr, const char* text, double x, double y, double size, int align)
{
	cairo_text_extents_t ext;
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, text, &ext);
	const double left = align < 0 ? x : align > 0 ? x - ext.x_advance : x - ext.x_advance * 0.5;
	/* Middle of a capital's height (0.7 of the size), so labels of
	 * different letters sit on one line. */
	cairo_move_to(cr, left, y + size * 0.35);
	cairo_show_text(cr, text);
	/* show_text leaves a current point, which the next arc would join. */
	cairo_new_path(cr);
}

void
view_draw_panel(cairo_t* cr, const ViewLayout* l, double width, double height, const ViewState* s)
{
	cairo_new_path(cr); /* the caller's path is not ours to join */
	cairo_set_source_rgb(cr, VIEW_BACKGROUND);
	cairo_rectangle(cr, 0.0, 0.0, width, height);
	cairo_fill(cr);
	view_draw_field(cr, l, s);
	view_draw_target(cr, l, s);
	static const double breath_rgb[3] = {VIEW_BREATH};
	view_draw_breath(cr, l, s, false, breath_rgb);
}
