package io.redissession.tools;

import picocli.CommandLine.ITypeConverter;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a size such as {@code 4096}, {@code 4k}, {@code 4KiB} or {@code 2MiB} into bytes (k and KiB are 1024). */
final class ByteSize implements ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /**
     * @param value a size; not {@code null}
     * @return the bytes
     * @throws IllegalArgumentException if the value is not a size
     */
    static long parse(String value) {
        Matcher matcher = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: [" + value + "]; use bytes, or a number with k, KiB, M,"
                    + " MiB, G or GiB");
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        if (shift > 0 && number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large: [" + value + "]");
        }
        return number << shift;
    }
}
