package io.crmpulse.api;

import io.crmpulse.streams.Groups;
import io.crmpulse.streams.risk.Rfm;
import java.util.Comparator;
import java.util.List;

/** Group membership, ranking and wire form of customer rows, shared by every instance's answers. */
final class CustomerRows {

    /** Highest risk score first; customers without a score last; ties by id, so pages are stable. */
    static final Comparator<CustomerRow> BY_RISK = Comparator
            .comparing((CustomerRow r) -> r.riskScore() == null ? Double.NEGATIVE_INFINITY : r.riskScore()).reversed()
            .thenComparing(CustomerRow::customerId);

    private CustomerRows() {
    }

    /**
     * Whether a customer with this office and staff member (either null: none) belongs to {@code group}: {@code all},
     * {@code office:ID} or {@code staff:ID}.
     */
    static boolean inGroup(String office, String staff, String group) {
        if (group.equals(Groups.ALL)) {
            return true;
        }
        if (group.startsWith(Groups.OFFICE + ":")) {
            return group.substring(Groups.OFFICE.length() + 1).equals(office);
        }
        return group.startsWith(Groups.STAFF + ":") && group.substring(Groups.STAFF.length() + 1).equals(staff);
    }

    static List<Double> rfmToWire(Rfm r) {
        return java.util.Arrays.asList((double) r.x(), r.tx(), r.age(), Double.isFinite(r.meanSpend()) ? r.meanSpend() : null);
    }

    static Rfm rfmFromWire(List<Double> v) {
        return new Rfm(v.get(0).intValue(), v.get(1), v.get(2), v.get(3) == null ? Double.NaN : v.get(3));
    }
}
