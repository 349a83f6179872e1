/* SPDX-License-Identifier: ISC */
#define _GNU_SOURCE /* O_DIRECT, sync_file_range */
#include "write_buffer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* O_DIRECT wants the memory, the offset and the length aligned to the
 * device's block: 4096 covers them all. */
#define DIRECT_ALIGN 4096u

#ifndef O_DIRECT
#define O_DIRECT 0
#endif

/* Turns O_DIRECT on or off; false if it could not. */
static bool
set_direct(WriteBuffer* buffer, bool on)
{
	const int flags = fcntl(buffer->fd, F_GETFL);
	const int want = on ? flags | O_DIRECT : flags & ~O_DIRECT;
	const bool done = O_DIRECT != 0 && flags != -1 && fcntl(buffer->fd, F_SETFL, want) == 0;
	buffer->direct = done ? on : buffer->direct;
	return done;
}

bool
write_buffer_init(WriteBuffer* buffer, int fd)
{
	*buffer = (WriteBuffer){.fd = fd};
	void* bytes = NULL;
	if (posix_memalign(&bytes, DIRECT_ALIGN, WRITE_BUFFER_BYTES) != 0) {
		return false;
	}
	buffer->bytes = (uint8_t*)bytes;
	set_direct(buffer, true);
	return true;
}

void
write_buffer_free(WriteBuffer* buffer)
{
	free(buffer->bytes);
	buffer->bytes = NULL;
}

/* Starts the writeback of bytes just written through the page cache,
 * without waiting for it, so that the fsync at the end has little left. */
static void
start_writeback(const WriteBuffer* buffer, int64_t offset, size_t n)
{
#ifdef SYNC_FILE_RANGE_WRITE
	sync_file_range(buffer->fd, (off_t)offset, (off_t)n, SYNC_FILE_RANGE_WRITE);
#else
	(void)buffer, (void)offset, (void)n;
#endif
}

static bool
aligned(int64_t offset, size_t n)
{
	return offset % DIRECT_ALIGN == 0 && n % DIRECT_ALIGN == 0;
}

static bool
flush(WriteBuffer* buffer)
{
	if (buffer->direct && !aligned(buffer->start, buffer->fill)) {
		set_direct(buffer, false); /* for good: only the file's ends are left */
	}
	const bool direct = buffer->direct;
	for (size_t done = 0; !buffer->error && done < buffer->fill;) {
		const ssize_t n = pwrite(buffer->fd, buffer->bytes + done, buffer->fill - done,
		                         (off_t)(buffer->start + (int64_t)done));
		if (n > 0) {
			done += (size_t)n;
		} else if (n < 0 && errno == EINVAL && buffer->direct && set_direct(buffer, false)) {
			/* the file system would not take it: again, through the cache */
		} else if (n == 0 || errno != EINTR) {
			buffer->error = n == 0 ? EIO : errno;
		}
	}
	if (buffer->error) {
		return false;
	}
	if (!direct) {
		start_writeback(buffer, buffer->start, buffer->fill);
	}
	buffer->start += (int64_t)buffer->fill;
	buffer->fill = 0;
	buffer->cursor = 0;
	return true;
}

size_t
write_buffer_write(WriteBuffer* buffer, const void* data, size_t n)
{
	const uint8_t* bytes = (const uint8_t*)data;
	size_t done = 0;
	while (!buffer->error && done < n) {
		if (buffer->cursor == WRITE_BUFFER_BYTES && !flush(buffer)) {
			break;
		}
		const size_t room = WRITE_BUFFER_BYTES - buffer->cursor;
		const size_t k = n - done < room ? n - done : room;
		memcpy(buffer->bytes + buffer->cursor, bytes + done, k);
		buffer->cursor += k;
		buffer->fill = buffer->cursor > buffer->fill ? buffer->cursor : buffer->fill;
		done += k;
	}
	const int64_t end = write_buffer_tell(buffer);
	buffer->length = end > buffer->length ? end : buffer->length;
	return done;
}

int64_t
write_buffer_tell(const WriteBuffer* buffer)
{
	return buffer->start + (int64_t)buffer->cursor;
}

int64_t
write_buffer_seek(WriteBuffer* buffer, int64_t offset)
{
	if (buffer->error) {
		return -1;
	}
	if (offset >= buffer->start && offset <= buffer->start + (int64_t)buffer->fill) {
		buffer->cursor = (size_t)(offset - buffer->start);
		return offset;
	}
	if (!flush(buffer)) {
		return -1;
	}
	buffer->start = offset;
	return offset;
}

bool
write_buffer_sync(WriteBuffer* buffer)
{
	if (flush(buffer) && fsync(buffer->fd) != 0) {
		buffer->error = errno;
	}
	return !buffer->error;
}
