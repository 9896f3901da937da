package org.abri.backup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which backups to keep: the newest of each of the last {@code daily} days that have one, of the
 * last {@code weekly} ISO weeks and of the last {@code monthly} months (in the deployment's time
 * zone), and every backup made less than a day before the newest (a "Back up now" does not push
 * that night's backup out). A backup may count in several; every other one goes.
 */
record Rotation(int daily, int weekly, int monthly, ZoneId zone) {

    record Plan(Set<Instant> daily, Set<Instant> weekly, Set<Instant> monthly, Set<Instant> keep, Set<Instant> delete) {
    }

    Plan plan(List<Instant> backups) {
        List<Instant> newestFirst = backups.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        Set<Instant> days = newestPer(newestFirst, daily, time -> time.toLocalDate().toString());
        Set<Instant> weeks = newestPer(newestFirst, weekly,
                time -> time.get(IsoFields.WEEK_BASED_YEAR) + "-W" + time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        Set<Instant> months = newestPer(newestFirst, monthly, time -> time.getYear() + "-" + time.getMonthValue());
        Set<Instant> keep = new LinkedHashSet<>();
        if (!newestFirst.isEmpty()) {
            Instant dayBefore = newestFirst.get(0).minus(java.time.Duration.ofDays(1));
            newestFirst.stream().filter(backup -> backup.isAfter(dayBefore)).forEach(keep::add);
        }
        keep.addAll(days);
        keep.addAll(weeks);
        keep.addAll(months);
        Set<Instant> delete = new LinkedHashSet<>(newestFirst);
        delete.removeAll(keep);
        return new Plan(days, weeks, months, keep, delete);
    }

    private Set<Instant> newestPer(List<Instant> newestFirst, int count, Function<ZonedDateTime, String> period) {
        Map<String, Instant> newest = new LinkedHashMap<>();
        for (Instant backup : newestFirst) {
            if (newest.size() == count) {
                break;
            }
            newest.putIfAbsent(period.apply(backup.atZone(zone)), backup);
        }
        return new LinkedHashSet<>(newest.values());
    }
}
