# SPDX-License-Identifier: ISC
# The fuzz targets, one line each:
#   somascape_fuzz_target(NAME SOURCE [more sources (.c) or libraries...])
# SOURCE (in tests/fuzz/) defines LLVMFuzzerTestOneInput; the plugin's
# sources, tests/common/atom_gen.c and host-test/lib/host_features.c are
# linked in.  Its seed corpus is
# corpus/NAME/, the crashes it found are regressions/NAME/.  Read by
# tests/CMakeLists.txt (replay tests, timed fuzz runs) and by
# tests/fuzz/CMakeLists.txt (the libFuzzer build with clang).
somascape_fuzz_target(atom_input fuzz_atom_input.c ../../host-test/lib/atom_check.c)
somascape_fuzz_target(sample_file fuzz_sample_file.c)
