package io.obkc.converters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Each format's output for insert, update, delete and DDL, compared as JSON trees with the files under
 * {@code src/test/resources/golden/<format>/}. Tree equality fails on any missing, extra or differently typed
 * field ({@code "1"} is not {@code 1}). Run with {@code -Dgolden.update=true} to rewrite the files after a
 * deliberate format change, then review the diff.
 */
class GoldenFilesTest {

    // Big decimals so that 1234.50 and 1234.5 differ: the scale is part of a DECIMAL's value.
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final Map<String, Supplier<Struct>> CASES = Map.of(
            "insert", ChangeEvents::insert,
            "update", ChangeEvents::update,
            "delete", ChangeEvents::delete,
            "ddl", ChangeEvents::ddl);

    static Stream<Arguments> formatsAndCases() {
        List<Arguments> args = new ArrayList<>();
        for (OmsFormat format : OmsFormat.values()) {
            for (String c : List.of("insert", "update", "delete", "ddl")) {
                args.add(Arguments.of(format, c));
            }
        }
        return args.stream();
    }

    static OmsFormatConverter converter(OmsFormat format, Map<String, String> extra) {
        OmsFormatConverter converter = new OmsFormatConverter();
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "format", format.displayName(),
                "key.columns", "shop.orders:id"));
        config.putAll(extra);
        converter.configure(config, false);
        return converter;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndCases")
    void matchesGoldenFile(OmsFormat format, String caseName) throws IOException {
        Struct value = CASES.get(caseName).get();
        byte[] actual = converter(format, Map.of()).fromConnectData(ChangeEvents.TOPIC, value.schema(), value);
        String resource = "golden/" + format.displayName().toLowerCase() + "/" + caseName + ".json";

        JsonNode actualTree = actual == null ? MAPPER.nullNode() : MAPPER.readTree(actual);
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of("src/test/resources", resource);
            Files.createDirectories(file.getParent());
            Files.writeString(file, MAPPER.writeValueAsString(actualTree) + "\n");
        }
        JsonNode expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s", resource).isNotNull();
            expected = MAPPER.readTree(in);
        }
        assertThat(actualTree).as("%s %s", format, caseName).isEqualTo(expected);
    }
}
