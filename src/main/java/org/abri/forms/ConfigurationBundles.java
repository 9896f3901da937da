package org.abri.forms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.abri.identity.Role;
import org.abri.identity.CurrentUser;
import org.abri.locations.Location;
import org.abri.locations.Locations;
import org.abri.lookups.LookupList;
import org.abri.lookups.LookupValue;
import org.abri.lookups.Lookups;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;

/**
 * Export and import of a deployment's configuration. An import is checked whole before
 * anything is written: a bundle with any problem is refused, naming each; a valid one is
 * previewed (what is new, what changes) and then applied in one transaction. Forms become a
 * new version only where they differ; nothing is ever deleted.
 */
@Service
public class ConfigurationBundles {

    static final int MAX_BUNDLE_BYTES = 5_000_000;

    private final FormCatalogue catalogue;
    private final Lookups lookups;
    private final Locations locations;
    private final FormJson json;
    private final org.abri.sop.SopSettings sop;

    ConfigurationBundles(FormCatalogue catalogue, Lookups lookups, Locations locations, FormJson json,
            org.abri.sop.SopSettings sop) {
        this.sop = sop;
        this.catalogue = catalogue;
        this.lookups = lookups;
        this.locations = locations;
        this.json = json;
    }

    /** What an import would do: each change, or the problems that refuse it. */
    public record Preview(ConfigurationBundle bundle, List<Change> changes, List<FormProblem> problems) {
        public boolean acceptable() {
            return problems.isEmpty();
        }
    }

    /** One thing an import adds or changes: {@code kind} form, list, value or location; {@code change} new or changed. */
    public record Change(String kind, String id, String change) {
    }

    public ConfigurationBundle export(CurrentUser actor) {
        actor.require(Role.SYSTEM_ADMIN);
        List<ConfigurationBundle.BundleList> lists = lookups.lists().stream().map(list ->
                new ConfigurationBundle.BundleList(list.name(), new Text(list.labelFr(), list.labelEn(), list.labelAr()),
                        list.sortOrder(), lookups.all(list.name()).stream().map(value ->
                        new ConfigurationBundle.BundleValue(value.code(), new Text(value.labelFr(), value.labelEn(),
                                value.labelAr()), value.sortOrder(), value.active())).toList())).toList();
        Map<java.util.UUID, String> codes = new HashMap<>();
        List<Location> all = locations.all();
        all.forEach(location -> codes.put(location.id(), location.code()));
        List<ConfigurationBundle.BundleLocation> places = all.stream()
                .sorted(java.util.Comparator.comparingInt(Location::level))
                .map(l -> new ConfigurationBundle.BundleLocation(l.code(), l.parentId() == null ? null : codes.get(l.parentId()),
                        l.name(), l.nameAr(), l.active())).toList();
        return new ConfigurationBundle(ConfigurationBundle.FORMAT, ConfigurationBundle.FORMAT_VERSION, Instant.now(),
                catalogue.current(), lists, places, sop.all().stream().map(setting ->
                        new ConfigurationBundle.BundleSetting(setting.name(), setting.riskLevel(), setting.value())).toList());
    }

    public byte[] exportJson(CurrentUser actor) {
        return json.mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(export(actor));
    }

    /** Reads and checks a bundle without writing anything. */
    public Preview preview(CurrentUser actor, byte[] content) {
        actor.require(Role.SYSTEM_ADMIN);
        if (content == null || content.length == 0) {
            return refused("empty");
        }
        if (content.length > MAX_BUNDLE_BYTES) {
            return refused("too_large");
        }
        ConfigurationBundle bundle;
        try {
            bundle = json.mapper.readValue(content, ConfigurationBundle.class);
        } catch (JacksonException e) {
            return new Preview(null, List.of(), List.of(new FormProblem("bundle", "bundle_unreadable",
                    e.getOriginalMessage())));
        }
        if (!ConfigurationBundle.FORMAT.equals(bundle.format()) || bundle.formatVersion() != ConfigurationBundle.FORMAT_VERSION) {
            return refused("bundle_format");
        }
        List<FormProblem> problems = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        Set<String> listNames = checkLists(bundle, problems, changes);
        checkLocations(bundle, problems, changes);
        checkSettings(bundle, problems, changes);
        Set<String> formIds = new HashSet<>();
        for (FormDefinition form : bundle.forms()) {
            if (form == null) {
                continue;
            }
            if (!formIds.add(String.valueOf(form.id()))) {
                problems.add(new FormProblem("forms/" + form.id(), "duplicate_id", form.id()));
            }
            problems.addAll(FormDefinitionCheck.problemsOf(form, name -> listNames.contains(name) || lookups.listExists(name)));
            Optional<FormDefinition> current = form.id() == null ? Optional.empty() : catalogue.current(form.id());
            if (current.isEmpty()) {
                changes.add(new Change("form", form.id(), "new"));
            } else if (differs(current.get(), form)) {
                problems.addAll(FormCatalogue.lockedFieldsKept(current.get(), form));
                changes.add(new Change("form", form.id(), "changed"));
            }
        }
        return new Preview(bundle, changes, problems);
    }

    /** Applies a previewed bundle; checks it again, so that a stale preview cannot slip through. */
    @Transactional
    public List<Change> apply(CurrentUser actor, byte[] content) {
        Preview preview = preview(actor, content);
        if (!preview.acceptable()) {
            throw new InvalidFormDefinitionException(preview.problems());
        }
        ConfigurationBundle bundle = preview.bundle();
        for (ConfigurationBundle.BundleList list : bundle.lists()) {
            lookups.saveList(new LookupList(list.name(), list.label().fr(), list.label().en(), list.label().ar(),
                    list.sortOrder()));
            for (ConfigurationBundle.BundleValue value : list.values()) {
                lookups.saveValue(new LookupValue(list.name(), value.code(), value.label().fr(), value.label().en(),
                        value.label().ar(), value.sortOrder(), value.active()));
            }
        }
        for (ConfigurationBundle.BundleLocation place : bundle.locations()) {
            Optional<Location> existing = locations.findByCode(place.code());
            if (existing.isPresent()) {
                locations.update(actor, existing.get().id(), place.name(), place.nameAr(), place.active());
            } else {
                java.util.UUID parent = place.parent() == null ? null
                        : locations.findByCode(place.parent()).orElseThrow().id();
                Location created = locations.create(actor, parent, place.code(), place.name(), place.nameAr());
                if (!place.active()) {
                    locations.update(actor, created.id(), place.name(), place.nameAr(), false);
                }
            }
        }
        Map<String, String> settings = new HashMap<>();
        bundle.sop().forEach(setting -> settings.put(setting.name() + "." + setting.riskLevel(), setting.value()));
        sop.updateAll(actor, settings);
        for (FormDefinition form : bundle.forms()) {
            Optional<FormDefinition> current = catalogue.current(form.id());
            if (current.isEmpty() || differs(current.get(), form)) {
                catalogue.store(form, current.orElse(null), "import", actor.id());
            }
        }
        return preview.changes();
    }

    private Set<String> checkLists(ConfigurationBundle bundle, List<FormProblem> problems, List<Change> changes) {
        Set<String> names = new HashSet<>();
        for (ConfigurationBundle.BundleList list : bundle.lists()) {
            String path = "lists/" + list.name();
            if (list.name() == null || !FormDefinitionCheck.ID.matcher(list.name()).matches()) {
                problems.add(new FormProblem(path, "id_invalid", String.valueOf(list.name())));
                continue;
            }
            if (!names.add(list.name())) {
                problems.add(new FormProblem(path, "duplicate_id", list.name()));
            }
            if (list.label() == null || !list.label().complete()) {
                problems.add(new FormProblem(path, "translation_missing", "label"));
            }
            Optional<LookupList> existing = lookups.list(list.name());
            if (existing.isEmpty()) {
                changes.add(new Change("list", list.name(), "new"));
            }
            Set<String> codes = new HashSet<>();
            for (ConfigurationBundle.BundleValue value : list.values()) {
                String valuePath = path + "/" + value.code();
                if (value.code() == null || !value.code().matches("[a-z0-9_]{1,40}")) {
                    problems.add(new FormProblem(valuePath, "option_invalid", String.valueOf(value.code())));
                } else if (!codes.add(value.code())) {
                    problems.add(new FormProblem(valuePath, "duplicate_option", value.code()));
                }
                if (value.label() == null || !value.label().complete()) {
                    problems.add(new FormProblem(valuePath, "translation_missing", "label"));
                    continue;
                }
                Optional<LookupValue> current = existing.isEmpty() ? Optional.empty() : lookups.find(list.name(), value.code());
                if (current.isEmpty()) {
                    changes.add(new Change("value", list.name() + "/" + value.code(), "new"));
                } else if (!sameValue(current.get(), value)) {
                    changes.add(new Change("value", list.name() + "/" + value.code(), "changed"));
                }
            }
        }
        return names;
    }

    private void checkLocations(ConfigurationBundle bundle, List<FormProblem> problems, List<Change> changes) {
        Map<String, Integer> levels = new HashMap<>();
        for (ConfigurationBundle.BundleLocation place : bundle.locations()) {
            String path = "locations/" + place.code();
            if (place.code() == null || !place.code().matches("[A-Z0-9_-]{1,30}") || place.name() == null
                    || place.name().isBlank()) {
                problems.add(new FormProblem(path, "location_invalid", String.valueOf(place.code())));
                continue;
            }
            if (levels.containsKey(place.code())) {
                problems.add(new FormProblem(path, "duplicate_id", place.code()));
                continue;
            }
            Integer parentLevel = place.parent() == null ? Integer.valueOf(0)
                    : levels.containsKey(place.parent()) ? levels.get(place.parent())
                    : locations.findByCode(place.parent()).map(Location::level).orElse(null);
            if (parentLevel == null) {
                problems.add(new FormProblem(path, "location_parent_unknown", place.parent()));
                continue;
            }
            if (parentLevel >= 3) {
                problems.add(new FormProblem(path, "location_too_deep", place.code()));
                continue;
            }
            levels.put(place.code(), parentLevel + 1);
            Optional<Location> existing = locations.findByCode(place.code());
            if (existing.isEmpty()) {
                changes.add(new Change("location", place.code(), "new"));
            } else if (!Objects.equals(existing.get().name(), place.name())
                    || !Objects.equals(existing.get().nameAr(), place.nameAr()) || existing.get().active() != place.active()) {
                changes.add(new Change("location", place.code(), "changed"));
            } else if (existing.get().level() != parentLevel + 1) {
                problems.add(new FormProblem(path, "location_moved", place.code()));
            }
        }
    }

    private void checkSettings(ConfigurationBundle bundle, List<FormProblem> problems, List<Change> changes) {
        Map<String, String> current = new HashMap<>();
        sop.all().forEach(setting -> current.put(setting.name() + "." + setting.riskLevel(), setting.value()));
        for (ConfigurationBundle.BundleSetting setting : bundle.sop()) {
            String key = setting.name() + "." + setting.riskLevel();
            if (!current.containsKey(key)) {
                problems.add(new FormProblem("sop/" + key, "sop_unknown", key));
            } else if (!org.abri.sop.SopSettings.acceptable(setting.name(), setting.value())) {
                problems.add(new FormProblem("sop/" + key, "sop_invalid", key, String.valueOf(setting.value())));
            } else if (!current.get(key).equalsIgnoreCase(setting.value().strip())) {
                changes.add(new Change("sop", key, "changed"));
            }
        }
    }

    private static boolean sameValue(LookupValue current, ConfigurationBundle.BundleValue value) {
        return Objects.equals(current.labelFr(), value.label().fr()) && Objects.equals(current.labelEn(), value.label().en())
                && Objects.equals(current.labelAr(), value.label().ar()) && current.sortOrder() == value.sortOrder()
                && current.active() == value.active();
    }

    /** Whether a bundled form differs from the one in use (versions aside). */
    private static boolean differs(FormDefinition current, FormDefinition bundled) {
        return !current.withVersion(0).equals(bundled.withVersion(0));
    }

    private static Preview refused(String code) {
        return new Preview(null, List.of(), List.of(new FormProblem("bundle", code)));
    }
}
