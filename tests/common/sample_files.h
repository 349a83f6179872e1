/* SPDX-License-Identifier: ISC */
/* Sound files for the cue sample tests, written with libsndfile into a
 * temporary directory whose name has spaces and non-ASCII characters. */
#ifndef SOMASCAPE_SAMPLE_FILES_H
#define SOMASCAPE_SAMPLE_FILES_H

#include <sndfile.h>

#include <stdbool.h>
#include <stddef.h>

/* A new directory under $TMPDIR (or /tmp); exits the test on failure. */
char* sample_dir_new(void);
/* Removes it and everything in it, and frees the name. */
void sample_dir_free(char* dir);

/* dir/name, allocated. */
char* sample_path(const char* dir, const char* name);

/* A sine of hz, seconds long, at level (linear peak), with 5 ms fades,
 * after lead_s of silence; every channel the same.  format is libsndfile's. */
bool write_tone(const char* path, int format, int rate, int channels, double hz, double seconds,
                double level, double lead_s);

bool write_bytes(const char* path, const void* data, size_t size);

/* The first size bytes of a file, copied to another. */
bool copy_head(const char* from, const char* to, size_t size);

/* The tone's frequency in x[0..n) at rate, from its rising zero crossings;
 * 0 if there are fewer than two. */
double measure_hz(const float* x, size_t n, double rate);

#endif
