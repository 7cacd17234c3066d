package dev.lilcom.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Builds one JSON object on one line, fields in the order they are added. */
final class JsonLine {
    private final StringBuilder sb = new StringBuilder("{");

    JsonLine put(String name, String value) {
        return field(name).quote(value);
    }

    JsonLine put(String name, long value) {
        field(name).sb.append(value);
        return this;
    }

    /** NaN and infinities, which JSON cannot express, are written as null. */
    JsonLine put(String name, double value) {
        field(name).sb.append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    JsonLine put(String name, boolean value) {
        field(name).sb.append(value);
        return this;
    }

    JsonLine put(String name, int[] values) {
        field(name).sb.append(Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")));
        return this;
    }

    JsonLine put(String name, java.util.List<String> values) {
        field(name).sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            quote(values.get(i));
        }
        sb.append(']');
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    private JsonLine field(String name) {
        if (sb.length() > 1) {
            sb.append(',');
        }
        return quote(name).colon();
    }

    private JsonLine colon() {
        sb.append(':');
        return this;
    }

    private JsonLine quote(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        return this;
    }
}
