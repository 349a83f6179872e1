/* SPDX-License-Identifier: ISC */
/* The cost of a video picture (somascape-render --video): the projector
 * drawn and converted to yuv420p, ms of this thread's CPU time per frame
 * (median of 5 runs), redrawing only what changed and, for comparison,
 * the whole picture every time; a 0.5 Hz sweep and a 10 s breath at 30
 * frames a second, breath ring and captions on.
 *   bench_video_frame [WIDTHxHEIGHT] (default 1280x720) */
#include "../tests/common/cpu_time.h"
#include "video_frame.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define FRAMES 900 /* 30 s at 30 fps */
#define RUNS 5

static int
compare(const void* a, const void* b)
{
	const double x = *(const double*)a, y = *(const double*)b;
	return x < y ? -1 : x > y;
}

static void
move(ViewState* s, int n)
{
	const double t = n / 30.0;
	s->gaze_pos = (float)sin(M_PI * t);
	s->gaze_side = cos(M_PI * t) >= 0.0 ? 1 : -1;
	s->breath_level = (float)(0.5 - 0.5 * cos(2.0 * M_PI * t / 10.0));
	s->breath_stage = fmod(t, 10.0) < 5.0 ? VIEW_BREATH_IN : VIEW_BREATH_OUT;
	s->session_s = t;
}

static double
run(int width, int height, bool whole)
{
	VideoFrame frame;
	if (!video_frame_init(&frame, width, height)) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	ViewState s;
	view_state_init(&s);
	s.gaze_mode = 1;
	s.look.breath_ring = true;
	s.look.captions = true;
	double runs[RUNS];
	for (int r = 0; r < RUNS; ++r) {
		const double start = cpu_time_s();
		for (int n = 0; n < FRAMES; ++n) {
			move(&s, n);
			frame.drawn = frame.drawn && !whole;
			video_frame_draw(&frame, &s);
		}
		runs[r] = (cpu_time_s() - start) * 1e3 / FRAMES;
	}
	video_frame_free(&frame);
	qsort(runs, RUNS, sizeof(runs[0]), compare);
	return runs[RUNS / 2];
}

int
main(int argc, char** argv)
{
	int width = 1280, height = 720;
	if (argc > 2 || (argc == 2 && sscanf(argv[1], "%dx%d", &width, &height) != 2) || width < 16 ||
	    height < 16 || width % 2 || height % 2) {
		fprintf(stderr, "usage: bench_video_frame [WIDTHxHEIGHT] (even, e.g. 1280x720)\n");
		return 2;
	}
	printf("%dx%d, ms per frame (CPU, median of %d runs of %d frames)\n", width, height, RUNS,
	       FRAMES);
	printf("  what changed drawn and converted  %.3f\n", run(width, height, false));
	printf("  the whole picture every time      %.3f\n", run(width, height, true));
	return 0;
}
