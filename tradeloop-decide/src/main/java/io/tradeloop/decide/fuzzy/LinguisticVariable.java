package io.tradeloop.decide.fuzzy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fuzzy variable: a name, a universe [min, max] (inputs are clamped into it) and named terms.
 *
 * @param name  e.g. {@code signal}
 * @param min   universe lower end
 * @param max   universe upper end
 * @param terms term name → membership, in declaration order
 */
public record LinguisticVariable(String name, double min, double max, Map<String, Membership> terms) {
    public LinguisticVariable {
        if (!(min < max)) {
            throw new IllegalArgumentException("variable " + name + ": universe [" + min + ", " + max + "] is empty");
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("variable " + name + " has no terms");
        }
        terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }

    public Membership term(String term) {
        Membership m = terms.get(term);
        if (m == null) {
            throw new IllegalArgumentException("variable " + name + " has no term '" + term + "' (terms: " + List.copyOf(terms.keySet()) + ")");
        }
        return m;
    }

    public double clamp(double x) {
        return Math.max(min, Math.min(max, x));
    }
}
