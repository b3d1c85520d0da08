package com.example.vshutdown.master.internal.commands;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes one JSON document (RFC 8259) from maps (keys in their iteration order), lists, strings,
 * numbers, booleans and null, indented for a reader. Every character outside printable ASCII is
 * escaped, so the document is the same bytes whatever the console's charset, and a value taken
 * from a platform (a malformed counter, a reason) can never break it. Writing only: nothing in the
 * master reads JSON, so the JDK is enough and the bundle adds no dependency.
 */
final class Json {
    private static final String INDENT = "  ";

    private Json() {
    }

    /** The document, without a trailing line break. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        value(out, value, "");
        return out.toString();
    }

    private static void value(StringBuilder out, Object value, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, indent);
        } else if (value instanceof List<?> list) {
            array(out, list, indent);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, String indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + INDENT;
        out.append("{\n");
        for (Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator(); entries.hasNext();) {
            Map.Entry<?, ?> entry = entries.next();
            out.append(inner);
            string(out, (String) entry.getKey());
            out.append(": ");
            value(out, entry.getValue(), inner);
            out.append(entries.hasNext() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    private static void array(StringBuilder out, List<?> list, String indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        String inner = indent + INDENT;
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            out.append(inner);
            value(out, list.get(i), inner);
            out.append(i < list.size() - 1 ? ",\n" : "\n");
        }
        out.append(indent).append(']');
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
