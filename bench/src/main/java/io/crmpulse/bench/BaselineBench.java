package io.crmpulse.bench;

import io.crmpulse.events.OrderEvent;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What the order topic costs without CRM Pulse, on the same broker and in the same run as the end-to-end bench:
 * Kafka's consumer reading and Avro-decoding every order, and a lean Kafka Streams application of the lifecycle's
 * shape (exactly-once v2, two threads): per-customer state (last order, count), NEW or REACTIVATED after a 90-day
 * gap, deltas keyed by office and day, one repartition, sums per office and day in a store. Its figures are the
 * yardstick of the streaming core's cost; each rate is measured from the first record handled to the last.
 */
final class BaselineBench {

    private static final long CHURN_AFTER_MILLIS = Duration.ofDays(90).toMillis();
    private static final String CUSTOMERS = "lean-customers";
    private static final String DAY_COUNTS = "lean-day-counts";
    /** The lean application's id, which prefixes its internal topics. */
    static final String LEAN_APPLICATION_ID = "lean-bench";

    private BaselineBench() {
    }

    /** Orders per second Kafka's consumer reads and decodes from the order topic, from the first record to the last. */
    @SuppressWarnings("unchecked")
    static double rawConsume(String bootstrap, long orders) {
        Deserializer<OrderEvent> values = (Deserializer<OrderEvent>) SerdeFactory.named(null, Map.of()).valueSerde(OrderEvent.class).deserializer();
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, OrderEvent> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long first = 0;
            long checksum = 0;
            while (read < orders) {
                ConsumerRecords<String, OrderEvent> records = consumer.poll(Duration.ofSeconds(1));
                if (first == 0 && !records.isEmpty()) {
                    first = System.nanoTime();
                }
                for (var r : records) {
                    checksum += r.value().getEnvelope().getOccurredAt().toEpochMilli();
                    read++;
                }
            }
            double seconds = (System.nanoTime() - first) / 1e9;
            log("raw consumer: " + read + " orders in " + seconds + " s (checksum " + checksum + ")");
            return read / seconds;
        }
    }

    /**
     * Orders per second the lean application applies: from its first order handled until its store counts every
     * customer as new exactly once.
     */
    static double leanStreams(String bootstrap, Path stateDir, long orders, int customers) throws InterruptedException {
        KafkaStreams streams = new KafkaStreams(topology(), properties(bootstrap, stateDir));
        try {
            streams.start();
            long news = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
            while (news != customers && System.nanoTime() < deadline) {
                Thread.sleep(200);
                news = newCustomers(streams);
            }
            double seconds = (System.nanoTime() - LeanLifecycle.FIRST.get()) / 1e9;
            log("lean streams: " + orders + " orders, " + news + " of " + customers + " customers new, in " + seconds + " s");
            if (news != customers) {
                throw new IllegalStateException("the lean application counted " + news + " of " + customers + " customers new");
            }
            return orders / seconds;
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    /**
     * The offsets written so far to the log of each topic whose name passes {@code topics}, summed over its partitions:
     * its records and, on a topic written in transactions, one commit or abort marker per partition and transaction.
     * What the broker stores and every reader reads.
     */
    static SortedMap<String, Long> logRecords(String bootstrap, Predicate<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(admin.listTopics().names().get().stream().filter(topics).toList()).allTopicNames().get()
                    .forEach((topic, description) -> description.partitions()
                            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            SortedMap<String, Long> records = new TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) -> records.merge(partition.topic(), end.offset(), Long::sum));
            return records;
        }
    }

    private static org.apache.kafka.streams.Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMERS), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DAY_COUNTS), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        builder.stream(Topics.ORDER_EVENTS.name(), Consumed.with(Serdes.String(), SerdeFactory.named(null, Map.of()).valueSerde(OrderEvent.class))
                        .withName("lean-orders"))
                .process(LeanLifecycle::new, Named.as("lean-lifecycle"), CUSTOMERS)
                .repartition(Repartitioned.<String, Long>as("lean-deltas").withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .process(DaySums::new, Named.as("lean-day-sums"), DAY_COUNTS);
        return builder.build();
    }

    private static Properties properties(String bootstrap, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, LEAN_APPLICATION_ID);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }

    /** Customers counted new (the low half of each day's packed sum) over every office and day. */
    private static long newCustomers(KafkaStreams streams) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return 0;
        }
        try {
            ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(DAY_COUNTS,
                    QueryableStoreTypes.keyValueStore()));
            long news = 0;
            try (KeyValueIterator<String, Long> it = store.all()) {
                while (it.hasNext()) {
                    news += it.next().value & 0xFFFF_FFFFL;
                }
            }
            return news;
        } catch (InvalidStateStoreException rebalancing) {
            return 0;
        }
    }

    /** Per customer: last order and order count; forwards (office|day, 1) for NEW and (office|day, 1 << 32) for REACTIVATED. */
    private static final class LeanLifecycle implements Processor<String, OrderEvent, String, Long> {
        static final AtomicLong FIRST = new AtomicLong();
        private ProcessorContext<String, Long> context;
        private KeyValueStore<String, byte[]> customers;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            this.context = context;
            this.customers = context.getStateStore(CUSTOMERS);
        }

        @Override
        public void process(Record<String, OrderEvent> record) {
            FIRST.compareAndSet(0, System.nanoTime());
            long at = record.value().getEnvelope().getOccurredAt().toEpochMilli();
            byte[] state = customers.get(record.key());
            long last = state == null ? Long.MIN_VALUE : ByteBuffer.wrap(state).getLong(0);
            long count = state == null ? 0 : ByteBuffer.wrap(state).getLong(8);
            customers.put(record.key(), ByteBuffer.allocate(16).putLong(Math.max(last, at)).putLong(count + 1).array());
            long delta = state == null ? 1 : at - last >= CHURN_AFTER_MILLIS ? 1L << 32 : 0;
            if (delta != 0) {
                String day = LocalDate.ofInstant(record.value().getEnvelope().getOccurredAt(), ZoneOffset.UTC).toString();
                context.forward(record.withKey(record.value().getEnvelope().getOfficeId() + "|" + day).withValue(delta));
            }
        }
    }

    /** Sums the deltas per office and day. */
    private static final class DaySums implements Processor<String, Long, Void, Void> {
        private KeyValueStore<String, Long> sums;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.sums = context.getStateStore(DAY_COUNTS);
        }

        @Override
        public void process(Record<String, Long> record) {
            Long current = sums.get(record.key());
            sums.put(record.key(), (current == null ? 0 : current) + record.value());
        }
    }

    private static void log(String message) {
        System.err.println("bench: " + message);
    }
}
