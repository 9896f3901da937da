package org.abri.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Who may read {@code /actuator/prometheus}. Deny by default: with {@code abri.metrics.token}
 * set, a request bearing exactly that token ({@code Authorization: Bearer …}), wherever it comes
 * from; without it, only a request that arrived on a separate management port (which listens on
 * 127.0.0.1 unless told otherwise) — a scraper on the same machine. Otherwise nobody.
 *
 * <p>Metrics hold no personal data, but they tell how busy each agency's workflow is and how the
 * server is doing, which is nobody's business outside the deployment.
 */
@Component
class MetricsAccess {

    private final byte[] tokenDigest;
    private final Integer managementPort;
    private final boolean separateManagementPort;

    MetricsAccess(@Value("${abri.metrics.token:}") String token,
            @Value("${management.server.port:#{null}}") Integer managementPort, Environment environment) {
        this.tokenDigest = token == null || token.isBlank() ? null : digest(token.strip());
        this.managementPort = managementPort;
        this.separateManagementPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
    }

    boolean allows(HttpServletRequest request) {
        if (tokenDigest != null) {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    && MessageDigest.isEqual(tokenDigest, digest(header.substring(7).strip()));
        }
        // Port 0 (a random one, in tests) cannot be compared; any other must be the one it came on.
        return separateManagementPort && (managementPort == 0 || request.getLocalPort() == managementPort);
    }

    /** Compared as digests: same length whatever is sent, and compared in constant time. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
