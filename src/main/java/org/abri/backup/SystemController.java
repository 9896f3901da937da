package org.abri.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.DatabaseStatus;
import org.abri.platform.NotFoundException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The System page of the system administrator: which database, its durability, and for the
 * embedded one the backups (the last, the kept ones to download, the archived WAL, the folder and
 * its free space) with a "Back up now" that runs in the background.
 */
@Controller
@RequestMapping("/admin/system")
class SystemController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Backups backups;
    private final DatabaseStatus status;
    private final AuditLog audit;
    private final Clock clock;
    private final BackupProperties properties;

    SystemController(Backups backups, DatabaseStatus status, AuditLog audit, Clock clock, BackupProperties properties) {
        this.properties = properties;
        this.backups = backups;
        this.status = status;
        this.audit = audit;
        this.clock = clock;
    }

    @ModelAttribute
    void requireSystemAdministrator(@AuthenticationPrincipal CurrentUser me) {
        me.require(Role.SYSTEM_ADMIN);
    }

    /** A kept backup as the page shows it. */
    record Row(String name, String created, String size, boolean verified, String reason) {
    }

    @GetMapping
    String page(Model model) throws IOException {
        model.addAttribute("embedded", backups.embedded());
        model.addAttribute("warnings", status.durabilityWarnings());
        model.addAttribute("asciiOnlyCharacterType", status.asciiOnlyCharacterType().orElse(null));
        if (backups.embedded()) {
            List<Row> rows = backups.kept().stream().map(kept -> new Row(kept.name(), when(kept.created()),
                    size(kept.size()), kept.verified(), kept.reason())).toList();
            model.addAttribute("backups", rows);
            model.addAttribute("folder", backups.folder().toString());
            long free = backups.freeSpace();
            model.addAttribute("free", free < 0 ? "?" : size(free));
            model.addAttribute("keyId", backups.keyId());
            model.addAttribute("keepDaily", properties.keepDaily());
            model.addAttribute("keepWeekly", properties.keepWeekly());
            model.addAttribute("keepMonthly", properties.keepMonthly());
            model.addAttribute("nightly", properties.nightlyTime().toString());
            model.addAttribute("stale", backups.stale());
            model.addAttribute("lastGood", backups.lastGood().map(kept -> new Row(kept.name(), when(kept.created()),
                    size(kept.size()), kept.verified(), kept.reason())).orElse(null));
            WalArchive.Summary wal = backups.wal().summary();
            model.addAttribute("walCount", wal.count());
            model.addAttribute("walSize", size(wal.bytes()));
            model.addAttribute("walNewest", wal.newest().map(this::when).orElse(null));
            model.addAttribute("walWaiting", wal.waiting());
            progress(model);
        }
        return "admin/system";
    }

    /** The progress or the result of the last backup: the fragment the page polls while one runs. */
    @GetMapping("/progress")
    String progressFragment(Model model) {
        progress(model);
        return "admin/system :: progress";
    }

    private void progress(Model model) {
        Optional<Backups.Run> run = backups.current();
        model.addAttribute("running", run.isPresent());
        run.ifPresent(current -> {
            long total = current.progress().total;
            long done = current.progress().done.get();
            model.addAttribute("runPhase", current.progress().phase);
            model.addAttribute("runStarted", when(current.started()));
            model.addAttribute("runPercent", total <= 0 ? 0 : Math.min(100, done * 100 / total));
        });
        backups.lastOutcome().ifPresent(outcome -> {
            model.addAttribute("outcome", outcome);
            model.addAttribute("outcomeWhen", when(outcome.finished()));
            model.addAttribute("outcomeSize", size(outcome.size()));
            model.addAttribute("outcomeSeconds", Math.max(1, outcome.duration().toSeconds()));
        });
    }

    @PostMapping("/backup")
    String backUpNow(RedirectAttributes redirect) {
        if (!backups.embedded()) {
            throw new NotFoundException("backup.none");
        }
        boolean started = backups.startInBackground("manual");
        redirect.addFlashAttribute("notice", started ? "system.backup.started" : "system.backup.alreadyRunning");
        return "redirect:/admin/system";
    }

    /** One kept backup, as an attachment; every download is in the audit trail. */
    @GetMapping("/backups/{name}")
    ResponseEntity<Resource> download(@PathVariable String name) {
        Path file = backups.file(name).orElseThrow(() -> new NotFoundException("backup.none"));
        audit.record(AuditAction.EXPORT, "backup", null, null, Map.of("file", name));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(new FileSystemResource(file));
    }

    private String when(Instant instant) {
        return WHEN.format(instant.atZone(clock.getZone()));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
}
