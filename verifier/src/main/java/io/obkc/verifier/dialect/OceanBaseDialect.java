package io.obkc.verifier.dialect;

/**
 * OceanBase in MySQL mode (and seekdb). Same SQL surface as MySQL for everything the verifier uses; differs in
 * its system schemas and in having no per-session Bytes_sent counter.
 */
public class OceanBaseDialect extends MySqlDialect {
    public OceanBaseDialect() {
        super(false);
    }

    @Override
    public String name() {
        return "oceanbase";
    }

    @Override
    protected String systemSchemas() {
        return "'mysql','information_schema','performance_schema','sys','oceanbase','__public','__recyclebin','SYS','LBACSYS','ORAAUDITOR'";
    }

    @Override
    public long bytesSent(java.sql.Connection c) {
        return -1;
    }
}
