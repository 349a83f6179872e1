/* SPDX-License-Identifier: ISC */
/* The one drawing of a somascape session: the target on its horizontal
 * field, the breathing circle, the set and the session clock.  Every
 * picture of the session comes from here: the plugin window, the projector,
 * Ardour's inline display (the strip) and the renderer's video.
 *
 * Pure cairo: no X11, no LV2, no DSP.  The caller fills a ViewState (from
 * the plugin's output ports, or from its own run of the timeline) and asks
 * for one layout on a cairo_t of a given size in user units; for HiDPI the
 * caller scales the context first and passes the logical size.  Drawing
 * allocates nothing of ours and keeps no state between calls, so any
 * thread may draw as long as it owns its cairo_t. */
#ifndef SOMASCAPE_VIEW_H
#define SOMASCAPE_VIEW_H

#include <cairo.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The target's shape; the values of the display_shape control. */
typedef enum {
	VIEW_SHAPE_DOT,  /* a filled disc */
	VIEW_SHAPE_RING, /* a circle's outline */
	VIEW_SHAPE_BAR,  /* a vertical bar, as on a light bar */
	VIEW_SHAPE_GLOW, /* a disc with a soft edge */
	VIEW_SHAPE_COUNT
} ViewShape;

/* The target's colour; the values of the display_colour control. */
typedef enum {
	VIEW_COLOUR_WHITE,
	VIEW_COLOUR_WARM, /* warm white */
	VIEW_COLOUR_AMBER,
	VIEW_COLOUR_GREEN,
	VIEW_COLOUR_BLUE,
	VIEW_COLOUR_VIOLET,
	VIEW_COLOUR_COUNT
} ViewColour;

/* The projector's look, saved with the host's session as the Display
 * controls (plugin/ports.def). */
typedef struct {
	ViewShape shape;
	ViewColour colour;
	float size;       /* the target's diameter, a fraction of the height */
	float brightness; /* 0..1, scales the target's and the ring's colour */
	bool breath_ring; /* the projector draws the breath ring */
	bool captions;    /* the projector writes "Look right", "Breathe in" */
	int monitor;      /* the projector's monitor: 0 automatic, n the n-th
	                         * (the window picks it; drawing ignores it) */
} ViewLook;

/* Breath stages, as the breath_stage output gives them. */
typedef enum {
	VIEW_BREATH_IN,
	VIEW_BREATH_HOLD_IN,
	VIEW_BREATH_OUT,
	VIEW_BREATH_HOLD_OUT
} ViewBreathStage;

/* Everything a picture shows, at one moment of the session. */
typedef struct {
	/* gaze */
	int gaze_mode;  /* 0 Off, 1 Sweep, 2 Alternate, 3 Hold, 4 Follow */
	float gaze_pos; /* -1 left .. +1 right: where the target is drawn */
	int gaze_side;  /* the cue's side: -1 left, 0 centre, +1 right */

	/* breath */
	float breath_level; /* 0..1: the circle's size */
	ViewBreathStage breath_stage;
	float breath_left_s; /* seconds left in the stage */
	float breath_bpm;    /* breaths per minute */

	/* sets */
	bool set_active;     /* a set runs (false: resting) */
	uint32_t set_number; /* 1 for the first set; 0 when sets are off */
	uint32_t passes;     /* passes to a side in this set (since the mode began
	                       * when sets are off) */
	float rest_left_s;   /* while resting: seconds to the next set; < 0 when
	                       * the next set waits for a live cue */

	/* session */
	double session_s;      /* session clock */
	double session_left_s; /* time left; < 0 for an endless session */

	/* The projector's caption; NULL for the one the state implies
	 * (view_caption). */
	const char* caption;

	ViewLook look;
} ViewState;

/* A rectangle in user units. */
typedef struct {
	double x, y, w, h;
} ViewRect;

/* Where a layout puts things, for hit testing (dragging the target) and
 * for tests that check the picture's geometry. */
typedef struct {
	ViewRect field;                    /* the span of the target's centre: x at gaze -1,
	                     * x + w at +1; y and h the band it moves in */
	double target_y;                   /* the target's centre line */
	double target_r;                   /* half the target's size */
	double breath_x, breath_y;         /* the breathing circle's centre */
	double breath_r_min, breath_r_max; /* its radius, empty and full
	                                      * (both 0 when not drawn) */
	ViewRect controls;                 /* the window's band left to its live controls
	                     * (empty in the other layouts) */
} ViewLayout;

/* A state at rest: centre, defaults of the Display controls. */
void view_state_init(ViewState* s);
void view_look_defaults(ViewLook* look);

/* One Display control of plugin/ports.def (display_shape, display_size...)
 * into the look, clamped to its range (NaN gives its default).  False for
 * a symbol that is not a Display control. */
bool view_look_set(ViewLook* look, const char* symbol, float value);

/* The layouts: the plugin window, the projector (black, the target and
 * the optional breath ring and caption) and the strip (a short wide
 * picture for a mixer strip). */
void view_draw_window(cairo_t* cr, double width, double height, const ViewState* s);
void view_draw_projector(cairo_t* cr, double width, double height, const ViewState* s);
void view_draw_strip(cairo_t* cr, double width, double height, const ViewState* s);

ViewLayout view_window_layout(double width, double height, const ViewLook* look);
ViewLayout view_projector_layout(double width, double height, const ViewLook* look);
ViewLayout view_strip_layout(double width, double height, const ViewLook* look);

/* The target's centre for a gaze position (clamped to -1..1), and back:
 * the gaze position a point on the field stands for. */
double view_target_x(const ViewLayout* l, float gaze_pos);
float view_gaze_at(const ViewLayout* l, double x);

/* The breathing circle's radius at a breath level (clamped to 0..1). */
double view_breath_radius(const ViewLayout* l, float breath_level);

/* What differs between the projector's pictures of two states, as one
 * rectangle (w or h 0 when nothing does; the whole picture when the look
 * changed): a window or a video frame need only redraw, send or convert
 * that, clipped to it.  Drawn clipped to it over the picture of `before`,
 * `after` gives the pixels of it drawn whole (within cairo's rounding of
 * a clipped edge, a level or two). */
ViewRect view_projector_damage(double width, double height, const ViewState* before,
                               const ViewState* after);

/* The target's colour at the look's brightness, components 0..1. */
void view_target_rgb(const ViewLook* look, double rgb[3]);

/* The caption the state implies ("Look right", "Look left", "Centre",
 * "Rest", or the breath's "Breathe in", "Hold", "Breathe out" when the gaze
 * is off), or s->caption when set. */
const char* view_caption(const ViewState* s);

/* "Breathe in", "Hold", "Breathe out", "Hold". */
const char* view_breath_label(ViewBreathStage stage);

/* A duration as "m:ss" (or "h:mm:ss"), whole seconds rounded down (a
 * countdown passes ceil of its seconds), into buf. */
void view_format_clock(char* buf, size_t size, double seconds);

#endif
