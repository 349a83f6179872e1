/* SPDX-License-Identifier: ISC */
/* A fuzz target without libFuzzer: runs LLVMFuzzerTestOneInput on every
 * file of the directories (or the files) given, in name order, so the seed
 * corpus and the crashes found are replayed by every build, with gcc and
 * with the sanitizers.  Files named README* are skipped.  Fails when a
 * directory holds no input at all. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

static int
replay_file(const char* path)
{
	FILE* f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(1);
	}
	uint8_t* data = NULL;
	size_t size = 0, cap = 0;
	for (;;) {
		if (size == cap) {
			cap = cap ? 2 * cap : 4096;
			data = (uint8_t*)realloc(data, cap);
		}
		const size_t n = fread(data + size, 1, cap - size, f);
		if (n == 0) {
			break;
		}
		size += n;
	}
	fclose(f);
	/* an exact copy, so a read past the input is seen by the sanitizers */
	uint8_t* exact = (uint8_t*)malloc(size ? size : 1);
	memcpy(exact, data, size);
	free(data);
	LLVMFuzzerTestOneInput(exact, size);
	free(exact);
	return 1;
}

static int
by_name(const struct dirent** a, const struct dirent** b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int
main(int argc, char** argv)
{
	long total = 0;
	for (int i = 1; i < argc; ++i) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "no such file or directory: %s\n", argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			total += replay_file(argv[i]);
			continue;
		}
		struct dirent** names;
		const int n = scandir(argv[i], &names, NULL, by_name);
		long here = 0;
		for (int k = 0; k < n; ++k) {
			const char* name = names[k]->d_name;
			if (name[0] != '.' && strncmp(name, "README", 6) != 0) {
				char path[4096];
				snprintf(path, sizeof(path), "%s/%s", argv[i], name);
				here += replay_file(path);
			}
			free(names[k]);
		}
		free(names);
		printf("%s: %ld inputs\n", argv[i], here);
		total += here;
	}
	printf("%ld inputs replayed without a failure\n", total);
	return total > 0 ? 0 : 1;
}
