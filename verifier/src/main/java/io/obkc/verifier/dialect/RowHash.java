package io.obkc.verifier.dialect;

import java.util.Locale;

/**
 * How a row is hashed inside the databases for the chunk checksums. Both sides of a comparison must use the same
 * kind; {@link #choose} picks it from the option and the two engines.
 */
public enum RowHash {
    /**
     * The first 60 bits of MD5 of the escaped row text ({@link Canon#hashText}). Every engine computes it, so it is the
     * only kind when PostgreSQL is on either side.
     */
    MD5,
    /**
     * CRC-32 of a length-prefixed row text ({@link Canon#crcHashText}), for pairs of MySQL-family engines (MySQL,
     * MariaDB, OceanBase MySQL mode), which all have {@code CRC32()}: about half the database CPU of {@link #MD5}
     * on a typical table. A row whose text changed keeps its CRC-32 with probability 2^-32 for arbitrary changes,
     * and never when the change lies within 32 consecutive bits of the text (a changed digit, character or flag),
     * which is the same family of check as pt-table-checksum's and sync-diff-inspector's CRC32 row checksums.
     */
    CRC32;

    /** The option's value: {@code auto} (CRC32 when both engines have it, else MD5), {@code crc32} or {@code md5}. */
    public static RowHash choose(String option, VerifierDialect source, VerifierDialect target) {
        String o = option == null ? "auto" : option.toLowerCase(Locale.ROOT);
        boolean crcOnBoth = source.supports(CRC32) && target.supports(CRC32);
        return switch (o) {
            case "auto" -> crcOnBoth ? CRC32 : MD5;
            case "md5" -> MD5;
            case "crc32" -> {
                if (!crcOnBoth) {
                    throw new IllegalArgumentException("--row-hash crc32 needs MySQL-family engines on both sides (here "
                            + source.name() + " and " + target.name() + "); use --row-hash md5 or auto");
                }
                yield CRC32;
            }
            default -> throw new IllegalArgumentException("Unknown row hash '" + option + "'; use auto, crc32 or md5");
        };
    }
}
