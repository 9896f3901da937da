package org.abri.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The operations defaults applied before start, and the folder the disk check looks at. */
class OperationsDefaultsTest {

    @Test
    void aSeparateManagementPortListensOnTheLoopbackUnlessToldOtherwise() {
        assertThat(process(new MockEnvironment().withProperty("management.server.port", "9090"))
                .getProperty("management.server.address")).isEqualTo("127.0.0.1");
        assertThat(process(new MockEnvironment().withProperty("management.server.port", "9090")
                .withProperty("ABRI_MANAGEMENT_ADDRESS", "10.0.0.5")).getProperty("management.server.address"))
                .isEqualTo("10.0.0.5");
        // Spring Boot refuses a management address without a separate port: none is set then.
        assertThat(process(new MockEnvironment().withProperty("management.server.port", ""))
                .getProperty("management.server.address")).isNull();
        assertThat(process(new MockEnvironment().withProperty("management.server.port", "8080")
                .withProperty("server.port", "8080")).getProperty("management.server.address")).isNull();
    }

    @Test
    void jsonLogsMeanEcsAndSpringBootsOwnNamesPassThrough() {
        assertThat(process(new MockEnvironment().withProperty("logging.structured.format.console", "json"))
                .getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(process(new MockEnvironment().withProperty("logging.structured.format.console", "logstash"))
                .getProperty("logging.structured.format.console")).isEqualTo("logstash");
        assertThat(process(new MockEnvironment().withProperty("logging.structured.format.console", ""))
                .getProperty("logging.structured.format.console")).isEmpty();
    }

    @Test
    void theDiskCheckLooksAtTheDataFolderOrWhereItWillBeMade(@TempDir Path temporary) throws Exception {
        Path data = Files.createDirectory(temporary.resolve("abri-data"));
        assertThat(DataFolderHealth.existingFolder(data)).isEqualTo(data.toAbsolutePath());
        assertThat(DataFolderHealth.existingFolder(temporary.resolve("not-yet/abri-data")))
                .isEqualTo(temporary.toAbsolutePath());
    }

    private static MockEnvironment process(MockEnvironment environment) {
        new OperationsDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
