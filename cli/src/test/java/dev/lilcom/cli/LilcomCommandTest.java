package dev.lilcom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LilcomCommandTest {
    @Test
    void helpListsTheCommands() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.exitCode(), r::toString);
        for (String command : new String[] {"compress", "decompress", "info", "bench"}) {
            assertTrue(r.out().contains("\n  " + command + " "), command);
        }
    }

    @Test
    void eachCommandHasHelp() {
        for (String command : new String[] {"compress", "decompress", "info", "bench"}) {
            Cli.Result r = Cli.run(command, "--help");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.out().startsWith("Usage: lilcom " + command), r::toString);
        }
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Missing command: compress, decompress, info, bench or lhotse"), r::toString);
        r = Cli.run("squash", "x.npy");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Unmatched arguments"), r::toString);
    }

    @Test
    void versionNamesJava() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("lilcom-java "), r::toString);
        assertTrue(r.out().contains("Java " + Runtime.version()), r::toString);
    }
}
