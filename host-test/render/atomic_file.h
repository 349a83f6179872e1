/* SPDX-License-Identifier: ISC */
/* A file that appears whole or not at all: written under a temporary name
 * in the same directory (so that rename() is atomic), renamed into place by
 * atomic_file_commit(), removed by atomic_file_abort(). */
#ifndef SOMASCAPE_ATOMIC_FILE_H
#define SOMASCAPE_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char* path;      /* where it is going */
	char* temp_path; /* where it is written; NULL once committed or aborted */
} AtomicFile;

/* Creates the temporary file and returns its descriptor (the caller writes
 * and closes it), or -1 with the reason in err. */
int atomic_file_open(AtomicFile* file, const char* path, char* err, size_t err_size);

/* Renames the closed temporary file to its path. */
bool atomic_file_commit(AtomicFile* file, char* err, size_t err_size);

/* Removes the temporary file, if any; safe to call more than once. */
void atomic_file_abort(AtomicFile* file);

#endif
