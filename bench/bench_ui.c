/* SPDX-License-Identifier: ISC */
/* The plugin's window at 60 frames a second: its share of one core in
 * steady state.  The plugin runs in real time beside it (its outputs and
 * motion snapshots passed on at 30 Hz, as jalv does); only what the window
 * does is timed: this thread's CPU time inside idle() and port_event().
 * With --server-pid, the X server's CPU time over the same span is given
 * too (it copies each frame to the screen).  Run by hand under an X server:
 *   bench/ui_cpu.sh build            (starts Xvfb, runs the cases below)
 *   bench_ui [--seconds S] [--scale F] [--projector] [--server-pid PID] */
#include "host.h"
#include "ui_host.h"
#include "controls_bar.h"
#include "view.h"

#include <X11/Xlib.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PLUGIN_URI "https://somascape.dev/lv2/somascape"
#define RATE 48000.0
#define FPS 60.0
#define UPDATE_S (1.0 / 30.0)
#define BLOCK 256

static double
clock_s(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* CPU seconds a process has used (utime + stime), or -1. */
static double
process_cpu_s(long pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	FILE* f = fopen(path, "r");
	if (!f) {
		return -1.0;
	}
	char buf[1024];
	const size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char* p = strrchr(buf, ')'); /* the name may hold spaces */
	unsigned long utime = 0, stime = 0;
	if (!p ||
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) {
		return -1.0;
	}
	return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

int
main(int argc, char** argv)
{
	double seconds = 20.0;
	float scale = 1.0f;
	bool projector = false;
	long server_pid = 0;
	for (int i = 1; i < argc; ++i) {
		if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
			seconds = atof(argv[++i]);
		} else if (!strcmp(argv[i], "--scale") && i + 1 < argc) {
			scale = (float)atof(argv[++i]);
		} else if (!strcmp(argv[i], "--projector")) {
			projector = true;
		} else if (!strcmp(argv[i], "--server-pid") && i + 1 < argc) {
			server_pid = atol(argv[++i]);
		} else {
			fprintf(stderr,
			        "usage: %s [--seconds S] [--scale F] [--projector] [--server-pid PID]\n",
			        argv[0]);
			return 2;
		}
	}
	if (!(seconds > 0.0) || !(scale >= 0.5f && scale <= 4.0f)) {
		fprintf(stderr, "bench_ui: --seconds must be positive and --scale 0.5 to 4\n");
		return 2;
	}
	Display* dpy = XOpenDisplay(NULL);
	if (!dpy) {
		fprintf(stderr, "bench_ui: no X display (bench/ui_cpu.sh starts one)\n");
		return 1;
	}
	char err[256];
	Host* host = host_new(PLUGIN_URI, RATE, err, sizeof(err));
	if (!host) {
		fprintf(stderr, "bench_ui: %s\n", err);
		return 1;
	}
	host_set(host, "gaze_mode", 1.0f); /* Sweep: the target always moves */
	host_set(host, "fade_in", 0.0f);
	host_activate(host);
	const int width = (int)lround(640 * scale), height = (int)lround(400 * scale);
	UiHost* ui = ui_host_new(host, dpy, width, height, scale, err, sizeof(err));
	if (!ui) {
		fprintf(stderr, "bench_ui: %s\n", err);
		return 1;
	}
	ui_host_send_controls(ui, host);
	ui_host_apply_writes(ui, host);
	if (projector) {
		ViewLook look;
		view_look_defaults(&look);
		const ViewLayout l = view_window_layout(640, 400, &look);
		double x, y;
		bar_button_centre(&l.controls, BAR_PROJECTOR, 0, &x, &y);
		ui_host_press(ui, (int)lround(x * scale), (int)lround(y * scale));
		ui_host_release(ui, (int)lround(x * scale), (int)lround(y * scale));
	}

	float left[BLOCK], right[BLOCK];
	const int warm_up = (int)FPS; /* a second before timing */
	const int frames = warm_up + (int)(seconds * FPS);
	const double t0 = clock_s(CLOCK_MONOTONIC);
	double ui_cpu = 0.0, wall_from = 0.0, server_from = 0.0, next_update = t0;
	int64_t rendered = 0;
	for (int k = 0; k < frames; ++k) {
		if (k == warm_up) {
			ui_cpu = 0.0;
			wall_from = clock_s(CLOCK_MONOTONIC);
			server_from = server_pid ? process_cpu_s(server_pid) : 0.0;
		}
		const double tick = t0 + k / FPS;
		double wait = tick - clock_s(CLOCK_MONOTONIC);
		if (wait > 0.0) {
			struct timespec ts = {(time_t)wait, (long)((wait - floor(wait)) * 1e9)};
			nanosleep(&ts, NULL);
		}
		const double now = clock_s(CLOCK_MONOTONIC);
		const bool update = now >= next_update;
		if (update) {
			next_update += UPDATE_S;
		}
		/* the plugin, as an audio thread would have run it by now */
		while (rendered < (int64_t)((now - t0) * RATE)) {
			host_run(host, left, right, BLOCK);
			rendered += BLOCK;
			const double c0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
			ui_host_send_notify(ui, host);
			ui_cpu += clock_s(CLOCK_THREAD_CPUTIME_ID) - c0;
		}
		const double c0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
		if (update) {
			ui_host_send_outputs(ui, host);
		}
		ui_host_idle(ui);
		ui_cpu += clock_s(CLOCK_THREAD_CPUTIME_ID) - c0;
	}
	const double wall = clock_s(CLOCK_MONOTONIC) - wall_from;
	printf("window %dx%d (scale %.1f)%s, %.0f s at %.0f fps: the window %.2f %% of a core "
	       "(%.2f ms a frame)",
	       width, height, (double)scale, projector ? " with the projector" : "", wall, FPS,
	       100.0 * ui_cpu / wall, 1e3 * ui_cpu / (frames - warm_up));
	if (server_pid) {
		const double server = process_cpu_s(server_pid) - server_from;
		printf("; the X server %.2f %%", 100.0 * server / wall);
	}
	printf("\n");
	ui_host_free(ui);
	host_free(host);
	XCloseDisplay(dpy);
	return 0;
}
