/* SPDX-License-Identifier: ISC */
#include "plot.h"

#include "duration.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Layout, in pixels. */
#define MARGIN_LEFT 110
#define MARGIN_RIGHT 30
#define MARGIN_TOP 50
#define MARGIN_BOTTOM 50
#define LANE_GAP 30
#define LANE_HEIGHT ((PLOT_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - LANE_GAP) / 2)

bool
plot_open(Plot* plot, const char* path, int64_t total_frames, double rate, const char* title,
          char* err, size_t err_size)
{
	memset(plot, 0, sizeof(*plot));
	plot->fd = -1;
	plot->total_frames = total_frames > 0 ? total_frames : 1;
	plot->rate = rate;
	snprintf(plot->title, sizeof(plot->title), "%s", title);
	plot->columns = PLOT_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
	plot->gaze = (PlotRange*)calloc((size_t)plot->columns, sizeof(PlotRange));
	plot->breath = (PlotRange*)calloc((size_t)plot->columns, sizeof(PlotRange));
	plot->seen = (uint8_t*)calloc((size_t)plot->columns, 1);
	plot->active = (uint8_t*)calloc((size_t)plot->columns, 1);
	plot->voice = (uint8_t*)calloc((size_t)plot->columns, 1);
	if (!plot->gaze || !plot->breath || !plot->seen || !plot->active || !plot->voice) {
		snprintf(err, err_size, "out of memory");
		plot_abort(plot);
		return false;
	}
	plot->fd = atomic_file_open(&plot->file, path, err, err_size);
	if (plot->fd < 0) {
		plot_abort(plot);
		return false;
	}
	return true;
}

static void
widen(PlotRange* range, float value, bool first)
{
	if (first) {
		range->min = range->max = value;
	} else {
		range->min = value < range->min ? value : range->min;
		range->max = value > range->max ? value : range->max;
	}
}

void
plot_observe(Plot* plot, int64_t frame, float gaze_pos, float breath_level, float set_active)
{
	/* the value at the end of a run belongs to the column of its last frame */
	const int64_t at = frame > 0 ? frame - 1 : 0;
	int column = (int)(at * plot->columns / plot->total_frames);
	column = column >= plot->columns ? plot->columns - 1 : column;
	const bool first = !plot->seen[column];
	widen(&plot->gaze[column], gaze_pos, first);
	widen(&plot->breath[column], breath_level, first);
	plot->seen[column] = 1;
	plot->active[column] |= set_active > 0.5f;
}

static int
column_of(const Plot* plot, int64_t frame)
{
	const int column = (int)(frame * plot->columns / plot->total_frames);
	return column >= plot->columns ? plot->columns - 1 : column;
}

void
plot_observe_voice(Plot* plot, int64_t start, int64_t n)
{
	if (n > 0) {
		for (int c = column_of(plot, start); c <= column_of(plot, start + n - 1); ++c) {
			plot->voice[c] = 1;
		}
	}
}

static double
lane_top(int lane)
{
	return MARGIN_TOP + lane * (LANE_HEIGHT + LANE_GAP);
}

/* y of value in [lo, hi] in a lane, hi at the top. */
static double
lane_y(int lane, double value, double lo, double hi)
{
	return lane_top(lane) + (hi - value) / (hi - lo) * LANE_HEIGHT;
}

static void
draw_text(cairo_t* cr, double x, double y, const char* text, double align)
{
	cairo_text_extents_t ext;
	cairo_text_extents(cr, text, &ext);
	cairo_move_to(cr, x - ext.width * align - ext.x_bearing, y);
	cairo_show_text(cr, text);
}

static void
draw_lane_frame(cairo_t* cr, int lane, const char* name, const char* top, const char* mid,
                const char* bottom)
{
	const double y0 = lane_top(lane);
	cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
	cairo_set_line_width(cr, 1.0);
	cairo_rectangle(cr, MARGIN_LEFT + 0.5, y0 + 0.5, PLOT_WIDTH - MARGIN_LEFT - MARGIN_RIGHT,
	                LANE_HEIGHT);
	cairo_move_to(cr, MARGIN_LEFT, y0 + LANE_HEIGHT / 2 + 0.5);
	cairo_line_to(cr, PLOT_WIDTH - MARGIN_RIGHT, y0 + LANE_HEIGHT / 2 + 0.5);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_font_size(cr, 16);
	draw_text(cr, 12, y0 + LANE_HEIGHT / 2 + 6, name, 0.0);
	cairo_set_font_size(cr, 12);
	draw_text(cr, MARGIN_LEFT - 8, y0 + 12, top, 1.0);
	draw_text(cr, MARGIN_LEFT - 8, y0 + LANE_HEIGHT / 2 + 4, mid, 1.0);
	draw_text(cr, MARGIN_LEFT - 8, y0 + LANE_HEIGHT - 2, bottom, 1.0);
}

/* Rests between sets, shaded behind the gaze lane. */
static void
draw_rests(const Plot* plot, cairo_t* cr)
{
	bool any_active = false;
	for (int c = 0; c < plot->columns; ++c) {
		any_active |= plot->seen[c] && plot->active[c];
	}
	if (!any_active) {
		return; /* no set ever ran: the gaze is off, not resting */
	}
	cairo_set_source_rgb(cr, 0.93, 0.93, 0.96);
	for (int c = 0; c < plot->columns; ++c) {
		if (plot->seen[c] && !plot->active[c]) {
			cairo_rectangle(cr, MARGIN_LEFT + c, lane_top(0), 1, LANE_HEIGHT);
		}
	}
	cairo_fill(cr);
}

/* Where the voice sounds: a strip in the gap between the lanes. */
static void
draw_voice(const Plot* plot, cairo_t* cr)
{
	bool any = false;
	for (int c = 0; c < plot->columns; ++c) {
		any |= plot->voice[c] != 0;
	}
	if (!any) {
		return;
	}
	const double y = lane_top(0) + LANE_HEIGHT + LANE_GAP / 2 - 6;
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_font_size(cr, 12);
	draw_text(cr, MARGIN_LEFT - 8, y + 10, "voice", 1.0);
	cairo_set_source_rgb(cr, 0.85, 0.45, 0.1);
	for (int c = 0; c < plot->columns; ++c) {
		if (plot->voice[c]) {
			cairo_rectangle(cr, MARGIN_LEFT + c, y, 1, 12);
		}
	}
	cairo_fill(cr);
}

/* One vertical stroke per column from its min to its max; a column with no
 * run ending in it (renders shorter than the plot is wide) repeats the
 * last one. */
static void
draw_ranges(const Plot* plot, cairo_t* cr, int lane, const PlotRange* ranges, double lo, double hi)
{
	cairo_set_line_width(cr, 1.0);
	PlotRange last = {0.0f, 0.0f};
	bool have = false;
	for (int c = 0; c < plot->columns; ++c) {
		if (plot->seen[c]) {
			last = ranges[c];
			have = true;
		}
		if (!have) {
			continue;
		}
		const double x = MARGIN_LEFT + c + 0.5;
		const double y_top = lane_y(lane, last.max, lo, hi);
		const double y_bottom = lane_y(lane, last.min, lo, hi);
		cairo_move_to(cr, x, y_top - 1.0);
		cairo_line_to(cr, x, y_bottom + 1.0);
	}
	cairo_stroke(cr);
}

/* A tick step that gives about eight to fifteen labels. */
static double
tick_step(double seconds)
{
	static const double steps[] = {1,   2,   5,   10,   15,   30,   60,    120,
	                               300, 600, 900, 1800, 3600, 7200, 10800, 21600};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); ++i) {
		if (seconds / steps[i] <= 15.0) {
			return steps[i];
		}
	}
	return 43200.0;
}

static void
draw_time_axis(const Plot* plot, cairo_t* cr)
{
	const double seconds = (double)plot->total_frames / plot->rate;
	const double step = tick_step(seconds);
	const double width = PLOT_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
	const double y = PLOT_HEIGHT - MARGIN_BOTTOM;
	cairo_set_font_size(cr, 12);
	for (double t = 0.0; t <= seconds + 1e-9; t += step) {
		const double x = floor(MARGIN_LEFT + t / seconds * width) + 0.5;
		cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
		cairo_move_to(cr, x, MARGIN_TOP);
		cairo_line_to(cr, x, y);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		cairo_move_to(cr, x, y);
		cairo_line_to(cr, x, y + 6);
		cairo_stroke(cr);
		char label[32];
		duration_format(t, label, sizeof(label));
		draw_text(cr, x, y + 20, label, 0.5);
	}
	draw_text(cr, PLOT_WIDTH - MARGIN_RIGHT, PLOT_HEIGHT - 8, "time (h:mm:ss / m:ss)", 1.0);
}

static void
draw(const Plot* plot, cairo_t* cr)
{
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	draw_rests(plot, cr);
	draw_time_axis(plot, cr);
	draw_lane_frame(cr, 0, "Gaze", "right", "centre", "left");
	draw_lane_frame(cr, 1, "Breath", "full", "", "empty");
	draw_voice(plot, cr);
	cairo_set_source_rgb(cr, 0.15, 0.35, 0.75);
	draw_ranges(plot, cr, 0, plot->gaze, -1.0, 1.0);
	cairo_set_source_rgb(cr, 0.1, 0.55, 0.45);
	draw_ranges(plot, cr, 1, plot->breath, 0.0, 1.0);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_font_size(cr, 18);
	draw_text(cr, MARGIN_LEFT, 30, plot->title, 0.0);
}

static cairo_status_t
write_png(void* closure, const unsigned char* data, unsigned int length)
{
	return fwrite(data, 1, length, (FILE*)closure) == length ? CAIRO_STATUS_SUCCESS
	                                                         : CAIRO_STATUS_WRITE_ERROR;
}

bool
plot_commit(Plot* plot, char* err, size_t err_size)
{
	cairo_surface_t* surface =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, PLOT_WIDTH, PLOT_HEIGHT);
	cairo_t* cr = cairo_create(surface);
	draw(plot, cr);
	cairo_destroy(cr);
	/* cairo and fontconfig keep their fonts until exit; let go of them, so
	 * leak checkers see only real leaks */
	cairo_debug_reset_static_data();
	FcFini();
	FILE* out = fdopen(plot->fd, "wb");
	errno = 0;
	cairo_status_t status =
	    out ? cairo_surface_write_to_png_stream(surface, write_png, out) : CAIRO_STATUS_WRITE_ERROR;
	cairo_surface_destroy(surface);
	if (out) {
		plot->fd = -1;
		if (fclose(out) != 0 && status == CAIRO_STATUS_SUCCESS) {
			status = CAIRO_STATUS_WRITE_ERROR;
		}
	}
	if (status != CAIRO_STATUS_SUCCESS) {
		snprintf(err, err_size, "writing %s failed: %s", plot->file.path,
		         errno ? strerror(errno) : cairo_status_to_string(status));
		plot_abort(plot);
		return false;
	}
	const bool ok = atomic_file_commit(&plot->file, err, err_size);
	plot_abort(plot); /* frees the columns; the file is already in place */
	return ok;
}

void
plot_abort(Plot* plot)
{
	if (plot->fd >= 0) {
		close(plot->fd);
	}
	plot->fd = -1;
	atomic_file_abort(&plot->file);
	free(plot->gaze);
	free(plot->breath);
	free(plot->seen);
	free(plot->active);
	free(plot->voice);
	plot->gaze = plot->breath = NULL;
	plot->seen = plot->active = plot->voice = NULL;
}
