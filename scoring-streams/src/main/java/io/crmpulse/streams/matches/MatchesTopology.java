package io.crmpulse.streams.matches;

import io.crmpulse.events.Envelope;
import io.crmpulse.records.CustomerMatch;
import io.crmpulse.records.MatchedRecord;
import io.crmpulse.schemas.serde.SerdeFactory;
import io.crmpulse.streams.StoreNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * One person's records across sources and offices (seeds 000 and 004: spot duplicate customers without exposing
 * their data). Input: the envelopes of events that carry a match key, keyed by customer id; they are repartitioned
 * by match key through {@code <application.id>-match-records-repartition}. Store: {@link StoreNames#CUSTOMER_MATCHES},
 * match key → every distinct (customer id, office) seen with it. Adding to a set is idempotent, so a repeated or late
 * event changes nothing.
 */
public final class MatchesTopology {

    /**
     * Distinct records kept per match key: one person is seldom on file more often, and a placeholder value shared by
     * many (a phone of all zeros) must not grow without end; past it the match says it is truncated.
     */
    static final int MAX_RECORDS = 100;

    private final SerdeFactory serdes;

    public MatchesTopology(SerdeFactory serdes) {
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder, KStream<String, Envelope> matchKeyed) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CUSTOMER_MATCHES),
                Serdes.String(), serdes.valueSerde(CustomerMatch.class)).withCachingEnabled());
        matchKeyed
                .map((customer, envelope) -> org.apache.kafka.streams.KeyValue.pair(envelope.getMatchKey(),
                        new MatchedRecord(envelope.getCustomerId(), envelope.getOfficeId())), Named.as("by-match-key"))
                .repartition(Repartitioned.<String, MatchedRecord>as(StoreNames.MATCH_RECORDS_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.valueSerde(MatchedRecord.class)))
                .process(Matcher::new, Named.as("customer-matches"), StoreNames.CUSTOMER_MATCHES);
    }

    private static final class Matcher implements Processor<String, MatchedRecord, Void, Void> {
        private KeyValueStore<String, CustomerMatch> matches;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            matches = context.getStateStore(StoreNames.CUSTOMER_MATCHES);
        }

        @Override
        public void process(Record<String, MatchedRecord> record) {
            CustomerMatch match = matches.get(record.key());
            List<MatchedRecord> records = match == null ? new ArrayList<>() : new ArrayList<>(match.getRecords());
            if (records.contains(record.value()) || match != null && match.getTruncated()) {
                return;
            }
            if (records.size() == MAX_RECORDS) {
                matches.put(record.key(), new CustomerMatch(record.key(), records, true));
                return;
            }
            records.add(record.value());
            matches.put(record.key(), new CustomerMatch(record.key(), records, false));
        }
    }
}
