/* SPDX-License-Identifier: ISC */
#include "controls_bar.h"

#include <math.h>
#include <stdio.h>

#define RATE_MIN_HZ 0.05f
#define RATE_MAX_HZ 3.0f

static const char* const mode_labels[] = {"Off", "Sweep", "Alternate", "Hold", "Follow"};

/* The buttons, left to right, with their widths in shares of the band:
 * five modes; slower, the rate, faster; the set; the projector.  A group
 * starts after a gap. */
typedef struct {
	BarAction action;
	int mode;
	double units;
	bool group; /* a gap before it */
} Slot;

/* clang-format off */
static const Slot slots[] = {
	{BAR_MODE, 0, 0.9, false},  {BAR_MODE, 1, 1.2, false},  {BAR_MODE, 2, 1.6, false},
	{BAR_MODE, 3, 1.0, false},  {BAR_MODE, 4, 1.2, false},  {BAR_SLOWER, 0, 0.55, true},
	{BAR_NONE, 0, 1.4, false},  {BAR_FASTER, 0, 0.55, false}, {BAR_SET, 0, 1.5, true},
	{BAR_PROJECTOR, 0, 1.6, true},
};
/* clang-format on */
#define SLOT_COUNT (sizeof(slots) / sizeof(slots[0]))
#define GROUP_GAP 0.3 /* units */

static ViewRect
slot_rect(const ViewRect* band, size_t index)
{
	double total = 0.0, before = 0.0;
	for (size_t i = 0; i < SLOT_COUNT; ++i) {
		const double width = slots[i].units + (slots[i].group ? GROUP_GAP : 0.0);
		total += width;
		before += i < index ? width : 0.0;
	}
	before += slots[index].group ? GROUP_GAP : 0.0;
	const double pad = fmax(2.0, band->h * 0.14);
	const double unit = (band->w - pad) / total;
	return (ViewRect){band->x + pad + before * unit, band->y + pad, slots[index].units * unit - pad,
	                  band->h - 2.0 * pad};
}

static bool
slot_lit(const Slot* slot, const BarState* s)
{
	return (slot->action == BAR_MODE && slot->mode == s->mode) ||
	       (slot->action == BAR_SET && s->set_active && s->set_cueable) ||
	       (slot->action == BAR_PROJECTOR && s->projector_open);
}

static void
slot_label(const Slot* slot, const BarState* s, char* text, size_t size)
{
	switch (slot->action) {
	case BAR_MODE:
		snprintf(text, size, "%s", mode_labels[slot->mode]);
		break;
	case BAR_SLOWER:
		snprintf(text, size, "\xe2\x88\x92"); /* minus sign */
		break;
	case BAR_FASTER:
		snprintf(text, size, "+");
		break;
	case BAR_SET:
		snprintf(text, size, "%s", s->set_active ? "Stop set" : "Start set");
		break;
	case BAR_PROJECTOR:
		snprintf(text, size, "Projector");
		break;
	case BAR_NONE:
		snprintf(text, size, "%.2f Hz", (double)s->rate_hz);
		break;
	}
}

/* One text size for every label: the largest at which each fits its
 * button. */
static double
label_size(cairo_t* cr, const ViewRect* band, const BarState* s)
{
	double size = (band->h - 2.0 * fmax(2.0, band->h * 0.14)) * 0.42;
	cairo_set_font_size(cr, size);
	for (size_t i = 0; i < SLOT_COUNT; ++i) {
		char text[32];
		BarState widest = *s;
		widest.set_active = false; /* "Start set" and "Stop set" alike */
		slot_label(&slots[i], &widest, text, sizeof(text));
		cairo_text_extents_t ext;
		cairo_text_extents(cr, text, &ext);
		const ViewRect r = slot_rect(band, i);
		if (ext.x_advance > r.w * 0.88) {
			size *= r.w * 0.88 / ext.x_advance;
			cairo_set_font_size(cr, size);
		}
	}
	return size;
}

void
bar_draw(cairo_t* cr, const ViewRect* band, const BarState* s)
{
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.100, 0.108, 0.133);
	cairo_rectangle(cr, band->x, band->y, band->w, band->h);
	cairo_fill(cr);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, label_size(cr, band, s));
	cairo_font_extents_t font;
	cairo_font_extents(cr, &font);
	for (size_t i = 0; i < SLOT_COUNT; ++i) {
		const Slot* slot = &slots[i];
		const ViewRect r = slot_rect(band, i);
		const bool lit = slot_lit(slot, s);
		if (slot->action != BAR_NONE) {
			const double radius = fmin(r.h * 0.25, 6.0);
			cairo_new_sub_path(cr);
			cairo_arc(cr, r.x + r.w - radius, r.y + radius, radius, -M_PI_2, 0.0);
			cairo_arc(cr, r.x + r.w - radius, r.y + r.h - radius, radius, 0.0, M_PI_2);
			cairo_arc(cr, r.x + radius, r.y + r.h - radius, radius, M_PI_2, M_PI);
			cairo_arc(cr, r.x + radius, r.y + radius, radius, M_PI, 1.5 * M_PI);
			cairo_close_path(cr);
			if (lit) {
				cairo_set_source_rgb(cr, 0.300, 0.560, 0.620);
			} else {
				cairo_set_source_rgb(cr, 0.160, 0.176, 0.215);
			}
			cairo_fill(cr);
		}
		char text[32];
		slot_label(slot, s, text, sizeof(text));
		cairo_text_extents_t ext;
		cairo_text_extents(cr, text, &ext);
		if (lit) {
			cairo_set_source_rgb(cr, 0.040, 0.045, 0.055);
		} else if (slot->action == BAR_SET && !s->set_cueable) {
			cairo_set_source_rgb(cr, 0.330, 0.345, 0.380); /* dimmed: it does nothing now */
		} else {
			cairo_set_source_rgb(cr, 0.800, 0.820, 0.860);
		}
		/* one baseline for all: centred on the font's capitals, not on
		 * each word's own ink (a "p" would lift "Sweep") */
		cairo_move_to(cr, r.x + (r.w - ext.x_advance) * 0.5,
		              r.y + r.h * 0.5 + (font.ascent - font.descent) * 0.5);
		cairo_show_text(cr, text);
	}
	cairo_restore(cr);
}

BarHit
bar_hit(const ViewRect* band, double x, double y)
{
	for (size_t i = 0; i < SLOT_COUNT; ++i) {
		const ViewRect r = slot_rect(band, i);
		if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) {
			return (BarHit){slots[i].action, slots[i].mode};
		}
	}
	return (BarHit){BAR_NONE, 0};
}

bool
bar_button_centre(const ViewRect* band, BarAction action, int mode, double* x, double* y)
{
	for (size_t i = 0; i < SLOT_COUNT; ++i) {
		if (slots[i].action == action && (action != BAR_MODE || slots[i].mode == mode)) {
			const ViewRect r = slot_rect(band, i);
			*x = r.x + r.w * 0.5;
			*y = r.y + r.h * 0.5;
			return true;
		}
	}
	return false;
}

float
bar_rate_step(float rate_hz, int direction)
{
	const float r = isfinite(rate_hz) ? rate_hz : 1.0f;
	const float next = r * powf(2.0f, (float)direction / 6.0f);
	return next < RATE_MIN_HZ ? RATE_MIN_HZ : next > RATE_MAX_HZ ? RATE_MAX_HZ : next;
}
