package org.abri.platform;

import java.util.List;

/** One page of a list, with what a pager needs. Pages are numbered from 0. */
public record Page<T>(List<T> items, int number, int size, long total) {

    public int pageCount() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (number + 1) * size < total;
    }

    public boolean hasPrevious() {
        return number > 0;
    }
}
