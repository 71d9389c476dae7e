package io.obkc.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectName;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;
import io.obkc.verifier.dialect.VerifierDialect;
import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.TableInfo;
import io.obkc.verifier.model.TableResult;

/**
 * The canonical SQL texts themselves are identical on both engines for equal data, so chunk checksums agree in the
 * databases and no chunk needs the row-level fallback: DOUBLE and FLOAT (extremes, subnormals, random values of
 * every magnitude), GEOMETRY (MariaDB vs OceanBase), and PostgreSQL inet, money and arrays against what the sink
 * writes for them.
 */
class CanonicalFormsIT {

    @Test
    void doublesAndFloatsHaveTheSameExactTextOnPostgresMariadbAndOceanBase() throws Exception {
        List<Double> doubles = new ArrayList<>(List.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
                -Double.MIN_VALUE, Double.MIN_NORMAL, 0.0, -0.0, 0.1, 0.1 + 0.2, 1e15, 1e16, 1e-5, 1e-7, 1e-14, 1e-15,
                1e-16, 123456789012345680000.0, 1234567890123456.7, 999999999999999.9, 100.0, 1e22, 1e21, 0.000123,
                12345.678, 9007199254740993.0, 4.35, 2.5e-310));
        List<Float> floats = new ArrayList<>(List.of(Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL,
                0.0f, -0.0f, 0.1f, 1.1f, 16777217f, 1e10f, 1e-7f, 0.3333333f, 3.4e38f, 1e-40f));
        Random rnd = new Random(20261201);
        for (int i = 0; i < 400; i++) {
            doubles.add(Double.longBitsToDouble(rnd.nextLong()));          // any bit pattern, every exponent
            doubles.add(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20));
            floats.add(Float.intBitsToFloat(rnd.nextInt()));
            floats.add((float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(20) - 10)));
        }
        doubles.removeIf(d -> d.isNaN() || d.isInfinite());
        floats.removeIf(f -> f.isNaN() || f.isInfinite());
        int n = Math.max(doubles.size(), floats.size());
        String db = "vf_canon_num";
        Map<DatabaseEndpoint, List<String>> texts = new LinkedHashMap<>();
        for (DatabaseEndpoint e : List.of(TestBed.postgres(), TestBed.mysql(), TestBed.oceanbase())) {
            boolean pg = e.kind() == DatabaseEndpoint.Kind.POSTGRESQL;
            e.recreateDatabase(db);
            Fixtures.exec(e, db, pg ? "CREATE TABLE nums (id int PRIMARY KEY, d double precision, f real)"
                    : "CREATE TABLE nums (id INT PRIMARY KEY, d DOUBLE, f FLOAT)");
            try (Connection c = e.connect(pg ? null : db); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO " + (pg ? "\"" + db + "\"." : "") + "nums VALUES (?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    ps.setInt(1, i);
                    if (i < doubles.size()) {
                        ps.setDouble(2, doubles.get(i));
                    } else {
                        ps.setNull(2, java.sql.Types.DOUBLE);
                    }
                    if (i < floats.size()) {
                        // As the exact double: the text of a float may not read back as the same float on every server.
                        ps.setDouble(3, floats.get(i));
                    } else {
                        ps.setNull(3, java.sql.Types.REAL);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            texts.put(e, canonicalTexts(e, db, "nums", List.of("d", "f")));
        }
        List<List<String>> all = new ArrayList<>(texts.values());
        int halfway = 0;
        for (int i = 0; i < n; i++) {
            String context = "row " + i + " double " + (i < doubles.size() ? doubles.get(i) : null) + " float "
                    + (i < floats.size() ? floats.get(i) : null);
            assertThat(all.get(2).get(i)).as("OceanBase vs MariaDB, " + context).isEqualTo(all.get(1).get(i));
            if (!all.get(1).get(i).equals(all.get(0).get(i))) {
                // Only where a shorter text lies exactly halfway between two doubles (dtoa takes it, Ryu does not):
                // the same double either way.
                halfway++;
                String[] my = all.get(1).get(i).split("\\|", -1);
                String[] pg = all.get(0).get(i).split("\\|", -1);
                for (int k = 0; k < 2; k++) {
                    assertThat(Double.parseDouble(my[k])).as(context).isEqualTo(Double.parseDouble(pg[k]));
                }
            }
        }
        assertThat(halfway).as("halfway spellings are rare").isLessThan(n / 100 + 2);
        // And each text is the exact value.
        for (int i = 0; i < doubles.size(); i++) {
            String d = all.get(0).get(i).split("\\|", -1)[0];
            assertThat(Double.parseDouble(d)).as("row " + i).isEqualTo(doubles.get(i) == -0.0 ? 0.0 : doubles.get(i));
        }
        ObjectName t = new ObjectName(db, "nums");
        TableResult r = Fixtures.verify(TestBed.postgres(), TestBed.oceanbase(), Fixtures.smallChunks(), t, t).tables().get(0).result();
        assertThat(r.error).isNull();
        assertThat(r.differencesSnapshot()).isEmpty();
        assertThat(r.status).isEqualTo(io.obkc.verifier.model.TableStatus.CONSISTENT);
        r = Fixtures.verify(TestBed.mysql(), TestBed.oceanbase(), Fixtures.smallChunks(), t, t).tables().get(0).result();
        assertThat(r.chunksDiffering).as("MariaDB and OceanBase checksums agree inside the databases").isZero();
    }

    @Test
    void geometryComparesAsSridAndWkbBetweenMariadbAndOceanBase() throws Exception {
        String db = "vf_canon_geo";
        List<String> wkt = List.of("POINT(1 2)", "POINT(-180.5 90.25)", "LINESTRING(0 0,1 1,2 0.5)",
                "POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 1,2 2,1 1))", "MULTIPOINT(1 1,2 2)",
                "MULTILINESTRING((0 0,1 1),(2 2,3 3))", "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))");
        Map<DatabaseEndpoint, List<String>> texts = new LinkedHashMap<>();
        for (DatabaseEndpoint e : List.of(TestBed.mysql(), TestBed.oceanbase())) {
            e.recreateDatabase(db);
            Fixtures.exec(e, db, "CREATE TABLE geo (id INT PRIMARY KEY, g GEOMETRY, p POINT)");
            for (int i = 0; i < wkt.size(); i++) {
                Fixtures.exec(e, db, "INSERT INTO geo VALUES (" + i + ", ST_GeomFromText('" + wkt.get(i)
                        + "'), ST_GeomFromText('POINT(" + i + " -" + i + ".5)'))");
            }
            texts.put(e, canonicalTexts(e, db, "geo", List.of("g", "p")));
        }
        List<List<String>> all = new ArrayList<>(texts.values());
        assertThat(all.get(1)).isEqualTo(all.get(0));
        assertThat(all.get(0).get(0)).isEqualTo("0:0101000000000000000000F03F0000000000000040|0:01010000000000000000000000000000000000E0BF");
        ObjectName t = new ObjectName(db, "geo");
        TableResult r = Fixtures.verify(TestBed.mysql(), TestBed.oceanbase(), Fixtures.smallChunks(), t, t).tables().get(0).result();
        assertThat(r.error).isNull();
        assertThat(r.chunksDiffering).isZero();
        assertThat(r.sourceRows).isEqualTo(wkt.size());
    }

    @Test
    void postgresInetMoneyAndArraysMatchWhatTheSinkWrites() throws Exception {
        String db = "vf_canon_pg";
        DatabaseEndpoint pg = TestBed.postgres();
        DatabaseEndpoint ob = TestBed.oceanbase();
        pg.recreateDatabase(db);
        ob.recreateDatabase(db);
        Fixtures.exec(pg, db, "CREATE TABLE t (id int PRIMARY KEY, ip inet, net cidr, m money, a int[], s text[], e int[])",
                "SET lc_monetary = 'C'",
                "INSERT INTO t VALUES (1, '10.1.2.3', '10.0.0.0/8', 1234.5, '{1,2,3}', '{\"a b\",\"q\\\"\"}', '{}'),"
                        + " (2, '10.1.2.3/24', '192.168.0.0/16', -0.01, '{NULL}', '{}', '{}'),"
                        + " (3, '::1', '2001:db8::/32', 92233720368547758.07, '{-1}', '{\"\"}', '{}')");
        // The sink writes inet as PostgreSQL's output text, money as its amount, arrays as JSON arrays.
        Fixtures.exec(ob, db, "CREATE TABLE t (id INT PRIMARY KEY, ip VARCHAR(43), net VARCHAR(43), m DECIMAL(19,2),"
                + " a JSON, s JSON, e JSON)",
                "INSERT INTO t VALUES (1, '10.1.2.3', '10.0.0.0/8', 1234.50, '[1,2,3]', '[\"a b\",\"q\\\\\"\"]', '[]'),"
                        + " (2, '10.1.2.3/24', '192.168.0.0/16', -0.01, '[null]', '[]', '[]'),"
                        + " (3, '::1', '2001:db8::/32', 92233720368547758.07, '[-1]', '[\"\"]', '[]')");
        List<String> p = canonicalTexts(pg, db, "t", List.of("ip", "net", "m", "a", "s", "e"));
        List<String> o = canonicalTexts(ob, db, "t", List.of("ip", "net", "m", "a", "s", "e"));
        assertThat(o).isEqualTo(p);
        assertThat(p.get(0)).isEqualTo("10.1.2.3|10.0.0.0/8|1234.5|[1, 2, 3]|[\"a b\", \"q\\\"\"]|[]");
        ObjectName t = new ObjectName(db, "t");
        TableResult r = Fixtures.verify(pg, ob, Fixtures.smallChunks(), t, t).tables().get(0).result();
        assertThat(r.error).isNull();
        assertThat(r.chunksDiffering).isZero();
        assertThat(r.status).isEqualTo(io.obkc.verifier.model.TableStatus.CONSISTENT);
    }

    @Test
    void aColumnWhoseCanonicalFormFailsIsNamedWithItsTable() throws Exception {
        String db = "vf_canon_err";
        DatabaseEndpoint ob = TestBed.oceanbase();
        for (DatabaseEndpoint e : List.of(TestBed.mysql(), ob)) {
            e.recreateDatabase(db);
            Fixtures.exec(e, db, "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(10), d DOUBLE)",
                    "INSERT INTO t VALUES (1, 'a', 1.7976931348623157e308), (2, 'b', 1)");
        }
        // The canonical form DOUBLE had before: on OceanBase it fails for 1.79e308 with "Result value was out of
        // range when casting varchar to number", which once aborted the run without naming the column.
        VerifierDialect old = new io.obkc.verifier.dialect.OceanBaseDialect() {
            @Override
            public String canonical(ColumnInfo column, ColumnInfo peer) {
                return column.category() == io.obkc.verifier.model.TypeCategory.DOUBLE
                        ? "CAST(CAST(" + quoteIdent(column.name()) + " AS DECIMAL(65,30)) AS CHAR)" : super.canonical(column, peer);
            }
        };
        io.obkc.verifier.core.Endpoint target = new io.obkc.verifier.core.Endpoint("target", old, ob.host(), ob.port(),
                ob.user(), ob.password(), "");
        ObjectName t = new ObjectName(db, "t");
        try (io.obkc.verifier.core.Verifier v = new io.obkc.verifier.core.Verifier(Fixtures.endpoint("source", TestBed.mysql()),
                target, Fixtures.smallChunks(), io.obkc.verifier.core.Progress.NONE)) {
            TableResult r = v.verify(List.of(new io.obkc.verifier.core.TableMapping(t, t))).tables().get(0).result();
            assertThat(r.status).isEqualTo(io.obkc.verifier.model.TableStatus.ERROR);
            assertThat(r.error).startsWith("Table " + db + ".t, column d (double) on the target oceanbase")
                    .contains("out of range").contains("--exclude");
        }
    }

    /** The verifier's canonical text of the columns, per row in key order, joined by '|'. */
    private static List<String> canonicalTexts(DatabaseEndpoint e, String db, String table, List<String> cols) throws Exception {
        VerifierDialect d = VerifierDialect.forName(Fixtures.type(e));
        boolean pg = e.kind() == DatabaseEndpoint.Kind.POSTGRESQL;
        List<String> out = new ArrayList<>();
        try (Connection c = Fixtures.endpoint("x", e).open()) {
            TableInfo info = d.describe(c, new ObjectName(db, table)).orElseThrow();
            List<String> exprs = new ArrayList<>();
            for (String col : cols) {
                ColumnInfo ci = info.column(col).orElseThrow();
                exprs.add(d.canonical(ci, ci));
            }
            String sql = "SELECT " + String.join(", ", exprs) + " FROM " + d.qualified(info.name()) + " ORDER BY "
                    + d.quoteIdent("id");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= cols.size(); i++) {
                        row.add(String.valueOf(rs.getString(i)));
                    }
                    out.add(String.join("|", row));
                }
            }
        }
        assertThat(out).as(pg ? "postgres rows" : "rows").isNotEmpty();
        return out;
    }
}
