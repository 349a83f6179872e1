/* SPDX-License-Identifier: ISC */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "host_features.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static LV2_URID
map_uri(LV2_URID_Map_Handle handle, const char* uri)
{
	return uri_table_map((UriTable*)handle, uri);
}

static const char*
unmap_uri(LV2_URID_Unmap_Handle handle, LV2_URID urid)
{
	return uri_table_unmap((const UriTable*)handle, urid);
}

void
uri_table_init(UriTable* table)
{
	table->map = (LV2_URID_Map){table, map_uri};
	table->unmap = (LV2_URID_Unmap){table, unmap_uri};
	table->count = 0;
}

LV2_URID
uri_table_map(UriTable* table, const char* uri)
{
	for (uint32_t i = 0; i < table->count; ++i) {
		if (strcmp(table->uris[i], uri) == 0) {
			return i + 1;
		}
	}
	if (table->count == URI_TABLE_SIZE) {
		return 0;
	}
	table->uris[table->count] = strdup(uri);
	return table->uris[table->count] ? ++table->count : 0;
}

const char*
uri_table_unmap(const UriTable* table, LV2_URID urid)
{
	return urid >= 1 && urid <= table->count ? table->uris[urid - 1] : NULL;
}

void
uri_table_clear(UriTable* table)
{
	for (uint32_t i = 0; i < table->count; ++i) {
		free(table->uris[i]);
	}
	table->count = 0;
}

static int
log_vprintf(LV2_Log_Handle handle, LV2_URID type, const char* fmt, va_list ap)
{
	const HostLog* log = (const HostLog*)handle;
	const char* uri = log->uris ? uri_table_unmap(log->uris, type) : NULL;
	const char* hash = uri ? strrchr(uri, '#') : NULL;
	char message[2048];
	const int n = vsnprintf(message, sizeof(message), fmt, ap);
	log->sink(log->sink_data, hash ? hash + 1 : "log", message);
	return n;
}

static int
log_printf(LV2_Log_Handle handle, LV2_URID type, const char* fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const int n = log_vprintf(handle, type, fmt, ap);
	va_end(ap);
	return n;
}

void
host_log_init(HostLog* log, const UriTable* uris, HostLogSink sink, void* sink_data)
{
	log->log = (LV2_Log_Log){log, log_printf, log_vprintf};
	log->uris = uris;
	log->sink = sink ? sink : host_log_to_stderr;
	log->sink_data = sink_data;
}

void
host_log_to_stderr(void* data, const char* type, const char* message)
{
	(void)data;
	fprintf(stderr, "[%s] %s", type, message);
}

LV2_Worker_Status
host_worker_drop(LV2_Worker_Schedule_Handle handle, uint32_t size, const void* data)
{
	(void)handle;
	volatile uint8_t sum = 0;
	for (uint32_t i = 0; i < size; ++i) {
		sum += ((const uint8_t*)data)[i];
	}
	(void)sum;
	return LV2_WORKER_SUCCESS;
}
