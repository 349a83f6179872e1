/* SPDX-License-Identifier: ISC */
#include "atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
atomic_file_open(AtomicFile* file, const char* path, char* err, size_t err_size)
{
	memset(file, 0, sizeof(*file));
	const char* slash = strrchr(path, '/');
	const int dir_len = slash ? (int)(slash - path + 1) : 0;
	const char* base = slash ? slash + 1 : path;
	const size_t len = strlen(path) + sizeof(".tmp-XXXXXX") + 1;
	char* temp = (char*)malloc(len);
	if (!temp || !*base) {
		free(temp);
		snprintf(err, err_size, "'%s' is not a file name", path);
		return -1;
	}
	/* hidden, and named after the output so a stray one is recognisable */
	snprintf(temp, len, "%.*s.%s.tmp-XXXXXX", dir_len, path, base);
	const int fd = mkstemp(temp);
	if (fd < 0) {
		snprintf(err, err_size, "cannot write %s: %s", path, strerror(errno));
		free(temp);
		return -1;
	}
	/* mkstemp makes 0600; the output should have the usual permissions */
	const mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0) {
		/* not fatal: the file is still the user's */
	}
	file->path = strdup(path);
	file->temp_path = temp;
	return fd;
}

bool
atomic_file_commit(AtomicFile* file, char* err, size_t err_size)
{
	if (!file->temp_path) {
		return true;
	}
	if (rename(file->temp_path, file->path) != 0) {
		snprintf(err, err_size, "cannot write %s: %s", file->path, strerror(errno));
		atomic_file_abort(file);
		return false;
	}
	free(file->temp_path);
	file->temp_path = NULL;
	free(file->path);
	file->path = NULL;
	return true;
}

void
atomic_file_abort(AtomicFile* file)
{
	if (file->temp_path) {
		unlink(file->temp_path);
		free(file->temp_path);
		file->temp_path = NULL;
	}
	free(file->path);
	file->path = NULL;
}
