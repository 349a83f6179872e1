/* SPDX-License-Identifier: ISC */
/* Through lilv: a 30 s session gives the same samples (within 1e-6)
 * whatever the host's block size: one with control changes at odd frames,
 * the heaviest setting of bench_plugin (strikes ringing together in a
 * bank, moving with a fast gaze, over the busiest drone and chimes), and a
 * session that ends, with its end chime, between blocks. */
#include "plugin_test.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define RATE 48000.0
#define FRAMES ((size_t)(RATE * 30))

typedef struct {
	size_t frame;
	const char* symbol;
	float value;
} Change;

/* Odd frames, every layer and kind of control. */
/* clang-format off */
static const Change changes[] = {
    {48000 * 3 + 13, "cue_pitch", 523.0f},  {48000 * 3 + 13, "gaze_rate", 1.7f},
    {48000 * 5 + 1, "cue_sound", 2.0f},     {48000 * 7 + 77, "gaze_mode", 1.0f},
    {48000 * 9 + 999, "gaze_space", 1.0f},  {48000 * 11 + 3, "cue_sound", 0.0f},
    {48000 * 13 + 7, "gaze_width", 40.0f},  {48000 * 15 + 5, "gaze_mode", 3.0f},
    {48000 * 15 + 5, "gaze_hold", 5.0f},    {48000 * 15 + 5, "gaze_rest", 2.0f},
    {48000 * 17 + 11, "level", -6.0f},      {48000 * 19 + 17, "gaze_mode", 4.0f},
    {48000 * 19 + 17, "gaze_target", -0.8f}, {48000 * 21 + 23, "gaze_vary", 25.0f},
    {48000 * 21 + 23, "gaze_mode", 2.0f},   {48000 * 23 + 29, "set_length", 3.0f},
    {48000 * 23 + 29, "set_rest", 1.5f},    {48000 * 25 + 31, "cue_level", -3.0f},
    {48000 * 27 + 37, "drone_root", 80.0f}, {48000 * 27 + 37, "breath_in", 2.5f},
};
/* clang-format on */

typedef struct {
	const char* symbol;
	float value;
} Setting;

/* A session: its settings at the start, and whether the changes follow. */
typedef struct {
	const char* name;
	const Setting settings[16];
	bool changes;
} Session;

/* clang-format off */
static const Session sessions[] = {
    {"changes at odd frames", {{"gaze_vary", 10.0f}, {"fade_in", 1.0f}, {NULL, 0.0f}}, true},
    /* bench_plugin's "heaviest": Sweep 3 Hz with 3 s Bell cues, the
     * brightest Choir, chimes on 0.5 s breaths */
    {"heaviest",
     {{"gaze_mode", 1.0f}, {"gaze_rate", 3.0f}, {"cue_sound", 1.0f}, {"cue_decay", 3.0f},
      {"gaze_vary", 30.0f}, {"drone_voicing", 3.0f}, {"drone_timbre", 3.0f},
      {"drone_bright", 100.0f}, {"breath_bright", 100.0f}, {"chime_mode", 1.0f},
      {"breath_in", 0.5f}, {"breath_out", 0.5f}, {NULL, 0.0f}},
     false},
    /* the session ends (and the end chime is struck) mid-block and
     * mid-grid step, 15.006 s in */
    {"the end chime", {{"session_len", 0.2501f}, {"fade_out", 5.0f}, {NULL, 0.0f}}, false},
};
/* clang-format on */

static Stereo
render_with(const Session* session, uint32_t block)
{
	Host* host = open_plugin(RATE);
	for (const Setting* s = session->settings; s->symbol; ++s) {
		set_control(host, s->symbol, s->value);
	}
	Stereo s = stereo_new(FRAMES);
	size_t done = 0;
	const size_t n_changes = session->changes ? sizeof(changes) / sizeof(changes[0]) : 0;
	for (size_t c = 0; c <= n_changes; ++c) {
		const size_t until = c < n_changes ? changes[c].frame : FRAMES;
		host_render(host, s.left + done, s.right + done, until - done, block);
		done = until;
		if (c < n_changes) {
			set_control(host, changes[c].symbol, changes[c].value);
		}
	}
	host_free(host);
	return s;
}

/* The largest difference between a and b, and where. */
static double
largest_difference(const Stereo* a, const Stereo* b, size_t* at)
{
	double worst = 0.0;
	*at = 0;
	for (size_t i = 0; i < FRAMES; ++i) {
		const double d =
		    fmax(fabs((double)a->left[i] - b->left[i]), fabs((double)a->right[i] - b->right[i]));
		if (d > worst) {
			worst = d;
			*at = i;
		}
	}
	return worst;
}

int
main(void)
{
	const uint32_t blocks[] = {1, 7, 37, 64, 4096, 8192};
	for (size_t k = 0; k < sizeof(sessions) / sizeof(sessions[0]); ++k) {
		const Session* session = &sessions[k];
		Stereo reference = render_with(session, 256);
		CHECK(stereo_peak(&reference) > 0.01f, "%s: the reference is silent", session->name);
		for (size_t b = 0; b < sizeof(blocks) / sizeof(blocks[0]); ++b) {
			Stereo s = render_with(session, blocks[b]);
			size_t at;
			const double worst = largest_difference(&s, &reference, &at);
			printf("%s, block %4u: largest difference from block 256: %.3g (frame %zu)\n",
			       session->name, blocks[b], worst, at);
			CHECK(worst <= 1e-6, "%s: block %u differs by %g at frame %zu", session->name,
			      blocks[b], worst, at);
			stereo_free(&s);
		}
		stereo_free(&reference);
	}
	return 0;
}
