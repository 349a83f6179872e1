/* SPDX-License-Identifier: ISC */
/* An output file's bytes gathered into large writes (a render hands
 * libsndfile a few kilobytes at a time, and a write() per block costs more
 * in the kernel than the data itself), each passed on to the kernel's
 * writeback as soon as it is written, so that the fsync before the file is
 * renamed into place finds little left to wait for.  Positions are the
 * file's: a seek flushes first, so bytes land where they were written.
 * Write-only.  The first failure sticks: later calls do nothing, and
 * `error` keeps its errno for the message. */
#ifndef SOMASCAPE_WRITE_BUFFER_H
#define SOMASCAPE_WRITE_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WRITE_BUFFER_BYTES (1u << 20)

typedef struct {
	int      fd;
	int64_t  flushed_to; /* the file offset where the buffer's bytes go */
	int64_t  length;     /* the file's length, counting what is buffered */
	size_t   fill;
	int      error;      /* errno of the first failure, or 0 */
	uint8_t* bytes;      /* WRITE_BUFFER_BYTES */
} WriteBuffer;

/* Over an open, empty file; false when out of memory. */
bool write_buffer_init(WriteBuffer* buffer, int fd);

/* Frees the buffer without writing what is left (the fd stays open). */
void write_buffer_free(WriteBuffer* buffer);

/* Returns n, or less after a failure. */
size_t write_buffer_write(WriteBuffer* buffer, const void* data, size_t n);

/* The position of the next write. */
int64_t write_buffer_tell(const WriteBuffer* buffer);

/* Moves the next write to `offset`; -1 after a failure. */
int64_t write_buffer_seek(WriteBuffer* buffer, int64_t offset);

/* Writes out what is buffered and waits for everything to reach the disk. */
bool write_buffer_sync(WriteBuffer* buffer);

#endif
