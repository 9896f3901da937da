package org.abri.services;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.Agencies;
import org.abri.identity.CurrentUser;
import org.abri.locations.Locations;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.abri.services.ServiceInputs.ProviderInput;
import org.abri.services.ServiceInputs.ServiceInput;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service map as an XLSX sheet, one row per service. The first row holds the column titles
 * in the reader's language; the import skips it and reads the columns <b>by position</b> (the
 * order of {@link #COLUMNS}), so a sheet exported in Arabic imports in a French session. A blank
 * {@code id} is a new service; a provider is matched by its name and agency code (a new one is
 * created); locations and concerns are codes separated by {@code ;}. An import is previewed
 * first (new, changed, unchanged rows, or each bad row and column), then applied in one transaction.
 */
@Service
class ServiceMapSpreadsheet {

    /** The columns, in order; each title is {@code services.column.<code>} in the bundles. */
    static final List<String> COLUMNS = List.of("id", "provider", "provider_agency", "sector", "name", "description",
            "locations", "age_min", "age_max", "sexes", "concerns", "contact_person", "phone", "email", "hours",
            "languages", "cost", "last_verified");
    private static final Map<String, String> FIELD_COLUMNS = Map.ofEntries(Map.entry("sector", "sector"),
            Map.entry("name", "name"), Map.entry("description", "description"), Map.entry("locationIds", "locations"),
            Map.entry("ageMin", "age_min"), Map.entry("ageMax", "age_max"), Map.entry("sexes", "sexes"),
            Map.entry("concerns", "concerns"), Map.entry("contactPerson", "contact_person"),
            Map.entry("phone", "phone"), Map.entry("email", "email"), Map.entry("hours", "hours"),
            Map.entry("languages", "languages"), Map.entry("cost", "cost"),
            Map.entry("lastVerifiedOn", "last_verified"), Map.entry("eligibilityNotes", "description"),
            Map.entry("focalPointId", "id"));
    static final int MAX_ROWS = 5000;
    /** Columns a sheet may use beyond ours (a note beside the table); further right, it is refused. */
    static final int EXTRA_COLUMNS = 32;
    /** Reading stops once this many problems are listed: nobody reads further, the server should not either. */
    static final int MAX_PROBLEMS = 200;
    static final java.time.Duration TIME_BUDGET = java.time.Duration.ofSeconds(20);

    enum Change { NEW, CHANGED, UNCHANGED }

    /** One row read: its number in the sheet (the title row is 1), the service and its provider. */
    record ImportRow(int row, UUID serviceId, String providerName, UUID providerAgencyId, ServiceInput input,
            Change change) {
    }

    /** A refused cell: its row number, its column code and the problem (a message code). */
    record RowProblem(int row, String column, String code, Object... arguments) {
    }

    record Preview(List<ImportRow> rows, List<RowProblem> problems) {

        long count(Change change) {
            return rows.stream().filter(row -> row.change() == change).count();
        }

        boolean acceptable() {
            return problems.isEmpty() && !rows.isEmpty();
        }
    }

    private final ServiceMap map;
    private final ServiceMapEditor editor;
    private final Locations locations;
    private final Agencies agencies;
    private final AuditLog audit;
    private final MessageSource messages;

    ServiceMapSpreadsheet(ServiceMap map, ServiceMapEditor editor, Locations locations, Agencies agencies,
            AuditLog audit, MessageSource messages) {
        this.map = map;
        this.editor = editor;
        this.locations = locations;
        this.agencies = agencies;
        this.audit = audit;
        this.messages = messages;
    }

    /** The active entries of the map as an XLSX file (anyone signed in may read the map). */
    @Transactional
    byte[] export(Locale locale) {
        Map<UUID, String> locationCodes = new HashMap<>();
        locations.all().forEach(location -> locationCodes.put(location.id(), location.code()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "Abri", "1.0");
            Worksheet sheet = workbook.newWorksheet(messages.getMessage("services.title", null, "Services", locale));
            for (int c = 0; c < COLUMNS.size(); c++) {
                sheet.value(0, c, messages.getMessage("services.column." + COLUMNS.get(c), null, COLUMNS.get(c), locale));
                sheet.style(0, c).bold().set();
            }
            int r = 1;
            for (ServiceEntry entry : map.allActive()) {
                List<Object> values = Arrays.asList(entry.id().toString(), entry.providerName(),
                        entry.providerAgencyCode(), entry.sector(), entry.name(), entry.description(),
                        String.join(";", entry.locationIds().stream().map(locationCodes::get).filter(Objects::nonNull)
                                .sorted().toList()),
                        entry.ageMin(), entry.ageMax(), String.join(";", entry.sexes()),
                        String.join(";", entry.concerns()), entry.contactPerson(), entry.phone(), entry.email(),
                        entry.hours(), entry.languages(), entry.cost(), entry.lastVerifiedOn());
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value instanceof Number number) {
                        sheet.value(r, c, number);
                    } else if (value instanceof LocalDate date) {
                        sheet.value(r, c, date);
                        sheet.style(r, c).format("yyyy-mm-dd").set();
                    } else if (value != null) {
                        sheet.value(r, c, value.toString());
                    }
                }
                r++;
            }
            sheet.width(0, 38);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(AuditAction.EXPORT, "service", null, null, Map.of("format", "xlsx"));
        return out.toByteArray();
    }

    /**
     * What importing this file would do, or why it cannot be imported (every bad row and column).
     * Bounded whatever the file: its inflated size and column positions are checked before it is
     * parsed ({@link SpreadsheetLimits}); rows are streamed, and every row read counts against
     * the limit, valid or not, blank or not; the work per row is constant (lookups in maps built
     * once); reading stops at the limit, at {@link #MAX_PROBLEMS} problems or after
     * {@link #TIME_BUDGET}, each with its own message.
     */
    Preview preview(CurrentUser me, byte[] file) {
        ServiceMapEditor.requireCoordinator(me);
        List<ImportRow> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        Optional<String> refused = SpreadsheetLimits.check(file, COLUMNS.size() + EXTRA_COLUMNS);
        if (refused.isPresent()) {
            problems.add(new RowProblem(0, null, refused.get(), SpreadsheetLimits.MAX_INFLATED_BYTES / 1_000_000,
                    COLUMNS.size() + EXTRA_COLUMNS));
            return new Preview(List.of(), problems);
        }
        Map<String, UUID> locationIds = new HashMap<>();
        locations.all().forEach(location -> locationIds.put(location.code().toLowerCase(Locale.ROOT), location.id()));
        Map<String, UUID> agencyIds = new HashMap<>();
        agencies.all().forEach(agency -> agencyIds.put(agency.code().toLowerCase(Locale.ROOT), agency.id()));
        Map<String, UUID> providerIds = new HashMap<>();
        for (ServiceProvider provider : editor.allProviders()) {
            providerIds.putIfAbsent(providerKey(provider.name(), provider.agencyId()), provider.id());
        }
        long deadline = System.nanoTime() + TIME_BUDGET.toNanos();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(file));
                java.util.stream.Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            java.util.Iterator<Row> sheetRows = stream.iterator();
            int read = 0;
            while (sheetRows.hasNext()) {
                Row row = sheetRows.next();
                if (row.getRowNum() <= 1) {
                    continue;
                }
                // Every row counts, valid or not, blank or not: a file cannot make the server read more.
                if (++read > MAX_ROWS) {
                    problems.add(new RowProblem(row.getRowNum(), null, "services.import.too_many_rows", MAX_ROWS));
                    break;
                }
                if (System.nanoTime() > deadline) {
                    problems.add(new RowProblem(row.getRowNum(), null, "services.import.too_slow"));
                    break;
                }
                if (isEmpty(row)) {
                    continue;
                }
                read(row, locationIds, agencyIds, providerIds, rows, problems);
                if (problems.size() >= MAX_PROBLEMS) {
                    // One row can hold many (a cell of a thousand unknown codes): the list shown stays short.
                    problems.subList(MAX_PROBLEMS, problems.size()).clear();
                    problems.add(new RowProblem(row.getRowNum(), null, "services.import.too_many_problems",
                            MAX_PROBLEMS));
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new RowProblem(0, null, "services.import.unreadable"));
            return new Preview(List.of(), problems);
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add(new RowProblem(0, null, "services.import.empty"));
        }
        return new Preview(rows, problems);
    }

    private static String providerKey(String name, UUID agencyId) {
        return name.strip().toLowerCase(Locale.ROOT) + "|" + agencyId;
    }

    /** Applies the file in one transaction (all rows or none). Returns the preview it applied. */
    @Transactional
    Preview apply(CurrentUser me, byte[] file) {
        Preview preview = preview(me, file);
        if (!preview.acceptable()) {
            return preview;
        }
        Map<String, UUID> newProviders = new HashMap<>();
        for (ImportRow row : preview.rows()) {
            if (row.change() == Change.UNCHANGED) {
                continue;
            }
            UUID providerId = row.input().providerId();
            if (providerId == null) {
                String key = row.providerName().strip().toLowerCase(Locale.ROOT) + "|" + row.providerAgencyId();
                providerId = newProviders.computeIfAbsent(key, k -> editor.createProvider(me,
                        new ProviderInput(row.providerName(), row.providerAgencyId(), null, null, null, null)));
            }
            ServiceInput input = withProvider(row.input(), providerId);
            if (row.change() == Change.NEW) {
                editor.createService(me, input);
            } else {
                ServiceEntry existing = map.find(row.serviceId()).orElseThrow();
                editor.updateService(me, row.serviceId(), input, existing.version());
            }
        }
        return preview;
    }

    private void read(Row row, Map<String, UUID> locationIds, Map<String, UUID> agencyIds,
            Map<String, UUID> providerIds, List<ImportRow> rows, List<RowProblem> problems) {
        int number = row.getRowNum();
        int before = problems.size();
        UUID serviceId = null;
        String idText = text(row, "id");
        Optional<ServiceEntry> existing = Optional.empty();
        if (idText != null) {
            try {
                serviceId = UUID.fromString(idText);
                existing = map.find(serviceId);
            } catch (IllegalArgumentException e) {
                // reported just below
            }
            if (existing.isEmpty()) {
                problems.add(new RowProblem(number, "id", "services.import.unknown_id"));
            }
        }
        String providerName = text(row, "provider");
        if (providerName == null) {
            problems.add(new RowProblem(number, "provider", "validation.required"));
        } else if (providerName.length() > 200) {
            problems.add(new RowProblem(number, "provider", "validation.too_long", 200));
        }
        UUID agencyId = null;
        String agencyCode = text(row, "provider_agency");
        if (agencyCode != null) {
            agencyId = agencyIds.get(agencyCode.toLowerCase(Locale.ROOT));
            if (agencyId == null) {
                problems.add(new RowProblem(number, "provider_agency", "services.import.unknown_agency", agencyCode));
            }
        }
        List<UUID> places = new ArrayList<>();
        for (String code : codes(text(row, "locations"))) {
            UUID place = locationIds.get(code.toLowerCase(Locale.ROOT));
            if (place == null) {
                problems.add(new RowProblem(number, "locations", "services.import.unknown_location", code));
            } else {
                places.add(place);
            }
        }
        Integer ageMin = integer(row, "age_min", problems);
        Integer ageMax = integer(row, "age_max", problems);
        LocalDate verified = date(row, "last_verified", problems);
        UUID providerId = null;
        if (providerName != null) {
            // One lookup, not a scan of every provider for every row.
            providerId = providerIds.get(providerKey(providerName, agencyId));
        }
        ServiceInput input = new ServiceInput(providerId, text(row, "sector"), text(row, "name"),
                text(row, "description"), text(row, "contact_person"), text(row, "phone"), text(row, "email"),
                text(row, "hours"), ageMin, ageMax, codes(text(row, "sexes")), codes(text(row, "concerns")),
                existing.map(ServiceEntry::eligibilityNotes).orElse(null), places, text(row, "languages"),
                text(row, "cost"), existing.map(ServiceEntry::focalPointId).orElse(null), verified);
        for (FieldProblem problem : editor.problems(input)) {
            String column = FIELD_COLUMNS.getOrDefault(problem.field(), problem.field());
            if (problems.stream().skip(before).noneMatch(p -> column.equals(p.column()))) {
                problems.add(new RowProblem(number, column, problem.code(), problem.arguments()));
            }
        }
        if (problems.size() > before) {
            return;
        }
        Change change;
        if (existing.isEmpty()) {
            change = Change.NEW;
        } else {
            ServiceInput current = normal(ServiceInput.of(existing.get()));
            ServiceInput typed = normal(verified == null ? withVerified(input, existing.get().lastVerifiedOn()) : input);
            change = current.equals(typed) ? Change.UNCHANGED : Change.CHANGED;
        }
        rows.add(new ImportRow(number, serviceId, providerName, agencyId, input, change));
    }

    private static ServiceInput normal(ServiceInput input) {
        return new ServiceInput(input.providerId(), input.sector(), ServiceMapEditor.clean(input.name()),
                ServiceMapEditor.clean(input.description()), ServiceMapEditor.clean(input.contactPerson()),
                ServiceMapEditor.clean(input.phone()), ServiceMapEditor.clean(input.email()),
                ServiceMapEditor.clean(input.hours()), input.ageMin(), input.ageMax(), sorted(input.sexes()),
                sorted(input.concerns()), ServiceMapEditor.clean(input.eligibilityNotes()),
                input.locationIds() == null ? List.of() : input.locationIds().stream().distinct().sorted().toList(),
                ServiceMapEditor.clean(input.languages()), ServiceMapEditor.clean(input.cost()), input.focalPointId(),
                input.lastVerifiedOn());
    }

    private static List<String> sorted(List<String> values) {
        return values == null ? List.of() : values.stream().distinct().sorted().toList();
    }

    private static ServiceInput withProvider(ServiceInput i, UUID providerId) {
        return new ServiceInput(providerId, i.sector(), i.name(), i.description(), i.contactPerson(), i.phone(),
                i.email(), i.hours(), i.ageMin(), i.ageMax(), i.sexes(), i.concerns(), i.eligibilityNotes(),
                i.locationIds(), i.languages(), i.cost(), i.focalPointId(), i.lastVerifiedOn());
    }

    private static ServiceInput withVerified(ServiceInput i, LocalDate verified) {
        return new ServiceInput(i.providerId(), i.sector(), i.name(), i.description(), i.contactPerson(), i.phone(),
                i.email(), i.hours(), i.ageMin(), i.ageMax(), i.sexes(), i.concerns(), i.eligibilityNotes(),
                i.locationIds(), i.languages(), i.cost(), i.focalPointId(), verified);
    }

    private static boolean isEmpty(Row row) {
        return row.stream().allMatch(cell -> cell == null || cell.getRawValue() == null
                || cell.getRawValue().isBlank());
    }

    private static Cell cell(Row row, String column) {
        int index = COLUMNS.indexOf(column);
        return row.getOptionalCell(index).orElse(null);
    }

    private static String text(Row row, String column) {
        Cell cell = cell(row, column);
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return null;
        }
        String value = cell.getType() == CellType.NUMBER ? cell.asNumber().stripTrailingZeros().toPlainString()
                : cell.getText();
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> codes(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(";")).map(String::strip).filter(code -> !code.isEmpty()).distinct().toList();
    }

    private static Integer integer(Row row, String column, List<RowProblem> problems) {
        Cell cell = cell(row, column);
        try {
            if (cell != null && cell.getType() == CellType.NUMBER) {
                return cell.asNumber().intValueExact();
            }
            String value = text(row, column);
            return value == null ? null : Integer.valueOf(value);
        } catch (ArithmeticException | NumberFormatException e) {
            problems.add(new RowProblem(row.getRowNum(), column, "validation.invalid_format"));
            return null;
        }
    }

    private static LocalDate date(Row row, String column, List<RowProblem> problems) {
        Cell cell = cell(row, column);
        try {
            if (cell != null && cell.getType() == CellType.NUMBER) {
                return cell.asDate().toLocalDate();
            }
            String value = text(row, column);
            return value == null ? null : LocalDate.parse(value);
        } catch (RuntimeException e) {
            problems.add(new RowProblem(row.getRowNum(), column, "services.import.bad_date"));
            return null;
        }
    }

    /** A problem worded for the reader: "Row 4, column Sector: …". */
    String describe(RowProblem problem, Locale locale) {
        String message = messages.getMessage(problem.code(), problem.arguments(), problem.code(), locale);
        if (problem.row() <= 0) {
            return message;
        }
        if (problem.column() == null) {
            return messages.getMessage("services.import.row", new Object[] {problem.row(), message}, locale);
        }
        String column = messages.getMessage("services.column." + problem.column(), null, problem.column(), locale);
        return messages.getMessage("services.import.cell", new Object[] {problem.row(), column, message}, locale);
    }
}
