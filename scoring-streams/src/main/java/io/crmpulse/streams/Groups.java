package io.crmpulse.streams;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * How groups (METRICS.md section 3) are written: {@code all}, {@code office:ID}, {@code staff:ID},
 * {@code segment:X}, {@code region:X}, the same form the API takes in its {@code group} parameter. Per-day counters are keyed
 * {@code GROUP|YYYY-MM-DD}; the day is always the last ten characters, so a group id that itself
 * contains {@code |} cannot be confused with another group's day.
 */
public final class Groups {

    public static final String ALL = "all";
    public static final String OFFICE = "office";
    public static final String STAFF = "staff";
    public static final String SEGMENT = "segment";
    public static final String REGION = "region";
    private static final char SEPARATOR = '|';
    private static final int DAY_LENGTH = 10;
    private static final char MEMBER_SEPARATOR = '\u001f';

    private Groups() {
    }

    public static String of(String dimension, String id) {
        return dimension + ":" + id;
    }

    public static String dayKey(String group, LocalDate day) {
        return group + SEPARATOR + day;
    }

    /** Prefix of every key of one group (day keys and cohort keys). */
    public static String keyPrefix(String group) {
        return group + SEPARATOR;
    }

    /** The group of a day key, if the key is one (a group followed by the separator and an ISO date). */
    public static Optional<String> groupOfDayKey(String key) {
        int split = key.length() - DAY_LENGTH - 1;
        if (split <= 0 || key.charAt(split) != SEPARATOR) {
            return Optional.empty();
        }
        return Optional.of(key.substring(0, split));
    }

    /** Cohort counters are keyed {@code GROUP|YYYY-MM|YYYY-MM} (cohort, then the month of activity). */
    public static String cohortKey(String group, LocalDate cohort, LocalDate month) {
        return group + SEPARATOR + YearMonth.from(cohort) + SEPARATOR + YearMonth.from(month);
    }

    /** The group of a cohort key, if the key is one: the last 16 characters are {@code |YYYY-MM|YYYY-MM}. */
    public static Optional<String> groupOfCohortKey(String key) {
        int split = key.length() - 16;
        if (split <= 0 || key.charAt(split) != SEPARATOR || key.charAt(split + 8) != SEPARATOR) {
            return Optional.empty();
        }
        return Optional.of(key.substring(0, split));
    }

    public static YearMonth cohortOfCohortKey(String key) {
        return YearMonth.parse(key.substring(key.length() - 15, key.length() - 8));
    }

    public static YearMonth monthOfCohortKey(String key) {
        return YearMonth.parse(key.substring(key.length() - 7));
    }

    /** Repeat-purchase counters are keyed {@code GROUP|LABEL}; a period label never contains the separator. */
    public static String periodKey(String group, String label) {
        return group + SEPARATOR + label;
    }

    public static String groupOfPeriodKey(String key) {
        return key.substring(0, key.lastIndexOf(SEPARATOR));
    }

    /**
     * The index of a group's members is keyed {@code GROUP}, U+001F, customer id: a control character, so that no
     * group's prefix is the start of another group's key.
     */
    public static String memberKey(String group, String customerId) {
        return memberPrefix(group) + customerId;
    }

    public static String memberPrefix(String group) {
        return group + MEMBER_SEPARATOR;
    }

    /** The day of a day key: its last ten characters, YYYY-MM-DD (read field by field: a formatter's parse cost a fifth of a read of a group's days). */
    public static LocalDate dayOfDayKey(String key) {
        int at = key.length() - DAY_LENGTH;
        return LocalDate.of(Integer.parseInt(key, at, at + 4, 10), Integer.parseInt(key, at + 5, at + 7, 10),
                Integer.parseInt(key, at + 8, at + 10, 10));
    }
}
