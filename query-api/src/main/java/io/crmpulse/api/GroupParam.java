package io.crmpulse.api;

import io.crmpulse.streams.Groups;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code group} parameter: {@code all}, a dimension alone ({@code office}: every office) or
 * {@code dimension:ID}. The dimension is normalised once (lower case, {@link Locale#ROOT}); ids are kept as given.
 */
record GroupParam(String dimension, String id) {

    private static final Set<String> COMPUTED = Set.of(Groups.OFFICE, Groups.STAFF, Groups.SEGMENT, Groups.REGION);

    static GroupParam parse(String text) {
        String t = text == null ? Groups.ALL : text.strip();
        if (t.equalsIgnoreCase(Groups.ALL)) {
            return new GroupParam(Groups.ALL, null);
        }
        int colon = t.indexOf(':');
        String dimension = (colon < 0 ? t : t.substring(0, colon)).toLowerCase(Locale.ROOT);
        String id = colon < 0 ? null : t.substring(colon + 1);
        if (!COMPUTED.contains(dimension)) {
            throw new ApiErrors.BadParameter("group", "unknown group '" + text + "'; expected all, or office, staff, segment or region, "
                    + "alone or with :ID");
        }
        if (id != null && id.isEmpty()) {
            throw new ApiErrors.BadParameter("group", "'" + text + "' names no id after the colon");
        }
        return new GroupParam(dimension, id);
    }

    boolean everyMember() {
        return !dimension.equals(Groups.ALL) && id == null;
    }

    /** The stored group key of a single group. */
    String key() {
        return id == null ? dimension : Groups.of(dimension, id);
    }
}
