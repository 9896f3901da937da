package org.abri.quality;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * The level a domain reaches: the highest level whose items, and all items of the levels below
 * it, are met. All met: good practice; nothing met: essential intervention. A level with no item
 * is passed through. The same rule over the items of all parts of a domain gives the lowest of
 * its parts' levels.
 */
public final class QualityLevels {

    /** One item of a domain as assessed: its level, and whether it is met. */
    public record Answer(QualityLevel level, boolean met) {
    }

    private QualityLevels() {
    }

    public static QualityLevel reached(Collection<Answer> answers) {
        Map<QualityLevel, Boolean> allMet = new EnumMap<>(QualityLevel.class);
        for (Answer answer : answers) {
            if (answer.level() == QualityLevel.lowest()) {
                continue;
            }
            allMet.merge(answer.level(), answer.met(), Boolean::logicalAnd);
        }
        QualityLevel reached = QualityLevel.lowest();
        for (QualityLevel level : QualityLevel.values()) {
            if (level == QualityLevel.lowest()) {
                continue;
            }
            if (!allMet.getOrDefault(level, true)) {
                break;
            }
            reached = level;
        }
        return reached;
    }

    /** The level after this one, or null from good practice. */
    public static QualityLevel next(QualityLevel level) {
        QualityLevel[] all = QualityLevel.values();
        return level.ordinal() + 1 < all.length ? all[level.ordinal() + 1] : null;
    }
}
