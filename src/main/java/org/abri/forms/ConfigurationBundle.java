package org.abri.forms;

import java.time.Instant;
import java.util.List;

/**
 * A deployment's whole configuration as one JSON document, to move it between servers:
 * forms (the versions in use), lists with their values, the location hierarchy (parents
 * before children) and the SOP settings (deadlines per risk level, caseload standards). Locations are identified by code, never by database id.
 */
public record ConfigurationBundle(String format, int formatVersion, Instant exportedAt, List<FormDefinition> forms,
        List<BundleList> lists, List<BundleLocation> locations, List<BundleSetting> sop) {

    public static final String FORMAT = "abri-configuration";
    public static final int FORMAT_VERSION = 1;

    public ConfigurationBundle {
        forms = forms == null ? List.of() : List.copyOf(forms);
        lists = lists == null ? List.of() : List.copyOf(lists);
        locations = locations == null ? List.of() : List.copyOf(locations);
        sop = sop == null ? List.of() : List.copyOf(sop);
    }

    /** An SOP setting: a delay per risk level (ISO-8601) or a standard (risk level "any"). */
    public record BundleSetting(String name, String riskLevel, String value) {
    }

    public record BundleList(String name, Text label, int sortOrder, List<BundleValue> values) {
        public BundleList {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    public record BundleValue(String code, Text label, int sortOrder, boolean active) {
    }

    public record BundleLocation(String code, String parent, String name, String nameAr, boolean active) {
    }
}
