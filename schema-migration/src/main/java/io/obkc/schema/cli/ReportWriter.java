package io.obkc.schema.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.obkc.schema.convert.ConversionResult;
import io.obkc.schema.convert.DeferredObject;
import io.obkc.schema.convert.ObjectReport;

/** The per-object report as text (stdout) and JSON (file). */
final class ReportWriter {
    private ReportWriter() {
    }

    static void text(ConversionResult result, boolean dryRun, PrintWriter out) {
        out.println("-- OBKC schema migration " + (dryRun ? "(dry run: nothing was executed)" : "(applied)"));
        out.println("-- source: " + result.sourceEngine + " " + result.sourceVersion + "; target: " + result.targetVersion);
        for (String db : result.databases) {
            out.println();
            out.println("CREATE DATABASE IF NOT EXISTS `" + db.replace("`", "``") + "`;");
        }
        for (ObjectReport r : result.all()) {
            out.println();
            out.println("-- " + r.kind + " " + r.source + (r.target == null ? "" : " -> " + r.target) + ": " + r.getStatus()
                    + (r.apply == null ? "" : " / apply: " + r.apply));
            if (r.error != null) {
                out.println("--   ERROR: " + r.error);
            }
            for (String w : r.warnings) {
                out.println("--   warning: " + w);
            }
            for (String ddl : r.ddl) {
                out.println(ddl + ";");
            }
            for (DeferredObject d : r.deferred) {
                out.println("--   deferred to " + d.phase() + ": " + d.ddl() + ";");
            }
        }
        out.println();
        out.println("-- summary: " + summary(result));
        out.flush();
    }

    static Map<String, Integer> summary(ConversionResult result) {
        Map<ObjectReport.Status, Integer> counts = new EnumMap<>(ObjectReport.Status.class);
        for (ObjectReport r : result.all()) {
            counts.merge(r.getStatus(), 1, Integer::sum);
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("objects", result.all().size());
        counts.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }

    static void json(ConversionResult result, boolean dryRun, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, jsonText(result, dryRun));
    }

    /** The JSON report as text (what --json prints on standard output). */
    static String jsonText(ConversionResult result, boolean dryRun) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dryRun", dryRun);
        doc.put("source", result.sourceEngine + " " + result.sourceVersion);
        doc.put("target", result.targetVersion);
        doc.put("summary", summary(result));
        doc.put("databases", result.databases);
        doc.put("objects", result.all());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    }
}
