package org.abri.quality;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The improvement grid as shipped in {@code src/main/resources/quality/improvement-grid.json}
 * (see the file's "_about" and docs/quality.md for how it was read from the reference).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShippedGrid(int version, List<QualityLevel> levels, List<Domain> domains) {

    public static final String LOCATION = "quality/improvement-grid.json";

    /** A domain (volet) 1-8 and its parts: one with no letter, or lettered parts (2 has both). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Domain(int number, GridText title, List<Part> parts) {
    }

    /** A part: its code ("1", "2", "2a" ...), its title if lettered, its items per level. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Part(String code, GridText title, Map<QualityLevel, List<GridText>> levels) {

        public String letter() {
            return code.length() > 1 ? code.substring(1) : null;
        }

        public List<GridText> items(QualityLevel level) {
            return levels.getOrDefault(level, List.of());
        }
    }

    public static ShippedGrid read(JsonMapper json) {
        try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
            return json.readValue(in, ShippedGrid.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The shipped improvement grid cannot be read: " + e.getMessage(), e);
        }
    }

    /** Number of items per level, over all domains. */
    public long count(QualityLevel level) {
        return domains.stream().flatMap(d -> d.parts().stream()).mapToLong(p -> p.items(level).size()).sum();
    }
}
