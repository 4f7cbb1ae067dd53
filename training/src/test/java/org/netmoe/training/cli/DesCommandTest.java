package org.netmoe.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code netmoe des}: one instance from stdin to JSON on stdout. */
class DesCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run des(String stdin) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            CommandLine cl = NetMoe.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute("des");
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void printsTheCheapestFeasibleSubset() throws Exception {
        // expert 0 alone meets 0.45 but costs 10; experts 1+2 meet it for 5
        Run r = des("{\"scores\":[0.5,0.3,0.2], \"energies\":[10,2,3], \"threshold\":0.45, \"maxExperts\":2}");
        assertEquals(0, r.code(), r.err());
        JsonNode out = new ObjectMapper().readTree(r.out());
        assertEquals("[1,2]", out.get("selected").toString());
        assertEquals(5.0, out.get("energy").asDouble(), 1e-12);
        assertTrue(out.get("feasible").asBoolean());
    }

    @Test
    void benchSelectionCsvHasARowPerKAndMethod() {
        CommandLine cl = NetMoe.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("bench", "selection", "--csv", "--k", "6,10", "--tokens", "50", "--brute-tokens", "20");
        assertEquals(0, code, err.toString());
        java.util.List<String> lines = out.toString().lines().toList();
        assertEquals("k,method,tokens,median_us,p99_us,mean_nodes", lines.get(0));
        assertEquals(5, lines.size(), out.toString());
        assertTrue(lines.get(1).startsWith("6,des,50,") && lines.get(2).startsWith("6,brute-force,20,"), out.toString());
        // brute force evaluates every subset of at most D = 4 of 10 experts
        assertEquals(10 + 45 + 120 + 210, Double.parseDouble(lines.get(4).split(",")[5]), 1e-9);
    }

    @Test
    void infeasibleTokenReportsTopD() throws Exception {
        Run r = des("{\"scores\":[0.5,0.3,0.2], \"energies\":[10,2,3], \"threshold\":0.9, \"maxExperts\":1}");
        assertEquals(0, r.code(), r.err());
        JsonNode out = new ObjectMapper().readTree(r.out());
        assertEquals("[0]", out.get("selected").toString());
        assertEquals(false, out.get("feasible").asBoolean());
    }

    @Test
    void badInputIsExitCodeTwoNamingTheField() {
        Run r = des("{\"scores\":[0.5,0.5], \"threshold\":0.5, \"maxExperts\":1}");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("energies"), r.err());
        r = des("{\"scores\":[0.5,0.5], \"energies\":[1,\"x\"], \"threshold\":0.5, \"maxExperts\":1}");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("energies[1]"), r.err());
        r = des("{\"scores\":[0.5,0.5], \"energies\":[1,1], \"threshold\":0.5, \"maxExperts\":1.5}");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("maxExperts"), r.err());
        r = des("{\"scores\":[0.5,0.5], \"energies\":[1,1], \"threshold\":-1, \"maxExperts\":1}");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("threshold"), r.err());
        r = des("{\"scores\":[0.5,");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not valid JSON"), r.err());
        r = des("{\"scores\":[0.5,0.5], \"energies\":[1,1], \"threshold\":0.5, \"maxExperts\":1, \"maxExpert\":2}");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown field 'maxExpert'"), r.err());
    }

    @Test
    void scoresOrEnergiesWhoseSumOverflowsAreRefused() {
        // Two scores of 1e308 sum to Infinity: this answered selected: [], feasible: true.
        Run r = des("{\"scores\":[1e308,1e308], \"energies\":[1,1], \"threshold\":0.5, \"maxExperts\":1}");
        assertEquals(2, r.code(), r.out());
        assertEquals("netmoe: error: scores must sum to at most 8.988465674311579E307, was Infinity", r.err().strip());
        r = des("{\"scores\":[0.5,0.5], \"energies\":[1e308,1e308], \"threshold\":0.5, \"maxExperts\":1}");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().startsWith("netmoe: error: energies must sum to at most"), r.err());
    }

    @Test
    void repeatedFieldsAndOversizedInputAreRefused() {
        Run r = des("{\"scores\":[0.5,0.5], \"scores\":[1,0], \"energies\":[1,1], \"threshold\":0.5,"
                + " \"maxExperts\":1}");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().startsWith("netmoe: error: stdin is not valid JSON: Duplicate field 'scores'"), r.err());
        r = des(" ".repeat((1 << 20) + 1));
        assertEquals(2, r.code(), r.out());
        assertEquals("netmoe: error: stdin is larger than the 1 MiB limit", r.err().strip());
    }
}
