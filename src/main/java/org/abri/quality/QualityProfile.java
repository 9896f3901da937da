package org.abri.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The profile an assessment gives: for each of the eight domains, the level reached over all
 * items of its parts, the level of each part (domains 2 and 5), and the unmet items of the next
 * level — what stands between the domain and that level, the items an improvement plan is for.
 */
public record QualityProfile(List<DomainResult> domains) {

    public record PartResult(String code, String letter, GridText title, QualityLevel level) {
    }

    public record DomainResult(int number, GridText title, QualityLevel level, List<PartResult> parts, int met,
            int total, List<QualityGrid.Item> gaps) {

        /** The level after this domain's, or null at good practice. */
        public QualityLevel next() {
            return QualityLevels.next(level);
        }
    }

    public static QualityProfile of(List<QualityGrid.DomainRow> rows, Map<String, List<QualityGrid.Item>> items,
            Predicate<UUID> met) {
        List<DomainResult> domains = new ArrayList<>();
        for (QualityGrid.DomainRow row : rows) {
            if (row.letter() != null) {
                continue;
            }
            List<QualityGrid.DomainRow> partRows = rows.stream()
                    .filter(r -> r.number() == row.number() && (r.letter() != null || items.containsKey(r.code())))
                    .toList();
            List<QualityLevels.Answer> all = new ArrayList<>();
            List<QualityGrid.Item> domainItems = new ArrayList<>();
            List<PartResult> parts = new ArrayList<>();
            for (QualityGrid.DomainRow part : partRows) {
                List<QualityGrid.Item> partItems = items.getOrDefault(part.code(), List.of());
                List<QualityLevels.Answer> answers = partItems.stream()
                        .map(i -> new QualityLevels.Answer(i.level(), met.test(i.id()))).toList();
                all.addAll(answers);
                domainItems.addAll(partItems);
                if (part.letter() != null) {
                    parts.add(new PartResult(part.code(), part.letter(), part.title(), QualityLevels.reached(answers)));
                }
            }
            QualityLevel level = QualityLevels.reached(all);
            QualityLevel next = QualityLevels.next(level);
            List<QualityGrid.Item> gaps = domainItems.stream()
                    .filter(i -> i.level() == next && !met.test(i.id())).toList();
            int metCount = (int) domainItems.stream().filter(i -> met.test(i.id())).count();
            domains.add(new DomainResult(row.number(), row.title(), level, parts, metCount, domainItems.size(), gaps));
        }
        return new QualityProfile(domains);
    }

    /** Every unmet item of a domain's next level, in the grid's order. */
    public List<QualityGrid.Item> gaps() {
        return domains.stream().flatMap(d -> d.gaps().stream()).toList();
    }

    public DomainResult domain(int number) {
        return domains.stream().filter(d -> d.number() == number).findFirst().orElseThrow();
    }
}
