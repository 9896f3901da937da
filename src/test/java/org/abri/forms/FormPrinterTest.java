package org.abri.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.abri.lookups.Lookups;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.PdfText;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Forms printed as PDF and read back with PDFBox: blank ones show every label and every choice
 * with a tick box, in each language, Arabic shaped in the embedded font; filled ones show the
 * values in words, their case and a confidentiality notice on every page.
 */
class FormPrinterTest extends IntegrationTest {

    private static final Locale FRENCH = Locale.FRENCH;
    private static final Locale ENGLISH = Locale.ENGLISH;
    private static final Locale ARABIC = Locale.forLanguageTag("ar");
    private static final FormPrinter.CaseHeader CASE = new FormPrinter.CaseHeader("ESP-2026-00042", "Zénabou Adoum",
            Map.of("case_number", "ESP-2026-00042", "caseworker", "Test caseworker"));

    @Autowired
    FormPrinter printer;
    @Autowired
    FormCatalogue catalogue;
    @Autowired
    FormView view;
    @Autowired
    Lookups lookups;
    @Autowired
    Fixtures fixtures;

    @Test
    void blankFollowUpVisitInFrenchShowsItsTitleLabelsAndEveryChoiceWithATickBox() {
        FormDefinition form = catalogue.version("follow_up_visit", 1);
        PdfText pdf = PdfText.of(printer.blank(form, FRENCH));

        assertThat(List.of("Visite de suivi", "Contact", "Date et heure du contact", "Type de contact",
                "Visite à domicile", "Dans la communauté (école, centre…)", "Personnes rencontrées", "Enseignant",
                "L'enfant a-t-il été vu seul ?", "Voir l'enfant seul permet de l'entendre sans pression.",
                "Progrès par objectif", "Objectif", "Avancement", "Commentaire", "Niveau de risque après ce contact",
                "Élevé", "Moyen", "Faible", "Date du prochain contact", "Notes du suivi", "Une seule réponse",
                "Plusieurs réponses possibles", "AAAA-MM-JJ hh:mm",
                "Seulement si « De nouvelles préoccupations sont-elles apparues ? » : Oui",
                "Formulaire vierge : à saisir dans Abri dès le retour", "Page 1 sur " + pdf.pages()))
                .allSatisfy(text -> assertThat(pdf.shows(text)).as("shows %s in%n%s", text, pdf.text()).isTrue());
        // The repeating group has four empty rows, each listing the choices of its select column.
        assertThat(pdf.count("☐ Pas commencé")).isEqualTo(FormPrinter.BLANK_GROUP_ROWS);
        // 4 types of contact + 5 people + yes/no ×2 + 4 rows × 4 progress states + 3 risk levels, and the legend's one.
        assertThat(pdf.count("☐")).isEqualTo(4 + 5 + 2 + 2 + 4 * 4 + 3 + 1);
        assertThat(pdf.shows("CONFIDENTIEL")).isFalse();
    }

    @Test
    void blankFollowUpVisitInArabicIsShapedRightToLeftAndDrawnWithTheEmbeddedFont() {
        FormDefinition form = catalogue.version("follow_up_visit", 1);
        assertThat(printer.html(form, null, null, ARABIC)).contains("dir=\"rtl\"", "lang=\"ar\"");
        PdfText pdf = PdfText.of(printer.blank(form, ARABIC));

        assertThat(pdf.hasArabicLetters()).isTrue();
        assertThat(List.of("زيارة متابعة", "الاتصال", "نوع الاتصال", "زيارة منزلية", "في المجتمع (مدرسة، مركز…)",
                "الأشخاص الذين تمت مقابلتهم", "هل تمت رؤية الطفل بمفرده؟", "نعم", "لا", "التقدم حسب الهدف", "الهدف",
                "مدى التقدم", "لم يبدأ", "مستوى الخطر بعد هذا الاتصال", "مرتفع", "منخفض", "ملاحظات المتابعة",
                "إجابة واحدة", "استمارة فارغة", "صفحة"))
                .allSatisfy(text -> assertThat(pdf.shows(text)).as("shows %s in%n%s", text, pdf.text()).isTrue());
        assertThat(pdf.shows("Visite de suivi")).isFalse();
        // Every font of the document is the shipped DejaVu Sans, embedded and subset (six-letter
        // prefix), and it is the one the Arabic letters are drawn with: no system font, no fallback.
        assertThat(pdf.fonts()).isNotEmpty().allSatisfy(font -> {
            assertThat(font.name()).matches("[A-Z]{6}\\+DejaVuSans(-Bold)?");
            assertThat(font.embedded()).isTrue();
        });
        assertThat(pdf.arabicFonts()).isNotEmpty().allMatch(name -> name.matches("[A-Z]{6}\\+DejaVuSans(-Bold)?"));
    }

    @Test
    void everyFormInUsePrintsBlankInEachLanguageWithItsTitleSectionsLabelsAndChoices() {
        List<FormDefinition> forms = catalogue.current();
        assertThat(forms).extracting(FormDefinition::id).contains("follow_up_visit");
        for (FormDefinition form : forms) {
            for (Locale locale : List.of(FRENCH, ENGLISH, ARABIC)) {
                PdfText pdf = PdfText.of(printer.blank(form, locale));
                assertThat(textsOf(form, locale)).as("%s in %s", form.id(), locale)
                        .allSatisfy(text -> assertThat(pdf.shows(text)).as("shows %s", text).isTrue());
                assertThat(pdf.hasArabicLetters()).as("%s in %s", form.id(), locale).isEqualTo(locale == ARABIC);
            }
        }
    }

    @Test
    void blankFormOfEveryFieldTypeHasConsentLinesEmptyGroupRowsAndTheChoicesOfItsLists() {
        FormDefinition form = ExampleForms.everyType();
        PdfText pdf = PdfText.of(printer.blank(form, FRENCH));

        assertThat(List.of("Tous les types", "Nom *", "Frères", "birth_date", "AAAA-MM-JJ", "Âge", "N°",
                "Seulement si « Séparé » : Oui", "Décision", "☐ Donné", "☐ Refusé", "Méthode", "☐ Écrit", "☐ Oral",
                "☐ Empreinte digitale", "Donné par", "☐ L'enfant", "☐ La personne qui prend soin", "☐ Les deux",
                "Signature ou empreinte digitale", "☐ food", "☐ shelter", "☐ safe", "☐ in_school", "Membre *", "Lien"))
                .allSatisfy(text -> assertThat(pdf.shows(text)).as("shows %s in%n%s", text, pdf.text()).isTrue());
        assertThat(view.choices(form.field("concern").orElseThrow(), FRENCH)).isNotEmpty()
                .allSatisfy(choice -> assertThat(pdf.shows("☐ " + choice.label())).as(choice.label()).isTrue());
        assertThat(pdf.count("☐ mother")).isEqualTo(FormPrinter.BLANK_GROUP_ROWS);
        assertThat(pdf.shows("retired")).as("hidden fields are not printed").isFalse();
    }

    @Test
    void filledFormShowsTheValuesInWordsItsCaseAndAConfidentialityNoticeOnEveryPage() {
        FormDefinition form = ExampleForms.everyType();
        String locationId = fixtures.location().id().toString();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "Zénabou Adoum");
        values.put("story", "Arrivée seule au site.\nAccueillie par une tante.");
        values.put("siblings", 3);
        values.put("birth_date", "2014-05-02");
        values.put("met_at", "2026-11-20T09:30");
        values.put("separated", "yes");
        values.put("separation_date", "2026-10-01");
        values.put("concern", "neglect");
        values.put("needs", List.of("food", "shelter"));
        values.put("checks", List.of("in_school"));
        values.put("location", locationId);
        values.put("family", List.of(Map.of("member_name", "Adoum Mahamat", "relation", "sibling"),
                Map.of("member_name", "آمنة آدم", "relation", "mother")));
        values.put("consent", Map.of("decision", "given", "method", "verbal", "givenBy", "both", "date", "2026-11-01"));
        values.put("retired", "Réponse d'une version précédente");
        values.put("gone_field", "Valeur d'un champ supprimé");

        PdfText pdf = PdfText.of(printer.filled(form, values, CASE, FRENCH));

        int age = Period.between(LocalDate.parse("2014-05-02"), LocalDate.now()).getYears();
        assertThat(List.of("Tous les types", "N° de dossier", "ESP-2026-00042", "Enfant", "Zénabou Adoum",
                "Arrivée seule au site.", "Accueillie par une tante.", "Frères", "3", "2014-05-02", age + " ans",
                "2026-11-20 09:30", "Séparé", "Oui", "2026-10-01", lookups.label("protection_concern", "neglect", FRENCH),
                "food, shelter", "in_school", "Région test > District test > Commune test", "Membre", "Lien",
                "Adoum Mahamat", "sibling", "آمنة آدم", "mother",
                "Décision : Donné · Méthode : Oral · Donné par : Les deux · Date : 2026-11-01",
                "Champs qui ne sont plus dans le formulaire", "retired", "Réponse d'une version précédente", "gone_field",
                "Valeur d'un champ supprimé", "Version 3 du formulaire", "Ne pas copier ni laisser sans surveillance"))
                .allSatisfy(text -> assertThat(pdf.shows(text)).as("shows %s in%n%s", text, pdf.text()).isTrue());
        assertThat(pdf.count("CONFIDENTIEL : données personnelles d'un enfant")).isEqualTo(pdf.pages());
        assertThat(pdf.shows("Formulaire vierge")).isFalse();
        assertThat(pdf.shows("☐")).as("a filled form shows answers, not tick boxes").isFalse();
    }

    @Test
    void filledFormInArabicShowsArabicLabelsAndTheTypedValuesInTheirOwnScript() {
        FormDefinition form = catalogue.version("follow_up_visit", 1);
        Map<String, Object> values = Map.of("visit_date", "2026-11-20T09:30", "contact_type", "home_visit",
                "people_met", List.of("child", "teacher"), "goal_progress",
                List.of(Map.of("goal", "العودة إلى المدرسة", "progress_status", "achieved")), "new_concerns", "no",
                "risk_level", "medium", "notes", "Mariam a parlé seule.");

        PdfText pdf = PdfText.of(printer.filled(form, values, CASE, ARABIC));

        assertThat(List.of("زيارة متابعة", "رقم الملف", "ESP-2026-00042", "الطفل", "Zénabou Adoum", "زيارة منزلية",
                "المعلم", "العودة إلى المدرسة", "تحقق", "متوسط", "Mariam a parlé seule.", "سري: بيانات شخصية لطفل"))
                .allSatisfy(text -> assertThat(pdf.shows(text)).as("shows %s in%n%s", text, pdf.text()).isTrue());
        assertThat(pdf.arabicFonts()).isNotEmpty().allMatch(name -> name.contains("DejaVuSans"));
    }

    @Test
    void typedTextIsPrintedAsWrittenWhateverMarkupOrControlCharactersItHolds() {
        FormDefinition form = catalogue.version("follow_up_visit", 1);
        String typed = "<b>pas du gras</b> & \"entre guillemets\" </body> l'enfant";
        PdfText pdf = PdfText.of(printer.filled(form, Map.of("notes", typed + "\u0007\u000B"), CASE, FRENCH));

        assertThat(pdf.shows(typed)).as(pdf.text()).isTrue();
        assertThat(pdf.shows("Notes du suivi")).isTrue();
    }

    @Test
    void onlyTheGlyphsUsedAreEmbeddedSoPrintedFormsStayLight() {
        FormDefinition form = catalogue.version("follow_up_visit", 1);
        byte[] blank = printer.blank(form, ARABIC);
        byte[] filled = printer.filled(form, Map.of("notes", "Une note."), CASE, FRENCH);

        // The two fonts shipped weigh 1.4 MB; a page of a form, a few tens of kilobytes.
        assertThat(blank.length).isBetween(5_000, 80_000);
        assertThat(filled.length).isBetween(5_000, 80_000);
        assertThat(new String(blank, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    /** What a blank form must show: title, sections, labels, help, and every choice of every list. */
    private List<String> textsOf(FormDefinition form, Locale locale) {
        List<String> texts = new ArrayList<>();
        texts.add(form.title().in(locale));
        for (FormSection section : form.sections()) {
            if (section.hidden()) {
                continue;
            }
            texts.add(section.title().in(locale));
            for (FieldDefinition field : section.fields()) {
                if (field.hidden()) {
                    continue;
                }
                texts.add(field.label().in(locale));
                if (!field.help().isEmpty()) {
                    texts.add(field.help().in(locale));
                }
                List<FieldDefinition> withChoices = field.type() == FieldType.GROUP
                        ? field.fields().stream().filter(f -> !f.hidden()).toList() : List.of(field);
                for (FieldDefinition choiceField : withChoices) {
                    if (choiceField != field) {
                        texts.add(choiceField.label().in(locale));
                    }
                    if (choiceField.type() == FieldType.SELECT || choiceField.type().multiple()) {
                        view.choices(choiceField, locale).forEach(choice -> texts.add(choice.label()));
                    }
                }
            }
        }
        return texts;
    }
}
