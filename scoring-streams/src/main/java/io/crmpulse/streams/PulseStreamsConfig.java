package io.crmpulse.streams;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams settings the pipeline runs with; the values come from the application's typed configuration. */
public final class PulseStreamsConfig {

    private PulseStreamsConfig() {
    }

    /**
     * @param applicationServer this instance's {@code host:port} for interactive-query routing
     * @param replication       replication factor of changelog and repartition topics (1 on a single broker)
     * @param rocksDbMemory     bytes of the one block cache and write-buffer budget all RocksDB stores share ({@link RocksDbMemory});
     *                          0: each store gets Kafka Streams' defaults
     */
    public static Properties properties(String applicationId, String bootstrap, Path stateDir, String applicationServer,
                                        int replication, int threads, long rocksDbMemory) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // The churn-risk model is a global table: handle its processing errors like every other (the Kafka 5 default).
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        if (rocksDbMemory > 0) {
            p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbMemory.class);
            p.put(RocksDbMemory.BUDGET_CONFIG, rocksDbMemory);
        }
        // A daily classification of every customer runs in one punctuation, inside one transaction: at 1M customers it
        // takes seconds, more than the 10 s exactly-once default leaves once the other tasks' work is added.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 60_000);
        // One request in flight per broker. With several, a transaction's first batch to a partition can be answered
        // CONCURRENT_TRANSACTIONS (the previous transaction's markers are still being written) while the next batch
        // arrives after them; a 4.4 broker refuses that one as out of order ("expected sequence 0 ... with no existing
        // state", see KAFKA-15591). In a replay of 1M customers (bench/run e2e) such refusals hit the counter-deltas
        // topic and 3,230 of 1,000,000 new customers went uncounted; with one request at a time none occurred.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        return p;
    }
}
