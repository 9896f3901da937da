package org.abri.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.abri.demo.DemoNames.Culture;
import org.abri.demo.DemoNames.PersonName;
import org.junit.jupiter.api.Test;

/** The invented names, without a database: their spellings, their cultures, their exclusions. */
class DemoNamesTest {

    private static List<PersonName> draw(long seed, Culture culture, int count) {
        DemoNames names = new DemoNames(new Random(seed));
        List<PersonName> drawn = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drawn.add(names.child(culture, i % 2 == 0));
        }
        return drawn;
    }

    private static boolean arabicScript(String text) {
        return text != null && text.codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC);
    }

    @Test
    void theSameSeedGivesTheSameNames() {
        assertThat(draw(7, Culture.ARABIC, 50)).isEqualTo(draw(7, Culture.ARABIC, 50));
        assertThat(draw(7, Culture.LOCAL, 50)).isNotEqualTo(draw(8, Culture.LOCAL, 50));
    }

    @Test
    void muslimNamesOftenCarryOtherLatinSpellingsAndTheirArabicScript() {
        for (Culture culture : List.of(Culture.ARABIC, Culture.FULANI)) {
            List<PersonName> names = draw(1, culture, 400);
            assertThat(names).filteredOn(n -> arabicScript(n.otherNames())).as(culture.name()).hasSizeGreaterThan(100);
            assertThat(names).filteredOn(n -> n.otherNames() != null && n.otherNames().matches("^[A-Za-zÀ-ÿ' -]+[;].*"))
                    .as(culture.name()).isNotEmpty();
            assertThat(names).allSatisfy(n -> assertThat(n.given()).isNotEqualTo(n.family()));
        }
        assertThat(draw(1, Culture.ARABIC, 400)).extracting(PersonName::otherNames)
                .anyMatch(o -> o != null && o.contains("Mohamed"));
    }

    @Test
    void localNamesHaveNoArabicScriptButFrenchAccentsAndUnaccentedVariants() {
        List<PersonName> names = draw(2, Culture.LOCAL, 400);
        assertThat(names).noneMatch(n -> arabicScript(n.otherNames()));
        assertThat(names).anyMatch(n -> n.given().contains(" "));
        assertThat(names).anyMatch(n -> n.family().matches(".*[éèëï].*"));
        assertThat(names).filteredOn(n -> n.otherNames() != null).hasSizeBetween(60, 180);
    }

    @Test
    void namesOfWellKnownPublicFiguresAreNeverDrawn() {
        assertThat(DemoNames.isPublicFigure("Mahamat", "Idriss")).isTrue();
        assertThat(DemoNames.isPublicFigure("Hassan", "Bouba")).isTrue();
        assertThat(DemoNames.isPublicFigure("Zara", "Abakar")).isFalse();
        DemoNames names = new DemoNames(new Random(3));
        for (int i = 0; i < 5000; i++) {
            for (Culture culture : Culture.values()) {
                PersonName child = names.child(culture, i % 2 == 0);
                assertThat(DemoNames.isPublicFigure(child.given(), child.family())).as(child.full()).isFalse();
                PersonName father = names.father(culture, child);
                assertThat(DemoNames.isPublicFigure(father.given(), father.family())).as(father.full()).isFalse();
            }
        }
    }

    @Test
    void inFulaniAndArabicFamiliesTheFatherIsNamedAfterTheChildsFamilyName() {
        DemoNames names = new DemoNames(new Random(4));
        PersonName child = names.child(Culture.ARABIC, true);
        assertThat(names.father(Culture.ARABIC, child).given()).isEqualTo(child.family());
        PersonName local = names.child(Culture.LOCAL, false);
        assertThat(names.father(Culture.LOCAL, local).family()).isEqualTo(local.family());
    }
}
