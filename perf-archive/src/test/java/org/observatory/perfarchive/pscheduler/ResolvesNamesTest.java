package org.observatory.perfarchive.pscheduler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * A run is mapped off the event loop only when mapping it would ask a name server: when one of the hosts it names
 * (lead participant, observer, the spec's source or destination) is not an IP address.
 */
class ResolvesNamesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode fixture(String name) throws IOException {
        try (InputStream in = ResolvesNamesTest.class.getResourceAsStream("/pscheduler/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private static boolean resolves(ObjectNode body, String observer) {
        return EsmondRecordMapper.resolvesNames(RunDocumentParser.parse(body), observer);
    }

    @Test
    void aRunBetweenAddressesResolvesNothing() throws IOException {
        assertFalse(resolves(fixture("latencybg.json"), "198.51.100.24"));
        assertFalse(resolves(fixture("latencybg.json"), null));
        assertFalse(resolves(fixture("trace.json"), "2001:db8::40"));
    }

    @Test
    void aHostNamedAnywhereIsResolved() throws IOException {
        ObjectNode destination = fixture("latencybg.json");
        ((ObjectNode) destination.at("/test/spec")).put("dest", "ps2.example.net");
        assertTrue(resolves(destination, "198.51.100.24"));

        ObjectNode source = fixture("trace.json");
        ((ObjectNode) source.at("/test/spec")).put("source", "ps1.example.net");
        assertTrue(resolves(source, null));

        ObjectNode lead = fixture("latencybg.json");
        lead.putArray("participants").add("ps1.example.net").add("198.51.100.25");
        assertTrue(resolves(lead, null));

        assertTrue(resolves(fixture("latencybg.json"), "ps1.example.net"), "the observer is the measurement agent");
    }

    @Test
    void anUnknownTestTypeNamesOnlyItsLeadAndObserver() throws IOException {
        // dns is stored raw: its spec's query (www.example.org) is data, not a host of the run.
        assertFalse(resolves(fixture("dns.json"), null));
        assertTrue(resolves(fixture("dns.json"), "ps1.example.net"));
    }
}
