package org.observatory.perfarchive.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String str(String json) throws Exception {
        return PythonText.str(JSON.readTree(json));
    }

    @Test
    void rendersValuesAsPythonStrDoes() throws Exception {
        assertEquals("True", str("true"));
        assertEquals("False", str("false"));
        assertEquals("plain text", str("\"plain text\""));
        assertEquals("{'k': 'v', 'n': [1, None, 2.5]}", str("{\"k\":\"v\",\"n\":[1,null,2.5]}"));
        assertEquals("[\"it's\", 'say \"hi\"', 'a\\'b\"c']", str("[\"it's\", \"say \\\"hi\\\"\", \"a'b\\\"c\"]"));
        assertEquals("['tab\\there', 'caf\u00e9']", str("[\"tab\\there\", \"caf\u00e9\"]"));
        assertEquals("123456789012345678901234567890", str("123456789012345678901234567890"));
    }

    @Test
    void rendersFloatsAsPythonRepr() throws Exception {
        assertEquals("15.0", str("15.0"));
        assertEquals("0.1", str("0.1"));
        assertEquals("100.0", str("1E2"));
        assertEquals("1e+16", str("1e16"));
        assertEquals("1234567890123456.0", str("1234567890123456.0"));
        assertEquals("1.5e+20", str("1.5e20"));
        assertEquals("0.0001", str("0.0001"));
        assertEquals("1e-05", str("0.00001"));
        assertEquals("-2.5e-07", str("-2.5e-7"));
    }

    @Test
    void aFilterMatchesBothSpellings() {
        assertEquals(List.of("true", "True"), PythonText.spellings("true", JSON));
        assertEquals(List.of("True"), PythonText.spellings("True", JSON));
        assertEquals(List.of("{\"k\":\"v\"}", "{'k': 'v'}"), PythonText.spellings("{\"k\":\"v\"}", JSON));
        assertEquals(List.of("udp"), PythonText.spellings("udp", JSON));
        assertEquals(List.of("4"), PythonText.spellings("4", JSON));
    }
}
