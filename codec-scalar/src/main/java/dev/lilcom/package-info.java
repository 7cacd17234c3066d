/**
 * lilcom-java: lossy compression of float arrays to a chosen absolute accuracy, reading and
 * writing the exact bytes of the reference lilcom. Start at {@link dev.lilcom.Lilcom}.
 */
package dev.lilcom;
