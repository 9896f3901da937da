package org.abri.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The backup settings, none of which is needed: the folder of the backups ({@code ABRI_BACKUP_DIR},
 * default {@code abri-backups} beside the data folder: point it at a second disk or a USB drive),
 * the key ({@code ABRI_BACKUP_KEY}, default the one generated at the first start), the time of the
 * nightly backup in the deployment's time zone ({@code ABRI_BACKUP_TIME}, 02:00) and how many
 * daily, weekly and monthly backups are kept (7, 4, 12).
 */
@ConfigurationProperties("abri.backup")
record BackupProperties(Path dir, String key, String time, Integer keepDaily, Integer keepWeekly,
        Integer keepMonthly, Duration catchUpDelay) {

    BackupProperties {
        if (time == null || time.isBlank()) {
            time = "02:00";
        }
        try {
            LocalTime.parse(time.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("ABRI_BACKUP_TIME is not a time of day like 02:00: " + time);
        }
        keepDaily = keepDaily == null || keepDaily < 1 ? 7 : keepDaily;
        keepWeekly = keepWeekly == null || keepWeekly < 0 ? 4 : keepWeekly;
        keepMonthly = keepMonthly == null || keepMonthly < 0 ? 12 : keepMonthly;
        if (catchUpDelay == null || catchUpDelay.isNegative()) {
            catchUpDelay = Duration.ofMinutes(10);
        }
    }

    LocalTime nightlyTime() {
        return LocalTime.parse(time.strip());
    }

    /** The folder of the backups: the one set, or {@code abri-backups} beside the data folder. */
    Path folder(Path dataDir) {
        if (dir != null && !dir.toString().isBlank()) {
            return dir.toAbsolutePath().normalize();
        }
        Path data = dataDir.toAbsolutePath().normalize();
        Path parent = data.getParent() == null ? data : data.getParent();
        return parent.resolve("abri-backups");
    }
}
