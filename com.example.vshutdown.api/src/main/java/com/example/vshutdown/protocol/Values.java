package com.example.vshutdown.protocol;

/**
 * Strict parsing of vproperty counter values and domain ids.
 *
 * <p>A value is an unsigned decimal integer without sign, spaces or leading zeros, optionally
 * followed by one newline (as sysfs prints it). Anything else is refused rather than interpreted:
 * a guessed counter could make the master write a request that shuts a domain down by accident.
 */
public final class Values {
    /** The largest domain id accepted; ids are small in practice and must fit an int. */
    public static final int MAX_DOMAIN_ID = Integer.MAX_VALUE;

    private Values() {
    }

    /**
     * Parses a counter value as read from a vproperty.
     *
     * @throws InvalidValueException if the text is empty, signed, not decimal, has spaces inside,
     *         leading zeros or overflows a {@code long}
     */
    public static long parseCounter(String raw) throws InvalidValueException {
        if (raw == null) {
            throw new InvalidValueException("no value");
        }
        String digits = raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
        return parseDecimal(digits, Long.MAX_VALUE, "counter value", raw);
    }

    /**
     * Parses a domain id as given by an operator or found in a property name. No trailing newline
     * is accepted here: ids never come from sysfs contents.
     */
    public static int parseDomainId(String text) throws InvalidValueException {
        return (int) parseDecimal(text, MAX_DOMAIN_ID, "domain id", text);
    }

    private static long parseDecimal(String digits, long max, String what, String raw)
            throws InvalidValueException {
        if (digits == null || digits.isEmpty()) {
            throw new InvalidValueException(raw == null || raw.isEmpty() ? what + " is empty"
                    : what + " '" + printable(raw) + "' is empty");
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidValueException(
                        what + " '" + printable(raw) + "' is not an unsigned decimal integer");
            }
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new InvalidValueException(what + " '" + printable(raw) + "' has leading zeros");
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (value > (max - digit) / 10) {
                throw new InvalidValueException(what + " '" + printable(raw) + "' is too large");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** How much of an offending value an error message quotes. */
    private static final int QUOTED_CHARS = 64;

    /**
     * Makes control and line-breaking characters visible and cuts long text, so that an error
     * message quoting untrusted input stays on one line.
     */
    public static String printable(String raw) {
        int shown = Math.min(raw.length(), QUOTED_CHARS);
        StringBuilder sb = new StringBuilder(shown + 8);
        for (int i = 0; i < shown; i++) {
            char c = raw.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format(c < 0x100 ? "\\x%02x" : "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (raw.length() > shown) {
            sb.append("...");
        }
        return sb.toString();
    }
}
