package io.crmpulse.api;

import io.crmpulse.schemas.Topics;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.context.ServerRequestContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where a store's data lives and how it is reached, for {@link StoreLocator}: which instance and partition own a key,
 * which instances host a store, reading this instance's part of a store, and asking another instance on its internal
 * listener (the streams' {@code application.server}) with the instance secret. {@code NOT_AVAILABLE} metadata, stores
 * that are not yet queryable and instances that do not answer become 503 with Retry-After.
 */
final class Instances {

    static final String FORWARDED = "X-Pulse-Forwarded";

    private final KafkaStreams streams;
    private final ApiSettings.Internal internal;
    private final HostInfo self;
    private final Map<HostInfo, HttpClient> clients = new ConcurrentHashMap<>();

    Instances(KafkaStreams streams, ApiSettings.Internal internal) {
        this.streams = streams;
        this.internal = internal;
        this.self = HostInfo.buildFromEndpoint(internal.server());
    }

    /** Whether {@code host} is this instance. */
    boolean isSelf(HostInfo host) {
        return host.equals(self);
    }

    /** The partitions of the lifecycle (and so of its stores) whose active task runs on this instance. */
    SortedSet<Integer> localLifecyclePartitions() {
        SortedSet<Integer> partitions = new TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> task.topicPartitions().stream()
                .filter(tp -> tp.topic().equals(Topics.ORDER_EVENTS.name())).forEach(tp -> partitions.add(tp.partition()))));
        return partitions;
    }

    /**
     * One answer per instance hosting {@code store}: this instance's from {@code local}, every other's
     * from its internal endpoint at {@code path}, both in the same wire form.
     */
    <T> List<T> fanOut(String store, java.util.function.Supplier<T> local, String path, Argument<T> type) {
        List<T> answers = new ArrayList<>();
        for (StreamsMetadata instance : instancesOf(store)) {
            answers.add(instance.hostInfo().equals(self) ? local.get() : forward(instance.hostInfo(), path, type));
        }
        return answers;
    }

    private List<StreamsMetadata> instancesOf(String store) {
        List<StreamsMetadata> instances = new ArrayList<>(streams.streamsMetadataForStore(store));
        if (instances.isEmpty()) {
            throw new ApiErrors.Unavailable("no instance hosts " + store + " yet (starting or rebalancing)");
        }
        return instances;
    }

    /** The instance and partition owning {@code key} in {@code store}; 503 while that is not known (rebalancing). */
    KeyQueryMetadata owner(String store, String key) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new ApiErrors.Unavailable("the owner of " + key + " in " + store + " is not known yet (rebalancing)");
        }
        return owner;
    }

    /**
     * Reads this instance's part of a key-value store (one partition, or all local ones when
     * {@code partition} is null); a store that is restoring or migrating, when asked or while read, is 503.
     */
    <K, V, T> T read(String storeName, Integer partition, java.util.function.Function<ReadOnlyKeyValueStore<K, V>, T> reader) {
        StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> query = StoreQueryParameters
                .fromNameAndType(storeName, QueryableStoreTypes.<K, V>keyValueStore());
        try {
            return reader.apply(streams.store(partition == null ? query : query.withPartition(partition)));
        } catch (InvalidStateStoreException e) {
            throw new ApiErrors.Unavailable(storeName + " is not queryable right now: " + e.getMessage());
        }
    }

    /** Every value of this instance's part of a key-value store (all its local partitions). */
    <V> List<V> values(String storeName) {
        return read(storeName, null, (ReadOnlyKeyValueStore<String, V> store) -> {
            List<V> values = new ArrayList<>();
            try (org.apache.kafka.streams.state.KeyValueIterator<String, V> it = store.all()) {
                it.forEachRemaining(kv -> values.add(kv.value));
            }
            return values;
        });
    }

    /** Asks the owning instance; a request that was itself forwarded is never forwarded again. */
    <T> T forward(HostInfo owner, String path, Argument<T> type) {
        HttpRequest<?> current = ServerRequestContext.currentRequest()
                .orElseThrow(() -> new IllegalStateException("forwarding outside a request"));
        if (current.getHeaders().contains(FORWARDED)) {
            throw new ApiErrors.Unavailable("the store moved while the request was forwarded (rebalancing)");
        }
        HttpClient client = clients.computeIfAbsent(owner, h -> HttpClient.create(toUrl(h)));
        // The caller's key stays here: its scope was checked before asking, and the owner trusts the instance secret only.
        io.micronaut.http.MutableHttpRequest<?> request = HttpRequest.GET(path).header(FORWARDED, self.toString())
                .header(InstanceFilter.SECRET_HEADER, internal.secret());
        try {
            return client.toBlocking().retrieve(request, type);
        } catch (HttpClientException e) {
            throw new ApiErrors.Unavailable("instance " + owner + " did not answer: " + e.getMessage(), e);
        }
    }

    /** Like {@link #forward}, but the owner's 404 is an empty answer. */
    <T> Optional<T> forwardOptional(HostInfo owner, String path, Argument<T> type) {
        try {
            return Optional.of(forward(owner, path, type));
        } catch (ApiErrors.Unavailable e) {
            if (e.getCause() instanceof io.micronaut.http.client.exceptions.HttpClientResponseException r
                    && r.getStatus() == io.micronaut.http.HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static java.net.URL toUrl(HostInfo host) {
        try {
            return URI.create("http://" + host.host() + ":" + host.port()).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("bad application.server " + host, e);
        }
    }

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
