package org.abri.quality;

/**
 * The four levels of the improvement grid, lowest first. Items belong to the level they let a
 * domain reach; the lowest level, where every domain starts, has none.
 */
public enum QualityLevel {
    ESSENTIAL_INTERVENTION,
    IMPROVEMENT_NEEDED,
    MINIMUM_THRESHOLD,
    GOOD_PRACTICE;

    /** The key of this level's name in the message bundles. */
    public String messageKey() {
        return "quality.level." + name();
    }

    /** 1 for improvement needed ... 3 for good practice (0 for essential intervention). */
    public int number() {
        return ordinal();
    }

    public static QualityLevel lowest() {
        return ESSENTIAL_INTERVENTION;
    }
}
