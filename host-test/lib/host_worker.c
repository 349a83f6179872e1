/* SPDX-License-Identifier: ISC */
#include "host_worker.h"

#include <string.h>

#define ENTRY_HEADER 8u

static uint32_t
entry_size(uint32_t size)
{
	return ENTRY_HEADER + ((size + 7u) & ~7u);
}

/* Called by the plugin's work(): the response is copied into the queue. */
static LV2_Worker_Status
respond(LV2_Worker_Respond_Handle handle, uint32_t size, const void* data)
{
	HostWorker* worker = (HostWorker*)handle;
	if (size > HOST_WORKER_QUEUE - ENTRY_HEADER ||
	    worker->used + entry_size(size) > HOST_WORKER_QUEUE) {
		return LV2_WORKER_ERR_NO_SPACE;
	}
	const uint64_t header = size;
	memcpy(worker->responses + worker->used, &header, ENTRY_HEADER);
	memcpy(worker->responses + worker->used + ENTRY_HEADER, data, size);
	const uint32_t need = entry_size(size);
	worker->used += need;
	return LV2_WORKER_SUCCESS;
}

/* Audio thread (the plugin's run()): the work is done here and now. */
static LV2_Worker_Status
schedule_work(LV2_Worker_Schedule_Handle handle, uint32_t size, const void* data)
{
	HostWorker* worker = (HostWorker*)handle;
	if (!worker->iface || !worker->iface->work) {
		return LV2_WORKER_ERR_UNKNOWN;
	}
	if (worker->around_work) {
		worker->around_work(worker->around_data, true);
	}
	const LV2_Worker_Status status =
	    worker->iface->work(worker->handle, respond, worker, size, data);
	if (worker->around_work) {
		worker->around_work(worker->around_data, false);
	}
	return status;
}

void
host_worker_init(HostWorker* worker)
{
	memset(worker, 0, sizeof(*worker));
	worker->schedule = (LV2_Worker_Schedule){worker, schedule_work};
}

void
host_worker_attach(HostWorker* worker, LilvInstance* instance)
{
	worker->iface = (const LV2_Worker_Interface*)lilv_instance_get_extension_data(
	    instance, LV2_WORKER__interface);
	worker->handle = lilv_instance_get_handle(instance);
}

void
host_worker_end_run(HostWorker* worker)
{
	if (!worker->iface) {
		return;
	}
	/* A response may schedule more work, whose responses then wait for the
	 * next cycle: take this cycle's queue first. */
	uint32_t offset = 0;
	const uint32_t end = worker->used;
	while (offset < end) {
		uint64_t header;
		memcpy(&header, worker->responses + offset, ENTRY_HEADER);
		const uint32_t size = (uint32_t)header;
		if (worker->iface->work_response) {
			worker->iface->work_response(worker->handle, size,
			                             worker->responses + offset + ENTRY_HEADER);
		}
		offset += entry_size(size);
	}
	memmove(worker->responses, worker->responses + end, worker->used - end);
	worker->used -= end;
	if (worker->iface->end_run) {
		worker->iface->end_run(worker->handle);
	}
}
