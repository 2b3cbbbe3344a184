package io.tradeloop.decide.fuzzy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fuzzy variables and rules, read from a plain-text file a person can review:
 * <pre>
 * # comment
 * input signal -1 1
 *   term short trapezoid -1 -1 -0.6 -0.1
 *   term flat  triangle -0.3 0 0.3
 * output action -1 1
 *   term long triangle 0.2 0.6 1
 * rule if signal is long and agreement is high then action is long
 * rule if regime is not trend or volatility is extreme then action is flat
 * </pre>
 * Errors name the source, the line number and what was expected.
 *
 * @param inputs the input variables, in the order {@link MamdaniEngine#evaluate} takes them
 * @param output the output variable
 * @param rules  the rules, in file order
 */
public record RuleBase(List<LinguisticVariable> inputs, LinguisticVariable output, List<FuzzyRule> rules) {
    public RuleBase {
        inputs = List.copyOf(inputs);
        rules = List.copyOf(rules);
        if (inputs.isEmpty() || output == null || rules.isEmpty()) {
            throw new IllegalArgumentException("a rule base needs inputs, an output and rules");
        }
    }

    public List<String> inputNames() {
        return inputs.stream().map(LinguisticVariable::name).toList();
    }

    public int inputIndex(String name) {
        for (int i = 0; i < inputs.size(); i++) if (inputs.get(i).name().equals(name)) return i;
        throw new IllegalArgumentException("no input variable '" + name + "' (inputs: " + inputNames() + ")");
    }

    /** The rule base shipped with tradeloop: {@code directional.fuzzy} on the class path. */
    public static RuleBase directional() {
        return fromResource("/io/tradeloop/decide/fuzzy/directional.fuzzy");
    }

    public static RuleBase fromResource(String resource) {
        try (InputStream in = RuleBase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no rule base resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule base " + resource, e);
        }
    }

    public static RuleBase fromFile(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule base " + file, e);
        }
    }

    /** Parses the text format above; {@code source} names it in errors. */
    public static RuleBase parse(String text, String source) {
        List<LinguisticVariable> inputs = new ArrayList<>();
        LinguisticVariable output = null;
        List<FuzzyRule> rules = new ArrayList<>();
        String varName = null;
        boolean varIsOutput = false;
        double vmin = 0;
        double vmax = 0;
        Map<String, Membership> terms = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int ln = 0; ln <= lines.length; ln++) {
            String line = ln < lines.length ? stripComment(lines[ln]).trim() : "";
            String[] tok = line.isEmpty() ? new String[0] : line.split("\\s+");
            boolean closesVariable = ln == lines.length || (tok.length > 0 && !tok[0].equalsIgnoreCase("term"));
            if (closesVariable && varName != null) {
                var v = new LinguisticVariable(varName, vmin, vmax, terms);
                if (varIsOutput) {
                    if (output != null) throw error(source, ln, "a second output variable '" + varName + "' (only one is allowed)");
                    output = v;
                } else {
                    inputs.add(v);
                }
                varName = null;
                terms = new LinkedHashMap<>();
            }
            if (tok.length == 0) continue;
            String kw = tok[0].toLowerCase(Locale.ROOT);
            switch (kw) {
                case "input", "output" -> {
                    if (tok.length != 4) throw error(source, ln + 1, "'" + kw + " NAME MIN MAX', got '" + line + "'");
                    varName = tok[1];
                    varIsOutput = kw.equals("output");
                    vmin = number(tok[2], source, ln + 1);
                    vmax = number(tok[3], source, ln + 1);
                }
                case "term" -> {
                    if (varName == null) throw error(source, ln + 1, "a term inside an input or output block");
                    if (tok.length < 3) throw error(source, ln + 1, "'term NAME triangle A B C' or 'term NAME trapezoid A B C D'");
                    String shape = tok[2].toLowerCase(Locale.ROOT);
                    int need = shape.equals("triangle") ? 3 : shape.equals("trapezoid") ? 4 : -1;
                    if (need < 0) throw error(source, ln + 1, "shape triangle or trapezoid, got '" + tok[2] + "'");
                    if (tok.length != 3 + need) throw error(source, ln + 1, shape + " takes " + need + " numbers, got " + (tok.length - 3));
                    double[] p = new double[need];
                    for (int i = 0; i < need; i++) p[i] = number(tok[3 + i], source, ln + 1);
                    try {
                        terms.put(tok[1], need == 3 ? new Membership.Triangle(p[0], p[1], p[2]) : new Membership.Trapezoid(p[0], p[1], p[2], p[3]));
                    } catch (IllegalArgumentException e) {
                        throw error(source, ln + 1, e.getMessage());
                    }
                }
                case "rule" -> rules.add(parseRule(tok, line, source, ln + 1));
                default -> throw error(source, ln + 1, "input, output, term or rule, got '" + tok[0] + "'");
            }
        }
        if (output == null) throw error(source, lines.length, "an output variable");
        var rb = new RuleBase(inputs, output, rules);
        for (int i = 0; i < rules.size(); i++) {
            FuzzyRule r = rules.get(i);
            for (FuzzyRule.Clause c : r.clauses()) {
                try {
                    rb.inputs().get(rb.inputIndex(c.variable())).term(c.term());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ": rule '" + r.text() + "': " + e.getMessage(), e);
                }
            }
            if (!r.outputVariable().equals(output.name())) {
                throw new IllegalArgumentException(source + ": rule '" + r.text() + "' concludes on '" + r.outputVariable()
                        + "', the output variable is '" + output.name() + "'");
            }
            try {
                output.term(r.outputTerm());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": rule '" + r.text() + "': " + e.getMessage(), e);
            }
        }
        return rb;
    }

    private static FuzzyRule parseRule(String[] tok, String line, String source, int ln) {
        // rule if V is [not] T (and|or V is [not] T)* then OUT is T
        int i = 1;
        if (tok.length < 2 || !tok[i].equalsIgnoreCase("if")) throw error(source, ln, "'rule if ...', got '" + line + "'");
        i++;
        List<FuzzyRule.Clause> clauses = new ArrayList<>();
        Boolean anyOf = null;
        while (true) {
            if (i + 2 >= tok.length) throw error(source, ln, "'VARIABLE is TERM' in '" + line + "'");
            String var = tok[i];
            if (!tok[i + 1].equalsIgnoreCase("is")) throw error(source, ln, "'is' after '" + var + "' in '" + line + "'");
            boolean neg = tok[i + 2].equalsIgnoreCase("not");
            int t = i + (neg ? 3 : 2);
            if (t >= tok.length) throw error(source, ln, "a term after 'is' in '" + line + "'");
            clauses.add(new FuzzyRule.Clause(var, tok[t], neg));
            i = t + 1;
            if (i >= tok.length) throw error(source, ln, "'then' in '" + line + "'");
            String conn = tok[i].toLowerCase(Locale.ROOT);
            if (conn.equals("then")) break;
            if (!conn.equals("and") && !conn.equals("or")) throw error(source, ln, "'and', 'or' or 'then', got '" + tok[i] + "'");
            boolean isOr = conn.equals("or");
            if (anyOf != null && anyOf != isOr) throw error(source, ln, "one connective per rule (and/or are mixed in '" + line + "')");
            anyOf = isOr;
            i++;
        }
        if (i + 4 != tok.length || !tok[i + 2].equalsIgnoreCase("is")) throw error(source, ln, "'then OUTPUT is TERM' at the end of '" + line + "'");
        return new FuzzyRule(clauses, anyOf != null && anyOf, tok[i + 1], tok[i + 3], line);
    }

    private static String stripComment(String s) {
        int k = s.indexOf('#');
        return k < 0 ? s : s.substring(0, k);
    }

    private static double number(String s, String source, int ln) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(source, ln, "a number, got '" + s + "'");
        }
    }

    private static IllegalArgumentException error(String source, int line, String expected) {
        return new IllegalArgumentException(source + " line " + line + ": expected " + expected);
    }
}
