package io.tradeloop.rl.nn;

import io.tradeloop.core.random.Rng;

import java.util.Arrays;

import static io.tradeloop.rl.nn.ModularNetworkSpec.ATTENTION_HEADS;
import static io.tradeloop.rl.nn.ModularNetworkSpec.CONFIG_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.EXECUTION_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_IN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_OUT;
import static io.tradeloop.rl.nn.ModularNetworkSpec.HEAD_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.LAYER_NORM_EPS;
import static io.tradeloop.rl.nn.ModularNetworkSpec.OPPORTUNITY_EMBED;
import static io.tradeloop.rl.nn.ModularNetworkSpec.OPPORTUNITY_OUT;
import static io.tradeloop.rl.nn.ModularNetworkSpec.PORTFOLIO_HIDDEN;

/**
 * The plan's {@code ModularPPONetwork}, hand-written for the JVM with a fused forward and backward
 * (the reference implementation in DJL is {@code io.tradeloop.rl.djl.DjlModularPPONetwork}; a test holds
 * outputs and gradients of the two within 1e-5).
 *
 * <pre>
 * config 5 -> Linear 16, ReLU                         portfolio 10 -> Linear 32, ReLU
 * executions 5 x 12 -> Linear 24, ReLU per slot -> max over slots (24)
 * opportunities 10 x 20 -> Linear 40, ReLU -> 4-head self-attention (40) -> mean over slots -> Linear 64, ReLU
 * fusion: concat 136 -> Linear 128, LayerNorm, ReLU, Dropout -> Linear 64, LayerNorm, ReLU
 * actor 64 -> Linear 32, ReLU -> Linear 36 (logits)    critic 64 -> Linear 32, ReLU -> Linear 1
 * </pre>
 *
 * <p>Fusion: the attention output is only used through its mean over slots, and the value and output
 * projections are linear, so {@code mean_t(out(sum_u A[t,u] v_u)) = out(v(sum_u abar_u h_u))} with
 * {@code abar_u = mean_t A[t,u]} (the attention rows sum to one, so the value bias passes unchanged).
 * That removes the per-slot value and output projections (a quarter of the arithmetic) without changing
 * the function. Each layer runs over the whole batch through {@link Kernels} (SIMD through the Vector
 * API when the JVM has it); weights are stored {@code [in][out]}, one array per row. Single-threaded;
 * buffers grow to the largest batch seen and are reused.
 */
public final class ModularPPONetwork implements PolicyNetwork {
    private static final int HEAD_DIM = OPPORTUNITY_EMBED / ATTENTION_HEADS;

    private final ModularNetworkSpec spec;
    private final int obsSize;
    private final int actions;
    private final int slotsE;
    private final int slotsO;
    private final float attentionScale;
    private final Rng dropoutRng;
    private final float dropout;
    private final float keepScale;

    private final Parameters params = new Parameters();
    private final Dense config;
    private final Dense portfolio;
    private final Dense execution;
    private final Dense embed;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense attnOut;
    private final Dense oppFc;
    private final Dense fusion0;
    private final ParameterTensor ln0Gamma;
    private final ParameterTensor ln0Beta;
    private final Dense fusion1;
    private final ParameterTensor ln1Gamma;
    private final ParameterTensor ln1Beta;
    private final Dense actor0;
    private final Dense actor1;
    private final Dense critic0;
    private final Dense critic1;

    private final Kernels kernels;

    // activations, one row per sample (or per sample x slot); grown to the largest batch seen
    private int capacity;
    private int lastBatch = -1;
    private float[][] obsRows;   // [B][obs]
    private float[][] exIn;      // [B*S][12] execution slot inputs
    private float[][] oppIn;     // [B*T][20] opportunity slot inputs
    private float[][] fin;       // [B][136]: config 16 | portfolio 32 | executions 24 | opportunities 64 (post-ReLU)
    private float[][] exEnc;     // [B*S][24] post-ReLU slot encodings
    private int[][] exArg;       // [B][24] slot holding the max
    private float[][] h;         // [B*T][40] embedded opportunities (post-ReLU)
    private float[][] q;         // [B*T][40]
    private float[][] k;         // [B*T][40]
    private float[][] attn;      // [B*T][heads*T] softmax weights of query t, all heads
    private float[][] abar;      // [B][heads*T] mean attention each slot receives, per head
    private float[][] hbar;      // [B*heads][40] attention-weighted mean of h per head
    private float[][][] hBy;     // views per sample: hBy[b][t] == h[b*T+t]
    private float[][][] qBy;
    private float[][][] kBy;
    private float[][][] attnBy;
    private float[][][] hbarBy;
    private float[][][] dHBy;
    private float[][][] dQBy;
    private float[][][] dKBy;
    private float[][] ctx;       // [B][40] mean attention output before the output projection
    private float[][] pooled;    // [B][40] mean attention output after the output projection
    private float[][] xhat0;     // [B][128] fusion.0 output, normalised in place
    private float[] rstd0;       // [B]
    private float[][] act0;      // [B][128] after LayerNorm + ReLU
    private float[][] dropMask;  // [B][128] 0 or 1/(1-p)
    private float[][] drop0;     // [B][128] after dropout (input to fusion.1)
    private float[][] xhat1;     // [B][64]
    private float[] rstd1;       // [B]
    private float[][] feat;      // [B][64] fused features
    private float[][] actorH;    // [B][32]
    private float[][] criticH;   // [B][32]
    private float[][] logitRows; // [B][actions]
    private float[][] valueRows; // [B][1]
    // gradients
    private float[][] dLog;
    private float[][] dVal;
    private float[][] dActorH;
    private float[][] dCriticH;
    private float[][] dFeat;
    private float[][] dZ1;
    private float[][] dD0;
    private float[][] dZ0;
    private float[][] dFin;
    private float[][] dEx;
    private float[][] dPooled;
    private float[][] dCtx;
    private float[][] dH;
    private float[][] dQ;
    private float[][] dK;

    private final AttentionScratch[] scratch = new AttentionScratch[2];
    private final double[] gradSquares = new double[2];
    private final int threads;
    private java.util.concurrent.ExecutorService worker;

    /** Per-thread scratch of the attention (block-diagonal matrices keep their zero blocks). */
    private static final class AttentionScratch {
        final float[][] kBlock;   // [40][heads*T]: kBlock[h*D+j][h*T+u] = K[u][h*D+j]
        final float[][] kBlockT;  // [heads*T][40]: kBlockT[h*T+u][h*D+j] = K[u][h*D+j]
        final float[][] scores;   // [T][heads*T]
        final float[][] abarRows; // [heads][T]
        final float[][] abarT;    // [T][heads]
        final float[][] headCtx;  // [heads][40]
        final float[][] dCtxHead; // [heads][40]: dCtx restricted to each head's columns
        final float[][] dHbar;    // [heads][40]
        final float[][] dHbarT;   // [40][heads]
        final float[][] dAbarT;   // [T][heads]
        final float[] dA;         // [heads*T]
        final float[][] dS;       // [T][heads*T]
        final float[][] dST;      // [heads*T][T]
        final float[][] dKFull;   // [heads*T][40]

        AttentionScratch(int slotsO) {
            int ht = ATTENTION_HEADS * slotsO;
            kBlock = new float[OPPORTUNITY_EMBED][pad(ht)];
            kBlockT = new float[ht][pad(OPPORTUNITY_EMBED)];
            scores = new float[slotsO][pad(ht)];
            abarRows = new float[ATTENTION_HEADS][pad(slotsO)];
            abarT = new float[slotsO][pad(ATTENTION_HEADS)];
            headCtx = new float[ATTENTION_HEADS][pad(OPPORTUNITY_EMBED)];
            dCtxHead = new float[ATTENTION_HEADS][pad(OPPORTUNITY_EMBED)];
            dHbar = new float[ATTENTION_HEADS][pad(OPPORTUNITY_EMBED)];
            dHbarT = new float[OPPORTUNITY_EMBED][pad(ATTENTION_HEADS)];
            dAbarT = new float[slotsO][pad(ATTENTION_HEADS)];
            dA = new float[ht];
            dS = new float[slotsO][pad(ht)];
            dST = new float[ht][pad(slotsO)];
            dKFull = new float[ht][pad(OPPORTUNITY_EMBED)];
        }
    }

    /** A freshly initialised single-threaded network; {@code rng} draws the weights and, later, the dropout masks. */
    public ModularPPONetwork(ModularNetworkSpec spec, Rng rng) {
        this(spec, rng, 1);
    }

    /**
     * A freshly initialised network computing batches of 32 rows or more on {@code threads} (1 or 2)
     * threads: each takes half the rows and its own gradient buffers, which are then added in a fixed
     * order, so results are deterministic (they differ from one thread's only in rounding).
     */
    public ModularPPONetwork(ModularNetworkSpec spec, Rng rng, int threads) {
        this(spec, rng, threads, Kernels.best());
    }

    /** With explicit kernels (tests compare the vector and scalar arithmetic). */
    ModularPPONetwork(ModularNetworkSpec spec, Rng rng, int threads, Kernels kernels) {
        io.tradeloop.core.config.Checks.inRange("threads", threads, 1, 2);
        this.kernels = kernels;
        this.spec = spec;
        obsSize = spec.observationSize();
        actions = spec.actions();
        slotsE = spec.executionSlots();
        slotsO = spec.opportunitySlots();
        attentionScale = (float) (1.0 / Math.sqrt(HEAD_DIM));
        dropout = (float) spec.fusionDropout();
        keepScale = dropout > 0 ? 1f / (1f - dropout) : 1f;

        config = params.dense("config", spec.configFeatures(), CONFIG_HIDDEN);
        portfolio = params.dense("portfolio", spec.portfolioFeatures(), PORTFOLIO_HIDDEN);
        execution = params.dense("execution", spec.executionFeatures(), EXECUTION_HIDDEN);
        embed = params.dense("opportunity.embed", spec.opportunityFeatures(), OPPORTUNITY_EMBED);
        query = params.dense("opportunity.attn.q", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED);
        key = params.dense("opportunity.attn.k", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED);
        value = params.dense("opportunity.attn.v", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED);
        attnOut = params.dense("opportunity.attn.out", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED);
        oppFc = params.dense("opportunity.fc", OPPORTUNITY_EMBED, OPPORTUNITY_OUT);
        fusion0 = params.dense("fusion.0", FUSION_IN, FUSION_HIDDEN);
        ln0Gamma = params.vector("fusion.ln0.weight", FUSION_HIDDEN, 1f);
        ln0Beta = params.vector("fusion.ln0.bias", FUSION_HIDDEN, 0f);
        fusion1 = params.dense("fusion.1", FUSION_HIDDEN, FUSION_OUT);
        ln1Gamma = params.vector("fusion.ln1.weight", FUSION_OUT, 1f);
        ln1Beta = params.vector("fusion.ln1.bias", FUSION_OUT, 0f);
        actor0 = params.dense("actor.0", FUSION_OUT, HEAD_HIDDEN);
        actor1 = params.dense("actor.1", HEAD_HIDDEN, actions);
        critic0 = params.dense("critic.0", FUSION_OUT, HEAD_HIDDEN);
        critic1 = params.dense("critic.1", HEAD_HIDDEN, 1);
        initialise(rng);
        dropoutRng = rng.split();

        this.threads = threads;
        scratch[0] = new AttentionScratch(slotsO);
        if (threads == 2) {
            scratch[1] = new AttentionScratch(slotsO);
        }
        ensureCapacity(1);
    }

    /**
     * PyTorch's defaults (nn.Linear: U(+-1/sqrt(in)); nn.MultiheadAttention: Xavier-uniform in-projection,
     * zero projection biases) except the actor's last layer, scaled by 0.01 so the first policy is near
     * uniform (CleanRL's practice for PPO).
     */
    private void initialise(Rng rng) {
        for (Dense d : new Dense[] {config, portfolio, execution, embed, attnOut, oppFc, fusion0, fusion1, actor0,
                critic0, critic1}) {
            d.init(rng, 1.0);
        }
        actor1.init(rng, 0.01);
        double xavier = Math.sqrt(6.0 / (OPPORTUNITY_EMBED + 3 * OPPORTUNITY_EMBED));
        for (Dense d : new Dense[] {query, key, value}) {
            d.w.uniform(rng, xavier);
            d.b.fill(0f);
            d.syncMirror();
        }
        attnOut.b.fill(0f);
    }

    private void ensureCapacity(int batch) {
        if (batch <= capacity) {
            return;
        }
        int c = Math.max(batch, capacity * 2);
        capacity = c;
        obsRows = new float[c][pad(obsSize)];
        exIn = new float[c * slotsE][pad(spec.executionFeatures())];
        oppIn = new float[c * slotsO][pad(spec.opportunityFeatures())];
        fin = new float[c][pad(FUSION_IN)];
        exEnc = new float[c * slotsE][pad(EXECUTION_HIDDEN)];
        exArg = new int[c][EXECUTION_HIDDEN];
        h = new float[c * slotsO][pad(OPPORTUNITY_EMBED)];
        q = new float[c * slotsO][pad(OPPORTUNITY_EMBED)];
        k = new float[c * slotsO][pad(OPPORTUNITY_EMBED)];
        attn = new float[c * slotsO][pad(ATTENTION_HEADS * slotsO)];
        abar = new float[c][pad(ATTENTION_HEADS * slotsO)];
        hbar = new float[c * ATTENTION_HEADS][pad(OPPORTUNITY_EMBED)];
        ctx = new float[c][pad(OPPORTUNITY_EMBED)];
        pooled = new float[c][pad(OPPORTUNITY_EMBED)];
        xhat0 = new float[c][pad(FUSION_HIDDEN)];
        rstd0 = new float[c];
        act0 = new float[c][pad(FUSION_HIDDEN)];
        dropMask = new float[c][pad(FUSION_HIDDEN)];
        drop0 = new float[c][pad(FUSION_HIDDEN)];
        xhat1 = new float[c][pad(FUSION_OUT)];
        rstd1 = new float[c];
        feat = new float[c][pad(FUSION_OUT)];
        actorH = new float[c][pad(HEAD_HIDDEN)];
        criticH = new float[c][pad(HEAD_HIDDEN)];
        logitRows = new float[c][pad(actions)];
        valueRows = new float[c][pad(1)];
        dLog = new float[c][pad(actions)];
        dVal = new float[c][pad(1)];
        dActorH = new float[c][pad(HEAD_HIDDEN)];
        dCriticH = new float[c][pad(HEAD_HIDDEN)];
        dFeat = new float[c][pad(FUSION_OUT)];
        dZ1 = new float[c][pad(FUSION_OUT)];
        dD0 = new float[c][pad(FUSION_HIDDEN)];
        dZ0 = new float[c][pad(FUSION_HIDDEN)];
        dFin = new float[c][pad(FUSION_IN)];
        dEx = new float[c * slotsE][pad(EXECUTION_HIDDEN)];
        dPooled = new float[c][pad(OPPORTUNITY_EMBED)];
        dCtx = new float[c][pad(OPPORTUNITY_EMBED)];
        dH = new float[c * slotsO][pad(OPPORTUNITY_EMBED)];
        dQ = new float[c * slotsO][pad(OPPORTUNITY_EMBED)];
        dK = new float[c * slotsO][pad(OPPORTUNITY_EMBED)];
        hBy = views(h, c, slotsO);
        qBy = views(q, c, slotsO);
        kBy = views(k, c, slotsO);
        attnBy = views(attn, c, slotsO);
        hbarBy = views(hbar, c, ATTENTION_HEADS);
        dHBy = views(dH, c, slotsO);
        dQBy = views(dQ, c, slotsO);
        dKBy = views(dK, c, slotsO);
    }

    private static int pad(int n) {
        return ParameterTensor.pad(n);
    }

    /** Per-sample views of a [c * n][...] row array: views[b][i] is rows[b * n + i] (same arrays, no copy). */
    private static float[][][] views(float[][] rows, int c, int n) {
        float[][][] v = new float[c][pad(n)][];
        for (int b = 0; b < c; b++) {
            for (int i = 0; i < n; i++) {
                v[b][i] = rows[b * n + i];
            }
        }
        return v;
    }

    /** The arithmetic this JVM uses for the dense layers, e.g. {@code vector 512-bit} or {@code scalar}. */
    public static String kernelName() {
        return Kernels.best().name();
    }

    public ModularNetworkSpec spec() {
        return spec;
    }

    @Override
    public int observationSize() {
        return obsSize;
    }

    @Override
    public int actionCount() {
        return actions;
    }

    @Override
    public long parameterCount() {
        return params.count();
    }

    @Override
    public void predict(float[] obs, int batch, float[] logits, float[] values) {
        run(obs, batch, logits, values, false);
        lastBatch = -1;
    }

    @Override
    public void forward(float[] obs, int batch, float[] logits, float[] values) {
        run(obs, batch, logits, values, true);
        lastBatch = batch;
    }

    /** The forward pass, layer by layer over the batch (split over the worker threads). */
    private void run(float[] x, int batch, float[] logits, float[] values, boolean training) {
        ensureCapacity(batch);
        int ef = spec.executionFeatures();
        int of = spec.opportunityFeatures();
        for (int b = 0; b < batch; b++) {
            int off = b * obsSize;
            System.arraycopy(x, off, obsRows[b], 0, obsSize);
            for (int s = 0; s < slotsE; s++) {
                System.arraycopy(x, off + spec.executionOffset() + s * ef, exIn[b * slotsE + s], 0, ef);
            }
            for (int t = 0; t < slotsO; t++) {
                System.arraycopy(x, off + spec.opportunityOffset() + t * of, oppIn[b * slotsO + t], 0, of);
            }
        }
        if (training && dropout > 0) {
            // masks drawn here, in row order, so they do not depend on the thread split
            for (int b = 0; b < batch; b++) {
                float[] mask = dropMask[b];
                for (int j = 0; j < FUSION_HIDDEN; j++) {
                    mask[j] = dropoutRng.nextDouble() >= dropout ? keepScale : 0f;
                }
            }
        }
        parallel(batch, (from, to, w) -> forwardRows(from, to, w, training));
        for (int b = 0; b < batch; b++) {
            System.arraycopy(logitRows[b], 0, logits, b * actions, actions);
            values[b] = valueRows[b][0];
        }
    }


    /** Rows [r0, r1) of the forward pass, on worker w. */
    private void forwardRows(int r0, int r1, int w, boolean training) {
        Kernels kk = kernels;
        // config and portfolio encoders
        config.forward(kk, obsRows, 0, r0, r1, fin, 0);
        portfolio.forward(kk, obsRows, spec.portfolioOffset(), r0, r1, fin, CONFIG_HIDDEN);
        // execution encoder per slot, then the max over slots (first maximum wins, as torch.max(dim))
        execution.forward(kk, exIn, 0, r0 * slotsE, r1 * slotsE, exEnc, 0);
        int fe = CONFIG_HIDDEN + PORTFOLIO_HIDDEN;
        for (int b = r0; b < r1; b++) {
            float[] f = fin[b];
            relu(f, 0, fe);
            int[] arg = exArg[b];
            for (int s = 0; s < slotsE; s++) {
                float[] e = exEnc[b * slotsE + s];
                relu(e, 0, EXECUTION_HIDDEN);
                for (int j = 0; j < EXECUTION_HIDDEN; j++) {
                    if (s == 0 || e[j] > f[fe + j]) {
                        f[fe + j] = e[j];
                        arg[j] = s;
                    }
                }
            }
        }
        // opportunity encoder: embed, query and key projections, attention per sample, output projection, fc
        int o0 = r0 * slotsO;
        int o1 = r1 * slotsO;
        embed.forward(kk, oppIn, 0, o0, o1, h, 0);
        for (int r = o0; r < o1; r++) {
            relu(h[r], 0, OPPORTUNITY_EMBED);
        }
        query.forward(kk, h, 0, o0, o1, q, 0);
        key.forward(kk, h, 0, o0, o1, k, 0);
        for (int b = r0; b < r1; b++) {
            attention(b, w);
        }
        attnOut.forward(kk, ctx, 0, r0, r1, pooled, 0);
        int fo = fe + EXECUTION_HIDDEN;
        oppFc.forward(kk, pooled, 0, r0, r1, fin, fo);
        for (int b = r0; b < r1; b++) {
            relu(fin[b], fo, OPPORTUNITY_OUT);
        }
        // fusion.0 -> LayerNorm -> ReLU -> dropout
        fusion0.forward(kk, fin, 0, r0, r1, xhat0, 0);
        for (int b = r0; b < r1; b++) {
            rstd0[b] = layerNorm(xhat0[b], FUSION_HIDDEN, ln0Gamma, ln0Beta, act0[b]);
            relu(act0[b], 0, FUSION_HIDDEN);
            float[] d0 = drop0[b];
            if (training && dropout > 0) {
                float[] mask = dropMask[b];
                for (int j = 0; j < FUSION_HIDDEN; j++) {
                    d0[j] = act0[b][j] * mask[j];
                }
            } else {
                System.arraycopy(act0[b], 0, d0, 0, FUSION_HIDDEN);
                java.util.Arrays.fill(dropMask[b], 1f);
            }
        }
        // fusion.1 -> LayerNorm -> ReLU
        fusion1.forward(kk, drop0, 0, r0, r1, xhat1, 0);
        for (int b = r0; b < r1; b++) {
            rstd1[b] = layerNorm(xhat1[b], FUSION_OUT, ln1Gamma, ln1Beta, feat[b]);
            relu(feat[b], 0, FUSION_OUT);
        }
        // heads
        actor0.forward(kk, feat, 0, r0, r1, actorH, 0);
        critic0.forward(kk, feat, 0, r0, r1, criticH, 0);
        for (int b = r0; b < r1; b++) {
            relu(actorH[b], 0, HEAD_HIDDEN);
            relu(criticH[b], 0, HEAD_HIDDEN);
        }
        actor1.forward(kk, actorH, 0, r0, r1, logitRows, 0);
        critic1.forward(kk, criticH, 0, r0, r1, valueRows, 0);
    }

    /** Work on rows [from, to) by worker w. */
    private interface RowTask {
        void run(int from, int to, int w);
    }

    /** Runs {@code task} on all rows: split in two halves over two threads for 32 rows or more. */
    private void parallel(int batch, RowTask task) {
        if (threads == 1 || batch < 32) {
            task.run(0, batch, 0);
            return;
        }
        int half = batch / 2;
        if (worker == null) {
            worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "modular-net-worker");
                t.setDaemon(true);
                return t;
            });
        }
        java.util.concurrent.Future<?> f = worker.submit(() -> task.run(half, batch, 1));
        task.run(0, half, 0);
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the network worker", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("network worker failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Self-attention of sample b, kept only through its mean over slots (attn, abar, hbar, ctx[b]).
     * All heads at once: scores = Q kBlock with kBlock block-diagonal, so every product is a dense
     * kernel call.
     */
    private void attention(int b, int w) {
        AttentionScratch sc = scratch[w];
        Kernels kk = kernels;
        int T = slotsO;
        float[][] kb = kBy[b];
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            for (int j = 0; j < HEAD_DIM; j++) {
                float[] row = sc.kBlock[hd * HEAD_DIM + j];
                for (int u = 0; u < T; u++) {
                    row[hd * T + u] = kb[u][hd * HEAD_DIM + j];
                }
            }
        }
        int ht = ATTENTION_HEADS * T;
        kk.gemm(qBy[b], 0, 0, T, OPPORTUNITY_EMBED, sc.kBlock, ht, sc.scores, 0, null, false);
        // softmax of each (query, head) segment of the scaled sc.scores; abar = mean over queries
        float[] ab = abar[b];
        Arrays.fill(ab, 0f);
        float invT = 1f / T;
        for (int t = 0; t < T; t++) {
            float[] sr = sc.scores[t];
            float[] a = attnBy[b][t];
            for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
                int o = hd * T;
                float max = Float.NEGATIVE_INFINITY;
                for (int u = 0; u < T; u++) {
                    max = Math.max(max, sr[o + u]);
                }
                for (int u = 0; u < T; u++) {
                    a[o + u] = (sr[o + u] - max) * attentionScale;
                }
            }
            kk.exp(a, ht);
            for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
                int o = hd * T;
                float sum = 0f;
                for (int u = 0; u < T; u++) {
                    sum += a[o + u];
                }
                float inv = 1f / sum;
                for (int u = 0; u < T; u++) {
                    a[o + u] *= inv;
                }
            }
            for (int i = 0; i < ht; i++) {
                ab[i] += a[i] * invT;
            }
        }
        // hbar_h = sum_u abar_h[u] h_u; ctx[head dims] = hbar_h Wv[:, head dims] + bv[head dims]
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            System.arraycopy(ab, hd * T, sc.abarRows[hd], 0, T);
        }
        kk.gemm(sc.abarRows, 0, 0, ATTENTION_HEADS, T, hBy[b], OPPORTUNITY_EMBED, hbarBy[b], 0, null, false);
        kk.gemm(hbarBy[b], 0, 0, ATTENTION_HEADS, OPPORTUNITY_EMBED, value.w.value, OPPORTUNITY_EMBED, sc.headCtx, 0, null, false);
        float[] bv = value.b.value[0];
        float[] c = ctx[b];
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            for (int j = hd * HEAD_DIM; j < (hd + 1) * HEAD_DIM; j++) {
                c[j] = sc.headCtx[hd][j] + bv[j];
            }
        }
    }

    /**
     * LayerNorm of z in place: z becomes xhat = (z - mean) * rstd, y = xhat * gamma + beta; returns
     * rstd = 1/sqrt(var + eps) (biased variance, as PyTorch).
     */
    private static float layerNorm(float[] z, int n, ParameterTensor gamma, ParameterTensor beta, float[] y) {
        float[] xhat = z;
        float mean = 0f;
        for (int i = 0; i < n; i++) {
            mean += z[i];
        }
        mean /= n;
        float var = 0f;
        for (int i = 0; i < n; i++) {
            float d = z[i] - mean;
            var = Math.fma(d, d, var);
        }
        var /= n;
        float rstd = (float) (1.0 / Math.sqrt(var + LAYER_NORM_EPS));
        float[] g = gamma.value[0];
        float[] be = beta.value[0];
        for (int i = 0; i < n; i++) {
            float xh = (z[i] - mean) * rstd;
            xhat[i] = xh;
            y[i] = Math.fma(xh, g[i], be[i]);
        }
        return rstd;
    }

    /**
     * LayerNorm backward: dgamma += dy * xhat, dbeta += dy, and
     * dz = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) with dxhat = dy * gamma.
     */
    private static void layerNormBackward(float[] dy, int n, float[] xhat, float rstd, ParameterTensor gamma,
                                          ParameterTensor beta, float[] dz, int worker) {
        float[] g = gamma.value[0];
        float[] gg = gamma.grad(worker)[0];
        float[] gb = beta.grad(worker)[0];
        float sum = 0f;
        float sumX = 0f;
        for (int i = 0; i < n; i++) {
            gg[i] = Math.fma(dy[i], xhat[i], gg[i]);
            gb[i] += dy[i];
            float dxh = dy[i] * g[i];
            dz[i] = dxh;
            sum += dxh;
            sumX = Math.fma(dxh, xhat[i], sumX);
        }
        float mean = sum / n;
        float meanX = sumX / n;
        for (int i = 0; i < n; i++) {
            dz[i] = rstd * (dz[i] - mean - xhat[i] * meanX);
        }
    }

    private static void relu(float[] v, int from, int len) {
        for (int i = from; i < from + len; i++) {
            v[i] = Math.max(v[i], 0f);
        }
    }

    /** Zeroes d where the ReLU output y was not positive. */
    private static void reluBackward(float[] y, int yOff, float[] d, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            d[dOff + i] = y[yOff + i] > 0f ? d[dOff + i] : 0f;   // branch-free select, vectorisable
        }
    }

    @Override
    public void backward(float[] dLogits, float[] dValues) {
        if (lastBatch < 0) {
            throw new IllegalStateException("backward needs a training forward first");
        }
        int batch = lastBatch;
        lastBatch = -1;
        for (int b = 0; b < batch; b++) {
            System.arraycopy(dLogits, b * actions, dLog[b], 0, actions);
            dVal[b][0] = dValues[b];
        }
        int workers = threads == 2 && batch >= 32 ? 2 : 1;
        parallel(batch, (from, to, w) -> {
            params.zeroGrad(w);
            backwardRows(from, to, w);
        });
        // sum the workers' gradients and the squared norm, each thread taking half of the tensors
        parallel(threads == 2 ? 32 : 1, (from, to, w) -> gradSquares[w] = params.reducePart(w, threads, workers));
    }

    /** Rows [r0, r1) of the backward pass, on worker w (its own gradient buffers). */
    private void backwardRows(int r0, int r1, int w) {
        Kernels kk = kernels;
        // heads
        actor1.accumulate(kk, actorH, 0, r0, r1, dLog, 0, w);
        actor1.backwardInput(kk, dLog, 0, r0, r1, dActorH, 0, false);
        critic1.accumulate(kk, criticH, 0, r0, r1, dVal, 0, w);
        critic1.backwardInput(kk, dVal, 0, r0, r1, dCriticH, 0, false);
        for (int b = r0; b < r1; b++) {
            reluBackward(actorH[b], 0, dActorH[b], 0, HEAD_HIDDEN);
            reluBackward(criticH[b], 0, dCriticH[b], 0, HEAD_HIDDEN);
        }
        actor0.accumulate(kk, feat, 0, r0, r1, dActorH, 0, w);
        actor0.backwardInput(kk, dActorH, 0, r0, r1, dFeat, 0, false);
        critic0.accumulate(kk, feat, 0, r0, r1, dCriticH, 0, w);
        critic0.backwardInput(kk, dCriticH, 0, r0, r1, dFeat, 0, true);
        // fusion.1 with its LayerNorm and ReLU
        for (int b = r0; b < r1; b++) {
            reluBackward(feat[b], 0, dFeat[b], 0, FUSION_OUT);
            layerNormBackward(dFeat[b], FUSION_OUT, xhat1[b], rstd1[b], ln1Gamma, ln1Beta, dZ1[b], w);
        }
        fusion1.accumulate(kk, drop0, 0, r0, r1, dZ1, 0, w);
        fusion1.backwardInput(kk, dZ1, 0, r0, r1, dD0, 0, false);
        // dropout, ReLU, LayerNorm, fusion.0
        for (int b = r0; b < r1; b++) {
            float[] mask = dropMask[b];
            float[] d = dD0[b];
            for (int j = 0; j < FUSION_HIDDEN; j++) {
                d[j] *= mask[j];
            }
            reluBackward(act0[b], 0, d, 0, FUSION_HIDDEN);
            layerNormBackward(d, FUSION_HIDDEN, xhat0[b], rstd0[b], ln0Gamma, ln0Beta, dZ0[b], w);
        }
        fusion0.accumulate(kk, fin, 0, r0, r1, dZ0, 0, w);
        fusion0.backwardInput(kk, dZ0, 0, r0, r1, dFin, 0, false);
        for (int b = r0; b < r1; b++) {
            reluBackward(fin[b], 0, dFin[b], 0, FUSION_IN);
        }
        // config and portfolio encoders (inputs need no gradient)
        config.accumulate(kk, obsRows, 0, r0, r1, dFin, 0, w);
        portfolio.accumulate(kk, obsRows, spec.portfolioOffset(), r0, r1, dFin, CONFIG_HIDDEN, w);
        // execution encoder: the max sends each gradient to the slot that held it
        int fe = CONFIG_HIDDEN + PORTFOLIO_HIDDEN;
        for (int b = r0; b < r1; b++) {
            int[] arg = exArg[b];
            float[] df = dFin[b];
            for (int s = 0; s < slotsE; s++) {
                float[] d = dEx[b * slotsE + s];
                for (int j = 0; j < EXECUTION_HIDDEN; j++) {
                    d[j] = arg[j] == s ? df[fe + j] : 0f;
                }
            }
        }
        execution.accumulate(kk, exIn, 0, r0 * slotsE, r1 * slotsE, dEx, 0, w);
        // opportunity encoder: fc, output projection, attention, query/key projections, embedding
        int fo = fe + EXECUTION_HIDDEN;
        oppFc.accumulate(kk, pooled, 0, r0, r1, dFin, fo, w);
        oppFc.backwardInput(kk, dFin, fo, r0, r1, dPooled, 0, false);
        attnOut.accumulate(kk, ctx, 0, r0, r1, dPooled, 0, w);
        attnOut.backwardInput(kk, dPooled, 0, r0, r1, dCtx, 0, false);
        for (int b = r0; b < r1; b++) {
            attentionBackward(b, w);
        }
        int o0 = r0 * slotsO;
        int o1 = r1 * slotsO;
        query.accumulate(kk, h, 0, o0, o1, dQ, 0, w);
        key.accumulate(kk, h, 0, o0, o1, dK, 0, w);
        query.backwardInput(kk, dQ, 0, o0, o1, dH, 0, true);
        key.backwardInput(kk, dK, 0, o0, o1, dH, 0, true);
        for (int r = o0; r < o1; r++) {
            reluBackward(h[r], 0, dH[r], 0, OPPORTUNITY_EMBED);
        }
        embed.accumulate(kk, oppIn, 0, o0, o1, dH, 0, w);
    }

    /**
     * Backward of {@link #attention} for sample b from dCtx[b]: the value projection's gradients, and the
     * sample's dH (through the weighted mean; the query/key paths add to it later), dQ and dK rows.
     */
    private void attentionBackward(int b, int w) {
        AttentionScratch sc = scratch[w];
        Kernels kk = kernels;
        int T = slotsO;
        int ht = ATTENTION_HEADS * T;
        int e = OPPORTUNITY_EMBED;
        float[] dc = dCtx[b];
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            float[] row = sc.dCtxHead[hd];
            Arrays.fill(row, 0f);
            System.arraycopy(dc, hd * HEAD_DIM, row, hd * HEAD_DIM, HEAD_DIM);
        }
        // value projection: dWv += sum_h hbar_h x dctx_h, dbv += dctx (the attention weights sum to 1)
        kk.gemmTN(hbarBy[b], 0, 0, ATTENTION_HEADS, e, sc.dCtxHead, 0, e, value.w.grad(w), value.b.grad(w)[0]);
        kk.gemm(sc.dCtxHead, 0, 0, ATTENTION_HEADS, e, value.wOut, e, sc.dHbar, 0, null, false);
        // hbar_h = sum_u abar_h[u] h_u  ->  dh_u = sum_h abar_h[u] dhbar_h, dabar_h[u] = h_u . dhbar_h
        float[] ab = abar[b];
        for (int u = 0; u < T; u++) {
            for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
                sc.abarT[u][hd] = ab[hd * T + u];
            }
        }
        kk.gemm(sc.abarT, 0, 0, T, ATTENTION_HEADS, sc.dHbar, e, dHBy[b], 0, null, false);
        for (int i = 0; i < e; i++) {
            for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
                sc.dHbarT[i][hd] = sc.dHbar[hd][i];
            }
        }
        kk.gemm(hBy[b], 0, 0, T, e, sc.dHbarT, ATTENTION_HEADS, sc.dAbarT, 0, null, false);
        float invT = 1f / T;
        for (int u = 0; u < T; u++) {
            for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
                sc.dA[hd * T + u] = sc.dAbarT[u][hd] * invT;   // sc.dA[t][u] = dabar[u] / T for every query t
            }
        }
        // softmax backward per (query, head) segment: sc.dS = A (sc.dA - A.dA), times the score scale
        for (int t = 0; t < T; t++) {
            float[] a = attnBy[b][t];
            float[] ds = sc.dS[t];
            for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
                int o = hd * T;
                float dot = 0f;
                for (int u = 0; u < T; u++) {
                    dot = Math.fma(a[o + u], sc.dA[o + u], dot);
                }
                for (int u = 0; u < T; u++) {
                    ds[o + u] = a[o + u] * (sc.dA[o + u] - dot) * attentionScale;
                }
            }
            for (int i = 0; i < ht; i++) {
                sc.dST[i][t] = ds[i];
            }
        }
        // dQ[t][h dims] = sum_u sc.dS[t][h,u] K[u][h dims]: one product with the block-diagonal K
        float[][] kb = kBy[b];
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            for (int u = 0; u < T; u++) {
                System.arraycopy(kb[u], hd * HEAD_DIM, sc.kBlockT[hd * T + u], hd * HEAD_DIM, HEAD_DIM);
            }
        }
        kk.gemm(sc.dS, 0, 0, T, ht, sc.kBlockT, e, dQBy[b], 0, null, false);
        // dK[u][h dims] = sum_t sc.dS[t][h,u] Q[t][h dims]: the diagonal blocks of sc.dS^T Q
        kk.gemm(sc.dST, 0, 0, ht, T, qBy[b], e, sc.dKFull, 0, null, false);
        float[][] dk = dKBy[b];
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            for (int u = 0; u < T; u++) {
                System.arraycopy(sc.dKFull[hd * T + u], hd * HEAD_DIM, dk[u], hd * HEAD_DIM, HEAD_DIM);
            }
        }
    }

    /** The gradient of parameter {@code name} left by the last {@link #backward}, for tests and diagnostics. */
    public NamedTensor gradient(String name) {
        return params.gradient(name);
    }

    @Override
    public double gradientNorm() {
        return Math.sqrt(gradSquares[0] + gradSquares[1]);
    }

    @Override
    public void adamStep(AdamConfig adam, double learningRate, double gradientScale) {
        params.beginAdam();
        // the two halves of the tensors are independent: update them on both threads when there are two
        parallel(threads == 2 ? 32 : 1, (from, to, w) -> params.adamPart(adam, learningRate, gradientScale, w, threads));
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdown();
            worker = null;
        }
    }

    @Override
    public NetworkState state() {
        return params.state(dropoutRng);
    }

    @Override
    public void load(NetworkState state) {
        params.load(state, dropoutRng);
    }
}
