package io.tradeloop.rl.funding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.env.funding.EnvLayout;
import io.tradeloop.rl.ppo.LearningRateSchedule;
import io.tradeloop.rl.ppo.PpoConfig;
import io.tradeloop.rl.ppo.PpoConfigJson;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@code tradeloop train funding-arb} run is configured with, read from a JSON file whose keys
 * override these defaults (unknown keys are refused with their path):
 * <pre>
 * {"ppo": {... PpoConfig fields ...},
 *  "env": {"layout": "full" | "simple", "stepHours": 1, "feeRatePerSide": 0.001},
 *  "market": {"realShare": 0.5, "tapeHours": 2400, "episodesPerTape": 64},
 *  "curriculum": {"simpleUntil": 0.2, "sampledUntil": 0.5},
 *  "split": {"trainFrom": "2023-01-01", "trainTo": "2023-10-01", "testFrom": "2023-10-01", "testTo": "2024-01-01"},
 *  "checkpointEvery": 5}
 * </pre>
 *
 * @param ppo             PPO hyperparameters (the plan's: 16 envs × 2048 steps, batch 64, 10 epochs; observations normalised)
 * @param simpleLayout    the simple mode (1 opportunity, 1 position, 3 actions; an MLP) instead of the full contract
 * @param stepHours       hours per environment step
 * @param feeRatePerSide  fee per leg and trade
 * @param realShare       share of training episodes drawn from the real training months (the rest generated)
 * @param tapeHours       length of each generated tape
 * @param episodesPerTape episodes served by a generated tape before the next is made
 * @param simpleUntil     share of the run in the curriculum's first stage
 * @param sampledUntil    share of the run before the last stage
 * @param split           chronological train/test split
 * @param checkpointEvery updates between checkpoints
 */
public record FundingTrainConfig(PpoConfig ppo, boolean simpleLayout, int stepHours, double feeRatePerSide, double realShare,
                                 int tapeHours, int episodesPerTape, double simpleUntil, double sampledUntil,
                                 FundingData.Split split, int checkpointEvery) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public FundingTrainConfig {
        Checks.notNull("ppo", ppo);
        Checks.inRange("market.realShare", realShare, 0, 1);
        Checks.inRange("market.tapeHours", tapeHours, 24 * 14, 24 * 366 * 5);
        Checks.inRange("market.episodesPerTape", episodesPerTape, 1, 1_000_000);
        Checks.inRange("curriculum.simpleUntil", simpleUntil, 0, 1);
        Checks.inRange("curriculum.sampledUntil", sampledUntil, simpleUntil, 1);
        Checks.notNull("split", split);
        Checks.inRange("checkpointEvery", checkpointEvery, 1, 1_000_000);
    }

    /** The plan's PPO defaults with observation normalisation (features range from 1e-4 to 10). */
    public static FundingTrainConfig defaults() {
        PpoConfig ppo = PpoConfig.DEFAULT.toBuilder().normalizeObservations(true).schedule(LearningRateSchedule.LINEAR).build();
        return new FundingTrainConfig(ppo, false, 1, 0.001, 0.5, 2400, 64, 0.2, 0.5, FundingData.Split.defaults(), 5);
    }

    /** The environment config these settings make. */
    public EnvConfig envConfig() {
        EnvConfig c = EnvConfig.defaults().withStepHours(stepHours).withFeeRate(feeRatePerSide);
        return simpleLayout ? c.withLayout(EnvLayout.simple()) : c;
    }

    public FundingTrainConfig withTotalSteps(long steps) {
        return new FundingTrainConfig(ppo.toBuilder().totalSteps(steps).build(), simpleLayout, stepHours, feeRatePerSide, realShare,
                tapeHours, episodesPerTape, simpleUntil, sampledUntil, split, checkpointEvery);
    }

    /** Reads {@code json} over the defaults. */
    public static FundingTrainConfig read(String json) {
        return read(json, defaults());
    }

    public static FundingTrainConfig read(String json, FundingTrainConfig base) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (Exception e) {
            throw new ConfigException("config", "is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config", "must be a JSON object");
        }
        known(root, "", List.of("ppo", "env", "market", "curriculum", "split", "checkpointEvery"));
        PpoConfig ppo = root.has("ppo") ? PpoConfigJson.fromTree(root.get("ppo"), base.ppo()) : base.ppo();
        JsonNode env = obj(root, "env");
        known(env, "env.", List.of("layout", "stepHours", "feeRatePerSide"));
        JsonNode market = obj(root, "market");
        known(market, "market.", List.of("realShare", "tapeHours", "episodesPerTape"));
        JsonNode cur = obj(root, "curriculum");
        known(cur, "curriculum.", List.of("simpleUntil", "sampledUntil"));
        JsonNode split = obj(root, "split");
        known(split, "split.", List.of("trainFrom", "trainTo", "testFrom", "testTo"));
        String layout = env.path("layout").asText(base.simpleLayout() ? "simple" : "full");
        if (!layout.equals("full") && !layout.equals("simple")) {
            throw new ConfigException("env.layout", "value '" + layout + "' must be 'full' or 'simple'");
        }
        FundingData.Split s = new FundingData.Split(
                time(split, "trainFrom", base.split().trainFromMs()), time(split, "trainTo", base.split().trainToMs()),
                time(split, "testFrom", base.split().testFromMs()), time(split, "testTo", base.split().testToMs()));
        return new FundingTrainConfig(ppo, layout.equals("simple"), env.path("stepHours").asInt(base.stepHours()),
                env.path("feeRatePerSide").asDouble(base.feeRatePerSide()), market.path("realShare").asDouble(base.realShare()),
                market.path("tapeHours").asInt(base.tapeHours()), market.path("episodesPerTape").asInt(base.episodesPerTape()),
                cur.path("simpleUntil").asDouble(base.simpleUntil()), cur.path("sampledUntil").asDouble(base.sampledUntil()), s,
                root.path("checkpointEvery").asInt(base.checkpointEvery()));
    }

    /** This configuration as JSON (echoed into every checkpoint and report). */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.put("ppo", MAPPER.readTree(PpoConfigJson.write(ppo)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot echo the PPO config: " + e.getMessage(), e);
        }
        m.put("env", Map.of("layout", simpleLayout ? "simple" : "full", "stepHours", stepHours, "feeRatePerSide", feeRatePerSide));
        m.put("market", Map.of("realShare", realShare, "tapeHours", tapeHours, "episodesPerTape", episodesPerTape));
        m.put("curriculum", Map.of("simpleUntil", simpleUntil, "sampledUntil", sampledUntil));
        m.put("split", Map.of("trainFrom", TimeFormat.iso(split.trainFromMs()), "trainTo", TimeFormat.iso(split.trainToMs()),
                "testFrom", TimeFormat.iso(split.testFromMs()), "testTo", TimeFormat.iso(split.testToMs())));
        m.put("checkpointEvery", checkpointEvery);
        try {
            return MAPPER.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode obj(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null) {
            return MAPPER.createObjectNode();
        }
        if (!n.isObject()) {
            throw new ConfigException(key, "must be a JSON object");
        }
        return n;
    }

    private static void known(JsonNode node, String prefix, List<String> keys) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new ConfigException(prefix + k, "is not a known setting (allowed: " + keys + ")");
            }
        }
    }

    private static long time(JsonNode n, String key, long dflt) {
        return n.has(key) ? TimeFormat.parse(n.get(key).asText()) : dflt;
    }
}
