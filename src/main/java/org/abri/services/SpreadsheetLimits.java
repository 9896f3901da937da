package org.abri.services;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks an uploaded XLSX before the spreadsheet reader parses it, in one streaming pass that is
 * itself bounded. An XLSX is a zip: a few kilobytes can inflate to gigabytes of sheet, and a
 * single cell addressed at a far column (say {@code XFD1}, or a reference longer than any real
 * one) makes the reader pad the row with thousands of empty cells, row after row. So: at most
 * {@link #MAX_INFLATED_BYTES} once inflated (counted as inflated, not as the zip claims), and no
 * cell right of the last column the import may read. DTDs and external entities are refused.
 */
final class SpreadsheetLimits {

    static final long MAX_INFLATED_BYTES = 50_000_000;

    private SpreadsheetLimits() {
    }

    /** Empty when the file may be parsed; otherwise the message code of the refusal. */
    static Optional<String> check(byte[] file, int maxColumns) {
        if (file == null || file.length == 0) {
            return Optional.of("services.import.empty");
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Read through the central directory (ZipInputStream refuses the data descriptors spreadsheet
        // writers use); what counts is the bytes actually inflated, never the sizes the zip declares.
        java.nio.file.Path copy = null;
        try {
            copy = java.nio.file.Files.createTempFile("abri-import", ".xlsx");
            java.nio.file.Files.write(copy, file);
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                long inflated = 0;
                boolean any = false;
                for (java.util.Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                    ZipEntry entry = entries.nextElement();
                    any = true;
                    try (Counter counter = new Counter(zip.getInputStream(entry), MAX_INFLATED_BYTES - inflated)) {
                        if (entry.getName().startsWith("xl/worksheets/") && entry.getName().endsWith(".xml")
                                && !columnsWithin(factory, counter, maxColumns)) {
                            return Optional.of("services.import.too_many_columns");
                        }
                        counter.transferTo(OutputStream.nullOutputStream());
                        inflated += counter.count;
                    }
                }
                return any ? Optional.empty() : Optional.of("services.import.unreadable");
            }
        } catch (TooLarge e) {
            return Optional.of("services.import.too_large");
        } catch (IOException | XMLStreamException | RuntimeException e) {
            return Optional.of("services.import.unreadable");
        } finally {
            if (copy != null) {
                try {
                    java.nio.file.Files.deleteIfExists(copy);
                } catch (IOException e) {
                    // a temporary file left behind is removed with the others
                }
            }
        }
    }

    private static boolean columnsWithin(XMLInputFactory factory, InputStream sheet, int maxColumns)
            throws XMLStreamException {
        XMLStreamReader xml = factory.createXMLStreamReader(new FilterInputStream(sheet) {
            @Override
            public void close() {
                // the zip stays open for the next entry
            }
        });
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "c".equals(xml.getLocalName())) {
                    String reference = xml.getAttributeValue(null, "r");
                    if (reference != null && column(reference) > maxColumns) {
                        return false;
                    }
                }
            }
            return true;
        } finally {
            xml.close();
        }
    }

    /** The 1-based column of a cell reference such as {@code B12}; more than any sheet has when malformed. */
    static int column(String reference) {
        int column = 0;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (i >= 3) {
                    return Integer.MAX_VALUE;
                }
                column = column * 26 + (c - 'A' + 1);
            } else {
                break;
            }
        }
        return column;
    }

    /** Counts the inflated bytes read through it, and stops the read past the limit. */
    private static final class Counter extends FilterInputStream {
        private final long limit;
        long count;

        Counter(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw new TooLarge();
            }
        }

    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
