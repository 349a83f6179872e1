/* SPDX-License-Identifier: ISC */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "ffmpeg_child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

/* Above the descriptors the child is given (0..3), so that no dup2 in the
 * child maps a descriptor onto itself (which would keep it close-on-exec). */
#define FIRST_PRIVATE_FD 10
#define AUDIO_FD 3
#define AUDIO_PIPE_BYTES (1 << 20)
/* An encoder's delay is seconds of sound; this is minutes of it (of 384 kHz
 * stereo float): ffmpeg is not reading the audio at all. */
#define MAX_PENDING_BYTES ((size_t)1 << 30)

bool
ffmpeg_on_path(void)
{
	const char* path = getenv("PATH");
	if (!path) {
		return false;
	}
	while (*path) {
		const size_t len = strcspn(path, ":");
		char candidate[4096];
		snprintf(candidate, sizeof(candidate), "%.*s/ffmpeg", (int)(len ? len : 1),
		         len ? path : ".");
		struct stat st;
		if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode) && access(candidate, X_OK) == 0) {
			return true;
		}
		path += len + (path[len] == ':');
	}
	return false;
}

/* A close-on-exec copy of fd at FIRST_PRIVATE_FD or above, fd closed. */
static int
move_high(int fd)
{
	const int high = fcntl(fd, F_DUPFD_CLOEXEC, FIRST_PRIVATE_FD);
	close(fd);
	return high;
}

static bool
make_pipe(int* read_end, int* write_end)
{
	int fds[2];
	if (pipe(fds) != 0) {
		return false;
	}
	*read_end = move_high(fds[0]);
	*write_end = move_high(fds[1]);
	/* ours never blocks: the two pipes are fed as ffmpeg takes them */
	return *read_end >= 0 && *write_end >= 0 && fcntl(*write_end, F_SETFL, O_NONBLOCK) == 0;
}

/* The last non-empty line ffmpeg wrote, into err after `what`. */
static void
last_message(const FfmpegChild* child, const char* what, char* err, size_t err_size)
{
	char tail[1024];
	ssize_t got = 0;
	const off_t end = lseek(child->messages, 0, SEEK_END);
	if (end > 0) {
		const off_t from = end > (off_t)sizeof(tail) - 1 ? end - (off_t)sizeof(tail) + 1 : 0;
		got = pread(child->messages, tail, sizeof(tail) - 1, from);
	}
	got = got < 0 ? 0 : got;
	while (got > 0 && (tail[got - 1] == '\n' || tail[got - 1] == '\r' || tail[got - 1] == ' ')) {
		--got;
	}
	tail[got] = '\0';
	const char* line = strrchr(tail, '\n');
	line = line ? line + 1 : tail;
	snprintf(err, err_size, "%s%s%s", what, *line ? ": " : "", line);
}

bool
ffmpeg_start(FfmpegChild* child, char* const argv[], char* err, size_t err_size)
{
	*child = (FfmpegChild){0, -1, -1, -1, NULL, 0, 0, 0};
	int video_in = -1, audio_in = -1;
	FILE* messages = tmpfile();
	child->messages = messages ? move_high(dup(fileno(messages))) : -1;
	if (messages) {
		fclose(messages);
	}
	if (child->messages < 0 || !make_pipe(&video_in, &child->video) ||
	    !make_pipe(&audio_in, &child->audio)) {
		snprintf(err, err_size, "cannot start ffmpeg: %s", strerror(errno));
		close(video_in);
		close(audio_in);
		ffmpeg_abort(child);
		return false;
	}
	/* a larger pipe: more of the audio ffmpeg has not read yet waits there
	 * rather than in our memory */
	fcntl(child->audio, F_SETPIPE_SZ, AUDIO_PIPE_BYTES);
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, video_in, STDIN_FILENO);
	posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, child->messages, STDERR_FILENO);
	posix_spawn_file_actions_adddup2(&actions, audio_in, AUDIO_FD);
	/* the renderer ignores SIGPIPE (to see EPIPE); ffmpeg should not */
	posix_spawnattr_t attr;
	posix_spawnattr_init(&attr);
	sigset_t defaults;
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	/* a process group of its own: Ctrl-C on the terminal stops the render,
	 * which then stops ffmpeg, rather than ffmpeg finishing a short file */
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
	const int failed = posix_spawnp(&child->pid, "ffmpeg", &actions, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&actions);
	close(video_in);
	close(audio_in);
	if (failed) {
		child->pid = 0;
		snprintf(err, err_size, "cannot run ffmpeg (install the %s package): %s", FFMPEG_PACKAGE,
		         strerror(failed));
		ffmpeg_abort(child);
		return false;
	}
	return true;
}

/* ffmpeg has stopped reading: wait for it and say why. */
static bool
stopped_reading(FfmpegChild* child, const char* what, char* err, size_t err_size)
{
	err[0] = '\0';
	ffmpeg_finish(child, err, err_size);
	if (!*err) {
		snprintf(err, err_size, "ffmpeg stopped reading the %s", what);
	}
	return false;
}

typedef enum { SENT, WOULD_BLOCK, STOPPED } SendResult;

/* Some of the waiting audio, without blocking. */
static SendResult
send_pending(FfmpegChild* child)
{
	while (child->pending_len > 0) {
		const ssize_t n =
		    write(child->audio, child->pending + child->pending_start, child->pending_len);
		if (n < 0) {
			return errno == EAGAIN || errno == EINTR ? WOULD_BLOCK : STOPPED;
		}
		child->pending_start += (size_t)n;
		child->pending_len -= (size_t)n;
	}
	child->pending_start = 0;
	return SENT;
}

static bool
queue_audio(FfmpegChild* child, const void* data, size_t size)
{
	if (size == 0) {
		return true; /* nothing, and perhaps no queue yet to copy into */
	}
	if (child->pending_start > 0 &&
	    child->pending_start + child->pending_len + size > child->pending_cap) {
		memmove(child->pending, child->pending + child->pending_start, child->pending_len);
		child->pending_start = 0;
	}
	if (child->pending_len + size > child->pending_cap) {
		size_t cap = child->pending_cap ? child->pending_cap : 1u << 16;
		while (cap < child->pending_len + size) {
			cap *= 2;
		}
		char* grown = cap <= MAX_PENDING_BYTES ? (char*)realloc(child->pending, cap) : NULL;
		if (!grown) {
			return false;
		}
		child->pending = grown;
		child->pending_cap = cap;
	}
	memcpy(child->pending + child->pending_start + child->pending_len, data, size);
	child->pending_len += size;
	return true;
}

bool
ffmpeg_write_audio(FfmpegChild* child, const void* data, size_t size, char* err, size_t err_size)
{
	if (!queue_audio(child, data, size)) {
		snprintf(err, err_size, "ffmpeg has not read the last %u MB of audio",
		         (unsigned)(MAX_PENDING_BYTES >> 20));
		ffmpeg_abort(child);
		return false;
	}
	return send_pending(child) != STOPPED || stopped_reading(child, "audio", err, err_size);
}

bool
ffmpeg_write_video(FfmpegChild* child, const void* data, size_t size, char* err, size_t err_size)
{
	const char* p = (const char*)data;
	while (size > 0) {
		struct pollfd fds[2] = {{child->video, POLLOUT, 0},
		                        {child->pending_len ? child->audio : -1, POLLOUT, 0}};
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR) {
				/* only the renderer's stop signals have handlers */
				snprintf(err, err_size, "interrupted");
				return false;
			}
			continue;
		}
		if (fds[1].revents && send_pending(child) == STOPPED) {
			return stopped_reading(child, "audio", err, err_size);
		}
		if (fds[0].revents) {
			const ssize_t n = write(child->video, p, size);
			if (n < 0 && errno != EAGAIN && errno != EINTR) {
				return stopped_reading(child, "video", err, err_size);
			}
			if (n > 0) {
				p += n;
				size -= (size_t)n;
			}
		}
	}
	return true;
}

/* The rest of the audio, once the pictures are all sent. */
static void
send_rest(FfmpegChild* child)
{
	while (child->pending_len > 0 && child->audio >= 0) {
		struct pollfd fd = {child->audio, POLLOUT, 0};
		if ((poll(&fd, 1, -1) < 0 && errno == EINTR) || send_pending(child) == STOPPED) {
			return;
		}
	}
}

static void
close_pipes(FfmpegChild* child)
{
	if (child->video >= 0) {
		close(child->video);
		child->video = -1;
	}
	if (child->audio >= 0) {
		close(child->audio);
		child->audio = -1;
	}
}

static int
wait_child(FfmpegChild* child)
{
	int status = 0;
	while (waitpid(child->pid, &status, 0) < 0 && errno == EINTR) {
	}
	child->pid = 0;
	return status;
}

bool
ffmpeg_finish(FfmpegChild* child, char* err, size_t err_size)
{
	/* no more pictures: ffmpeg can take the sound that goes with them */
	if (child->video >= 0) {
		close(child->video);
		child->video = -1;
	}
	send_rest(child);
	close_pipes(child);
	free(child->pending);
	child->pending = NULL;
	child->pending_len = child->pending_cap = 0;
	bool ok = true;
	if (child->pid > 0) {
		const int status = wait_child(child);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			char what[64];
			if (WIFSIGNALED(status)) {
				snprintf(what, sizeof(what), "ffmpeg was killed by signal %d", WTERMSIG(status));
			} else {
				snprintf(what, sizeof(what), "ffmpeg failed (exit %d)", WEXITSTATUS(status));
			}
			last_message(child, what, err, err_size);
			ok = false;
		}
	}
	if (child->messages >= 0) {
		close(child->messages);
		child->messages = -1;
	}
	return ok;
}

void
ffmpeg_abort(FfmpegChild* child)
{
	if (child->pid > 0) {
		/* ffmpeg finishes the file on SIGTERM; nothing of it is wanted */
		kill(child->pid, SIGKILL);
		close_pipes(child);
		wait_child(child);
	}
	close_pipes(child);
	if (child->messages >= 0) {
		close(child->messages);
		child->messages = -1;
	}
	free(child->pending);
	child->pending = NULL;
	child->pending_len = child->pending_cap = 0;
}
