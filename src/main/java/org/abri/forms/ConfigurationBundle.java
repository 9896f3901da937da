package org.abri.forms;

import java.time.Instant;
import java.util.List;

/**
 * A deployment's whole configuration as one JSON document, to move it between servers:
 * forms (the versions in use), lists with their values, and the location hierarchy
 * (parents before children). Locations are identified by code, never by database id.
 */
public record ConfigurationBundle(String format, int formatVersion, Instant exportedAt, List<FormDefinition> forms,
        List<BundleList> lists, List<BundleLocation> locations) {

    public static final String FORMAT = "abri-configuration";
    public static final int FORMAT_VERSION = 1;

    public ConfigurationBundle {
        forms = forms == null ? List.of() : List.copyOf(forms);
        lists = lists == null ? List.of() : List.copyOf(lists);
        locations = locations == null ? List.of() : List.copyOf(locations);
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
