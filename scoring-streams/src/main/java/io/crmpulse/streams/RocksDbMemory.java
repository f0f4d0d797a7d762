package io.crmpulse.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process, instead of Kafka Streams' default of a block cache of
 * its own per store (50 MiB each) and memtables of up to 3 × 16 MiB each: an instance owns about twenty stores per
 * partition, so the default grows with the partitions it owns. Here every store shares one LRU block cache of
 * {@link #BUDGET_CONFIG} bytes, which also holds the index and filter blocks (the top level pinned) and is charged
 * with the memtables of every store through one write-buffer manager of half the budget.
 *
 * <p>Kafka Streams creates this class by name for each store and hands it its configuration, so the budget travels
 * in it; the cache is made once per budget and process, and never closed by a store (others still use it).
 */
public final class RocksDbMemory implements RocksDBConfigSetter {

    /** Streams configuration key of the budget in bytes (set by {@link PulseStreamsConfig}). */
    public static final String BUDGET_CONFIG = "pulse.rocksdb.memory.bytes";

    /** Share of the cache kept for index and filter blocks, so that data blocks cannot evict them. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    private static final Map<Long, Shared> BY_BUDGET = new ConcurrentHashMap<>();

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long budget = Long.parseLong(String.valueOf(configs.get(BUDGET_CONFIG)));
        Shared shared = BY_BUDGET.computeIfAbsent(budget, b -> {
            Cache cache = new LRUCache(b, -1, false, INDEX_AND_FILTER_SHARE);
            return new Shared(cache, new WriteBufferManager(b / 2, cache));
        });
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store of the process.
    }
}
