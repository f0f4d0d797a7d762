package io.crmpulse.ingest.mapping;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A timestamp pattern of a mapping ({@code yyyy-MM-dd HH:mm:ss}), read strictly: 2024-02-30 is an
 * error, not 2024-02-29.
 *
 * <p>Exports almost always use fixed-width numeric patterns, and {@link DateTimeFormatter} costs about
 * a quarter of a record's whole ingest work on them. A pattern made only of {@code yyyy}/{@code uuuu},
 * {@code MM}, {@code dd}, {@code HH}, {@code mm}, {@code ss}, {@code SSS} and literals is therefore also
 * read by position; the formatter stays the authority: any text the positional reading does not take
 * cleanly (another length, a non-digit, an impossible date) goes through the formatter, so results and
 * errors are the formatter's.
 */
public final class TimePattern {

    private final DateTimeFormatter formatter;
    /** Per position of the pattern: a field letter, or the literal character expected there; null if not fixed. */
    private final char[] layout;
    private final boolean[] literal;

    private TimePattern(DateTimeFormatter formatter, char[] layout, boolean[] literal) {
        this.formatter = formatter;
        this.layout = layout;
        this.literal = literal;
    }

    /** @throws IllegalArgumentException if {@code pattern} is not a valid {@link DateTimeFormatter} pattern */
    public static TimePattern of(String pattern) {
        DateTimeFormatter formatter = new DateTimeFormatterBuilder().appendPattern(pattern)
                // a defaulted era lets the usual yyyy patterns resolve strictly; a date alone is midnight.
                .parseDefaulting(ChronoField.ERA, 1)
                .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
        List<Character> layout = new ArrayList<>();
        List<Boolean> literal = new ArrayList<>();
        if (!fixedLayout(pattern, layout, literal)) {
            return new TimePattern(formatter, null, null);
        }
        char[] chars = new char[layout.size()];
        boolean[] lit = new boolean[layout.size()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = layout.get(i);
            lit[i] = literal.get(i);
        }
        return new TimePattern(formatter, chars, lit);
    }

    /** Whether the fast positional reading applies to this pattern (tests compare it with the formatter). */
    boolean positional() {
        return layout != null;
    }

    /** @throws DateTimeException if {@code text} does not match the pattern or names no real instant of the calendar */
    public LocalDateTime parse(String text) {
        if (layout != null) {
            LocalDateTime fast = positionally(text);
            if (fast != null) {
                return fast;
            }
        }
        return LocalDateTime.from(formatter.parse(text));
    }

    /** The pattern read by position, or null to let the formatter decide (and word the error). */
    private LocalDateTime positionally(String text) {
        if (text.length() != layout.length) {
            return null;
        }
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int millis = 0;
        for (int i = 0; i < layout.length; i++) {
            char c = text.charAt(i);
            if (literal[i]) {
                if (c != layout[i]) {
                    return null;
                }
                continue;
            }
            int digit = c - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            switch (layout[i]) {
                case 'y' -> year = year * 10 + digit;
                case 'M' -> month = month * 10 + digit;
                case 'd' -> day = day * 10 + digit;
                case 'H' -> hour = hour * 10 + digit;
                case 'm' -> minute = minute * 10 + digit;
                case 's' -> second = second * 10 + digit;
                default -> millis = millis * 10 + digit;
            }
        }
        if (year == 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    /**
     * Fills {@code layout} with one entry per character of the texts the pattern matches, if it is made
     * only of the fixed-width numeric fields (each at most once; a year and a month and a day required)
     * and literals.
     */
    private static boolean fixedLayout(String pattern, List<Character> layout, List<Boolean> literal) {
        StringBuilder seen = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end < 0 || end == i + 1) {
                    return false;
                }
                for (int k = i + 1; k < end; k++) {
                    layout.add(pattern.charAt(k));
                    literal.add(true);
                }
                i = end + 1;
                continue;
            }
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) { // pattern letters, as DateTimeFormatterBuilder reads them
                char field = switch (c) {
                    case 'y', 'u' -> run == 4 ? 'y' : 0;
                    case 'M', 'd', 'H', 'm', 's' -> run == 2 ? c : 0;
                    case 'S' -> run == 3 ? 'S' : 0;
                    default -> 0;
                };
                if (field == 0 || seen.indexOf(String.valueOf(field)) >= 0) {
                    return false;
                }
                seen.append(field);
                for (int k = 0; k < run; k++) {
                    layout.add(field);
                    literal.add(false);
                }
            } else if ("[]{}#".indexOf(c) >= 0) {
                return false; // optional sections and reserved characters: the formatter's business
            } else {
                for (int k = 0; k < run; k++) {
                    layout.add(c);
                    literal.add(true);
                }
            }
            i += run;
        }
        return seen.indexOf("y") >= 0 && seen.indexOf("M") >= 0 && seen.indexOf("d") >= 0;
    }
}
