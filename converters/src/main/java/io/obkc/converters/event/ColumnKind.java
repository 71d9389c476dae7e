package io.obkc.converters.event;

/**
 * The value families every format has to encode. Each kind has one canonical Java representation, which is what
 * {@link ChangeEvent} rows hold, so that writers never look at Connect schemas again:
 * <ul>
 *   <li>BOOLEAN: {@link Boolean}</li>
 *   <li>INTEGER: {@link Long}</li>
 *   <li>FLOAT: {@link Double} (a FLOAT32 is widened through its decimal text, so 0.1f stays 0.1)</li>
 *   <li>DECIMAL: {@link java.math.BigDecimal}</li>
 *   <li>STRING and JSON: {@link String}</li>
 *   <li>BYTES: {@code byte[]}</li>
 *   <li>DATE: {@link java.time.LocalDate}</li>
 *   <li>TIME: {@link java.time.Duration} (signed; MySQL TIME reaches ±838 hours)</li>
 *   <li>DATETIME (a wall-clock value without zone, MySQL DATETIME): {@link java.time.LocalDateTime}</li>
 *   <li>TIMESTAMP (an instant, MySQL TIMESTAMP / Debezium ZonedTimestamp): {@link java.time.Instant}</li>
 * </ul>
 */
public enum ColumnKind {
    BOOLEAN,
    INTEGER,
    FLOAT,
    DECIMAL,
    STRING,
    JSON,
    BYTES,
    DATE,
    TIME,
    DATETIME,
    TIMESTAMP
}
