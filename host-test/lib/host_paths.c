/* SPDX-License-Identifier: ISC */
#define _XOPEN_SOURCE 700
#include "host_paths.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char*
join_path(const char* dir, const char* name)
{
	const size_t len = strlen(dir) + 1 + strlen(name) + 1;
	char* path = (char*)malloc(len);
	if (path) {
		snprintf(path, len, "%s/%s", dir, name);
	}
	return path;
}

static char*
abstract_path(LV2_State_Map_Path_Handle handle, const char* absolute)
{
	const HostPaths* paths = (const HostPaths*)handle;
	const size_t n = strlen(paths->base_dir);
	if (strncmp(absolute, paths->base_dir, n) == 0 && absolute[n] == '/') {
		return strdup(absolute + n + 1);
	}
	return strdup(absolute);
}

static char*
absolute_path(LV2_State_Map_Path_Handle handle, const char* abstract)
{
	const HostPaths* paths = (const HostPaths*)handle;
	return abstract[0] == '/' ? strdup(abstract) : join_path(paths->base_dir, abstract);
}

/* mkdir -p of every directory above `path`. */
static void
make_parents(char* path)
{
	for (char* slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			fprintf(stderr, "somascape host: cannot create %s: %s\n", path, strerror(errno));
		}
		*slash = '/';
	}
}

/* Non-real-time threads: a path in the scratch directory. */
static char*
make_path(LV2_State_Make_Path_Handle handle, const char* path)
{
	HostPaths* paths = (HostPaths*)handle;
	if (!paths->scratch_dir) {
		const char* tmp = getenv("TMPDIR");
		char* dir = join_path(tmp && *tmp ? tmp : "/tmp", "somascape-state-XXXXXX");
		if (!dir || !mkdtemp(dir)) {
			free(dir);
			return NULL;
		}
		paths->scratch_dir = dir;
	}
	char* full = join_path(paths->scratch_dir, path[0] == '/' ? path + 1 : path);
	if (full) {
		make_parents(full);
	}
	return full;
}

static void
free_path(LV2_State_Free_Path_Handle handle, char* path)
{
	(void)handle;
	free(path);
}

void
host_paths_init(HostPaths* paths)
{
	memset(paths, 0, sizeof(*paths));
	paths->map_path = (LV2_State_Map_Path){paths, abstract_path, absolute_path};
	paths->make_path = (LV2_State_Make_Path){paths, make_path};
	paths->free_path = (LV2_State_Free_Path){paths, free_path};
	char* cwd = getcwd(NULL, 0);
	paths->base_dir = cwd ? cwd : strdup("/");
}

int
host_paths_set_base(HostPaths* paths, const char* dir)
{
	char* real = realpath(dir, NULL);
	if (!real) {
		return -1;
	}
	free(paths->base_dir);
	paths->base_dir = real;
	return 0;
}

static int
remove_entry(const char* path, const struct stat* st, int flag, struct FTW* ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
host_paths_cleanup(HostPaths* paths)
{
	if (paths->scratch_dir) {
		nftw(paths->scratch_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	free(paths->scratch_dir);
	free(paths->base_dir);
	paths->scratch_dir = NULL;
	paths->base_dir = NULL;
}
