package org.abri.platform;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list as the JSON API returns it: the items, the page number (from 0), the
 * page size and the total number of items across all pages.
 */
public record ApiPage<T>(List<T> items, int page, int size, long total) {

    public static <S, T> ApiPage<T> of(Page<S> page, Function<S, T> mapping) {
        return new ApiPage<>(page.items().stream().map(mapping).toList(), page.number(), page.size(), page.total());
    }
}
