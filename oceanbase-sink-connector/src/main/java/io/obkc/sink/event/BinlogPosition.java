package io.obkc.sink.event;

/**
 * Where a MySQL-family source logged a change: binlog file and position. Schema changes and row changes of one
 * table arrive on different topics; comparing these puts them back in the source's order (docs/ddl-sync.md).
 */
public record BinlogPosition(String file, long pos) implements Comparable<BinlogPosition> {
    @Override
    public int compareTo(BinlogPosition o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Long.compare(pos, o.pos);
    }
}
