/* SPDX-License-Identifier: ISC */
/* Through lilv: what the randomised host and the fuzz targets found, each
 * kept as a small case that failed before its fix.  Every case runs under
 * an alarm, so a hang fails the test instead of stalling it. */
#include "plugin_test.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char* current = "";

static void
on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "run() did not return within 10 s: ";
	ssize_t w = write(2, msg, sizeof(msg) - 1);
	w = write(2, current, strlen(current));
	w = write(2, "\n", 1);
	(void)w;
	_exit(1);
}

/* Renders 2 s in blocks of 628 frames and checks the output. */
static void
play(Host* host, const char* what)
{
	current = what;
	alarm(10);
	Stereo s = stereo_new(96000);
	render(host, &s, 628);
	const float peak = stereo_peak(&s);
	CHECK(peak >= 0.0f && peak <= 1.0f, "%s: peak %g", what, peak);
	stereo_free(&s);
	alarm(0);
	printf("ok: %s\n", what);
}

int
main(void)
{
	signal(SIGALRM, on_alarm);

	/* Random host, seed 3: a set shorter than half a frame with no rest
	 * between sets made the set end and start again at the same frame,
	 * for ever (run() never returned). */
	const float short_sets[] = {1e-40f, 1e-6f, 5e-6f};
	for (size_t i = 0; i < sizeof(short_sets) / sizeof(short_sets[0]); ++i) {
		for (int mode = 1; mode <= 3; ++mode) {
			Host* host = open_plugin(48000.0);
			set_control(host, "gaze_mode", (float)mode);
			set_control(host, "set_length", short_sets[i]);
			set_control(host, "set_rest", 0.0f);
			char what[128];
			snprintf(what, sizeof(what), "gaze_mode %d, set_length %g s, set_rest 0", mode,
			         short_sets[i]);
			play(host, what);
			host_free(host);
		}
	}
	return 0;
}
