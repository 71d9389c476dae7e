package io.obkc.schema.model;

/** An object that is reported but not migrated (trigger, procedure, function, event, standalone sequence). */
public record OtherObject(String kind, String database, String name, String detail) {
}
