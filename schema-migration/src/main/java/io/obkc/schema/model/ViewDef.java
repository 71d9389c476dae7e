package io.obkc.schema.model;

/** A view: its SELECT text in the source dialect. */
public record ViewDef(String database, String name, String definition) {
}
