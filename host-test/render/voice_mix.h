/* SPDX-License-Identifier: ISC */
/* The teacher's voice in a rendered session: recorded clips (spoken
 * prompts, a narration, music) placed at their frames and added to the
 * plugin's output, which ducks under the voice (ducker.h): under the clips
 * marked `ducks` (prompts, a narration), not under music.  Each clip streams
 * from its file while it sounds (voice_stream.h); clips that overlap are
 * mixed.  This happens after the plugin and before the file and the
 * loudness meter, so --loudness measures the final mix. */
#ifndef SOMASCAPE_VOICE_MIX_H
#define SOMASCAPE_VOICE_MIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most this many clips sound at once. */
#define VOICE_MIX_MAX_ACTIVE 32

typedef struct VoiceClip {
	const char* path;    /* absolute */
	const char* where;   /* "script.txt:12" or "--mix", for messages */
	const char* caption; /* for the cue sheet; NULL: not a prompt (a mix) */
	double start_s;
	float level_db; /* --voice-level included */
	bool ducks;     /* the session ducks under it: a voice, not music */
	/* found by voice_clips_check(): */
	int64_t start;  /* frame */
	int64_t length; /* frames at the session's rate, cut at its end */
	bool cut;       /* the session ends before the clip does */
} VoiceClip;

/* Opens every clip's file to see that it is sound (before any output is
 * made) and finds its frames; false with "WHERE: PATH: problem" in err. */
bool voice_clips_check(VoiceClip* clips, size_t n, double rate, int64_t session_frames, char* err,
                       size_t err_size);

typedef struct VoiceMix VoiceMix;

/* The clips (checked, in any order) for one pass of the render. */
VoiceMix* voice_mix_new(const VoiceClip* clips, size_t n, double rate, float duck_db, char* err,
                        size_t err_size);

/* Ducks the session's frames [frame, frame + n) under the voice and adds
 * every clip; *voiced tells whether the voice was heard in them.  False with
 * the reason in err when a file cannot be read. */
bool voice_mix_process(VoiceMix* mix, int64_t frame, float* left, float* right, uint32_t n,
                       bool* voiced, char* err, size_t err_size);

/* The largest sample of the mix so far (1 is full scale). */
float voice_mix_peak(const VoiceMix* mix);

void voice_mix_free(VoiceMix* mix);

#endif
