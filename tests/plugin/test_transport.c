/* SPDX-License-Identifier: ISC */
/* Host time through lilv: tempo sync locked to the bars, sessions that
 * start mid-way sounding exactly like sessions played up to there, stops
 * and relocations without clicks. */
#include "host_events.h"
#include "plugin_test.h"

#include <math.h>
#include <string.h>

#define RATE 48000.0
#define BLOCK 256u

enum { CLOCK_AUTO, CLOCK_TRANSPORT, CLOCK_FREE };

static Host*
open_with_clock(int clock)
{
	Host* host = open_plugin(RATE);
	set_control(host, "clock", (float)clock);
	return host;
}

/* Renders [start, start + n) of the session into s (from offset `into`),
 * one block at a time, collecting MIDI out. */
static uint32_t
render_span(Host* host, Stereo* s, size_t into, int64_t start, size_t n, MidiSeen* seen,
            uint32_t count, uint32_t max)
{
	for (size_t done = 0; done < n;) {
		const uint32_t k = n - done < BLOCK ? (uint32_t)(n - done) : BLOCK;
		host_run(host, s->left + into + done, s->right + into + done, k);
		if (seen) {
			count = read_midi_out(host, start + (int64_t)done, seen, count, max);
		}
		done += k;
	}
	return count;
}

/* Tap note-ons only. */
static uint32_t
note_ons(const MidiSeen* seen, uint32_t count, int64_t* frames)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < count; ++i) {
		if ((seen[i].status & 0xF0) == 0x90) {
			frames[n++] = seen[i].frame;
		}
	}
	return n;
}

/* Synced at 120 bpm, 2 beats a cycle: a tap every half second on the
 * frame; at 90 bpm from a frame mid-cycle, the phase carries on and the
 * taps come every 2/3 s from there. */
static void
test_tempo_sync(void)
{
	Host* host = open_with_clock(CLOCK_TRANSPORT);
	set_control(host, "gaze_mode", 2);
	set_control(host, "gaze_sync", 1);
	set_control(host, "gaze_beats", 2);
	set_control(host, "gaze_rate", 0.37f); /* ignored while synced */
	const size_t total = (size_t)(20 * RATE);
	const int64_t change = (int64_t)(8.3 * RATE); /* 0.3 of a cycle after a tap */
	Stereo s = stereo_new(total);
	static MidiSeen seen[512];
	uint32_t count = 0;
	send_position(host, 0, &(TestPosition){0, 1.0f, 120.0, 0.0});
	count = render_span(host, &s, 0, 0, (size_t)change, seen, count, 512);
	const double beats = (double)change / RATE * 2.0; /* at 120 bpm */
	send_position(host, 0, &(TestPosition){change, 1.0f, 90.0, beats});
	count = render_span(host, &s, (size_t)change, change, total - (size_t)change, seen, count, 512);
	int64_t taps[256];
	const uint32_t n = note_ons(seen, count, taps);
	double worst = 0.0;
	uint32_t before = 0, after = 0;
	for (uint32_t i = 0; i < n; ++i) {
		double expect;
		if (taps[i] < change) {
			expect = (double)i * 0.5 * RATE; /* 1.0 Hz: every half cycle */
			++before;
		} else {
			/* at the change the phase is 8.3 cycles: the next half cycle,
			 * 8.5, is 0.2 cycles on at 0.75 cycles per second */
			const double first = (double)change + 0.2 / 0.75 * RATE;
			expect = first + (double)after * 0.5 / 0.75 * RATE;
			++after;
		}
		worst = fmax(worst, fabs((double)taps[i] - expect));
	}
	printf("tempo sync: %u taps at 120 bpm, %u at 90 bpm; largest error %.0f frames\n", before,
	       after, worst);
	CHECK(before == 17 && after >= 17, "taps %u before, %u after", before, after);
	CHECK(worst <= 1.0, "a tap %.0f frames off the beat grid", worst);

	stereo_free(&s);
	host_free(host);
}

/* A jump to a bar position locks the phase to it: at beat 1.5 of bar 2
 * (5.5 beats, 2.75 cycles at 2 beats a cycle) the next cycle, and its tap
 * on the right, is a quarter cycle (0.25 s at 120 bpm) on. */
static void
test_bar_lock(void)
{
	Host* host = open_with_clock(CLOCK_TRANSPORT);
	set_control(host, "gaze_mode", 2);
	set_control(host, "gaze_sync", 1);
	set_control(host, "gaze_beats", 2);
	Stereo s = stereo_new((size_t)(3 * RATE));
	static MidiSeen seen[64];
	send_position(host, 0, &(TestPosition){0, 1.0f, 120.0, 0.0});
	render_span(host, &s, 0, 0, (size_t)RATE, NULL, 0, 0);
	const int64_t jump = (int64_t)(77.7 * RATE);
	send_position(host, 0, &(TestPosition){jump, 1.0f, 120.0, 5.5});
	const uint32_t count = render_span(host, &s, 0, jump, (size_t)RATE, seen, 0, 64);
	int64_t taps[64];
	const uint32_t n = note_ons(seen, count, taps);
	CHECK(n >= 2, "%u taps after the jump", n);
	printf("bar lock: after a jump to beat 5.5 the taps are %lld and %lld frames on\n",
	       (long long)(taps[0] - jump), (long long)(taps[1] - jump));
	CHECK(taps[0] - jump == 12000 && taps[1] - jump == 36000,
	      "taps %lld and %lld frames after the jump, want 12000 and 36000",
	      (long long)(taps[0] - jump), (long long)(taps[1] - jump));
	stereo_free(&s);
	host_free(host);
}

/* The determinism of a session started mid-way. */
typedef struct {
	const char* name;
	const char* symbols[8];
	float values[8];
	double at_s;
} Scene;

static double
render_from_zero_vs_at(const Scene* scene)
{
	const size_t tail = (size_t)(4.0 * RATE);
	const int64_t at = (int64_t)(scene->at_s * RATE) + 37; /* off the grid */
	Host* whole = open_with_clock(CLOCK_TRANSPORT);
	Host* late = open_with_clock(CLOCK_TRANSPORT);
	for (int i = 0; i < 8 && scene->symbols[i]; ++i) {
		set_control(whole, scene->symbols[i], scene->values[i]);
		set_control(late, scene->symbols[i], scene->values[i]);
	}
	Stereo a = stereo_new((size_t)at + tail);
	send_position(whole, 0, &(TestPosition){0, 1.0f, -1.0, 0.0});
	render_span(whole, &a, 0, 0, (size_t)at + tail, NULL, 0, 0);

	Stereo b = stereo_new(tail);
	send_position(late, 0, &(TestPosition){at, 1.0f, -1.0, 0.0});
	render_span(late, &b, 0, at, tail, NULL, 0, 0);

	double worst = 0.0, peak = 0.0;
	for (size_t i = 0; i < tail; ++i) {
		const double dl = fabs((double)a.left[(size_t)at + i] - (double)b.left[i]);
		const double dr = fabs((double)a.right[(size_t)at + i] - (double)b.right[i]);
		worst = fmax(worst, fmax(dl, dr));
		peak = fmax(peak, fabs((double)b.left[i]));
	}
	CHECK(peak > 1e-3, "%s: silent (peak %g)", scene->name, peak);
	stereo_free(&a);
	stereo_free(&b);
	host_free(whole);
	host_free(late);
	return worst;
}

static void
test_start_mid_session(void)
{
	static const Scene scenes[] = {
	    {"middle of a Hold", {"gaze_mode", "cue_sound", NULL}, {3, 6}, 72.0},
	    {"middle of a breath (4-7-8, slowing, chimes)",
	     {"breath_in", "breath_hold_in", "breath_out", "breath_start", "breath_ramp", "chime_mode",
	      "drone_timbre", NULL},
	     {4, 7, 8, 1.5f, 5, 1, 3},
	     200.5},
	    {"a set's rest", {"set_length", "set_rest", "cue_sound", NULL}, {20, 15, 1}, 85.0},
	    {"the end chime ringing", {"session_len", "fade_out", NULL}, {2, 20}, 123.0},
	    {"Sweep, far in (37 min, Ocean)",
	     {"gaze_mode", "drone_timbre", "gaze_vary", NULL},
	     {1, 4, 20},
	     37 * 60.0},
	    {"Sweep in sets, locked to the breath, catching up after a set's start",
	     {"gaze_mode", "set_length", "set_rest", "gaze_per_breath", NULL},
	     {1, 14, 3, 2},
	     23.0},
	};
	for (size_t i = 0; i < sizeof(scenes) / sizeof(scenes[0]); ++i) {
		const double worst = render_from_zero_vs_at(&scenes[i]);
		printf("start at %.1f s, %s: largest difference %.3g\n", scenes[i].at_s, scenes[i].name,
		       worst);
		CHECK(worst <= 1e-6, "%s: started at %.1f s it differs by %g", scenes[i].name,
		      scenes[i].at_s, worst);
	}
}

/* Largest second difference (a click's signature) in [from, to). */
static double
roughness(const Stereo* s, size_t from, size_t to)
{
	double worst = 0.0;
	for (size_t i = from < 2 ? 2 : from; i < to; ++i) {
		const float* ch[2] = {s->left, s->right};
		for (int c = 0; c < 2; ++c) {
			const double d = ch[c][i] - 2.0 * ch[c][i - 1] + ch[c][i - 2];
			worst = fmax(worst, fabs(d));
		}
	}
	return worst;
}

static double
rms(const Stereo* s, size_t from, size_t to)
{
	double sum = 0.0;
	for (size_t i = from; i < to; ++i) {
		sum += (double)s->left[i] * s->left[i] + (double)s->right[i] * s->right[i];
	}
	return sqrt(sum / (double)(2 * (to - from)));
}

/* Stops: Transport fades out and holds in silence; Auto and Free play on.
 * A relocation while rolling crossfades; neither clicks. */
static void
test_stop_and_relocate(void)
{
	static const char* names[] = {"Auto", "Transport", "Free"};
	for (int clock = CLOCK_AUTO; clock <= CLOCK_FREE; ++clock) {
		Host* host = open_with_clock(clock);
		set_control(host, "gaze_mode", 1); /* Sweep: a continuous tone */
		set_control(host, "fade_in", 0);
		const size_t total = (size_t)(24 * RATE);
		const int64_t stop = (int64_t)(10 * RATE) + 5, roll = (int64_t)(14 * RATE) + 11;
		const int64_t jump_at = (int64_t)(18 * RATE) + 3;
		Stereo s = stereo_new(total);
		send_position(host, 0, &(TestPosition){0, 1.0f, -1.0, 0.0});
		render_span(host, &s, 0, 0, (size_t)stop, NULL, 0, 0);
		send_position(host, 0, &(TestPosition){stop, 0.0f, -1.0, 0.0});
		render_span(host, &s, (size_t)stop, stop, (size_t)(roll - stop), NULL, 0, 0);
		/* rolls on from where it stopped, then is moved to 400 s */
		send_position(host, 0, &(TestPosition){stop, 1.0f, -1.0, 0.0});
		render_span(host, &s, (size_t)roll, roll, (size_t)(jump_at - roll), NULL, 0, 0);
		send_position(host, 0, &(TestPosition){(int64_t)(400 * RATE), 1.0f, -1.0, 0.0});
		render_span(host, &s, (size_t)jump_at, jump_at, total - (size_t)jump_at, NULL, 0, 0);

		const size_t fade = (size_t)(0.05 * RATE);
		const double steady = roughness(&s, (size_t)(5 * RATE), (size_t)stop - fade);
		const double held = rms(&s, (size_t)stop + fade, (size_t)roll);
		const double at_stop = roughness(&s, (size_t)stop - fade, (size_t)stop + fade);
		const double at_roll = roughness(&s, (size_t)roll - fade, (size_t)roll + fade);
		const double at_jump = roughness(&s, (size_t)jump_at - fade, (size_t)jump_at + fade);
		printf("%s: rms while stopped %.3g; second difference steady %.3g, stop %.3g, "
		       "roll %.3g, relocation %.3g\n",
		       names[clock], held, steady, at_stop, at_roll, at_jump);
		if (clock == CLOCK_TRANSPORT) {
			CHECK(held == 0.0, "Transport: sound while stopped (rms %g)", held);
		} else {
			CHECK(held > 1e-3, "%s: silent while the host is stopped (rms %g)", names[clock], held);
		}
		CHECK(at_stop <= 1.5 * steady && at_roll <= 1.5 * steady && at_jump <= 1.5 * steady,
		      "%s: a click (steady %g, stop %g, roll %g, relocation %g)", names[clock], steady,
		      at_stop, at_roll, at_jump);
		CHECK(stereo_peak(&s) >= 0.0f && stereo_peak(&s) <= 1.0f, "peak %g", stereo_peak(&s));
		stereo_free(&s);
		host_free(host);
	}
}

int
main(void)
{
	test_tempo_sync();
	test_bar_lock();
	test_stop_and_relocate();
	test_start_mid_session();
	return 0;
}
