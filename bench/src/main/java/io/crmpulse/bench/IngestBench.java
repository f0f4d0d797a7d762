package io.crmpulse.bench;

import io.crmpulse.app.EmbeddedKafka;
import io.crmpulse.ingest.IngestRun;
import io.crmpulse.ingest.IngestSummary;
import io.crmpulse.ingest.KafkaEventSink;
import io.crmpulse.ingest.RecordMapper;
import io.crmpulse.ingest.mapping.Mapping;
import io.crmpulse.ingest.mapping.MappingLoader;
import io.crmpulse.ingest.read.RecordReader;
import io.crmpulse.schemas.TopicCreator;
import io.crmpulse.schemas.Topics;
import io.crmpulse.schemas.serde.SerdeFactory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * File → broker throughput of {@code pulse ingest} on 1M order rows, beside Kafka's own producer sending
 * the same records, serialized beforehand, with the same producer settings, to the same in-process
 * broker in the same run.
 */
final class IngestBench {

    private static final String MAPPING = """
            version: 1
            source: bench
            stream: order
            event_id: { column: id }
            event_type: { column: status, values: { placed: PLACED, paid: PAID } }
            occurred_at: { column: at, format: "yyyy-MM-dd HH:mm:ss", zone: UTC }
            fields:
              customer_id: { column: customer }
              office_id:   { column: office }
              order_id:    { column: id }
              amount:      { column: amount }
              item_count:  { column: items }
            """;

    private IngestBench() {
    }

    static void run(int rows, Map<String, Object> out) throws IOException {
        Path dir = Files.createTempDirectory("pulse-bench-");
        try {
            Path csv = dir.resolve("orders.csv");
            write(csv, rows);
            out.put("ingest_rows", rows);
            out.put("ingest_file_mb", Math.round(Files.size(csv) / 1e6));
            Mapping mapping = MappingLoader.parse("bench.yaml", new StringReader(MAPPING));
            try (EmbeddedKafka broker = EmbeddedKafka.start(dir, freePort(), freePort())) {
                TopicCreator.ensure(broker.bootstrap(), 6, (short) 1);
                SerdeFactory serdes = SerdeFactory.named(null, Map.of());
                List<ProducerRecord<String, byte[]>> serialized = serialize(csv, mapping, serdes);

                // Single runs vary by a factor of two on this machine (JIT, GC, the broker's own work on the
                // other core): alternate three rounds of each and compare medians.
                double[] raw = new double[3];
                double[] ingest = new double[3];
                double[] rawCpu = new double[3];
                double[] ingestCpu = new double[3];
                for (int round = 0; round < 3; round++) {
                    long cpu = processCpuNanos();
                    raw[round] = producer(broker.bootstrap(), serialized);
                    rawCpu[round] = (processCpuNanos() - cpu) / 1e3 / rows;
                    cpu = processCpuNanos();
                    ingest[round] = ingest(broker.bootstrap(), mapping, serdes, csv);
                    ingestCpu[round] = (processCpuNanos() - cpu) / 1e3 / rows;
                }
                // The broker runs in this process: CPU time per record is the whole machine's work for it,
                // which bounds the rate on this machine's cores whatever the threading.
                out.put("kafka_producer_cpu_us_per_record", Math.round(median(rawCpu) * 100) / 100.0);
                out.put("pulse_ingest_cpu_us_per_record", Math.round(median(ingestCpu) * 100) / 100.0);
                out.put("kafka_producer_records_per_s", Math.round(median(raw)));
                out.put("pulse_ingest_records_per_s", Math.round(median(ingest)));
                out.put("kafka_producer_records_per_s_rounds", java.util.Arrays.stream(raw).map(Math::rint).toArray());
                out.put("pulse_ingest_records_per_s_rounds", java.util.Arrays.stream(ingest).map(Math::rint).toArray());
                out.put("ingest_to_producer_ratio", Math.round(median(ingest) / median(raw) * 1000) / 1000.0);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double ingest(String bootstrap, Mapping mapping, SerdeFactory serdes, Path csv) {
        long start = System.nanoTime();
        IngestSummary summary;
        try (KafkaEventSink sink = new KafkaEventSink(bootstrap, serdes, Duration.ofMinutes(2), Map.of())) {
            summary = new IngestRun(mapping, "bench", sink, Clock.systemUTC(), Duration.ofDays(1), p -> { }).run(List.of(csv));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log("ingest: " + summary.line() + " in " + seconds + " s");
        return summary.published() / seconds;
    }

    /** The producer settings of ingest's KafkaEventSink, with nothing but sending to do. */
    private static double producer(String bootstrap, List<ProducerRecord<String, byte[]>> records) {
        Properties p = KafkaEventSink.producerSettings(bootstrap, Duration.ofMinutes(2));
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r);
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log("kafka producer: " + records.size() + " records in " + seconds + " s");
        return records.size() / seconds;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<ProducerRecord<String, byte[]>> serialize(Path csv, Mapping mapping, SerdeFactory serdes) throws IOException {
        RecordMapper mapper = new RecordMapper(mapping, "bench", Clock.systemUTC(), Duration.ofDays(1), null);
        var serializer = serdes.valueSerde((Class) Topics.ORDER_EVENTS.valueType()).serializer();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        try (RecordReader reader = RecordReader.open(csv, mapping)) {
            while (reader.hasNext()) {
                RecordMapper.Mapped m = mapper.map(reader.next());
                records.add(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), null, m.occurredAt().toEpochMilli(), m.customerId(),
                        serializer.serialize(Topics.ORDER_EVENTS.name(), m.event())));
            }
        } catch (RecordMapper.Rejected e) {
            throw new IllegalStateException("the benchmark's own rows must be valid: " + e.getMessage(), e);
        }
        return records;
    }

    private static void write(Path csv, int rows) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("id,customer,office,status,at,amount,items\n");
            for (int i = 0; i < rows; i++) {
                w.write("o" + i + ",C" + random.nextInt(200_000) + ",O" + random.nextInt(12) + "," + (random.nextBoolean() ? "placed" : "paid")
                        + ",2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + " 1" + random.nextInt(10) + ":0" + random.nextInt(10)
                        + ":00," + random.nextInt(100_000) / 100.0 + "," + (1 + random.nextInt(9)) + "\n");
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void log(String message) {
        System.err.println("bench: " + message);
    }
}
