/**
 * Robustness tooling for lilcom-java: a mutation fuzzer that feeds corrupted blobs to every codec
 * and checks that each one either decodes or throws {@link dev.lilcom.LilcomFormatException}, in
 * bounded time and memory, with all codecs agreeing bit for bit. {@link dev.lilcom.fuzz.BlobFuzzer}
 * is both the engine of the CI test and a program for long runs ({@code fuzz/run-fuzz.sh}).
 */
package dev.lilcom.fuzz;
