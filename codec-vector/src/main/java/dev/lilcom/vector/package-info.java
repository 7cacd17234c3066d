/**
 * The lilcom codec on the Vector API ({@code jdk.incubator.vector}). It gives exactly the scalar
 * codec's codes, float bits and sums; {@link dev.lilcom.Lilcom#codec()} loads it by name when the
 * module is present. Run with {@code --add-modules jdk.incubator.vector}.
 */
package dev.lilcom.vector;
