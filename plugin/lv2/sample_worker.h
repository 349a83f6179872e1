/* SPDX-License-Identifier: ISC */
/* Loading the user's cue sample through the LV2 worker, eg-sampler's way:
 * run() asks for a path (sample_worker_load), the worker's work() reads and
 * prepares the file (sample_file.c), work_response() in the audio thread
 * swaps it in, and the old one goes back to the worker to be freed once
 * none of its strikes sounds any more (they fade out over a few ms).  A
 * file that cannot be used is logged from the worker and the previous
 * sound stays.  Which thread calls what is said at each function. */
#ifndef SOMASCAPE_SAMPLE_WORKER_H
#define SOMASCAPE_SAMPLE_WORKER_H

#include "player.h"
#include "sample_file.h"
#include "sample_patch.h"

#include <lv2/log/logger.h>
#include <lv2/worker/worker.h>

#include <stdbool.h>
#include <pthread.h>
#include <stdint.h>

/* Swapped-out samples whose strikes are still fading. */
#define SAMPLE_RETIRED_MAX 4

/* A loaded sample and the absolute path it came from. */
typedef struct {
	SampleFile* file;
	uint32_t path_size; /* with the NUL */
	char path[];
} UserSample;

/* A job for the worker, or its answer. */
typedef enum {
	SAMPLE_JOB_LOAD,
	SAMPLE_JOB_FREE,
	SAMPLE_JOB_LOADED,
	SAMPLE_JOB_FAILED
} SampleJobKind;

typedef struct {
	uint32_t kind; /* SampleJobKind */
	uint32_t path_size;
	UserSample* sample; /* FREE, LOADED */
	char path[];        /* LOAD: path_size bytes, NUL-terminated */
} SampleJob;

/* Room for the biggest LOAD job. */
#define SAMPLE_JOB_BYTES (sizeof(SampleJob) + SAMPLE_PATH_MAX)

typedef struct {
	LV2_Worker_Schedule* schedule; /* NULL: the host has no worker */
	LV2_Log_Logger* logger;
	double rate;
	UserSample* current; /* what plays; owned by the audio thread */
	UserSample* retired[SAMPLE_RETIRED_MAX];
	bool report; /* tell the host the path in the next run */
	/* The path save() stores.  save() may run while run() swaps `current`
	 * and the worker frees the old one, so it never reads `current`: the
	 * worker thread copies the path of each sample it hands over, under a
	 * lock the audio thread never takes. */
	pthread_mutex_t saved_lock;
	char saved_path[SAMPLE_PATH_MAX]; /* "" while none */
	/* the LOAD job is built here rather than on run()'s stack */
	_Alignas(8) unsigned char request[SAMPLE_JOB_BYTES];
} SampleWorker;

/* Instantiation thread.  schedule may be NULL. */
void sample_worker_init(SampleWorker* w, double rate, LV2_Worker_Schedule* schedule,
                        LV2_Log_Logger* logger);

/* Instantiation thread: frees every sample. */
void sample_worker_cleanup(SampleWorker* w);

/* Any thread: schedules loading `path` (size with the NUL), the job built
 * in `buffer` (SAMPLE_JOB_BYTES, 8-byte aligned); false if it cannot. */
bool sample_job_load(LV2_Worker_Schedule* schedule, void* buffer, const char* path, uint32_t size);

/* Audio thread: asks the worker to load `path` (size with the NUL).  False
 * if there is no worker or its queue is full; the path is then reported
 * unchanged. */
bool sample_worker_load(SampleWorker* w, const char* path, uint32_t size);

/* Audio thread, at the start of run(): sends retired samples whose strikes
 * have ended to be freed. */
void sample_worker_collect(SampleWorker* w, const Player* player);

/* Audio thread: the path to report ("" while none is loaded). */
static inline const char*
sample_worker_path(const SampleWorker* w)
{
	return w->current ? w->current->path : "";
}

/* Worker thread: a job scheduled by the functions above. */
LV2_Worker_Status sample_worker_work(SampleWorker* w, LV2_Worker_Respond_Function respond,
                                     LV2_Worker_Respond_Handle handle, uint32_t size,
                                     const void* data);

/* Audio thread (work_response): a LOADED sample is swapped in. */
LV2_Worker_Status sample_worker_response(SampleWorker* w, Player* player, uint32_t size,
                                         const void* data);

/* Any thread but the audio thread: reads and prepares `path` now, logging
 * a failure; NULL if it cannot be used. */
UserSample* sample_worker_read(const SampleWorker* w, const char* path);

/* Instantiation thread, with run() not running (state restore without a
 * worker): installs `sample` at once and frees the one it replaces. */
void sample_worker_install_now(SampleWorker* w, Player* player, UserSample* sample);

/* Any thread but the audio thread: copies the path save() should store
 * ("" while none) into out (SAMPLE_PATH_MAX bytes). */
void sample_worker_saved_path(SampleWorker* w, char* out);

void user_sample_free(UserSample* sample);

#endif
