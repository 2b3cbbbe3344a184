package io.tradeloop.decide.fuzzy;

import java.util.Arrays;
import java.util.List;

/**
 * A Mamdani fuzzy inference engine (Mamdani and Assilian 1975): fuzzify each input by its terms,
 * fire each rule with min (AND) / max (OR), clip the rule's output term at its firing strength (min
 * implication), aggregate the clipped terms with max, and defuzzify by the centroid
 * Σ x·μ(x) / Σ μ(x) over {@code resolution} evenly spaced points of the output universe. When no rule
 * fires the output is NaN (the caller decides what "no opinion" means).
 *
 * <p>Compiled once from a {@link RuleBase}; {@link #evaluate} allocates nothing. Not thread-safe (scratch state).
 */
public final class MamdaniEngine {
    private final RuleBase ruleBase;
    private final Membership[][] clauseTerm;
    private final int[][] clauseInput;
    private final boolean[][] clauseNegated;
    private final boolean[] anyOf;
    private final int[] outputTerm;
    private final double[] grid;
    private final double[][] termOnGrid;
    private final double[] strength;
    private final double[] termLevel;
    private final double[] clamped;

    public MamdaniEngine(RuleBase ruleBase, int resolution) {
        if (resolution < 11 || resolution > 100_001) {
            throw new IllegalArgumentException("resolution must be in [11, 100001], got " + resolution);
        }
        this.ruleBase = ruleBase;
        List<LinguisticVariable> in = ruleBase.inputs();
        LinguisticVariable out = ruleBase.output();
        List<String> outTerms = List.copyOf(out.terms().keySet());
        int r = ruleBase.rules().size();
        clauseTerm = new Membership[r][];
        clauseInput = new int[r][];
        clauseNegated = new boolean[r][];
        anyOf = new boolean[r];
        outputTerm = new int[r];
        for (int i = 0; i < r; i++) {
            FuzzyRule rule = ruleBase.rules().get(i);
            int c = rule.clauses().size();
            clauseTerm[i] = new Membership[c];
            clauseInput[i] = new int[c];
            clauseNegated[i] = new boolean[c];
            for (int j = 0; j < c; j++) {
                FuzzyRule.Clause cl = rule.clauses().get(j);
                int v = ruleBase.inputIndex(cl.variable());
                clauseInput[i][j] = v;
                clauseTerm[i][j] = in.get(v).term(cl.term());
                clauseNegated[i][j] = cl.negated();
            }
            anyOf[i] = rule.anyOf();
            out.term(rule.outputTerm());
            outputTerm[i] = outTerms.indexOf(rule.outputTerm());
        }
        grid = new double[resolution];
        termOnGrid = new double[outTerms.size()][resolution];
        for (int g = 0; g < resolution; g++) {
            grid[g] = out.min() + (out.max() - out.min()) * g / (resolution - 1);
            for (int t = 0; t < outTerms.size(); t++) termOnGrid[t][g] = out.term(outTerms.get(t)).degree(grid[g]);
        }
        strength = new double[r];
        termLevel = new double[outTerms.size()];
        clamped = new double[in.size()];
    }

    public RuleBase ruleBase() {
        return ruleBase;
    }

    /** The crisp output for inputs in the rule base's input order (each clamped to its universe). */
    public double evaluate(double... inputs) {
        var in = ruleBase.inputs();
        if (inputs.length != in.size()) {
            throw new IllegalArgumentException("the rule base has " + in.size() + " inputs " + ruleBase.inputNames() + ", got " + inputs.length);
        }
        for (int v = 0; v < inputs.length; v++) {
            if (Double.isNaN(inputs[v])) {
                throw new IllegalArgumentException("fuzzy input " + in.get(v).name() + " is NaN");
            }
            clamped[v] = in.get(v).clamp(inputs[v]);
        }
        Arrays.fill(termLevel, 0);
        for (int i = 0; i < strength.length; i++) {
            double s = anyOf[i] ? 0 : 1;
            for (int j = 0; j < clauseTerm[i].length; j++) {
                double d = clauseTerm[i][j].degree(clamped[clauseInput[i][j]]);
                if (clauseNegated[i][j]) d = 1 - d;
                s = anyOf[i] ? Math.max(s, d) : Math.min(s, d);
            }
            strength[i] = s;
            if (s > termLevel[outputTerm[i]]) termLevel[outputTerm[i]] = s; // max aggregation per output term
        }
        double num = 0;
        double den = 0;
        for (int g = 0; g < grid.length; g++) {
            double mu = 0;
            for (int t = 0; t < termLevel.length; t++) {
                double clipped = Math.min(termLevel[t], termOnGrid[t][g]);
                if (clipped > mu) mu = clipped;
            }
            num += grid[g] * mu;
            den += mu;
        }
        return den > 0 ? num / den : Double.NaN;
    }

    /** The firing strength of rule {@code i} in the last evaluation. */
    public double ruleStrength(int i) {
        return strength[i];
    }

    /** A copy of all rules' firing strengths from the last evaluation (for the decision record). */
    public double[] ruleStrengths() {
        return strength.clone();
    }
}
