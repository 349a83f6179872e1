/* SPDX-License-Identifier: ISC */
/* The state path features (state:mapPath, state:makePath, state:freePath)
 * for an offline host.  Abstract paths are relative to a base directory
 * (the working directory unless set) when the file lies inside it, and
 * absolute otherwise.  Files the plugin makes go to a private scratch
 * directory, created on first use and removed with everything in it when
 * the host is freed: a render keeps no plugin state. */
#ifndef SOMASCAPE_HOST_PATHS_H
#define SOMASCAPE_HOST_PATHS_H

#include <lv2/state/state.h>

typedef struct {
	LV2_State_Map_Path map_path;
	LV2_State_Make_Path make_path;
	LV2_State_Free_Path free_path;
	char* base_dir;
	char* scratch_dir;
} HostPaths;

void host_paths_init(HostPaths* paths);
void host_paths_cleanup(HostPaths* paths);

/* Where relative abstract paths resolve; returns 0 on success. */
int host_paths_set_base(HostPaths* paths, const char* dir);

#endif
