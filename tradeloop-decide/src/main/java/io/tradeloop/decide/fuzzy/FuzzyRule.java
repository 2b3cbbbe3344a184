package io.tradeloop.decide.fuzzy;

import java.util.List;

/**
 * IF clause (AND|OR clause)* THEN output IS term: AND takes the minimum of the clause degrees, OR the
 * maximum (one connective per rule); a NOT clause uses 1 − degree.
 *
 * @param clauses    the antecedent
 * @param anyOf      true for OR, false for AND
 * @param outputVariable the output variable's name
 * @param outputTerm the consequent term of the output variable
 * @param text       the rule as written, for the decision record
 */
public record FuzzyRule(List<Clause> clauses, boolean anyOf, String outputVariable, String outputTerm, String text) {
    public FuzzyRule {
        clauses = List.copyOf(clauses);
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("rule '" + text + "' has no condition");
        }
    }

    /** "variable IS [NOT] term". */
    public record Clause(String variable, String term, boolean negated) {
    }
}
