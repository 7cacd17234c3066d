package dev.lilcom.cli;

import dev.lilcom.CompressOptions;

/**
 * One array to benchmark: a built-in data set or a {@code .npy} file, as row-major float32.
 *
 * @param name the data set id or the file name
 * @param data the values, row-major
 * @param shape the array's shape
 * @param options how to compress it
 */
record BenchCase(String name, float[] data, int[] shape, CompressOptions options) {}
