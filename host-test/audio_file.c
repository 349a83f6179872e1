/* SPDX-License-Identifier: ISC */
#include "audio_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

bool
audio_bits_parse(const char* text, AudioBits* bits)
{
	if (strcmp(text, "16") == 0) {
		*bits = AUDIO_BITS_16;
	} else if (strcmp(text, "24") == 0) {
		*bits = AUDIO_BITS_24;
	} else if (strcmp(text, "32f") == 0) {
		*bits = AUDIO_BITS_32F;
	} else {
		return false;
	}
	return true;
}

bool
audio_format_for(const char* path, AudioBits bits, int* format, char* err, size_t err_size)
{
	const char* slash = strrchr(path, '/');
	const char* dot = strrchr(slash ? slash : path, '.');
	const char* ext = dot ? dot + 1 : "";
	const int depth = bits == AUDIO_BITS_16 ? SF_FORMAT_PCM_16
	                : bits == AUDIO_BITS_32F ? SF_FORMAT_FLOAT
	                                         : SF_FORMAT_PCM_24;
	if (strcasecmp(ext, "wav") == 0) {
		*format = SF_FORMAT_WAV | depth;
	} else if (strcasecmp(ext, "flac") == 0) {
		if (bits == AUDIO_BITS_32F) {
			snprintf(err, err_size, "FLAC holds 16 or 24 bits, not 32f: use --bits 16 or 24, "
			                        "or a .wav output");
			return false;
		}
		*format = SF_FORMAT_FLAC | depth;
	} else if (strcasecmp(ext, "ogg") == 0 || strcasecmp(ext, "oga") == 0) {
		*format = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
	} else {
		snprintf(err, err_size, "cannot tell the format of '%s': name it .wav, .flac or .ogg",
		         path);
		return false;
	}
	return true;
}

static void
describe_error(SNDFILE* sf, const char* what, const char* path, char* err, size_t err_size)
{
	const int saved = errno;
	/* the system's reason ("File too large", "No space left on device") says
	 * more than libsndfile's */
	const char* reason = saved != 0 ? strerror(saved) : sf_strerror(sf);
	snprintf(err, err_size, "%s %s failed: %s", what, path, reason);
}

bool
audio_file_open(AudioFile* audio, const char* path, int format, int rate, char* err,
                size_t err_size)
{
	memset(audio, 0, sizeof(*audio));
	SF_INFO info = {.samplerate = rate, .channels = 2, .format = format};
	if (!sf_format_check(&info)) {
		snprintf(err, err_size, "%s cannot hold stereo at %d Hz in this format", path, rate);
		return false;
	}
	const int fd = atomic_file_open(&audio->file, path, err, err_size);
	if (fd < 0) {
		return false;
	}
	audio->sf = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
	if (!audio->sf) {
		snprintf(err, err_size, "cannot write %s: %s", path, sf_strerror(NULL));
		close(fd);
		atomic_file_abort(&audio->file);
		return false;
	}
	/* Float to integer: clip rather than wrap.  No PEAK chunk: it carries a
	 * time stamp, and the same render must give the same bytes. */
	sf_command(audio->sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
	sf_command(audio->sf, SFC_SET_ADD_PEAK_CHUNK, NULL, SF_FALSE);
	sf_set_string(audio->sf, SF_STR_SOFTWARE, "somascape-render");
	return true;
}

bool
audio_file_write(AudioFile* audio, const float* frames, uint32_t n, char* err, size_t err_size)
{
	errno = 0;
	if (sf_writef_float(audio->sf, frames, n) != (sf_count_t)n) {
		describe_error(audio->sf, "writing", audio->file.path, err, err_size);
		return false;
	}
	return true;
}

bool
audio_file_commit(AudioFile* audio, char* err, size_t err_size)
{
	errno = 0;
	sf_write_sync(audio->sf);
	const int status = sf_close(audio->sf);
	audio->sf = NULL;
	if (status != 0) {
		snprintf(err, err_size, "writing %s failed: %s", audio->file.path,
		         errno ? strerror(errno) : sf_error_number(status));
		atomic_file_abort(&audio->file);
		return false;
	}
	return atomic_file_commit(&audio->file, err, err_size);
}

void
audio_file_abort(AudioFile* audio)
{
	if (audio->sf) {
		sf_close(audio->sf);
		audio->sf = NULL;
	}
	atomic_file_abort(&audio->file);
}
