/* SPDX-License-Identifier: ISC */
/* The rendered audio, streamed block by block to a WAV, FLAC or Ogg Vorbis
 * file through libsndfile (so memory stays constant for any duration),
 * under a temporary name until audio_file_commit(), which makes it durable
 * (fsync) before renaming it into place. */
#ifndef SOMASCAPE_AUDIO_FILE_H
#define SOMASCAPE_AUDIO_FILE_H

#include "atomic_file.h"
#include "write_buffer.h"

#include <sndfile.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { AUDIO_BITS_DEFAULT, AUDIO_BITS_16, AUDIO_BITS_24, AUDIO_BITS_32F } AudioBits;

typedef struct {
	SNDFILE* sf;
	AtomicFile file;
	int fd;
	WriteBuffer out; /* libsndfile writes through it */
} AudioFile;

/* "16", "24" or "32f"; false for anything else. */
bool audio_bits_parse(const char* text, AudioBits* bits);

/* The libsndfile format for the path's extension (.wav, .flac, .ogg) and
 * the sample format: 24-bit by default for WAV and FLAC; Ogg Vorbis has no
 * bit depth and ignores it.  False with a message for bad combinations. */
bool audio_format_for(const char* path, AudioBits bits, int* format, char* err, size_t err_size);

bool audio_file_open(AudioFile* audio, const char* path, int format, int rate, char* err,
                     size_t err_size);

/* Writes n interleaved stereo frames. */
bool audio_file_write(AudioFile* audio, const float* frames, uint32_t n, char* err,
                      size_t err_size);

/* Finishes the file and renames it into place. */
bool audio_file_commit(AudioFile* audio, char* err, size_t err_size);

/* Closes and removes the unfinished file. */
void audio_file_abort(AudioFile* audio);

#endif
