/* SPDX-License-Identifier: ISC */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "uri_table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_URIS 256u

static char*    uris[MAX_URIS];
static uint32_t n_uris;

LV2_URID
uri_table_map(LV2_URID_Map_Handle handle, const char* uri)
{
	(void)handle;
	for (uint32_t i = 0; i < n_uris; ++i) {
		if (strcmp(uris[i], uri) == 0) {
			return i + 1;
		}
	}
	if (n_uris == MAX_URIS) {
		return 0;
	}
	uris[n_uris] = strdup(uri);
	return uris[n_uris] ? ++n_uris : 0;
}

const char*
uri_table_unmap(LV2_URID_Unmap_Handle handle, LV2_URID urid)
{
	(void)handle;
	return urid >= 1 && urid <= n_uris ? uris[urid - 1] : NULL;
}

void
uri_table_clear(void)
{
	for (uint32_t i = 0; i < n_uris; ++i) {
		free(uris[i]);
	}
	n_uris = 0;
}
