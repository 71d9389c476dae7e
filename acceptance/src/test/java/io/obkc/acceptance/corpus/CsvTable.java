package io.obkc.acceptance.corpus;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * Turns a CSV file of a sample database into a typed table. The column types are inferred from the values, the
 * same way on every run (so the extract is reproducible): whole numbers become INT or BIGINT; decimals with up to
 * 6 fractional digits become DECIMAL(p,s) sized to the data, longer ones DOUBLE; {@code yyyy-MM-dd} becomes DATE;
 * {@code yyyy-MM-ddTHH:mm:ssZ} a point in time; anything else VARCHAR sized to the longest value (rounded up to
 * tens). Empty fields and the given NULL token (R's {@code NA}) are NULL.
 */
final class CsvTable {
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern DOUBLE = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private CsvTable() {
    }

    /**
     * @param keep rows (as text, after the header) to keep; the suite's subsets are documented where they are chosen
     * @param surrogateKey when not null, a BIGINT column of that name numbering the CSV's data lines from 1 is added
     *        first and is the primary key (for tables the sample database ships without a key)
     */
    static CorpusTable read(String name, byte[] csv, String nullToken, List<String> primaryKey, Predicate<String[]> keep,
            String surrogateKey) {
        List<String[]> lines = parse(csv);
        String[] header = lines.get(0);
        List<String[]> data = new ArrayList<>();
        List<Long> lineNumbers = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] l = lines.get(i);
            if (l.length != header.length) {
                throw new IllegalStateException(name + ": line " + (i + 1) + " has " + l.length + " fields, header has " + header.length);
            }
            for (int c = 0; c < l.length; c++) {
                if (l[c].isEmpty() || l[c].equals(nullToken)) {
                    l[c] = null;
                }
            }
            if (keep.test(l)) {
                data.add(l);
                lineNumbers.add((long) i);
            }
        }
        List<CorpusColumn> columns = new ArrayList<>();
        if (surrogateKey != null) {
            columns.add(new CorpusColumn(surrogateKey, ColumnType.of(ColumnType.Kind.BIGINT), false));
        }
        for (int c = 0; c < header.length; c++) {
            columns.add(infer(header[c], data, c, primaryKey.contains(header[c])));
        }
        List<Object[]> rows = new ArrayList<>(data.size());
        int offset = surrogateKey == null ? 0 : 1;
        for (int r = 0; r < data.size(); r++) {
            Object[] row = new Object[columns.size()];
            if (surrogateKey != null) {
                row[0] = lineNumbers.get(r);
            }
            for (int c = 0; c < header.length; c++) {
                row[c + offset] = convert(data.get(r)[c], columns.get(c + offset).type());
            }
            rows.add(row);
        }
        List<String> key = surrogateKey == null ? primaryKey : List.of(surrogateKey);
        return new CorpusTable(name, List.copyOf(columns), key, rows);
    }

    static List<String[]> parse(byte[] csv) {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<String[]> out = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(csv)) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        } catch (IOException e) {
            throw new IllegalStateException("bad CSV: " + e.getMessage(), e);
        }
        return out;
    }

    private static CorpusColumn infer(String name, List<String[]> data, int c, boolean key) {
        boolean nullable = false;
        boolean allInteger = true;
        boolean allDecimal = true;
        boolean allDouble = true;
        boolean allDate = true;
        boolean allInstant = true;
        boolean any = false;
        int maxLen = 0;
        int maxScale = 0;
        int maxIntDigits = 1;
        long maxAbs = 0;
        for (String[] row : data) {
            String v = row[c];
            if (v == null) {
                nullable = true;
                continue;
            }
            any = true;
            maxLen = Math.max(maxLen, v.codePointCount(0, v.length()));
            boolean isInt = INTEGER.matcher(v).matches();
            allInteger &= isInt;
            if (isInt) {
                maxAbs = Math.max(maxAbs, Math.abs(Long.parseLong(v)));
            }
            boolean isDec = isInt || DECIMAL.matcher(v).matches();
            allDecimal &= isDec;
            if (isDec) {
                BigDecimal d = new BigDecimal(v);
                maxScale = Math.max(maxScale, Math.max(d.scale(), 0));
                maxIntDigits = Math.max(maxIntDigits, d.precision() - d.scale());
            }
            allDouble &= DOUBLE.matcher(v).matches();
            allDate &= DATE.matcher(v).matches();
            allInstant &= INSTANT.matcher(v).matches();
        }
        ColumnType type;
        if (!any) {
            type = ColumnType.varchar(10);
        } else if (allInteger) {
            type = ColumnType.of(maxAbs <= Integer.MAX_VALUE ? ColumnType.Kind.INT : ColumnType.Kind.BIGINT);
        } else if (allDecimal && maxScale <= 6) {
            type = ColumnType.decimal(maxIntDigits + maxScale, maxScale);
        } else if (allDouble) {
            type = ColumnType.of(ColumnType.Kind.DOUBLE);
        } else if (allDate) {
            type = ColumnType.of(ColumnType.Kind.DATE);
        } else if (allInstant) {
            type = ColumnType.of(ColumnType.Kind.INSTANT);
        } else {
            type = ColumnType.varchar(Math.max(10, (maxLen + 9) / 10 * 10));
        }
        return new CorpusColumn(name, type, nullable && !key);
    }

    private static Object convert(String v, ColumnType t) {
        if (v == null) {
            return null;
        }
        return switch (t.kind()) {
            case INT, BIGINT -> Long.parseLong(v);
            case DECIMAL -> new BigDecimal(v);
            case DOUBLE -> Double.parseDouble(v);
            case DATE -> LocalDate.parse(v);
            case INSTANT -> Instant.parse(v);
            case DATETIME -> throw new IllegalStateException("not inferred from CSV");
            case VARCHAR -> v;
        };
    }
}
