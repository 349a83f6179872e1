/* SPDX-License-Identifier: ISC */
/* The cost of the drawing module's pictures: ms of this thread's CPU time
 * per frame (median of 5 runs) for the projector at 1920x1080 in its
 * looks, the plugin window and the strip, with the gaze and the breath
 * moving as at 60 frames a second.
 *   bench_view [--frames N] [--png DIR]  (DIR: one picture of each) */
#include "../tests/common/cpu_time.h"
#include "view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*DrawFn)(cairo_t*, double, double, const ViewState*);

typedef struct {
	const char* name;
	DrawFn draw;
	int w, h;
	ViewShape shape;
	bool ring, captions;
} Case;

static int
compare(const void* a, const void* b)
{
	const double x = *(const double*)a, y = *(const double*)b;
	return x < y ? -1 : x > y;
}

/* The session at frame n of 60 a second: a 1 Hz sweep, a 10 s breath. */
static void
move(ViewState* s, int n)
{
	const double t = n / 60.0;
	s->gaze_pos = (float)sin(2.0 * M_PI * t);
	s->gaze_side = s->gaze_pos >= 0.0f ? 1 : -1;
	s->breath_level = (float)(0.5 - 0.5 * cos(2.0 * M_PI * t / 10.0));
	s->breath_stage = fmod(t, 10.0) < 5.0 ? VIEW_BREATH_IN : VIEW_BREATH_OUT;
	s->breath_left_s = (float)(5.0 - fmod(t, 5.0));
	s->breath_bpm = 6.0f;
	s->passes = (uint32_t)(2.0 * t);
	s->session_s = t;
}

static double
run(const Case* c, int frames, const char* png_dir)
{
	cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, c->w, c->h);
	cairo_t* cr = cairo_create(surface);
	ViewState s;
	view_state_init(&s);
	s.gaze_mode = 1;
	s.set_number = 1;
	s.look.shape = c->shape;
	s.look.breath_ring = c->ring;
	s.look.captions = c->captions;
	double runs[5];
	for (int r = 0; r < 5; ++r) {
		const double start = cpu_time_s();
		for (int n = 0; n < frames; ++n) {
			move(&s, n);
			c->draw(cr, c->w, c->h, &s);
			cairo_surface_flush(surface);
		}
		runs[r] = (cpu_time_s() - start) * 1e3 / frames;
	}
	if (png_dir) {
		char path[512];
		move(&s, 40);
		c->draw(cr, c->w, c->h, &s);
		snprintf(path, sizeof(path), "%s/%s.png", png_dir, c->name);
		cairo_surface_write_to_png(surface, path);
	}
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	qsort(runs, 5, sizeof(runs[0]), compare);
	return runs[2];
}

int
main(int argc, char** argv)
{
	int frames = 300;
	const char* png_dir = NULL;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--frames")) {
			frames = atoi(argv[i + 1]);
		} else if (!strcmp(argv[i], "--png")) {
			png_dir = argv[i + 1];
		} else {
			fprintf(stderr, "usage: bench_view [--frames N] [--png DIR]\n");
			return 2;
		}
	}
	if (frames < 1 || (argc - 1) % 2) {
		fprintf(stderr, "usage: bench_view [--frames N] [--png DIR]\n");
		return 2;
	}
	static const Case cases[] = {
	    {"projector_dot", view_draw_projector, 1920, 1080, VIEW_SHAPE_DOT, false, false},
	    {"projector_ring_captions", view_draw_projector, 1920, 1080, VIEW_SHAPE_DOT, true, true},
	    {"projector_glow", view_draw_projector, 1920, 1080, VIEW_SHAPE_GLOW, true, false},
	    {"projector_bar", view_draw_projector, 1920, 1080, VIEW_SHAPE_BAR, true, false},
	    {"video_720p", view_draw_projector, 1280, 720, VIEW_SHAPE_DOT, true, true},
	    {"window", view_draw_window, 800, 500, VIEW_SHAPE_DOT, true, false},
	    {"window_hidpi", view_draw_window, 1600, 1000, VIEW_SHAPE_DOT, true, false},
	    {"window_small", view_draw_window, 360, 240, VIEW_SHAPE_DOT, true, false},
	    {"strip", view_draw_strip, 200, 80, VIEW_SHAPE_DOT, true, false},
	    {"strip_large", view_draw_strip, 600, 240, VIEW_SHAPE_DOT, true, false},
	};
	printf("%-26s %s\n", "picture", "ms per frame (CPU, median of 5 runs)");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i) {
		const Case* c = &cases[i];
		printf("%-26s %.3f  (%dx%d)\n", c->name, run(c, frames, png_dir), c->w, c->h);
	}
	return 0;
}
