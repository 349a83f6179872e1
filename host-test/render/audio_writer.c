/* SPDX-License-Identifier: ISC */
#include "audio_writer.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 MiB of planar blocks: slack for the writer's uneven pace (a write that
 * waits for the disk) without holding more than a moment of the render. */
#define SLOTS 16u

typedef struct {
	float left[AUDIO_WRITER_SLOT_FRAMES];
	float right[AUDIO_WRITER_SLOT_FRAMES];
	uint32_t n; /* frames rendered into it */
} Slot;

struct AudioWriter {
	AudioFile* audio;     /* or NULL */
	LoudnessMeter* meter; /* or NULL */
	float gain;
	TruePeakLimiter* limiter; /* or NULL */
	pthread_t thread;

	/* Slots queued for writing are [oldest, oldest + queued); the renderer
	 * fills the one after them, `filling`.  The lock guards the queue and
	 * the flags; `filling` is the renderer's. */
	uint32_t filling;
	pthread_mutex_t lock;
	pthread_cond_t queued_more; /* the writer waits on it */
	pthread_cond_t wrote_one;   /* the renderer waits on it */
	uint32_t oldest;
	uint32_t queued;
	bool finishing;
	bool failed;
	char error[1024]; /* written before `failed` is set */

	Slot slots[SLOTS];
	float interleaved[2 * AUDIO_WRITER_SLOT_FRAMES]; /* the writer's */
};

/* The writer's side: n frames of `interleaved` to the sinks. */
static bool
write_interleaved(AudioWriter* w, size_t n)
{
	if (w->meter && !loudness_meter_add(w->meter, w->interleaved, n)) {
		snprintf(w->error, sizeof(w->error), "measuring the loudness failed");
		return false;
	}
	return !w->audio || audio_file_write(w->audio, w->interleaved, n, w->error, sizeof(w->error));
}

/* The writer's side: one slot to the sinks. */
static bool
write_slot(AudioWriter* w, const Slot* slot)
{
	for (uint32_t i = 0; i < slot->n; ++i) {
		w->interleaved[2 * i] = slot->left[i] * w->gain;
		w->interleaved[2 * i + 1] = slot->right[i] * w->gain;
	}
	const size_t n =
	    w->limiter ? true_peak_limiter_process(w->limiter, w->interleaved, slot->n) : slot->n;
	return write_interleaved(w, n);
}

static void*
run_writer(void* data)
{
	AudioWriter* w = (AudioWriter*)data;
	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (w->queued == 0 && !w->finishing) {
			pthread_cond_wait(&w->queued_more, &w->lock);
		}
		if (w->queued == 0) {
			break;
		}
		const Slot* slot = &w->slots[w->oldest];
		pthread_mutex_unlock(&w->lock);
		const bool ok = write_slot(w, slot);
		pthread_mutex_lock(&w->lock);
		if (!ok) {
			w->failed = true;
			pthread_cond_signal(&w->wrote_one);
			break;
		}
		w->oldest = (w->oldest + 1) % SLOTS;
		--w->queued;
		pthread_cond_signal(&w->wrote_one);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

AudioWriter*
audio_writer_start(AudioFile* audio, LoudnessMeter* meter, float gain, TruePeakLimiter* limiter,
                   char* err, size_t err_size)
{
	AudioWriter* w = (AudioWriter*)calloc(1, sizeof(AudioWriter));
	if (!w) {
		snprintf(err, err_size, "out of memory");
		return NULL;
	}
	w->audio = audio;
	w->meter = meter;
	w->gain = gain;
	w->limiter = limiter;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->queued_more, NULL);
	pthread_cond_init(&w->wrote_one, NULL);
	if (pthread_create(&w->thread, NULL, run_writer, w) != 0) {
		snprintf(err, err_size, "cannot start the writing thread");
		pthread_cond_destroy(&w->wrote_one);
		pthread_cond_destroy(&w->queued_more);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

/* Queues the slot being filled and waits for a free one; false if the
 * writer has failed. */
static bool
hand_over(AudioWriter* w)
{
	pthread_mutex_lock(&w->lock);
	if (w->slots[w->filling].n > 0) {
		++w->queued;
		w->filling = (w->filling + 1) % SLOTS;
		pthread_cond_signal(&w->queued_more);
	}
	while (w->queued == SLOTS && !w->failed) {
		pthread_cond_wait(&w->wrote_one, &w->lock);
	}
	const bool ok = !w->failed;
	pthread_mutex_unlock(&w->lock);
	w->slots[w->filling].n = 0;
	return ok;
}

bool
audio_writer_reserve(AudioWriter* w, uint32_t n, float** left, float** right, char* err,
                     size_t err_size)
{
	if (w->slots[w->filling].n + n > AUDIO_WRITER_SLOT_FRAMES && !hand_over(w)) {
		snprintf(err, err_size, "%s", w->error);
		return false;
	}
	Slot* slot = &w->slots[w->filling];
	*left = slot->left + slot->n;
	*right = slot->right + slot->n;
	return true;
}

void
audio_writer_commit(AudioWriter* w, uint32_t n)
{
	w->slots[w->filling].n += n;
}

bool
audio_writer_finish(AudioWriter* w, char* err, size_t err_size)
{
	hand_over(w);
	pthread_mutex_lock(&w->lock);
	w->finishing = true;
	pthread_cond_signal(&w->queued_more);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	/* the limiter's look-ahead still holds the last frames */
	const bool ok =
	    !w->failed &&
	    (!w->limiter || write_interleaved(w, true_peak_limiter_flush(w->limiter, w->interleaved)));
	if (!ok) {
		snprintf(err, err_size, "%s", w->error);
	}
	pthread_cond_destroy(&w->wrote_one);
	pthread_cond_destroy(&w->queued_more);
	pthread_mutex_destroy(&w->lock);
	free(w);
	return ok;
}
