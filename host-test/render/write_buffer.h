/* SPDX-License-Identifier: ISC */
/* An output file's bytes gathered into large writes: a render hands
 * libsndfile a few kilobytes at a time, and a write() per block costs more
 * in the kernel than the data itself.  Whole aligned megabytes go past the
 * page cache (O_DIRECT), straight to the disk: copying a gigabyte into the
 * cache and writing it back later costs the kernel several times more
 * CPU, and the fsync before the rename would wait for all of it.  The
 * rest (the end of the file, the header rewritten at the start) goes
 * through the cache as usual, and so does everything on a file system
 * without O_DIRECT.
 *
 * Positions are the file's; a seek inside the buffered bytes moves within
 * the buffer, any other flushes first.  Write-only.  The first failure
 * sticks: later calls do nothing, and `error` keeps its errno for the
 * message. */
#ifndef SOMASCAPE_WRITE_BUFFER_H
#define SOMASCAPE_WRITE_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WRITE_BUFFER_BYTES (1u << 20)

typedef struct {
	int fd;
	bool direct;    /* O_DIRECT is on */
	int64_t start;  /* the file offset of the buffer's first byte */
	size_t fill;    /* bytes buffered */
	size_t cursor;  /* where the next write goes, from start; at most fill */
	int64_t length; /* the file's length, counting what is buffered */
	int error;      /* errno of the first failure, or 0 */
	uint8_t* bytes; /* WRITE_BUFFER_BYTES, aligned for O_DIRECT */
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
