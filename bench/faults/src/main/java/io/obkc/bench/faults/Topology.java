package io.obkc.bench.faults;

/**
 * One pipeline shape the harness runs. {@link Kind#MARIADB}: Debezium's MariaDB source (MariaDB test bed) -> Kafka ->
 * OceanBase sink -> seekdb, written {@code PxT}. {@link Kind#OCEANBASE}: OBKC's own OceanBaseSourceConnector in changelog
 * mode on the test bed's seekdb -> Kafka -> OceanBase sink -> another seekdb database (OB -> OB), written {@code obPxT}.
 * P = partitions per table topic, T = sink tasks.
 */
record Topology(Kind kind, int partitions, int tasks) {
    enum Kind { MARIADB, OCEANBASE }

    /** The target database on seekdb. */
    static final String TARGET_DB_OB = "obkc_faults_tgt";
    /** The OceanBase source's database on the test bed's seekdb, and its change-log database. */
    static final String SOURCE_DB_OB = "obkc_faults_src";
    static final String CHANGELOG_DB_OB = "obkc_faults_cdc";

    static Topology parse(String t) {
        String s = t.trim();
        Kind kind = Kind.MARIADB;
        if (s.startsWith("ob")) {
            kind = Kind.OCEANBASE;
            s = s.substring(2);
            if (s.isEmpty()) {
                s = "1x1";
            }
        }
        String[] pt = s.split("x");
        if (pt.length != 2) {
            throw new IllegalArgumentException("a topology is PARTITIONSxTASKS (e.g. 4x2) or obPARTITIONSxTASKS (e.g. ob1x1); got " + t);
        }
        return new Topology(kind, Integer.parseInt(pt[0]), Integer.parseInt(pt[1]));
    }

    boolean oceanBaseSource() {
        return kind == Kind.OCEANBASE;
    }

    String sourceDb() {
        return oceanBaseSource() ? SOURCE_DB_OB : Workload.DB;
    }

    String targetDb() {
        return oceanBaseSource() ? TARGET_DB_OB : Workload.DB;
    }

    String label() {
        return (oceanBaseSource() ? "ob" : "") + partitions + "x" + tasks;
    }

    /** Connector and topic prefix, unique per topology. */
    String prefix() {
        return (oceanBaseSource() ? "faults_ob_p" : "faults_p") + partitions + "t" + tasks;
    }
}
