package io.obkc.schema.model;

/** A CHECK constraint; {@code expression} is the condition without the CHECK keyword. */
public record CheckDef(String name, String expression) {
}
