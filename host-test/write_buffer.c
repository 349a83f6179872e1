/* SPDX-License-Identifier: ISC */
#define _GNU_SOURCE /* sync_file_range */
#include "write_buffer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool
write_buffer_init(WriteBuffer* buffer, int fd)
{
	*buffer = (WriteBuffer){.fd = fd, .bytes = (uint8_t*)malloc(WRITE_BUFFER_BYTES)};
	return buffer->bytes != NULL;
}

void
write_buffer_free(WriteBuffer* buffer)
{
	free(buffer->bytes);
	buffer->bytes = NULL;
}

/* Starts the writeback of bytes just written, without waiting for it. */
static void
start_writeback(const WriteBuffer* buffer, int64_t offset, size_t n)
{
#ifdef SYNC_FILE_RANGE_WRITE
	sync_file_range(buffer->fd, (off_t)offset, (off_t)n, SYNC_FILE_RANGE_WRITE);
#else
	(void)buffer, (void)offset, (void)n; /* the fsync at the end does it all */
#endif
}

static bool
flush(WriteBuffer* buffer)
{
	for (size_t done = 0; !buffer->error && done < buffer->fill;) {
		const ssize_t n = pwrite(buffer->fd, buffer->bytes + done, buffer->fill - done,
		                         (off_t)(buffer->flushed_to + (int64_t)done));
		if (n > 0) {
			done += (size_t)n;
		} else if (n == 0 || errno != EINTR) {
			buffer->error = n == 0 ? EIO : errno;
		}
	}
	if (!buffer->error) {
		start_writeback(buffer, buffer->flushed_to, buffer->fill);
		buffer->flushed_to += (int64_t)buffer->fill;
		buffer->fill = 0;
	}
	return !buffer->error;
}

size_t
write_buffer_write(WriteBuffer* buffer, const void* data, size_t n)
{
	const uint8_t* bytes = (const uint8_t*)data;
	size_t done = 0;
	while (!buffer->error && done < n) {
		if (buffer->fill == WRITE_BUFFER_BYTES && !flush(buffer)) {
			break;
		}
		const size_t room = WRITE_BUFFER_BYTES - buffer->fill;
		const size_t k = n - done < room ? n - done : room;
		memcpy(buffer->bytes + buffer->fill, bytes + done, k);
		buffer->fill += k;
		done += k;
	}
	const int64_t end = write_buffer_tell(buffer);
	buffer->length = end > buffer->length ? end : buffer->length;
	return done;
}

int64_t
write_buffer_tell(const WriteBuffer* buffer)
{
	return buffer->flushed_to + (int64_t)buffer->fill;
}

int64_t
write_buffer_seek(WriteBuffer* buffer, int64_t offset)
{
	if (offset != write_buffer_tell(buffer)) {
		if (!flush(buffer)) {
			return -1;
		}
		buffer->flushed_to = offset;
	}
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
