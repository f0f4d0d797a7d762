package io.crmpulse.api;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * The records in the input partitions of this instance's active tasks not yet processed and committed: for each
 * partition, what its consumer has not fetched yet (its {@code records-lag}, up to the last stable offset, so that
 * transaction markers and aborted records count for nothing) and what it fetched but the task has not committed
 * (buffered or processed since the last commit).
 *
 * <p>Finding the {@code records-lag} metrics means copying every metric of the streams client (thousands), so they
 * are found once and kept while the instance's partitions stay the same; a partition whose consumer has not fetched
 * yet has no metric, and is looked for again at most once a second.
 */
final class UnprocessedRecords {

    private static final long SEARCH_AGAIN_NANOS = 1_000_000_000L;

    private final KafkaStreams streams;
    private Set<TopicPartition> partitions = Set.of();
    private Map<TopicPartition, Metric> lag = Map.of();
    private long searchedAt;

    UnprocessedRecords(KafkaStreams streams) {
        this.streams = streams;
    }

    synchronized long count() {
        Set<TopicPartition> assigned = new HashSet<>();
        long total = 0;
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition partition : task.topicPartitions()) {
                    assigned.add(partition);
                    // Both -1 until the task has fetched and committed since it started.
                    long lastFetched = task.endOffsets().getOrDefault(partition, -1L);
                    long committed = task.committedOffsets().getOrDefault(partition, -1L);
                    if (lastFetched >= 0 && committed >= 0) {
                        total += Math.max(0, lastFetched + 1 - committed);
                    }
                }
            }
        }
        if (!assigned.equals(partitions) || lag.size() < assigned.size() && System.nanoTime() - searchedAt > SEARCH_AGAIN_NANOS) {
            partitions = assigned;
            lag = lagMetrics(assigned);
            searchedAt = System.nanoTime();
        }
        for (Metric metric : lag.values()) {
            if (metric.metricValue() instanceof Double value && !value.isNaN()) {
                total += Math.max(0, value.longValue());
            }
        }
        return total;
    }

    /** The {@code records-lag} of each of {@code partitions} as the stream threads' consumers read it (not the restore consumers). */
    private Map<TopicPartition, Metric> lagMetrics(Set<TopicPartition> partitions) {
        Map<TopicPartition, Metric> found = new HashMap<>();
        streams.metrics().forEach((name, metric) -> {
            Map<String, String> tags = name.tags();
            String client = tags.getOrDefault("client-id", "");
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && tags.containsKey("topic") && tags.containsKey("partition")
                    && client.endsWith("-consumer") && !client.endsWith("restore-consumer") && !client.endsWith("global-consumer")) {
                TopicPartition partition = new TopicPartition(tags.get("topic"), Integer.parseInt(tags.get("partition")));
                if (partitions.contains(partition)) {
                    found.put(partition, metric);
                }
            }
        });
        return found;
    }
}
