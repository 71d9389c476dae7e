package io.obkc.schema.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A column, source-neutral. Readers fill it from the source catalog; the type mappers produce a second
 * instance whose {@link #columnType} is OceanBase MySQL-mode type text. Mutable on purpose: readers fill it
 * step by step, mappers work on {@link #copy()}.
 */
public final class ColumnDef {
    /** How the default is expressed. */
    public enum DefaultKind {
        /** No DEFAULT clause. */
        NONE,
        /** DEFAULT NULL. */
        NULL,
        /** A literal: {@link #defaultValue} is the unquoted value. */
        LITERAL,
        /** An SQL expression, printed as is ({@code CURRENT_TIMESTAMP(6)}, {@code b'101'}). */
        EXPRESSION
    }

    public String name;
    /** Lower-case base type name as the source knows it ({@code int}, {@code varchar}, {@code timestamp with time zone}). */
    public String dataType;
    /** Full type text ({@code int(10) unsigned}, {@code character varying(20)}); on the target: the OceanBase type. */
    public String columnType;
    /** Character length (strings) or bit length (bit), when the type has one. */
    public Long length;
    public Integer precision;
    public Integer scale;
    /** Fractional seconds precision of temporal types. */
    public Integer datetimePrecision;
    public boolean unsigned;
    public boolean zerofill;
    /** Labels of ENUM/SET types (MySQL) or of a PostgreSQL enum type. */
    public List<String> enumValues = new ArrayList<>();
    public boolean nullable = true;
    public DefaultKind defaultKind = DefaultKind.NONE;
    public String defaultValue;
    public boolean autoIncrement;
    /** ON UPDATE expression (MySQL), e.g. {@code CURRENT_TIMESTAMP}. */
    public String onUpdate;
    public String charset;
    public String collation;
    public String comment;
    /** Generated column expression (source SQL), or null. */
    public String generationExpression;
    public boolean generatedStored;
    /** PostgreSQL arrays: element type name and number of dimensions (0: not an array). */
    public String elementType;
    public int arrayDimensions;
    /** PostgreSQL domain the column was declared with, or null. */
    public String domain;

    public ColumnDef() {
    }

    public ColumnDef(String name, String dataType, String columnType) {
        this.name = name;
        this.dataType = dataType;
        this.columnType = columnType;
    }

    public ColumnDef copy() {
        ColumnDef c = new ColumnDef();
        c.name = name;
        c.dataType = dataType;
        c.columnType = columnType;
        c.length = length;
        c.precision = precision;
        c.scale = scale;
        c.datetimePrecision = datetimePrecision;
        c.unsigned = unsigned;
        c.zerofill = zerofill;
        c.enumValues = new ArrayList<>(enumValues);
        c.nullable = nullable;
        c.defaultKind = defaultKind;
        c.defaultValue = defaultValue;
        c.autoIncrement = autoIncrement;
        c.onUpdate = onUpdate;
        c.charset = charset;
        c.collation = collation;
        c.comment = comment;
        c.generationExpression = generationExpression;
        c.generatedStored = generatedStored;
        c.elementType = elementType;
        c.arrayDimensions = arrayDimensions;
        c.domain = domain;
        return c;
    }

    public boolean isGenerated() {
        return generationExpression != null;
    }

    @Override
    public String toString() {
        return name + " " + columnType;
    }
}
