package org.abri.cases;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.CurrentUser;
import org.abri.platform.ApiPage;
import org.abri.platform.FieldChecks;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notes and the timeline of a case over JSON: the same services as the pages, so the same
 * need-to-know (403 for a role that reads no case, 404 for a case outside it), the same
 * supervisor-only rule and the same audit.
 */
@RestController
@Tag(name = "Case notes and timeline", description = "Notes of a case (some visible to supervisors only) and "
        + "everything that happened to it, newest first.")
class CaseNoteApiController {

    private final CaseNotes notes;
    private final CaseTimeline timeline;
    private final MessageSource messages;

    CaseNoteApiController(CaseNotes notes, CaseTimeline timeline, MessageSource messages) {
        this.notes = notes;
        this.timeline = timeline;
        this.messages = messages;
    }

    /** A note as its reader sees it; {@code editable}: the caller may still correct it. */
    record NoteView(UUID id, UUID caseId, UUID authorId, String author, String body, boolean supervisorOnly,
            Instant createdAt, Instant editedAt, int version, boolean editable) {

        static NoteView of(CaseNotes.CaseNote note) {
            return new NoteView(note.id(), note.caseId(), note.authorId(), note.authorName(), note.body(),
                    note.supervisorOnly(), note.createdAt(), note.editedAt(), note.version(), note.editable());
        }
    }

    record NewNote(String body, Boolean supervisorOnly) {
    }

    /** One event; {@code summary} is worded in the caller's language, {@code link} is the page it concerns. */
    record TimelineItem(Instant occurredAt, String actor, String kind, String summary, List<String> arguments,
            String link) {
    }

    @GetMapping(path = "/api/v1/cases/{caseId}/notes", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listCaseNotes", summary = "List the notes of a case",
            description = "Newest first. Notes marked supervisor-only are listed only for their author and the "
                    + "supervisors of the case's caseworker. Audited.")
    List<NoteView> list(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId) {
        requireReader(me);
        return notes.list(me, caseId).stream().map(NoteView::of).toList();
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/notes", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "addCaseNote", summary = "Add a note to a case",
            description = "For those who may change the case. `body`: 1 to 10,000 characters; `supervisorOnly`: "
                    + "shown only to the author and the supervisors of the case's caseworker. Audited without the text.")
    NoteView add(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, @RequestBody NewNote input) {
        requireReader(me);
        new FieldChecks().text("body", input.body(), true, CaseNotes.MAX_LENGTH).throwIfAny();
        return NoteView.of(notes.add(me, caseId, input.body(), Boolean.TRUE.equals(input.supervisorOnly())));
    }

    @GetMapping(path = "/api/v1/cases/{caseId}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "caseTimeline", summary = "Everything that happened to a case",
            description = "Registration, edits (field names only), filled and changed forms, notes added (those "
                    + "the caller may see), newest first, paged. Audited as a read of the case.")
    ApiPage<TimelineItem> timeline(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 100") @RequestParam(defaultValue = "25") int size,
            Locale locale) {
        requireReader(me);
        new FieldChecks().range("page", page, 0, 100_000).range("size", size, 1, CaseTimeline.MAX_PAGE_SIZE)
                .throwIfAny();
        return ApiPage.of(timeline.page(me, caseId, page, size, locale), event -> new TimelineItem(event.when(),
                event.who(), event.kind(), messages.getMessage(event.summaryKey(), event.arguments().toArray(),
                        event.summaryKey(), locale), event.arguments(), event.link()));
    }

    private static void requireReader(CurrentUser me) {
        if (!CaseAccess.mayReadAny(me)) {
            throw new AccessDeniedException("this role reads no case");
        }
    }
}
