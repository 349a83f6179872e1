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
	const int depth = bits == AUDIO_BITS_16    ? SF_FORMAT_PCM_16
	                  : bits == AUDIO_BITS_32F ? SF_FORMAT_FLOAT
	                                           : SF_FORMAT_PCM_24;
	if (strcasecmp(ext, "wav") == 0) {
		*format = SF_FORMAT_WAV | depth;
	} else if (strcasecmp(ext, "flac") == 0) {
		if (bits == AUDIO_BITS_32F) {
			snprintf(err, err_size,
			         "FLAC holds 16 or 24 bits, not 32f: use --bits 16 or 24, "
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

/* libFLAC's level 3 (libsndfile maps 0..1 onto levels 0..8): an hour of
 * the default session encodes with about a third less work than at the
 * default level 5, into a file 1 % larger (136 MB instead of 135). */
#define FLAC_COMPRESSION_LEVEL (3.0 / 8.0)

static void
describe_error(const AudioFile* audio, const char* what, char* err, size_t err_size)
{
	const int saved = audio->out.error ? audio->out.error : errno;
	/* the system's reason ("File too large", "No space left on device") says
	 * more than libsndfile's */
	const char* reason = saved != 0 ? strerror(saved) : sf_strerror(audio->sf);
	snprintf(err, err_size, "%s %s failed: %s", what, audio->file.path, reason);
}

/* libsndfile's virtual I/O onto the write buffer. */
static sf_count_t
vio_length(void* user)
{
	return ((const WriteBuffer*)user)->length;
}

static sf_count_t
vio_seek(sf_count_t offset, int whence, void* user)
{
	WriteBuffer* out = (WriteBuffer*)user;
	const int64_t base = whence == SEEK_CUR   ? write_buffer_tell(out)
	                     : whence == SEEK_END ? out->length
	                                          : 0;
	return write_buffer_seek(out, base + offset);
}

static sf_count_t
vio_read(void* data, sf_count_t n, void* user)
{
	(void)data, (void)n, (void)user; /* writing only: nothing is read back */
	return 0;
}

static sf_count_t
vio_write(const void* data, sf_count_t n, void* user)
{
	return (sf_count_t)write_buffer_write((WriteBuffer*)user, data, (size_t)n);
}

static sf_count_t
vio_tell(void* user)
{
	return write_buffer_tell((const WriteBuffer*)user);
}

static SF_VIRTUAL_IO vio = {vio_length, vio_seek, vio_read, vio_write, vio_tell};

bool
audio_file_open(AudioFile* audio, const char* path, int format, int rate, char* err,
                size_t err_size)
{
	memset(audio, 0, sizeof(*audio));
	audio->fd = -1;
	SF_INFO info = {.samplerate = rate, .channels = 2, .format = format};
	if (!sf_format_check(&info)) {
		snprintf(err, err_size, "%s cannot hold stereo at %d Hz in this format", path, rate);
		return false;
	}
	audio->fd = atomic_file_open(&audio->file, path, err, err_size);
	if (audio->fd < 0) {
		return false;
	}
	if (!write_buffer_init(&audio->out, audio->fd)) {
		snprintf(err, err_size, "out of memory");
		audio_file_abort(audio);
		return false;
	}
	audio->sf = sf_open_virtual(&vio, SFM_WRITE, &info, &audio->out);
	if (!audio->sf) {
		snprintf(err, err_size, "cannot write %s: %s", path, sf_strerror(NULL));
		audio_file_abort(audio);
		return false;
	}
	/* Float to integer: clip rather than wrap.  No PEAK chunk: it carries a
	 * time stamp, and the same render must give the same bytes. */
	sf_command(audio->sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
	sf_command(audio->sf, SFC_SET_ADD_PEAK_CHUNK, NULL, SF_FALSE);
	if ((format & SF_FORMAT_TYPEMASK) == SF_FORMAT_FLAC) {
		double level = FLAC_COMPRESSION_LEVEL;
		sf_command(audio->sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof(level));
	}
	sf_set_string(audio->sf, SF_STR_SOFTWARE, "somascape-render");
	return true;
}

bool
audio_file_write(AudioFile* audio, const float* frames, uint32_t n, char* err, size_t err_size)
{
	errno = 0;
	if (sf_writef_float(audio->sf, frames, n) != (sf_count_t)n) {
		describe_error(audio, "writing", err, err_size);
		return false;
	}
	return true;
}

bool
audio_file_commit(AudioFile* audio, char* err, size_t err_size)
{
	errno = 0;
	/* libsndfile writes the header now that the length is known */
	const int status = sf_close(audio->sf);
	audio->sf = NULL;
	const bool synced = status == 0 && write_buffer_sync(&audio->out);
	const bool closed = close(audio->fd) == 0;
	audio->fd = -1;
	if (!synced || !closed) {
		if (audio->out.error || errno) {
			describe_error(audio, "writing", err, err_size);
		} else {
			snprintf(err, err_size, "writing %s failed: %s", audio->file.path,
			         sf_error_number(status));
		}
		audio_file_abort(audio);
		return false;
	}
	write_buffer_free(&audio->out);
	return atomic_file_commit(&audio->file, err, err_size);
}

void
audio_file_abort(AudioFile* audio)
{
	if (audio->sf) {
		sf_close(audio->sf);
		audio->sf = NULL;
	}
	write_buffer_free(&audio->out);
	if (audio->fd >= 0) {
		close(audio->fd);
		audio->fd = -1;
	}
	atomic_file_abort(&audio->file);
}
