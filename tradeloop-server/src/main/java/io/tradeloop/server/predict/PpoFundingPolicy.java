package io.tradeloop.server.predict;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.checkpoint.CheckpointStore;
import io.tradeloop.rl.checkpoint.TrainingCheckpoint;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.env.funding.FundingSnapshots;
import io.tradeloop.rl.env.funding.FundingState;
import io.tradeloop.rl.env.funding.Opportunity;
import io.tradeloop.rl.env.funding.TradingConfig;
import io.tradeloop.rl.funding.FundingTrainConfig;
import io.tradeloop.rl.funding.FundingTraining;
import io.tradeloop.rl.nn.NetworkState;
import io.tradeloop.rl.nn.PolicyNetwork;
import io.tradeloop.rl.ppo.MaskedCategorical;
import io.tradeloop.rl.ppo.PpoConfigJson;
import io.tradeloop.server.agent.FundingAction;
import io.tradeloop.server.agent.ModelInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The trained PPO funding policy behind {@code POST /api/predict-multi} and the {@code ppo-funding} brain:
 * the request becomes the environment's own {@link FundingState} ({@link FundingSnapshots#state}), which
 * writes the 275-float observation and the 36-action mask with the code training used; the observation is
 * normalised with the run's statistics and the network ({@code FundingTraining.network}, the contract's
 * modular network) gives logits and the state value; probabilities are the masked softmax.
 *
 * <p>Networks reuse their buffers and are single-threaded, so the policy keeps one copy per worker and
 * requests borrow one.
 */
public final class PpoFundingPolicy implements FundingPolicy {
    private final EnvConfig env;
    private final ModelInfo info;
    private final double[] mean;
    private final double[] var;
    private final double clip;
    private final ArrayBlockingQueue<Worker> workers;

    private static final class Worker {
        final PolicyNetwork net;
        final float[] obs;
        final float[] input;
        final boolean[] mask;
        final float[] logits;
        final float[] value = new float[1];
        final double[] logp;

        Worker(PolicyNetwork net) {
            this.net = net;
            obs = new float[net.observationSize()];
            input = new float[net.observationSize()];
            mask = new boolean[net.actionCount()];
            logits = new float[net.actionCount()];
            logp = new double[net.actionCount()];
        }
    }

    /**
     * @param env      the environment the policy was trained for (its layout must be the full contract)
     * @param weights  the network's weights
     * @param mean     observation normaliser means (empty: none)
     * @param var      its variances
     * @param clip     clip of normalised observations
     * @param info     version and training time
     * @param copies   networks kept for concurrent requests
     */
    public PpoFundingPolicy(EnvConfig env, NetworkState weights, double[] mean, double[] var, double clip, ModelInfo info, int copies) {
        if (env.layout().actionCount() != FundingAction.COUNT || env.layout().opportunitySlots() != FundingAction.OPPORTUNITY_SLOTS) {
            throw new IllegalArgumentException("the serving policy needs the full funding layout (36 actions), got "
                    + env.layout().actionCount() + " actions");
        }
        this.env = env;
        this.info = info;
        this.mean = mean.clone();
        this.var = var.clone();
        this.clip = clip;
        this.workers = new ArrayBlockingQueue<>(copies);
        for (int i = 0; i < copies; i++) {
            PolicyNetwork net = FundingTraining.network(env, new Rng(0));
            net.load(weights);
            workers.add(new Worker(net));
        }
        if (this.mean.length != 0 && this.mean.length != env.layout().observationSize()) {
            throw new IllegalArgumentException("normaliser has " + this.mean.length + " features, the observation "
                    + env.layout().observationSize());
        }
    }

    /**
     * Loads the newest good checkpoint of a {@code tradeloop train funding-arb} run: {@code path} is a checkpoint
     * file or a checkpoint directory.
     *
     * @throws IllegalArgumentException when it is not a funding-arb checkpoint of the full layout or is unreadable
     */
    public static PpoFundingPolicy fromCheckpoint(Path path) {
        Path file;
        TrainingCheckpoint ck;
        if (Files.isDirectory(path)) {
            var loaded = new CheckpointStore(path, 2).latestGood()
                    .orElseThrow(() -> new IllegalArgumentException(path + " holds no readable checkpoint"));
            file = loaded.file();
            ck = loaded.checkpoint();
        } else {
            file = path;
            ck = CheckpointStore.load(path);
        }
        String echoed = ck.metadata().get("fundingConfig");
        if (echoed == null) {
            throw new IllegalArgumentException(file + " is not a funding-arb checkpoint (no fundingConfig in its metadata)");
        }
        EnvConfig env = FundingTrainConfig.read(echoed).envConfig();
        double clip = PpoConfigJson.read(ck.configJson()).observationClip();
        long trained;
        try {
            trained = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time of " + file, e);
        }
        var info = new ModelInfo("ppo-funding step " + ck.globalStep() + " (" + file.getFileName() + ", data "
                + ck.metadata().getOrDefault("dataHash", "?") + ")", trained, "masked PPO, modular network, " + ck.updates() + " updates");
        return new PpoFundingPolicy(env, ck.network(), ck.normalizerMean(), ck.normalizerVar(), clip, info,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    /** The environment configuration the policy was trained with. */
    public EnvConfig env() {
        return env;
    }

    @Override
    public PolicyOutput evaluate(NormalizedRequest req) {
        var cfg = req.config();
        var trading = new TradingConfig(cfg.maxLeverage(), cfg.targetUtilization(), cfg.maxPositions(), cfg.stopLossThreshold(),
                cfg.liquidationBuffer());
        var pf = req.portfolio();
        double hours = env.maxEpisodeHours();
        var account = new FundingSnapshots.PortfolioSnapshot(pf.initialCapital(), pf.availableCapital(), pf.maxDrawdownPct() / 100,
                pf.episodeProgress() * hours, hours, System.currentTimeMillis());
        List<FundingSnapshots.PositionSnapshot> positions = new ArrayList<>();
        for (int i = 0; i < req.positions().size(); i++) {
            var p = req.positions().get(i);
            double mid = (p.longEntryPrice() + p.shortEntryPrice()) / 2;
            positions.add(new FundingSnapshots.PositionSnapshot(i, p.longExchange() + ":" + p.symbol(), p.shortExchange() + ":" + p.symbol(),
                    p.positionSizeUsd(), p.leverage(), p.longEntryPrice(), p.shortEntryPrice(), p.longCurrentPrice(), p.shortCurrentPrice(),
                    p.longFundingRate(), p.shortFundingRate(), p.netFundingUsd(), p.entryFeesUsd(), p.entryFeesUsd(), p.hoursHeld(),
                    Math.abs(p.longEntryPrice() - p.shortEntryPrice()) / mid * 100));
        }
        List<Opportunity> opps = new ArrayList<>();
        IdentityHashMap<Opportunity, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < req.opportunities().size(); i++) {
            var o = req.opportunities().get(i);
            // percent → fraction for the 8 h differentials; percent → basis points for the spreads (× 100)
            var opp = new Opportunity(o.symbol(), o.longExchange() + ":" + o.symbol(), o.shortExchange() + ":" + o.symbol(),
                    o.longFundingRate(), o.shortFundingRate(), o.longFundingIntervalHours(), o.shortFundingIntervalHours(),
                    o.fundProfit8h24hProj() / 100, o.fundProfit8h3dProj() / 100, o.spread30SampleAvg() * 100,
                    o.priceSpread24hAvg() * 100, o.priceSpread3dAvg() * 100, o.spreadVolatilityStddev() * 100, o.volume24h(),
                    o.bidAskSpreadPct(), o.bidAskSpreadPct(), o.orderbookDepthUsd(), env.feeRatePerSide(), env.feeRatePerSide());
            opps.add(opp);
            index.put(opp, i);
        }
        FundingState state = FundingSnapshots.state(env, trading, account, positions, opps);
        int[] order = new int[FundingAction.OPPORTUNITY_SLOTS];
        java.util.Arrays.fill(order, -1);
        List<Opportunity> ranked = FundingSnapshots.ranked(env, opps);
        for (int i = 0; i < ranked.size(); i++) {
            order[i] = index.get(ranked.get(i));
        }
        Worker w = borrow();
        try {
            state.writeObservation(w.obs, 0);
            state.writeMask(w.mask, 0);
            for (int k = 0; k < w.input.length; k++) {
                w.input[k] = mean.length == 0 ? w.obs[k] : (float) Math.clamp((w.obs[k] - mean[k]) / Math.sqrt(var[k] + 1e-8), -clip, clip);
            }
            w.net.predict(w.input, 1, w.logits, w.value);
            MaskedCategorical.logSoftmax(w.logits, 0, w.mask, 0, w.logits.length, w.logp);
            double[] prob = new double[w.logits.length];
            for (int a = 0; a < prob.length; a++) {
                prob[a] = w.mask[a] ? Math.exp(w.logp[a]) : 0;
            }
            return new PolicyOutput(prob, w.mask.clone(), w.value[0], order);
        } finally {
            workers.add(w);
        }
    }

    private Worker borrow() {
        try {
            return workers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a policy worker", e);
        }
    }
}
