/* SPDX-License-Identifier: ISC */
/* Checks of somascape-render's videos, measured from the decoded file:
 *   track VIDEO FPS SECONDS [SYMBOL=VALUE...]
 *     decodes every picture (ffmpeg, to grey) and finds the target (the
 *     centroid of its bright pixels); runs the same session through the
 *     plugin up to each frame time and checks that the target is where the
 *     session's gaze_pos puts it (worst error <= 1 % of the width); finds
 *     the first picture with the target at the right end after the left
 *     end, and the onset of the first right tap after a left one in the
 *     decoded audio (speakers mode: the right channel alone), and checks
 *     they are within one frame; and checks the
 *     audio and the pictures last as long (within one frame).
 * Prints what it measured; exit 0 when every check holds, 1 when one does
 * not, 2 on bad arguments. */
#undef NDEBUG

#include "host.h"
#include "ports.h"
#include "view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000
#define MAX_PICTURES 4000
#define BRIGHT 128     /* grey level between the target's and the breath ring's */
#define MAX_ERROR 0.01 /* of the width */
#define ONSET_PART 0.1 /* of the right channel's peak */
#define TURN_PX 0.05   /* a move further out, in pixels */

typedef struct {
	int width, height, fps;
	double seconds;
	int n_settings;
	char** settings;
	ViewLook look; /* the Display controls among the settings */
} Session;

/* Where the projector draws the target's centre for a gaze position. */
static double
target_at(const Session* s, float gaze_pos)
{
	const ViewLayout l = view_projector_layout(s->width, s->height, &s->look);
	return view_target_x(&l, gaze_pos);
}

static FILE*
decode(const char* video, const char* what)
{
	char command[4096];
	snprintf(command, sizeof(command), "ffmpeg -nostdin -v error -i '%s' %s -", video, what);
	FILE* pipe = popen(command, "r");
	if (!pipe) {
		fprintf(stderr, "probe: cannot run ffmpeg\n");
		exit(1);
	}
	return pipe;
}

static void
video_size(const char* video, int* width, int* height)
{
	char command[4096];
	snprintf(command, sizeof(command),
	         "ffprobe -v error -select_streams v:0 -show_entries stream=width,height "
	         "-of csv=p=0:s=x '%s'",
	         video);
	FILE* pipe = popen(command, "r");
	if (!pipe || fscanf(pipe, "%dx%d", width, height) != 2) {
		fprintf(stderr, "probe: no video stream in %s\n", video);
		exit(1);
	}
	pclose(pipe);
}

/* The session's gaze_pos at every frame time, from the plugin. */
static int
session_gaze(Session* s, float* gaze, int n_max)
{
	char err[512];
	Host* host = host_new(SOMASCAPE_URI, RATE, err, sizeof(err));
	if (!host) {
		fprintf(stderr, "probe: %s\n", err);
		exit(1);
	}
	for (int i = 0; i < s->n_settings; ++i) {
		char* eq = strchr(s->settings[i], '=');
		*eq = '\0';
		const float value = strtof(eq + 1, NULL);
		view_look_set(&s->look, s->settings[i], value);
		if (!host_set(host, s->settings[i], value)) {
			fprintf(stderr, "probe: no control %s\n", s->settings[i]);
			exit(2);
		}
		*eq = '=';
	}
	static float left[HOST_MAX_BLOCK], right[HOST_MAX_BLOCK];
	host_activate(host);
	const float* pos = host_control(host, "gaze_pos");
	const int64_t total = llround(s->seconds * RATE);
	int64_t done = 0;
	int n = 0;
	for (; n < n_max; ++n) {
		/* the picture at a frame time shows the outputs after that frame */
		const int64_t at = llround((double)n * RATE / s->fps) + 1;
		if (at > total) {
			break;
		}
		while (done < at) {
			const int64_t step = at - done < 256 ? at - done : 256;
			host_run(host, left, right, (uint32_t)step);
			done += step;
		}
		gaze[n] = *pos;
	}
	host_deactivate(host);
	host_free(host);
	return n;
}

/* The centroid of the bright pixels' columns; -1 when there are none. */
static double
target_x(const unsigned char* grey, int width, int height)
{
	double sum = 0.0, count = 0.0;
	for (int y = 0; y < height; ++y) {
		for (int x = 0; x < width; ++x) {
			const double v = grey[(size_t)y * (size_t)width + (size_t)x];
			if (v > BRIGHT) {
				sum += v * x;
				count += v;
			}
		}
	}
	return count > 0.0 ? sum / count : -1.0;
}

/* The first sample of the first sound on the right alone after one on
 * the left alone (the first move to the right, not where the session
 * starts), and the number of frames. */
static double
right_onset(const char* video, long* frames)
{
	FILE* pipe = decode(video, "-f f32le -ac 2 -ar 48000");
	float* samples = NULL;
	size_t n = 0, cap = 0;
	float chunk[2 * 4096];
	size_t got;
	while ((got = fread(chunk, 2 * sizeof(float), 4096, pipe)) > 0) {
		if (n + got > cap) {
			cap = 2 * (n + got);
			samples = (float*)realloc(samples, cap * 2 * sizeof(float));
		}
		memcpy(samples + 2 * n, chunk, got * 2 * sizeof(float));
		n += got;
	}
	pclose(pipe);
	*frames = (long)n;
	float peak = 0.0f;
	for (size_t i = 0; i < n; ++i) {
		peak = fmaxf(peak, fabsf(samples[2 * i + 1]));
	}
	double onset = -1.0;
	bool was_left = false;
	for (size_t i = 0; i < n && onset < 0.0 && peak > 0.0f; ++i) {
		const float l = fabsf(samples[2 * i]), r = fabsf(samples[2 * i + 1]);
		was_left = was_left || (l >= ONSET_PART * peak && r < 0.25f * l);
		if (was_left && r >= ONSET_PART * peak && l < 0.25f * r) {
			onset = (double)i / RATE;
		}
	}
	free(samples);
	return onset;
}

static int
track(const char* video, Session* s)
{
	static float gaze[MAX_PICTURES];
	video_size(video, &s->width, &s->height);
	const int expected = session_gaze(s, gaze, MAX_PICTURES);
	const size_t size = (size_t)s->width * (size_t)s->height;
	unsigned char* grey = (unsigned char*)malloc(size);
	FILE* pipe = decode(video, "-f rawvideo -pix_fmt gray");
	const double right_end = target_at(s, 1.0f);
	const double left_end = target_at(s, -1.0f);
	const double near = 0.005 * s->width;
	bool was_left = false;
	double right_x = 0.0;
	double worst = 0.0;
	int worst_at = -1, pictures = 0, right_at = -1, missing = 0;
	while (fread(grey, 1, size, pipe) == size) {
		const double x = target_x(grey, s->width, s->height);
		if (x < 0.0 || pictures >= expected) {
			++missing;
		} else {
			const double want = target_at(s, gaze[pictures]);
			const double error = fabs(x - want) / s->width;
			if (error > worst) {
				worst = error;
				worst_at = pictures;
			}
			was_left = was_left || x <= left_end + near;
			if (was_left && right_at < 0 && x >= right_end - near) {
				right_at = pictures;
				right_x = x;
			} else if (right_at >= 0 && right_at == pictures - 1 && x > right_x + TURN_PX) {
				/* still gliding out (Sweep): it reaches the end at the turn */
				right_at = pictures;
				right_x = x;
			}
		}
		++pictures;
	}
	pclose(pipe);
	free(grey);
	long audio_frames = 0;
	const double onset = right_onset(video, &audio_frames);
	const double frame_s = 1.0 / s->fps;
	const double offset = right_at >= 0 && onset >= 0.0 ? right_at * frame_s - onset : NAN;
	const double length_gap = (double)pictures * frame_s - (double)audio_frames / RATE;
	printf("%d pictures (%d expected), %ld audio frames; worst target error %.3f %% of the "
	       "width (picture %d); target at the right from picture %d (%.4f s), right tap onset "
	       "%.4f s: A/V offset %+.1f ms; video minus audio length %+.1f ms\n",
	       pictures, expected, audio_frames, 100.0 * worst, worst_at, right_at, right_at * frame_s,
	       onset, 1000.0 * offset, 1000.0 * length_gap);
	bool ok = true;
	if (pictures != expected || missing) {
		printf("FAIL: %d pictures of %d, %d without a target\n", pictures, expected, missing);
		ok = false;
	}
	if (worst > MAX_ERROR) {
		printf("FAIL: target error above %.0f %%\n", 100.0 * MAX_ERROR);
		ok = false;
	}
	if (!(fabs(offset) <= frame_s)) {
		printf("FAIL: the target reaches the right more than a frame from the tap\n");
		ok = false;
	}
	if (!(fabs(length_gap) <= frame_s)) {
		printf("FAIL: audio and video lengths differ by more than a frame\n");
		ok = false;
	}
	return ok ? 0 : 1;
}

int
main(int argc, char** argv)
{
	if (argc >= 5 && strcmp(argv[1], "track") == 0) {
		Session s = {0, 0, atoi(argv[3]), atof(argv[4]), argc - 5, argv + 5, {0}};
		view_look_defaults(&s.look);
		return track(argv[2], &s);
	}
	fprintf(stderr, "usage: test_video_probe track VIDEO FPS SECONDS [SYMBOL=VALUE...]\n");
	return 2;
}
