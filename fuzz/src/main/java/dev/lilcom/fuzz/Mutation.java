package dev.lilcom.fuzz;

/** The ways {@link Mutator} corrupts a valid blob. */
public enum Mutation {
    /** One bit flipped (half the time in the first 16 bytes, where the header is). */
    BIT_FLIP,
    /** 2 to 16 bits flipped. */
    BIT_FLIPS,
    /** 1 to 8 bytes replaced by random or boundary bytes (0x00, 0xFF, 0x7F, 0x80). */
    BYTE_REPLACE,
    /** Cut to a shorter length: must be refused as too short or as ending early, at the new length. */
    TRUNCATE,
    /** Random bytes appended: must be refused for trailing bytes at the old length. */
    EXTEND,
    /** A header field set to a boundary value, the stream re-encoded ({@link HeaderEdits}). */
    HEADER_FIELD,
    /** The start of one blob joined to the end of another. */
    SPLICE,
    /** 2 to 6 random edits stacked: flips, byte writes, inserts, deletes, cuts, appends, splices. */
    HAVOC
}
