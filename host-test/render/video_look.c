/* SPDX-License-Identifier: ISC */
#include "video_look.h"

#include "view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PREFIX "display_"

static char*
look_symbol(const char* name, size_t len)
{
	const bool prefixed = len > strlen(PREFIX) && strncmp(name, PREFIX, strlen(PREFIX)) == 0;
	char* symbol = (char*)malloc(strlen(PREFIX) + len + 1);
	if (symbol) {
		snprintf(symbol, strlen(PREFIX) + len + 1, "%s%.*s", prefixed ? "" : PREFIX, (int)len,
		         name);
	}
	return symbol;
}

bool
video_look_split(const char* spec, VideoLookParts* parts, char* err, size_t err_size)
{
	memset(parts, 0, sizeof(*parts));
	for (const char* part = spec; *part;) {
		const size_t len = strcspn(part, ",");
		const char* eq = memchr(part, '=', len);
		if (!eq || eq == part || eq + 1 == part + len) {
			snprintf(err, err_size,
			         "--video-look: '%.*s' is not NAME=VALUE (e.g. "
			         "shape=Ring,ring=off)",
			         (int)len, part);
			video_look_free(parts);
			return false;
		}
		if (parts->n == VIDEO_LOOK_MAX_PARTS) {
			snprintf(err, err_size, "--video-look: more than %d parts", VIDEO_LOOK_MAX_PARTS);
			video_look_free(parts);
			return false;
		}
		char* symbol = look_symbol(part, (size_t)(eq - part));
		ViewLook scratch;
		if (!symbol || !view_look_set(&scratch, symbol, NAN)) {
			snprintf(err, err_size,
			         "--video-look: '%.*s' is not part of the look (shape, "
			         "size, colour, bright, ring, captions)",
			         (int)(eq - part), part);
			free(symbol);
			video_look_free(parts);
			return false;
		}
		const char* value = eq + 1;
		const size_t value_len = (size_t)(part + len - value);
		parts->symbols[parts->n] = symbol;
		parts->values[parts->n++] = value_len == 2 && strncasecmp(value, "on", 2) == 0 ? strdup("1")
		                            : value_len == 3 && strncasecmp(value, "off", 3) == 0
		                                ? strdup("0")
		                                : strndup(value, value_len);
		part += len + (part[len] == ',');
	}
	return true;
}

void
video_look_free(VideoLookParts* parts)
{
	for (size_t i = 0; i < parts->n; ++i) {
		free(parts->symbols[i]);
		free(parts->values[i]);
	}
	parts->n = 0;
}
