package io.obkc.bench.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The source database of a topology: MariaDB (Debezium's source) or the test bed's seekdb (the OceanBase source). */
final class SourceDb {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String db;

    SourceDb(HarnessOptions o, Topology t) {
        this.host = t.oceanBaseSource() ? o.srcObHost : o.mysqlHost;
        this.port = t.oceanBaseSource() ? o.srcObPort : o.mysqlPort;
        this.user = t.oceanBaseSource() ? o.srcObUser : o.mysqlUser;
        this.password = t.oceanBaseSource() ? o.srcObPassword : o.mysqlPassword;
        this.db = t.sourceDb();
    }

    String url() {
        return urlOf(db);
    }

    private String urlOf(String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true"
                + "&rewriteBatchedStatements=true&connectTimeout=5000&socketTimeout=120000";
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** A connection to the source database. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /** A connection without a default database (to create it). */
    Connection connectServer() throws SQLException {
        return DriverManager.getConnection(urlOf(""), user, password);
    }
}
