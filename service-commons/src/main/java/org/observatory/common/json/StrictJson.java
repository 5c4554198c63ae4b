package org.observatory.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.observatory.common.problem.ProblemException;

/**
 * Makes every JSON body strict where PostgreSQL or a reader would otherwise be lenient: a NUL character in any
 * string (a value, a key, a node of a tree) is a 400 before it can reach the database, and anything after the
 * one JSON value ({@code {} xyz}) is an error instead of being ignored.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    static final String NUL_MESSAGE = "Strings must not contain the NUL character (\\u0000).";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        SimpleModule module = new SimpleModule("observatory-strict-json");
        module.addDeserializer(String.class, new NulRefusingStrings());
        module.addKeyDeserializer(String.class, new NulRefusingKeys());
        mapper.registerModule(module);
        mapper.setNodeFactory(new NulRefusingNodes());
    }

    static boolean hasNul(String value) {
        return value != null && value.indexOf('\0') >= 0;
    }

    /** String values of typed and untyped ({@code Map<String, Object>}) targets. */
    static final class NulRefusingStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (hasNul(value)) {
                throw InvalidFormatException.from(p, NUL_MESSAGE, value, String.class);
            }
            return value;
        }
    }

    /** Map keys read into {@code Map<String, ...>}. */
    static final class NulRefusingKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (hasNul(key)) {
                throw InvalidFormatException.from(ctxt.getParser(), NUL_MESSAGE, key, String.class);
            }
            return key;
        }
    }

    /** Text nodes of bodies read as trees ({@code JsonNode}). */
    static final class NulRefusingNodes extends JsonNodeFactory {
        @Override
        public TextNode textNode(String text) {
            if (hasNul(text)) {
                throw ProblemException.badRequest("The body is not acceptable JSON: " + NUL_MESSAGE);
            }
            return super.textNode(text);
        }
    }
}
