package org.abri.cases;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.cases.CaseApiModels.CaseInput;
import org.abri.cases.CaseApiModels.CaseListItem;
import org.abri.cases.CaseApiModels.CaseView;
import org.abri.identity.CurrentUser;
import org.abri.platform.ApiPage;
import org.abri.platform.FieldChecks;
import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Children's cases over JSON. The same registry as the pages, so the same need-to-know,
 * validation, optimistic locking and audit: a role that never reads cases gets 403, a case
 * outside the caller's need-to-know answers 404 exactly like one that does not exist.
 */
@RestController
@RequestMapping(path = "/api/v1/cases", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Cases", description = "Registration, search, reading and editing of children's cases. Every call is "
        + "audited; the caller sees only the cases they need to know.")
class CaseApiController {

    private static final Pattern CONSENT_INDEX = Pattern.compile("^consents\\[(\\d+)]");

    private final CaseRegistry registry;

    CaseApiController(CaseRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    @Operation(operationId = "searchCases", summary = "List cases (search by name: use POST /api/v1/cases/search)",
            description = "Cases the caller may read, highest risk first, filtered. `q` matches names fuzzily "
                    + "(accents, spelling variants) or a case number from its start, but a name in an address ends "
                    + "up in the logs of every proxy on the way: search by name with `POST /api/v1/cases/search`, "
                    + "which takes the same criteria in its body. Audited as a search.")
    ApiPage<CaseListItem> search(@AuthenticationPrincipal CurrentUser me,
            @Parameter(description = "Name(s) or case number. Deprecated for names: they end up in access logs; "
                    + "use POST /api/v1/cases/search.", deprecated = true)
            @RequestParam(required = false) String q,
            @Parameter(description = "open or closed") @RequestParam(required = false) String status,
            @Parameter(description = "high, medium or low") @RequestParam(required = false) String risk,
            @Parameter(description = "A protection_concern code") @RequestParam(required = false) String concern,
            @Parameter(description = "A location; its sub-locations are included")
            @RequestParam(required = false) UUID location,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 100") @RequestParam(defaultValue = "25") int size) {
        return find(me, q, status, risk, concern, location, page, size);
    }

    @PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "findCases", summary = "Search cases by name, number or criteria",
            description = "The same search as `GET /api/v1/cases`, with the criteria in the body, so that a "
                    + "child's name appears in no address, proxy log or browser history. Cases the caller may "
                    + "read, highest risk first; `q` matches names fuzzily (accents, spelling variants) or a case "
                    + "number from its start. Changes nothing; audited as a search.")
    ApiPage<CaseListItem> find(@AuthenticationPrincipal CurrentUser me, @RequestBody CaseSearch search) {
        return find(me, search.q(), search.status(), search.risk(), search.concern(), search.location(),
                search.page() == null ? 0 : search.page(), search.size() == null ? 25 : search.size());
    }

    /** The criteria of a case search, in a body. */
    record CaseSearch(@Schema(description = "Name(s) or case number") String q,
            @Schema(description = "open or closed") String status,
            @Schema(description = "high, medium or low") String risk,
            @Schema(description = "A protection_concern code") String concern,
            @Schema(description = "A location; its sub-locations are included") UUID location,
            @Schema(description = "Page number, from 0", defaultValue = "0") Integer page,
            @Schema(description = "Page size, 1 to 100", defaultValue = "25") Integer size) {
    }

    private ApiPage<CaseListItem> find(CurrentUser me, String q, String status, String risk, String concern,
            UUID location, int page, int size) {
        requireReader(me);
        new FieldChecks().choice("status", status, List.of("open", "closed"), false)
                .choice("risk", risk, CaseValidation.RISK_LEVELS, false)
                .text("q", q, false, 200)
                .range("page", page, 0, 100_000)
                .range("size", size, 1, 100)
                .throwIfAny();
        CaseQuery query = new CaseQuery(q, status, risk, concern, location, page, size);
        return ApiPage.of(registry.search(me, query), CaseListItem::of);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "registerCase", summary = "Register a child",
            description = "Creates an open case in the caller's agency and answers 201 with its Location. "
                    + "Caseworkers, supervisors and data entry clerks only.")
    ResponseEntity<CaseView> register(@AuthenticationPrincipal CurrentUser me, @RequestBody CaseInput input) {
        if (!registry.mayRegister(me)) {
            throw new AccessDeniedException("may not register cases");
        }
        ChildCase registered = withApiFieldNames(() -> registry.register(me, input.toDetails()));
        return ResponseEntity.created(URI.create("/api/v1/cases/" + registered.id())).body(CaseView.of(registered));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "readCase", summary = "Read a case",
            description = "The full case with its `version`. 404 when it does not exist or is outside the caller's "
                    + "need-to-know. Audited as a read.")
    CaseView read(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireReader(me);
        return CaseView.of(registry.read(me, id));
    }

    @PutMapping("/{id}")
    @Operation(operationId = "updateCase", summary = "Edit a case",
            description = "Replaces the editable fields. The body carries the `version` read before editing; "
                    + "if someone saved the case since, nothing is written and the answer is 409. An agency manager "
                    + "may read but not edit (403). Audited with the names (never the values) of the changed fields.")
    CaseView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody CaseInput input) {
        requireReader(me);
        return CaseView.of(withApiFieldNames(() -> registry.update(me, id, input.toDetails())));
    }

    private static void requireReader(CurrentUser me) {
        if (!CaseAccess.mayReadAny(me)) {
            throw new AccessDeniedException("this role reads no case");
        }
    }

    /**
     * The validation names consents by their position in the form ({@code consents[1].method});
     * the API keys them by kind ({@code consents.data_collection.method}).
     */
    private static <T> T withApiFieldNames(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream()
                    .map(p -> new FieldProblem(apiFieldName(p.field()), p.code(), p.arguments())).toList());
        }
    }

    static String apiFieldName(String field) {
        Matcher matcher = CONSENT_INDEX.matcher(field);
        if (matcher.find()) {
            int index = Integer.parseInt(matcher.group(1));
            if (index < ConsentRecord.KINDS.size()) {
                return "consents." + ConsentRecord.KINDS.get(index) + field.substring(matcher.end());
            }
        }
        return field;
    }
}
