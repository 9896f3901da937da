package org.abri.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every text exists in French, English and Arabic; every message is a valid MessageFormat
 * pattern (quotes written ''); every key a template names exists.
 */
class MessageBundlesTest {

    private static final Path BUNDLES = Path.of("src/main/resources/i18n");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final List<String> LANGUAGES = List.of("", "_en", "_ar");

    @Test
    void everyKeyExistsInAllThreeLanguages() throws IOException {
        List<String> bundles = bundleNames();
        assertThat(bundles).contains("shell", "cases");
        for (String bundle : bundles) {
            Set<String> french = load(bundle, "").stringPropertyNames();
            for (String language : LANGUAGES) {
                Set<String> keys = load(bundle, language).stringPropertyNames();
                assertThat(keys).as("keys of %s%s compared with the French %s", bundle, language, bundle)
                        .containsExactlyInAnyOrderElementsOf(french);
            }
        }
    }

    @Test
    void everyMessageIsAValidPatternWithEscapedQuotesAndNoBlankText() throws IOException {
        Pattern loneQuote = Pattern.compile("(?<!')'(?!')");
        List<String> problems = new ArrayList<>();
        for (String bundle : bundleNames()) {
            for (String language : LANGUAGES) {
                Properties messages = load(bundle, language);
                for (String key : messages.stringPropertyNames()) {
                    String text = messages.getProperty(key);
                    if (text.isBlank()) {
                        problems.add(bundle + language + ": " + key + " is blank");
                    }
                    if (loneQuote.matcher(text).find()) {
                        problems.add(bundle + language + ": " + key + " has a single quote; write ''");
                    }
                    try {
                        new MessageFormat(text);
                    } catch (IllegalArgumentException e) {
                        problems.add(bundle + language + ": " + key + " is not a valid pattern");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyKeyNamedInATemplateExists() throws IOException {
        Set<String> known = new HashSet<>();
        for (String bundle : bundleNames()) {
            known.addAll(load(bundle, "").stringPropertyNames());
        }
        Pattern key = Pattern.compile("#\\{([A-Za-z0-9_.]+)");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path template : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String markup = Files.readString(template).replaceAll("(?s)<!--.*?-->", "");
                Matcher matcher = key.matcher(markup);
                while (matcher.find()) {
                    if (!known.contains(matcher.group(1))) {
                        missing.add(TEMPLATES.relativize(template) + ": " + matcher.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static List<String> bundleNames() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".properties") && !name.contains("_"))
                    .map(name -> name.substring(0, name.length() - ".properties".length()))
                    .sorted().toList();
        }
    }

    private static Properties load(String bundle, String language) throws IOException {
        Path file = BUNDLES.resolve(bundle + language + ".properties");
        assertThat(file).as("bundle file").exists();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
