package io.obkc.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.obkc.migration.project.ProjectException;
import io.obkc.migration.tools.ToolRunner;

/** The module graph rule: production code depends on common only; the other CLIs are run by class name. */
class ModuleGraphTest {
    @Test
    void mainCodeImportsNoOtherObkcModule() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offending = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(l -> l.startsWith("import io.obkc.")
                            && !l.startsWith("import io.obkc.common.") && !l.startsWith("import io.obkc.migration."))
                            .map(l -> f + ": " + l);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).toList();
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void toolsRunByClassNameReturnTheirExitCode() {
        ToolRunner.Result r = ToolRunner.run(ToolRunner.VERIFIER, "--json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--source-user");
    }

    @Test
    void aMissingToolIsNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToolRunner.run("io.obkc.nosuch.Cli"))
                .isInstanceOf(ProjectException.class).hasMessageContaining("io.obkc.nosuch.Cli is not on the class path");
    }
}
