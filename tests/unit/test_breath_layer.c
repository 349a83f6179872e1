/* SPDX-License-Identifier: ISC */
/* The breath layer through the engine: the drone swells on the frames the
 * pattern promises and the outputs report the same stages; a pattern change
 * mid-breath neither clicks nor restarts; the chimes of inhale and exhale
 * differ; the output does not depend on the block size; bad control values
 * give bounded output; a locked gaze taps in step with the breath. */
#include "engine.h"

#include "check.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000.0

static Engine engine;

/* A quiet room: only a pure sine drone that follows the breath fully. */
static Controls
drone_only(void)
{
	Controls c;
	controls_defaults(&c);
	c.gaze_mode = 0.0f;
	c.fade_in = 0.0f;
	c.drone_voicing = 0.0f; /* Single */
	c.drone_timbre = 0.0f;  /* Pure */
	c.drone_root = 120.0f;  /* 400 frames a period at 48 kHz */
	c.breath_depth = 100.0f;
	c.drone_level = -12.0f;
	return c;
}

typedef struct {
	float* mono;
	float* stage;  /* breath_stage output, polled after every block */
	float* level;  /* breath_level output */
	float* passes; /* pass_count output */
	float* side;   /* gaze_side output */
	uint32_t poll; /* frames a block */
	uint64_t frames;
} Take;

/* Renders `frames` in blocks of `poll`, keeping the mono sum and outputs;
 * `change` (if not NULL) is applied at frame change_at. */
static Take
render(const Controls* c, double rate, uint64_t frames, uint32_t poll, const Controls* change,
       uint64_t change_at)
{
	Take t = {.poll = poll, .frames = frames};
	t.mono = calloc(frames, sizeof(float));
	const uint64_t blocks = frames / poll + 1;
	t.stage = calloc(blocks, sizeof(float));
	t.level = calloc(blocks, sizeof(float));
	t.passes = calloc(blocks, sizeof(float));
	t.side = calloc(blocks, sizeof(float));
	float* left = calloc(poll, sizeof(float));
	float* right = calloc(poll, sizeof(float));
	engine_init(&engine, rate);
	engine_set_controls(&engine, c);
	for (uint64_t b = 0; b * poll < frames; ++b) {
		const uint64_t at = b * poll;
		const uint32_t n = (uint32_t)(frames - at < poll ? frames - at : poll);
		if (change && at == change_at) {
			engine_set_controls(&engine, change);
		}
		engine_process(&engine, left, right, n);
		for (uint32_t i = 0; i < n; ++i) {
			t.mono[at + i] = left[i] + right[i];
		}
		const Outputs* o = engine_outputs(&engine);
		t.stage[b] = o->breath_stage;
		t.level[b] = o->breath_level;
		t.passes[b] = o->pass_count;
		t.side[b] = o->gaze_side;
	}
	free(left);
	free(right);
	return t;
}

static void
take_free(Take* t)
{
	free(t->mono);
	free(t->stage);
	free(t->level);
	free(t->passes);
	free(t->side);
}

/* ------------------------------------------------------------------ */
/* 4-7-8: the swell seen in the audio */

/* Amplitude envelope: RMS over one period of the 120 Hz drone, centred. */
static float*
envelope(const Take* t, uint32_t period)
{
	float* env = calloc(t->frames, sizeof(float));
	double sum = 0.0;
	for (uint64_t i = 0; i < t->frames; ++i) {
		sum += (double)t->mono[i] * t->mono[i];
		if (i >= period) {
			sum -= (double)t->mono[i - period] * t->mono[i - period];
		}
		if (i >= period) {
			env[i - period / 2] = (float)sqrt(2.0 * fmax(sum, 0.0) / period);
		}
	}
	return env;
}

/* First frame (interpolated) from `from` where env crosses `level`. */
static double
crossing(const float* env, uint64_t from, uint64_t to, float level, bool rising)
{
	for (uint64_t i = from + 1; i < to; ++i) {
		const float a = env[i - 1], b = env[i];
		if (rising ? (a < level && b >= level) : (a > level && b <= level)) {
			return (double)(i - 1) + (level - a) / (b - a);
		}
	}
	CHECK(!"no crossing", "crossing");
	return 0.0;
}

/* The swell is a smoothstep S(x) = x^2 (3 - 2x): from the times it crosses
 * 10 % and 90 %, the start and the length of the edge follow exactly. */
static const double x10 = 0.195800, x90 = 0.804200; /* S(x10) = 0.1, S(x90) = 0.9 */

typedef struct {
	double start_s, length_s;
} Edge;

static Edge
edge(double t10, double t90)
{
	const double length = (t90 - t10) / (x90 - x10);
	return (Edge){(t10 - x10 * length) / RATE, fabs(length) / RATE};
}

/* The first block from `from_s` whose polled stage is `stage`, in s. */
static double
stage_starts(const Take* t, double from_s, int stage)
{
	for (uint64_t b = (uint64_t)(from_s * RATE / t->poll); b * t->poll < t->frames; ++b) {
		if ((int)t->stage[b] == stage) {
			return (double)(b * t->poll) / RATE;
		}
	}
	CHECK(!"stage not found", "stage_starts");
	return 0.0;
}

static void
test_four_seven_eight(void)
{
	Controls c = drone_only();
	c.breath_in = 4.0f;
	c.breath_hold_in = 7.0f;
	c.breath_out = 8.0f;
	c.breath_hold_out = 0.0f;
	Take t = render(&c, RATE, (uint64_t)(60 * RATE), 32, NULL, 0);
	float* env = envelope(&t, 400);
	float top = 0.0f;
	for (uint64_t i = (uint64_t)(20 * RATE); i < (uint64_t)(40 * RATE); ++i) {
		top = env[i] > top ? env[i] : top;
	}
	for (uint64_t i = 0; i < t.frames; ++i) {
		env[i] /= top;
	}
	/* the second breath, starting at 19 s */
	const uint64_t from = (uint64_t)(18.5 * RATE), to = (uint64_t)(58 * RATE);
	const double r10 = crossing(env, from, to, 0.1f, true);
	const double r90 = crossing(env, (uint64_t)r10, to, 0.9f, true);
	const double f90 = crossing(env, (uint64_t)r90, to, 0.9f, false);
	const double f10 = crossing(env, (uint64_t)f90, to, 0.1f, false);
	const double n10 = crossing(env, (uint64_t)f10, to, 0.1f, true);
	const Edge rise = edge(r10, r90), fall = edge(f10, f90), next = edge(n10, n10 + 1);
	const double fall_start = fall.start_s - fall.length_s; /* f10 is the later crossing */
	const double next_start = (n10 - x10 * rise.length_s * RATE) / RATE;
	(void)next;
	const double hold_s = fall_start - (rise.start_s + rise.length_s);
	const double period_s = next_start - rise.start_s;
	printf("4-7-8 from the audio: rise %.4f s at %.4f s, hold %.4f s, fall %.4f s, "
	       "period %.4f s\n",
	       rise.length_s, rise.start_s, hold_s, fall.length_s, period_s);
	CHECK(fabs(rise.start_s - 19.0) < 0.02, "test_four_seven_eight");
	CHECK(fabs(rise.length_s - 4.0) < 0.02, "test_four_seven_eight");
	CHECK(fabs(hold_s - 7.0) < 0.02, "test_four_seven_eight");
	CHECK(fabs(fall.length_s - 8.0) < 0.02, "test_four_seven_eight");
	CHECK(fabs(period_s - 19.0) < 0.02, "test_four_seven_eight");

	/* the outputs report the same stages at the same frames */
	const double in_s = stage_starts(&t, 18.5, 0), hold_in = stage_starts(&t, in_s + 0.1, 1),
	             out_s = stage_starts(&t, hold_in, 2), again = stage_starts(&t, out_s, 0);
	printf("4-7-8 from breath_stage: in %.4f, hold %.4f, out %.4f, in %.4f s\n", in_s, hold_in,
	       out_s, again);
	CHECK(fabs(in_s - rise.start_s) < 0.02, "test_four_seven_eight");
	CHECK(fabs(hold_in - (rise.start_s + rise.length_s)) < 0.02, "test_four_seven_eight");
	CHECK(fabs(out_s - fall_start) < 0.02, "test_four_seven_eight");
	CHECK(fabs(again - next_start) < 0.02, "test_four_seven_eight");
	free(env);
	take_free(&t);
}

/* ------------------------------------------------------------------ */
/* A pattern change in mid-breath */

/* Click detector: the second difference (a high-pass rising 12 dB an
 * octave) of the signal, its energy in 2 ms windows.  The drone's own
 * energy there is small and steady; a step of 1 % of the drone's amplitude
 * would add more than the whole window's steady energy.  Returns the
 * largest window energy in [from_s, to_s). */
static double
highpass_peak(const Take* t, double from_s, double to_s)
{
	const uint64_t window = (uint64_t)(0.002 * RATE);
	double peak = 0.0;
	for (uint64_t w = (uint64_t)(from_s * RATE); w + window < (uint64_t)(to_s * RATE);
	     w += window) {
		double e = 0.0;
		for (uint64_t i = w; i < w + window; ++i) {
			const double y = t->mono[i] - 2.0 * t->mono[i - 1] + t->mono[i - 2];
			e += y * y;
		}
		peak = e > peak ? e : peak;
	}
	return peak;
}

static void
test_change_mid_breath(void)
{
	Controls c = drone_only();
	c.drone_timbre = 1.0f;  /* Warm */
	c.drone_voicing = 2.0f; /* Fifth */
	c.breath_depth = 60.0f;
	c.breath_bright = 100.0f;
	Controls changed = c;
	changed.breath_in = 8.0f;
	changed.breath_hold_in = 2.0f;
	changed.breath_out = 4.0f;
	const uint64_t at = (uint64_t)(12.5 * RATE) + 7; /* half way through an inhale, odd */
	Take t = render(&c, RATE, (uint64_t)(20 * RATE), 1, &changed, at);
	const double steady = highpass_peak(&t, 10.2, 12.4);
	const double around = highpass_peak(&t, 12.45, 12.7);
	printf("pattern change: high-passed energy around it %.3g, steady %.3g (ratio %.2f)\n", around,
	       steady, around / steady);
	CHECK(around < 1.5 * steady, "test_change_mid_breath");
	/* no restart: still inhaling, the level goes on from where it was */
	float jump = 0.0f;
	for (uint64_t i = at - 4800; i < at + 4800; ++i) {
		CHECK((int)t.stage[i] == 0, "test_change_mid_breath");
		const float d = fabsf(t.level[i + 1] - t.level[i]);
		jump = d > jump ? d : jump;
	}
	CHECK(jump < 1e-3f, "test_change_mid_breath");
	/* half the inhale was done: half of the new 8 s remains */
	const double hold_s = (double)at / RATE + 4.0;
	double seen = 0.0;
	for (uint64_t i = at; i < t.frames; ++i) {
		if ((int)t.stage[i] == 1) {
			seen = (double)i / RATE;
			break;
		}
	}
	printf("pattern change: largest level step %.2g, inhale ends at %.4f s (expected %.4f)\n", jump,
	       seen, hold_s);
	CHECK(fabs(seen - hold_s) < 0.001, "test_change_mid_breath");
	take_free(&t);
}

/* ------------------------------------------------------------------ */
/* Chimes: a higher bowl for the inhale, a lower bell for the exhale */

/* RMS frequency: rate / 2pi * sqrt(E[x'^2] / E[x^2]), a centroid-like
 * measure of where the energy lies. */
static double
rms_hz(const float* x, uint64_t n)
{
	double d2 = 0.0, x2 = 0.0;
	for (uint64_t i = 1; i < n; ++i) {
		d2 += (double)(x[i] - x[i - 1]) * (x[i] - x[i - 1]);
		x2 += (double)x[i] * x[i];
	}
	return RATE / (2.0 * M_PI) * sqrt(d2 / x2);
}

static void
test_chimes(void)
{
	Controls c = drone_only();
	c.drone_level = -60.0f; /* off */
	c.chime_mode = 1.0f;
	c.chime_level = -12.0f;
	Take t = render(&c, RATE, (uint64_t)(20 * RATE), 256, NULL, 0);
	const uint64_t second = (uint64_t)RATE;
	const double inhale = rms_hz(t.mono + 10 * second, second);
	const double exhale = rms_hz(t.mono + 15 * second, second);
	printf("chimes: inhale %.1f Hz, exhale %.1f Hz (RMS frequency)\n", inhale, exhale);
	CHECK(inhale > 1.2 * exhale, "test_chimes");
	take_free(&t);

	c.chime_mode = 2.0f; /* inhale only: the exhale is silent */
	t = render(&c, RATE, (uint64_t)(20 * RATE), 256, NULL, 0);
	double e = 0.0;
	for (uint64_t i = (uint64_t)(14.99 * RATE); i < (uint64_t)(15.5 * RATE); ++i) {
		e = fmax(e, fabs(t.mono[i] - t.mono[i - 1]));
	}
	double inhale_e = 0.0;
	for (uint64_t i = 10 * second; i < (uint64_t)(10.5 * RATE); ++i) {
		inhale_e = fmax(inhale_e, fabs(t.mono[i] - t.mono[i - 1]));
	}
	CHECK(e < 0.2 * inhale_e, "test_chimes"); /* only the inhale bowl's tail */
	take_free(&t);
}

/* ------------------------------------------------------------------ */
/* Block sizes */

static Controls
everything_on(void)
{
	Controls c;
	controls_defaults(&c);
	c.gaze_mode = 2.0f;
	c.cue_sound = 1.0f;
	c.fade_in = 1.0f;
	c.drone_voicing = 3.0f;
	c.drone_timbre = 3.0f;
	c.breath_in = 3.0f;
	c.breath_hold_in = 1.0f;
	c.breath_out = 4.0f;
	c.breath_hold_out = 1.0f;
	c.breath_start = 1.3f;
	c.breath_ramp = 0.2f;
	c.chime_mode = 1.0f;
	return c;
}

static void
test_block_sizes(void)
{
	const Controls c = everything_on();
	Controls changed = c;
	changed.drone_timbre = 4.0f;
	changed.drone_root = 200.0f;
	changed.breath_in = 5.0f;
	changed.chime_level = -6.0f;
	changed.gaze_per_breath = 2.0f;
	const uint64_t frames = (uint64_t)(30 * RATE);
	const uint64_t at = 700001; /* odd, inside a grid step */
	static const uint32_t sizes[] = {1, 7, 64, 256, 4096};
	float* reference = NULL;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); ++s) {
		float* out = calloc(frames, sizeof(float));
		float* left = calloc(sizes[s], sizeof(float));
		float* right = calloc(sizes[s], sizeof(float));
		engine_init(&engine, RATE);
		engine_set_controls(&engine, &c);
		for (uint64_t done = 0; done < frames;) {
			uint64_t n = frames - done < sizes[s] ? frames - done : sizes[s];
			if (done < at && done + n > at) {
				n = at - done; /* a host's block ends where the change comes */
			}
			if (done == at) {
				engine_set_controls(&engine, &changed);
			}
			engine_process(&engine, left, right, (uint32_t)n);
			for (uint64_t i = 0; i < n; ++i) {
				out[done + i] = left[i] - 0.5f * right[i];
			}
			done += n;
		}
		if (!reference) {
			reference = out;
		} else {
			float worst = 0.0f;
			for (uint64_t i = 0; i < frames; ++i) {
				worst = fmaxf(worst, fabsf(out[i] - reference[i]));
			}
			printf("block %u: largest difference from block 1: %g\n", sizes[s], worst);
			for (uint64_t i = 0; i < frames && worst > 1e-6f; ++i) {
				if (fabsf(out[i] - reference[i]) > 1e-6f) {
					printf("  first at frame %llu\n", (unsigned long long)i);
					break;
				}
			}
			CHECK(worst <= 1e-6f, "test_block_sizes");
			free(out);
		}
		free(left);
		free(right);
	}
	free(reference);
}

/* ------------------------------------------------------------------ */
/* Bad control values */

static const char* const breath_symbols[] = {
    "breath_in",    "breath_hold_in", "breath_out",   "breath_hold_out",
    "breath_start", "breath_ramp",    "drone_root",   "drone_voicing",
    "drone_timbre", "drone_bright",   "breath_depth", "breath_bright",
    "drone_level",  "chime_mode",     "chime_level",  "gaze_per_breath",
};

static const ControlInfo*
control_named(const char* symbol)
{
	for (int i = 0; i < CONTROL_IN_COUNT; ++i) {
		if (strcmp(control_inputs[i].symbol, symbol) == 0) {
			return &control_inputs[i];
		}
	}
	CHECK(!"no such control", "control_named");
	return NULL;
}

static void
set_control(Controls* c, const char* symbol, float value)
{
	const ControlInfo* info = control_named(symbol);
	*(float*)((char*)c + info->offset) = control_clamp(info, value);
}

static void
check_bounded(const Controls* c, double rate, double seconds)
{
	static float left[256], right[256];
	engine_init(&engine, rate);
	engine_set_controls(&engine, c);
	for (uint64_t done = 0; done < (uint64_t)(seconds * rate); done += 256) {
		engine_process(&engine, left, right, 256);
		for (int i = 0; i < 256; ++i) {
			CHECK(isfinite(left[i]) && isfinite(right[i]), "check_bounded");
			CHECK(fabsf(left[i]) <= 1.0f && fabsf(right[i]) <= 1.0f, "check_bounded");
		}
	}
}

static void
test_bad_values(void)
{
	static const float bad[] = {NAN, INFINITY, -INFINITY, -1e30f, 1e30f, -1.0f, 1e6f, 0.0f};
	const size_t symbols = sizeof(breath_symbols) / sizeof(breath_symbols[0]);
	for (size_t s = 0; s < symbols; ++s) {
		for (size_t v = 0; v < sizeof(bad) / sizeof(bad[0]); ++v) {
			Controls c = everything_on();
			set_control(&c, breath_symbols[s], bad[v]);
			check_bounded(&c, RATE, 1.0);
		}
	}
	/* every breath control at its extremes at once, at the extreme rates */
	static const double rates[] = {8000.0, 44100.0, 384000.0};
	for (size_t r = 0; r < 3; ++r) {
		for (int high = 0; high < 2; ++high) {
			Controls c = everything_on();
			c.level = 6.0f;
			for (size_t s = 0; s < symbols; ++s) {
				set_control(&c, breath_symbols[s], high ? 1e30f : -1e30f);
			}
			check_bounded(&c, rates[r], 3.0);
		}
	}
	printf("bad values: finite and within 0 dBFS\n");
}

/* ------------------------------------------------------------------ */
/* Gaze locked to the breath */

static void
test_coupling(void)
{
	Controls c;
	controls_defaults(&c);
	c.gaze_mode = 2.0f;  /* Alternate */
	c.gaze_rate = 1.3f;  /* overridden by the lock */
	c.gaze_vary = 20.0f; /* and so is the variation */
	c.gaze_per_breath = 2.0f;
	Take t = render(&c, RATE, (uint64_t)(40 * RATE), 16, NULL, 0);
	int taps = 0;
	float last = 0.0f;
	for (uint64_t b = 0; b * t.poll < t.frames; ++b) {
		if (t.passes[b] != last) {
			last = t.passes[b];
			/* two cycles a 10 s breath: a pass every 2.5 s, from the inhale */
			const double at_s = (double)(b * t.poll) / RATE;
			const double expect_s = 2.5 * taps;
			CHECK(fabs(at_s - expect_s) <= 16.0 / RATE, "test_coupling");
			/* each inhale starts a cycle: the first pass of the cycle, right */
			if (taps % 4 == 0) {
				CHECK(t.side[b] == 1.0f && (int)t.stage[b] == 0, "test_coupling");
			}
			++taps;
		}
	}
	printf("coupling: %d passes in 40 s of 5/5 breathing, one every 2.5 s from the inhale\n", taps);
	CHECK(taps == 16, "test_coupling");
	take_free(&t);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	test_four_seven_eight();
	test_change_mid_breath();
	test_chimes();
	test_coupling();
	test_block_sizes();
	test_bad_values();
	return 0;
}
