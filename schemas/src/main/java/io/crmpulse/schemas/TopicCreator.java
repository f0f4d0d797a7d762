package io.crmpulse.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the pipeline's topics that are missing, with an explicit partition count and each topic's
 * retention ({@link TopicSpec.Retention}). Existing topics are kept, but the event and clock topics must all have the same number of
 * partitions (the lifecycle joins them partition by partition), and so must the scorecard ratings (the counter tasks
 * read them beside the group-deltas topic, which Kafka Streams gives the event topics' partitions), which is checked.
 */
public final class TopicCreator {

    private TopicCreator() {
    }

    /** @return the partitions of the event topics (which every topic the streams read partition by partition has) */
    public static int ensure(String bootstrap, int partitions, short replication) {
        return ensure(bootstrap, partitions, replication, java.time.Duration.ofSeconds(30));
    }

    /** As {@link #ensure(String, int, short)}, giving up after {@code timeout} when Kafka does not answer. */
    public static int ensure(String bootstrap, int partitions, short replication, java.time.Duration timeout) {
        long ms = timeout.toMillis();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ms);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(ms, 30_000));
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec<?> t : Topics.all()) {
                if (!existing.contains(t.name())) {
                    missing.add(new NewTopic(t.name(), partitions, replication).configs(switch (t.retention()) {
                        case KEEP -> Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
                        case COMPACT -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                        case FROM_APPEND -> Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
                    }));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(ms, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<String> coPartitioned = List.of(Topics.CUSTOMER_EVENTS.name(), Topics.CONTACT_EVENTS.name(),
                    Topics.ORDER_EVENTS.name(), Topics.COMPLAINT_EVENTS.name(), Topics.CLOCK.name(),
                    // Read by the counter tasks beside the group-deltas topic, which has the event topics' partitions.
                    Topics.SCORECARD_RATINGS.name());
            Map<String, TopicDescription> described = admin.describeTopics(coPartitioned).allTopicNames().get(ms, TimeUnit.MILLISECONDS);
            Set<Integer> counts = new java.util.TreeSet<>();
            described.values().forEach(d -> counts.add(d.partitions().size()));
            if (counts.size() != 1) {
                throw new IllegalStateException("topics " + coPartitioned + " must have the same number of partitions, found "
                        + described.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().partitions().size()).toList());
            }
            return counts.iterator().next();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + " to create its topics (waited "
                    + timeout.toSeconds() + " s): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
