package org.observatory.logingest.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.SharedData;

@QuarkusMainTest
class CommandLineIngestTest {

    @Test
    void ingestsFilesGivenOnTheCommandLineAndExits(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("ingest", SharedData.path("ringserver/txlog-doc-examples.txt").toString(),
                SharedData.path("ringserver").toString());
        assertEquals(0, result.exitCode(), result.getOutput() + result.getErrorOutput());
        String out = result.getOutput();
        assertTrue(out.contains("\"file\":\"txlog-doc-examples.txt\""), out);
        assertTrue(out.contains("\"file\":\"txlog-v4-doc-example.txt\""), out);
        assertTrue(out.contains("\"streamsStored\":3"), out);
        // The same file again, from the folder: every transfer is a duplicate.
        assertTrue(out.contains("\"duplicates\":3"), out);
    }
}
