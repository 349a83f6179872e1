/* SPDX-License-Identifier: ISC */
/* The LV2 worker for an offline host.  schedule_work() runs the plugin's
 * work() at once, in the calling thread (the spec allows this when
 * rendering offline, and it keeps renders deterministic: a file load lands
 * in the same block every time).  Responses wait in a queue and reach
 * work_response() right after the run() that caused them, followed by
 * end_run(). */
#ifndef SOMASCAPE_HOST_WORKER_H
#define SOMASCAPE_HOST_WORKER_H

#include <lilv/lilv.h>
#include <lv2/worker/worker.h>

#include <stdbool.h>
#include <stdint.h>

#define HOST_WORKER_QUEUE 65536u

typedef struct {
	LV2_Worker_Schedule schedule;      /* the feature's data */
	const LV2_Worker_Interface* iface; /* NULL if the plugin has no worker */
	LV2_Handle handle;
	uint32_t used;                                  /* bytes queued in responses */
	void (*around_work)(void* data, bool entering); /* or NULL */
	void* around_data;
	/* entries of a 64-bit size then the data, padded to 8 bytes so the
	 * plugin may read its structs in place */
	_Alignas(8) uint8_t responses[HOST_WORKER_QUEUE];
} HostWorker;

/* Before instantiation: makes the schedule feature usable. */
void host_worker_init(HostWorker* worker);

/* After instantiation: finds the plugin's worker interface, if any. */
void host_worker_attach(HostWorker* worker, LilvInstance* instance);

/* After every run(): delivers the queued responses, then end_run(). */
void host_worker_end_run(HostWorker* worker);

#endif
