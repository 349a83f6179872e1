/* SPDX-License-Identifier: ISC */
/* Ardour's inline display (also read by Carla): the session's strip drawn
 * in the mixer strip, or large in the host's generic window (idpy:in_gui).
 * run() asks the host for a drawing at most 30 times a second of audio;
 * the host's GUI thread then calls render(). */
#ifndef SOMASCAPE_INLINE_DISPLAY_H
#define SOMASCAPE_INLINE_DISPLAY_H

#include "engine.h"
#include "lv2_inline_display.h"
#include "view.h"

#include <stdatomic.h>
#include <stdint.h>

/* Requests per second of audio, at most. */
#define INLINE_DISPLAY_FPS 30

typedef struct {
	const LV2_Inline_Display* host; /* NULL: the host has no inline display */
	uint32_t period;                /* frames of audio between two requests */
	uint32_t since;                 /* frames since the last request */
	/* The state run() last took, in two copies so that render() reads a
	 * whole one while run() fills the other. */
	ViewState shown[2];
	atomic_uint latest;
	float seen[CONTROL_IN_COUNT - CONTROL_IN_SOUND_COUNT]; /* the Display
	                     * controls the look was last made from */
	ViewLook look;
	/* render()'s picture, kept for the next call of the same size */
	cairo_surface_t* surface;
	LV2_Inline_Display_Image_Surface image;
} InlineDisplay;

/* Instantiation thread; host is the feature's data, or NULL. */
void inline_display_init(InlineDisplay* d, const LV2_Inline_Display* host, double rate);

/* Audio thread, at the end of each block of `frames`: takes the engine's
 * state and the Display controls' ports (display[0] is display_shape's,
 * in the order of ports.def) and asks the host to draw once a period has
 * passed.  Allocates nothing, calls only the host's queue_draw. */
void inline_display_request(InlineDisplay* d, const Engine* e, const float* const* display);

static inline void
inline_display_run(InlineDisplay* d, const Engine* e, const float* const* display, uint32_t frames)
{
	/* On every block: kept to a test and an addition here. */
	if (d->host && (d->since += frames) >= d->period) {
		inline_display_request(d, e, display);
	}
}

/* GUI thread: the strip, w wide and at most max_h high. */
LV2_Inline_Display_Image_Surface* inline_display_render(InlineDisplay* d, uint32_t w,
                                                        uint32_t max_h);

void inline_display_cleanup(InlineDisplay* d);

#endif
