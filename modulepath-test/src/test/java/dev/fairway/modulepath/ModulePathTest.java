package dev.fairway.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link Consumer} in a child JVM with every Fairway module and its dependencies on the
 * <em>module path</em> (surefire itself runs tests on the class path, where a wrong {@code exports} or
 * a missing {@code requires transitive} would go unnoticed). The consumer's compilation against the
 * modules' descriptors is the compile-time half of the same check.
 */
class ModulePathTest {

    @Test
    void everyModuleWorksOnTheModulePath() throws IOException, InterruptedException {
        // the consumer's classes and its runtime dependencies, without the test framework
        String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes"))
                .filter(e -> !e.contains("junit") && !e.contains("opentest4j") && !e.contains("apiguardian"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "--module", "dev.fairway.modulepath/dev.fairway.modulepath.Consumer"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the consumer did not finish");
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        // group a selects 2/4, group b 1/4
        assertTrue(lines.contains("dpd=0.25"), out);
        assertTrue(lines.contains("gate=true"), out);
        assertTrue(lines.contains("signal=USP"), out);
        // 2 * (3 - mean(0, 2))
        assertTrue(lines.contains("phi=4.0"), out);
        // an XGBoost stump: margin 1 at income 3, TreeSHAP 1 - mean(-1, 1) = 1
        assertTrue(lines.contains("tree=1.0 1.0"), out);
        assertTrue(lines.contains("monitor=OK"), out);
        // one decision and one outcome written and read back with checksums on the module path
        assertTrue(lines.contains("decisionlog=[sex] 1 1"), out);
        // consent-core's internal package is exported to no one, not even guard; its log package is exported
        assertTrue(lines.contains("internal-to-guard=false"), out);
        assertTrue(lines.contains("log-exported=true"), out);
        assertTrue(lines.contains("internal-to-consumer=false"), out);
        assertTrue(lines.contains("bundle=Einkommen für den beantragten Kreditbetrag nicht ausreichend"), out);
    }
}
