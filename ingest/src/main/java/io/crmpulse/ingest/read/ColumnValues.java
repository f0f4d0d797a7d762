package io.crmpulse.ingest.read;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A delimited record's values by column name without a map per record: the cells, and one name-to-index
 * map shared by every record of the file (building a hash map per record was a third of ingest's time).
 */
final class ColumnValues extends AbstractMap<String, String> {

    private final Map<String, Integer> index;
    private final List<String> cells;

    ColumnValues(Map<String, Integer> index, List<String> cells) {
        this.index = index;
        this.cells = cells;
    }

    /** The shared index of a file's column names, in order (the first of equal names wins). */
    static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i), i);
        }
        return index;
    }

    @Override
    public String get(Object column) {
        Integer i = index.get(column);
        return i == null ? null : cells.get(i);
    }

    @Override
    public boolean containsKey(Object column) {
        return index.containsKey(column);
    }

    @Override
    public Set<String> keySet() {
        return index.keySet();
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        Map<String, String> copy = new LinkedHashMap<>();
        index.forEach((name, i) -> copy.put(name, cells.get(i)));
        return copy.entrySet();
    }
}
