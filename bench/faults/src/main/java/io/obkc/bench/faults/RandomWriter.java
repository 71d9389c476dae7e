package io.obkc.bench.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies a seeded random stream of changes to MariaDB: inserts, updates (most on a few hot keys), deletes,
 * primary-key changes, swaps of two rows' UNIQUE values inside one transaction (through a temporary value), moves of
 * a UNIQUE value to a new row, multi-statement transactions, and rolled-back transactions. One connection, one
 * thread; the same seed gives the same stream. The keys it picks come from its own copy of the live rows, updated
 * only when a transaction commits.
 */
final class RandomWriter implements Runnable {
    enum Op { HOT_UPDATE, ACC_UPDATE, ACC_INSERT, ACC_DELETE, PK_CHANGE, UNIQUE_SWAP, UNIQUE_MOVE, ITEM_INSERT, ITEM_UPDATE,
        ITEM_DELETE, MULTI_TXN, ROLLBACK_TXN }

    private static final int HOT_ROWS = 20;
    private final String url;
    private final String user;
    private final String password;
    private final Random rnd;
    private final long maxOps;
    private final Duration maxDuration;
    private final int txPerSecond;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<Op, Long> counts = new EnumMap<>(Op.class);
    private volatile long transactions;
    private volatile long statements;
    private volatile long errors;
    private volatile Throwable failure;

    // The writer's copy of the committed state (id -> email; live item ids), and the next fresh values.
    private TreeMap<Integer, String> accounts = new TreeMap<>();
    private List<Long> items = new ArrayList<>();
    private int nextAccountId;
    private long nextItemId;
    private long nextEmail;

    RandomWriter(String url, String user, String password, long seed, long maxOps, Duration maxDuration, int txPerSecond) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.rnd = new Random(seed);
        this.maxOps = maxOps;
        this.maxDuration = maxDuration;
        this.txPerSecond = txPerSecond;
    }

    /**
     * Creates the tables in {@code db} and their first rows (captured by the source's snapshot): 200 accounts, the hot
     * rows and {@code itemRows} items (committed every 5,000 rows).
     */
    static void createSchema(Connection c, long seed, String db, int itemRows) throws SQLException {
        Random r = new Random(seed ^ 0x5eedL);
        try (Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
            s.execute("USE " + db);
            for (Workload.Table t : Workload.TABLES) {
                s.execute(t.ddl());
            }
        }
        c.setAutoCommit(false);
        try (PreparedStatement a = c.prepareStatement("INSERT INTO accounts VALUES (?,?,?,?,0)");
             PreparedStatement h = c.prepareStatement("INSERT INTO hot VALUES (?,0,'start',0.00)");
             PreparedStatement i = c.prepareStatement("INSERT INTO items VALUES (?,?,?,?)")) {
            for (int id = 1; id <= 200; id++) {
                a.setInt(1, id);
                a.setString(2, "user" + id + "@example.com");
                a.setLong(3, r.nextInt(100_000));
                a.setString(4, id % 7 == 0 ? null : "n" + r.nextInt(1000));
                a.addBatch();
            }
            a.executeBatch();
            for (int id = 1; id <= HOT_ROWS; id++) {
                h.setInt(1, id);
                h.addBatch();
            }
            h.executeBatch();
            for (long id = 1; id <= itemRows; id++) {
                i.setLong(1, id);
                i.setInt(2, r.nextInt(10));
                i.setString(3, "p" + r.nextInt(1_000_000));
                i.setInt(4, r.nextInt(100));
                i.addBatch();
                if (id % 5000 == 0) {
                    i.executeBatch();
                    c.commit();
                }
            }
            i.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    void requestStop() {
        stop.set(true);
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            reload(c);
            while (!stop.get() && transactions < maxOps && System.nanoTime() - start < maxDuration.toNanos()) {
                // Pace: transaction n starts no earlier than n / rate seconds after the start.
                long due = start + (long) (transactions * 1e9 / txPerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                oneTransaction(c);
            }
        } catch (Throwable t) {
            failure = t;
            Log.info("writer FAILED: " + t);
        }
    }

    private void oneTransaction(Connection c) throws SQLException {
        TreeMap<Integer, String> accBefore = new TreeMap<>(accounts);
        List<Long> itemsBefore = new ArrayList<>(items);
        Op op = pick();
        try {
            if (op == Op.MULTI_TXN || op == Op.ROLLBACK_TXN) {
                int n = 2 + rnd.nextInt(5);
                for (int k = 0; k < n; k++) {
                    Op inner;
                    do {
                        inner = pick();
                    } while (inner == Op.MULTI_TXN || inner == Op.ROLLBACK_TXN);
                    apply(c, inner);
                }
            } else {
                apply(c, op);
            }
            if (op == Op.ROLLBACK_TXN) {
                c.rollback();
                accounts = accBefore;
                items = itemsBefore;
            } else {
                c.commit();
            }
            counts.merge(op, 1L, Long::sum);
            transactions++;
        } catch (SQLException e) {
            // Not expected (one writer, fresh values); logged, counted, and the copy re-read from the database.
            errors++;
            Log.info("writer: " + op + " failed, rolled back: " + e.getMessage());
            c.rollback();
            reload(c);
        }
    }

    private Op pick() {
        int x = rnd.nextInt(100);
        if (x < 25) return Op.HOT_UPDATE;
        if (x < 38) return Op.ACC_UPDATE;
        if (x < 46) return Op.ACC_INSERT;
        if (x < 51) return Op.ACC_DELETE;
        if (x < 57) return Op.PK_CHANGE;
        if (x < 64) return Op.UNIQUE_SWAP;
        if (x < 69) return Op.UNIQUE_MOVE;
        if (x < 76) return Op.ITEM_INSERT;
        if (x < 81) return Op.ITEM_UPDATE;
        if (x < 85) return Op.ITEM_DELETE;
        if (x < 97) return Op.MULTI_TXN;
        return Op.ROLLBACK_TXN;
    }

    /** A live account id, three times in four among the ten lowest (hot keys). */
    private Integer someAccount() {
        if (accounts.isEmpty()) {
            return null;
        }
        List<Integer> ids = new ArrayList<>(accounts.keySet());
        int bound = rnd.nextInt(4) < 3 ? Math.min(10, ids.size()) : ids.size();
        return ids.get(rnd.nextInt(bound));
    }

    private String freshEmail() {
        return "e" + (nextEmail++) + "@example.com";
    }

    private void apply(Connection c, Op op) throws SQLException {
        switch (op) {
            case HOT_UPDATE -> exec(c, "UPDATE hot SET counter = counter + 1, txt = ?, amount = ? WHERE id = ?",
                    "t" + rnd.nextInt(1_000_000), new java.math.BigDecimal(rnd.nextInt(10_000_000)).movePointLeft(2), 1 + rnd.nextInt(HOT_ROWS));
            case ACC_UPDATE -> {
                Integer id = someAccount();
                if (id != null) {
                    exec(c, "UPDATE accounts SET balance = ?, note = ?, version = version + 1 WHERE id = ?",
                            (long) rnd.nextInt(1_000_000), rnd.nextInt(5) == 0 ? null : "n" + rnd.nextInt(1000), id);
                }
            }
            case ACC_INSERT -> {
                int id = nextAccountId++;
                String email = freshEmail();
                exec(c, "INSERT INTO accounts VALUES (?,?,?,?,0)", id, email, (long) rnd.nextInt(1_000_000), "new");
                accounts.put(id, email);
            }
            case ACC_DELETE -> {
                Integer id = someAccount();
                if (id != null) {
                    exec(c, "DELETE FROM accounts WHERE id = ?", id);
                    accounts.remove(id);
                }
            }
            case PK_CHANGE -> {
                Integer id = someAccount();
                if (id != null) {
                    int to = nextAccountId++;
                    exec(c, "UPDATE accounts SET id = ?, version = version + 1 WHERE id = ?", to, id);
                    accounts.put(to, accounts.remove(id));
                }
            }
            case UNIQUE_SWAP -> {
                Integer a = someAccount();
                Integer b = someAccount();
                if (a != null && b != null && !a.equals(b)) {
                    String ea = accounts.get(a);
                    String eb = accounts.get(b);
                    exec(c, "UPDATE accounts SET email = ? WHERE id = ?", "tmp-" + freshEmail(), a);
                    exec(c, "UPDATE accounts SET email = ?, version = version + 1 WHERE id = ?", ea, b);
                    exec(c, "UPDATE accounts SET email = ?, version = version + 1 WHERE id = ?", eb, a);
                    accounts.put(a, eb);
                    accounts.put(b, ea);
                }
            }
            case UNIQUE_MOVE -> {
                // The S1 shape: u(a: x -> y) then c(new, x): the new row takes the value another row just left.
                Integer a = someAccount();
                if (a != null) {
                    String old = accounts.get(a);
                    String fresh = freshEmail();
                    exec(c, "UPDATE accounts SET email = ?, version = version + 1 WHERE id = ?", fresh, a);
                    accounts.put(a, fresh);
                    int id = nextAccountId++;
                    exec(c, "INSERT INTO accounts VALUES (?,?,?,?,0)", id, old, (long) rnd.nextInt(1_000_000), "moved");
                    accounts.put(id, old);
                }
            }
            case ITEM_INSERT -> {
                long id = nextItemId++;
                exec(c, "INSERT INTO items VALUES (?,?,?,?)", id, rnd.nextInt(10), "p" + rnd.nextInt(1_000_000),
                        rnd.nextInt(4) == 0 ? null : rnd.nextInt(100));
                items.add(id);
            }
            case ITEM_UPDATE -> {
                if (!items.isEmpty()) {
                    exec(c, "UPDATE items SET payload = ?, qty = ? WHERE id = ?", "u" + rnd.nextInt(1_000_000), rnd.nextInt(100),
                            items.get(rnd.nextInt(items.size())));
                }
            }
            case ITEM_DELETE -> {
                if (!items.isEmpty()) {
                    exec(c, "DELETE FROM items WHERE id = ?", items.remove(rnd.nextInt(items.size())));
                }
            }
            default -> throw new IllegalStateException(op.toString());
        }
    }

    private void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
            statements++;
        }
    }

    /** Re-reads the live rows and the next fresh values from the database (at the start and after an error). */
    private void reload(Connection c) throws SQLException {
        accounts = new TreeMap<>();
        items = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, email FROM accounts")) {
                while (rs.next()) {
                    accounts.put(rs.getInt(1), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM items")) {
                while (rs.next()) {
                    items.add(rs.getLong(1));
                }
            }
        }
        c.commit();
        nextAccountId = Math.max(nextAccountId, accounts.isEmpty() ? 1 : accounts.lastKey() + 1);
        nextAccountId = Math.max(nextAccountId, 1000);
        nextItemId = Math.max(nextItemId, items.stream().mapToLong(Long::longValue).max().orElse(0) + 1);
    }

    Throwable failure() {
        return failure;
    }

    long transactions() {
        return transactions;
    }

    long statements() {
        return statements;
    }

    long errors() {
        return errors;
    }

    Map<Op, Long> counts() {
        return new EnumMap<>(counts);
    }
}
