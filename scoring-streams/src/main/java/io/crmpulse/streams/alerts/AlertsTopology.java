package io.crmpulse.streams.alerts;

import io.crmpulse.records.AlertEvent;
import io.crmpulse.records.AlertRule;
import io.crmpulse.records.ComplaintDay;
import io.crmpulse.records.CustomerFlows;
import io.crmpulse.records.GroupDelta;
import io.crmpulse.records.MonthCounts;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.Groups;
import io.crmpulse.streams.StoreNames;
import io.crmpulse.streams.counters.DailyCounterReads;
import io.crmpulse.streams.scorecard.MonthFigures;
import io.crmpulse.streams.scorecard.Rated;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Alerts on group figures (METRICS.md section 9), evaluated in the counter tasks, where each group's counters are.
 *
 * <p>Inputs: the rules, from the compacted topic {@code pulse.alert-rules} into a global store on every instance
 * ({@link StoreNames#ALERT_RULES}), so every instance evaluates the same rules; the lifecycle's watermarks, which say
 * how far the counters are complete. Every {@code evaluateEvery} of wall-clock time, a counter task evaluates each rule
 * for each of its groups the rule names, over the rule's window ending with the day the counters are complete through,
 * and raises or resolves the alert when {@link AlertCheck} says so. Output: each change once, to {@code pulse.alerts};
 * store {@link StoreNames#ALERT_STATES} ({@code RULE|GROUP} → the latest change, {@code since} when, with the rate of the
 * latest evaluation whenever it moved).
 */
public final class AlertsTopology {

    private static final char SEPARATOR = '|';

    private final SerdeFactory serdes;
    private final ZoneId zone;
    private final int lifecyclePartitions;
    private final Duration evaluateEvery;

    public AlertsTopology(SerdeFactory serdes, ZoneId zone, int lifecyclePartitions, Duration evaluateEvery) {
        this.serdes = serdes;
        this.zone = zone;
        this.lifecyclePartitions = lifecyclePartitions;
        this.evaluateEvery = evaluateEvery;
    }

    /** The key of an alert's state: the rule and the group (or customer) it is about. */
    public static String key(String ruleId, String subject) {
        return ruleId + SEPARATOR + subject;
    }

    public void addTo(StreamsBuilder builder, KStream<String, GroupDelta> watermarks) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ALERT_RULES), Serdes.String(),
                        serdes.valueSerde(AlertRule.class)).withLoggingDisabled(),
                Topics.ALERT_RULES.name(), Consumed.with(Serdes.String(), serdes.valueSerde(AlertRule.class)).withName("alert-rules-source"),
                RulesLoader::new);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ALERT_STATES), Serdes.String(),
                serdes.valueSerde(AlertEvent.class)));
        watermarks.process(Evaluation::new, Named.as("alerts"), StoreNames.ALERT_STATES, StoreNames.COUNTED_THROUGH,
                        StoreNames.MONTHLY_COUNTERS, StoreNames.DAILY_COUNTERS, StoreNames.COMPLAINT_COUNTERS)
                .to(Topics.ALERTS.name(), Produced.with(Serdes.String(), serdes.valueSerde(AlertEvent.class)).withName("alerts-sink"));
    }

    /** Keeps the global rule store as the compacted topic says: a rule per id, a tombstone deletes it. */
    private static final class RulesLoader implements Processor<String, AlertRule, Void, Void> {
        private KeyValueStore<String, AlertRule> rules;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            rules = context.getStateStore(StoreNames.ALERT_RULES);
        }

        @Override
        public void process(Record<String, AlertRule> record) {
            if (record.value() == null) {
                rules.delete(record.key());
            } else {
                rules.put(record.key(), record.value());
            }
        }
    }

    private final class Evaluation implements Processor<String, GroupDelta, String, AlertEvent> {
        private ProcessorContext<String, AlertEvent> context;
        private KeyValueStore<String, AlertRule> rules;
        private KeyValueStore<String, AlertEvent> states;
        private KeyValueStore<String, Long> countedThrough;
        private KeyValueStore<String, CustomerFlows> months;
        private KeyValueStore<String, CustomerFlows> days;
        private KeyValueStore<String, ComplaintDay> complaints;

        @Override
        public void init(ProcessorContext<String, AlertEvent> context) {
            this.context = context;
            rules = context.getStateStore(StoreNames.ALERT_RULES);
            states = context.getStateStore(StoreNames.ALERT_STATES);
            countedThrough = context.getStateStore(StoreNames.COUNTED_THROUGH);
            months = context.getStateStore(StoreNames.MONTHLY_COUNTERS);
            days = context.getStateStore(StoreNames.DAILY_COUNTERS);
            complaints = context.getStateStore(StoreNames.COMPLAINT_COUNTERS);
            context.schedule(evaluateEvery, PunctuationType.WALL_CLOCK_TIME, now -> evaluate());
        }

        @Override
        public void process(Record<String, GroupDelta> watermark) {
            // Watermarks are read from counted-through when evaluating; a record here is only what connects the stores.
        }

        private void evaluate() {
            Long through = completeThrough();
            if (through == null) {
                return;
            }
            Instant asOf = Instant.ofEpochMilli(through);
            LocalDate today = LocalDate.ofInstant(asOf, zone);
            List<String> ruleIds = new ArrayList<>();
            try (KeyValueIterator<String, AlertRule> it = rules.all()) {
                while (it.hasNext()) {
                    AlertRule rule = it.next().value;
                    ruleIds.add(rule.getRuleId());
                    int window = AlertRules.window(rule.getWindow());
                    LocalDate from = window == 0 ? today.withDayOfMonth(1) : today.minusDays(window - 1L);
                    for (String group : groups(rule.getGroup())) {
                        evaluate(rule, group, WindowCounts.of(months, days, complaints, group, from, today), asOf);
                    }
                }
            }
            resolveDeletedRules(ruleIds, asOf);
        }

        private void evaluate(AlertRule rule, String group, MonthCounts counts, Instant asOf) {
            String key = key(rule.getRuleId(), group);
            AlertEvent last = states.get(key);
            boolean open = last != null && AlertCheck.RAISED.equals(last.getState());
            Rated rate = MonthFigures.rate(rule.getMetric(), counts);
            long numerator = MonthFigures.numerator(rule.getMetric(), counts);
            long denominator = MonthFigures.denominator(rule.getMetric(), counts);
            String next = AlertCheck.next(rule, rate, denominator, open);
            if (next == null) {
                // No change: the kept state follows the rate, for the API and the gauges, when it moved.
                if (last != null && (last.getNumerator() != numerator || last.getDenominator() != denominator)) {
                    states.put(key, AlertEvent.newBuilder(last).setValue(rate.isNull() ? null : rate.value().toDouble())
                            .setNumerator(numerator).setDenominator(denominator).setAsOf(asOf).build());
                }
                return;
            }
            boolean raised = next.equals(AlertCheck.RAISED);
            String threshold = raised ? rule.getThreshold() : rule.getClear();
            String message = String.format(Locale.ROOT, "%s %s of %s over %s is %.4f (%d/%d), %s %s %s", rule.getRuleId(),
                    rule.getMetric(), group, rule.getWindow(), rate.value().toDouble(), numerator, denominator,
                    raised ? "raised:" : "resolved: no longer", rule.getComparator(), threshold);
            AlertEvent event = new AlertEvent(rule.getRuleId(), group, next, rule.getSeverity(), rule.getMetric(), rule.getWindow(),
                    rate.value().toDouble(), numerator, denominator, threshold, asOf, message, asOf, null, null);
            states.put(key, event);
            context.forward(new Record<>(key, event, asOf.toEpochMilli()));
        }

        /** An open alert of a rule that was deleted is resolved: nobody watches it any more. */
        private void resolveDeletedRules(List<String> ruleIds, Instant asOf) {
            List<KeyValue<String, AlertEvent>> orphans = new ArrayList<>();
            try (KeyValueIterator<String, AlertEvent> it = states.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value.getCustomerId() == null && !ruleIds.contains(kv.value.getRuleId()) && AlertCheck.RAISED.equals(kv.value.getState())) {
                        orphans.add(kv);
                    }
                });
            }
            for (KeyValue<String, AlertEvent> kv : orphans) {
                AlertEvent resolved = AlertEvent.newBuilder(kv.value).setState(AlertCheck.RESOLVED).setAsOf(asOf).setSince(asOf)
                        .setMessage(kv.value.getRuleId() + " was deleted: its alert of " + kv.value.getGroup() + " is resolved").build();
                states.put(kv.key, resolved);
                context.forward(new Record<>(kv.key, resolved, asOf.toEpochMilli()));
            }
        }

        /** The groups of this task's partition that {@code group} names: all, each of a dimension, or one. */
        private List<String> groups(String group) {
            if (group.contains(":") || group.equals(Groups.ALL)) {
                return DailyCounterReads.days(months, group).isEmpty() ? List.of() : List.of(group);
            }
            return List.copyOf(DailyCounterReads.groups(months, group + ":"));
        }

        /** The least instant every lifecycle task's deltas have been applied through here; null until all have sent one. */
        private Long completeThrough() {
            int partition = context.taskId().partition();
            long least = Long.MAX_VALUE;
            for (int p = 0; p < lifecyclePartitions; p++) {
                Long t = countedThrough.get(StoreNames.countedThroughKey(partition, p));
                if (t == null) {
                    return null;
                }
                least = Math.min(least, t);
            }
            return least;
        }
    }
}
