package io.obkc.verifier.model;

/** Engine-independent family of a column type; decides its canonical text rendering. */
public enum TypeCategory {
    INTEGER, DECIMAL, FLOAT, DOUBLE, BOOLEAN, STRING, BINARY, DATE, TIME, DATETIME, JSON, BIT,
    /** MySQL-family spatial types: compared and written as SRID + WKB. */
    SPATIAL, OTHER;

    public boolean isTemporal() {
        return this == DATE || this == TIME || this == DATETIME;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == FLOAT || this == DOUBLE || this == BIT;
    }
}
