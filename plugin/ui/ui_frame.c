/* SPDX-License-Identifier: ISC */
/* The window's frames: the state to draw now (from the motion snapshots,
 * else the ports), drawn into the back buffer, and only the field and the
 * breathing circle when nothing else changed. */
#include "ui_window.h"

#include <math.h>
#include <string.h>
#include <time.h>

double
ui_now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int
ui_gaze_mode(const SomascapeUI* self)
{
	const float m = self->ports[PORT_gaze_mode];
	return m >= 0.0f && m <= 4.0f ? (int)lrintf(m) : 0;
}

/* Sets are cued in Sweep, Alternate and Hold; in Follow the same MIDI
 * note steers the gaze instead. */
bool
ui_set_cueable(const SomascapeUI* self)
{
	return ui_gaze_mode(self) >= 1 && ui_gaze_mode(self) <= 3;
}

/* The state to draw now: from the motion snapshots when the host passes
 * them on, else from the output ports as last heard. */
static void
view_now(const SomascapeUI* self, ViewState* s)
{
	const float* p = self->ports;
	view_state_init(s);
	s->look = self->look;
	s->gaze_mode = ui_gaze_mode(self);
	MotionNow now;
	if (motion_at(&self->motion, ui_now_s(), &now)) {
		const Gaze* g = &now.gaze;
		s->gaze_pos = motion_drawn_position(&now);
		s->gaze_side = gaze_side(g);
		s->set_active = gaze_sounding(g);
		s->set_number = p[PORT_set_length] > 0.0f ? gaze_set_number(g) : 0u;
		s->passes = gaze_set_passes(g);
		s->rest_left_s = (float)gaze_rest_left_s(g);
		s->breath_level = breath_level(&now.breath);
		s->breath_stage = (ViewBreathStage)breath_stage(&now.breath);
		s->breath_left_s = (float)breath_stage_remaining_s(&now.breath);
		s->breath_bpm = (float)(60.0 / breath_period_s(&now.breath));
		s->session_s = (double)now.frame / self->motion.snap.rate;
	} else {
		s->gaze_pos = p[PORT_gaze_pos];
		s->gaze_side = (int)lrintf(p[PORT_gaze_side]);
		s->passes = p[PORT_pass_count] > 0.0f ? (uint32_t)p[PORT_pass_count] : 0u;
		s->set_active = p[PORT_set_active] > 0.5f;
		s->breath_level = p[PORT_breath_level];
		s->breath_stage = (ViewBreathStage)((int)lrintf(p[PORT_breath_stage]) & 3);
		s->breath_bpm = p[PORT_breath_bpm];
		s->session_s = p[PORT_session_time];
	}
	if (s->gaze_mode == 0) {
		s->set_active = false;
	}
	const double length_s = 60.0 * (double)p[PORT_session_len];
	s->session_left_s = length_s > 0.0 ? fmax(0.0, length_s - s->session_s) : -1.0;
}

/* Whether two states read the same beside the field and the breathing
 * circle: the words and numbers of the window's right-hand column.  Times
 * are compared in half seconds, so a clock shown rounded or truncated
 * changes with them. */
static bool
same_words(const ViewState* a, const ViewState* b)
{
	ViewState x = *a, y = *b;
	ViewState* both[2] = {&x, &y};
	for (int i = 0; i < 2; ++i) {
		ViewState* s = both[i];
		s->gaze_pos = 0.0f;
		s->gaze_side = 0;
		s->breath_level = 0.0f;
		s->breath_left_s = 0.0f;          /* inside the circle */
		s->breath_stage = VIEW_BREATH_IN; /* inside the circle too */
		s->session_s = floor(2.0 * s->session_s);
		s->session_left_s = floor(2.0 * s->session_left_s);
		s->rest_left_s = floorf(2.0f * s->rest_left_s);
		s->breath_bpm = floorf(20.0f * s->breath_bpm);
	}
	return !memcmp(&x, &y, sizeof(x));
}

/* The field's band and the breathing circle's square, in device pixels,
 * whole pixels around them. */
static void
moving_parts(const ViewLayout* l, double scale, cairo_rectangle_int_t parts[2])
{
	const double band = 1.75 * l->target_r + 2.0;
	const double r = l->breath_r_max + fmax(1.0, l->breath_r_max * 0.02) + 2.0;
	const ViewRect logical[2] = {
	    {0.0, l->target_y - band, l->controls.w, 2.0 * band},
	    {l->breath_x - r, l->breath_y - r, 2.0 * r, 2.0 * r},
	};
	for (int i = 0; i < 2; ++i) {
		const int x0 = (int)fmax(0.0, floor(logical[i].x * scale));
		const int y0 = (int)fmax(0.0, floor(logical[i].y * scale));
		const int x1 = (int)ceil((logical[i].x + logical[i].w) * scale);
		const int y1 = (int)ceil((logical[i].y + logical[i].h) * scale);
		parts[i] = (cairo_rectangle_int_t){x0, y0, x1 - x0, y1 - y0};
	}
}

void
ui_draw(SomascapeUI* self)
{
	ViewState s;
	view_now(self, &s);
	BarState bar;
	memset(&bar, 0, sizeof(bar)); /* compared whole, padding included */
	bar.mode = s.gaze_mode;
	bar.rate_hz = self->ports[PORT_gaze_rate];
	bar.set_active = s.set_active;
	bar.set_cueable = ui_set_cueable(self);
	bar.projector_open = projector_is_open(&self->projector);
	projector_draw(&self->projector, &s);
	const bool same_frame = self->shown_valid && self->shown_width == self->buffer.width &&
	                        self->shown_height == self->buffer.height &&
	                        !memcmp(&bar, &self->shown_bar, sizeof(bar));
	if (same_frame && !memcmp(&s, &self->shown, sizeof(s))) {
		return; /* nothing moved (a stopped transport, the gaze off) */
	}
	const double w = self->buffer.width / self->scale, h = self->buffer.height / self->scale;
	const ViewLayout l = view_window_layout(w, h, &s.look);
	const bool moved_only = same_frame && same_words(&s, &self->shown);
	cairo_t* cr = back_buffer_begin(&self->buffer);
	cairo_rectangle_int_t parts[2];
	if (moved_only) {
		/* only the field and the breathing circle: drawn and shown alone */
		moving_parts(&l, self->scale, parts);
		for (int i = 0; i < 2; ++i) {
			cairo_rectangle(cr, parts[i].x, parts[i].y, parts[i].width, parts[i].height);
		}
		cairo_clip(cr);
	}
	cairo_scale(cr, self->scale, self->scale);
	view_draw_window(cr, w, h, &s);
	if (moved_only) {
		back_buffer_show_rects(&self->buffer, cr, parts, 2);
	} else {
		bar_draw(cr, &l.controls, &bar);
		back_buffer_show(&self->buffer, cr);
	}
	self->shown = s;
	self->shown_bar = bar;
	self->shown_width = self->buffer.width;
	self->shown_height = self->buffer.height;
	self->shown_valid = true;
}

ViewLayout
ui_layout(const SomascapeUI* self)
{
	return view_window_layout(self->buffer.width / self->scale, self->buffer.height / self->scale,
	                          &self->look);
}
