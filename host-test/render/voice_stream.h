/* SPDX-License-Identifier: ISC */
/* One recorded file (a spoken prompt, a narration, music) read as a stream
 * of stereo frames at the session's rate: libsndfile decodes it a chunk at
 * a time and libsamplerate converts the rate a chunk at a time, so memory
 * stays the same for a clip of seconds or a narration of hours.  Mono is
 * placed in the centre (the same in both channels), stereo kept.
 *
 * The chunks are always the same size, whatever the size of the requests,
 * so the frames do not depend on the renderer's block size.  The first and
 * last VOICE_EDGE_S are faded in and out (a clip that starts or stops on a
 * non-zero sample does not click); a clip cut short by the session's end is
 * faded over VOICE_CUT_FADE_S before it. */
#ifndef SOMASCAPE_VOICE_STREAM_H
#define SOMASCAPE_VOICE_STREAM_H

#include <samplerate.h>
#include <sndfile.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VOICE_EDGE_S 0.003
#define VOICE_CUT_FADE_S 0.050
#define VOICE_CHUNK_FRAMES 4096

/* What a file is, checked without decoding it. */
typedef struct {
	int rate;
	int channels;
	int64_t frames;
} VoiceFileInfo;

/* Opens the file to see that it is audio libsndfile reads, mono or stereo,
 * and not empty; false with "PATH: problem" in err. */
bool voice_file_probe(const char* path, VoiceFileInfo* info, char* err, size_t err_size);

/* The file's length in frames at the session's rate. */
int64_t voice_file_frames_at(const VoiceFileInfo* info, double rate);

typedef struct VoiceStream VoiceStream;

/* Opens the file for `length` frames at `rate` (its whole length, or less
 * when the session ends first: then it fades out before `length`), at a
 * linear gain.  NULL with the reason in err. */
VoiceStream* voice_stream_open(const char* path, double rate, int64_t length, float gain, char* err,
                               size_t err_size);

/* Adds the next n frames into left and right; false with the reason in err
 * if the file cannot be read.  After its length it adds nothing. */
bool voice_stream_add(VoiceStream* s, float* left, float* right, uint32_t n, char* err,
                      size_t err_size);

/* Every frame of its length has been added. */
bool voice_stream_done(const VoiceStream* s);

void voice_stream_close(VoiceStream* s);

#endif
