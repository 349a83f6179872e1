/* SPDX-License-Identifier: ISC */
#include "sample_worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
sample_worker_init(SampleWorker* w, double rate, LV2_Worker_Schedule* schedule,
                   LV2_Log_Logger* logger)
{
	memset(w, 0, sizeof(*w));
	w->rate = rate;
	w->schedule = schedule;
	w->logger = logger;
	pthread_mutex_init(&w->saved_lock, NULL);
}

/* Not the audio thread: `path` is what plays once the pending swaps land. */
static void
set_saved_path(SampleWorker* w, const char* path)
{
	pthread_mutex_lock(&w->saved_lock);
	snprintf(w->saved_path, sizeof(w->saved_path), "%s", path);
	pthread_mutex_unlock(&w->saved_lock);
}

void
sample_worker_saved_path(SampleWorker* w, char* out)
{
	pthread_mutex_lock(&w->saved_lock);
	memcpy(out, w->saved_path, sizeof(w->saved_path));
	pthread_mutex_unlock(&w->saved_lock);
}

void
user_sample_free(UserSample* sample)
{
	if (sample) {
		sample_file_free(sample->file);
		free(sample);
	}
}

void
sample_worker_cleanup(SampleWorker* w)
{
	user_sample_free(w->current);
	w->current = NULL;
	for (int i = 0; i < SAMPLE_RETIRED_MAX; ++i) {
		user_sample_free(w->retired[i]);
		w->retired[i] = NULL;
	}
	pthread_mutex_destroy(&w->saved_lock);
}

bool
sample_job_load(LV2_Worker_Schedule* schedule, void* buffer, const char* path, uint32_t size)
{
	if (!schedule || size == 0 || size > SAMPLE_PATH_MAX) {
		return false;
	}
	SampleJob* job = (SampleJob*)buffer;
	job->kind = SAMPLE_JOB_LOAD;
	job->path_size = size;
	job->sample = NULL;
	memcpy(job->path, path, size);
	return schedule->schedule_work(schedule->handle, (uint32_t)(sizeof(SampleJob) + size), job) ==
	       LV2_WORKER_SUCCESS;
}

bool
sample_worker_load(SampleWorker* w, const char* path, uint32_t size)
{
	if (!sample_job_load(w->schedule, w->request, path, size)) {
		w->report = true;
		return false;
	}
	return true;
}

/* Audio thread: hands a sample to the worker to be freed. */
static bool
send_to_free(SampleWorker* w, UserSample* sample)
{
	const SampleJob job = {.kind = SAMPLE_JOB_FREE, .sample = sample};
	return w->schedule &&
	       w->schedule->schedule_work(w->schedule->handle, sizeof(job), &job) == LV2_WORKER_SUCCESS;
}

void
sample_worker_collect(SampleWorker* w, const Player* player)
{
	for (int i = 0; i < SAMPLE_RETIRED_MAX; ++i) {
		UserSample* old = w->retired[i];
		if (old && !player_uses_sample(player, &old->file->cue) && send_to_free(w, old)) {
			w->retired[i] = NULL;
		}
	}
}

UserSample*
sample_worker_read(const SampleWorker* w, const char* path)
{
	char reason[512] = "";
	SampleFile* file = sample_file_load(path, w->rate, reason, sizeof(reason));
	const size_t size = strlen(path) + 1;
	UserSample* sample = file ? (UserSample*)malloc(sizeof(UserSample) + size) : NULL;
	if (!sample) {
		sample_file_free(file);
		lv2_log_error(w->logger,
		              "somascape: cannot use \"%s\" as the cue sample: %s; the "
		              "previous sound stays\n",
		              path, file ? "out of memory" : reason);
		return NULL;
	}
	sample->file = file;
	sample->path_size = (uint32_t)size;
	memcpy(sample->path, path, size);
	lv2_log_note(w->logger,
	             "somascape: cue sample \"%s\": %.2f s, %d channel(s) at %d Hz, %.2f s of "
	             "silence trimmed, gain %+.1f dB\n",
	             path, file->source_seconds, file->source_channels, file->source_rate,
	             file->trimmed_s, file->gain_db);
	return sample;
}

LV2_Worker_Status
sample_worker_work(SampleWorker* w, LV2_Worker_Respond_Function respond,
                   LV2_Worker_Respond_Handle handle, uint32_t size, const void* data)
{
	if (size < sizeof(SampleJob)) {
		return LV2_WORKER_ERR_UNKNOWN;
	}
	const SampleJob* job = (const SampleJob*)data;
	if (job->kind == SAMPLE_JOB_FREE) {
		user_sample_free(job->sample);
		return LV2_WORKER_SUCCESS;
	}
	if (job->kind != SAMPLE_JOB_LOAD || job->path_size == 0 ||
	    size != sizeof(SampleJob) + job->path_size || job->path[job->path_size - 1] != '\0') {
		return LV2_WORKER_ERR_UNKNOWN;
	}
	UserSample* sample = sample_worker_read(w, job->path);
	const SampleJob answer = {.kind = sample ? SAMPLE_JOB_LOADED : SAMPLE_JOB_FAILED,
	                          .sample = sample};
	if (respond(handle, sizeof(answer), &answer) != LV2_WORKER_SUCCESS) {
		user_sample_free(sample); /* never reaches the audio thread */
		lv2_log_error(w->logger,
		              "somascape: the host's worker queue is full; \"%s\" is not "
		              "loaded\n",
		              job->path);
		return LV2_WORKER_ERR_NO_SPACE;
	}
	if (sample) { /* responses land in order: this one will play */
		set_saved_path(w, sample->path);
	}
	return LV2_WORKER_SUCCESS;
}

/* Audio thread: `sample` plays from now on; the old one fades and retires. */
static void
swap_in(SampleWorker* w, Player* player, UserSample* sample)
{
	UserSample* old = w->current;
	w->current = sample;
	player_set_user_sample(player, &sample->file->cue);
	w->report = true;
	if (!old) {
		return;
	}
	int slot = -1;
	for (int i = 0; i < SAMPLE_RETIRED_MAX && slot < 0; ++i) {
		if (!w->retired[i]) {
			slot = i;
		}
	}
	if (slot < 0) {
		/* many loads within a few ms: the oldest is cut short and freed */
		slot = 0;
		player_stop_sample(player, &w->retired[0]->file->cue);
		if (!send_to_free(w, w->retired[0])) {
			return; /* cannot happen with a worker; then the old one leaks */
		}
	}
	w->retired[slot] = old;
	if (!player_uses_sample(player, &old->file->cue) && send_to_free(w, old)) {
		w->retired[slot] = NULL;
	}
}

LV2_Worker_Status
sample_worker_response(SampleWorker* w, Player* player, uint32_t size, const void* data)
{
	if (size != sizeof(SampleJob)) {
		return LV2_WORKER_ERR_UNKNOWN;
	}
	const SampleJob* job = (const SampleJob*)data;
	if (job->kind == SAMPLE_JOB_LOADED && job->sample) {
		swap_in(w, player, job->sample);
	} else if (job->kind == SAMPLE_JOB_FAILED) {
		w->report = true; /* the host's idea of the path goes back to ours */
	}
	return LV2_WORKER_SUCCESS;
}

void
sample_worker_install_now(SampleWorker* w, Player* player, UserSample* sample)
{
	UserSample* old = w->current;
	w->current = sample;
	set_saved_path(w, sample->path);
	player_set_user_sample(player, &sample->file->cue);
	w->report = true;
	if (old) {
		player_stop_sample(player, &old->file->cue);
		user_sample_free(old);
	}
}
