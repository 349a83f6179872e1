/* SPDX-License-Identifier: ISC */
/* The state and look the layouts draw: defaults, colours and words. */
#include "view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void
view_state_init(ViewState* s)
{
	memset(s, 0, sizeof(*s));
	s->gaze_mode = 2;
	s->set_active = true;
	s->rest_left_s = -1.0f;
	s->session_left_s = -1.0;
	view_look_defaults(&s->look);
}

void
view_target_rgb(const ViewLook* look, double rgb[3])
{
	/* Soft colours, none of them a saturated primary: the eyes follow the
	 * target for half an hour. */
	static const double colours[VIEW_COLOUR_COUNT][3] = {
	    [VIEW_COLOUR_WHITE] = {1.00, 1.00, 1.00}, [VIEW_COLOUR_WARM] = {1.00, 0.90, 0.74},
	    [VIEW_COLOUR_AMBER] = {1.00, 0.70, 0.25}, [VIEW_COLOUR_GREEN] = {0.45, 0.90, 0.55},
	    [VIEW_COLOUR_BLUE] = {0.45, 0.70, 1.00},  [VIEW_COLOUR_VIOLET] = {0.72, 0.55, 1.00},
	};
	const int c = look->colour >= 0 && look->colour < VIEW_COLOUR_COUNT ? (int)look->colour : 0;
	const float b = look->brightness;
	const double k = isnan(b) ? 1.0 : b < 0.0f ? 0.0 : b > 1.0f ? 1.0 : (double)b;
	for (int i = 0; i < 3; ++i) {
		rgb[i] = colours[c][i] * k;
	}
}

const char*
view_breath_label(ViewBreathStage stage)
{
	switch (stage) {
	case VIEW_BREATH_IN:
		return "Breathe in";
	case VIEW_BREATH_OUT:
		return "Breathe out";
	default:
		return "Hold";
	}
}

const char*
view_caption(const ViewState* s)
{
	if (s->caption) {
		return s->caption;
	}
	if (s->gaze_mode == 0) {
		return view_breath_label(s->breath_stage);
	}
	if (!s->set_active) {
		return "Rest";
	}
	return s->gaze_side > 0 ? "Look right" : s->gaze_side < 0 ? "Look left" : "Centre";
}

void
view_format_clock(char* buf, size_t size, double seconds)
{
	const double s = isfinite(seconds) && seconds > 0.0 ? seconds : 0.0;
	const long long whole = (long long)floor(s < 1e9 ? s : 1e9);
	const long long h = whole / 3600, m = whole / 60 % 60, sec = whole % 60;
	if (h > 0) {
		snprintf(buf, size, "%lld:%02lld:%02lld", h, m, sec);
	} else {
		snprintf(buf, size, "%lld:%02lld", m, sec);
	}
}
