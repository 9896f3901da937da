package org.abri.forms;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Form definitions over JSON, for tools that fill in forms (e.g. an offline collection app):
 * what to ask, in three languages, with the rules the server will apply. Definitions hold no
 * child's data; every signed-in caller may read them.
 */
@RestController
@RequestMapping(path = "/api/v1/forms", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Forms", description = "The deployment's form definitions: sections, fields, rules and conditions.")
class FormApiController {

    private final FormCatalogue catalogue;

    FormApiController(FormCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** A form as listed: enough to choose one. */
    record FormSummary(String id, int version, Text title, boolean repeatable) {
    }

    @GetMapping
    @Operation(operationId = "listForms", summary = "List the forms in use", description = "In the order they are offered.")
    List<FormSummary> list() {
        return catalogue.current().stream()
                .map(form -> new FormSummary(form.id(), form.version(), form.title(), form.repeatable())).toList();
    }

    @GetMapping("/{formId}")
    @Operation(operationId = "getForm", summary = "Read the version in use of a form")
    FormDefinition get(@PathVariable String formId) {
        return catalogue.get(formId);
    }

    @GetMapping("/{formId}/versions/{version}")
    @Operation(operationId = "getFormVersion", summary = "Read one version of a form",
            description = "Records name the version they were saved with; read it to display them as filled in.")
    FormDefinition version(@PathVariable String formId, @PathVariable int version) {
        return catalogue.version(formId, version);
    }
}
