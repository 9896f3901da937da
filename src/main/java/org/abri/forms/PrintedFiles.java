package org.abri.forms;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How a printed form leaves the server: a PDF download with a harmless file name, never cached. */
public final class PrintedFiles {

    private PrintedFiles() {
    }

    /**
     * A file name made of the given parts (case number, form id, language…) reduced to letters,
     * digits, dot, dash and underscore, so that no header or path can be forged through it.
     * Never pass a child's name: the name of a downloaded file is seen by anyone near the screen.
     */
    public static String name(String... parts) {
        String joined = Arrays.stream(parts).filter(Objects::nonNull)
                .map(part -> part.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", ""))
                .filter(part -> !part.isEmpty()).collect(Collectors.joining("_"));
        return (joined.isEmpty() ? "form" : joined) + ".pdf";
    }

    /** The PDF as an attachment; {@code no-store}, as a filled form holds a child's data. */
    public static ResponseEntity<byte[]> pdf(byte[] pdf, String fileName) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .cacheControl(CacheControl.noStore())
                .contentLength(pdf.length)
                .body(pdf);
    }
}
