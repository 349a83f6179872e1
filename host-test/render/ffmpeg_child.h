/* SPDX-License-Identifier: ISC */
/* The ffmpeg program as a child process (posix_spawnp, no shell): raw
 * pictures go to its standard input, raw audio to its descriptor 3, and
 * its messages to an unnamed temporary file, whose last line explains a
 * failure (ffmpeg says only errors there).
 *
 * ffmpeg reads the two pipes as its encoders need them, not in the order
 * they are written: a video encoder takes tens of pictures (its
 * lookahead) before ffmpeg reads the sound that goes with them.  So the
 * audio never blocks: what the pipe will not take yet waits in memory (the
 * sound of the encoder's delay, not growing with the session) while the
 * pictures go on. */
#ifndef SOMASCAPE_FFMPEG_CHILD_H
#define SOMASCAPE_FFMPEG_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct {
	pid_t pid; /* 0 when not running */
	int video; /* our ends of the pipes; -1 when closed */
	int audio;
	int messages;  /* ffmpeg's stderr */
	char* pending; /* audio not taken yet: pending_len bytes from pending_start */
	size_t pending_start, pending_len, pending_cap;
} FfmpegChild;

/* The Debian package that provides the program, for messages. */
#define FFMPEG_PACKAGE "ffmpeg"

/* Whether `ffmpeg` is an executable file in a folder of PATH. */
bool ffmpeg_on_path(void);

/* Starts `ffmpeg ARGS...` (argv[0] is "ffmpeg"; NULL-terminated). */
bool ffmpeg_start(FfmpegChild* child, char* const argv[], char* err, size_t err_size);

/* Writes all of data to the video pipe (sending waiting audio meanwhile),
 * or queues it for the audio pipe; false with ffmpeg's last message in err
 * once it has stopped reading, or "interrupted" after a signal. */
bool ffmpeg_write_video(FfmpegChild* child, const void* data, size_t size, char* err,
                        size_t err_size);
bool ffmpeg_write_audio(FfmpegChild* child, const void* data, size_t size, char* err,
                        size_t err_size);

/* Closes both pipes and waits for ffmpeg to finish the file; false with its
 * last message in err if it failed. */
bool ffmpeg_finish(FfmpegChild* child, char* err, size_t err_size);

/* Stops ffmpeg at once (after a failure of ours) and waits for it. */
void ffmpeg_abort(FfmpegChild* child);

#endif
