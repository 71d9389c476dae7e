package io.obkc.converters.json;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;

/**
 * The two bounded, least-recently-used caches of {@link SchemaCachingJsonConverter}, each at most
 * {@code schemas.cache.size} entries like JsonConverter's own.
 *
 * <ul>
 *   <li>Reading: the raw bytes of a record's inline {@code "schema"} JSON to the Connect schema JsonConverter parsed
 *       from them. Equal bytes parse to an equal schema, so no parsing is needed on a hit; the last hit is compared
 *       first, which is the common case (one table per topic).</li>
 *   <li>Writing: a Connect schema instance (by identity, so no deep hash per record) to the bytes JsonConverter wrote
 *       for it. Connect schemas are immutable once built; a schema changed after its first use would not be
 *       noticed, as with any {@code Schema} kept as a map key.</li>
 * </ul>
 * Synchronized: Connect gives each task its own converter, but a header converter may be shared.
 */
final class SchemaCaches {

    private final Map<ByteBuffer, Schema> parsed;
    private final Map<IdentityKey, byte[]> written;
    private byte[] lastParsedKey;
    private Schema lastParsed;

    SchemaCaches(int size) {
        this.parsed = lru(size);
        this.written = lru(size);
    }

    /** The schema JSON bytes of the last read hit and their schema, or null before the first. */
    synchronized Parsed lastParsed() {
        return lastParsedKey == null ? null : new Parsed(lastParsedKey, lastParsed);
    }

    record Parsed(byte[] schemaJson, Schema schema) {
    }

    /** The schema parsed from {@code bytes[from, to)}, or null. */
    synchronized Schema parsed(byte[] bytes, int from, int to) {
        byte[] last = lastParsedKey;
        if (last != null && Arrays.equals(last, 0, last.length, bytes, from, to)) {
            return lastParsed;
        }
        ByteBuffer probe = ByteBuffer.wrap(bytes, from, to - from);
        Schema schema = parsed.get(probe);
        if (schema != null) {
            lastParsedKey = new byte[to - from];
            System.arraycopy(bytes, from, lastParsedKey, 0, to - from);
            lastParsed = schema;
        }
        return schema;
    }

    synchronized void parsed(byte[] bytes, int from, int to, Schema schema) {
        byte[] key = Arrays.copyOfRange(bytes, from, to);
        parsed.put(ByteBuffer.wrap(key), schema);
        lastParsedKey = key;
        lastParsed = schema;
    }

    /** The schema JSON written for this schema instance, or null. */
    synchronized byte[] written(Schema schema) {
        return written.get(new IdentityKey(schema));
    }

    synchronized void written(Schema schema, byte[] json) {
        written.put(new IdentityKey(schema), json);
    }

    synchronized int parsedSize() {
        return parsed.size();
    }

    synchronized int writtenSize() {
        return written.size();
    }

    private static <K, V> Map<K, V> lru(int size) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }

    private record IdentityKey(Schema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey other && other.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
