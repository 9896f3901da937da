package org.abri.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which backups the rotation keeps: 7 daily, 4 weekly, 12 monthly, in the deployment's time zone. */
class RotationTest {

    private static final ZoneId ZONE = ZoneId.of("Africa/Bangui");
    private final Rotation rotation = new Rotation(7, 4, 12, ZONE);

    @Test
    void aYearAndMoreOfNightlyBackupsKeepsExactlySevenDailyFourWeeklyAndTwelveMonthly() {
        LocalDate last = LocalDate.of(2026, 11, 30);
        List<Instant> backups = new ArrayList<>();
        for (int day = 0; day < 500; day++) {
            backups.add(last.minusDays(day).atTime(LocalTime.of(2, 0)).atZone(ZONE).toInstant());
        }

        Rotation.Plan plan = rotation.plan(backups);

        assertThat(plan.daily()).hasSize(7);
        assertThat(plan.weekly()).hasSize(4);
        assertThat(plan.monthly()).hasSize(12);
        assertThat(plan.daily()).containsExactlyInAnyOrderElementsOf(backups.subList(0, 7));
        // The newest of each of the last four ISO weeks; 2026-11-30 is a Monday, starting a week of its own.
        assertThat(plan.weekly()).containsExactlyInAnyOrder(at(last), at(last.minusDays(1)), at(last.minusDays(8)),
                at(last.minusDays(15)));
        // The newest of each of the last twelve months: the last day of each month, and 2026-11-30.
        Set<Instant> monthEnds = new HashSet<>();
        for (int month = 0; month < 12; month++) {
            LocalDate firstOfMonth = last.withDayOfMonth(1).minusMonths(month);
            monthEnds.add(at(firstOfMonth.withDayOfMonth(firstOfMonth.lengthOfMonth())));
        }
        assertThat(plan.monthly()).containsExactlyInAnyOrderElementsOf(monthEnds);

        Set<Instant> union = new HashSet<>(plan.daily());
        union.addAll(plan.weekly());
        union.addAll(plan.monthly());
        assertThat(plan.keep()).containsExactlyInAnyOrderElementsOf(union);
        assertThat(plan.keep().size() + plan.delete().size()).isEqualTo(backups.size());
        assertThat(plan.delete()).doesNotContainAnyElementsOf(plan.keep());
        assertThat(plan.keep()).hasSize(7 + 2 + 11); // the newest week and month are also a daily one
    }

    @Test
    void severalBackupsADayCountOnceEachDayTheNewestKept() {
        LocalDate last = LocalDate.of(2026, 3, 10);
        List<Instant> backups = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            for (int hour : new int[] {2, 11, 17}) {
                backups.add(last.minusDays(day).atTime(hour, 0).atZone(ZONE).toInstant());
            }
        }
        Rotation.Plan plan = rotation.plan(backups);
        assertThat(plan.daily()).hasSize(7)
                .allSatisfy(kept -> assertThat(kept.atZone(ZONE).getHour()).isEqualTo(17));
        assertThat(plan.weekly()).allSatisfy(kept -> assertThat(kept.atZone(ZONE).getHour()).isEqualTo(17));
        assertThat(plan.weekly()).hasSize(3); // 2026-03-01 (a Sunday) to 03-10 touch three ISO weeks
        // Those of the last 24 hours are all kept as well: a backup on demand does not push out that night's.
        assertThat(plan.keep()).contains(last.atTime(2, 0).atZone(ZONE).toInstant(),
                last.atTime(11, 0).atZone(ZONE).toInstant());
        assertThat(plan.delete()).contains(last.minusDays(1).atTime(11, 0).atZone(ZONE).toInstant());
        assertThat(plan.weekly().stream().map(kept -> kept.atZone(ZONE).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
                .distinct()).hasSize(plan.weekly().size());
    }

    @Test
    void fewBackupsAreAllKept() {
        List<Instant> backups = List.of(at(LocalDate.of(2026, 1, 1)), at(LocalDate.of(2026, 1, 2)));
        Rotation.Plan plan = rotation.plan(backups);
        assertThat(plan.keep()).containsExactlyInAnyOrderElementsOf(backups);
        assertThat(plan.delete()).isEmpty();
    }

    private static Instant at(LocalDate day) {
        return day.atTime(LocalTime.of(2, 0)).atZone(ZONE).toInstant();
    }
}
