package io.tradeloop.cli.env;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.env.funding.EnvLayout;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.env.funding.ObservationLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tradeloop env describe funding-arb [--json] [--simple]}: the observation layout (name, index range,
 * formula, unit) and the action table, generated from {@link ObservationLayout}, the constants the observation
 * writers index with.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Print an environment's observation layout and action table.")
public final class EnvDescribeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Environment name (funding-arb).")
    String name;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = "--simple", description = "The simple mode (1 opportunity, 1 position, 3 actions).")
    boolean simple;

    @Option(names = "--expand", description = "List every slot's features (default: one row per feature with its index range).")
    boolean expand;

    @Override
    public Integer call() throws Exception {
        if (!FundingArbitrageEnv.NAME.equals(name)) {
            throw new IllegalArgumentException("unknown environment '" + name + "' (known: " + FundingArbitrageEnv.NAME + ")");
        }
        EnvConfig c = simple ? EnvConfig.simple() : EnvConfig.defaults();
        EnvLayout layout = c.layout();
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> features = grouped(layout);
        List<Map<String, Object>> actions = new ArrayList<>();
        for (var a : ObservationLayout.actions(layout)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", a.index());
            m.put("name", a.name());
            m.put("kind", a.kind());
            if (a.slot() >= 0) m.put("slot", a.slot());
            if (a.sizeFraction() > 0) m.put("sizeFraction", a.sizeFraction());
            m.put("description", a.description());
            actions.add(m);
        }
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("name", FundingArbitrageEnv.NAME);
            root.put("mode", simple ? "simple" : "full");
            root.put("observationSize", layout.observationSize());
            root.put("actionCount", layout.actionCount());
            root.put("blocks", blocks(layout));
            root.put("features", expand ? expanded(layout) : features);
            root.put("actions", actions);
            root.put("sizing", "max_size = available_capital x target_utilization / max_positions (USD per leg); entry = size fraction x max_size");
            root.put("reward", Map.of(
                    "formula", "3 x step P&L / initial capital x 100 - 3 x entry fees / size x 100 (on entries) "
                            + "- 20 x (0.15 - min_liquidation_distance) (when below 0.15) - 2 (when a position breaches its stop-loss)",
                    "constants", c.reward()));
            root.put("episode", Map.of("minHours", c.minEpisodeHours(), "maxHours", c.maxEpisodeHours(), "terminateAtDrawdown", c.maxDrawdown(),
                    "stepHours", c.stepHours()));
            root.put("costs", Map.of("feeRatePerSide", c.feeRatePerSide(), "spreadCrossing", "half the modelled bid-ask per leg and trade"));
            root.put("liquidityModel", c.liquidity());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        } else {
            out.printf(Locale.ROOT, "%s (%s mode): %d floats, %d actions%n%n", FundingArbitrageEnv.NAME, simple ? "simple" : "full",
                    layout.observationSize(), layout.actionCount());
            out.println("| index | feature | formula | unit |");
            out.println("|---|---|---|---|");
            for (var f : features) {
                out.printf("| %s | %s | %s | %s |%n", f.get("indices"), f.get("name"), f.get("formula"), f.get("unit"));
            }
            out.println();
            out.println("| action | name | effect |");
            out.println("|---|---|---|");
            for (var a : actions) {
                out.printf("| %s | %s | %s |%n", a.get("index"), a.get("name"), a.get("description"));
            }
        }
        out.flush();
        return 0;
    }

    private static List<Map<String, Object>> blocks(EnvLayout l) {
        List<Map<String, Object>> b = new ArrayList<>();
        b.add(block("config", 0, EnvLayout.CONFIG_FEATURES, 1));
        b.add(block("portfolio", l.portfolioOffset(), EnvLayout.PORTFOLIO_FEATURES, 1));
        b.add(block("executions", l.executionOffset(), EnvLayout.EXECUTION_FEATURES, l.executionSlots()));
        b.add(block("opportunities", l.opportunityOffset(), EnvLayout.OPPORTUNITY_FEATURES, l.opportunitySlots()));
        return b;
    }

    private static Map<String, Object> block(String name, int offset, int features, int slots) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("offset", offset);
        m.put("slots", slots);
        m.put("featuresPerSlot", features);
        m.put("size", slots * features);
        return m;
    }

    /** One row per feature name: the indices of all its slots (e.g. 16, 28, 40, 52, 64). */
    private static List<Map<String, Object>> grouped(EnvLayout layout) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        Map<String, List<Integer>> indices = new LinkedHashMap<>();
        for (var f : ObservationLayout.features(layout)) {
            String key = f.slot() < 0 ? f.block() + "." + f.name() : f.block() + "[i]." + f.name();
            indices.computeIfAbsent(key, k -> new ArrayList<>()).add(f.index());
            rows.computeIfAbsent(key, k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", k);
                m.put("formula", f.formula());
                m.put("unit", f.unit());
                m.put("modelled", f.modelled());
                return m;
            });
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : rows.entrySet()) {
            List<Integer> idx = indices.get(e.getKey());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("indices", idx.size() == 1 ? String.valueOf(idx.getFirst())
                    : idx.getFirst() + ".." + idx.getLast() + " step " + (idx.get(1) - idx.get(0)));
            m.putAll(e.getValue());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> expanded(EnvLayout layout) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (var f : ObservationLayout.features(layout)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", f.index());
            m.put("name", f.qualifiedName());
            m.put("formula", f.formula());
            m.put("unit", f.unit());
            m.put("modelled", f.modelled());
            out.add(m);
        }
        return out;
    }
}
