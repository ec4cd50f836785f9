package io.geocluster.host.serve.wms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was read from the few most recently used files, kept until the file changes: its size,
 * time stamp (full precision) or file key (the inode, which changes when a run republishes a layer
 * by moving a new file into place).
 *
 * <p><b>Thread safety:</b> thread-safe; two threads missing at once may both load the file,
 * and the later one is kept.
 *
 * @param <V> what is read from a file
 */
final class FileCache<V> {
    /** Reads a file. */
    interface Loader<V> {
        V load(Path file) throws IOException;
    }

    /** The state of a file: size, time stamp and file key ({@code null} where the file system has none). */
    private record State(long size, FileTime modified, Object key) {
        static State of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new State(a.size(), a.lastModifiedTime(), a.fileKey());
        }
    }

    private record Entry<V>(State state, V value) {
    }

    private final int capacity;
    private final Map<Path, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);

    FileCache(int capacity) {
        this.capacity = capacity;
    }

    /** The cached value of {@code file}, loading it when absent or stale. */
    V get(Path file, Loader<V> loader) throws IOException {
        State state = State.of(file);
        synchronized (entries) {
            Entry<V> e = entries.get(file);
            if (e != null && e.state().equals(state)) {
                return e.value();
            }
        }
        V value = loader.load(file);
        synchronized (entries) {
            entries.put(file, new Entry<>(state, value));
            while (entries.size() > capacity) {
                entries.remove(entries.keySet().iterator().next());
            }
        }
        return value;
    }
}
