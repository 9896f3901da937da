package org.abri.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * What a PDF says, read back with PDFBox: its text, its pages, the fonts it holds and the
 * fonts its Arabic letters are drawn with. Arabic is drawn shaped (presentation forms), so
 * comparisons go through {@link #comparable}: NFKC folds presentation forms back to letters;
 * the tatweel that shaping puts before a vowel mark, and whitespace, which line breaks and
 * table cells move about, are dropped.
 */
public record PdfText(String text, int pages, List<Font> fonts, Set<String> arabicFonts) {

    /** A font of the document: its name (a subset has a six-letter prefix) and whether it is embedded. */
    public record Font(String name, boolean embedded) {
    }

    public static PdfText of(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<Font> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    Font found = new Font(font.getName(), font.isEmbedded());
                    if (!fonts.contains(found)) {
                        fonts.add(found);
                    }
                }
            }
            Set<String> arabicFonts = new TreeSet<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition position) {
                    if (arabic(position.getUnicode())) {
                        arabicFonts.add(position.getFont().getName());
                    }
                    super.processTextPosition(position);
                }
            };
            return new PdfText(stripper.getText(document), document.getNumberOfPages(), fonts, arabicFonts);
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable PDF", e);
        }
    }

    /** The text folded for comparison: NFKC, without tatweel or whitespace. */
    public static String comparable(String text) {
        // Arabic short vowels and tanween (harakat) are optional marks that PDF text extraction may
        // place apart from their letter; they are compared without them, like the tatweel.
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replace("\u0640", "")
                .replaceAll("[\\u064B-\\u065F\\u0670]", "").replaceAll("\\s+", "");
    }

    /**
     * Whether the PDF shows this text, whatever its line breaks. An Arabic text mixed with digits
     * or Latin may come out with its runs in another order: each of its words must then be there.
     */
    public boolean shows(String expected) {
        String all = comparable(text);
        if (all.contains(comparable(expected))) {
            return true;
        }
        if (!arabic(expected)) {
            return false;
        }
        for (String word : expected.split("\\s+")) {
            if (!all.contains(comparable(word))) {
                return false;
            }
        }
        return true;
    }

    /** How many times the PDF shows this text. */
    public int count(String expected) {
        String all = comparable(text);
        String wanted = comparable(expected);
        int count = 0;
        for (int at = all.indexOf(wanted); at >= 0; at = all.indexOf(wanted, at + wanted.length())) {
            count++;
        }
        return count;
    }

    public boolean hasArabicLetters() {
        return arabic(text);
    }

    private static boolean arabic(String text) {
        return text != null && Normalizer.normalize(text, Normalizer.Form.NFKC).codePoints().anyMatch(
                c -> Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC);
    }
}
