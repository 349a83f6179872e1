/* SPDX-License-Identifier: ISC */
#include "player.h"

#include <math.h>
#include <string.h>

/* Frames of the transport that differ from ours by more than this are a
 * relocation even at a speed other than 1 (where the two drift apart). */
#define VARISPEED_SLACK_S 0.25

/* Frames rendered at once while fading. */
#define FADE_CHUNK 64u

void
player_init(Player* p, double rate)
{
	engine_init(&p->engine, rate);
	engine_init(&p->fading, rate);
	p->fade_frames = (uint32_t)ceil(PLAYER_FADE_S * rate);
	player_reset(p);
}

void
player_reset(Player* p)
{
	engine_reset(&p->engine);
	p->crossfade = 0;
	p->gain = 1.0f;
	p->rolling = false;
	p->host_known = false;
	p->host_frame = 0;
	p->started = false;
	p->tap_count = 0;
}

static bool
following(const Player* p, ClockMode clock)
{
	return clock == CLOCK_TRANSPORT || (clock == CLOCK_AUTO && p->host_known && p->rolling);
}

/* The session jumps to `frame`: at once while nothing is heard, else with
 * a crossfade from where it was. */
static void
jump(Player* p, int64_t frame)
{
	const bool heard = p->started && p->gain > 0.0f;
	if (heard && p->crossfade == 0) {
		memcpy(&p->fading, &p->engine, sizeof(p->engine));
		for (int i = 0; i < CUE_VOICES; ++i) { /* the copy's strikes ring in its bank */
			cue_voice_move_bank(&p->fading.voices[i].voice, &p->engine.gaze_bank,
			                    &p->fading.gaze_bank);
		}
	}
	engine_locate(&p->engine, frame);
	if (heard) {
		p->crossfade = p->fade_frames;
	}
}

void
player_position(Player* p, ClockMode clock, const HostPosition* pos)
{
	if (pos->has_bpm) {
		engine_set_tempo(&p->engine, pos->bpm);
	}
	if (pos->has_speed) {
		p->rolling = pos->speed != 0.0;
	}
	if (pos->has_frame) {
		p->host_known = true;
		p->host_frame = pos->frame;
	}
	if (clock != CLOCK_FREE && following(p, clock) && p->rolling) {
		const int64_t d = p->host_frame - p->engine.frame;
		const int64_t apart = d < 0 ? -d : d;
		const bool varispeed = pos->has_speed && pos->speed != 1.0;
		if (varispeed ? apart > (int64_t)(VARISPEED_SLACK_S * p->engine.rate) : apart != 0) {
			jump(p, p->host_frame);
		}
	}
	if (pos->has_beats && p->rolling) {
		engine_lock_beat(&p->engine, pos->beats);
	}
}

static void
log_taps(Player* p, uint32_t offset, int64_t first_frame)
{
	uint32_t count;
	const Tap* taps = engine_taps(&p->engine, &count);
	for (uint32_t i = 0; i < count && p->tap_count < ENGINE_TAP_LOG; ++i) {
		p->taps[p->tap_count++] = (Tap){offset + (taps[i].frame - first_frame), taps[i].side};
	}
}

/* n frames of the engine at `offset`, faded by the running crossfade and
 * the gain ramp toward `gain_goal`. */
static void
render_faded(Player* p, float* left, float* right, uint32_t offset, uint32_t n, float gain_goal)
{
	const float step = 1.0f / (float)p->fade_frames;
	while (n > 0) {
		const uint32_t m = n < FADE_CHUNK ? n : FADE_CHUNK;
		float* l = left + offset;
		float* r = right + offset;
		const int64_t first = p->engine.frame;
		engine_process(&p->engine, l, r, m);
		log_taps(p, offset, first);
		float gain = p->gain;
		for (uint32_t i = 0; i < m; ++i) {
			gain = gain_goal > gain ? fminf(gain + step, gain_goal) : fmaxf(gain - step, gain_goal);
			l[i] *= gain;
			r[i] *= gain;
		}
		p->gain = gain;
		if (p->crossfade > 0) {
			float old_l[FADE_CHUNK], old_r[FADE_CHUNK];
			engine_process(&p->fading, old_l, old_r, m);
			for (uint32_t i = 0; i < m; ++i) {
				const uint32_t to_go = p->crossfade > i ? p->crossfade - i : 0;
				const float x = (float)to_go / (float)p->fade_frames; /* 1 -> 0 */
				const float old_w = x * x * (3.0f - 2.0f * x);
				l[i] = l[i] * (1.0f - old_w) + old_l[i] * old_w;
				r[i] = r[i] * (1.0f - old_w) + old_r[i] * old_w;
			}
			p->crossfade = p->crossfade > m ? p->crossfade - m : 0;
		}
		offset += m;
		n -= m;
	}
}

void
player_process(Player* p, ClockMode clock, float* left, float* right, uint32_t n)
{
	p->tap_count = 0;
	const bool stopped = following(p, clock) && clock != CLOCK_FREE && !p->rolling;
	if (stopped && p->gain == 0.0f) {
		/* held: silent, the session does not move */
		memset(left, 0, n * sizeof(float));
		memset(right, 0, n * sizeof(float));
		p->crossfade = 0;
		return;
	}
	if (p->rolling) {
		p->host_frame += n;
	}
	if (!stopped && p->gain == 1.0f && p->crossfade == 0) {
		const int64_t first = p->engine.frame;
		engine_process(&p->engine, left, right, n);
		log_taps(p, 0, first);
	} else {
		render_faded(p, left, right, 0, n, stopped ? 0.0f : 1.0f);
	}
	p->started = true;
}

void
player_set_user_sample(Player* p, const CueSample* sample)
{
	engine_set_user_sample(&p->engine, sample);
	engine_set_user_sample(&p->fading, sample);
}

bool
player_uses_sample(const Player* p, const CueSample* sample)
{
	/* the fading engine counts only while it is heard */
	return engine_uses_sample(&p->engine, sample) ||
	       (p->crossfade > 0 && engine_uses_sample(&p->fading, sample));
}

void
player_stop_sample(Player* p, const CueSample* sample)
{
	engine_stop_sample(&p->engine, sample);
	engine_stop_sample(&p->fading, sample);
}
