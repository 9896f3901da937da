package org.abri.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped grid is the reference's: a one-off reader of
 * {@code shared/reference/improvement-grid-fr.txt} (found by walking up from the working
 * directory) takes its clean first part, and the shipped JSON must have the same domains, parts,
 * items per level and French wording. How the text is read is documented in docs/quality.md.
 */
class QualityGridReferenceTest {

    static final String REFERENCE = "shared/reference/improvement-grid-fr.txt";
    /** The clean structure ends before the first page header of the garbled duplicate. */
    static final Pattern DUPLICATE_START = Pattern.compile("^\\s*\\[VERSION D’ESSAI SUR LE TERRAIN\\]\\s+\\d");
    static final Pattern DOMAIN = Pattern.compile("^\\t([1-8])\\. (.+)$");
    static final Pattern PART = Pattern.compile("^([a-f])\\. (.+)$");
    static final List<QualityLevel> LEVELS = List.of(QualityLevel.IMPROVEMENT_NEEDED, QualityLevel.MINIMUM_THRESHOLD,
            QualityLevel.GOOD_PRACTICE);

    static Map<String, Map<QualityLevel, List<String>>> reference;
    static Map<Integer, String> referenceDomains;
    static ShippedGrid shipped;

    @BeforeAll
    static void read() throws IOException {
        shipped = ShippedGrid.read(JsonMapper.builder().build());
        Path file = find();
        if (file != null) {
            parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
    }

    static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(REFERENCE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Parts by code ("1", "2", "2a" ...), each with its groups of items: group n is level n. */
    static void parse(List<String> lines) {
        reference = new LinkedHashMap<>();
        referenceDomains = new LinkedHashMap<>();
        String domain = null;
        String part = null;
        List<List<String>> groups = null;
        Map<String, List<List<String>>> raw = new LinkedHashMap<>();
        for (String line : lines) {
            if (DUPLICATE_START.matcher(line).find()) {
                break;
            }
            Matcher d = DOMAIN.matcher(line);
            if (d.matches()) {
                domain = d.group(1);
                referenceDomains.put(Integer.valueOf(domain), d.group(2).strip());
                part = null;
                continue;
            }
            Matcher p = PART.matcher(line);
            if (p.matches() && domain != null) {
                part = domain + p.group(1);
                groups = raw.computeIfAbsent(part, k -> new ArrayList<>());
                continue;
            }
            int box = line.indexOf("[  ]");
            if (box < 0 || domain == null) {
                continue;
            }
            if (part == null) {
                part = domain;
                groups = raw.computeIfAbsent(part, k -> new ArrayList<>());
            }
            if (line.startsWith("\t")) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(clean(line.substring(box + 4)));
        }
        raw.forEach((code, list) -> {
            assertThat(list).as("groups of " + code).hasSize(LEVELS.size());
            Map<QualityLevel, List<String>> byLevel = new EnumMap<>(QualityLevel.class);
            for (int i = 0; i < list.size(); i++) {
                byLevel.put(LEVELS.get(i), list.get(i));
            }
            reference.put(code, byLevel);
        });
    }

    /** The French as written, without the Word export's markers and footnotes. */
    static String clean(String text) {
        return text.replaceAll("\\s*\\[\\d+:\\s.*$", "")          // footnote texts ending the line
                .replaceAll("\\[footnoteRef:\\d+\\]", "")
                .replaceAll("\\[bookmark:[^\\]]*\\]", "")
                .replaceAll("(?:(?<=[\\p{L}&&[^\\d_]])|(?<=\\)))\\d+(?=[\\s.,)]|$)", "") // services2, ex.)16
                .replaceAll(" \\d+(?= (et|à) )", "")               // "cas 8 et", "l’enfance 23 à"
                .replaceAll(" {2,}", " ")
                .strip();
    }

    private static void assumeReference() {
        assumeTrue(reference != null, "the reference " + REFERENCE
                + " is not in this checkout or any folder above it: the grid is not compared with it");
    }

    @Test
    void theShippedGridHasTheReferencesDomainsAndParts() {
        assumeReference();
        assertThat(referenceDomains).hasSize(8);
        assertThat(shipped.domains()).hasSize(8);
        assertThat(shipped.domains()).extracting(ShippedGrid.Domain::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        shipped.domains().forEach(d -> assertThat(d.title().fr()).isEqualTo(referenceDomains.get(d.number())));
        List<String> codes = shipped.domains().stream().flatMap(d -> d.parts().stream()).map(ShippedGrid.Part::code)
                .toList();
        assertThat(codes).containsExactlyElementsOf(reference.keySet());
        assertThat(codes).containsExactly("1", "2", "2a", "2b", "2c", "2d", "2e", "2f", "3", "4", "5a", "5b", "5c",
                "5d", "6", "7", "8");
    }

    @Test
    void everyPartHasTheReferencesItemsPerLevelInFrenchAsWritten() {
        assumeReference();
        for (ShippedGrid.Domain domain : shipped.domains()) {
            for (ShippedGrid.Part part : domain.parts()) {
                for (QualityLevel level : LEVELS) {
                    assertThat(part.items(level)).extracting(GridText::fr).as(part.code() + " " + level)
                            .containsExactlyElementsOf(reference.get(part.code()).get(level));
                }
                assertThat(part.items(QualityLevel.ESSENTIAL_INTERVENTION)).isEmpty();
            }
        }
    }

    @Test
    void theCountsOfItemsPerLevelAreTheReferences() {
        assumeReference();
        Map<QualityLevel, Long> counted = new EnumMap<>(QualityLevel.class);
        reference.values().forEach(byLevel -> byLevel.forEach((level, items) -> counted.merge(level,
                (long) items.size(), Long::sum)));
        for (QualityLevel level : LEVELS) {
            assertThat(shipped.count(level)).as(level.name()).isEqualTo(counted.get(level));
        }
        // As read on 2026-11-26: 44 items to reach improvement needed, 46 the minimum threshold, 45 good practice.
        assertThat(counted).containsExactlyInAnyOrderEntriesOf(Map.of(QualityLevel.IMPROVEMENT_NEEDED, 44L,
                QualityLevel.MINIMUM_THRESHOLD, 46L, QualityLevel.GOOD_PRACTICE, 45L));
    }

    @Test
    void theCleanedFrenchHasNoMarkerLeftAndEveryItemIsTranslated() {
        for (ShippedGrid.Domain domain : shipped.domains()) {
            for (ShippedGrid.Part part : domain.parts()) {
                for (QualityLevel level : LEVELS) {
                    for (GridText text : part.items(level)) {
                        assertThat(text.fr()).doesNotContain("[", "footnote", "bookmark", "  ")
                                .doesNotContainPattern("\\p{L}\\d");
                        assertThat(text.en()).isNotBlank().isNotEqualTo(text.fr());
                        assertThat(text.ar()).isNotBlank().containsPattern("\\p{InArabic}");
                    }
                }
            }
        }
    }
}
