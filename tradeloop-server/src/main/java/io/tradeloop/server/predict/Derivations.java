package io.tradeloop.server.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The fields of a request that were derived or defaulted, grouped so that a rule applied to many list
 * items is reported once: {@code opportunities[0-9].fund_apr = fund_profit_8h x 1095}.
 */
final class Derivations {
    /** Where a field sits: a list item ({@code list}, {@code index}) or, with a null list, the top level. */
    record At(String list, int index) {
        String path(String field) {
            return list == null ? field : list + "[" + index + "]." + field;
        }
    }

    private record Key(String list, String field, String how) {
    }

    private final LinkedHashMap<Key, List<Integer>> groups = new LinkedHashMap<>();

    void add(At at, String field, String how) {
        groups.computeIfAbsent(new Key(at.list(), field, how), k -> new ArrayList<>(4)).add(at.index());
    }

    void add(String path, String how) {
        groups.computeIfAbsent(new Key(null, path, how), k -> new ArrayList<>(1)).add(-1);
    }

    List<String> render() {
        List<String> out = new ArrayList<>(groups.size());
        groups.forEach((k, idx) -> out.add(k.list() == null ? k.field() + " = " + k.how()
                : k.list() + "[" + ranges(idx) + "]." + k.field() + " = " + k.how()));
        return out;
    }

    /** 0,1,2,5 → "0-2,5". */
    static String ranges(List<Integer> sorted) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) j++;
            if (!sb.isEmpty()) sb.append(',');
            sb.append(sorted.get(i));
            if (j > i) sb.append('-').append(sorted.get(j));
            i = j + 1;
        }
        return sb.toString();
    }
}
