package io.obkc.schema.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Predicate;

import io.obkc.common.rules.ObjectName;
import io.obkc.schema.model.SourceSchema;

/** Reads the schema of one source engine. One implementation per engine. */
public interface SchemaReader {
    /**
     * Reads the tables and views for which {@code selected} is true, plus the objects that are only reported
     * (triggers, routines, events, standalone sequences) of the databases/schemas those live in.
     */
    SourceSchema read(Connection connection, Predicate<ObjectName> selected) throws SQLException;
}
