package org.abri.quality;

import java.util.List;

/**
 * An assessment as its exports show it, in one reader's language: the profile, every item of
 * each domain with its answer, evidence note, documents' names and the figures Abri measured
 * (already worded), and the improvement plan with the items it is for. Built by
 * {@code QualityExportController} after the access check; it holds no child's data.
 */
public record QualityReport(QualityAssessments.Assessment assessment, String scopeName, QualityProfile profile,
        List<Domain> domains, List<PlanRow> plan) {

    /** A domain's result and its items, part by part (the domain's own items first). */
    public record Domain(QualityProfile.DomainResult result, List<Part> parts) {
    }

    /** A part of a domain ({@code row.letter()} null: the domain's own items), with its items in grid order. */
    public record Part(QualityGrid.DomainRow row, List<Entry> entries) {
    }

    /** An item and what the assessment says of it; {@code measures} are sentences in the reader's language. */
    public record Entry(QualityGrid.Item item, boolean met, String note, List<String> documents,
            List<String> measures) {
    }

    /** An action of the plan and the item it is for. */
    public record PlanRow(QualityAssessments.Action action, QualityGrid.Item item) {
    }
}
