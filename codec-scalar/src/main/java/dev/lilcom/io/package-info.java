/**
 * Reading and writing NumPy {@code .npy} files, the format in which lilcom-java exchanges
 * float arrays with Python (numpy, lhotse).
 *
 * <p>{@link dev.lilcom.io.Npy} reads float32/float64 arrays of any rank, byte order,
 * memory order and format version into an {@link dev.lilcom.io.NpyArray}, and writes
 * little-endian C-order arrays byte-for-byte as {@code np.save} does. Malformed or
 * unsupported input is reported as an {@link dev.lilcom.io.NpyFormatException}.
 */
package dev.lilcom.io;
