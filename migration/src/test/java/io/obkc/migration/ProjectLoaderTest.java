package io.obkc.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obkc.migration.project.LoadedProject;
import io.obkc.migration.project.Project;
import io.obkc.migration.project.ProjectException;
import io.obkc.migration.project.ProjectLoader;

class ProjectLoaderTest {
    @TempDir
    Path dir;

    static final String MINIMAL = """
            name: shop
            source:
              type: mariadb
              url: jdbc:mysql://127.0.0.1:3306/
              user: app
              password-file: pw.txt
            target:
              url: jdbc:mysql://127.0.0.1:2881/
              user: root@test
              password: secret
            objects:
              include: ["shop.*", "crm.customer=crm2.customer"]
            """;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void minimalProjectGetsTheDocumentedDefaults() throws Exception {
        write("pw.txt", "from-file\nignored\n");
        LoadedProject p = ProjectLoader.load(write("shop.yaml", MINIMAL));
        assertThat(p.sourcePassword()).isEqualTo("from-file");
        assertThat(p.targetPassword()).isEqualTo("secret");
        assertThat(p.project().steps).containsExactly(Project.Step.SCHEMA, Project.Step.FULL, Project.Step.INCREMENTAL,
                Project.Step.VERIFY, Project.Step.SWITCHOVER);
        assertThat(p.project().connect.url).isEqualTo("http://localhost:8083");
        assertThat(p.project().connect.kafkaBootstrap).isEqualTo("localhost:9092");
        assertThat(p.stateFile()).isEqualTo(dir.resolve("shop.obkc/state.json"));
        assertThat(p.includeRules()).isEqualTo("shop.*,crm.customer=crm2.customer");
    }

    @Test
    void jsonProjectFilesLoadToo() throws Exception {
        LoadedProject p = ProjectLoader.load(write("p.json", """
                {"name": "pg1", "source": {"type": "postgresql", "url": "jdbc:postgresql://h:5432/app", "user": "u"},
                 "target": {"url": "jdbc:mysql://h:2881/", "user": "t"}, "objects": {"include": ["public.*"]},
                 "steps": ["schema", "full"]}
                """));
        assertThat(p.postgres()).isTrue();
        assertThat(p.project().steps).containsExactly(Project.Step.SCHEMA, Project.Step.FULL);
    }

    @Test
    void unknownKeysAreRefusedByName() throws Exception {
        write("pw.txt", "x");
        Path f = write("bad.yaml", MINIMAL + "options:\n  ddl_sync: false\n");
        assertThatThrownBy(() -> ProjectLoader.load(f)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("unknown key 'ddl_sync'").hasMessageContaining("ddl-sync");
    }

    @Test
    void refusalsNameTheKey() throws Exception {
        write("pw.txt", "x");
        assertThatThrownBy(() -> ProjectLoader.load(write("a.yaml", MINIMAL.replace("name: shop", "name: Shop-1"))))
                .hasMessageContaining("'name'");
        assertThatThrownBy(() -> ProjectLoader.load(write("b.yaml", MINIMAL.replace("type: mariadb", "type: postgresql"))))
                .hasMessageContaining("'source.url' of a postgresql source must start with jdbc:postgresql://");
        assertThatThrownBy(() -> ProjectLoader.load(write("c.yaml", MINIMAL.replace("include: [\"shop.*\", \"crm.customer=crm2.customer\"]", "include: []"))))
                .hasMessageContaining("'objects.include'");
        assertThatThrownBy(() -> ProjectLoader.load(write("d.yaml", MINIMAL.replace("password-file: pw.txt", "password-file: nope.txt"))))
                .hasMessageContaining("'source.password-file'").hasMessageNotContaining("secret");
    }
}
