package dev.lilcom.djl;

import dev.lilcom.lhotse.Cut;
import dev.lilcom.lhotse.Supervision;
import dev.lilcom.lhotse.sampling.CutSource;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Characters as CTC token ids: id 0 is the CTC blank (and label padding), the characters take ids
 * {@code 1..size()} in code point order.
 */
public final class CharVocabulary {
    private final int[] codePoints;

    private CharVocabulary(int[] sortedCodePoints) {
        this.codePoints = sortedCodePoints;
    }

    /** The characters of {@code chars}, each once. */
    public static CharVocabulary of(String chars) {
        return new CharVocabulary(chars.codePoints().sorted().distinct().toArray());
    }

    /**
     * Every character of every supervision text of the cuts (one pass over the source), and the
     * space that joins the texts of a cut with several supervisions.
     */
    public static CharVocabulary fromSupervisions(CutSource source) {
        TreeSet<Integer> chars = new TreeSet<>();
        chars.add((int) ' ');
        Iterator<Cut> cuts = source.open();
        try {
            while (cuts.hasNext()) {
                for (Supervision s : cuts.next().supervisions()) {
                    if (s.text() != null) {
                        s.text().codePoints().forEach(chars::add);
                    }
                }
            }
        } finally {
            if (cuts instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the cut source failed", e);
                }
            }
        }
        return new CharVocabulary(chars.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Characters, not counting the blank. */
    public int size() {
        return codePoints.length;
    }

    /**
     * The ids of the text's characters.
     *
     * @throws IllegalArgumentException naming the character if it is not in the vocabulary
     */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        return text.codePoints().map(c -> {
            int i = Arrays.binarySearch(codePoints, c);
            if (i < 0) {
                throw new IllegalArgumentException("character '" + Character.toString(c) + "' (U+"
                        + String.format("%04X", c) + ") is not in the vocabulary");
            }
            return i + 1;
        }).toArray();
    }

    /** The text of token ids; the blank (0) stands for nothing. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id != 0) {
                Objects.checkIndex(id - 1, codePoints.length);
                sb.appendCodePoint(codePoints[id - 1]);
            }
        }
        return sb.toString();
    }
}
