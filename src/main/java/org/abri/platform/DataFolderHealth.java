package org.abri.platform;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The health check {@code diskSpace} (part of readiness): DOWN when the disk of Abri's data folder
 * ({@code abri.db.data-dir}: the embedded database, its archived WAL, the backups) has less than
 * {@code abri.health.disk-space-threshold} free — before PostgreSQL stops on a full disk. Spring's
 * own indicator, pointed at that folder instead of the working directory; with an external
 * database the folder may not exist, and the disk it would be made on is checked.
 */
@Configuration(proxyBeanMethods = false)
class DataFolderHealth {

    @Bean
    DiskSpaceHealthIndicator diskSpaceHealthIndicator(DatabaseProperties database,
            @Value("${abri.health.disk-space-threshold:200MB}") DataSize threshold) {
        return new DiskSpaceHealthIndicator(existingFolder(database.dataDir()).toFile(), threshold);
    }

    /** The folder itself, or the nearest folder above it that exists: the disk it will be on. */
    static Path existingFolder(Path folder) {
        Path candidate = folder.toAbsolutePath().normalize();
        while (candidate != null && !Files.isDirectory(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate != null ? candidate : Path.of("").toAbsolutePath();
    }
}
