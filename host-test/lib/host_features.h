/* SPDX-License-Identifier: ISC */
/* The LV2 host features written once for every host of ours: the lilv
 * host (host.c), the metadata lint, the fuzz targets and the tests that
 * hand the plugin features of their own.  A URID map and unmap, a log that
 * hands each message on whole, and a worker schedule that drops its
 * requests (for hosts that must not load files).  No lilv here: the fuzz
 * build links the plugin's sources and this alone. */
#ifndef SOMASCAPE_HOST_FEATURES_H
#define SOMASCAPE_HOST_FEATURES_H

#include <lv2/log/log.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>

#include <stdint.h>

#define URI_TABLE_SIZE 1024u

/* URIs mapped on first use, URID i + 1 for the i-th.  map and unmap are
 * the features' data. */
typedef struct {
	LV2_URID_Map map;
	LV2_URID_Unmap unmap;
	char* uris[URI_TABLE_SIZE];
	uint32_t count;
} UriTable;

void uri_table_init(UriTable* table);

/* The URID of uri, mapped on first use; 0 once the table is full. */
LV2_URID uri_table_map(UriTable* table, const char* uri);

/* The URI of a URID, or NULL. */
const char* uri_table_unmap(const UriTable* table, LV2_URID urid);

/* Forgets every URI (frees them). */
void uri_table_clear(UriTable* table);

/* Where the log's messages go, each formatted whole, with its type's name
 * ("Error", "Warning", "Note", "Trace"; "log" if unknown). */
typedef void (*HostLogSink)(void* data, const char* type, const char* message);

typedef struct {
	LV2_Log_Log log; /* the feature's data */
	const UriTable* uris;
	HostLogSink sink;
	void* sink_data;
} HostLog;

/* uris names the types (NULL: every type is "log"); sink NULL: the
 * messages go to stderr (host_log_to_stderr). */
void host_log_init(HostLog* log, const UriTable* uris, HostLogSink sink, void* sink_data);

/* A sink: "[type] message" on stderr. */
void host_log_to_stderr(void* data, const char* type, const char* message);

/* A worker schedule's schedule_work that reads each request whole (so
 * that a sanitizer sees a bad one) and drops it. */
LV2_Worker_Status host_worker_drop(LV2_Worker_Schedule_Handle handle, uint32_t size,
                                   const void* data);

#endif
