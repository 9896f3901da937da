package org.abri.platform;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Two operations settings that a line of application.yml cannot express, applied before the
 * application (and its logging) starts:
 * <ul>
 * <li>a separate management port ({@code ABRI_MANAGEMENT_PORT}) listens on 127.0.0.1 unless
 * {@code ABRI_MANAGEMENT_ADDRESS} says otherwise — Spring Boot refuses a management address
 * when there is no separate port, so it cannot be a plain default in the file;</li>
 * <li>{@code ABRI_LOG_FORMAT=json} means Elastic Common Schema JSON ({@code ecs}); Spring Boot's
 * own names ({@code ecs}, {@code logstash}, {@code gelf}) pass through.</li>
 * </ul>
 * Registered in {@code META-INF/spring.factories}; public only because Spring instantiates it.
 */
public final class OperationsDefaults implements EnvironmentPostProcessor {

    static final String MANAGEMENT_ADDRESS = "ABRI_MANAGEMENT_ADDRESS";
    static final String LOCAL_ONLY = "127.0.0.1";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        if (ManagementPortType.get(environment) == ManagementPortType.DIFFERENT
                && !StringUtils.hasText(environment.getProperty("management.server.address"))) {
            defaults.put("management.server.address", environment.getProperty(MANAGEMENT_ADDRESS, LOCAL_ONLY));
        }
        if ("json".equalsIgnoreCase(environment.getProperty("logging.structured.format.console", "").strip())) {
            defaults.put("logging.structured.format.console", "ecs");
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("abriOperationsDefaults", defaults));
        }
    }
}
