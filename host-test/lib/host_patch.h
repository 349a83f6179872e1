/* SPDX-License-Identifier: ISC */
/* Parameters of type atom:Path (patch:writable), as a host's file chooser
 * sets them: patch:Set and patch:Get to the plugin's control input, and the
 * value the plugin reports back with patch:Set on an atom output. */
#ifndef SOMASCAPE_HOST_PATCH_H
#define SOMASCAPE_HOST_PATCH_H

#include "host.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* patch:Set property = path (an atom:Path), for the next run() at `frame`. */
bool host_patch_set_path(Host* host, uint32_t frame, const char* property_uri, const char* path);

/* patch:Get of property (NULL: of every parameter), for the next run(). */
bool host_patch_get(Host* host, uint32_t frame, const char* property_uri);

/* The path of the last patch:Set of property on the atom output `symbol`
 * after the last run(), copied to path; false if there was none. */
bool host_patch_reported_path(Host* host, const char* symbol, const char* property_uri, char* path,
                              size_t size);

#endif
