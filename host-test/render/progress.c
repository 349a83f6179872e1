/* SPDX-License-Identifier: ISC */
#include "progress.h"

#include "duration.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 30

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void
progress_start(Progress* progress, const char* label, int64_t total_frames, double rate)
{
	*progress = (Progress){isatty(STDERR_FILENO) == 1, label, total_frames, rate, -1.0};
	progress_update(progress, 0);
}

void
progress_update(Progress* progress, int64_t frames_done)
{
	if (!progress->shown || progress->total <= 0) {
		return;
	}
	const double t = now_s();
	if (t - progress->last_draw < 0.1 && frames_done < progress->total) {
		return;
	}
	progress->last_draw = t;
	const double part = (double)frames_done / (double)progress->total;
	char bar[BAR_WIDTH + 1];
	for (int i = 0; i < BAR_WIDTH; ++i) {
		bar[i] = i < (int)(part * BAR_WIDTH) ? '#' : '-';
	}
	bar[BAR_WIDTH] = '\0';
	char done[32], total[32];
	duration_format((double)frames_done / progress->rate, done, sizeof(done));
	duration_format((double)progress->total / progress->rate, total, sizeof(total));
	fprintf(stderr, "\r%s [%s] %3d%%  %s / %s ", progress->label, bar, (int)(part * 100.0), done,
	        total);
	fflush(stderr);
}

void
progress_finish(Progress* progress)
{
	if (progress->shown) {
		fprintf(stderr, "\r\033[K");
		fflush(stderr);
	}
}
