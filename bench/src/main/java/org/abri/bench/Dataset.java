package org.abri.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the generator wrote, for the benchmark to query: written by the generator to
 * {@code bench/results/dataset.json}, read by the benchmark. Personas carry an API token the
 * generator issued for them (stored hashed as the application does), so the benchmark never
 * signs in through the pages to get one.
 */
public record Dataset(long seed, int cases, int agencies, int users, String generatedAt, long loadMillis,
        Persona caseworker, Persona supervisor, Persona manager, Persona clerk,
        List<NameProbe> names, List<String> caseNumbers, List<PlaceConcern> placesAndConcerns) {

    /** A user to act as: who, in which agency, and their API token. */
    public record Persona(UUID userId, String username, String password, UUID agencyId, String token) {
    }

    /** A child's name as registered and as a caseworker might type it (a spelling variant or a typo). */
    public record NameProbe(String registered, String typed) {
    }

    /** A place of level 2 or 3 and a protection concern for which the manager's agency has cases. */
    public record PlaceConcern(UUID locationId, String concern) {
    }

    public static final Path DEFAULT = Path.of("bench", "results", "dataset.json");

    public static Dataset read(Path file) throws java.io.IOException {
        return JsonMapper.builder().build().readValue(Files.readString(file), Dataset.class);
    }

    public void write(Path file) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(this));
    }
}
