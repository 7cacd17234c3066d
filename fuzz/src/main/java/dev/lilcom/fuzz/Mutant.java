package dev.lilcom.fuzz;

/**
 * A corrupted blob and how it was made.
 *
 * @param mutation the kind of corruption
 * @param detail what exactly was done, for failure reports
 * @param blob the bytes to decode
 * @param expected what decoding must give, or null when only the general promises apply
 */
public record Mutant(Mutation mutation, String detail, byte[] blob, Expectation expected) {}
