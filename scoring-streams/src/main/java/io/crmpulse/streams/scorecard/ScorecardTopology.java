package io.crmpulse.streams.scorecard;

import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.GroupDelta;
import io.crmpulse.records.LateEvent;
import io.crmpulse.records.MonthCounts;
import io.crmpulse.records.OfficeScorecard;
import io.crmpulse.records.ScorecardRating;
import io.crmpulse.records.Watermark;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import io.crmpulse.streams.counters.DailyCounterReads;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The office scorecard's month close (METRICS.md section 6), in the counter tasks, where each office's counters are.
 *
 * <p>Inputs: the lifecycle's watermarks (each says up to which instant that lifecycle task has closed months:
 * {@code closing_through}), the {@link LateEvent}s the lifecycle sends with the deltas of events applied after their
 * month closed for it, and managers' ratings from {@code pulse.scorecard-ratings} (keyed by office group, partitioned
 * like the counters). Once every lifecycle task has closed a month, the counter task freezes the FINAL sheet of each of
 * its offices for it, from its counters as they are then: every delta of an event applied before its month closed
 * came before that task's watermark. A late event whose month already has a FINAL sheet there is listed against it,
 * and changes it no more than any delta applied after the freeze does.
 *
 * <p>Stores: {@link StoreNames#SCORECARDS} ({@code office:ID|YYYY-MM} → the FINAL sheet),
 * {@link StoreNames#SCORECARD_LATE_EVENTS} (late events and ratings by office and month), {@link StoreNames#SCORECARD_RATINGS}
 * ({@code office:ID|YYYY-MM} → the latest rating before the close) and {@link StoreNames#SCORECARD_CLOSING} (how far
 * each lifecycle task has closed months, and the last month frozen).
 */
public final class ScorecardTopology {

    private static final String FROZEN = "frozen-through-month";
    private static final char SEPARATOR = '\u001f';

    private final SerdeFactory serdes;
    private final ScorecardSettings settings;
    private final ZoneId zone;
    private final int lifecyclePartitions;

    /** @param lifecyclePartitions the lifecycle's partitions: a month closes once every one of them has closed it */
    public ScorecardTopology(SerdeFactory serdes, ScorecardSettings settings, ZoneId zone, int lifecyclePartitions) {
        this.serdes = serdes;
        this.settings = settings;
        this.zone = zone;
        this.lifecyclePartitions = lifecyclePartitions;
    }

    /** The key of an office's late event or rating of a month; {@link #latePrefix} lists those of the month. */
    public static String lateKey(String group, String month, String stream, String source, String id) {
        return latePrefix(group, month) + stream + SEPARATOR + source + SEPARATOR + id;
    }

    public static String latePrefix(String group, String month) {
        return Groups.periodKey(group, month) + SEPARATOR;
    }

    public void addTo(StreamsBuilder builder, KStream<String, GroupDelta> watermarks, KStream<String, LateEvent> late) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SCORECARDS), Serdes.String(),
                serdes.valueSerde(OfficeScorecard.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SCORECARD_LATE_EVENTS), Serdes.String(),
                serdes.valueSerde(LateEvent.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SCORECARD_RATINGS), Serdes.String(),
                serdes.valueSerde(ScorecardRating.class)));
        // Cached: every watermark moves a lifecycle task's entry, and only the last of a commit interval matters.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SCORECARD_CLOSING), Serdes.String(),
                Serdes.Long()).withCachingEnabled());
        watermarks.process(Close::new, Named.as("scorecard-close"), StoreNames.SCORECARD_CLOSING, StoreNames.SCORECARDS,
                StoreNames.SCORECARD_RATINGS, StoreNames.MONTHLY_COUNTERS, StoreNames.COMPLAINT_COUNTERS);
        late.process(Late::new, Named.as("scorecard-late-events"), StoreNames.SCORECARDS, StoreNames.SCORECARD_LATE_EVENTS);
        builder.stream(Topics.SCORECARD_RATINGS.name(), Consumed.with(Serdes.String(), serdes.valueSerde(ScorecardRating.class))
                        .withName("scorecard-ratings-source"))
                .process(Ratings::new, Named.as("scorecard-ratings"), StoreNames.SCORECARDS, StoreNames.SCORECARD_RATINGS,
                        StoreNames.SCORECARD_LATE_EVENTS);
    }

    /** Freezes the months every lifecycle task has closed, for every office of this partition. */
    private final class Close implements Processor<String, GroupDelta, Void, Void> {
        private final OfficeSheets sheets = new OfficeSheets(settings.rules());
        private KeyValueStore<String, Long> closing;
        private KeyValueStore<String, OfficeScorecard> frozen;
        private KeyValueStore<String, ScorecardRating> ratings;
        private KeyValueStore<String, CustomerFlows> months;
        private KeyValueStore<String, ComplaintDay> complaints;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            closing = context.getStateStore(StoreNames.SCORECARD_CLOSING);
            frozen = context.getStateStore(StoreNames.SCORECARDS);
            ratings = context.getStateStore(StoreNames.SCORECARD_RATINGS);
            months = context.getStateStore(StoreNames.MONTHLY_COUNTERS);
            complaints = context.getStateStore(StoreNames.COMPLAINT_COUNTERS);
        }

        @Override
        public void process(Record<String, GroupDelta> record) {
            Watermark watermark = (Watermark) record.value().getDelta();
            if (watermark.getClosingThrough() == null) {
                return;
            }
            String key = "partition:" + watermark.getLifecyclePartition();
            Long was = closing.get(key);
            long now = watermark.getClosingThrough().toEpochMilli();
            if (was != null && was >= now) {
                return;
            }
            closing.put(key, now);
            long through = Long.MAX_VALUE;
            for (int p = 0; p < lifecyclePartitions; p++) {
                Long reached = closing.get("partition:" + p);
                if (reached == null) {
                    return;
                }
                through = Math.min(through, reached);
            }
            YearMonth closed = settings.lastClosedAt(Instant.ofEpochMilli(through), zone);
            Long last = closing.get(FROZEN);
            if (last != null && last >= closed.getYear() * 12L + closed.getMonthValue() - 1) {
                return;
            }
            YearMonth lastFrozen = last == null ? null : YearMonth.of((int) (last / 12), (int) (last % 12) + 1);
            SortedSet<String> offices = DailyCounterReads.groups(months, Groups.OFFICE + ":");
            offices.addAll(DailyCounterReads.groups(complaints, Groups.OFFICE + ":"));
            for (String office : offices) {
                freeze(office, lastFrozen, closed, Instant.ofEpochMilli(through));
            }
            closing.put(FROZEN, closed.getYear() * 12L + closed.getMonthValue() - 1);
        }

        private void freeze(String group, YearMonth lastFrozen, YearMonth closed, Instant through) {
            Map<YearMonth, MonthCounts> counts = MonthFigures.counts(DailyCounterReads.days(months, group),
                    DailyCounterReads.days(complaints, group), closed);
            Map<YearMonth, OfficeScorecard> sheetsOf = frozenSheets(frozen, group);
            for (Map.Entry<YearMonth, MonthCounts> month : counts.entrySet()) {
                YearMonth m = month.getKey();
                if (lastFrozen != null && !m.isAfter(lastFrozen) || sheetsOf.containsKey(m)) {
                    continue;
                }
                String key = Groups.periodKey(group, m.toString());
                OfficeScorecard sheet = sheets.freeze(group.substring(group.indexOf(':') + 1), m, month.getValue(), sheets.score(m, counts, sheetsOf),
                        ratings.get(key), settings.closeOf(m, zone), through);
                frozen.put(key, sheet);
                sheetsOf.put(m, sheet);
            }
        }
    }

    /** Every FINAL sheet of exactly {@code group}, by month. */
    public static Map<YearMonth, OfficeScorecard> frozenSheets(org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, OfficeScorecard> store,
                                                              String group) {
        Map<YearMonth, OfficeScorecard> sheets = new TreeMap<>();
        DailyCounterReads.periods(store, group).forEach((month, sheet) -> sheets.put(YearMonth.parse(month), sheet));
        return sheets;
    }

    /** Lists an event that came after its month closed against that month's FINAL sheet, if the sheet is frozen here. */
    private static final class Late implements Processor<String, LateEvent, Void, Void> {
        private KeyValueStore<String, OfficeScorecard> frozen;
        private KeyValueStore<String, LateEvent> late;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            frozen = context.getStateStore(StoreNames.SCORECARDS);
            late = context.getStateStore(StoreNames.SCORECARD_LATE_EVENTS);
        }

        @Override
        public void process(Record<String, LateEvent> record) {
            LateEvent event = record.value();
            // Not frozen yet: the event's deltas came before the freeze, and the sheet counts it.
            if (frozen.get(Groups.periodKey(record.key(), event.getMonth())) != null) {
                late.put(lateKey(record.key(), event.getMonth(), event.getStream(), event.getSource(), event.getEventId()), event);
            }
        }
    }

    /** Keeps a manager's rating of a month that is not FINAL yet; one that comes after is listed as late. */
    private static final class Ratings implements Processor<String, ScorecardRating, Void, Void> {
        private KeyValueStore<String, OfficeScorecard> frozen;
        private KeyValueStore<String, ScorecardRating> ratings;
        private KeyValueStore<String, LateEvent> late;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            frozen = context.getStateStore(StoreNames.SCORECARDS);
            ratings = context.getStateStore(StoreNames.SCORECARD_RATINGS);
            late = context.getStateStore(StoreNames.SCORECARD_LATE_EVENTS);
        }

        @Override
        public void process(Record<String, ScorecardRating> record) {
            ScorecardRating rating = record.value();
            String key = Groups.periodKey(record.key(), rating.getMonth());
            if (frozen.get(key) == null) {
                ratings.put(key, rating);
            } else {
                late.put(lateKey(record.key(), rating.getMonth(), "rating", rating.getRatedBy(), rating.getRatingId()),
                        new LateEvent(rating.getMonth(), "rating", rating.getRatedBy(), rating.getRatingId(), null, rating.getRatedAt()));
            }
        }
    }
}
