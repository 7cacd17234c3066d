package dev.lilcom.fuzz;

/**
 * A valid blob that mutations start from.
 *
 * @param name where it came from, for failure reports
 * @param blob its bytes (never modified)
 */
public record SeedBlob(String name, byte[] blob) {
    @Override
    public String toString() {
        return name + " (" + blob.length + " bytes)";
    }
}
