package io.obkc.converters.format;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.kafka.connect.errors.DataException;

/** Jackson plumbing shared by the formats: streaming output to bytes and tree input. */
final class JsonOutput {

    /** Writes one JSON document. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static final JsonFactory FACTORY = new JsonFactory();
    // Decimals must come back exactly (Maxwell writes DECIMAL columns as JSON numbers).
    static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private JsonOutput() {
    }

    static byte[] write(Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JsonNode read(byte[] bytes) {
        try {
            return READER.readTree(bytes);
        } catch (IOException e) {
            throw new DataException("Message is not valid JSON", e);
        }
    }
}
