/* SPDX-License-Identifier: ISC */
/* Through lilv: every control jumps between its extremes at random frames,
 * while every gaze mode plays (soft sine cue, drone, breath chimes), and no
 * jump clicks.
 *
 * The click detector: a click is broadband, so it shows in the second
 * difference of the output (a high-pass, +12 dB per octave), whose energy
 * is measured in windows of 64 frames (1.3 ms at 48 kHz, hop 32).  The
 * steady signal is the same session with the control held at one extreme,
 * then at the other; its loudest window, over both, is the reference.  A
 * render with the jumps passes when its loudest window stays below
 * CLICK_THRESHOLD times that reference: the jumps may change the sound, not
 * add a transient the steady sound never has.  A self-test first adds a
 * step of -40 dBFS to a steady render and checks the detector sees it.
 *
 *   test_clicks [--seed S]   (the jump frames come from S) */
#include "plugin_test.h"
#include "byte_source.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000.0
#define FRAMES 192000u /* 4 s */
#define JUMPS 6u
#define WINDOW 64u
#define HOP 32u
/* the loudest window with jumps may be this many times the steady one's
 * (+7.8 dB): a step of -49 dBFS added to the steady Alternate session
 * reaches it.  The worst measured (seeds 1-8) is 2.40, cue_sound in Sweep.
 * gaze_mode Off <-> Follow, once 8 to 54 times as the tone crossed the
 * head in 10 ms, is 1.00 at most now that the eyes glide between patterns
 * (gaze.h); gaze_per_breath 0 -> 8 in Sweep, once 38.7 as the cycle
 * jumped into line with the breath, is 1.69 at most now that it catches
 * up (gaze_align_cycle); gaze_target in Follow with no glide, once 253 as
 * a splat at a fast-moving delay rippled, is 1.05 at most now that what
 * moves is read from its past (spatial.h). */
#define CLICK_THRESHOLD 6.0
#define FLOOR 1e-12 /* -120 dB: the reference of a silent steady signal */

/* The gaze modes, then Follow once more with no glide: the gaze jumps to
 * each new target, and the sound must still move without a click. */
static const char* const mode_names[] = {"Off",  "Sweep",  "Alternate",
                                         "Hold", "Follow", "Follow, no glide"};
#define MODES 6
#define FOLLOW_NO_GLIDE 5

static void
base_settings(Host* host, int mode)
{
	ControlPort inputs[MAX_CONTROL_PORTS];
	const size_t n = list_controls(host, true, inputs);
	float defaults[MAX_CONTROL_PORTS];
	lilv_plugin_get_port_ranges_float(host_plugin(host), NULL, NULL, defaults);
	for (size_t i = 0; i < n; ++i) {
		/* every input at its default: the Turtle's, by symbol */
		LilvNode* sym = lilv_new_string(host_world(host), inputs[i].symbol);
		const LilvPort* port = lilv_plugin_get_port_by_symbol(host_plugin(host), sym);
		lilv_node_free(sym);
		set_control(host, inputs[i].symbol, defaults[lilv_port_get_index(host_plugin(host), port)]);
	}
	set_control(host, "gaze_mode", mode == FOLLOW_NO_GLIDE ? 4.0f : (float)mode);
	if (mode == FOLLOW_NO_GLIDE) {
		set_control(host, "gaze_glide", 0.0f);
	}
	set_control(host, "fade_in", 0.0f);
	set_control(host, "cue_sound", 0.0f);
	set_control(host, "gaze_rate", 2.0f);
	set_control(host, "gaze_hold", 5.0f);
	set_control(host, "gaze_rest", 1.0f);
	set_control(host, "gaze_target", 1.0f);
	set_control(host, "chime_mode", 1.0f);
	set_control(host, "breath_in", 1.5f);
	set_control(host, "breath_out", 1.5f);
}

/* The session from its start, with `symbol` at values[0] and switching to
 * the next value at each of the frames in jumps[] (n_jumps of them). */
static void
render_session(Host* host, int mode, const char* symbol, const float* values, const uint32_t* jumps,
               uint32_t n_jumps, Stereo* s)
{
	host_deactivate(host);
	base_settings(host, mode);
	set_control(host, symbol, values[0]);
	host_activate(host);
	uint32_t done = 0, next = 0;
	while (done < s->frames) {
		uint32_t n = 256;
		if (next < n_jumps && jumps[next] - done < n) {
			n = jumps[next] - done;
		}
		if (n > s->frames - done) {
			n = (uint32_t)(s->frames - done);
		}
		if (n > 0) {
			host_run(host, s->left + done, s->right + done, n);
			done += n;
		}
		if (next < n_jumps && done == jumps[next]) {
			set_control(host, symbol, values[++next]);
		}
	}
}

/* The loudest window of the second difference, over both channels; *at is
 * its first frame. */
static double
loudest_window(const Stereo* s, size_t* at)
{
	double loudest = 0.0;
	const float* ch[2] = {s->left, s->right};
	for (int c = 0; c < 2; ++c) {
		for (size_t start = 2; start + WINDOW <= s->frames; start += HOP) {
			double e = 0.0;
			for (size_t i = start; i < start + WINDOW; ++i) {
				const double d = (double)ch[c][i] - 2.0 * ch[c][i - 1] + ch[c][i - 2];
				e += d * d;
			}
			e /= WINDOW;
			if (e > loudest) {
				loudest = e;
				*at = start;
			}
		}
	}
	return loudest;
}

int
main(int argc, char** argv)
{
	uint64_t seed = 1;
	if (argc == 3 && !strcmp(argv[1], "--seed")) {
		seed = strtoull(argv[2], NULL, 10);
	}
	Host* host = open_plugin(RATE);
	ControlPort inputs[MAX_CONTROL_PORTS];
	const size_t n_inputs = list_controls(host, true, inputs);
	Stereo steady = stereo_new(FRAMES), jumped = stereo_new(FRAMES);
	size_t at = 0;

	/* the detector sees a step of -40 dBFS in a steady Alternate render */
	{
		const float values[1] = {2.0f};
		render_session(host, 2, "gaze_mode", values, NULL, 0, &steady);
		const double reference = loudest_window(&steady, &at);
		for (size_t i = FRAMES / 2; i < FRAMES; ++i) {
			steady.left[i] += 0.01f;
		}
		const double with_step = loudest_window(&steady, &at);
		printf("self-test: a -40 dBFS step gives %.1f times the steady loudest window\n",
		       with_step / reference);
		CHECK(with_step > CLICK_THRESHOLD * reference,
		      "the detector misses a -40 dBFS step (%.2f times)", with_step / reference);
	}

	ByteSource src = byte_source_seeded(seed);
	double worst = 0.0;
	const char* worst_symbol = "";
	int worst_mode = 0;
	int failures = 0;
	for (int mode = 0; mode < MODES; ++mode) {
		double worst_here = 0.0;
		const char* worst_here_symbol = "";
		for (size_t c = 0; c < n_inputs; ++c) {
			const char* symbol = inputs[c].symbol;
			const float lo = inputs[c].min, hi = inputs[c].max;
			const float only_lo[1] = {lo}, only_hi[1] = {hi};
			render_session(host, mode, symbol, only_lo, NULL, 0, &steady);
			double reference = loudest_window(&steady, &at);
			render_session(host, mode, symbol, only_hi, NULL, 0, &steady);
			reference = fmax(reference, loudest_window(&steady, &at));

			uint32_t jumps[JUMPS];
			float values[JUMPS + 1];
			for (uint32_t j = 0; j < JUMPS; ++j) {
				jumps[j] = (uint32_t)(RATE / 2) + src_below(&src, FRAMES - (uint32_t)RATE / 2);
			}
			for (uint32_t j = 1; j < JUMPS; ++j) { /* in order */
				for (uint32_t k = j; k > 0 && jumps[k - 1] > jumps[k]; --k) {
					const uint32_t x = jumps[k];
					jumps[k] = jumps[k - 1];
					jumps[k - 1] = x;
				}
			}
			for (uint32_t j = 0; j <= JUMPS; ++j) {
				values[j] = (j & 1) ? hi : lo;
			}
			render_session(host, mode, symbol, values, jumps, JUMPS, &jumped);
			const float peak = stereo_peak(&jumped);
			CHECK(peak >= 0.0f && peak <= 1.0f, "%s, %s: peak %g", mode_names[mode], symbol, peak);
			const double ratio = loudest_window(&jumped, &at) / fmax(reference, FLOOR);
			if (ratio > worst_here) {
				worst_here = ratio;
				worst_here_symbol = symbol;
			}
			if (ratio > worst) {
				worst = ratio;
				worst_symbol = symbol;
				worst_mode = mode;
			}
			if (!(ratio < CLICK_THRESHOLD)) {
				++failures;
				fprintf(stderr,
				        "click: %s mode, %s jumping %g <-> %g: loudest window at frame %zu "
				        "is %.2f times the steady one (threshold %.1f); jumps at",
				        mode_names[mode], symbol, lo, hi, at, ratio, CLICK_THRESHOLD);
				for (uint32_t j = 0; j < JUMPS; ++j) {
					fprintf(stderr, " %u", jumps[j]);
				}
				fprintf(stderr, "\n");
			}
		}
		printf("%-16s: %zu controls jumping between extremes 6 times each; worst %.2f (%s)\n",
		       mode_names[mode], n_inputs, worst_here, worst_here_symbol);
	}
	printf("worst of all: %.2f times the steady loudest window (%s, %s); threshold %.1f\n", worst,
	       worst_symbol, mode_names[worst_mode], CLICK_THRESHOLD);
	CHECK(failures == 0, "%d clicks (replay: test_clicks --seed %llu)", failures,
	      (unsigned long long)seed);
	stereo_free(&steady);
	stereo_free(&jumped);
	host_free(host);
	return 0;
}
