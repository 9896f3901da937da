package org.abri.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The application's GET routes as Spring maps them, and their paths filled from a test's
 * fixtures: the walks over every route (audit, access, pages in a browser) read them here, so
 * that a new route is walked, or fails its walk, without anyone listing it.
 */
public final class PageRoutes {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

    private PageRoutes() {
    }

    /** Every route pattern that answers GET (pages and API). */
    public static Set<String> get(RequestMappingHandlerMapping mappings) {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                routes.addAll(info.getPatternValues());
            }
        });
        return routes;
    }

    /** The names of the path variables of a pattern, in order ("/cases/{caseId}/notes/{noteId}": caseId, noteId). */
    public static List<String> variables(String pattern) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(pattern);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * The pattern with each variable replaced by its value; null when a variable has none (the
     * caller says so: the walk must be given one).
     */
    public static String fill(String pattern, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                return null;
            }
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }
}
