package org.abri.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Abri keeps its data: an external PostgreSQL when {@code url} is set
 * (ABRI_DB_URL), otherwise an embedded PostgreSQL whose files live in {@code dataDir}.
 */
@ConfigurationProperties("abri.db")
public record DatabaseProperties(String url, String user, String password, Path dataDir, int embeddedPort,
        int poolSize) {

    public DatabaseProperties {
        if (dataDir == null) {
            dataDir = Path.of("abri-data");
        }
        if (poolSize <= 0) {
            poolSize = 10;
        }
    }

    public boolean external() {
        return url != null && !url.isBlank();
    }
}
