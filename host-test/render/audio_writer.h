/* SPDX-License-Identifier: ISC */
/* A render's audio sinks (the file, the loudness meter) on a thread of
 * their own, fed through a bounded ring of blocks: the plugin renders
 * straight into the ring, and the writer interleaves (applying the gain),
 * limits, measures, converts and writes the earlier blocks meanwhile, on
 * the other core.  The render waits only when the ring is full.  The blocks reach
 * the sinks in order and exactly as rendered, so the file is the same as
 * when written in the rendering thread.
 *
 * The renderer's side (reserve, commit, finish) is for one thread. */
#ifndef SOMASCAPE_AUDIO_WRITER_H
#define SOMASCAPE_AUDIO_WRITER_H

#include "audio_file.h"
#include "loudness.h"
#include "true_peak_limiter.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most frames one reserve() can ask for. */
#define AUDIO_WRITER_SLOT_FRAMES 8192u

typedef struct AudioWriter AudioWriter;

/* Starts the writer for whichever of audio and meter is not NULL, with the
 * gain applied to every sample, then the limiter if it is not NULL (its
 * latency at most AUDIO_WRITER_SLOT_FRAMES; the sinks get as many frames
 * as were rendered); NULL with the reason in err. */
AudioWriter* audio_writer_start(AudioFile* audio, LoudnessMeter* meter, float gain,
                                TruePeakLimiter* limiter, char* err, size_t err_size);

/* Where to render the next n frames (n <= AUDIO_WRITER_SLOT_FRAMES), one
 * channel each; waits while the ring is full.  False, with the writer's
 * reason in err, once writing has failed. */
bool audio_writer_reserve(AudioWriter* writer, uint32_t n, float** left, float** right, char* err,
                          size_t err_size);

/* The n frames last reserved are rendered: they go to the sinks. */
void audio_writer_commit(AudioWriter* writer, uint32_t n);

/* Waits until everything committed is written, stops the thread and frees
 * the writer; false, with the reason in err, if writing failed. */
bool audio_writer_finish(AudioWriter* writer, char* err, size_t err_size);

#endif
