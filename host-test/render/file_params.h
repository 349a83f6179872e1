/* SPDX-License-Identifier: ISC */
/* The plugin's file parameters (patch:writable, rdfs:range atom:Path), set
 * from the command line and scripts as a host's file chooser sets them.  A
 * parameter is named by its label in lower case with underscores: "Cue
 * sample" is cue_sample. */
#ifndef SOMASCAPE_FILE_PARAMS_H
#define SOMASCAPE_FILE_PARAMS_H

#include "host.h"

#include <stdbool.h>
#include <stddef.h>

/* The URI of the file parameter `name`, allocated; NULL with a message
 * naming the plugin's file parameters. */
char* file_param_uri(Host* host, const char* name, char* err, size_t err_size);

/* `path` made absolute (relative to `base`, or to the working directory if
 * base is NULL), allocated; NULL with a message if there is no such file. */
char* file_param_path(const char* path, const char* base, char* err, size_t err_size);

/* Loads `path` into the parameter before the next run: patch:Set, then
 * zero-frame runs while the plugin's worker reads the file and swaps it in,
 * so it is in place from the next frame whatever the block size.  False
 * with a message if the plugin keeps its previous value (it logs why). */
bool file_param_load(Host* host, const char* uri, const char* name, const char* path, char* err,
                     size_t err_size);

#endif
