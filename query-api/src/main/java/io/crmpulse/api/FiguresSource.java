package io.crmpulse.api;

import io.crmpulse.records.ChurnRiskModel;
import io.crmpulse.records.ActivityCell;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.ContactDay;
import io.crmpulse.records.ContactedCell;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.streams.risk.Rfm;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Reads what the streams keep for the API, wherever it lives. Every method may throw
 * {@link ApiErrors.Unavailable} while stores are migrating or restoring.
 */
public interface FiguresSource {

    /** The one {@link #state()} in which the API answers from the stores. */
    String RUNNING = "RUNNING";

    /**
     * Per-day counters of one group ({@code all}, {@code office:ID}, ...), with the changes of its customers that need
     * a contact; empty when the group has none.
     */
    Map<LocalDate, CustomerFlows> days(String group);

    /**
     * The same counters summed per month, keyed by the month's first day (what month, quarter, half-year and year
     * rows read); empty when the group has none.
     */
    Map<LocalDate, CustomerFlows> months(String group);

    /** Repeat-purchase counters of one group by period label ({@code lifetime} for whole histories). */
    Map<String, ActivityCell> repeat(String group);

    /** Per-day contact work of one group; empty when the group has none. */
    Map<LocalDate, ContactDay> contactDays(String group);

    /** Customers contacted by one group by week and month label; empty when it contacted none. */
    Map<String, ContactedCell> contacted(String group);

    /** The customers of one group contacted in a week or month, by label; empty when none was. */
    Map<String, io.crmpulse.records.CoveredCell> covered(String group);

    /** Per-day complaint counters of one group; empty when the group has none. */
    Map<LocalDate, ComplaintDay> complaintDays(String group);

    /**
     * What the month close keeps of one office group ({@code office:ID}): its FINAL scorecards, the ratings of months not
     * closed yet, and the events listed as late; empty parts when it has none.
     */
    io.crmpulse.streams.scorecard.ScorecardState scorecard(String group);

    /** The latest change of every alert (RAISED or RESOLVED), over every instance. */
    List<io.crmpulse.records.AlertEvent> alerts();

    /** The alert rules in force (every instance has all of them). */
    List<io.crmpulse.records.AlertRule> alertRules();

    /** Customers active per cohort month and month, of exactly {@code group}; empty when it has none. */
    Map<java.time.YearMonth, Map<java.time.YearMonth, Long>> cohorts(String group);

    /** Revenue net of refunds per cohort month and month, of exactly {@code group}; empty when it has none. */
    Map<java.time.YearMonth, Map<java.time.YearMonth, java.math.BigDecimal>> revenueCohorts(String group);

    /** A customer's ABC class and RFM scores as of the last daily classification; empty before it has one. */
    Optional<io.crmpulse.records.CustomerSegment> segment(String customerId);

    /** How many customers are in each ABC class and RFM cell, counted in the one task that classifies them. */
    SegmentCounts segmentCounts();

    /**
     * Match keys that join records of more than one customer id or office (one person on file twice), at most
     * {@code limit} from each instance.
     */
    List<io.crmpulse.records.CustomerMatch> matches(int limit);

    /** Every group of a dimension that has counters, e.g. {@code office:BJ}, {@code office:SH}. */
    SortedSet<String> groups(String dimension);

    /** How far the counters and the customers' lifecycle have got, and what is not processed yet, over every instance. */
    Progress progress();

    /** One customer as of {@code asOf}, from the instance that owns it; empty when unknown. */
    Optional<CustomerRow> customer(String customerId, Instant asOf);

    /**
     * The at-risk list of {@code group} ({@code all}, {@code office:ID}, {@code staff:ID}) as of {@code asOf}: how many of
     * its customers are still customers, and the rows of the first {@code top} of them by risk ({@link CustomerRows#BY_RISK}).
     */
    AtRiskList.Part atRisk(String group, Instant asOf, int top);

    /** The purchase summary of every customer with activity by {@code asOf}, for a fit. */
    List<Rfm> summaries(Instant asOf);

    /** The newest fitted churn-risk model; empty before the first fit. */
    Optional<ChurnRiskModel> model();

    /** True when the streams are running and their stores can be queried. */
    boolean ready();

    /** The streams client's state ({@link #RUNNING} when it serves), for the health answer and the API's 503s. */
    String state();
}
