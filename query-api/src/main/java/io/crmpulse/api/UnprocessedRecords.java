package io.crmpulse.api;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * The records in the input partitions of this instance's active tasks not yet processed and committed: for each
 * partition, what its consumer has not fetched yet (its {@code records-lag}, up to the last stable offset, so that
 * transaction markers and aborted records count for nothing) and what it fetched but the task has not committed
 * (buffered or processed since the last commit).
 */
final class UnprocessedRecords {

    private UnprocessedRecords() {
    }

    static long of(KafkaStreams streams) {
        Map<TopicPartition, Long> notFetched = notFetched(streams.metrics());
        long total = 0;
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition partition : task.topicPartitions()) {
                    total += notFetched.getOrDefault(partition, 0L);
                    // Both -1 until the task has fetched and committed since it started.
                    long lastFetched = task.endOffsets().getOrDefault(partition, -1L);
                    long committed = task.committedOffsets().getOrDefault(partition, -1L);
                    if (lastFetched >= 0 && committed >= 0) {
                        total += Math.max(0, lastFetched + 1 - committed);
                    }
                }
            }
        }
        return total;
    }

    /** The {@code records-lag} of every partition the stream threads' consumers read (not the restore consumers). */
    private static Map<TopicPartition, Long> notFetched(Map<MetricName, ? extends Metric> metrics) {
        Map<TopicPartition, Long> lag = new HashMap<>();
        metrics.forEach((name, metric) -> {
            Map<String, String> tags = name.tags();
            String client = tags.getOrDefault("client-id", "");
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && tags.containsKey("topic") && tags.containsKey("partition")
                    && client.endsWith("-consumer") && !client.endsWith("restore-consumer") && !client.endsWith("global-consumer")
                    && metric.metricValue() instanceof Double value && !value.isNaN()) {
                lag.merge(new TopicPartition(tags.get("topic"), Integer.parseInt(tags.get("partition"))),
                        Math.max(0, value.longValue()), Long::sum);
            }
        });
        return lag;
    }
}
