/* SPDX-License-Identifier: ISC */
#include "voice_mix.h"

#include "ducker.h"
#include "script_player.h"
#include "voice_stream.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Frames mixed at a time. */
#define MIX_FRAMES 1024u

typedef struct {
	const VoiceClip* clip;
	VoiceStream* stream;
} Active;

struct VoiceMix {
	const VoiceClip** order; /* by start frame */
	size_t n, next;
	double rate;
	Ducker ducker;
	Active active[VOICE_MIX_MAX_ACTIVE];
	size_t n_active;
	/* The files' sound for frames [frame, ahead), MIX_FRAMES + lookahead
	 * each: the clips the session ducks under (key) and the others (bed).
	 * The ducker hears the key `lookahead` frames before it is mixed, so
	 * the session is already down when the first syllable begins (an
	 * offline render can look ahead). */
	uint32_t lookahead;
	int64_t ahead;
	float* key[2];
	float* bed[2];
	float peak; /* of the mix */
};

bool
voice_clips_check(VoiceClip* clips, size_t n, double rate, int64_t session_frames, char* err,
                  size_t err_size)
{
	for (size_t i = 0; i < n; ++i) {
		VoiceClip* c = &clips[i];
		VoiceFileInfo info;
		char what[2048];
		if (!voice_file_probe(c->path, &info, what, sizeof(what))) {
			snprintf(err, err_size, "%s: %s", c->where, what);
			return false;
		}
		c->start = script_frame(c->start_s, rate); /* where the script's steps land */
		const int64_t whole = voice_file_frames_at(&info, rate);
		const int64_t room = session_frames > c->start ? session_frames - c->start : 0;
		c->length = whole < room ? whole : room;
		c->cut = whole > room;
	}
	return true;
}

static int
by_start(const void* a, const void* b)
{
	const VoiceClip* x = *(const VoiceClip* const*)a;
	const VoiceClip* y = *(const VoiceClip* const*)b;
	/* the same start: the order given (the pointers are in it) */
	return x->start != y->start ? (x->start < y->start ? -1 : 1) : (x < y ? -1 : x > y);
}

VoiceMix*
voice_mix_new(const VoiceClip* clips, size_t n, double rate, float duck_db, char* err,
              size_t err_size)
{
	VoiceMix* mix = (VoiceMix*)calloc(1, sizeof(VoiceMix));
	mix->order = mix ? (const VoiceClip**)calloc(n ? n : 1, sizeof(VoiceClip*)) : NULL;
	if (!mix || !mix->order) {
		snprintf(err, err_size, "out of memory");
		free(mix);
		return NULL;
	}
	mix->lookahead = (uint32_t)ceil(DUCK_ATTACK_S * rate);
	bool allocated = true;
	for (int c = 0; c < 2; ++c) {
		mix->key[c] = (float*)calloc(MIX_FRAMES + mix->lookahead, sizeof(float));
		mix->bed[c] = (float*)calloc(MIX_FRAMES + mix->lookahead, sizeof(float));
		allocated = allocated && mix->key[c] && mix->bed[c];
	}
	if (!allocated) {
		snprintf(err, err_size, "out of memory");
		voice_mix_free(mix);
		return NULL;
	}
	for (size_t i = 0; i < n; ++i) {
		mix->order[i] = &clips[i];
	}
	qsort(mix->order, n, sizeof(VoiceClip*), by_start);
	mix->n = n;
	mix->rate = rate;
	ducker_init(&mix->ducker, rate, duck_db);
	return mix;
}

/* Opens the clips that start before `end`. */
static bool
start_due(VoiceMix* mix, int64_t end, char* err, size_t err_size)
{
	for (; mix->next < mix->n && mix->order[mix->next]->start < end; ++mix->next) {
		const VoiceClip* c = mix->order[mix->next];
		if (c->length <= 0) {
			continue;
		}
		if (mix->n_active == VOICE_MIX_MAX_ACTIVE) {
			snprintf(err, err_size, "%s: more than %d voice files sound at once", c->where,
			         VOICE_MIX_MAX_ACTIVE);
			return false;
		}
		char what[2048];
		const float gain = powf(10.0f, c->level_db / 20.0f);
		VoiceStream* s = voice_stream_open(c->path, mix->rate, c->length, gain, what, sizeof(what));
		if (!s) {
			snprintf(err, err_size, "%s: %s", c->where, what);
			return false;
		}
		mix->active[mix->n_active++] = (Active){c, s};
	}
	return true;
}

/* The files' sound for frames [frame, frame + n), at `at` in the buffers. */
static bool
mix_voice(VoiceMix* mix, int64_t frame, uint32_t n, uint32_t at, char* err, size_t err_size)
{
	for (int c = 0; c < 2; ++c) {
		memset(mix->key[c] + at, 0, sizeof(float) * n);
		memset(mix->bed[c] + at, 0, sizeof(float) * n);
	}
	if (!start_due(mix, frame + n, err, err_size)) {
		return false;
	}
	for (size_t i = 0; i < mix->n_active;) {
		Active* a = &mix->active[i];
		const uint32_t skip = a->clip->start > frame ? (uint32_t)(a->clip->start - frame) : 0;
		float* const* into = a->clip->ducks ? mix->key : mix->bed;
		char what[2048];
		if (!voice_stream_add(a->stream, into[0] + at + skip, into[1] + at + skip, n - skip, what,
		                      sizeof(what))) {
			snprintf(err, err_size, "%s: %s: %s", a->clip->where, a->clip->path, what);
			return false;
		}
		if (voice_stream_done(a->stream)) {
			/* the others keep their order: the sum is the same for any block */
			voice_stream_close(a->stream);
			memmove(a, a + 1, sizeof(Active) * (--mix->n_active - i));
			continue;
		}
		++i;
	}
	return true;
}

bool
voice_mix_process(VoiceMix* mix, int64_t frame, float* left, float* right, uint32_t n, bool* voiced,
                  char* err, size_t err_size)
{
	*voiced = false;
	const uint32_t ahead = mix->lookahead;
	if (mix->ahead == 0 && ahead > 0) {
		/* the ducker hears the first `lookahead` frames before frame 0, as
		 * if the session had been playing: a voice at 0:00 finds it down */
		if (!mix_voice(mix, 0, ahead, 0, err, err_size)) {
			return false;
		}
		mix->ahead = ahead;
		float* before = (float*)calloc(ahead, sizeof(float));
		if (!before) {
			snprintf(err, err_size, "out of memory");
			return false;
		}
		ducker_process(&mix->ducker, before, before, mix->key[0], mix->key[1], ahead);
		free(before);
	}
	for (uint32_t done = 0; done < n;) {
		const uint32_t m = n - done < MIX_FRAMES ? n - done : MIX_FRAMES;
		const int64_t at = frame + done;
		/* the sound up to at + m + lookahead: what the buffers lack */
		const uint32_t have = (uint32_t)(mix->ahead - at);
		const uint32_t need = m + ahead - have;
		if (!mix_voice(mix, mix->ahead, need, have, err, err_size)) {
			return false;
		}
		mix->ahead += need;
		float* out[2] = {left + done, right + done};
		*voiced |= ducker_process(&mix->ducker, out[0], out[1], mix->key[0] + ahead,
		                          mix->key[1] + ahead, m);
		float peak = mix->peak;
		for (int c = 0; c < 2; ++c) {
			for (uint32_t i = 0; i < m; ++i) {
				out[c][i] += mix->key[c][i] + mix->bed[c][i];
				peak = fmaxf(peak, fabsf(out[c][i]));
			}
			memmove(mix->key[c], mix->key[c] + m, sizeof(float) * ahead);
			memmove(mix->bed[c], mix->bed[c] + m, sizeof(float) * ahead);
		}
		mix->peak = peak;
		done += m;
	}
	return true;
}

float
voice_mix_peak(const VoiceMix* mix)
{
	return mix->peak;
}

void
voice_mix_free(VoiceMix* mix)
{
	if (!mix) {
		return;
	}
	for (size_t i = 0; i < mix->n_active; ++i) {
		voice_stream_close(mix->active[i].stream);
	}
	free(mix->order);
	for (int c = 0; c < 2; ++c) {
		free(mix->key[c]);
		free(mix->bed[c]);
	}
	free(mix);
}
