/* SPDX-License-Identifier: ISC */
/* A URID map and unmap for tests that instantiate the plugin without the
 * lilv host (the metadata lint, which gives only the required features,
 * and the fuzz target): one table for the whole program. */
#ifndef SOMASCAPE_URI_TABLE_H
#define SOMASCAPE_URI_TABLE_H

#include <lv2/urid/urid.h>

/* The URID of uri, mapped on first use; 0 once the table is full. */
LV2_URID uri_table_map(LV2_URID_Map_Handle handle, const char* uri);

/* The URI of a URID, or NULL. */
const char* uri_table_unmap(LV2_URID_Unmap_Handle handle, LV2_URID urid);

/* Forgets every URI (frees the table). */
void uri_table_clear(void);

#endif
