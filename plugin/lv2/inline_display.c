/* SPDX-License-Identifier: ISC */
#include "inline_display.h"

#include "session_view.h"

#include <cairo.h>

#include <math.h>
#include <string.h>

void
inline_display_init(InlineDisplay* d, const LV2_Inline_Display* host, double rate)
{
	d->host = host && host->queue_draw ? host : NULL;
	/* Rounded up: never more than INLINE_DISPLAY_FPS a second. */
	d->period = (uint32_t)ceil(rate / INLINE_DISPLAY_FPS);
	d->since = 0;
	view_state_init(&d->shown[0]);
	d->shown[1] = d->shown[0];
	d->look = d->shown[0].look;
	for (int i = 0; i < CONTROL_IN_COUNT - CONTROL_IN_SOUND_COUNT; ++i) {
		d->seen[i] = control_inputs[CONTROL_IN_SOUND_COUNT + i].def;
	}
	atomic_init(&d->latest, 0u);
	d->surface = NULL;
}

void
inline_display_request(InlineDisplay* d, const Engine* e, const float* const* display)
{
	/* Each request spends a period of audio: never more than
	 * INLINE_DISPLAY_FPS a second.  What is left over carries on (blocks
	 * a little shorter than a period would otherwise halve the rate), but
	 * not a backlog of long blocks. */
	d->since -= d->period;
	d->since = d->since < d->period ? d->since : d->period - 1;

	for (int i = 0; i < CONTROL_IN_COUNT - CONTROL_IN_SOUND_COUNT; ++i) {
		const float value = *display[i];
		if (memcmp(&value, &d->seen[i], sizeof(value)) != 0) {
			d->seen[i] = value;
			view_look_set(&d->look, control_inputs[CONTROL_IN_SOUND_COUNT + i].symbol, value);
		}
	}
	const unsigned next = 1u - atomic_load_explicit(&d->latest, memory_order_relaxed);
	session_view_fill(&d->shown[next], e);
	d->shown[next].look = d->look;
	atomic_store_explicit(&d->latest, next, memory_order_release);
	d->host->queue_draw(d->host->handle);
}

LV2_Inline_Display_Image_Surface*
inline_display_render(InlineDisplay* d, uint32_t w, uint32_t max_h)
{
	/* A wide strip, 5:2, within the height the host offers. */
	const int width = (int)(w < 1 ? 1 : w > 4096 ? 4096 : w);
	const int wanted = (int)ceil(width * 0.4);
	const int height = (int)max_h < wanted ? (int)(max_h < 1 ? 1 : max_h) : wanted;
	if (d->surface && (cairo_image_surface_get_width(d->surface) != width ||
	                   cairo_image_surface_get_height(d->surface) != height)) {
		cairo_surface_destroy(d->surface);
		d->surface = NULL;
	}
	if (!d->surface) {
		d->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
		if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(d->surface);
			d->surface = NULL;
			return NULL;
		}
	}
	/* A copy at once: run() may fill the other one meanwhile. */
	const ViewState s = d->shown[atomic_load_explicit(&d->latest, memory_order_acquire)];
	cairo_t* cr = cairo_create(d->surface);
	view_draw_strip(cr, width, height, &s);
	cairo_destroy(cr);
	cairo_surface_flush(d->surface);
	d->image =
	    (LV2_Inline_Display_Image_Surface){cairo_image_surface_get_data(d->surface), width, height,
	                                       cairo_image_surface_get_stride(d->surface)};
	return &d->image;
}

void
inline_display_cleanup(InlineDisplay* d)
{
	if (d->surface) {
		cairo_surface_destroy(d->surface);
		d->surface = NULL;
	}
}
