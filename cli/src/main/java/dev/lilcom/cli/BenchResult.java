package dev.lilcom.cli;

/**
 * The figures of one array compressed with one codec.
 *
 * @param data the data set id or file name
 * @param impl the codec's name
 * @param elements number of array elements
 * @param blob the compressed bytes
 * @param decoded the decompressed values
 * @param maxAbsError largest |decoded - input| (input as float32)
 * @param compressMelemS compression speed, million elements per second over all threads
 * @param decompressMelemS decompression speed, million elements per second over all threads
 * @param batchedMelemS decompression speed of several copies of the blob in one
 *     {@code LilcomDecoder.decompressAll} call (a batch's blobs), million elements per second over all threads
 * @param repeatable whether every call on every thread gave these same bytes and floats
 */
record BenchResult(String data, String impl, long elements, byte[] blob, float[] decoded, double maxAbsError,
        double compressMelemS, double decompressMelemS, double batchedMelemS, boolean repeatable) {

    double bytesPerElement() {
        return (double) blob.length / elements;
    }
}
