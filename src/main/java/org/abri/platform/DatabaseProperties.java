package org.abri.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Abri keeps its data: an external PostgreSQL when {@code url} is set
 * (ABRI_DB_URL), otherwise an embedded PostgreSQL whose files live in {@code dataDir}.
 * {@code connectionTimeout} is how long a request waits for a connection before it is told the
 * server cannot save right now; {@code walArchiveInterval} bounds the work a lost disk can take
 * with it (the embedded database archives its write-ahead log at least that often).
 */
@ConfigurationProperties("abri.db")
public record DatabaseProperties(String url, String user, String password, Path dataDir, int embeddedPort,
        int poolSize, Duration connectionTimeout, Duration walArchiveInterval) {

    public DatabaseProperties {
        if (dataDir == null) {
            dataDir = Path.of("abri-data");
        }
        if (poolSize <= 0) {
            poolSize = 10;
        }
        if (connectionTimeout == null || connectionTimeout.isNegative() || connectionTimeout.isZero()) {
            connectionTimeout = Duration.ofSeconds(3);
        }
        if (walArchiveInterval == null || walArchiveInterval.toSeconds() < 60) {
            walArchiveInterval = Duration.ofMinutes(5);
        }
    }

    public boolean external() {
        return url != null && !url.isBlank();
    }
}
