/* SPDX-License-Identifier: ISC */
#include "sample_state.h"

#include <lv2/core/lv2_util.h>
#include <lv2/worker/worker.h>

#include <stdlib.h>
#include <string.h>

LV2_State_Status
sample_state_save(SampleWorker* w, const SamplePatchURIs* uris, LV2_State_Store_Function store,
                  LV2_State_Handle handle, const LV2_Feature* const* features)
{
	char path[SAMPLE_PATH_MAX];
	sample_worker_saved_path(w, path);
	if (!path[0]) {
		return LV2_STATE_SUCCESS;
	}
	LV2_State_Map_Path* map_path = NULL;
	LV2_State_Free_Path* free_path = NULL;
	lv2_features_query(features, LV2_STATE__mapPath, &map_path, false, LV2_STATE__freePath,
	                   &free_path, false, NULL);
	char* abstract = map_path ? map_path->abstract_path(map_path->handle, path) : NULL;
	const char* value = abstract ? abstract : path;
	const LV2_State_Status status =
	    store(handle, uris->cue_sample, value, strlen(value) + 1, uris->atom_Path,
	          LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE);
	if (abstract) {
		if (free_path) {
			free_path->free_path(free_path->handle, abstract);
		} else {
			free(abstract);
		}
	}
	return status;
}

LV2_State_Status
sample_state_restore(SampleWorker* w, Player* player, const SamplePatchURIs* uris,
                     LV2_State_Retrieve_Function retrieve, LV2_State_Handle handle,
                     const LV2_Feature* const* features)
{
	size_t size = 0;
	uint32_t type = 0, flags = 0;
	const char* value = (const char*)retrieve(handle, uris->cue_sample, &size, &type, &flags);
	if (!value) {
		return LV2_STATE_SUCCESS;
	}
	if (type != uris->atom_Path || size < 2 || value[size - 1] != '\0') {
		lv2_log_error(w->logger, "somascape: the saved cue sample is not a path; ignored\n");
		return LV2_STATE_ERR_BAD_TYPE;
	}
	LV2_State_Map_Path* map_path = NULL;
	LV2_State_Free_Path* free_path = NULL;
	LV2_Worker_Schedule* schedule = NULL;
	lv2_features_query(features, LV2_STATE__mapPath, &map_path, false, LV2_STATE__freePath,
	                   &free_path, false, LV2_WORKER__schedule, &schedule, false, NULL);
	char* absolute = map_path ? map_path->absolute_path(map_path->handle, value) : NULL;
	const char* path = absolute ? absolute : value;
	LV2_State_Status status = LV2_STATE_SUCCESS;
	const size_t path_size = strlen(path) + 1;
	if (path_size > SAMPLE_PATH_MAX) {
		lv2_log_error(w->logger, "somascape: the saved cue sample's path is too long\n");
		status = LV2_STATE_ERR_UNKNOWN;
	} else if (schedule) {
		/* thread-safe restore: the load goes through the worker like a
		 * patch:Set, and is swapped in by work_response() */
		void* job = malloc(SAMPLE_JOB_BYTES); /* run() may be using w->request */
		if (!job || !sample_job_load(schedule, job, path, (uint32_t)path_size)) {
			lv2_log_error(w->logger, "somascape: cannot schedule loading \"%s\"\n", path);
			status = LV2_STATE_ERR_UNKNOWN;
		}
		free(job);
	} else {
		UserSample* sample = sample_worker_read(w, path);
		if (sample) {
			sample_worker_install_now(w, player, sample);
		}
	}
	if (absolute) {
		if (free_path) {
			free_path->free_path(free_path->handle, absolute);
		} else {
			free(absolute);
		}
	}
	return status;
}
