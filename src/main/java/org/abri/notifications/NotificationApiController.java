package org.abri.notifications;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.CurrentUser;
import org.abri.platform.ApiPage;
import org.abri.platform.FieldChecks;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notifications: read them, mark one or all read. Nobody sees anyone else's. */
@RestController
@RequestMapping(path = "/api/v1/me/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Notifications", description = "What concerns the caller (a plan returned, an approval requested, a step "
        + "overdue…). Open to every signed-in role; each caller sees only their own.")
class NotificationApiController {

    private final Notifications notifications;

    NotificationApiController(Notifications notifications) {
        this.notifications = notifications;
    }

    @Schema(description = "One notification. `message` is its text in the caller's language; `arguments` fill it and "
            + "never hold a child's personal data (case number, staff member, step only).")
    record NotificationView(UUID id, @Schema(example = "plan_returned") String kind,
            @Schema(example = "Case plan of ESP-2026-00042 returned by Awa Diallo for changes.") String message,
            UUID caseId, @Schema(example = "/cases/3f0c…", description = "A path inside Abri, or null") String link,
            Map<String, Object> arguments, Instant createdAt, Instant readAt, boolean unread) {
    }

    @GetMapping
    @Operation(operationId = "listMyNotifications", summary = "List my notifications",
            description = "Newest first, read and unread alike (`unread` tells which).")
    ApiPage<NotificationView> list(@AuthenticationPrincipal CurrentUser me,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 200") @RequestParam(defaultValue = "50") int size,
            Locale locale) {
        new FieldChecks().range("page", page, 0, 100_000).range("size", size, 1, 200).throwIfAny();
        return ApiPage.of(notifications.list(me, page, size), n -> new NotificationView(n.id(), n.kind(),
                notifications.text(n, locale), n.caseId(), n.link(), n.arguments(), n.createdAt(), n.readAt(),
                n.unread()));
    }

    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "readMyNotification", summary = "Mark a notification read",
            description = "Answers 204; marking it again is harmless. Someone else's notification answers 404.")
    ResponseEntity<Void> markRead(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        notifications.markRead(me, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "readAllMyNotifications", summary = "Mark all my notifications read",
            description = "Answers 204.")
    ResponseEntity<Void> markAllRead(@AuthenticationPrincipal CurrentUser me) {
        notifications.markAllRead(me);
        return ResponseEntity.noContent().build();
    }
}
