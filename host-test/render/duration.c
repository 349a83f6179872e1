/* SPDX-License-Identifier: ISC */
#include "duration.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* digits, optionally followed by a point and more digits; no sign, no
 * exponent, no "inf": what a person types as a time. */
static bool
parse_decimal(const char** text, double* value)
{
	const char* p = *text;
	double v = 0.0;
	int digits = 0;
	for (; isdigit((unsigned char)*p); ++p, ++digits) {
		v = v * 10.0 + (*p - '0');
	}
	if (*p == '.') {
		double scale = 0.1;
		for (++p; isdigit((unsigned char)*p); ++p, ++digits, scale *= 0.1) {
			v += (*p - '0') * scale;
		}
	}
	if (digits == 0) {
		return false;
	}
	*text = p;
	*value = v;
	return true;
}

/* "1:05:00", "2:30", "0:10.5": only the last field may have decimals,
 * and fields after the first are below 60. */
static bool
parse_clock(const char* text, double* seconds)
{
	double fields[3];
	int n = 0;
	const char* p = text;
	for (;;) {
		if (n == 3 || !parse_decimal(&p, &fields[n])) {
			return false;
		}
		++n;
		if (*p == '\0') {
			break;
		}
		if (*p != ':') {
			return false;
		}
		++p;
	}
	double total = 0.0;
	for (int i = 0; i < n; ++i) {
		if (i < n - 1 && fields[i] != floor(fields[i])) {
			return false;
		}
		if (i > 0 && fields[i] >= 60.0) {
			return false;
		}
		total = total * 60.0 + fields[i];
	}
	*seconds = total;
	return true;
}

static double
unit_seconds(const char** text)
{
	static const struct {
		const char* name;
		double seconds;
	} units[] = {{"ms", 0.001}, {"min", 60.0}, {"h", 3600.0}, {"m", 60.0}, {"s", 1.0}};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); ++i) {
		const size_t len = strlen(units[i].name);
		if (strncmp(*text, units[i].name, len) == 0) {
			*text += len;
			return units[i].seconds;
		}
	}
	return 0.0;
}

/* "90", "90s", "20m", "1h30m", "1.5h", "250ms". */
static bool
parse_units(const char* text, double* seconds)
{
	const char* p = text;
	double total = 0.0;
	double value;
	if (!parse_decimal(&p, &value)) {
		return false;
	}
	if (*p == '\0') {
		*seconds = value;
		return true;
	}
	for (;;) {
		const double unit = unit_seconds(&p);
		if (unit == 0.0) {
			return false;
		}
		total += value * unit;
		if (*p == '\0') {
			break;
		}
		if (!parse_decimal(&p, &value)) {
			return false;
		}
	}
	*seconds = total;
	return true;
}

bool
duration_parse(const char* text, double* seconds)
{
	if (!text || !*text) {
		return false;
	}
	double value;
	const bool ok = strchr(text, ':') ? parse_clock(text, &value) : parse_units(text, &value);
	if (!ok || !isfinite(value)) {
		return false;
	}
	*seconds = value;
	return true;
}

void
duration_format(double seconds, char* out, unsigned size)
{
	const long total = lround(seconds < 0.0 ? 0.0 : seconds);
	const long h = total / 3600, m = total / 60 % 60, s = total % 60;
	if (h > 0) {
		snprintf(out, size, "%ld:%02ld:%02ld", h, m, s);
	} else {
		snprintf(out, size, "%ld:%02ld", m, s);
	}
}
